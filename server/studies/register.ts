// Reading a register of studied files, CSV or JSON, into checked rows. Pure: no database.
//
// Columns (a header line for CSV, keys for JSON), in English or French: number|numero|dossier,
// kind|type|nature, parcels|parcelles|references, date, opinion|avis, conditions|reserves. Several parcel
// references go in one cell separated by "|" (or by ";" / "," when that is not the CSV's own separator),
// or as a JSON array. Kinds and opinions are taken as the codes of the API or their French wording
// ("permis de construire", "favorable sous conditions"…); dates as YYYY-MM-DD or DD/MM/YYYY.
// CSV follows RFC 4180 (quoted cells, doubled quotes, line breaks inside quotes); comma or semicolon.
import { STUDY_KINDS, STUDY_OPINIONS, type StudyKind, type StudyOpinion } from './schemas.js';

export interface RegisterRow {
  row: number;
  number: string;
  kind: StudyKind;
  parcels: string[];
  date: string;
  opinion: StudyOpinion;
  conditions: string | null;
}

export interface RowProblem {
  row: number;
  number: string | null;
  problems: string[];
}

export class RegisterUnreadable extends Error {}

export const MAX_ROWS = 20_000;

const COLUMNS: Record<string, keyof Omit<RegisterRow, 'row'>> = {
  number: 'number', numero: 'number', dossier: 'number', file: 'number', file_number: 'number', n_dossier: 'number',
  kind: 'kind', type: 'kind', nature: 'kind',
  parcels: 'parcels', parcel: 'parcels', parcelles: 'parcels', parcelle: 'parcels', references: 'parcels', reference: 'parcels',
  date: 'date', studied_on: 'date', date_avis: 'date',
  opinion: 'opinion', avis: 'opinion',
  conditions: 'conditions', reserves: 'conditions',
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’']/g, ' ').replace(/[\s_-]+/g, ' ').trim();

const KIND_WORDS: Record<string, StudyKind> = {
  'permis de construire': 'building_permit', 'permis': 'building_permit', 'construction': 'building_permit',
  'lotissement': 'subdivision', 'groupe d habitations': 'housing_group', 'groupe d habitation': 'housing_group',
  'morcellement': 'property_division', 'projet d investissement': 'investment_project', 'investissement': 'investment_project',
};
const OPINION_WORDS: Record<string, StudyOpinion> = {
  'favorable': 'favourable', 'favorable sous conditions': 'favourable_with_conditions', 'favorable sous reserves': 'favourable_with_conditions',
  'favorable avec conditions': 'favourable_with_conditions', 'favourable with conditions': 'favourable_with_conditions',
  'defavorable': 'unfavourable', 'unfavorable': 'unfavourable', 'موافق': 'favourable', 'موافق بشروط': 'favourable_with_conditions', 'غير موافق': 'unfavourable',
};

function kindOf(v: string): StudyKind | null {
  const k = fold(v);
  const code = k.replace(/ /g, '_');
  return (STUDY_KINDS as readonly string[]).includes(code) ? (code as StudyKind) : KIND_WORDS[k] ?? null;
}
function opinionOf(v: string): StudyOpinion | null {
  const k = fold(v);
  const code = k.replace(/ /g, '_');
  return (STUDY_OPINIONS as readonly string[]).includes(code) ? (code as StudyOpinion) : OPINION_WORDS[k] ?? null;
}

/** YYYY-MM-DD from YYYY-MM-DD or DD/MM/YYYY, a real calendar day; null otherwise. */
export function dateOf(v: string): string | null {
  const s = v.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  const parts = iso ? [iso[1]!, iso[2]!, iso[3]!] : fr ? [fr[3]!, fr[2]!, fr[1]!] : null;
  if (!parts) return null;
  const [y, mo, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1950 || y > 2200 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return parts.join('-');
}

/** RFC 4180 cells; the separator is the one of ',' and ';' that the header line holds more of. */
export function parseCsv(text: string): { separator: string; records: string[][] } {
  const body = text.replace(/^\ufeff/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = [];
  let cell = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      record.push(cell);
      if (record.some((x) => x.trim() !== '')) records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new RegisterUnreadable('a quoted cell is never closed');
  record.push(cell);
  if (record.some((x) => x.trim() !== '')) records.push(record);
  return { separator, records };
}

type Raw = Partial<Record<keyof Omit<RegisterRow, 'row'>, unknown>>;

function rawRowsOfCsv(text: string): { rows: Raw[]; listSeparators: RegExp } {
  const { separator, records } = parseCsv(text);
  const header = records.shift();
  if (!header) throw new RegisterUnreadable('the file is empty');
  const cols = header.map((h) => COLUMNS[fold(h).replace(/ /g, '_')] ?? null);
  for (const needed of ['number', 'kind', 'parcels', 'date', 'opinion'] as const) {
    if (!cols.includes(needed)) throw new RegisterUnreadable(`no "${needed}" column in the header line (${header.map((h) => h.trim()).join(', ')})`);
  }
  const rows = records.map((r) => {
    const raw: Raw = {};
    cols.forEach((c, i) => {
      if (c) raw[c] = r[i] ?? '';
    });
    return raw;
  });
  return { rows, listSeparators: separator === ';' ? /[|,]/ : /[|;]/ };
}

function rawRowsOfJson(text: string): Raw[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new RegisterUnreadable(`not valid JSON (${(e as Error).message.slice(0, 120)})`);
  }
  const list = Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { files?: unknown }).files) ? (v as { files: unknown[] }).files : null;
  if (!list) throw new RegisterUnreadable('the JSON must be an array of files (or {"files": [...]})');
  return list.map((item) => {
    const raw: Raw = {};
    if (item && typeof item === 'object') {
      for (const [k, val] of Object.entries(item)) {
        const c = COLUMNS[fold(k).replace(/ /g, '_')];
        if (c) raw[c] = val;
      }
    }
    return raw;
  });
}

