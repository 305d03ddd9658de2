// The coordinate system of an imported layer: read from the file (.prj, GeoPackage, GeoJSON), identified by
// its parameters, never guessed silently (DOMAIN.md, "Coordinates").
//
// GDAL normalises whatever the file holds (ESRI or OGC WKT, angles in grads or degrees, named or "unnamed"
// definitions written by older GIS software) to one PROJ string (`gdalsrsinfo -o proj4`); we match its
// parameters against the systems we accept. Matching the parameters rather than trusting a name or GDAL's
// "confidence" makes an unnamed Lambert definition identify as exactly as EPSG:26191 itself.
//
// For the Merchich systems (EPSG:26191, 26192) the transformation to WGS 84 is forced to EPSG:1166
// (towgs84 31,146,47), the one lambert_nord_proj() states in migration 0001: ogr2ogr gets a PROJ string
// with that +towgs84 as its source system, so GDAL cannot pick another.
import proj4 from 'proj4';
import { AppError } from '../../errors.js';
import { LAMBERT_NORD_MAROC } from '../../shared/lambert.js';
import type { Deadline } from '../limits.js';
import { runTool, ToolError } from './tools.js';

/** Lambert Sud Maroc (EPSG:26192) with the same explicit EPSG:1166 shift as Lambert Nord Maroc. */
export const LAMBERT_SUD_MAROC =
  '+proj=lcc +lat_1=29.7 +lat_0=29.7 +lon_0=-5.4 +k_0=0.999615596 +x_0=500000 +y_0=300000 ' +
  '+a=6378249.2 +b=6356515 +towgs84=31,146,47,0,0,0,0 +units=m +no_defs';

interface KnownCrs {
  label: string;
  /** The source system given to ogr2ogr (-s_srs) and proj4js. */
  proj: string;
  geographic: boolean;
  /** Where coordinates in this system can be at all [minX, minY, maxX, maxY]: beyond, the file is not in it. */
  domain: [number, number, number, number];
}

export const KNOWN_CRS: Record<number, KnownCrs> = {
  26191: { label: 'Merchich / Nord Maroc (Lambert Nord Maroc)', proj: LAMBERT_NORD_MAROC, geographic: false, domain: [0, -300_000, 1_500_000, 1_000_000] },
  26192: { label: 'Merchich / Sud Maroc (Lambert Sud Maroc)', proj: LAMBERT_SUD_MAROC, geographic: false, domain: [0, -300_000, 1_500_000, 1_000_000] },
  4326: { label: 'WGS 84 (longitude, latitude)', proj: '+proj=longlat +datum=WGS84 +no_defs', geographic: true, domain: [-180, -90, 180, 90] },
  3857: {
    label: 'WGS 84 / Pseudo-Mercator',
    proj: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
    geographic: false,
    domain: [-20_037_509, -20_048_967, 20_037_509, 20_048_967],
  },
  32629: { label: 'WGS 84 / UTM zone 29N', proj: '+proj=utm +zone=29 +datum=WGS84 +units=m +no_defs', geographic: false, domain: [-500_000, 0, 1_500_000, 10_000_000] },
  32630: { label: 'WGS 84 / UTM zone 30N', proj: '+proj=utm +zone=30 +datum=WGS84 +units=m +no_defs', geographic: false, domain: [-500_000, 0, 1_500_000, 10_000_000] },
};
export const KNOWN_EPSG = Object.keys(KNOWN_CRS).map(Number);
export const KNOWN_LIST = KNOWN_EPSG.map((c) => `EPSG:${c}`).join(', ');

/**
 * The agency territory (provinces of Nador, Driouch, Guercif), with a margin: where the features of an
 * import should be. The exact test against the communes is done in SQL (validate.ts); this box only
 * serves to suggest which system a misdeclared file is in.
 */
export const TERRITORY_BOX: [number, number, number, number] = [-4.4, 32.0, -2.0, 35.6];

