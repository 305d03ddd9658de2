// The validation report of an import: what was read, how (system, encoding, mapping), and every problem with
// its feature, its place on the map and its severity. An `error` blocks publication (zones) or the whole
// import (parcels, overlays); a `warning` does not; an `info` says what was decided for the planner.
//
// The report is stored as data (problem codes and their parameters) and its messages are written in the
// reader's language when it is sent (renderReport), like every other message of the API.
import { Type, type Static } from 'typebox';
import type { Lang } from '../shared/schemas.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

type P = Record<string, string | number>;
type Msg = Record<Lang, (p: P) => string>;

const m2 = (v: string | number) => Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 });

/** Every problem code with its severity and its message in each language. */
export const PROBLEMS = {
  crs: {
    severity: 'info',
    msg: {
      en: (p) => `Coordinates read as EPSG:${p.epsg} ${p.label} (${p.how}).${Number(p.epsg) === 26191 || Number(p.epsg) === 26192 ? ' Converted to WGS 84 with EPSG:1166 (towgs84 31,146,47).' : ''}`,
      fr: (p) => `Coordonnées lues en EPSG:${p.epsg} ${p.label} (${p.how}).${Number(p.epsg) === 26191 || Number(p.epsg) === 26192 ? ' Converties en WGS 84 avec EPSG:1166 (towgs84 31,146,47).' : ''}`,
      ar: (p) => `قُرئت الإحداثيات بالنظام EPSG:${p.epsg} ${p.label} (${p.how}).${Number(p.epsg) === 26191 || Number(p.epsg) === 26192 ? ' حُوّلت إلى WGS 84 بالتحويل EPSG:1166 (towgs84 31,146,47).' : ''}`,
    },
  },
  encoding: {
    severity: 'info',
    msg: {
      en: (p) => `Text read as ${p.name} (${p.detail}).`,
      fr: (p) => `Textes lus en ${p.name} (${p.detail}).`,
      ar: (p) => `قُرئت النصوص بالترميز ${p.name} (${p.detail}).`,
    },
  },
  template: {
    severity: 'info',
    msg: {
      en: (p) => `CNIG ${p.layer} layer: fields mapped by the standard (${p.fields}).`,
      fr: (p) => `Couche CNIG ${p.layer} : champs associés selon le standard (${p.fields}).`,
      ar: (p) => `طبقة CNIG ‏${p.layer}: رُبطت الحقول وفق المعيار (${p.fields}).`,
    },
  },
  flattened_3d: {
    severity: 'warning',
    msg: {
      en: (p) => `The layer is ${p.type}: heights (Z) and measures (M) were dropped, the plan is 2D.`,
      fr: (p) => `La couche est ${p.type} : les altitudes (Z) et mesures (M) ont été supprimées, le plan est en 2D.`,
      ar: (p) => `الطبقة من نوع ${p.type}: حُذفت الارتفاعات (Z) والقياسات (M)، فالتصميم ثنائي الأبعاد.`,
    },
  },
  mixed_geometry_types: {
    severity: 'warning',
    msg: {
      en: (p) => `The layer mixes ${p.polygons} Polygon and ${p.multipolygons} MultiPolygon features; all were stored as MultiPolygons.`,
      fr: (p) => `La couche mélange ${p.polygons} Polygon et ${p.multipolygons} MultiPolygon ; tous ont été enregistrés en MultiPolygon.`,
      ar: (p) => `تخلط الطبقة ${p.polygons} عنصرا من نوع Polygon و${p.multipolygons} من نوع MultiPolygon؛ حُفظت كلها MultiPolygon.`,
    },
  },
  null_geometry: {
    severity: 'warning',
    msg: {
      en: () => 'This feature has no geometry; it was left out.',
      fr: () => "Cet objet n'a pas de géométrie ; il a été écarté.",
      ar: () => 'هذا العنصر بلا هندسة؛ تم استبعاده.',
    },
  },
  not_polygon: {
    severity: 'error',
    msg: {
      en: (p) => `This feature is a ${p.type}, not a polygon; it was left out. Zones and parcels are surfaces: check that this is the right layer.`,
      fr: (p) => `Cet objet est un ${p.type}, pas un polygone ; il a été écarté. Zones et parcelles sont des surfaces : vérifiez la couche.`,
      ar: (p) => `هذا العنصر من نوع ${p.type} وليس مضلعا؛ تم استبعاده. المناطق والقطع مساحات: تحقق من الطبقة.`,
    },
  },
  unsupported_geometry: {
    severity: 'error',
    msg: {
      en: (p) => `This feature is a ${p.type}; overlays are polygons, lines or points. It was left out.`,
      fr: (p) => `Cet objet est un ${p.type} ; les prescriptions sont des polygones, des lignes ou des points. Il a été écarté.`,
      ar: (p) => `هذا العنصر من نوع ${p.type}؛ الارتفاقات مضلعات أو خطوط أو نقاط. تم استبعاده.`,
    },
  },
  invalid_geometry: {
    severity: 'warning',
    msg: {
      en: (p) => `Invalid geometry (${p.reason}); repaired with ST_MakeValid, ${m2(p.areaM2)} m² kept. Check it on the map.`,
      fr: (p) => `Géométrie invalide (${p.reason}) ; réparée avec ST_MakeValid, ${m2(p.areaM2)} m² conservés. Vérifiez-la sur la carte.`,
      ar: (p) => `هندسة غير صالحة (${p.reason})؛ أُصلحت بـ ST_MakeValid مع الإبقاء على ${m2(p.areaM2)} م². تحقق منها على الخريطة.`,
    },
  },
  unrepairable_geometry: {
    severity: 'error',
    msg: {
      en: (p) => `Invalid geometry (${p.reason}) that has no surface left once repaired; it was left out.`,
      fr: (p) => `Géométrie invalide (${p.reason}) sans surface une fois réparée ; elle a été écartée.`,
      ar: (p) => `هندسة غير صالحة (${p.reason}) لا تبقى لها مساحة بعد الإصلاح؛ تم استبعادها.`,
    },
  },
  missing_code: {
    severity: 'error',
    msg: {
      en: (p) => `No zone code in field "${p.field}"; the feature was left out.`,
      fr: (p) => `Pas de code de zone dans le champ « ${p.field} » ; l'objet a été écarté.`,
      ar: (p) => `لا يوجد رمز منطقة في الحقل "${p.field}"؛ تم استبعاد العنصر.`,
    },
  },
  outside_territory: {
    severity: 'error',
    msg: {
      en: () => 'This feature lies outside the agency territory (provinces of Nador, Driouch and Guercif).',
      fr: () => "Cet objet est hors du territoire de l'agence (provinces de Nador, Driouch et Guercif).",
      ar: () => 'هذا العنصر خارج نفوذ الوكالة (أقاليم الناظور والدريوش وجرسيف).',
    },
  },
  partly_outside_territory: {
    severity: 'warning',
    msg: {
      en: (p) => `${m2(p.outsideM2)} m² of this feature (${p.share} %) lie outside the communes of the agency.`,
      fr: (p) => `${m2(p.outsideM2)} m² de cet objet (${p.share} %) sont hors des communes de l'agence.`,
      ar: (p) => `${m2(p.outsideM2)} م² من هذا العنصر (${p.share}٪) خارج جماعات نفوذ الوكالة.`,
    },
  },
  crs_suspect: {
    severity: 'error',
    msg: {
      en: (p) => `${p.outside} of ${p.total} features fall outside the agency territory: the coordinate system EPSG:${p.epsg} looks wrong.${p.fits ? ` Read as ${p.fits}, the layer falls in the territory.` : ''}`,
      fr: (p) => `${p.outside} objets sur ${p.total} tombent hors du territoire de l'agence : le système EPSG:${p.epsg} semble faux.${p.fits ? ` Lue en ${p.fits}, la couche tombe dans le territoire.` : ''}`,
      ar: (p) => `${p.outside} من ${p.total} عنصرا تقع خارج نفوذ الوكالة: يبدو أن النظام EPSG:${p.epsg} خاطئ.${p.fits ? ` إذا قُرئت الطبقة بـ ${p.fits} فإنها تقع داخل النفوذ.` : ''}`,
    },
  },
  overlap: {
    severity: 'error',
    msg: {
      en: (p) => `Zones ${p.code} and ${p.otherCode} (feature ${p.otherIndex}) overlap on ${m2(p.areaM2)} m²: a place would have two sets of rules.`,
      fr: (p) => `Les zones ${p.code} et ${p.otherCode} (objet ${p.otherIndex}) se chevauchent sur ${m2(p.areaM2)} m² : un lieu aurait deux règlements.`,
      ar: (p) => `المنطقتان ${p.code} و${p.otherCode} (العنصر ${p.otherIndex}) متداخلتان على ${m2(p.areaM2)} م²: سيكون لمكان واحد نظامان.`,
    },
  },
  overlap_sliver: {
    severity: 'warning',
    msg: {
      en: (p) => `Zones ${p.code} and ${p.otherCode} (feature ${p.otherIndex}) overlap on a sliver of ${m2(p.areaM2)} m² (digitising).`,
      fr: (p) => `Les zones ${p.code} et ${p.otherCode} (objet ${p.otherIndex}) se chevauchent sur une bande de ${m2(p.areaM2)} m² (numérisation).`,
      ar: (p) => `المنطقتان ${p.code} و${p.otherCode} (العنصر ${p.otherIndex}) متداخلتان على شريط من ${m2(p.areaM2)} م² (رقمنة).`,
    },
  },
  gap: {
    severity: 'warning',
    msg: {
      en: (p) => `A gap of ${m2(p.areaM2)} m² between zones, inside the plan: no zone applies there.`,
      fr: (p) => `Un vide de ${m2(p.areaM2)} m² entre zones, à l'intérieur du plan : aucune zone ne s'y applique.`,
      ar: (p) => `فراغ مساحته ${m2(p.areaM2)} م² بين المناطق داخل التصميم: لا تنطبق عليه أي منطقة.`,
    },
  },
  missing_regulation: {
    severity: 'warning',
    msg: {
      en: (p) => `Zone code ${p.code} (${p.count} feature(s)) has no regulation yet; enter its rules before publishing.`,
      fr: (p) => `Le code de zone ${p.code} (${p.count} objet(s)) n'a pas encore de règlement ; saisissez ses règles avant de publier.`,
      ar: (p) => `رمز المنطقة ${p.code} (${p.count} عنصر) ليس له نظام بعد؛ أدخل قواعده قبل النشر.`,
    },
  },
  category_defaulted: {
    severity: 'warning',
    msg: {
      en: (p) => `Nothing says the category of zone code ${p.code}; "${p.category}" was used. Say it with categoryMap, or change it in the draft.`,
      fr: (p) => `Rien n'indique la catégorie du code de zone ${p.code} ; « ${p.category} » a été utilisée. Indiquez-la avec categoryMap ou modifiez-la dans le brouillon.`,
      ar: (p) => `لا شيء يحدد فئة رمز المنطقة ${p.code}؛ استُعملت الفئة "${p.category}". حددها بـ categoryMap أو عدّلها في المسودة.`,
    },
  },
  labels_filled: {
    severity: 'info',
    msg: {
      en: (p) => `Labels: ${p.noAr} feature(s) without an Arabic label and ${p.noFr} without a French one took the other language's label (or the code).`,
      fr: (p) => `Libellés : ${p.noAr} objet(s) sans libellé arabe et ${p.noFr} sans libellé français ont pris celui de l'autre langue (ou le code).`,
      ar: (p) => `التسميات: ${p.noAr} عنصرا بلا تسمية عربية و${p.noFr} بلا تسمية فرنسية أخذت تسمية اللغة الأخرى (أو الرمز).`,
    },
  },
  copied_from_version: {
    severity: 'info',
    msg: {
      en: (p) => `${p.regulations} regulation(s) and ${p.overlays} overlay(s) copied from version ${p.versionNo} of the plan, for the codes that exist there.`,
      fr: (p) => `${p.regulations} règlement(s) et ${p.overlays} prescription(s) copiés de la version ${p.versionNo} du plan, pour les codes qui y existent.`,
      ar: (p) => `نُسخ ${p.regulations} نظاما و${p.overlays} ارتفاقا من النسخة ${p.versionNo} من التصميم، للرموز الموجودة فيها.`,
    },
  },
  missing_reference: {
    severity: 'error',
    msg: {
      en: (p) => `No parcel reference in field "${p.field}".`,
      fr: (p) => `Pas de référence de parcelle dans le champ « ${p.field} ».`,
      ar: (p) => `لا يوجد مرجع للقطعة في الحقل "${p.field}".`,
    },
  },
  duplicate_reference: {
    severity: 'error',
    msg: {
      en: (p) => `Reference ${p.reference} is also that of feature ${p.otherIndex}: a reference names one parcel.`,
      fr: (p) => `La référence ${p.reference} est aussi celle de l'objet ${p.otherIndex} : une référence désigne une seule parcelle.`,
      ar: (p) => `المرجع ${p.reference} هو أيضا مرجع العنصر ${p.otherIndex}: المرجع يخص قطعة واحدة.`,
    },
  },
  reference_in_use: {
    severity: 'error',
    msg: {
      en: (p) => `Reference ${p.reference} is that of a current parcel of another commune (${p.commune}), which this file does not replace.`,
      fr: (p) => `La référence ${p.reference} est celle d'une parcelle en vigueur d'une autre commune (${p.commune}), que ce fichier ne remplace pas.`,
      ar: (p) => `المرجع ${p.reference} هو مرجع قطعة قائمة في جماعة أخرى (${p.commune}) لا يعوضها هذا الملف.`,
    },
  },
  unknown_commune: {
    severity: 'error',
    msg: {
      en: (p) => `Commune "${p.value}" (field ${p.field}) is not a commune of the agency: use its HCP code or its name.`,
      fr: (p) => `La commune « ${p.value} » (champ ${p.field}) n'est pas une commune de l'agence : utilisez son code HCP ou son nom.`,
      ar: (p) => `الجماعة "${p.value}" (الحقل ${p.field}) ليست من جماعات الوكالة: استعمل رمزها لدى المندوبية السامية للتخطيط أو اسمها.`,
    },
  },
  commune_mismatch: {
    severity: 'warning',
    msg: {
      en: (p) => `The parcel is said to be in ${p.said} but lies in ${p.found}.`,
      fr: (p) => `La parcelle est indiquée dans ${p.said} mais se trouve dans ${p.found}.`,
      ar: (p) => `القطعة مذكورة في ${p.said} لكنها تقع في ${p.found}.`,
    },
  },
  parcel_overlap: {
    severity: 'warning',
    msg: {
      en: (p) => `Parcels ${p.reference} and ${p.otherReference} (feature ${p.otherIndex}) overlap on ${m2(p.areaM2)} m².`,
      fr: (p) => `Les parcelles ${p.reference} et ${p.otherReference} (objet ${p.otherIndex}) se chevauchent sur ${m2(p.areaM2)} m².`,
      ar: (p) => `القطعتان ${p.reference} و${p.otherReference} (العنصر ${p.otherIndex}) متداخلتان على ${m2(p.areaM2)} م².`,
    },
  },
  parcel_duplicate_geometry: {
    severity: 'error',
    msg: {
      en: (p) => `Parcels ${p.reference} and ${p.otherReference} (feature ${p.otherIndex}) cover the same land (${p.share} % of the smaller one).`,
      fr: (p) => `Les parcelles ${p.reference} et ${p.otherReference} (objet ${p.otherIndex}) couvrent le même terrain (${p.share} % de la plus petite).`,
      ar: (p) => `القطعتان ${p.reference} و${p.otherReference} (العنصر ${p.otherIndex}) تغطيان الأرض نفسها (${p.share}٪ من الأصغر).`,
    },
  },
  parcels_replaced: {
    severity: 'info',
    msg: {
      en: (p) => `Communes ${p.communes}: ${p.closed} parcel(s) closed on ${p.date} (they still answer before it), ${p.removed} of the same day replaced, ${p.inserted} inserted.`,
      fr: (p) => `Communes ${p.communes} : ${p.closed} parcelle(s) clôturée(s) le ${p.date} (elles répondent toujours avant cette date), ${p.removed} du même jour remplacée(s), ${p.inserted} insérée(s).`,
      ar: (p) => `الجماعات ${p.communes}: أُغلقت ${p.closed} قطعة بتاريخ ${p.date} (تبقى سارية قبله)، وعُوّضت ${p.removed} من اليوم نفسه، وأُدرجت ${p.inserted}.`,
    },
  },
  unknown_overlay_type: {
    severity: 'error',
    msg: {
      en: (p) => `Type "${p.value}" (${p.count} feature(s)) is not an overlay kind we know; map it with typeMap to one of: ${p.kinds}.`,
      fr: (p) => `Le type « ${p.value} » (${p.count} objet(s)) n'est pas une prescription connue ; associez-le avec typeMap à l'un de : ${p.kinds}.`,
      ar: (p) => `النوع "${p.value}" (${p.count} عنصر) ليس نوع ارتفاق معروفا؛ اربطه بواسطة typeMap بأحد: ${p.kinds}.`,
    },
  },
  invalid_width: {
    severity: 'warning',
    msg: {
      en: (p) => `Width "${p.value}" is not a positive number of metres; left empty.`,
      fr: (p) => `La largeur « ${p.value} » n'est pas un nombre positif de mètres ; laissée vide.`,
      ar: (p) => `العرض "${p.value}" ليس عددا موجبا من الأمتار؛ تُرك فارغا.`,
    },
  },
} satisfies Record<string, { severity: Severity; msg: Msg }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface FeatureRef {
  index: number;
  fid: number | null;
  code: string | null;
}

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  feature: FeatureRef | null;
  location: { lon: number; lat: number } | null;
  params: P;
}

