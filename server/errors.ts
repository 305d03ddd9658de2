// Errors are named once here, with their HTTP status and their message in each language, and mapped to
// the one error body `{ error: { code, message, details? } }` in one place (errorHandler). A 4xx says what
// was wrong and how to fix it; a 5xx never carries SQL, a stack or an internal message.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLang } from './i18n.js';
import type { Lang } from './shared/schemas.js';

type Messages = Record<Lang, (p: Record<string, string | number>) => string>;

/** The things a 404 names, in French and Arabic (the English name is the key); others are shown as given. */
const WHAT: Record<string, { fr: string; ar: string }> = {
  parcel: { fr: 'parcelle', ar: 'القطعة الأرضية' },
  plan: { fr: 'plan', ar: 'التصميم' },
  'plan version': { fr: 'version de plan', ar: 'صيغة التصميم' },
  document: { fr: 'document', ar: 'الوثيقة' },
  user: { fr: 'utilisateur', ar: 'المستخدم' },
  import: { fr: 'import', ar: 'الاستيراد' },
  report: { fr: 'signalement', ar: 'التبليغ' },
  'report photo': { fr: 'photo de signalement', ar: 'صورة التبليغ' },
};

export const ERRORS = {
  invalid_request: {
    status: 400,
    msg: {
      en: (p) => `Invalid request: ${p.detail}.`,
      fr: (p) => `Requête invalide : ${p.detail}.`,
      ar: (p) => `طلب غير صالح: ${p.detail}.`,
    },
  },
  invalid_bbox: {
    status: 400,
    msg: {
      en: () => 'bbox must be four numbers minLon,minLat,maxLon,maxLat with -180 ≤ lon ≤ 180, -90 ≤ lat ≤ 90, min < max.',
      fr: () => 'bbox doit être quatre nombres minLon,minLat,maxLon,maxLat avec -180 ≤ lon ≤ 180, -90 ≤ lat ≤ 90, min < max.',
      ar: () => 'يجب أن يتكون bbox من أربعة أعداد minLon,minLat,maxLon,maxLat مع ‎-180 ≤ lon ≤ 180 و‎-90 ≤ lat ≤ 90 والحد الأدنى أصغر من الأقصى.',
    },
  },
  invalid_date: {
    status: 400,
    msg: {
      en: (p) => `"${p.value}" is not a valid date: use YYYY-MM-DD, for example 2024-01-31.`,
      fr: (p) => `« ${p.value} » n'est pas une date valide : utilisez AAAA-MM-JJ, par exemple 2024-01-31.`,
      ar: (p) => `"${p.value}" ليس تاريخا صالحا: استعمل الصيغة YYYY-MM-DD، مثلا 2024-01-31.`,
    },
  },
  tile_out_of_range: {
    status: 400,
    msg: {
      en: (p) => `Tile ${p.z}/${p.x}/${p.y} does not exist: z must be 0–${p.maxz} and x, y between 0 and 2^z − 1.`,
      fr: (p) => `La tuile ${p.z}/${p.x}/${p.y} n'existe pas : z doit être entre 0 et ${p.maxz}, x et y entre 0 et 2^z − 1.`,
      ar: (p) => `البلاطة ${p.z}/${p.x}/${p.y} غير موجودة: يجب أن يكون z بين 0 و${p.maxz} وx وy بين 0 و2^z − 1.`,
    },
  },
  // 400, not 404: the issue lists an unknown source among the bad inputs (a mistyped name, like a bad z).
  unknown_source: {
    status: 400,
    msg: {
      en: (p) => `Unknown tile source "${p.source}". Known sources: ${p.known}.`,
      fr: (p) => `Source de tuiles inconnue « ${p.source} ». Sources connues : ${p.known}.`,
      ar: (p) => `مصدر بلاطات غير معروف "${p.source}". المصادر المعروفة: ${p.known}.`,
    },
  },
  not_found: {
    status: 404,
    msg: {
      en: (p) => `No ${p.what} with id ${p.id}.`,
      fr: (p) => `Introuvable : ${WHAT[p.what as string]?.fr ?? p.what} d'identifiant ${p.id}.`,
      ar: (p) => `غير موجود: ${WHAT[p.what as string]?.ar ?? p.what} بالمعرّف ${p.id}.`,
    },
  },
  route_not_found: {
    status: 404,
    msg: {
      en: (p) => `No route ${p.method} ${p.url}. The API is described at /api/docs.`,
      fr: (p) => `Aucune route ${p.method} ${p.url}. L'API est décrite sur /api/docs.`,
      ar: (p) => `لا يوجد مسار ${p.method} ${p.url}. الواجهة البرمجية موصوفة في ‎/api/docs.`,
    },
  },
  invalid_selection: {
    status: 400,
    msg: {
      en: (p) => `Invalid selection: ${p.reason}.`,
      fr: (p) => `Sélection invalide : ${p.reason}.`,
      ar: (p) => `تحديد غير صالح: ${p.reason}.`,
    },
  },
  selection_outside_territory: {
    status: 400,
    msg: {
      en: () => 'The selection lies outside the agency territory (provinces of Nador, Driouch and Guercif); check the coordinates and their CRS.',
      fr: () => "La sélection est hors du territoire de l'agence (provinces de Nador, Driouch et Guercif) ; vérifiez les coordonnées et leur système.",
      ar: () => 'التحديد خارج نفوذ الوكالة (أقاليم الناظور والدريوش وجرسيف)؛ تحقق من الإحداثيات ونظامها.',
    },
  },
  selection_too_large: {
    status: 400,
    msg: {
      en: (p) => `The selection is too large: at most ${p.limit}. Select fewer parcels or a smaller area.`,
      fr: (p) => `La sélection est trop grande : au plus ${p.limit}. Sélectionnez moins de parcelles ou une surface plus petite.`,
      ar: (p) => `التحديد كبير جدا: الحد الأقصى ${p.limit}. اختر عددا أقل من القطع أو مساحة أصغر.`,
    },
  },
  unknown_crs: {
    status: 400,
    msg: {
      en: (p) => `Unknown or unsupported coordinate reference system in "${p.param}": use ${p.known} (EPSG:4326 = longitude, latitude in WGS84; EPSG:26191 = Lambert Nord Maroc, metres).`,
      fr: (p) => `Système de coordonnées inconnu ou non pris en charge dans « ${p.param} » : utilisez ${p.known} (EPSG:4326 = longitude, latitude en WGS84 ; EPSG:26191 = Lambert Nord Maroc, en mètres).`,
      ar: (p) => `نظام إحداثيات غير معروف أو غير مدعوم في "${p.param}": استعمل ${p.known} (‏EPSG:4326 = خط الطول والعرض في WGS84؛ ‏EPSG:26191 = لامبير شمال المغرب بالأمتار).`,
    },
  },
  note_not_found: {
    status: 404,
    msg: {
      en: (p) => `No note ${p.reference} with this verification code. Check both on the note: the code is printed in its first section and held in its QR code.`,
      fr: (p) => `Aucune note ${p.reference} avec ce code de vérification. Vérifiez les deux sur la note : le code est imprimé dans sa première partie et contenu dans son code QR.`,
      ar: (p) => `لا توجد مذكرة ${p.reference} بهذا الرمز للتحقق. تحقق منهما في المذكرة: الرمز مطبوع في الجزء الأول منها ومضمن في رمز QR.`,
    },
  },
  // Imports and publication (server/imports, server/publishing).
  import_unsupported_format: {
    status: 400,
    msg: {
      en: (p) => `"${p.file}" is not a file Tasmim can import. Send a GeoJSON file (.geojson), a zipped Shapefile (.zip holding the .shp, .shx, .dbf, .prj and, if there is one, .cpg) or a GeoPackage (.gpkg).`,
      fr: (p) => `« ${p.file} » n'est pas un fichier que Tasmim sait importer. Envoyez un fichier GeoJSON (.geojson), un Shapefile zippé (.zip contenant les .shp, .shx, .dbf, .prj et, s'il existe, .cpg) ou un GeoPackage (.gpkg).`,
      ar: (p) => `"${p.file}" ليس ملفا يمكن لتصميم استيراده. أرسل ملف GeoJSON ‏(.geojson) أو ملف Shapefile مضغوطا (.zip يضم ملفات ‎.shp و‎.shx و‎.dbf و‎.prj و‎.cpg إن وجد) أو GeoPackage ‏(.gpkg).`,
    },
  },
  import_unreadable: {
    status: 400,
    msg: {
      en: (p) => `"${p.file}" could not be read: ${p.reason}. Check that it opens in a GIS (QGIS), then send it again.`,
      fr: (p) => `« ${p.file} » n'a pas pu être lu : ${p.reason}. Vérifiez qu'il s'ouvre dans un SIG (QGIS), puis renvoyez-le.`,
      ar: (p) => `تعذرت قراءة "${p.file}": ${p.reason}. تحقق من أنه يفتح في نظام معلومات جغرافية (QGIS) ثم أرسله من جديد.`,
    },
  },
  import_archive_refused: {
    status: 400,
    msg: {
      en: (p) => `The archive was refused: ${p.reason}. Send a zip holding only the files of the layer.`,
      fr: (p) => `L'archive a été refusée : ${p.reason}. Envoyez un zip ne contenant que les fichiers de la couche.`,
      ar: (p) => `رُفض الأرشيف: ${p.reason}. أرسل ملف zip لا يضم إلا ملفات الطبقة.`,
    },
  },
  import_too_large: {
    status: 413,
    msg: {
      en: (p) => `The file is too large: ${p.what} is limited to ${p.limit}. Split the layer or simplify it.`,
      fr: (p) => `Le fichier est trop volumineux : ${p.what} est limité(e) à ${p.limit}. Découpez la couche ou simplifiez-la.`,
      ar: (p) => `الملف كبير جدا: ${p.what} محدود في ${p.limit}. قسّم الطبقة أو بسّطها.`,
    },
  },
  import_layer_choice: {
    status: 400,
    msg: {
      en: (p) => `The file holds several layers (${p.layers}); say which one to import with "layer".`,
      fr: (p) => `Le fichier contient plusieurs couches (${p.layers}) ; indiquez laquelle importer avec « layer ».`,
      ar: (p) => `يضم الملف عدة طبقات (${p.layers})؛ حدد الطبقة المراد استيرادها بواسطة "layer".`,
    },
  },
  import_no_features: {
    status: 400,
    msg: {
      en: (p) => `The layer "${p.layer}" has no feature with a usable geometry; nothing was imported.`,
      fr: (p) => `La couche « ${p.layer} » n'a aucun objet avec une géométrie utilisable ; rien n'a été importé.`,
      ar: (p) => `لا تضم الطبقة "${p.layer}" أي عنصر بهندسة صالحة للاستعمال؛ لم يُستورد شيء.`,
    },
  },
  import_missing_prj: {
    status: 400,
    msg: {
      en: () => 'The Shapefile has no .prj, so its coordinate system is unknown and will not be guessed. Put the .prj file your GIS wrote beside the .shp in the archive, or state the system with crs=EPSG:26191 (Lambert Nord Maroc) or crs=EPSG:26192 (Lambert Sud Maroc).',
      fr: () => "Le Shapefile n'a pas de .prj : son système de coordonnées est inconnu et ne sera pas deviné. Placez dans l'archive le fichier .prj écrit par votre SIG à côté du .shp, ou indiquez le système avec crs=EPSG:26191 (Lambert Nord Maroc) ou crs=EPSG:26192 (Lambert Sud Maroc).",
      ar: () => 'لا يضم ملف Shapefile ملف ‎.prj، فنظام إحداثياته مجهول ولن يُخمَّن. ضع في الأرشيف ملف ‎.prj الذي كتبه نظامك الجغرافي بجانب ‎.shp، أو حدد النظام بـ crs=EPSG:26191 (لامبير شمال المغرب) أو crs=EPSG:26192 (لامبير جنوب المغرب).',
    },
  },
  import_unknown_crs: {
    status: 400,
    msg: {
      en: (p) => `The coordinate system of the file is not one Tasmim can use (${p.found}). Supported: ${p.known}. Reproject the layer in a GIS, or state the system with crs= if the file's definition is wrong.`,
      fr: (p) => `Le système de coordonnées du fichier n'est pas utilisable par Tasmim (${p.found}). Pris en charge : ${p.known}. Reprojetez la couche dans un SIG, ou indiquez le système avec crs= si la définition du fichier est fausse.`,
      ar: (p) => `نظام إحداثيات الملف غير قابل للاستعمال في تصميم (${p.found}). الأنظمة المدعومة: ${p.known}. أعد إسقاط الطبقة في نظام معلومات جغرافية، أو حدد النظام بـ crs= إن كان تعريف الملف خاطئا.`,
    },
  },
  import_crs_mismatch: {
    status: 400,
    msg: {
      en: (p) => `The coordinates of the file (extent ${p.extent}) do not fit its coordinate system ${p.crs}: ${p.kind === 'degrees' ? 'they look like longitude/latitude degrees, not metres' : 'they are out of its range'}.${p.fits ? ` Read as ${p.fits}, they fall in the agency territory.` : ''} Correct the .prj or state the system with crs=.`,
      fr: (p) => `Les coordonnées du fichier (emprise ${p.extent}) ne correspondent pas à son système ${p.crs} : ${p.kind === 'degrees' ? 'elles ressemblent à des degrés de longitude/latitude, pas à des mètres' : 'elles sont hors de son domaine'}.${p.fits ? ` Lues en ${p.fits}, elles tombent dans le territoire de l'agence.` : ''} Corrigez le .prj ou indiquez le système avec crs=.`,
      ar: (p) => `إحداثيات الملف (الامتداد ${p.extent}) لا تتوافق مع نظامه ${p.crs}: ${p.kind === 'degrees' ? 'تبدو درجات طول وعرض وليست أمتارا' : 'إنها خارج نطاقه'}.${p.fits ? ` إذا قُرئت بـ ${p.fits} فإنها تقع داخل نفوذ الوكالة.` : ''} صحّح ملف ‎.prj أو حدد النظام بـ crs=.`,
    },
  },
  import_field_missing: {
    status: 400,
    msg: {
      en: (p) => `The layer has no field "${p.field}" (${p.role}). Its fields are: ${p.fields}.`,
      fr: (p) => `La couche n'a pas de champ « ${p.field} » (${p.role}). Ses champs sont : ${p.fields}.`,
      ar: (p) => `لا تضم الطبقة الحقل "${p.field}" (${p.role}). حقولها هي: ${p.fields}.`,
    },
  },
  import_rejected: {
    status: 400,
    msg: {
      en: (p) => `The file was read but has ${p.errors} blocking problem(s), so nothing was changed. The report (details) lists each one with its feature and its place.`,
      fr: (p) => `Le fichier a été lu mais présente ${p.errors} problème(s) bloquant(s) : rien n'a été modifié. Le rapport (details) les liste avec leur objet et leur position.`,
      ar: (p) => `قُرئ الملف لكنه يتضمن ${p.errors} مشكلة مانعة، فلم يُغيَّر شيء. يسرد التقرير (details) كل مشكلة مع عنصرها وموقعها.`,
    },
  },
  import_timeout: {
    status: 400,
    msg: {
      en: (p) => `The import took longer than ${p.seconds} s and was stopped; nothing was changed. Split the file or simplify its geometry.`,
      fr: (p) => `L'import a duré plus de ${p.seconds} s et a été interrompu ; rien n'a été modifié. Découpez le fichier ou simplifiez sa géométrie.`,
      ar: (p) => `استغرق الاستيراد أكثر من ${p.seconds} ثانية فأوقف؛ لم يُغيَّر شيء. قسّم الملف أو بسّط هندسته.`,
    },
  },
  plan_kind_mismatch: {
    status: 409,
    msg: {
      en: (p) => `Plan "${p.code}" exists and is a ${p.existing} plan, not ${p.asked}. Use another plan code or the plan's own kind.`,
      fr: (p) => `Le plan « ${p.code} » existe et il est de type ${p.existing}, pas ${p.asked}. Utilisez un autre code de plan ou son type.`,
      ar: (p) => `التصميم "${p.code}" موجود ونوعه ${p.existing} وليس ${p.asked}. استعمل رمزا آخر أو نوع التصميم نفسه.`,
    },
  },
  plan_illustrative: {
    status: 409,
    msg: {
      en: (p) => `Plan "${p.code}" belongs to the generated sample and cannot receive imported versions; import under another plan code.`,
      fr: (p) => `Le plan « ${p.code} » fait partie de l'échantillon généré et ne peut pas recevoir de version importée ; importez sous un autre code de plan.`,
      ar: (p) => `التصميم "${p.code}" جزء من العينة المولَّدة ولا يقبل نسخا مستوردة؛ استورد تحت رمز تصميم آخر.`,
    },
  },
  version_not_draft: {
    status: 409,
    msg: {
      en: (p) => `Version ${p.id} is ${p.state}: only a draft can be changed or published. Import the file again to make a new draft.`,
      fr: (p) => `La version ${p.id} est ${p.state} : seul un brouillon peut être modifié ou publié. Importez de nouveau le fichier pour créer un brouillon.`,
      ar: (p) => `النسخة ${p.id} حالتها ${p.state}: لا يمكن تعديل أو نشر إلا المسودة. استورد الملف من جديد لإنشاء مسودة.`,
    },
  },
  publish_blocked: {
    status: 409,
    msg: {
      en: (p) => `Draft ${p.id} cannot be published: ${p.reason}. Correct the file and import it again.`,
      fr: (p) => `Le brouillon ${p.id} ne peut pas être publié : ${p.reason}. Corrigez le fichier et importez-le de nouveau.`,
      ar: (p) => `لا يمكن نشر المسودة ${p.id}: ${p.reason}. صحّح الملف واستورده من جديد.`,
    },
  },
  publish_conflict: {
    status: 409,
    msg: {
      en: (p) => `Publishing from ${p.date} conflicts with version ${p.other} of the plan, in force from ${p.from}${p.to ? ` to ${p.to}` : ''}. Choose a later date.`,
      fr: (p) => `Publier à partir du ${p.date} entre en conflit avec la version ${p.other} du plan, applicable à partir du ${p.from}${p.to ? ` jusqu'au ${p.to}` : ''}. Choisissez une date postérieure.`,
      ar: (p) => `النشر ابتداء من ${p.date} يتعارض مع النسخة ${p.other} من التصميم، السارية من ${p.from}${p.to ? ` إلى ${p.to}` : ''}. اختر تاريخا لاحقا.`,
    },
  },
  request_not_found: {
    status: 404,
    msg: {
      en: () => 'No request with this file number and tracking code: check both as written on your receipt.',
      fr: () => 'Aucune demande avec ce numéro de dossier et ce code de suivi : vérifiez les deux tels qu\'ils figurent sur votre récépissé.',
      ar: () => 'لا يوجد طلب بهذا الرقم وبرمز التتبع هذا: تحقق منهما كما وردا في وصل الإيداع.',
    },
  },
  request_field_invalid: {
    status: 400,
    msg: {
      en: (p) => `The field "${p.field}" is not valid: ${p.hint}.`,
      fr: (p) => `Le champ « ${p.field} » n'est pas valide : ${p.hint}.`,
      ar: (p) => `الحقل "${p.field}" غير صالح: ${p.hint}.`,
    },
  },
  request_consent_required: {
    status: 400,
    msg: {
      en: () => 'Please read and accept the personal-data notice (law 09-08) to send your request.',
      fr: () => 'Veuillez lire et accepter la notice relative aux données personnelles (loi 09-08) pour envoyer votre demande.',
      ar: () => 'المرجو قراءة إشعار حماية المعطيات الشخصية (القانون 09-08) والموافقة عليه لإرسال طلبكم.',
    },
  },
  attachment_missing: {
    status: 400,
    msg: {
      en: () => 'The property certificate is required: attach it as a PDF, PNG or JPEG file.',
      fr: () => 'Le certificat de propriété est obligatoire : joignez-le en PDF, PNG ou JPEG.',
      ar: () => 'شهادة الملكية إلزامية: أرفقوها بصيغة PDF أو PNG أو JPEG.',
    },
  },
  attachment_type: {
    status: 400,
    msg: {
      en: (p) => `The file "${p.file}" is not a PDF, PNG or JPEG document (checked from its content): only these are accepted.`,
      fr: (p) => `Le fichier « ${p.file} » n'est pas un document PDF, PNG ou JPEG (vérifié d'après son contenu) : seuls ces formats sont acceptés.`,
      ar: (p) => `الملف "${p.file}" ليس وثيقة PDF أو PNG أو JPEG (حسب محتواه): لا تقبل إلا هذه الصيغ.`,
    },
  },
  attachment_too_large: {
    status: 400,
    msg: {
      en: (p) => `The file "${p.file}" is larger than ${p.limit}: reduce it (scan at 150–200 dpi) and send it again.`,
      fr: (p) => `Le fichier « ${p.file} » dépasse ${p.limit} : réduisez-le (numérisation à 150–200 dpi) et renvoyez-le.`,
      ar: (p) => `حجم الملف "${p.file}" يتجاوز ${p.limit}: قلصوا حجمه (مسح بدقة 150–200 نقطة في البوصة) وأعيدوا إرساله.`,
    },
  },
  request_wrong_state: {
    status: 409,
    msg: {
      en: (p) => `File ${p.file} is "${p.status}": this step is not possible now.`,
      fr: (p) => `Le dossier ${p.file} est « ${p.status} » : cette étape n'est pas possible maintenant.`,
      ar: (p) => `الملف ${p.file} في حالة "${p.status}": هذه الخطوة غير ممكنة الآن.`,
    },
  },
  // Problem reports (server/reports).
  report_not_found: {
    status: 404,
    msg: {
      en: (p) => `No report ${p.number} with this tracking code. Check both in the message you got when you sent the report.`,
      fr: (p) => `Aucun signalement ${p.number} avec ce code de suivi. Vérifiez les deux dans le message reçu à l'envoi du signalement.`,
      ar: (p) => `لا توجد شكاية ${p.number} بهذا الرمز للتتبع. تحقق منهما في الرسالة التي تلقيتها عند الإرسال.`,
    },
  },
  report_photo_type: {
    status: 400,
    msg: {
      en: (p) => `"${p.file}" is not a JPEG, PNG or WebP image: send a photo in one of these formats (or none).`,
      fr: (p) => `« ${p.file} » n'est pas une image JPEG, PNG ou WebP : envoyez une photo dans l'un de ces formats (ou aucune).`,
      ar: (p) => `"${p.file}" ليست صورة JPEG أو PNG أو WebP: أرسل صورة بإحدى هذه الصيغ (أو بدون صورة).`,
    },
  },
  report_photo_damaged: {
    status: 400,
    msg: {
      en: (p) => `The photo could not be read: ${p.reason}. Send it again, or another one.`,
      fr: (p) => `La photo n'a pas pu être lue : ${p.reason}. Renvoyez-la, ou une autre.`,
      ar: (p) => `تعذرت قراءة الصورة: ${p.reason}. أرسلها من جديد أو أرسل صورة أخرى.`,
    },
  },
  report_photo_too_large: {
    status: 413,
    msg: {
      en: (p) => `The photo is too large: at most ${p.limit}. Send a smaller one (most phones can share a reduced size).`,
      fr: (p) => `La photo est trop volumineuse : ${p.limit} au plus. Envoyez-en une plus petite (la plupart des téléphones peuvent la partager en taille réduite).`,
      ar: (p) => `حجم الصورة كبير جدا: الحد الأقصى ${p.limit}. أرسل صورة أصغر (أغلب الهواتف تتيح مشاركتها بحجم مخفض).`,
    },
  },
  report_outside_territory: {
    status: 400,
    msg: {
      en: () => 'This point lies outside the agency territory (provinces of Nador, Driouch and Guercif): report a problem inside it.',
      fr: () => "Ce point est hors du territoire de l'agence (provinces de Nador, Driouch et Guercif) : signalez un problème à l'intérieur.",
      ar: () => 'هذه النقطة خارج نفوذ الوكالة (أقاليم الناظور والدريوش وجرسيف): أبلغ عن مشكلة داخله.',
    },
  },
  report_closed: {
    status: 409,
    msg: {
      en: (p) => `Report ${p.number} is closed: it cannot be answered or closed again.`,
      fr: (p) => `Le signalement ${p.number} est clos : il ne peut plus être répondu ni clos à nouveau.`,
      ar: (p) => `الشكاية ${p.number} مغلقة: لا يمكن الرد عليها ولا إغلاقها مرة أخرى.`,
    },
  },
  reports_rate_limited: {
    status: 429,
    msg: {
      en: (p) => `Too many reports from your address: at most ${p.max} an hour. Try again in ${p.minutes} min, or call the agency (see the contact page).`,
      fr: (p) => `Trop de signalements depuis votre adresse : ${p.max} par heure au plus. Réessayez dans ${p.minutes} min, ou appelez l'agence (voir la page contact).`,
      ar: (p) => `شكايات كثيرة جدا من عنوانك: ${p.max} في الساعة على الأكثر. أعد المحاولة بعد ${p.minutes} دقيقة أو اتصل بالوكالة (انظر صفحة الاتصال).`,
    },
  },
  // Documents library (server/documents) and study outcomes (server/studies).
  document_not_pdf: {
    status: 400,
    msg: {
      en: (p) => `"${p.file}" is not a PDF (its first bytes are not "%PDF-"). The library takes PDF files only: export or print the document to PDF and send it again.`,
      fr: (p) => `« ${p.file} » n'est pas un PDF (ses premiers octets ne sont pas « %PDF- »). La bibliothèque n'accepte que des fichiers PDF : exportez ou imprimez le document en PDF et renvoyez-le.`,
      ar: (p) => `"${p.file}" ليس ملف PDF (بايتاته الأولى ليست "%PDF-"). لا تقبل المكتبة إلا ملفات PDF: صدّر الوثيقة أو اطبعها بصيغة PDF ثم أرسلها من جديد.`,
    },
  },
  document_too_large: {
    status: 400,
    msg: {
      en: (p) => `The file is too large: a document is limited to ${p.limit}. Reduce it (lower the resolution of its scanned pages) or split it into volumes.`,
      fr: (p) => `Le fichier est trop volumineux : un document est limité à ${p.limit}. Réduisez-le (résolution des pages numérisées) ou découpez-le en volumes.`,
      ar: (p) => `الملف كبير جدا: حجم الوثيقة محدود في ${p.limit}. قلّص حجمه (دقة الصفحات الممسوحة) أو قسّمه إلى أجزاء.`,
    },
  },
  document_unreadable: {
    status: 400,
    msg: {
      en: (p) => `"${p.file}" starts like a PDF but could not be read (${p.reason}). Check that it opens in a PDF reader, then send it again.`,
      fr: (p) => `« ${p.file} » commence comme un PDF mais n'a pas pu être lu (${p.reason}). Vérifiez qu'il s'ouvre dans un lecteur PDF, puis renvoyez-le.`,
      ar: (p) => `"${p.file}" يبدأ كملف PDF لكن تعذرت قراءته (${p.reason}). تحقق من أنه يفتح في قارئ PDF ثم أرسله من جديد.`,
    },
  },
  document_plan_required: {
    status: 400,
    msg: {
      en: (p) => `A document of kind "${p.kind}" ${['law', 'decree', 'building_regulation', 'circular'].includes(String(p.kind)) ? 'is a legal text and belongs to no plan: leave planId out' : 'belongs to a plan: give its planId (and versionId if it belongs to one version)'}.`,
      fr: (p) => `Un document de type « ${p.kind} » ${['law', 'decree', 'building_regulation', 'circular'].includes(String(p.kind)) ? "est un texte juridique et n'appartient à aucun plan : n'indiquez pas planId" : 'appartient à un plan : indiquez son planId (et versionId s\'il concerne une version)'}.`,
      ar: (p) => `الوثيقة من نوع "${p.kind}" ${['law', 'decree', 'building_regulation', 'circular'].includes(String(p.kind)) ? 'نص قانوني لا ينتمي إلى أي تصميم: لا تحدد planId' : 'تنتمي إلى تصميم: حدد planId (وversionId إن كانت تخص نسخة منه)'}.`,
    },
  },
  study_register_unreadable: {
    status: 400,
    msg: {
      en: (p) => `The register could not be read: ${p.reason}. Send a CSV (UTF-8, header line, comma or semicolon) or a JSON array, with the columns number, kind, parcels, date, opinion, conditions.`,
      fr: (p) => `Le registre n'a pas pu être lu : ${p.reason}. Envoyez un CSV (UTF-8, ligne d'en-tête, virgule ou point-virgule) ou un tableau JSON, avec les colonnes number, kind, parcels, date, opinion, conditions.`,
      ar: (p) => `تعذرت قراءة السجل: ${p.reason}. أرسل ملف CSV (UTF-8، مع سطر العناوين، مفصول بفاصلة أو فاصلة منقوطة) أو مصفوفة JSON، بالأعمدة number وkind وparcels وdate وopinion وconditions.`,
    },
  },
  study_register_invalid: {
    status: 400,
    msg: {
      en: (p) => `The register has ${p.errors} invalid row(s), so nothing was imported. The list (details) gives each row and what is wrong with it.`,
      fr: (p) => `Le registre contient ${p.errors} ligne(s) invalide(s) : rien n'a été importé. La liste (details) donne chaque ligne et ce qui ne va pas.`,
      ar: (p) => `يتضمن السجل ${p.errors} سطرا غير صالح، فلم يُستورد شيء. تبين القائمة (details) كل سطر وما به من خطأ.`,
    },
  },
  study_not_found: {
    status: 404,
    msg: {
      en: (p) => `No file numbered "${p.number}" in the register of studied projects. Check the number on your receipt (rokhas.ma or the regional investment centre); a file appears here once its study is recorded.`,
      fr: (p) => `Aucun dossier numéro « ${p.number} » dans le registre des projets étudiés. Vérifiez le numéro sur votre récépissé (rokhas.ma ou centre régional d'investissement) ; un dossier apparaît ici une fois son étude enregistrée.`,
      ar: (p) => `لا يوجد ملف بالرقم "${p.number}" في سجل المشاريع المدروسة. تحقق من الرقم في وصل الإيداع (rokhas.ma أو المركز الجهوي للاستثمار)؛ يظهر الملف هنا بعد تسجيل دراسته.`,
    },
  },
  payload_too_large: {
    status: 413,
    msg: {
      en: () => 'The request body is too large.',
      fr: () => 'Le corps de la requête est trop volumineux.',
      ar: () => 'حجم محتوى الطلب كبير جدا.',
    },
  },
  rate_limited: {
    status: 429,
    msg: {
      en: (p) => `Too many requests from your address; try again in ${p.seconds} s.`,
      fr: (p) => `Trop de requêtes depuis votre adresse ; réessayez dans ${p.seconds} s.`,
      ar: (p) => `طلبات كثيرة جدا من عنوانك؛ أعد المحاولة بعد ${p.seconds} ثانية.`,
    },
  },
  authentication_required: {
    status: 401,
    msg: {
      en: () => 'Sign in first: this needs a staff account (POST /api/session).',
      fr: () => "Connectez-vous d'abord : cette action demande un compte de l'agence (POST /api/session).",
      ar: () => 'سجّل الدخول أولا: يتطلب هذا حسابا لدى الوكالة (POST /api/session).',
    },
  },
  invalid_credentials: {
    status: 401,
    msg: {
      en: () => 'Wrong email or password.',
      fr: () => 'Adresse e-mail ou mot de passe incorrect.',
      ar: () => 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
    },
  },
  forbidden: {
    status: 403,
    msg: {
      en: (p) => `Your role (${p.role}) cannot do this; it needs: ${p.required}.`,
      fr: (p) => `Votre rôle (${p.role}) ne permet pas cette action ; il faut : ${p.required}.`,
      ar: (p) => `دورك (${p.role}) لا يسمح بهذا الإجراء؛ المطلوب: ${p.required}.`,
    },
  },
  csrf_invalid: {
    status: 403,
    msg: {
      en: () => 'Missing or wrong CSRF token: send the csrfToken of GET /api/session in the x-csrf-token header (reload the page after signing in again).',
      fr: () => "Jeton CSRF absent ou incorrect : envoyez le csrfToken de GET /api/session dans l'en-tête x-csrf-token (rechargez la page après vous être reconnecté).",
      ar: () => 'رمز CSRF مفقود أو غير صحيح: أرسل csrfToken الذي يعيده GET /api/session في الترويسة x-csrf-token (أعد تحميل الصفحة بعد تسجيل الدخول من جديد).',
    },
  },
  too_many_login_attempts: {
    status: 429,
    msg: {
      en: (p) => `Too many failed sign-in attempts; wait ${p.seconds} s and try again.`,
      fr: (p) => `Trop de tentatives de connexion échouées ; attendez ${p.seconds} s et réessayez.`,
      ar: (p) => `محاولات دخول فاشلة كثيرة؛ انتظر ${p.seconds} ثانية ثم أعد المحاولة.`,
    },
  },
  weak_password: {
    status: 400,
    msg: {
      en: (p) =>
        `This password is too weak: ${({ too_short: 'it has fewer than 12 characters', too_long: 'it has more than 1,024 characters', too_repetitive: 'it repeats a few characters', contains_identity: 'it contains the email or the name of the account' } as Record<string, string>)[String(p.reason)]}. Length makes a password strong: a few unrelated words are easy to remember and hard to guess.`,
      fr: (p) =>
        `Ce mot de passe est trop faible : ${({ too_short: 'il a moins de 12 caractères', too_long: 'il a plus de 1 024 caractères', too_repetitive: 'il répète quelques caractères', contains_identity: "il contient l'adresse e-mail ou le nom du compte" } as Record<string, string>)[String(p.reason)]}. C'est la longueur qui fait la force d'un mot de passe : quelques mots sans rapport sont faciles à retenir et difficiles à deviner.`,
      ar: (p) =>
        `كلمة المرور هذه ضعيفة: ${({ too_short: 'فيها أقل من 12 حرفا', too_long: 'فيها أكثر من 1024 حرفا', too_repetitive: 'تكرر أحرفا قليلة', contains_identity: 'تتضمن البريد الإلكتروني للحساب أو اسمه' } as Record<string, string>)[String(p.reason)]}. الطول هو ما يجعل كلمة المرور قوية: بضع كلمات لا رابط بينها سهلة التذكر وصعبة التخمين.`,
    },
  },
  email_taken: {
    status: 409,
    msg: {
      en: (p) => `An account with the email ${p.email} already exists (emails are compared regardless of case).`,
      fr: (p) => `Un compte avec l'adresse ${p.email} existe déjà (sans distinction de casse).`,
      ar: (p) => `يوجد حساب بالبريد الإلكتروني ${p.email} (دون تمييز بين الأحرف الكبيرة والصغيرة).`,
    },
  },
  last_admin: {
    status: 409,
    msg: {
      en: () => 'This would leave no enabled admin: make another account admin first.',
      fr: () => "Il ne resterait aucun administrateur actif : nommez d'abord un autre compte administrateur.",
      ar: () => 'لن يبقى أي مسؤول مفعّل: اجعل حسابا آخر مسؤولا أولا.',
    },
  },
  database_unavailable: {
    status: 503,
    msg: {
      en: () => 'The database does not answer right now; try again in a moment.',
      fr: () => 'La base de données ne répond pas pour le moment ; réessayez dans un instant.',
      ar: () => 'قاعدة البيانات لا تستجيب حاليا؛ أعد المحاولة بعد لحظة.',
    },
  },
  overloaded: {
    status: 503,
    msg: {
      en: () => 'The server is overloaded right now; try again in a few seconds.',
      fr: () => 'Le serveur est surchargé pour le moment ; réessayez dans quelques secondes.',
      ar: () => 'الخادم مثقل حاليا؛ أعد المحاولة بعد بضع ثوان.',
    },
  },
  query_timeout: {
    status: 503,
    msg: {
      en: () => 'The answer took too long and was stopped; narrow the request or try again.',
      fr: () => 'La réponse a pris trop de temps et a été interrompue ; réduisez la demande ou réessayez.',
      ar: () => 'استغرق الجواب وقتا طويلا فأوقف؛ ضيّق الطلب أو أعد المحاولة.',
    },
  },
  internal: {
    status: 500,
    msg: {
      en: () => 'Something went wrong on our side; the error was logged.',
      fr: () => "Une erreur s'est produite de notre côté ; elle a été journalisée.",
      ar: () => 'حدث خطأ من جهتنا؛ تم تسجيله.',
    },
  },
} satisfies Record<string, { status: number; msg: Messages }>;

