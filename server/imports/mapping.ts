// The mapping step: which attribute of the layer is the zone code, which the labels (ar/fr) and which the
// category — or, for parcels, the reference and the commune; for overlays, the type and the width — and
// how values become our categories and overlay kinds.
//
// Field names are matched without regard to case (a DBF writes them in capitals, a planner types them as
// he likes). A field asked for and absent stops the import with the list of the layer's fields, so the
// planner (or a UI) can choose again.
//
// Templates: the French CNIG PLU standard (readers/cnig.ts). For a ZONE_URBA layer the code is LIBELLE, the
// French label LIBELONG and the category comes from TYPEZONE; for a PRESCRIPTION_* layer the type is TYPEPSC
// (with STYPEPSC) and the label LIBELLE. The template applies when asked (template=cnig) or when no code
// (type) field is given and the layer has the standard's fields.
import { AppError } from '../errors.js';
import { OVERLAY_KINDS, type OverlayKind, ZONE_CATEGORIES, type ZoneCategory } from '../shared/schemas.js';
import { CNIG_PRESCRIPTION, CNIG_ZONE_URBA, isPrescription, isZoneUrba } from './readers/cnig.js';

export function findField(fields: string[], wanted: string | undefined, role: string): string | undefined {
  if (wanted === undefined || wanted === '') return undefined;
  const hit = fields.find((f) => f === wanted) ?? fields.find((f) => f.toLowerCase() === wanted.toLowerCase());
  if (!hit) throw new AppError('import_field_missing', { field: wanted.slice(0, 80), role, fields: fields.join(', ') || '(none)' }, { fields });
  return hit;
}

const has = (fields: string[], name: string) => fields.some((f) => f.toUpperCase() === name);

// ---------------------------------------------------------------- zones

export interface ZoneMappingInput {
  codeField?: string;
  labelField?: string;
  labelFrField?: string;
  labelArField?: string;
  categoryField?: string;
  categoryMap?: Record<string, string>;
  template?: 'cnig' | 'none';
}

export interface ZoneMapping {
  codeField: string;
  labelField?: string;
  labelFrField?: string;
  labelArField?: string;
  categoryField?: string;
  categoryMap: Record<string, ZoneCategory>;
  template: 'cnig' | null;
}

function checkCategoryMap(map: Record<string, string> | undefined): Record<string, ZoneCategory> {
  const out: Record<string, ZoneCategory> = {};
  for (const [k, v] of Object.entries(map ?? {})) {
    if (!(ZONE_CATEGORIES as readonly string[]).includes(v)) {
      throw new AppError('invalid_request', { detail: `categoryMap: "${String(v).slice(0, 40)}" is not a zone category (${ZONE_CATEGORIES.join(', ')})` });
    }
    out[k] = v as ZoneCategory;
  }
  return out;
}

export function resolveZoneMapping(fields: string[], input: ZoneMappingInput): ZoneMapping {
  const cnig = input.template === 'cnig' || (input.template !== 'none' && !input.codeField && isZoneUrba(fields));
  const codeField = input.codeField ?? (cnig ? CNIG_ZONE_URBA.code : undefined);
  if (!codeField) {
    throw new AppError('import_field_missing', { field: '', role: 'the zone code: say which field holds it (codeField)', fields: fields.join(', ') }, { fields });
  }
  return {
    codeField: findField(fields, codeField, 'zone code')!,
    labelField: findField(fields, input.labelField, 'label'),
    labelFrField: findField(fields, input.labelFrField ?? (cnig && !input.labelField && has(fields, CNIG_ZONE_URBA.labelFr) ? CNIG_ZONE_URBA.labelFr : undefined), 'French label'),
    labelArField: findField(fields, input.labelArField, 'Arabic label'),
    categoryField: findField(fields, input.categoryField ?? (cnig ? CNIG_ZONE_URBA.category : undefined), 'category'),
    categoryMap: checkCategoryMap(input.categoryMap),
    template: cnig ? 'cnig' : null,
  };
}

/**
 * The default categories (documented in README.md, "Importing and publishing"). Codes are compared in
 * capitals without spaces. First the codes common in approved Moroccan plans d'aménagement (those of the
 * sample, server/seed/catalogue.ts), then the CNIG families by prefix. "NA" is the Moroccan zone non
 * aedificandi, not the "NA" (future urbanisation) of old French POS.
 */
