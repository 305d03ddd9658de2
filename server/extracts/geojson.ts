// GeoJSON writer: one FeatureCollection, every feature tagged with its `layer`.
//
// RFC 7946 (§4) allows only WGS 84 longitude/latitude and removed the `crs` member. An extract in Lambert
// Nord Maroc therefore uses the GeoJSON 2008 named-CRS form (`"crs": {"type": "name", ...}` with the OGC
// URN), which QGIS and GDAL still read, so the file opens in the right place; an EPSG:4326 extract is plain
// RFC 7946 and has no `crs`. `name` is the layer name GDAL gives the collection.
import type { Lang } from '../shared/schemas.js';
import { LAMBERT_OGC_URN } from '../shared/lambert.js';
import type { Extract } from './queries.js';
import { titleLines } from './title.js';

export function writeGeojson(x: Extract, lang: Lang): Buffer {
  const collection = {
    type: 'FeatureCollection',
    name: x.baseName,
    ...(x.crs === 'EPSG:26191' ? { crs: { type: 'name', properties: { name: LAMBERT_OGC_URN } } } : {}),
    // A foreign member (RFC 7946 §6.1): what the file is, for a reader who opens it months later.
    tasmim: {
      at: x.at,
      dataVersion: x.dataVersion,
      crs: x.crs,
      illustrative: x.illustrative,
      selection: {
        type: x.selection.type,
        areaM2: x.selection.areaM2,
        parcels: x.selection.parcels.map((p) => ({ id: p.id, reference: p.reference })),
      },
      setbacks: x.setbacksApply && x.rule
        ? { plan: x.rule.plan, zone: x.rule.zone, share: x.rule.share, rules: x.rule.regulation?.setbacks ?? null }
        : null,
      title: titleLines(x, lang),
    },
    features: x.features.map((f) => ({
      type: 'Feature',
      properties: { layer: f.layer, ...f.properties },
      geometry: f.geometry,
    })),
  };
  return Buffer.from(JSON.stringify(collection), 'utf8');
}