export interface CrsChoice {
  epsg: number;
  label: string;
  /** prj / file: read from the file; option: stated by the planner; degrees: no .prj, coordinates in degrees. */
  source: 'prj' | 'file' | 'option' | 'degrees';
  /** How it was identified, for the report. */
  how: string;
  /** The source system for ogr2ogr. */
  proj: string;
}

type Params = Map<string, string>;

function parseProj(def: string): Params {
  const params: Params = new Map();
  for (const token of def.trim().split(/\s+/)) {
    const m = /^\+([a-z_0-9]+)(?:=(.*))?$/i.exec(token);
    if (m) params.set(m[1]!.toLowerCase(), m[2] ?? '');
  }
  return params;
}

const num = (p: Params, key: string): number | null => {
  const v = p.get(key);
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v);
};
const near = (a: number | null, b: number, tol: number) => a !== null && Math.abs(a - b) <= tol;

/** Clarke 1880 (IGN), the ellipsoid of the Merchich datum: a = 6378249.2 m, 1/f = 293.466021293627. */
function isClarkeIgn(p: Params): boolean {
  if (p.get('ellps') === 'clrk80ign') return true;
  const a = num(p, 'a');
  if (!near(a, 6378249.2, 0.5)) return false;
  return near(num(p, 'b'), 6356515, 0.5) || near(num(p, 'rf'), 293.466021293627, 1e-4);
}

function isWgs84(p: Params): boolean {
  if (p.get('datum') === 'WGS84') return true;
  if (p.get('ellps') !== 'WGS84') return false;
  const shift = p.get('towgs84');
  return shift === undefined || shift.split(',').every((x) => Number(x) === 0);
}

/**
 * Matches a PROJ string against the systems we accept. Returns the EPSG code, or null with what was found
 * (for the error message).
 */
export function identifyProj(def: string): { epsg: number; how: string } | { epsg: null; found: string } {
  const p = parseProj(def);
  const proj = p.get('proj');
  const units = p.get('units') ?? (p.has('to_meter') ? `${p.get('to_meter')} m` : 'm');
  if (proj === 'lcc') {
    const lat1 = num(p, 'lat_1');
    const lat0 = num(p, 'lat_0') ?? lat1;
    const lon0 = num(p, 'lon_0');
    const k = num(p, 'k_0') ?? num(p, 'k') ?? 1;
    const lambert = [
      { epsg: 26191, lat: 33.3, k: 0.999625769 },
      { epsg: 26192, lat: 29.7, k: 0.999615596 },
    ].find((c) => near(lat1, c.lat, 1e-6) && near(lat0, c.lat, 1e-6) && near(lon0, -5.4, 1e-6) && near(k, c.k, 1e-9)
      && near(num(p, 'x_0'), 500000, 0.01) && near(num(p, 'y_0'), 300000, 0.01));
    if (lambert && units === 'm' && isClarkeIgn(p)) {
      return { epsg: lambert.epsg, how: `Lambert conformal conic with the parameters of EPSG:${lambert.epsg} on the Clarke 1880 (IGN) ellipsoid` };
    }
    if (lambert) {
      return { epsg: null, found: `the parameters of EPSG:${lambert.epsg} but on another ellipsoid or unit (${def.trim()})` };
    }
  }
  if (proj === 'longlat' && isWgs84(p)) return { epsg: 4326, how: 'longitude/latitude on WGS 84' };
  if (proj === 'merc' && near(num(p, 'a'), 6378137, 0.01) && near(num(p, 'b'), 6378137, 0.01)
    && (num(p, 'lon_0') ?? 0) === 0 && (num(p, 'x_0') ?? 0) === 0 && (num(p, 'y_0') ?? 0) === 0 && (num(p, 'lat_ts') ?? 0) === 0) {
    return { epsg: 3857, how: 'spherical (Web) Mercator' };
  }
  if (proj === 'utm' && isWgs84(p) && !p.has('south') && (p.get('zone') === '29' || p.get('zone') === '30')) {
    return { epsg: 32600 + Number(p.get('zone')), how: `UTM zone ${p.get('zone')}N on WGS 84` };
  }
  return { epsg: null, found: def.trim().slice(0, 200) || 'an empty definition' };
}

