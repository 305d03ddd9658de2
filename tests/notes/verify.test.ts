// Verifying a note after the data changed. The change is published, and the data version bumped, in a
// database of this file's own (tests/helpers/scratch.ts: the communes, no sample), so that the other test
// files, which share the test database and run in parallel, never see it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSha256 } from '../../server/notes/canonical.js';
import type { NoteIssued, NoteVerification } from '../../server/notes/schemas.js';
import { scratchDatabase, type Scratch } from '../helpers/scratch.js';

let db: Scratch;
let app: FastifyInstance;
const code = 'test-notes';
let versionId: number;
let centre: { x: number; y: number };

beforeAll(async () => {
  // The process id in its name: several test runs at once each drop and make their own.
  db = await scratchDatabase(`notes_${process.pid}`);
  app = await db.app();
  [centre] = (await db.query<{ x: number; y: number }>(
    `SELECT round(ST_X(p))::int AS x, round(ST_Y(p))::int AS y
     FROM communes c CROSS JOIN LATERAL (SELECT to_26191(ST_PointOnSurface(c.geom_4326)) AS p) s
     WHERE c.name->>'fr' = 'Nador'`,
  )) as [{ x: number; y: number }];
  // A plan d'aménagement in force, one villa zone of 200 m × 200 m, its rules, a planned road across it.
  const [v] = await db.query<{ id: number }>(
    `WITH land AS (SELECT ST_Multi(from_26191(ST_MakeEnvelope($2 - 100, $3 - 100, $2 + 100, $3 + 100, 26191))) AS g),
          p AS (INSERT INTO plans (code, kind, name, illustrative)
                VALUES ($1, 'development', '{"fr": "Plan de test des notes (exemple illustratif)", "ar": "تصميم اختبار المذكرات (مثال توضيحي)"}', true)
                RETURNING id),
          v AS (INSERT INTO plan_versions (plan_id, version_no, state, decree_ref, bo_ref, bo_date, approved_on, expires_on, valid_from, published_at, geom_4326)
                SELECT p.id, 1, 'published', 'Décret n° 2-00-000 (test)', 'BO n° 0000 (test)', '2020-01-02', '2020-01-01', '2099-01-01', '2020-01-01', now(), land.g
                FROM p, land RETURNING id),
          e AS (INSERT INTO plan_status_events (version_id, status, effective_on, reference) SELECT id, 'approved', '2020-01-01', 'test' FROM v),
          z AS (INSERT INTO zones (version_id, code, label, category, geom_4326)
                SELECT v.id, 'VT', '{"fr": "Villas de test", "ar": "فيلات الاختبار"}', 'villa', land.g FROM v, land),
          r AS (INSERT INTO regulations (version_id, zone_code, allowed_uses, forbidden_uses, max_height_m, max_levels, cos, ces,
                                         min_lot_area_m2, min_frontage_m, setback_front_m, setback_side_m, setback_rear_m, article_ref)
                SELECT id, 'VT', '[{"fr": "Habitat individuel", "ar": "السكن الفردي"}]', '[{"fr": "Industrie", "ar": "الصناعة"}]',
                       8.5, 2, 0.8, 0.4, 300, 12, 5, 3, 3, 'Art. T1' FROM v),
          o AS (INSERT INTO overlays (version_id, kind, code, label, width_m, geom_4326)
                SELECT id, 'planned_road', 'VT1', '{"fr": "Voie de test, emprise 12 m", "ar": "طريق الاختبار، عرض 12 م"}', 12,
                       from_26191(ST_MakeLine(ST_MakePoint($2 - 150, $3), ST_MakePoint($2 + 150, $3))) FROM v)
     SELECT id FROM v`,
    [code, centre.x, centre.y],
  );
  versionId = v!.id;
  await db.query('SELECT bump_data_version()');
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const verify = async (n: NoteIssued): Promise<NoteVerification> => {
  const res = await app.inject({ url: `/api/notes/${n.reference}?k=${n.verificationCode}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('verifying a note before and after its rules change', () => {
  it('says "no change" after a publication elsewhere, and "changed" with what changed after this plan changes', async () => {
    const { x, y } = centre;
    const points = [[x - 20, y - 20], [x + 20, y - 20], [x + 20, y + 20], [x - 20, y + 20]];
    const res = await app.inject({ method: 'POST', url: '/api/notes', payload: { selection: { type: 'coordinates', crs: 'EPSG:26191', points }, lang: 'fr' } });
    expect(res.statusCode, res.body).toBe(201);
    const issued: NoteIssued = res.json();

    const before = await verify(issued);
    expect(before.current.changedSince).toBe(false);
    const stated = before.content.zoning.find((z) => z.plan.code === code)!;
    expect(stated.zone.code).toBe('VT');
    expect(stated.share).toBe(1);
    expect(stated.regulation!.maxLevels).toBe(2);
    expect(before.content.overlays.map((o) => o.code)).toContain('VT1');
    expect(before.content.capacity!.maxFloorAreaM2).toBeCloseTo(0.8 * before.content.land.areaM2, 0);

    // A publication that does not touch this land: the version moves, the note still holds.
    const [{ version }] = (await db.query<{ version: number }>('SELECT bump_data_version() AS version')) as [{ version: number }];
    await app.dataVersion.refresh();
    const elsewhere = await verify(issued);
    expect(elsewhere.current.dataVersion).toBeGreaterThanOrEqual(Number(version));
    expect(elsewhere.current.dataVersion).toBeGreaterThan(before.dataVersion);
    expect(elsewhere.current.changedSince).toBe(false);

    // This plan's rule changes (R+1 → R+2, 8.5 m → 11.5 m), published with its own bump.
    await db.query(`UPDATE regulations SET max_levels = 3, max_height_m = 11.5 WHERE version_id = $1 AND zone_code = 'VT'`, [versionId]);
    await db.query('SELECT bump_data_version()');
    const after = await verify(issued);
    expect(after.current.changedSince).toBe(true);
    expect(after.current.changes).toContainEqual({ subject: 'regulation', change: 'changed', key: `${code} / VT`, fields: ['maxHeightM', 'maxLevels'] });
    expect(after.current.changes).toContainEqual({ subject: 'capacity', change: 'changed', key: 'capacity', fields: ['maxHeightM', 'maxLevels'] });
    expect(after.current.message.fr).toMatch(/ont changé/);
    expect(after.current.message.ar).toMatch(/تغيرت القواعد/);
    // …and still returns what was stated, under the same hash.
    expect(after.content).toEqual(before.content);
    expect(after.contentSha256).toBe(before.contentSha256);
    expect(contentSha256(after.content)).toBe(after.contentSha256);
    expect(after.content.zoning.find((z) => z.plan.code === code)!.regulation!.maxLevels).toBe(2);

    // The road removed: an overlay the note stated is gone.
    await db.query(`DELETE FROM overlays WHERE version_id = $1 AND code = 'VT1'`, [versionId]);
    const roadless = await verify(issued);
    expect(roadless.current.changes).toContainEqual({ subject: 'overlay', change: 'removed', key: `${code} / planned_road VT1 / Voie de test, emprise 12 m` });

    // The PDF issued before the change still states the rules as they were.
    const pdf = await app.inject({ url: `/api/notes/${issued.reference}.pdf?k=${issued.verificationCode}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps the record as issued: the notes table refuses updates and deletes', async () => {
    const [n] = await db.query<{ reference: string }>('SELECT reference FROM notes ORDER BY id DESC LIMIT 1');
    expect(n).toBeDefined();
    await expect(db.query(`UPDATE notes SET lang = 'ar' WHERE reference = $1`, [n!.reference])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM notes WHERE reference = $1', [n!.reference])).rejects.toThrow(/append-only/);
  });
});
