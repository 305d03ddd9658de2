// What a note states, gathered once at issue (DOMAIN.md, "The urban planning information note"): the
// selection sheet (plans, zones and shares, rules, overlays, capacity: the same answer as the parcel
// sheet), plus what only the note states: the communes, the vertices in Lambert Nord Maroc, the map.
import type pg from 'pg';
import type { Selection, SelectionSheet } from '../selection/schemas.js';
import type { PlanRef } from '../shared/schemas.js';
import { mapData } from './map-data.js';
import type { NoteContent, NoteLang, NoteParcel } from './schemas.js';

type XY = [number, number];
type MultiPolygon = { type: string; coordinates: XY[][][] };

/** GeoJSON (Multi)Polygon in EPSG:26191 → its rings without the closing vertex. */
export function ringsOf(g: { type: string; coordinates: unknown }): XY[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates as XY[][]] : (g as MultiPolygon).coordinates;
  return polys.flatMap((rings) => rings.map((r) => r.slice(0, -1)));
}

const COMMUNES_SQL = `
  SELECT c.code, c.name, c.province FROM communes c, (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) l
  WHERE c.geom_4326 && l.g AND ST_Intersects(c.geom_4326, l.g)
  ORDER BY ST_Area(ST_Intersection(c.geom_4326, l.g)::geography) DESC`;

// Vertices clockwise (exterior rings), as surveyors number them; to the centimetre. The coordinates come
// from EPSG:4326 through EPSG:1166 (to_26191, migration 0001): about 7 m absolute accuracy. The parcels
// are projected in one to_26191 call (it costs about 4 ms a call, map-data.ts).
const LAND_RINGS_SQL = `SELECT ST_AsGeoJSON(ST_ForcePolygonCW(to_26191(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))), 2)::jsonb AS g`;
const PARCEL_RINGS_SQL = `
  WITH src AS (SELECT id, row_number() OVER (ORDER BY id)::int AS i, geom_4326 FROM parcels WHERE id = ANY($1::bigint[])),
       lam AS (SELECT to_26191(ST_Collect(geom_4326 ORDER BY i)) AS gc FROM src)
  SELECT id, ST_AsGeoJSON(ST_ForcePolygonCW(ST_GeometryN(gc, i)), 2)::jsonb AS g FROM src, lam`;

/**
 * The plans whose zones the map draws: the binding plans in force (not the SDAU, which is not opposable at
 * parcel level), the most detailed first; when none is in force, the first plan the note lists.
 */
export function mapPlans(sheet: Pick<SelectionSheet, 'zoning'>): PlanRef[] {
  const seen = new Map<number, PlanRef>();
  for (const z of sheet.zoning) if (!seen.has(z.plan.versionId)) seen.set(z.plan.versionId, z.plan);
  const plans = [...seen.values()];
  const binding = plans.filter((p) => p.inForce && p.kind !== 'master');
  return binding.length ? binding : plans.slice(0, 1);
}

/**
 * Vertices typed in Lambert Nord Maroc are stated as typed, in their order: a surveyor checks them
 * against their own plan, and a round trip through EPSG:4326 (stored to 1e-7°) would move them by a few
 * millimetres.
 */
function typedLambert(s: Selection): XY[][] | null {
  if (s.type !== 'coordinates' || s.crs !== 'EPSG:26191') return null;
  const [first, last] = [s.points[0]!, s.points[s.points.length - 1]!];
  const closed = first[0] === last[0] && first[1] === last[1];
  return [(closed ? s.points.slice(0, -1) : s.points).map(([x, y]) => [x, y] as XY)];
}

export interface Issue {
  reference: string;
  issuedAt: string;
  lang: NoteLang;
  /** an official note states the request it answers (server/requests) */
  official?: { fileNumber: string };
}

export async function buildContent(pool: pg.Pool, selection: Selection, sheet: SelectionSheet, issue: Issue): Promise<NoteContent> {
  const land = JSON.stringify(sheet.selection.geometry);
  const parcelIds = selection.type === 'parcels' ? sheet.selection.parcels.map((p) => p.id) : [];
  const drawn = mapPlans(sheet);
  const overlayVersions = [...new Set([...drawn.map((p) => p.versionId), ...sheet.overlays.map((o) => o.plan.versionId)])];
  const [communes, landRings, parcelRings, map] = await Promise.all([
    pool.query<NoteContent['land']['communes'][number]>(COMMUNES_SQL, [land]),
    pool.query<{ g: MultiPolygon }>(LAND_RINGS_SQL, [land]),
    pool.query<{ id: string; g: MultiPolygon }>(PARCEL_RINGS_SQL, [parcelIds]),
    mapData(pool, {
      land: sheet.selection.geometry,
      at: sheet.at,
      selectedParcelIds: parcelIds,
      zoneVersionIds: drawn.map((p) => p.versionId),
      zonePlans: drawn.map((p) => ({ code: p.code, name: p.name, inForce: p.inForce })),
      overlayVersionIds: overlayVersions,
    }),
  ]);
  const ringsById = new Map(parcelRings.rows.map((r) => [Number(r.id), ringsOf(r.g)]));
  const parcels: NoteParcel[] = sheet.selection.parcels.map((p) => ({ ...p, rings: ringsById.get(p.id) ?? [] }));
  const illustrative =
    parcels.some((p) => p.illustrative) || sheet.zoning.some((z) => z.plan.illustrative) || sheet.overlays.some((o) => o.plan.illustrative);
  return {
    kind: issue.official ? 'official' : 'indicative',
    ...(issue.official ? { official: issue.official } : {}),
    reference: issue.reference,
    issuedAt: issue.issuedAt,
    at: sheet.at,
    dataVersion: sheet.dataVersion,
    lang: issue.lang,
    illustrative,
    selection,
    land: {
      type: sheet.selection.type,
      areaM2: sheet.selection.areaM2,
      communes: communes.rows,
      rings: typedLambert(selection) ?? ringsOf(landRings.rows[0]!.g),
      parcels,
    },
    zoning: sheet.zoning,
    overlays: sheet.overlays,
    capacity: sheet.capacity,
    map,
  };
}
