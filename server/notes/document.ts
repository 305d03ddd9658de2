// What the note says, as a list of blocks in both languages, built from the recorded content alone. The
// PDF (pdf/) and the HTML page (html/) render the same blocks, so they cannot say different things. The
// order follows what an agency's note states (DOMAIN.md): reference and date, the land, each applicable
// plan with its zones, shares, rules and servitudes, the capacity, a disclaimer.
import type { ZoningPart } from '../parcels/schemas.js';
import { pick } from '../i18n.js';
import type { I18nText, OverlayHit, PlanRef, Regulation } from '../shared/schemas.js';
import { both, coord, date, dateTime, dec, levels, m, m2, num, pct } from './format.js';
import { CATEGORY, KIND, L, OVERLAY, STATUS, type T } from './labels.js';
import type { NoteContent, NoteParcel } from './schemas.js';
import { groupCode } from './store.js';

export interface Column {
  title: T;
  align: 'start' | 'end';
  weight: number;
  /** shown only when that language is on the note (a commune name, say) */
  only?: 'fr' | 'ar';
}

export type Block =
  | { type: 'title'; text: T }
  | { type: 'banner'; lines: T[]; tone: 'warning' | 'illustrative' | 'official' }
  | { type: 'section'; title: T }
  | { type: 'subheading'; title: T; level: 1 | 2; tag?: T }
  | { type: 'fields'; rows: { label: T; value: T }[] }
  | { type: 'list'; label: T; items: T[] }
  | { type: 'paragraph'; text: T; tone?: 'normal' | 'muted' }
  | { type: 'table'; caption?: T; columns: Column[]; rows: T[][] }
  | { type: 'map' }
  | { type: 'verification'; url: string; code: string };

export interface RenderContext {
  /** the verification code (never stored in clear: it comes with the request) */
  code: string;
  /** absolute URL of the verification page, for the QR code */
  verifyUrl: string;
}

const tx = (t: I18nText | null | undefined): T => ({ fr: pick(t, 'fr'), ar: pick(t, 'ar') });
const AR_SEP: Record<string, string> = { ', ': '، ', '; ': '؛ ' };
const join = (items: T[], sep = ', '): T => ({ fr: items.map((i) => i.fr).join(sep), ar: items.map((i) => i.ar).join(AR_SEP[sep] ?? sep) });

export function noteBlocks(c: NoteContent, ctx: RenderContext): Block[] {
  const blocks: Block[] = [
    { type: 'title', text: L.title },
    c.kind === 'official'
      ? { type: 'banner', tone: 'official', lines: [L.official, both(c.official?.fileNumber ? `${L.fileNumber.fr} : ${c.official.fileNumber}` : '', c.official?.fileNumber ? `${L.fileNumber.ar}: ${c.official.fileNumber}` : '')] }
      : { type: 'banner', tone: 'warning', lines: [L.indicative, L.indicativeHow] },
  ];
  if (c.illustrative) blocks.push({ type: 'banner', tone: 'illustrative', lines: [L.illustrative] });
  blocks.push(
    { type: 'section', title: L.sections.note },
    {
      type: 'fields',
      rows: [
        { label: L.reference, value: both(c.reference) },
        { label: L.issuedAt, value: dateTime(c.issuedAt) },
        { label: L.rulesAt, value: both(date(c.at)) },
        { label: L.dataVersion, value: both(String(c.dataVersion)) },
        { label: L.verificationCode, value: both(groupCode(ctx.code)) },
      ],
    },
    ...landBlocks(c),
    { type: 'section', title: L.sections.map },
    { type: 'map' },
    { type: 'fields', rows: mapFields(c) },
    { type: 'section', title: L.sections.plans },
    ...planBlocks(c),
    { type: 'section', title: L.sections.capacity },
    ...capacityBlocks(c),
    { type: 'section', title: L.sections.disclaimer },
    { type: 'paragraph', text: c.kind === 'official' ? L.disclaimerOfficial : L.disclaimer },
    { type: 'verification', url: ctx.verifyUrl, code: groupCode(ctx.code) },
  );
  return blocks;
}

function mapFields(c: NoteContent): { label: T; value: T }[] {
  const plans = c.map.zonePlans;
  return [
    { label: L.scale, value: { fr: `1/${num(c.map.scale)} (${L.printAt.fr})`, ar: `1/${num(c.map.scale)} (${L.printAt.ar})` } },
    {
      label: L.mapZonesOf,
      value: plans.length
        ? join(plans.map((p) => ({ fr: `${pick(p.name, 'fr')}${p.inForce ? '' : ` — ${L.plan.notInForce.fr}`}`, ar: `${pick(p.name, 'ar')}${p.inForce ? '' : ` — ${L.plan.notInForce.ar}`}` })), '; ')
        : L.none,
    },
    { label: L.north, value: { fr: `${L.northNote.fr} (${dec(Math.abs(c.map.northDeg), 2)}°)`, ar: `${L.northNote.ar} (${dec(Math.abs(c.map.northDeg), 2)}°)` } },
  ];
}