/** Reads a register; every row is checked and every problem reported, so one answer lists them all. */
export function readRegister(text: string, format: 'csv' | 'json'): { rows: RegisterRow[]; problems: RowProblem[] } {
  let raws: Raw[];
  let lists = /[|;]/;
  if (format === 'json') raws = rawRowsOfJson(text);
  else ({ rows: raws, listSeparators: lists } = rawRowsOfCsv(text));
  if (raws.length === 0) throw new RegisterUnreadable('it holds no file');
  if (raws.length > MAX_ROWS) throw new RegisterUnreadable(`it holds ${raws.length} files, more than ${MAX_ROWS}: split it`);
  const rows: RegisterRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  raws.forEach((raw, i) => {
    const row = i + 1;
    const str = (x: unknown) => (typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '');
    const p: string[] = [];
    const number = str(raw.number);
    if (!number) p.push('no file number');
    else if (number.length > 60) p.push('the file number is longer than 60 characters');
    const kind = kindOf(str(raw.kind));
    if (!kind) p.push(`kind "${str(raw.kind)}" is not one of ${STUDY_KINDS.join(', ')}`);
    const parcels = (Array.isArray(raw.parcels) ? raw.parcels.map(str) : str(raw.parcels).split(lists)).map((r) => r.trim()).filter(Boolean);
    if (parcels.length === 0) p.push('no parcel reference');
    if (parcels.some((r) => r.length > 60)) p.push('a parcel reference is longer than 60 characters');
    const date = dateOf(str(raw.date));
    if (!date) p.push(`date "${str(raw.date)}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
    const opinion = opinionOf(str(raw.opinion));
    if (!opinion) p.push(`opinion "${str(raw.opinion)}" is not one of ${STUDY_OPINIONS.join(', ')}`);
    const conditions = str(raw.conditions) || null;
    if (opinion === 'favourable_with_conditions' && !conditions) p.push('a favourable opinion with conditions needs its conditions');
    if (conditions && conditions.length > 4000) p.push('the conditions are longer than 4,000 characters');
    const key = number.replace(/\s+/g, '').toUpperCase();
    if (number && seen.has(key)) p.push(`file number repeated (first on row ${seen.get(key)})`);
    else if (number) seen.set(key, row);
    if (p.length > 0) problems.push({ row, number: number || null, problems: p });
    else rows.push({ row, number, kind: kind!, parcels: [...new Map(parcels.map((r) => [r.replace(/\s+/g, '').toUpperCase(), r])).values()], date: date!, opinion: opinion!, conditions });
  });
  return { rows, problems };
}
