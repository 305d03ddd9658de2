// The one selection of the API (server/selection/schemas.ts) on the viewer's side: its query string for
// links (extracts, the combined sheet) and the POST of a note.
import type { Selection } from '../../server/selection/schemas.js';
import type { NoteIssued, NoteLang } from '../../server/notes/schemas.js';
import type { Lang } from '../../server/shared/schemas.js';
import { ApiError } from '../api.js';

export type { Selection };

export const EXTRACT_FORMATS = ['geojson', 'dxf', 'shp.zip'] as const;
export type ExtractFormat = (typeof EXTRACT_FORMATS)[number];
export type OutCrs = 'EPSG:4326' | 'EPSG:26191';

/** The selection as query parameters (`parcels=`, `references=`, `polygon=`, `coords=` with its CRS). */
export function selectionParams(s: Selection, crsKey: 'crs' | 'crs_in'): URLSearchParams {
  const q = new URLSearchParams();
  if (s.type === 'parcels') {
    if (s.ids?.length) q.set('parcels', s.ids.join(','));
    if (s.references?.length) q.set('references', s.references.join(';'));
  } else if (s.type === 'polygon') {
    q.set('polygon', s.polygon.coordinates[0]!.map(([x, y]) => `${x} ${y}`).join(','));
  } else {
    q.set('coords', s.points.map(([x, y]) => `${x} ${y}`).join(','));
    q.set(crsKey, s.crs);
  }
  return q;
}

/** A query string that reads as the API documents it: commas and colons are legal there, left as typed. */
function query(q: URLSearchParams): string {
  return q.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/\+/g, '%20');
}

/** GET /api/selection?… : the combined sheet. */
export function sheetPath(s: Selection): string {
  return `/api/selection?${query(selectionParams(s, 'crs'))}`;
}

/** The download link of an extract: one parcel has its own route, anything else the selection's. */
export function extractPath(s: Selection, format: ExtractFormat, crs: OutCrs): string {
  if (s.type === 'parcels' && s.ids?.length === 1 && !s.references?.length) {
    return `/api/parcels/${s.ids[0]}/extract.${format}?crs=${encodeURIComponent(crs)}`;
  }
  const q = selectionParams(s, 'crs_in');
  q.set('crs', crs);
  return `/api/selection/extract.${format}?${query(q)}`;
}

/**
 * The note's language for an interface language: notes are written in Arabic and French, so every
 * interface language asks for the bilingual note (English readers get its French half).
 */
export function noteLang(_lang: Lang): NoteLang {
  return 'bilingual';
}

/** POST /api/notes: issues a note for the selection. */
export async function requestNote(selection: Selection, lang: Lang, messageLang: string): Promise<NoteIssued> {
  let res: Response;
  try {
    res = await fetch('/api/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': messageLang },
      body: JSON.stringify({ selection, lang: noteLang(lang) }),
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'http_' + res.status, body?.error?.message ?? res.statusText);
  }
  return (await res.json()) as NoteIssued;
}

/** Only same-origin paths of a note's URLs (the server gives absolute ones with its own origin). */
export function localUrl(url: string): string {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? `${u.pathname}${u.search}` : url;
  } catch {
    return url;
  }
}
