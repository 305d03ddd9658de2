// Parcels a visitor keeps, in their own browser only (localStorage): the list is read leniently (an
// entry edited by hand or written by an older release is dropped, not an error) and capped, newest
// first. Enough of each parcel is kept to list it and go back to it without asking the server.
import type { I18nText } from '../../server/shared/schemas.js';

export const BOOKMARKS_KEY = 'tasmim:bookmarks';
export const MAX_BOOKMARKS = 100;

export interface Bookmark {
  id: number;
  /** The parcel reference, as the sheet shows it (TF 1234/11). */
  ref: string;
  commune: I18nText | null;
  /** [west, south, east, north], to fit the map to the parcel when reopened. */
  bbox: [number, number, number, number];
  /** When it was kept (ISO 8601). */
  savedAt: string;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function valid(v: unknown): v is Bookmark {
  if (typeof v !== 'object' || v == null) return false;
  const b = v as Record<string, unknown>;
  const commune = b.commune as Record<string, unknown> | null | undefined;
  return (
    Number.isSafeInteger(b.id) && (b.id as number) > 0 &&
    typeof b.ref === 'string' && b.ref.length > 0 && b.ref.length <= 100 &&
    (commune === null || (typeof commune === 'object' && typeof commune?.fr === 'string' && typeof commune?.ar === 'string')) &&
    Array.isArray(b.bbox) && b.bbox.length === 4 && b.bbox.every(isNum) &&
    typeof b.savedAt === 'string' && !Number.isNaN(Date.parse(b.savedAt))
  );
}

export function readBookmarks(store: Store): Bookmark[] {
  let raw: unknown;
  try {
    raw = JSON.parse(store.getItem(BOOKMARKS_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const seen = new Set<number>();
  return raw.filter((b): b is Bookmark => valid(b) && !seen.has(b.id) && !!seen.add(b.id)).slice(0, MAX_BOOKMARKS);
}

/** False when the browser refuses (storage full, disabled, private mode): the caller says so. */
export function writeBookmarks(store: Store, list: readonly Bookmark[]): boolean {
  try {
    store.setItem(BOOKMARKS_KEY, JSON.stringify(list.slice(0, MAX_BOOKMARKS)));
    return true;
  } catch {
    return false;
  }
}

/** The list with this parcel first (kept once), the oldest dropped past the cap. */
export function addBookmark(list: readonly Bookmark[], b: Bookmark): Bookmark[] {
  return [b, ...list.filter((x) => x.id !== b.id)].slice(0, MAX_BOOKMARKS);
}

export function removeBookmark(list: readonly Bookmark[], id: number): Bookmark[] {
  return list.filter((x) => x.id !== id);
}
