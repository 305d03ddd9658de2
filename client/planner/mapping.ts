// The mapping step's pure logic: which attributes a layer has, which of them probably hold the zone code and
// its labels (the CNIG PLU standard first, then the names consultants usually give), and the text fields
// of the upload (server/imports/schemas.ts ImportFields).
import { CNIG_ZONE_URBA, isZoneUrba } from '../../server/imports/readers/cnig.js';
import type { PlanKind } from '../../server/shared/schemas.js';

export interface ZoneMapping {
  codeField: string;
  labelFrField: string;
  labelArField: string;
  /** The CNIG ZONE_URBA template applies (it also maps the category from TYPEZONE). */
  cnig: boolean;
}

/**
 * The attribute names of a GeoJSON FeatureCollection, in the order first met; null when the text is not
 * one (then the server reads the file and says what it found, or why it cannot).
 */
export function geojsonFields(text: string, maxFeatures = 1000): string[] | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || (v as { type?: unknown }).type !== 'FeatureCollection') return null;
  const features = (v as { features?: unknown }).features;
  if (!Array.isArray(features)) return null;
  const seen = new Set<string>();
  for (const f of features.slice(0, maxFeatures)) {
    const props = (f as { properties?: unknown } | null)?.properties;
    if (props && typeof props === 'object' && !Array.isArray(props)) for (const k of Object.keys(props)) seen.add(k);
  }
  return [...seen];
}

/** The layer's fields from an import_field_missing answer (its details list them), else null. */
export function fieldsFromDetails(details: unknown): string[] | null {
  const fields = (details as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields) && fields.every((f) => typeof f === 'string') ? (fields as string[]) : null;
}

const CODE = /^(code|code_?zone|cod_?zone|zone|zonage|zone_?code|libelle|type_?zone)$/i;
const LABEL_FR = /^(nom_?fr|libelle_?fr|label_?fr|lib_?fr|libelong|designation|intitule|nom|libelle|label|name)$/i;
const LABEL_AR = /^(nom_?ar|libelle_?ar|label_?ar|lib_?ar|name_?ar|arabe)$/i;

/** Among `fields`, the first one matching each pattern in the order of the patterns' alternatives. */
function pick(fields: string[], re: RegExp, not: string[] = []): string {
  const alternatives = re.source.replace(/^\^\(|\)\$$/g, '').split('|');
  for (const alt of alternatives) {
    const one = new RegExp(`^(${alt})$`, 'i');
    const hit = fields.find((f) => one.test(f) && !not.includes(f));
    if (hit) return hit;
  }
  return '';
}

/** A first guess at the mapping: the CNIG standard when the layer follows it, else the usual names. */
export function suggestMapping(fields: string[]): ZoneMapping {
  if (isZoneUrba(fields)) {
    const find = (name: string) => fields.find((f) => f.toUpperCase() === name) ?? '';
    return { codeField: find(CNIG_ZONE_URBA.code), labelFrField: find(CNIG_ZONE_URBA.labelFr), labelArField: '', cnig: true };
  }
  const codeField = pick(fields, CODE);
  const labelArField = pick(fields, LABEL_AR, [codeField]);
  const labelFrField = pick(fields, LABEL_FR, [codeField, labelArField]);
  return { codeField, labelFrField, labelArField, cnig: false };
}

export interface UploadInput {
  /** An existing plan's code: the file becomes its next version (its kind and names stay). Empty: a new plan. */
  planCode: string;
  kind: PlanKind;
  name: string;
  nameAr: string;
  mapping: ZoneMapping;
}

/** The text fields of a zones upload; empty choices are left out (the server then does without them). */
export function importFields(input: UploadInput): Record<string, string> {
  const out: Record<string, string> = { target: 'zones', template: input.mapping.cnig ? 'cnig' : 'none' };
  const add = (k: string, v: string) => {
    if (v.trim() !== '') out[k] = v.trim();
  };
  if (input.planCode.trim() !== '') add('planCode', input.planCode);
  else {
    out.kind = input.kind;
    add('name', input.name);
    add('nameAr', input.nameAr);
  }
  add('codeField', input.mapping.codeField);
  add('labelFrField', input.mapping.labelFrField);
  add('labelArField', input.mapping.labelArField);
  return out;
}

/** The fields of a first upload that only asks the server which attributes the layer has. */
export const PROBE_FIELDS: Readonly<Record<string, string>> = { target: 'zones', template: 'none' };

/** Formats the page accepts, by file name (the server reads the first bytes anyway). */
export function fileFormat(name: string): 'geojson' | 'shapefile' | 'geopackage' | null {
  const n = name.toLowerCase();
  if (n.endsWith('.geojson') || n.endsWith('.json')) return 'geojson';
  if (n.endsWith('.zip')) return 'shapefile';
  if (n.endsWith('.gpkg')) return 'geopackage';
  return null;
}
