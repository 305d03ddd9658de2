// Illustrative documents of the sample library (server/documents): a regulation for every sample plan,
// written from the plan's own rules, the approval decree of the Nador plan, and the title entries of the
// main legal texts of urban planning with a short excerpt written for the example. Each is a real PDF
// (pdfkit, with the Noto fonts and the Arabic typesetting of the notes: server/notes/pdf), carries the
// banner "Document illustratif / وثيقة توضيحية — مثال توضيحي" and is flagged illustrative. The excerpts
// summarise, they do not quote: the official texts are those published in the Bulletin officiel.
//
// The numbers and dates of the legal texts are those of the texts themselves (law 12-90 promulgated by
// dahir 1-92-31 and law 25-90 by dahir 1-92-7, both of 17 June 1992; decree 2-92-832 of 14 October 1993;
// dahir 1-60-063 of 25 June 1960 on rural agglomerations; decree 2-18-577 of 12 June 2019 approving the
// general building regulation). The text stored for search is the one the PDF is made from.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { banner, flow, title } from '../notes/pdf/blocks.js';
import { registerFonts } from '../notes/pdf/fonts.js';
import { CONTENT_WIDTH, Layout, MARGIN } from '../notes/pdf/page.js';
import { Typesetter } from '../notes/pdf/text.js';
import { restartIdsIfEmpty, type Db } from './sql.js';

interface Bi {
  fr: string;
  ar: string;
}

const ILLUSTRATIVE: Bi[] = [
  { fr: 'Document illustratif — exemple généré, pas un document officiel', ar: 'وثيقة توضيحية — مثال توضيحي مولَّد، وليست وثيقة رسمية' },
  { fr: "Les textes officiels sont ceux publiés au Bulletin officiel.", ar: 'النصوص الرسمية هي المنشورة في الجريدة الرسمية.' },
];

