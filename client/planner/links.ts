// Addresses the workspace links to: the public viewer on a plan's extent.
import type { Lang } from '../../server/shared/schemas.js';

/** The viewer at / centred on a bounding box [west, south, east, north], in the page's language. */
export function viewerLink(bbox: readonly number[] | null, lang: Lang): string {
  if (!bbox || bbox.length < 4) return `/#lang=${lang}`;
  const [w, s, e, n] = bbox as [number, number, number, number];
  const span = Math.max(e - w, n - s, 1e-6);
  // Zoom so that the span fits a ~1000 px map: 360° / 2^z per 256 px tile.
  const zoom = Math.max(3, Math.min(18, Math.floor(Math.log2((360 * 4) / span))));
  return `/#map=${zoom}/${((s + n) / 2).toFixed(5)}/${((w + e) / 2).toFixed(5)}&lang=${lang}`;
}
