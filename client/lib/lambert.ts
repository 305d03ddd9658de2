// Lambert Nord Maroc (EPSG:26191, Merchich datum, Clarke 1880 IGN ellipsoid): the one definition the
// browser and the server share. The same text is lambert_nord_proj() in migrations/0001_core.sql, which
// to_26191() and from_26191() use in PostGIS; tests/extracts/lambert.test.ts reads that file and fails if
// the two drift apart, and checks both against PROJ's cs2cs.
//
// The datum shift is stated explicitly: EPSG:1166 "Merchich to WGS 84 (1)", the only one EPSG publishes
// for Morocco (towgs84 31, 146, 47 m; about 7 m accuracy), so the answer does not depend on which
// transformation a given PROJ or proj4js release would pick. Pure module (no DOM): safe on the server.
import proj4 from 'proj4';

export const LAMBERT_NORD_MAROC =
  '+proj=lcc +lat_1=33.3 +lat_0=33.3 +lon_0=-5.4 +k_0=0.999625769 +x_0=500000 +y_0=300000 ' +
  '+a=6378249.2 +b=6356515 +towgs84=31,146,47,0,0,0,0 +units=m +no_defs';

proj4.defs('EPSG:26191', LAMBERT_NORD_MAROC);
const converter = proj4('EPSG:4326', 'EPSG:26191');

/** [lon, lat] in EPSG:4326 (WGS84) → [x, y] in EPSG:26191, metres. */
export function toLambert([lon, lat]: readonly [number, number]): [number, number] {
  const [x, y] = converter.forward([lon, lat]) as [number, number];
  return [x, y];
}

/**
 * [x, y] in EPSG:26191, metres → [lon, lat] in EPSG:4326. Not the exact inverse of toLambert: the three-
 * parameter shift drops the ellipsoidal height between its steps, so a round trip moves a point by about
 * 2 mm — the same in PROJ and PostGIS (from_26191), far below the 7 m of EPSG:1166 itself.
 */
export function fromLambert([x, y]: readonly [number, number]): [number, number] {
  const [lon, lat] = converter.inverse([x, y]) as [number, number];
  return [lon, lat];
}