/** A bilingual A4 PDF: title, the illustrative banner, then each paragraph in French and in Arabic. */
export function bilingualPdf(heading: Bi, paragraphs: Bi[], date: string): Promise<Buffer> {
  const at = new Date(`${date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4', margin: 0, autoFirstPage: true, lang: 'fr-MA', displayTitle: true,
    info: { Title: `${heading.fr} — ${heading.ar}`, Author: 'Tasmim (exemple)', Creator: 'Tasmim', CreationDate: at, ModDate: at },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const ts = new Typesetter(doc, registerFonts(doc));
  const l = new Layout(doc, ts, 'bilingual', () => {});
  title(l, heading);
  banner(l, ILLUSTRATIVE, 'illustrative');
  for (const p of paragraphs) {
    flow(l, p.fr, MARGIN.left, CONTENT_WIDTH, false, { size: 10 });
    l.y += 3;
    flow(l, p.ar, MARGIN.left, CONTENT_WIDTH, true, { size: 10 });
    l.y += 8;
  }
  doc.end();
  return done;
}

interface SampleDocument {
  kind: string;
  planId: number | null;
  versionId: number | null;
  title: Bi;
  number: string | null;
  issuedOn: string | null;
  subject: string;
  basisFor: string[];
  fileName: string;
  paragraphs: Bi[];
}

const LEGAL: Omit<SampleDocument, 'planId' | 'versionId'>[] = [
  {
    kind: 'law', number: '12-90', issuedOn: '1992-06-17', basisFor: ['master', 'development', 'restructuring'], fileName: 'loi-12-90-urbanisme-exemple.pdf',
    title: { fr: "Loi n° 12-90 relative à l'urbanisme", ar: 'القانون رقم 12.90 المتعلق بالتعمير' },
    subject: "Urbanisme : schéma directeur d'aménagement urbain, plan de zonage, plan d'aménagement, permis de construire (illustratif)",
    paragraphs: [
      { fr: "Extrait illustratif. La loi organise les documents d'urbanisme : le schéma directeur d'aménagement urbain, qui fixe pour vingt-cinq ans au plus l'organisation générale du développement urbain ; le plan de zonage ; le plan d'aménagement, qui fixe l'affectation des zones, les voies, les équipements publics et les règles d'utilisation du sol.", ar: 'مقتطف توضيحي. ينظم القانون وثائق التعمير: المخطط المديري للتهيئة العمرانية الذي يحدد التنظيم العام للتنمية العمرانية لمدة أقصاها خمس وعشرون سنة، وتصميم التنطيق، وتصميم التهيئة الذي يحدد تخصيص المناطق والطرق والتجهيزات العامة وقواعد استعمال الأرض.' },
      { fr: "Le plan d'aménagement produit ses effets pendant dix ans à compter de la publication au Bulletin officiel du texte qui l'approuve. Nul ne peut construire sans avoir obtenu un permis de construire.", ar: 'ينتج تصميم التهيئة آثاره لمدة عشر سنوات ابتداء من تاريخ نشر النص القاضي بالموافقة عليه في الجريدة الرسمية. لا يجوز لأحد أن يبني دون الحصول على رخصة البناء.' },
    ],
  },
  {
    kind: 'law', number: '25-90', issuedOn: '1992-06-17', basisFor: [], fileName: 'loi-25-90-lotissements-exemple.pdf',
    title: { fr: "Loi n° 25-90 relative aux lotissements, groupes d'habitations et morcellements", ar: 'القانون رقم 25.90 المتعلق بالتجزئات العقارية والمجموعات السكنية وتقسيم العقارات' },
    subject: "Lotissements, groupes d'habitations, morcellements : autorisation préalable, réception des travaux (illustratif)",
    paragraphs: [
      { fr: "Extrait illustratif. La création d'un lotissement ou d'un groupe d'habitations est subordonnée à une autorisation administrative préalable ; le morcellement d'un terrain situé dans une commune urbaine l'est aussi.", ar: 'مقتطف توضيحي. يتوقف إحداث تجزئة عقارية أو مجموعة سكنية على إذن إداري سابق، وكذلك تقسيم عقار واقع في جماعة حضرية.' },
    ],
  },
  {
    kind: 'decree', number: '2-92-832', issuedOn: '1993-10-14', basisFor: ['master', 'development', 'restructuring'], fileName: 'decret-2-92-832-exemple.pdf',
    title: { fr: "Décret n° 2-92-832 pris pour l'application de la loi n° 12-90 relative à l'urbanisme", ar: 'المرسوم رقم 2.92.832 لتطبيق القانون رقم 12.90 المتعلق بالتعمير' },
    subject: "Application de la loi 12-90 : élaboration et enquête publique des documents d'urbanisme (illustratif)",
    paragraphs: [
      { fr: "Extrait illustratif. Le projet de plan d'aménagement est soumis à une enquête publique d'un mois, pendant laquelle le public peut consigner ses observations sur un registre ouvert à cet effet.", ar: 'مقتطف توضيحي. يخضع مشروع تصميم التهيئة لبحث علني مدته شهر يمكن للعموم خلاله تقييد ملاحظاتهم في سجل مفتوح لهذا الغرض.' },
    ],
  },
  {
    kind: 'law', number: '1-60-063', issuedOn: '1960-06-25', basisFor: ['growth'], fileName: 'dahir-1-60-063-exemple.pdf',
    title: { fr: 'Dahir n° 1-60-063 relatif au développement des agglomérations rurales', ar: 'الظهير الشريف رقم 1.60.063 في شأن توسيع نطاق العمارات القروية' },
    subject: 'Plans de développement des agglomérations rurales (illustratif)',
    paragraphs: [
      { fr: "Extrait illustratif. Le développement des agglomérations rurales est ordonné par un plan de développement qui délimite l'agglomération et fixe l'affectation de ses zones.", ar: 'مقتطف توضيحي. ينظم توسيع العمارات القروية بتصميم للنمو يحدد نطاق التجمع وتخصيص مناطقه.' },
    ],
  },
  {
    kind: 'building_regulation', number: '2-18-577', issuedOn: '2019-06-12', basisFor: [], fileName: 'rgc-2-18-577-exemple.pdf',
    title: { fr: 'Décret n° 2-18-577 approuvant le règlement général de construction', ar: 'المرسوم رقم 2.18.577 بالموافقة على ضابط البناء العام' },
    subject: "Formes et conditions de délivrance des autorisations d'urbanisme, pièces exigibles (illustratif)",
    paragraphs: [
      { fr: "Extrait illustratif. Le règlement fixe la forme et les conditions de délivrance des autorisations et des pièces exigibles, et organise leur instruction dématérialisée.", ar: 'مقتطف توضيحي. يحدد الضابط شكل وشروط تسليم الرخص والوثائق المطلوبة وينظم دراستها بطريقة لامادية.' },
    ],
  },
];

const num = (v: unknown) => (v == null ? null : Number(v));

/** The regulation of one plan version, written from its rules (table regulations). */
async function regulationOf(db: Db, plan: { id: number; code: string; fr: string; ar: string; version_id: number; version_no: number; bo_date: string | null }): Promise<SampleDocument> {
  const rules = await db.query(
    `SELECT r.zone_code, r.max_height_m, r.max_levels, r.cos, r.ces, r.min_lot_area_m2,
            (SELECT z.label FROM zones z WHERE z.version_id = r.version_id AND z.code = r.zone_code LIMIT 1) AS label
     FROM regulations r WHERE r.version_id = $1 ORDER BY r.zone_code`,
    [plan.version_id],
  );
  const paragraphs: Bi[] = [
    {
      fr: `Règlement d'aménagement illustratif du plan ${plan.fr} (${plan.code}), version ${plan.version_no}. Il fixe pour chaque zone les règles d'utilisation du sol en application de la loi n° 12-90 relative à l'urbanisme.`,
      ar: `نظام تهيئة توضيحي لتصميم ${plan.ar} (${plan.code})، النسخة ${plan.version_no}. يحدد لكل منطقة قواعد استعمال الأرض تطبيقا للقانون رقم 12.90 المتعلق بالتعمير.`,
    },
  ];
  for (const r of rules.rows) {
    const label = (r.label ?? { fr: '', ar: '' }) as Bi;
    const parts = (lang: 'fr' | 'ar') => [
      r.max_height_m != null ? (lang === 'fr' ? `hauteur maximale ${num(r.max_height_m)} m` : `العلو الأقصى ${num(r.max_height_m)} م`) : null,
      r.max_levels != null ? (lang === 'fr' ? `${num(r.max_levels)} niveaux` : `${num(r.max_levels)} مستويات`) : null,
      r.cos != null ? `COS ${num(r.cos)}` : null,
      r.ces != null ? `CES ${num(r.ces)}` : null,
      r.min_lot_area_m2 != null ? (lang === 'fr' ? `parcelle minimale ${num(r.min_lot_area_m2)} m²` : `المساحة الدنيا للقطعة ${num(r.min_lot_area_m2)} م²`) : null,
    ].filter(Boolean).join(lang === 'fr' ? ' ; ' : '؛ ');
    paragraphs.push({
      fr: `Zone ${r.zone_code} — ${label.fr} : ${parts('fr') || 'règles non fixées'}.`,
      ar: `المنطقة ${r.zone_code} — ${label.ar}: ${parts('ar') || 'قواعد غير محددة'}.`,
    });
  }
  return {
    kind: 'regulation', planId: plan.id, versionId: plan.version_id, number: null, issuedOn: plan.bo_date, basisFor: [],
    title: { fr: `Règlement d'aménagement — ${plan.fr}`, ar: `نظام التهيئة — ${plan.ar}` },
    subject: `Règles d'utilisation du sol par zone (illustratif)`,
    fileName: `reglement-${plan.code}-v${plan.version_no}.pdf`,
    paragraphs,
  };
}

