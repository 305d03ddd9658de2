// "Have the rules changed since this note?" (ARCHITECTURE.md §2). Compared statement by statement with
// what applies today, not by the data version alone: a publication elsewhere in the territory bumps the
// version without touching this land, and that is not a change for the holder of this note.
import type { Capacity, ZoningPart } from '../parcels/schemas.js';
import type { SelectionSheet } from '../selection/schemas.js';
import type { I18nText, OverlayHit, PlanRef, Regulation } from '../shared/schemas.js';
import { canonicalJson } from './canonical.js';
import type { NoteChange, NoteContent } from './schemas.js';

type Stated = Pick<NoteContent, 'zoning' | 'overlays' | 'capacity' | 'land'>;
type Today = Pick<SelectionSheet, 'zoning' | 'overlays' | 'capacity' | 'selection'>;

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The fields of two objects that differ (numbers within `tolerance` of each other are the same). */
function diffFields<T extends object>(a: T, b: T, keys: (keyof T)[], tolerance: Partial<Record<keyof T, number>> = {}): string[] {
  return keys
    .filter((k) => {
      const [x, y] = [a[k], b[k]];
      const tol = tolerance[k];
      if (tol !== undefined && typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) > tol;
      return !same(x, y);
    })
    .map(String);
}

/** Groups by key; several items may share one (two roads with the same label): compared in order. */
function byKey<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}

function compareKeyed<T>(
  subject: NoteChange['subject'],
  stated: T[],
  today: T[],
  key: (t: T) => string,
  fields: (a: T, b: T) => { subject?: NoteChange['subject']; fields: string[] }[],
): NoteChange[] {
  const [a, b] = [byKey(stated, key), byKey(today, key)];
  const out: NoteChange[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const [xs, ys] = [a.get(k) ?? [], b.get(k) ?? []];
    for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
      const [x, y] = [xs[i], ys[i]];
      if (x === undefined) out.push({ subject, change: 'added', key: k });
      else if (y === undefined) out.push({ subject, change: 'removed', key: k });
      else for (const d of fields(x, y)) if (d.fields.length) out.push({ subject: d.subject ?? subject, change: 'changed', key: k, fields: d.fields });
    }
  }
  return out;
}

const PLAN_FIELDS: (keyof PlanRef)[] = ['name', 'kind', 'versionNo', 'status', 'inForce', 'decreeRef', 'boRef', 'boDate', 'approvedOn', 'expiresOn'];
const CAPACITY_FIELDS: (keyof Capacity)[] = ['maxFootprintM2', 'maxFloorAreaM2', 'maxHeightM', 'maxLevels', 'minLotAreaM2', 'meetsMinLotArea'];
const plansOf = (parts: { plan: PlanRef }[]) => [...new Map(parts.map((p) => [p.plan.id, p.plan])).values()];
const overlayKey = (o: OverlayHit) => `${o.plan.code} / ${o.kind}${o.code ? ` ${o.code}` : ''} / ${o.label.fr}`;

export function compareWithToday(stated: Stated, today: Today): NoteChange[] {
  const changes: NoteChange[] = [];
  const [refsA, refsB] = [stated.land.parcels.map((p) => p.reference).sort(), today.selection.parcels.map((p) => p.reference).sort()];
  const [areaChanged, parcelsChanged] = [Math.abs(stated.land.areaM2 - today.selection.areaM2) > 0.5, !same(refsA, refsB)];
  if (areaChanged || parcelsChanged) {
    changes.push({ subject: 'land', change: 'changed', key: 'land', fields: [...(areaChanged ? ['areaM2'] : []), ...(parcelsChanged ? ['parcels'] : [])] });
  }
  changes.push(
    ...compareKeyed('plan', plansOf([...stated.zoning, ...stated.overlays]), plansOf([...today.zoning, ...today.overlays]), (p) => p.code, (a, b) => [
      { fields: diffFields(a, b, PLAN_FIELDS) },
    ]),
  );
  changes.push(
    ...compareKeyed('zone', stated.zoning, today.zoning, (z: ZoningPart) => `${z.plan.code} / ${z.zone.code}`, (a, b) => [
      { fields: [...diffFields(a.zone, b.zone, ['label', 'category']), ...diffFields(a, b, ['share'], { share: 0.0005 })] },
      { subject: 'regulation', fields: regulationFields(a.regulation, b.regulation) },
    ]),
  );
  changes.push(
    ...compareKeyed('overlay', stated.overlays, today.overlays, overlayKey, (a, b) => [
      { fields: diffFields(a, b, ['details', 'widthM', 'areaM2', 'lengthM'], { areaM2: 0.5, lengthM: 0.5 }) },
    ]),
  );
  if (!stated.capacity !== !today.capacity) changes.push({ subject: 'capacity', change: stated.capacity ? 'removed' : 'added', key: 'capacity' });
  else if (stated.capacity && today.capacity) {
    const fields = diffFields(stated.capacity, today.capacity, CAPACITY_FIELDS, { maxFootprintM2: 0.5, maxFloorAreaM2: 0.5 });
    if (stated.capacity.plan.code !== today.capacity.plan.code) fields.unshift('plan');
    if (fields.length) changes.push({ subject: 'capacity', change: 'changed', key: 'capacity', fields });
  }
  return changes;
}

/** In the order of the Regulation schema (jsonb keeps its own key order, not this one). */
const REGULATION_FIELDS: (keyof Regulation)[] = [
  'allowedUses', 'forbiddenUses', 'maxHeightM', 'maxLevels', 'cos', 'ces', 'minLotAreaM2', 'minFrontageM', 'setbacks', 'parking', 'remarks', 'articleRef',
];

function regulationFields(a: Regulation | null, b: Regulation | null): string[] {
  if (!a || !b) return a === b ? [] : ['regulation'];
  return diffFields(a, b, REGULATION_FIELDS);
}

/** When the land itself can no longer be resolved (a parcel was divided or merged since). */
export function landGone(reason: string): NoteChange[] {
  return [{ subject: 'land', change: 'removed', key: reason }];
}

export function changeMessage(changes: NoteChange[], issuedOn: string): I18nText {
  if (changes.length === 0) {
    return {
      fr: `Les règles indiquées par cette note sont toujours celles qui s'appliquent aujourd'hui (note émise le ${issuedOn}).`,
      ar: `القواعد المبينة في هذه المذكرة هي نفسها المطبقة اليوم (صدرت المذكرة بتاريخ ${issuedOn}).`,
      en: `The rules this note states still apply today (note issued on ${issuedOn}).`,
    };
  }
  return {
    fr: `Les règles ont changé depuis l'émission de cette note le ${issuedOn} : ${changes.length} changement(s). Demandez une nouvelle note.`,
    ar: `تغيرت القواعد منذ صدور هذه المذكرة بتاريخ ${issuedOn}: ${changes.length} تغيير(ات). اطلب مذكرة جديدة.`,
    en: `The rules have changed since this note was issued on ${issuedOn}: ${changes.length} change(s). Ask for a new note.`,
  };
}
