// One layer of a dataset, read through GDAL: `ogrinfo -so` says what it is (fields, geometry type, 3D or
// not, feature count, extent, coordinate system), then `ogr2ogr` converts it to GeoJSON in EPSG:4326:
//
//   ogr2ogr -f GeoJSONSeq out.geojsonl <dataset> <layer>
//           -s_srs <the source system, Merchich with its explicit EPSG:1166 shift> -t_srs EPSG:4326
//           -dim XY                  3D (and measured) geometry flattened; the report says so
//           -preserve_fid            the feature ids of the file, to name features in the report
//           -oo ENCODING=ISO-8859-1  (Shapefile) the DBF's bytes unchanged, decoded by encoding.ts
//
// GeoJSONSeq (one feature per line) is read line by line, so a large layer never sits in memory whole.
// Geometry types are kept as they are (no -nlt PROMOTE_TO_MULTI): validation counts Polygons and
// MultiPolygons to report a mixed layer, then makes every zone a MultiPolygon in SQL (ST_Multi).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AppError } from '../../errors.js';
import { type Deadline, type ImportLimits } from '../limits.js';
import { ZONE_URBA_NAME } from './cnig.js';
import { checkExtent, crsFromDefinition, crsFromOption, type CrsChoice, type Extent, KNOWN_CRS, obviouslyDegrees } from './crs.js';
import { detectEncoding, encodingFromCpg, type EncodingChoice, isSupported } from './encoding.js';
import type { Dataset } from './source.js';
import { gdalReason, runTool, ToolError } from './tools.js';

export interface LayerInfo {
  name: string;
  geometryType: string;
  /** The layer has Z (or M) values, flattened on reading. */
  had3d: boolean;
  featureCount: number;
  extent: Extent | null;
  fields: string[];
  /** The SRS as ogrinfo prints it (WKT), or null when the layer has none. */
  srsWkt: string | null;
}

export interface ReadFeature {
  /** Position in the layer, from 0 (the order GDAL reads: the Shapefile's record order, the file's array order). */
  index: number;
  /** The file's own feature id where it has one (GeoPackage fid, Shapefile record number). */
  fid: number | null;
  properties: Record<string, string | number | boolean | null>;
  /** GeoJSON geometry in EPSG:4326, or null. */
  geometry: Record<string, unknown> | null;
}

export interface Layer {
  dataset: Dataset;
  info: LayerInfo;
  crs: CrsChoice;
  encoding: EncodingChoice | null;
  /** Field names, decoded. */
  fields: string[];
  features(): AsyncIterable<ReadFeature>;
}

export interface ReadOptions {
  layer?: string;
  preferZoneUrba?: boolean;
  crs?: string;
  encoding?: string;
}

const TYPES = 'Integer|Integer64|Real|String|Date|Time|DateTime|Binary|IntegerList|Integer64List|RealList|StringList';
const FIELD = new RegExp(`^(\\S.*?): (?:${TYPES})(?:\\(\\w+\\))? \\(`);

export function parseOgrinfo(text: string): LayerInfo {
  const lines = text.split('\n');
  const info: LayerInfo = { name: '', geometryType: 'Unknown', had3d: false, featureCount: 0, extent: null, fields: [], srsWkt: null };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if ((m = /^Layer name: (.*)$/.exec(line))) info.name = m[1]!;
    else if ((m = /^Geometry: (.*)$/.exec(line))) {
      info.geometryType = m[1]!;
      info.had3d = /3D|Measured| Z\b| M\b|ZM/.test(m[1]!);
    } else if ((m = /^Feature Count: (-?\d+)/.exec(line))) info.featureCount = Number(m[1]);
    else if ((m = /^Extent: \((\S+), (\S+)\) - \((\S+), (\S+)\)/.exec(line))) info.extent = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    else if (line.startsWith('Layer SRS WKT:')) {
      const wkt: string[] = [];
      while (i + 1 < lines.length && !/^(Data axis to CRS axis mapping|FID Column|Geometry Column)/.test(lines[i + 1]!) && !FIELD.test(lines[i + 1]!)) {
        wkt.push(lines[++i]!);
        if (wkt[0] === '(unknown)') break;
      }
      info.srsWkt = wkt[0] === '(unknown)' || wkt.length === 0 ? null : wkt.join('\n');
    } else if ((m = FIELD.exec(line))) info.fields.push(m[1]!);
  }
  return info;
}

function unreadable(dataset: Dataset, err: unknown, tmpDir: string): never {
  if (err instanceof ToolError) throw new AppError('import_unreadable', { file: dataset.name, reason: gdalReason(err.stderr, tmpDir) });
  throw err;
}

/** Lists the layers of a dataset and picks one: the asked one, the only one, or a CNIG ZONE_URBA. */
async function chooseLayer(dataset: Dataset, options: ReadOptions, tmpDir: string, deadline: Deadline, oo: string[]): Promise<string> {
  const out = await runTool('ogrinfo', ['-ro', '-q', ...oo, dataset.path], { deadline }).catch((e: unknown) => unreadable(dataset, e, tmpDir));
  const layers = out.stdout.split('\n').map((l) => /^\d+: (.+?)(?: \([^()]*\))?$/.exec(l)?.[1]).filter((l): l is string => !!l);
  if (layers.length === 0) throw new AppError('import_unreadable', { file: dataset.name, reason: 'it holds no vector layer' });
  if (options.layer !== undefined) {
    const hit = layers.find((l) => l.toLowerCase() === options.layer!.toLowerCase());
    if (hit) return hit;
    if (layers.length > 1 || dataset.format !== 'shapefile') throw new AppError('import_layer_choice', { layers: layers.join(', ') });
  }
  if (layers.length === 1) return layers[0]!;
  const urba = layers.filter((l) => ZONE_URBA_NAME.test(l));
  if (options.preferZoneUrba && urba.length === 1) return urba[0]!;
  throw new AppError('import_layer_choice', { layers: layers.join(', ') });
}

