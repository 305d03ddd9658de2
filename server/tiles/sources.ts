// The tile sources: one small description each (id, zooms, layers and their fields for TileJSON) and the
// database function that makes its tiles (migration 0002). The catalog (GET /tiles) lists them.
import type { QueryConfig } from 'pg';
import type { PlanKind } from '../shared/schemas.js';

export interface VectorLayer {
  id: string;
  description: string;
  fields: Record<string, string>;
  /** When the layer starts later than its source (TileJSON vector_layers[].minzoom). */
  minzoom?: number;
}

export interface TileSource {
  id: string;
  name: string;
  description: string;
  /** Below it a tile would be too dense to read or too heavy to send (a z14 tile of all parcels of a city is hundreds of KB). */
  minzoom: number;
  maxzoom: number;
  layers: VectorLayer[];
  /** SQL with $1..$4 = z, x, y, at (at unused by sources without history). */
  sql: string;
  dated: boolean;
}

// Only what the viewer's style draws or labels (migration 0016); the feature id leads to the rest in the API.
const ZONE_FIELDS = {
  code: 'the zone code, as the plan writes it',
  category: 'zone category (villa, apartment, industrial, green_space, …)',
  in_force: 'true when the plan is in force at the date',
};
const PLAN_FIELDS = {
  name_fr: 'plan name in French', name_ar: 'plan name in Arabic', in_force: 'true when in force at the date',
};

// Every kind from z6: the viewer opens on the whole territory (about z7.9) with each plan drawn. Below z9
// the local plans carry their perimeter only (migration 0018); the SDAU its zones too, generalised below
// z12 (0007).
const KIND_NAMES: Record<PlanKind, [string, string, number]> = {
  master: ['Schémas directeurs (SDAU)', 'Master plans: large zones of intended use', 6],
  development: ["Plans d'aménagement", 'Development plans: the binding, parcel-level zoning of towns', 6],
  growth: ['Plans de développement (centres ruraux)', 'Growth plans of rural centres', 6],
  restructuring: ['Plans de restructuration', 'Restructuring plans of neighbourhoods', 6],
};

const planSource = (kind: PlanKind): TileSource => {
  const [name, description, minzoom] = KIND_NAMES[kind];
  return {
    id: kind,
    name,
    description,
    minzoom,
    maxzoom: 22,
    layers: [
      { id: 'zones', description: 'zones of the plans answering at the date', fields: ZONE_FIELDS, ...(kind === 'master' ? {} : { minzoom: 9 }) },
      { id: 'plans', description: 'perimeter of each plan', fields: PLAN_FIELDS },
    ],
    sql: `SELECT tile_zones('${kind}'::plan_kind, $1, $2, $3, $4::date) AS mvt`,
    dated: true,
  };
};

export const SOURCES: TileSource[] = [
  {
    id: 'communes',
    name: 'Communes',
    description: 'Commune boundaries of the agency territory (© OpenStreetMap contributors, ODbL)',
    minzoom: 0,
    maxzoom: 22,
    layers: [{ id: 'communes', description: 'communes', fields: { name_fr: 'name in French', name_ar: 'name in Arabic' } }],
    sql: 'SELECT tile_communes($1, $2, $3) AS mvt',
    dated: false,
  },
  planSource('master'),
  planSource('development'),
  planSource('growth'),
  planSource('restructuring'),
  {
    id: 'overlays',
    name: 'Prescriptions et servitudes',
    description: 'Planned roads, reserved sites, no-build strips, heritage, flood zones, maritime domain, utility lines',
    minzoom: 11,
    maxzoom: 22,
    layers: [{ id: 'overlays', description: 'overlays', fields: { kind: 'overlay kind', width_m: 'width in metres (planned roads, strips)' } }],
    sql: 'SELECT tile_overlays($1, $2, $3, $4::date) AS mvt',
    dated: true,
  },
  {
    id: 'parcels',
    name: 'Parcelles cadastrales',
    description: 'Cadastral parcels current at the date',
    minzoom: 14,
    maxzoom: 22,
    layers: [{ id: 'parcels', description: 'parcels', fields: { ref: 'land title or requisition reference' } }],
    sql: 'SELECT tile_parcels($1, $2, $3, $4::date) AS mvt',
    dated: true,
  },
  {
    // Outcomes of project studies (server/studies, tile_studies in migration 0013).
    id: 'studies',
    name: 'Avis sur les projets étudiés',
    description: "Parcels with a studied project file (building permit, subdivision, housing group, property division, investment project): the agency's latest opinion",
    minzoom: 13,
    maxzoom: 22,
    layers: [{ id: 'studies', description: 'parcels with a studied file', fields: { opinion: 'favourable, favourable_with_conditions or unfavourable' } }],
    sql: 'SELECT tile_studies($1, $2, $3, $4::date) AS mvt',
    dated: true,
  },
];

export const SOURCE_BY_ID = new Map(SOURCES.map((s) => [s.id, s]));

/**
 * The statement that makes one tile, prepared once per connection (named). The route, the PMTiles export
 * and the benchmark's SQL floor all run this same statement. (Results stay in text format: node-postgres
 * decodes a DataRow as a string unless the whole client is in binary mode, so a binary bytea per query
 * arrives corrupted.)
 */
export function tileQuery(s: TileSource, z: number, x: number, y: number, at: string): QueryConfig {
  return { name: `tile_${s.id}`, text: s.sql, values: s.dated ? [z, x, y, at] : [z, x, y] };
}

/** Tiles are made up to this zoom; MapLibre overzooms beyond it. */
export const MAX_TILE_ZOOM = 22;