const MOROCCAN: [RegExp, ZoneCategory][] = [
  [/^(CV|CENTRE|ZCV)$/, 'mixed_centre'],
  [/^R\+?[1-3]$/, 'small_building'],
  [/^R\+?[4-9]$|^R\+?1\d$/, 'apartment'],
  [/^(VA|VB|VC|VD|V\d+|VILLA)$/, 'villa'],
  [/^HE\d*$/, 'economic_housing'],
  [/^(ZS|ZC)\d*$/, 'commercial'],
  [/^(ZI|ZA|ZAE)\d*$/, 'industrial'],
  [/^ZT\d*$/, 'tourist'],
  [/^(E|EQ|EQUIP)\d*$/, 'facility'],
  [/^(EV|ZV|ESPACEVERT)\d*$/, 'green_space'],
  [/^(NA|ZNA|NAE)$/, 'no_build'],
];

/** CNIG TYPEZONE values (and the older Ah, Nh, Nd): U → mixed urban, AU → future urban, A → agricultural, N → natural. */
export function categoryFromTypezone(value: string): ZoneCategory | null {
  const v = value.trim().toUpperCase();
  if (/^\d*AU/.test(v)) return 'future_urban';
  if (/^U/.test(v)) return 'mixed_centre';
  if (/^A/.test(v)) return 'agricultural';
  if (/^N/.test(v)) return 'natural';
  return null;
}

export function defaultCategory(code: string): ZoneCategory | null {
  const c = code.toUpperCase().replace(/\s+/g, '');
  for (const [re, cat] of MOROCCAN) if (re.test(c)) return cat;
  return categoryFromTypezone(c);
}

/** When nothing says the category of a code: the most general urban category, and a warning. */
export const FALLBACK_CATEGORY: ZoneCategory = 'mixed_centre';

export function categoryOf(code: string, fieldValue: string | null, map: Record<string, ZoneCategory>): { category: ZoneCategory; how: 'map' | 'field' | 'default' | 'fallback' } {
  if (map[code]) return { category: map[code]!, how: 'map' };
  if (fieldValue) {
    const v = fieldValue.trim();
    if ((ZONE_CATEGORIES as readonly string[]).includes(v)) return { category: v as ZoneCategory, how: 'field' };
    if (map[v]) return { category: map[v]!, how: 'map' };
    const t = categoryFromTypezone(v);
    if (t) return { category: t, how: 'field' };
  }
  const d = defaultCategory(code);
  return d ? { category: d, how: 'default' } : { category: FALLBACK_CATEGORY, how: 'fallback' };
}

// ---------------------------------------------------------------- labels

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;

/** The Arabic and French labels of a feature: from their fields, or one field sorted by its script. */
export function labelsOf(
  props: Record<string, unknown>,
  m: { labelField?: string; labelFrField?: string; labelArField?: string },
): { ar: string | null; fr: string | null } {
  const text = (f: string | undefined) => {
    const v = f === undefined ? null : props[f];
    return v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();
  };
  let ar = text(m.labelArField);
  let fr = text(m.labelFrField);
  const one = text(m.labelField);
  if (one !== null) {
    if (ARABIC_SCRIPT.test(one)) ar ??= one;
    else fr ??= one;
  }
  return { ar, fr };
}

// ---------------------------------------------------------------- overlays

export interface OverlayMappingInput {
  typeField?: string;
  typeMap?: Record<string, string>;
  codeField?: string;
  labelField?: string;
  labelFrField?: string;
  labelArField?: string;
  widthField?: string;
  template?: 'cnig' | 'none';
}

export interface OverlayMapping {
  typeField: string;
  subtypeField?: string;
  typeMap: Record<string, OverlayKind>;
  codeField?: string;
  labelField?: string;
  labelFrField?: string;
  labelArField?: string;
  widthField?: string;
  template: 'cnig' | null;
}

