// How the server names Lambert Nord Maroc (EPSG:26191) in the files it writes. The proj definition itself
// has one source, client/lib/lambert.ts (the same text as lambert_nord_proj() in migration 0001).
export { fromLambert, LAMBERT_NORD_MAROC, toLambert } from '../../client/lib/lambert.js';

/** The legacy GeoJSON (2008) `crs` name, which QGIS and GDAL read; RFC 7946 itself allows only WGS84. */
export const LAMBERT_OGC_URN = 'urn:ogc:def:crs:EPSG::26191';

export const LAMBERT_LABEL = 'EPSG:26191 Merchich / Nord Maroc (Lambert Nord Maroc)';

/**
 * The .prj of a shapefile in EPSG:26191: the ESRI WKT, as `gdalsrsinfo -o wkt_esri EPSG:26191` writes it
 * (GDAL 3.6 / PROJ 9.1; "Nord_Maroc" is ESRI's alias of EPSG:26191 in PROJ's database, so GDAL and QGIS
 * identify the CRS again on reading). ESRI WKT has no TOWGS84: a reader applies its own Merchich → WGS 84
 * transformation, which for PROJ ≥ 6 is EPSG:1166, the only one published — the one we state explicitly.
 */
export const LAMBERT_ESRI_WKT =
  'PROJCS["Nord_Maroc",GEOGCS["GCS_Merchich",DATUM["D_Merchich",SPHEROID["Clarke_1880_IGN",6378249.2,293.466021293627]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],' +
  'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",300000.0],PARAMETER["Central_Meridian",-5.4],' +
  'PARAMETER["Standard_Parallel_1",33.3],PARAMETER["Scale_Factor",0.999625769],PARAMETER["Latitude_Of_Origin",33.3],' +
  'UNIT["Meter",1.0]]';