export type ErrorCode = keyof typeof ERRORS;

/** The one error type thrown by routes and queries for anything a client should be told. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  messageIn(lang: Lang): string {
    return ERRORS[this.code].msg[lang](this.params);
  }
}

export const notFound = (what: string, id: string | number) => new AppError('not_found', { what, id });

/** PostgreSQL SQLSTATEs that mean "the database is not there" rather than "the request was wrong". */
const UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT', 'EPIPE']);

function classify(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { code?: string; validation?: unknown[]; validationContext?: string };
  if (e.validation) {
    const where = e.validationContext ?? 'request';
    return new AppError('invalid_request', { detail: `${where} ${e.message.replace(/^(querystring|params|body|headers)\/?/, '')}` }, e.validation);
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('payload_too_large');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('invalid_request', { detail: e.message });
  }
  if (e.code === '57014') return new AppError('query_timeout');
  if ((e.code && UNAVAILABLE.has(e.code)) || (e.code && UNAVAILABLE_NODE.has(e.code)) || /timeout exceeded when trying to connect|Connection terminated/i.test(e.message ?? '')) {
    return new AppError('database_unavailable');
  }
  return new AppError('internal');
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const appErr = classify(err);
  const lang = negotiateLang((request.query as Record<string, unknown> | undefined)?.lang, request.headers['accept-language']);
  if (appErr.status >= 500) request.log.error({ err }, 'request failed');
  if (appErr.status === 503) reply.header('retry-after', '5');
  if (appErr.status === 429) reply.header('retry-after', String(appErr.params.seconds ?? 60));
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: appErr.code, message: appErr.messageIn(lang) },
  };
  if (appErr.details !== undefined && appErr.status < 500) body.error.details = appErr.details;
  void reply.status(appErr.status).type('application/json; charset=utf-8').send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  errorHandler(new AppError('route_not_found', { method: request.method, url: request.url.split('?')[0] ?? '' }), request, reply);
}
