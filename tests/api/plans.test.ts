import { bbox as turfBbox } from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail, PlanList, ZoneCollection } from '../../server/plans/schemas.js';
import { buildTestApp } from '../helpers/app.js';
import { one, sql } from '../helpers/db.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const get = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ url });
  expect(res.statusCode, `${url} → ${res.body}`).toBe(200);
  return res.json() as T;
};

describe('GET /api/plans', () => {
  it('lists the four kinds of plan, illustrative, in force first, each with references and a bbox on the territory', async () => {
    const list = await get<PlanList>('/api/plans');
    expect(new Set(list.plans.map((p) => p.kind))).toEqual(new Set(['master', 'development', 'growth', 'restructuring']));
    const flags = list.plans.map((p) => p.inForce);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    for (const p of list.plans) {
      expect(p.illustrative).toBe(true);
      expect(p.name.ar).toMatch(/[\u0600-\u06FF]/);
      expect(p.name.fr.length).toBeGreaterThan(3);
      expect(p.zoneCount).toBeGreaterThan(0);
      const [minLon, minLat, maxLon, maxLat] = p.bbox!;
      expect(minLon).toBeGreaterThan(-4.5);
      expect(maxLon).toBeLessThan(-1.5);
      expect(minLat).toBeGreaterThan(33.5);
      expect(maxLat).toBeLessThan(35.6);
      if (p.status === 'approved') expect(p.decreeRef).toBeTruthy();
    }
  });

  it("links each plan's regulation document, a PDF served by this host", async () => {
    const { plans } = (await app.inject({ url: '/api/plans' })).json() as { plans: { code: string; regulationUrl: string | null }[] };
    for (const p of plans) {
      expect(p.regulationUrl, p.code).toMatch(/^\/api\/documents\/\d+\/file$/);
      const pdf = await app.inject({ url: p.regulationUrl! });
      expect(pdf.statusCode, p.code).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('answers what was in force at a past date (?at=)', async () => {
    const f = await one<{ plan_id: number; old_from: string; new_from: string }>(
      `SELECT plan_id, min(valid_from)::text AS old_from, max(valid_from)::text AS new_from FROM plan_versions
       WHERE state = 'published' GROUP BY plan_id HAVING count(*) > 1 ORDER BY plan_id LIMIT 1`,
    );
    const before = await get<PlanDetail>(`/api/plans/${f.plan_id}?at=${f.old_from}`);
    const now = await get<PlanDetail>(`/api/plans/${f.plan_id}`);
    expect(before.versionNo).toBeLessThan(now.versionNo);
    expect(before.versions.length).toBeGreaterThan(1);
    expect(before.at).toBe(f.old_from);
  });
});

describe('GET /api/plans/:id', () => {
  it('gives every zone type of the plan with its complete rules', async () => {
    const list = await get<PlanList>('/api/plans');
    const pa = list.plans.find((p) => p.kind === 'development' && p.inForce)!;
    const detail = await get<PlanDetail>(`/api/plans/${pa.id}`);
    expect(detail.zoneTypes.length).toBeGreaterThanOrEqual(5);
    for (const z of detail.zoneTypes) {
      expect(z.regulation, z.code).not.toBeNull();
      expect(z.regulation!.allowedUses.length).toBeGreaterThan(0);
      expect(z.areaM2).toBeGreaterThan(0);
    }
    expect(detail.versions.at(-1)!.statusHistory.map((s) => s.status)).toContain('approved');
  });
});

describe('GET /api/plans/:id/zones', () => {
  it('pages through every zone with a keyset cursor, as GeoJSON', async () => {
    const list = await get<PlanList>('/api/plans');
    const plan = list.plans.find((p) => p.kind === 'development' && p.inForce)!;
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res = await app.inject({ url: `/api/plans/${plan.id}/zones?limit=7${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      const page = res.json() as ZoneCollection;
      expect(page.type).toBe('FeatureCollection');
      expect(page.features.length).toBeLessThanOrEqual(7);
      seen.push(...page.features.map((f) => f.id));
      cursor = page.next;
      pages++;
    }
    const count = await one<{ n: number }>('SELECT count(*)::int AS n FROM zones WHERE version_id = $1', [plan.versionId]);
    expect(seen).toHaveLength(count.n);
    expect(new Set(seen).size).toBe(count.n);
    expect(pages).toBe(Math.ceil(count.n / 7) + (count.n % 7 === 0 ? 1 : 0));
  });

  it('filters by bbox: every zone returned meets the box, and none is missing', async () => {
    const list = await get<PlanList>('/api/plans');
    const plan = list.plans.find((p) => p.kind === 'development' && p.inForce)!;
    const [a, b, c, d] = plan.bbox!;
    const box = [a, b, a + (c - a) / 3, b + (d - b) / 3];
    const page = await get<ZoneCollection>(`/api/plans/${plan.id}/zones?limit=1000&bbox=${box.join(',')}`);
    for (const f of page.features) {
      const [fa, fb, fc, fd] = turfBbox(f.geometry as never);
      expect(fa <= box[2]! && fc >= box[0]! && fb <= box[3]! && fd >= box[1]!).toBe(true);
    }
    const expected = await sql<{ id: number }>(
      'SELECT id FROM zones WHERE version_id = $1 AND geom_4326 && ST_MakeEnvelope($2, $3, $4, $5, 4326)',
      [plan.versionId, ...box],
    );
    expect(page.features.map((f) => f.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });
});