export function resolveOverlayMapping(fields: string[], input: OverlayMappingInput): OverlayMapping {
  const cnig = input.template === 'cnig' || (input.template !== 'none' && !input.typeField && isPrescription(fields));
  const typeField = input.typeField ?? (cnig ? CNIG_PRESCRIPTION.type : undefined);
  if (!typeField) {
    throw new AppError('import_field_missing', { field: '', role: 'the overlay type: say which field holds it (typeField)', fields: fields.join(', ') }, { fields });
  }
  const typeMap: Record<string, OverlayKind> = {};
  for (const [k, v] of Object.entries(input.typeMap ?? {})) {
    if (!(OVERLAY_KINDS as readonly string[]).includes(v)) {
      throw new AppError('invalid_request', { detail: `typeMap: "${String(v).slice(0, 40)}" is not an overlay kind (${OVERLAY_KINDS.join(', ')})` });
    }
    typeMap[k] = v as OverlayKind;
  }
  return {
    typeField: findField(fields, typeField, 'overlay type')!,
    subtypeField: cnig && has(fields, CNIG_PRESCRIPTION.subtype) ? findField(fields, CNIG_PRESCRIPTION.subtype, 'overlay subtype') : undefined,
    typeMap,
    codeField: findField(fields, input.codeField, 'overlay code'),
    labelField: findField(fields, input.labelField ?? (cnig && !input.labelFrField && has(fields, CNIG_PRESCRIPTION.label) ? CNIG_PRESCRIPTION.label : undefined), 'label'),
    labelFrField: findField(fields, input.labelFrField, 'French label'),
    labelArField: findField(fields, input.labelArField, 'Arabic label'),
    widthField: findField(fields, input.widthField, 'width'),
    template: cnig ? 'cnig' : null,
  };
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase().replace(/[\s_'’-]+/g, ' ').trim();

/**
 * Default overlay kinds for type values: our own kind names; words of French and Arabic plan legends; CNIG
 * TYPEPSC codes (0501 reserved site for public roads → planned road; 05, 0502, 0503 reserved sites for
 * public works and facilities; 0504 for green spaces; 0201 no-build sector; 07 heritage). Anything else is
 * listed as an error: say it with typeMap.
 */
/** A value starting with one of these words (or codes), followed by nothing, a space or a digit. */
const starts = (...words: string[]) => new RegExp(`^(?:${words.join('|')})(?=$|[\\s\\d])`);

const OVERLAY_WORDS: [RegExp, OverlayKind][] = [
  [starts('voie ferree', 'chemin de fer', 'ferroviaire', 'سكة'), 'railway_setback'],
  [starts('0501', 'voie', 'voirie', 'route', 'rue', 'trace', 'alignement', 'planned road', 'طريق', 'طرق'), 'planned_road'],
  [starts('0504', 'ev', 'espace vert', 'reserve espace vert', 'مساحة خضراء', 'منطقة خضراء'), 'reserved_green'],
  [starts('05', '0500', '0502', '0503', 'er', 'emplacement reserve', 'equipement', 'reserve', 'تجهيز', 'مرفق'), 'reserved_facility'],
  [starts('0201', 'na', 'non aedificandi', 'zone non aedificandi', 'inconstructible', 'منطقة يمنع'), 'no_build'],
  [starts('07', '0700', 'patrimoine', 'site archeologique', 'monument', 'تراث', 'موقع أثري'), 'heritage'],
  [starts('inondable', 'zone inondable', 'ppri', 'فيضان'), 'flood_zone'],
  [starts('dpm', 'domaine public maritime', 'الملك العمومي البحري'), 'maritime_domain'],
  [starts('ligne electrique', 'ligne ht', 'conduite', 'canalisation', 'reseau', 'خط كهربائي', 'قناة'), 'utility_line'],
  [starts('cimetiere', 'مقبرة'), 'cemetery'],
  [starts('oued', 'واد', 'وادي'), 'wadi'],
];

export function overlayKindOf(value: string, subtype: string | null, map: Record<string, OverlayKind>): OverlayKind | null {
  const v = value.trim();
  if (map[v]) return map[v]!;
  if ((OVERLAY_KINDS as readonly string[]).includes(v)) return v as OverlayKind;
  // CNIG: TYPEPSC "05" with STYPEPSC "01" is 0501.
  const full = subtype && /^\d{2}$/.test(v) && /^\d{2}$/.test(subtype.trim()) ? `${v}${subtype.trim()}` : null;
  for (const candidate of [full, v]) {
    if (!candidate) continue;
    const f = fold(candidate);
    for (const [re, kind] of OVERLAY_WORDS) if (re.test(f)) return kind;
  }
  return null;
}