export const ReportSchema = Type.Object({
  target: Type.Enum(['zones', 'parcels', 'overlays']),
  file: Type.Object({
    name: Type.String(),
    format: Type.String({ description: 'geojson, shapefile or geopackage' }),
    layer: Type.String(),
    geometryType: Type.String({ description: 'as GDAL states it, e.g. "3D Polygon"' }),
    featureCount: Type.Integer(),
  }),
  crs: Type.Object({ epsg: Type.Integer(), label: Type.String(), source: Type.String(), how: Type.String() }),
  encoding: Type.Union([Type.Object({ name: Type.String(), source: Type.String(), detail: Type.String() }), Type.Null()]),
  mapping: Type.Record(Type.String(), Type.Unknown(), { description: 'the fields used, after templates' }),
  counts: Type.Object({
    read: Type.Integer(),
    imported: Type.Integer(),
    skipped: Type.Integer(),
    errors: Type.Integer(),
    warnings: Type.Integer(),
  }),
  problems: Type.Array(
    Type.Object({
      code: Type.String({ description: 'stable problem code, e.g. invalid_geometry, overlap, gap' }),
      severity: Type.Enum(SEVERITIES, { description: 'error blocks publication; warning does not; info says what was decided' }),
      message: Type.String(),
      feature: Type.Union([
        Type.Object({
          index: Type.Integer({ description: 'position in the layer, from 0' }),
          fid: Type.Union([Type.Integer(), Type.Null()], { description: "the file's own feature id" }),
          code: Type.Union([Type.String(), Type.Null()], { description: 'zone code, parcel reference or overlay type' }),
        }),
        Type.Null(),
      ]),
      location: Type.Union([Type.Object({ lon: Type.Number(), lat: Type.Number() }), Type.Null()], { description: 'where to look on the map (EPSG:4326)' }),
      params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
    }),
  ),
  truncated: Type.Record(Type.String(), Type.Integer(), { description: 'problems not listed, by code (beyond the per-code limit)' }),
});
export type RenderedReport = Static<typeof ReportSchema>;

