// DXF extracts read back by an independent parser (dxf-parser): metres in EPSG:26191, named layers, the
// parcel where PostGIS puts it, setback lines inside the parcel at the distance its zone's rules state.
import DxfParserModule, { type IDxf, type ILwpolylineEntity, type ITextEntity } from 'dxf-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { one, sql } from '../helpers/db.js';
import { adjacentPair, AT, lambertVertices, parcelWithSetbacks, sameVertices, type Rule } from './fixtures.js';

// dxf-parser's CommonJS build (what Node loads) exports the class itself; its types describe the ES build.
const DxfParser = DxfParserModule as unknown as typeof DxfParserModule.default;

const LAYERS = ['PARCEL', 'NEIGHBOURS', 'ZONES', 'SETBACKS', 'OVERLAYS', 'ROADS', 'TEXT', 'TITLE'];

/** DXF \U+nnnn escapes (DXF reference, "Control codes") back to characters. */
const unescape = (s: string) => s.replace(/\\U\+([0-9A-Fa-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

async function dxfOf(url: string): Promise<{ dxf: IDxf; text: string; headers: Record<string, unknown> }> {
  const res = await app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  const dxf = new DxfParser().parseSync(res.body);
  expect(dxf).not.toBeNull();
  return { dxf: dxf!, text: res.body, headers: res.headers };
}

const on = (dxf: IDxf, layer: string) => dxf.entities.filter((e) => e.layer === layer);
const polylines = (dxf: IDxf, layer: string) => on(dxf, layer).filter((e): e is ILwpolylineEntity => e.type === 'LWPOLYLINE');
const texts = (dxf: IDxf, layer: string) => on(dxf, layer).filter((e): e is ITextEntity => e.type === 'TEXT').map((t) => unescape(t.text));
const wkt = (e: ILwpolylineEntity) => `LINESTRING(${e.vertices.map((v) => `${v.x} ${v.y}`).join(',')})`;

describe('DXF extract of one parcel', () => {
  it('is an AutoCAD 2007 ASCII DXF in metres, with every named layer', async () => {
    const p = await parcelWithSetbacks();
    const { dxf, text, headers } = await dxfOf(`/api/parcels/${p.id}/extract.dxf?at=${AT}`);
    expect(headers['content-type']).toBe('image/vnd.dxf');
    expect(headers['content-disposition']).toMatch(/_extract_EPSG26191\.dxf"$/);
    expect(dxf.header.$ACADVER).toBe('AC1021');
    expect(dxf.header.$INSUNITS).toBe(6); // metres
    expect(Object.keys(dxf.tables.layer.layers)).toEqual(expect.arrayContaining(LAYERS));
    expect(/^[\t\n\r -~]*$/.test(text)).toBe(true); // pure ASCII, whatever encoding a reader assumes
    for (const layer of ['PARCEL', 'NEIGHBOURS', 'ZONES', 'SETBACKS', 'TEXT', 'TITLE']) {
      expect(on(dxf, layer).length, layer).toBeGreaterThan(0);
    }
  });

  it('draws the parcel as one closed LWPOLYLINE on the vertices PostGIS computes, within 1 mm', async () => {
    const p = await parcelWithSetbacks();
    const { dxf } = await dxfOf(`/api/parcels/${p.id}/extract.dxf?at=${AT}`);
    const outline = polylines(dxf, 'PARCEL');
    expect(outline).toHaveLength(1);
    expect(outline[0]!.shape).toBe(true); // closed
    const expected = await lambertVertices(p.id);
    expect(sameVertices(outline[0]!.vertices.map((v) => [v.x, v.y]), expected, 0.001)).toBeNull();
  });

  it('writes each vertex’s Lambert coordinates and each side’s length in metres', async () => {
    const p = await parcelWithSetbacks();
    const { dxf } = await dxfOf(`/api/parcels/${p.id}/extract.dxf?at=${AT}`);
    const labels = texts(dxf, 'TEXT');
    const table = labels
      .map((t) => /^S\d+\s+X = ([\d.]+)\s+Y = ([\d.]+)$/.exec(t))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
    const expected = await lambertVertices(p.id);
    expect(sameVertices(table, expected, 0.0071)).toBeNull(); // written to the centimetre: ± 5 mm in x and in y
    const sides = await sql<{ len: number }>(
      'SELECT ST_Length(s.geom) AS len FROM parcels p, ST_DumpSegments(to_26191(p.geom_4326)) s WHERE p.id = $1',
      [p.id],
    );
    for (const s of sides) expect(labels).toContain(`${s.len.toFixed(2)} m`);
  });

  it('writes the title block: reference, commune, date, data version, illustrative sample', async () => {
    const p = await parcelWithSetbacks();
    const { dxf } = await dxfOf(`/api/parcels/${p.id}/extract.dxf?at=${AT}`);
    const title = texts(dxf, 'TITLE').join('\n');
    const dv = await one<{ v: string }>('SELECT version::text AS v FROM data_version');
    expect(title).toContain(p.reference);
    expect(title).toContain('Nador');
    expect(title).toContain(AT);
    expect(title).toContain(`version des données ${dv.v}`);
    expect(title).toContain('ÉCHANTILLON ILLUSTRATIF');
    expect(title).toContain(`zone ${p.zone}`);
    // the code alone, or followed by its plan's code when the drawing shows zones of several plans
    expect(texts(dxf, 'ZONES').some((t) => t === p.zone || t.startsWith(`${p.zone} (`))).toBe(true);
  });

  it('draws setback lines inside the parcel, at the front, side or rear setback of its zone from the matching side', async () => {
    const p = await parcelWithSetbacks();
    const { dxf } = await dxfOf(`/api/parcels/${p.id}/extract.dxf?at=${AT}`);
    const lines = polylines(dxf, 'SETBACKS');
    expect(lines.length).toBeGreaterThan(0);
    const kinds = new Set<string>();
    for (const line of lines) {
      kinds.add(await checkSetback(p.id, wkt(line), p.rule));
    }
    // A lot of the sample faces a street and has neighbours: both kinds of side are there.
    expect(kinds).toEqual(new Set(['street', 'neighbour']));
  });
});

/**
 * Checks one setback line against PostGIS: within the parcel (to the millimetre the DXF is written to);
 * its nearest parallel side of the parcel; that side faces a street (shared with no other current parcel)
 * or a neighbour; and the distance is the front setback for a street side, the side or rear setback for a
 * neighbour's side. Returns which kind of side it was.
 */
async function checkSetback(parcel: number, line: string, rule: Rule): Promise<'street' | 'neighbour'> {
  const r = await one<{ within: boolean; dist: number | null; shared: boolean | null }>(
    `WITH p AS (SELECT to_26191(geom_4326) AS g FROM parcels WHERE id = $1),
          l AS (SELECT ST_SetSRID(ST_GeomFromText($2), 26191) AS g),
          others AS (
            SELECT ST_Union(to_26191(q.geom_4326)) AS g FROM parcels q, parcels me
            WHERE me.id = $1 AND q.id <> me.id AND q.valid_to IS NULL AND q.geom_4326 && ST_Expand(me.geom_4326, 0.0002)),
          sides AS (
            SELECT s.geom, ST_Distance(s.geom, l.g) AS dist,
                   -- parallel: the line's direction and the side's differ by less than 0.1°
                   abs(sin(ST_Azimuth(ST_StartPoint(s.geom), ST_EndPoint(s.geom))
                         - ST_Azimuth(ST_StartPoint(l.g), ST_EndPoint(l.g)))) < 0.002 AS parallel
            FROM p, l, ST_DumpSegments(p.g) s)
     SELECT ST_Within(l.g, ST_Buffer(p.g, 0.001)) AS within, s.dist,
            ST_Length(ST_Intersection(s.geom, ST_Buffer(o.g, 0.05))) > 0.5 * ST_Length(s.geom) AS shared
     FROM p, l, others o
     LEFT JOIN LATERAL (SELECT * FROM sides WHERE parallel ORDER BY dist LIMIT 1) s ON true`,
    [parcel, line],
  );
  expect(r.within, line).toBe(true);
  expect(r.dist, `no side of the parcel is parallel to ${line}`).not.toBeNull();
  if (r.shared) {
    expect([rule.side, rule.rear].some((d) => Math.abs(d - r.dist!) < 0.002), `${r.dist} m from a neighbour's side`).toBe(true);
    return 'neighbour';
  }
  expect(r.dist).toBeCloseTo(rule.front, 2);
  return 'street';
}

describe('DXF extract of a selection', () => {
  it('draws two adjacent parcels of Nador, each on PARCEL, with setbacks around their union', async () => {
    const f = await adjacentPair();
    const res = await app.inject({
      method: 'POST', url: `/api/selection/extract.dxf?at=${AT}`, payload: { selection: { type: 'parcels', ids: [f.a, f.b] } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const dxf = new DxfParser().parseSync(res.body)!;
    const outlines = polylines(dxf, 'PARCEL');
    expect(outlines).toHaveLength(2);
    for (const id of [f.a, f.b]) {
      const expected = await lambertVertices(id);
      expect(outlines.some((o) => sameVertices(o.vertices.map((v) => [v.x, v.y]), expected, 0.001) === null), `parcel ${id}`).toBe(true);
    }
    const refs = texts(dxf, 'TEXT');
    expect(refs).toContain(f.ra);
    expect(refs).toContain(f.rb);
    // No setback line runs along the boundary the two parcels share: it is inside the project.
    const shared = await one<{ g: string }>(
      'SELECT ST_AsText(ST_Intersection(to_26191(a.geom_4326), to_26191(b.geom_4326))) AS g FROM parcels a, parcels b WHERE a.id = $1 AND b.id = $2',
      [f.a, f.b],
    );
    for (const line of polylines(dxf, 'SETBACKS')) {
      const d = await one<{ d: number }>('SELECT ST_HausdorffDistance(ST_GeomFromText($1), ST_GeomFromText($2)) AS d', [wkt(line), shared.g]);
      expect(d.d).toBeGreaterThan(0.5);
    }
  });

  it('draws a polygon typed in Lambert exactly where typed, and no setbacks for it', async () => {
    const c = await one<{ x: number; y: number }>(
      `SELECT round(ST_X(g))::float8 AS x, round(ST_Y(g))::float8 AS y FROM (
         SELECT to_26191(ST_PointOnSurface(geom_4326)) AS g FROM parcels WHERE valid_to IS NULL ORDER BY id LIMIT 1 OFFSET 100) t`,
    );
    const pts: [number, number][] = [[c.x, c.y], [c.x + 30, c.y], [c.x + 30, c.y + 20], [c.x, c.y + 20]];
    const coords = encodeURIComponent(pts.map(([x, y]) => `${x} ${y}`).join(','));
    const { dxf } = await dxfOf(`/api/selection/extract.dxf?at=${AT}&coords=${coords}&crs_in=EPSG:26191`);
    const outline = polylines(dxf, 'PARCEL');
    expect(outline).toHaveLength(1);
    expect(sameVertices(outline[0]!.vertices.map((v) => [v.x, v.y]), pts, 1e-9)).toBeNull();
    expect(polylines(dxf, 'SETBACKS')).toHaveLength(0);
    expect(texts(dxf, 'TEXT')).toContain('30.00 m');
  });
});
