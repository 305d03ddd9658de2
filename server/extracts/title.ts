// The title block of an extract: what was selected, where, as of when, in which CRS, which rules drew the
// setbacks and how, and whether the data is an illustrative sample. The DXF prints it, the shapefile set
// carries it as README.txt and the GeoJSON as a foreign member, so every format says the same.
// French (the working language of Moroccan plans) or English; CAD fonts do not shape Arabic, so Arabic
// falls back to French here (Arabic names stay in the GeoJSON and shapefile attributes).
import type { Lang } from '../shared/schemas.js';
import { LAMBERT_LABEL } from '../shared/lambert.js';
import type { Extract } from './queries.js';

type L = 'fr' | 'en';

const T = {
  parcel: { fr: 'Parcelle', en: 'Parcel' },
  parcels: { fr: 'Parcelles', en: 'Parcels' },
  polygon: { fr: 'Polygone dessiné', en: 'Drawn polygon' },
  coordinates: { fr: 'Polygone saisi en coordonnées', en: 'Polygon typed as coordinates' },
  commune: { fr: 'Commune', en: 'Commune' },
  area: { fr: 'Surface (ellipsoïde)', en: 'Area (ellipsoid)' },
  at: { fr: 'Date de référence', en: 'As of' },
  version: { fr: 'version des données', en: 'data version' },
  crs: { fr: 'Système', en: 'CRS' },
  metres: { fr: 'mètres', en: 'metres' },
  shift: { fr: 'vers WGS 84 : EPSG:1166 (towgs84 31,146,47, ± 7 m)', en: 'to WGS 84: EPSG:1166 (towgs84 31,146,47; ± 7 m)' },
  lengths: {
    fr: 'Longueurs des côtés : longueurs planes en projection Lambert, en mètres.',
    en: 'Side lengths: plane lengths in the Lambert projection, metres.',
  },
  illustrative: {
    fr: 'ÉCHANTILLON ILLUSTRATIF — données fictives, document non officiel',
    en: 'ILLUSTRATIVE SAMPLE — fictitious data, not an official document',
  },
  indicative: {
    fr: 'Extrait indicatif : seule la note de renseignements signée de l’agence fait foi.',
    en: 'Indicative extract: only the agency’s signed information note is binding.',
  },
} satisfies Record<string, Record<L, string>>;

const SETBACK_RULE = {
  fr: [
    'Règle de tracé des reculs : avant = côté sans parcelle voisine (voie, place) ; latéral = limite avec une parcelle',
    'voisine ; fond = limite voisine opposée (± 45°) à la façade principale (le plus long côté sur voie). Limites : une',
    'parcelle absente du cadastre fait prendre sa limite pour une voie ; une parcelle d’angle a deux façades.',
  ],
  en: [
    'Setback rule: front = side with no neighbouring parcel (street, square); side = boundary with a neighbouring parcel;',
    'rear = neighbouring boundary opposite (± 45°) the main front (the longest street side). Limits: a parcel missing',
    'from the cadastre makes its boundary look like a street; a corner lot has two fronts.',
  ],
};

const m = (v: number | null | undefined) => (v == null ? '—' : `${v} m`);

/** The lines of the title block, in order. */
export function titleLines(x: Extract, lang: Lang): string[] {
  const l: L = lang === 'en' ? 'en' : 'fr';
  const c = l === 'fr' ? ' : ' : ': '; // French typography puts a space before the colon
  const refs = x.selection.parcels.map((p) => p.reference);
  const communes = [...new Set(x.selection.parcels.map((p) => p.commune?.name.fr).filter(Boolean))];
  const lines: string[] = [];
  if (x.illustrative) lines.push(T.illustrative[l]);
  lines.push(
    x.selection.type === 'parcels'
      ? `${refs.length > 1 ? T.parcels[l] : T.parcel[l]}${c}${refs.join(', ')}`
      : T[x.selection.type][l],
  );
  if (communes.length) lines.push(`${T.commune[l]}${c}${communes.join(', ')}`);
  lines.push(`${T.area[l]}${c}${x.selection.areaM2.toFixed(2)} m²`);
  lines.push(`${T.at[l]}${c}${x.at} — ${T.version[l]} ${x.dataVersion}`);
  lines.push(`${T.crs[l]}${c}${x.crs === 'EPSG:26191' ? `${LAMBERT_LABEL}, ${T.metres[l]}` : 'EPSG:4326 WGS 84 (lon, lat)'}; ${T.shift[l]}`);
  lines.push(...setbackLines(x, l));
  lines.push(T.lengths[l], T.indicative[l]);
  return lines;
}

function setbackLines(x: Extract, l: L): string[] {
  const r = x.rule;
  if (!x.setbacksApply) {
    return [l === 'fr'
      ? 'Reculs non tracés : un contour dessiné ou saisi n’est pas une parcelle cadastrale.'
      : 'Setbacks not drawn: a drawn or typed outline is not a cadastral parcel.'];
  }
  if (!r) {
    return [l === 'fr'
      ? 'Reculs non tracés : aucun plan opposable en vigueur ne couvre la sélection à cette date.'
      : 'Setbacks not drawn: no binding plan in force covers the selection at this date.'];
  }
  const s = r.regulation?.setbacks;
  const share = `${Math.round(r.share * 1000) / 10} %`;
  const head = l === 'fr'
    ? `Reculs : zone ${r.zone.code} (${r.zone.label.fr}) du ${r.plan.name.fr}, v${r.plan.versionNo} — ${share} de la surface, zone majoritaire`
    : `Setbacks: zone ${r.zone.code} (${r.zone.label.en ?? r.zone.label.fr}) of ${r.plan.name.en ?? r.plan.name.fr}, v${r.plan.versionNo} — ${share} of the area, largest share`;
  const values = l === 'fr'
    ? `avant ${m(s?.frontM)}, latéral ${m(s?.sideM)}, fond ${m(s?.rearM)} (— : non fixé par le règlement, rien n’est tracé)`
    : `front ${m(s?.frontM)}, side ${m(s?.sideM)}, rear ${m(s?.rearM)} (—: not stated by the regulation, nothing drawn)`;
  return [head, values, ...SETBACK_RULE[l]];
}
