// `?tiles=pmtiles:<url>`: the map reads its vector tiles from PMTiles archives (written by
// `npm run export:pmtiles`, one per source, <url>/<source>.pmtiles) on object storage or a CDN instead of
// from this server's /tiles. The API (sheet, identify, search) still answers from the server.
// Archives are a snapshot of today's published data: a date asked with ?at= does not apply to them.
//
// The pmtiles:// protocol is registered with MapLibre on first use, and the pmtiles package itself is
// loaded only when a tile is first asked for, so the viewer's usual bundle does not grow.
import type { AddProtocolAction } from 'maplibre-gl';
import type { Protocol } from 'pmtiles';

const PREFIX = 'pmtiles:';

/** The archives' folder named by the page address's ?tiles=pmtiles:<url>, absolute, or null. */
export function pmtilesBase(pageUrl: string): string | null {
  const value = new URL(pageUrl).searchParams.get('tiles');
  if (!value?.startsWith(PREFIX) || value.length === PREFIX.length) return null;
  return new URL(value.slice(PREFIX.length), pageUrl).href.replace(/\/+$/, '');
}

let registered = false;

/** The MapLibre source URL of `id` in PMTiles mode (pmtiles://<base>/<id>.pmtiles), or null outside it. */
export function pmtilesUrl(id: string, pageUrl: string): string | null {
  const base = pmtilesBase(pageUrl);
  if (!base) return null;
  if (!registered && typeof window !== 'undefined') {
    registered = true;
    void registerProtocol();
  }
  return `pmtiles://${base}/${id}.pmtiles`;
}

async function registerProtocol(): Promise<void> {
  const { addProtocol } = await import('maplibre-gl');
  let protocol: Promise<Protocol> | null = null;
  const action: AddProtocolAction = async (params, abort) => {
    // metadata: the archive's vector_layers and attribution reach MapLibre as with a TileJSON.
    protocol ??= import('pmtiles').then((m) => new m.Protocol({ metadata: true }));
    return (await protocol).tilev4(params, abort) as ReturnType<AddProtocolAction>;
  };
  addProtocol('pmtiles', action);
}