function landBlocks(c: NoteContent): Block[] {
  const out: Block[] = [
    { type: 'section', title: L.sections.land },
    {
      type: 'fields',
      rows: [
        { label: L.selection, value: L.landType[c.land.type] },
        { label: L.totalArea, value: m2(c.land.areaM2) },
        { label: L.communes, value: join(c.land.communes.map((k) => tx(k.name))) },
      ],
    },
  ];
  if (c.land.parcels.length) {
    out.push({
      type: 'table',
      caption: c.land.type === 'parcels' ? undefined : L.parcelsTouched,
      columns: [
        { title: L.parcelRef, align: 'start', weight: 3 },
        { title: L.commune, align: 'start', weight: 3, only: 'fr' },
        { title: L.commune, align: 'start', weight: 3, only: 'ar' },
        { title: L.area, align: 'end', weight: 2 },
      ],
      rows: c.land.parcels.map((p) => [both(p.reference), both(pick(p.commune?.name, 'fr')), both(pick(p.commune?.name, 'ar')), m2(p.areaM2)]),
    });
  }
  const outlines: { caption: T; rings: [number, number][][] }[] =
    c.land.type === 'parcels'
      ? c.land.parcels.map((p: NoteParcel) => ({ caption: { fr: `${L.verticesOf.fr} ${p.reference}`, ar: `${L.verticesOf.ar} ${p.reference}` }, rings: p.rings }))
      : [{ caption: L.landOutline, rings: c.land.rings }];
  out.push({ type: 'subheading', level: 2, title: L.vertices });
  for (const o of outlines) out.push(vertexTable(o.caption, o.rings));
  return out;
}

/** Vertices numbered across rings, two groups of columns a row to keep the table short. */
function vertexTable(caption: T, rings: [number, number][][]): Block {
  const cells: T[][] = [];
  let n = 0;
  for (const [r, ring] of rings.entries()) {
    for (const [x, y] of ring) {
      n++;
      cells.push([both(rings.length > 1 ? `${r + 1}.${n}` : String(n)), both(coord(x)), both(coord(y))]);
    }
  }
  const half = Math.ceil(cells.length / 2);
  const rows = cells.slice(0, half).map((left, i) => [...left, ...(cells[half + i] ?? [both(''), both(''), both('')])]);
  const group: Column[] = [
    { title: L.vertexNo, align: 'start', weight: 1 },
    { title: both('X (m)', 'X (م)'), align: 'end', weight: 2 },
    { title: both('Y (m)', 'Y (م)'), align: 'end', weight: 2 },
  ];
  return { type: 'table', caption, columns: [...group, ...group], rows };
}

/** Plans in the order of the answer (in force first, most detailed first), with their zones and overlays. */
function planBlocks(c: NoteContent): Block[] {
  const plans = new Map<number, { plan: PlanRef; parts: ZoningPart[]; overlays: OverlayHit[] }>();
  const entry = (plan: PlanRef) => plans.get(plan.versionId) ?? plans.set(plan.versionId, { plan, parts: [], overlays: [] }).get(plan.versionId)!;
  for (const z of c.zoning) entry(z.plan).parts.push(z);
  for (const o of c.overlays) entry(o.plan).overlays.push(o);
  if (plans.size === 0) return [{ type: 'paragraph', text: L.noPlan }];
  const out: Block[] = [];
  for (const { plan, parts, overlays } of plans.values()) {
    out.push(
      { type: 'subheading', level: 1, title: tx(plan.name), tag: plan.inForce ? L.plan.inForce : L.plan.notInForce },
      { type: 'fields', rows: planFields(plan) },
    );
    for (const z of parts) out.push(...zoneBlocks(z));
    out.push({ type: 'subheading', level: 2, title: L.overlays });
    if (overlays.length === 0) out.push({ type: 'paragraph', text: L.noOverlays, tone: 'muted' });
    for (const o of overlays) out.push(...overlayBlocks(o));
  }
  return out;
}

function planFields(p: PlanRef): { label: T; value: T }[] {
  const rows: { label: T; value: T }[] = [
    { label: L.plan.kind, value: KIND[p.kind] },
    { label: L.plan.status, value: { fr: `${STATUS[p.status].fr} — ${(p.inForce ? L.plan.inForce : L.plan.notInForce).fr}`, ar: `${STATUS[p.status].ar} — ${(p.inForce ? L.plan.inForce : L.plan.notInForce).ar}` } },
    { label: L.plan.decree, value: both(p.decreeRef ?? '—') },
    { label: L.plan.bo, value: p.boRef ? { fr: `${p.boRef}${p.boDate ? ` du ${date(p.boDate)}` : ''}`, ar: `${p.boRef}${p.boDate ? ` بتاريخ ${date(p.boDate)}` : ''}` } : both('—') },
    { label: L.plan.approvedOn, value: both(p.approvedOn ? date(p.approvedOn) : '—') },
    { label: L.plan.expiresOn, value: both(p.expiresOn ? date(p.expiresOn) : '—') },
    { label: L.plan.version, value: both(String(p.versionNo)) },
  ];
  if (p.illustrative) rows.push({ label: L.plan.nature, value: L.plan.illustrative });
  return rows;
}