/** The report as stored (problems without their messages). */
export type Report = Omit<RenderedReport, 'problems'> & { problems: Problem[] };

export class ProblemList {
  readonly problems: Problem[] = [];
  readonly truncated: Record<string, number> = {};
  private readonly perCode = new Map<string, number>();
  private errorCount = 0;
  private warningCount = 0;

  constructor(private readonly limitPerCode: number) {}

  add(code: ProblemCode, feature: FeatureRef | null, location: { lon: number; lat: number } | null, params: P = {}): void {
    const severity = PROBLEMS[code].severity as Severity;
    if (severity === 'error') this.errorCount++;
    if (severity === 'warning') this.warningCount++;
    const n = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, n);
    if (n > this.limitPerCode) {
      this.truncated[code] = (this.truncated[code] ?? 0) + 1;
      return;
    }
    this.problems.push({ code, severity, feature, location, params });
  }

  get errors(): number {
    return this.errorCount;
  }
  get warnings(): number {
    return this.warningCount;
  }
}

export function problemMessage(p: Pick<Problem, 'code' | 'params'>, lang: Lang): string {
  const def = PROBLEMS[p.code as ProblemCode];
  return def ? def.msg[lang](p.params) : p.code;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The stored report with each problem's message in `lang`, errors first. */
export function renderReport(report: Report, lang: Lang): RenderedReport {
  const problems = report.problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => ORDER[a.p.severity] - ORDER[b.p.severity] || a.i - b.i)
    .map(({ p }) => ({ ...p, message: problemMessage(p, lang) }));
  return { ...report, problems };
}