export async function seedDocuments(db: Db, log: (m: string) => void): Promise<number> {
  await db.query('DELETE FROM documents WHERE illustrative');
  // Same ids every time (plan_versions.regulation_url names them) unless real documents are there too.
  await restartIdsIfEmpty(db, ['documents']);
  // The latest published version of every sample plan.
  const plans = await db.query<{ id: number; code: string; fr: string; ar: string; version_id: number; version_no: number; bo_date: string | null; decree_ref: string | null }>(
    `SELECT DISTINCT ON (p.id) p.id, p.code, p.name ->> 'fr' AS fr, p.name ->> 'ar' AS ar, v.id AS version_id, v.version_no,
            to_char(v.bo_date, 'YYYY-MM-DD') AS bo_date, v.decree_ref
     FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.state = 'published'
     WHERE p.illustrative ORDER BY p.id, v.version_no DESC`,
  );
  const docs: SampleDocument[] = LEGAL.map((d) => ({ ...d, planId: null, versionId: null }));
  for (const p of plans.rows) {
    docs.push(await regulationOf(db, p));
    if (p.code === 'ex-pa-nador' && p.decree_ref) {
      docs.push({
        kind: 'approval_decree', planId: p.id, versionId: p.version_id, number: p.decree_ref, issuedOn: p.bo_date, basisFor: [],
        title: { fr: `Décret d'approbation — ${p.fr}`, ar: `مرسوم الموافقة — ${p.ar}` }, subject: "Approbation du plan d'aménagement (illustratif)",
        fileName: `decret-${p.code}-v${p.version_no}.pdf`,
        paragraphs: [{
          fr: `Décret illustratif n° ${p.decree_ref} approuvant le plan d'aménagement ${p.fr}, en application de l'article 22 de la loi n° 12-90 relative à l'urbanisme.`,
          ar: `مرسوم توضيحي رقم ${p.decree_ref} بالموافقة على تصميم التهيئة ${p.ar}، تطبيقا للمادة 22 من القانون رقم 12.90 المتعلق بالتعمير.`,
        }],
      });
    }
  }
  for (const d of docs) {
    const content = await bilingualPdf(d.title, d.paragraphs, d.issuedOn ?? '2026-01-01');
    const text = [`${d.title.fr}\n${d.title.ar}`, ...ILLUSTRATIVE.map((b) => `${b.fr}\n${b.ar}`), ...d.paragraphs.map((p) => `${p.fr}\n${p.ar}`)].join('\n\n');
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO documents (kind, plan_id, version_id, title, number, issued_on, language, subject, basis_for, illustrative,
                              file_name, file_bytes, file_sha256, pages, body_text)
       VALUES ($1, $2, $3, $4, $5, $6, 'ar-fr', $7, $8::plan_kind[], true, $9, $10, $11, NULL, $12) RETURNING id`,
      [d.kind, d.planId, d.versionId, JSON.stringify(d.title), d.number, d.issuedOn, d.subject, d.basisFor, d.fileName, content.length,
        createHash('sha256').update(content).digest('hex'), text],
    );
    await db.query('INSERT INTO document_files (document_id, content) VALUES ($1, $2)', [rows[0]!.id, content]);
    // The plan version's "link to the regulation document" is this PDF, served by us (works offline).
    if (d.kind === 'regulation' && d.versionId) {
      await db.query('UPDATE plan_versions SET regulation_url = $1 WHERE id = $2', [`/api/documents/${rows[0]!.id}/file`, d.versionId]);
    }
  }
  log(`${docs.length} illustrative documents`);
  return docs.length;
}