function zoneBlocks(z: ZoningPart): Block[] {
  const label = tx(z.zone.label);
  const out: Block[] = [
    { type: 'subheading', level: 2, title: { fr: `${L.zone.fr} ${z.zone.code} — ${label.fr}`, ar: `${L.zone.ar} ${z.zone.code} — ${label.ar}` }, tag: CATEGORY[z.zone.category] },
    { type: 'fields', rows: [{ label: L.share, value: { fr: `${pct(z.share).fr} (${m2(z.areaM2).fr})`, ar: `${pct(z.share).ar} (${m2(z.areaM2).ar})` } }] },
  ];
  const r = z.regulation;
  if (!r) return [...out, { type: 'paragraph', text: L.rules.missing, tone: 'muted' }];
  out.push(
    { type: 'list', label: L.rules.allowed, items: r.allowedUses.length ? r.allowedUses.map(tx) : [L.none] },
    { type: 'list', label: L.rules.forbidden, items: r.forbiddenUses.length ? r.forbiddenUses.map(tx) : [L.none] },
    { type: 'fields', rows: ruleFields(r) },
  );
  return out;
}

const orNot = <V>(v: V | null, f: (v: V) => T): T => (v == null ? L.notStated : f(v));

function ruleFields(r: Regulation): { label: T; value: T }[] {
  return [
    { label: L.rules.height, value: orNot(r.maxHeightM, (v) => m(v)) },
    { label: L.rules.levels, value: orNot(r.maxLevels, levels) },
    { label: L.rules.cos, value: orNot(r.cos, (v) => both(dec(v))) },
    { label: L.rules.ces, value: orNot(r.ces, (v) => both(`${dec(v)} (${dec(v * 100, 1)} %)`)) },
    { label: L.rules.minLot, value: orNot(r.minLotAreaM2, (v) => m2(v, 0)) },
    { label: L.rules.minFrontage, value: orNot(r.minFrontageM, (v) => m(v)) },
    { label: L.rules.setbackFront, value: orNot(r.setbacks.frontM, (v) => m(v)) },
    { label: L.rules.setbackSide, value: orNot(r.setbacks.sideM, (v) => m(v)) },
    { label: L.rules.setbackRear, value: orNot(r.setbacks.rearM, (v) => m(v)) },
    { label: L.rules.parking, value: orNot(r.parking, tx) },
    { label: L.rules.remarks, value: orNot(r.remarks, tx) },
    { label: L.rules.article, value: orNot(r.articleRef, (v) => both(v)) },
  ];
}

function overlayBlocks(o: OverlayHit): Block[] {
  const label = tx(o.label);
  const code = o.code ? ` (${o.code})` : '';
  const rows: { label: T; value: T }[] = [];
  if (o.widthM != null) rows.push({ label: L.overlayWidth, value: m(o.widthM) });
  if (o.areaM2 != null) rows.push({ label: L.overlayArea, value: m2(o.areaM2) });
  if (o.lengthM != null && o.lengthM >= 0.05) rows.push({ label: L.overlayLength, value: m(o.lengthM, 1) });
  const out: Block[] = [{ type: 'subheading', level: 2, title: { fr: `${label.fr}${code}`, ar: `${label.ar}${code}` }, tag: OVERLAY[o.kind] }];
  if (o.details) out.push({ type: 'paragraph', text: tx(o.details) });
  if (rows.length) out.push({ type: 'fields', rows });
  return out;
}

function capacityBlocks(c: NoteContent): Block[] {
  const k = c.capacity;
  if (!k) return [{ type: 'paragraph', text: L.capacity.none }];
  const rows: { label: T; value: T }[] = [
    { label: L.capacity.basis, value: tx(k.plan.name) },
    { label: L.capacity.footprint, value: k.maxFootprintM2 == null ? L.capacity.notStated : m2(k.maxFootprintM2, 1) },
    { label: L.capacity.floorArea, value: k.maxFloorAreaM2 == null ? L.capacity.notStated : m2(k.maxFloorAreaM2, 1) },
    { label: L.capacity.height, value: k.maxHeightM == null ? L.notStated : m(k.maxHeightM) },
    { label: L.capacity.levels, value: k.maxLevels == null ? L.notStated : levels(k.maxLevels) },
  ];
  if (k.minLotAreaM2 != null) {
    rows.push({
      label: L.capacity.minLot,
      value: { fr: `${num(k.minLotAreaM2)} m² — ${(k.meetsMinLotArea ? L.capacity.meets : L.capacity.below).fr}`, ar: `${num(k.minLotAreaM2)} م² — ${(k.meetsMinLotArea ? L.capacity.meets : L.capacity.below).ar}` },
    });
  }
  return [{ type: 'fields', rows }];
}