async function chooseCrs(dataset: Dataset, info: LayerInfo, options: ReadOptions, deadline: Deadline): Promise<CrsChoice> {
  if (options.crs) return crsFromOption(options.crs);
  if (dataset.format === 'shapefile') {
    if (dataset.prj) return crsFromDefinition(dataset.prj, 'prj', deadline);
  } else if (info.srsWkt) {
    return crsFromDefinition(info.srsWkt, 'file', deadline);
  }
  // No system in the file: degrees in the agency area are WGS 84 beyond doubt; anything else is asked for.
  if (info.extent && obviouslyDegrees(info.extent)) {
    return { epsg: 4326, label: KNOWN_CRS[4326]!.label, source: 'degrees', how: 'no coordinate system in the file; the coordinates are longitude/latitude degrees in the agency area', proj: KNOWN_CRS[4326]!.proj };
  }
  throw new AppError('import_missing_prj');
}

/** The raw bytes of every string value of the first `max` features, for encoding detection. */
async function sampleBytes(file: string, max: number): Promise<Buffer[]> {
  const values: Buffer[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const props = (JSON.parse(line) as { properties?: Record<string, unknown> }).properties ?? {};
    for (const v of Object.values(props)) if (typeof v === 'string' && v) values.push(Buffer.from(v, 'latin1'));
    if (++n >= max) break;
  }
  return values;
}

/**
 * Reads a layer: inspects it, identifies its system, checks its coordinates fit that system, converts it
 * to GeoJSON in EPSG:4326 in `tmpDir`, and chooses the text encoding (Shapefile).
 */
export async function readLayer(dataset: Dataset, options: ReadOptions, tmpDir: string, limits: ImportLimits, deadline: Deadline): Promise<Layer> {
  const isShp = dataset.format === 'shapefile';
  const oo = isShp ? ['-oo', 'ENCODING=ISO-8859-1'] : [];
  const layerName = await chooseLayer(dataset, options, tmpDir, deadline, oo);
  const so = await runTool('ogrinfo', ['-ro', '-so', ...oo, dataset.path, layerName], { deadline }).catch((e: unknown) => unreadable(dataset, e, tmpDir));
  const info = parseOgrinfo(so.stdout);
  info.name ||= layerName;
  if (info.featureCount > limits.features) {
    throw new AppError('import_too_large', { what: 'the number of features', limit: limits.features });
  }
  if (info.featureCount === 0) throw new AppError('import_no_features', { layer: info.name });
  const crs = await chooseCrs(dataset, info, options, deadline);
  if (info.extent) checkExtent(crs, info.extent);

  const out = path.join(tmpDir, 'layer.geojsonl');
  await runTool(
    'ogr2ogr',
    ['-f', 'GeoJSONSeq', '-lco', 'COORDINATE_PRECISION=8', '-preserve_fid', '-dim', 'XY',
      '-s_srs', crs.proj, '-t_srs', 'EPSG:4326', ...oo, out, dataset.path, layerName],
    { deadline },
  ).catch((e: unknown) => unreadable(dataset, e, tmpDir));

  let encoding: EncodingChoice | null = { name: 'utf-8', source: 'format', detail: `${dataset.format === 'geojson' ? 'GeoJSON' : 'GeoPackage'} text is UTF-8 by definition` };
  if (isShp) encoding = await chooseEncoding(dataset, options, out);
  const decoder = new TextDecoder(encoding.name);
  const decode = isShp ? (s: string) => decoder.decode(Buffer.from(s, 'latin1')) : (s: string) => s;
  const fields = info.fields.map(decode);

  return {
    dataset,
    info,
    crs,
    encoding,
    fields,
    async *features() {
      let index = 0;
      for await (const line of createInterface({ input: createReadStream(out, 'utf8'), crlfDelay: Infinity })) {
        if (!line.trim()) continue;
        const f = JSON.parse(line) as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: Record<string, unknown> | null };
        const properties: ReadFeature['properties'] = {};
        for (const [k, v] of Object.entries(f.properties ?? {})) {
          properties[decode(k)] = typeof v === 'string' ? decode(v) : v === null || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
        }
        yield { index: index++, fid: typeof f.id === 'number' ? f.id : null, properties, geometry: f.geometry ?? null };
      }
    },
  };
}

async function chooseEncoding(dataset: Dataset, options: ReadOptions, converted: string): Promise<EncodingChoice> {
  if (options.encoding) {
    const label = encodingFromCpg(options.encoding) ?? (isSupported(options.encoding) ? options.encoding : null);
    if (!label) throw new AppError('invalid_request', { detail: `unknown encoding "${options.encoding.slice(0, 40)}": use utf-8, windows-1256 or windows-1252` });
    return { name: label, source: 'option', detail: 'stated with the import' };
  }
  if (dataset.cpg) {
    const text = (await readFile(dataset.cpg, 'latin1')).slice(0, 64).trim();
    const label = encodingFromCpg(text);
    if (label) return { name: label, source: 'cpg', detail: `the .cpg says "${text}"` };
    const detected = detectEncoding(await sampleBytes(converted, 5000));
    return { ...detected, detail: `the .cpg says "${text}", which is not an encoding we know; ${detected.detail.replace(/^no \.cpg; /, '')}` };
  }
  return detectEncoding(await sampleBytes(converted, 5000));
}