/** A system the planner states (`crs=EPSG:26191`, `26191`). */
export function crsFromOption(value: string): CrsChoice {
  const m = /^(?:EPSG:)?(\d{4,5})$/i.exec(value.trim());
  const epsg = m ? Number(m[1]) : NaN;
  const known = KNOWN_CRS[epsg];
  if (!known) throw new AppError('import_unknown_crs', { found: value.slice(0, 40), known: KNOWN_LIST });
  return { epsg, label: known.label, source: 'option', how: 'stated with the import', proj: known.proj };
}

/** Identifies a system given as a file (.prj) or a WKT string, through gdalsrsinfo. */
export async function crsFromDefinition(definition: string, source: 'prj' | 'file', deadline: Deadline): Promise<CrsChoice> {
  let proj4text: string;
  try {
    proj4text = (await runTool('gdalsrsinfo', ['-o', 'proj4', definition], { deadline, maxStdout: 64 * 1024 })).stdout.trim();
  } catch (err) {
    if (err instanceof ToolError) {
      throw new AppError('import_unknown_crs', { found: source === 'prj' ? 'an unreadable .prj' : 'an unreadable definition', known: KNOWN_LIST });
    }
    throw err;
  }
  const id = identifyProj(proj4text);
  if (id.epsg === null) throw new AppError('import_unknown_crs', { found: id.found, known: KNOWN_LIST });
  const known = KNOWN_CRS[id.epsg]!;
  return { epsg: id.epsg, label: known.label, source, how: id.how, proj: known.proj };
}

export type Extent = [number, number, number, number];

/** Longitude/latitude in the agency area: what "obviously degrees" means for a file without .prj. */
export function obviouslyDegrees(e: Extent): boolean {
  const [x0, y0, x1, y1] = TERRITORY_BOX;
  return e[0] >= x0 - 2 && e[2] <= x1 + 2 && e[1] >= y0 - 2 && e[3] <= y1 + 2;
}

const fmt = (e: Extent) => e.map((v) => Math.round(v * 1000) / 1000).join(', ');

/** The systems under which the middle of the extent falls in the agency territory. */
export function candidatesFor(e: Extent): number[] {
  const mid: [number, number] = [(e[0] + e[2]) / 2, (e[1] + e[3]) / 2];
  const [x0, y0, x1, y1] = TERRITORY_BOX;
  return KNOWN_EPSG.filter((epsg) => {
    const known = KNOWN_CRS[epsg]!;
    const [dx0, dy0, dx1, dy1] = known.domain;
    if (mid[0] < dx0 || mid[0] > dx1 || mid[1] < dy0 || mid[1] > dy1) return false;
    try {
      const [lon, lat] = known.geographic ? mid : proj4(known.proj, KNOWN_CRS[4326]!.proj, mid);
      return lon! >= x0 && lon! <= x1 && lat! >= y0 && lat! <= y1;
    } catch {
      return false;
    }
  });
}

/**
 * Refuses coordinates that cannot be in the declared system (degrees declared as metres, metres declared
 * as degrees, values beyond the projection's domain), saying which system would fit.
 */
export function checkExtent(crs: CrsChoice, e: Extent): void {
  const known = KNOWN_CRS[crs.epsg]!;
  const [dx0, dy0, dx1, dy1] = known.domain;
  const inDomain = e[0] >= dx0 && e[2] <= dx1 && e[1] >= dy0 && e[3] <= dy1;
  const looksDegrees = e[0] >= -180 && e[2] <= 180 && e[1] >= -90 && e[3] <= 90;
  let kind: 'range' | 'degrees' | null = null;
  if (!inDomain) kind = 'range';
  else if (!known.geographic && looksDegrees) kind = 'degrees';
  if (!kind) return;
  const fits = candidatesFor(e).filter((c) => c !== crs.epsg);
  throw new AppError(
    'import_crs_mismatch',
    { extent: fmt(e), crs: `EPSG:${crs.epsg}`, kind, fits: fits.map((c) => `EPSG:${c}`).join(' / ') },
    { extent: e, declared: crs.epsg, candidates: fits },
  );
}
