// The note's own words, in French and Arabic. The names of plan kinds follow DOMAIN.md (law 12-90 and the
// 1960 dahir on rural centres); statuses, categories and overlay kinds use the viewer's words
// (client/i18n/*.json), so the note and the map say the same thing. Texts stored as data (plan names, zone
// labels, rules) are the plans' own and are never translated here.
import type { OverlayKind, PlanKind, PlanStatus, ZoneCategory } from '../shared/schemas.js';

/** A statement in both languages of the note. */
export interface T {
  fr: string;
  ar: string;
}

export const L = {
  kingdom: { fr: 'Royaume du Maroc', ar: 'المملكة المغربية' },
  agency: { fr: 'Agence urbaine de Nador – Driouch – Guercif', ar: 'الوكالة الحضرية للناظور - الدريوش - جرسيف' },
  title: { fr: 'Note de renseignements urbanistiques', ar: 'مذكرة المعلومات التعميرية' },
  indicative: {
    fr: "NOTE INDICATIVE — ce document n'est pas la note officielle signée par l'agence urbaine.",
    ar: 'مذكرة إرشادية — هذه الوثيقة ليست المذكرة الرسمية الموقعة من طرف الوكالة الحضرية.',
  },
  indicativeShort: { fr: 'Note indicative', ar: 'مذكرة إرشادية' },
  official: {
    fr: "NOTE OFFICIELLE — délivrée par l'agence urbaine après instruction de la demande.",
    ar: 'مذكرة رسمية — سلمتها الوكالة الحضرية بعد دراسة الطلب.',
  },
  officialShort: { fr: 'Note officielle', ar: 'مذكرة رسمية' },
  fileNumber: { fr: 'Dossier', ar: 'الملف' },
  disclaimerOfficial: {
    fr:
      "Cette note officielle est délivrée par l'agence urbaine après instruction de la demande, à partir des documents " +
      "d'urbanisme en vigueur à la date indiquée. Elle n'est ni une autorisation de construire ou de lotir, ni un certificat " +
      "de propriété (loi 12-90 relative à l'urbanisme). Les coordonnées Lambert sont calculées par la transformation " +
      'EPSG:1166 (précision d\'environ 7 m). En cas de différence, les documents approuvés et publiés au Bulletin officiel font foi.',
    ar:
      'سلمت الوكالة الحضرية هذه المذكرة الرسمية بعد دراسة الطلب، انطلاقا من وثائق التعمير السارية في التاريخ المبين. ' +
      'وهي ليست رخصة بناء أو تجزئة ولا شهادة ملكية (القانون 12-90 المتعلق بالتعمير). حسبت إحداثيات لامبير بواسطة التحويل ' +
      'EPSG:1166 (بدقة تقارب 7 أمتار). وفي حالة الاختلاف، يعتد بالوثائق المصادق عليها والمنشورة في الجريدة الرسمية.',
  },
  indicativeHow: {
    fr: "Seule la note officielle, délivrée et signée par l'agence après instruction d'une demande, fait foi.",
    ar: 'وحدها المذكرة الرسمية التي تسلمها الوكالة وتوقعها بعد دراسة الطلب يعتد بها.',
  },
  illustrative: {
    fr: 'ÉCHANTILLON ILLUSTRATIF — les plans de cette note sont des exemples fictifs, sans valeur juridique.',
    ar: 'عينة توضيحية — التصاميم الواردة في هذه المذكرة أمثلة افتراضية لا قيمة قانونية لها.',
  },
  sections: {
    note: { fr: '1. La note', ar: '1. المذكرة' },
    land: { fr: '2. Le terrain', ar: '2. العقار' },
    map: { fr: '3. Plan de situation', ar: '3. تصميم الموقع' },
    plans: { fr: "4. Documents d'urbanisme applicables", ar: '4. وثائق التعمير المطبقة' },
    capacity: { fr: '5. Constructibilité indicative', ar: '5. قابلية البناء (إرشادية)' },
    disclaimer: { fr: '6. Avertissement', ar: '6. تنبيه' },
  },
  reference: { fr: 'Référence', ar: 'المرجع' },
  issuedAt: { fr: "Date et heure d'émission", ar: 'تاريخ وساعة الإصدار' },
  rulesAt: { fr: 'Règles en vigueur au', ar: 'القواعد المطبقة بتاريخ' },
  dataVersion: { fr: 'Version des données', ar: 'صيغة المعطيات' },
  verificationCode: { fr: 'Code de vérification', ar: 'رمز التحقق' },
  verifyAt: { fr: 'Vérifier cette note', ar: 'التحقق من هذه المذكرة' },
  landType: {
    parcels: { fr: 'Parcelle(s) désignée(s) par leur référence foncière', ar: 'قطعة (قطع) محددة بمرجعها العقاري' },
    polygon: { fr: 'Terrain dessiné sur la carte', ar: 'عقار مرسوم على الخريطة' },
    coordinates: { fr: 'Terrain défini par les coordonnées de ses sommets', ar: 'عقار محدد بإحداثيات رؤوسه' },
  },
  selection: { fr: 'Sélection', ar: 'التحديد' },
  totalArea: { fr: 'Superficie du terrain', ar: 'مساحة العقار' },
  communes: { fr: 'Commune(s)', ar: 'الجماعة (الجماعات)' },
  parcelsTouched: { fr: 'Parcelles touchées', ar: 'القطع المعنية' },
  parcelRef: { fr: 'Référence', ar: 'المرجع' },
  commune: { fr: 'Commune', ar: 'الجماعة' },
  area: { fr: 'Superficie', ar: 'المساحة' },
  vertices: { fr: 'Sommets en Lambert Nord Maroc (EPSG:26191)', ar: 'الرؤوس بإحداثيات لامبير شمال المغرب (EPSG:26191)' },
  vertexNo: { fr: 'N°', ar: 'رقم' },
  outline: { fr: 'Contour', ar: 'المحيط' },
  verticesOf: { fr: 'Sommets de', ar: 'رؤوس' },
  landOutline: { fr: 'Contour du terrain', ar: 'محيط العقار' },
  scale: { fr: 'Échelle', ar: 'السلم' },
  printAt: { fr: 'sur A4 imprimé à 100 %', ar: 'على ورق A4 مطبوع بنسبة 100 %' },
  northNote: {
    fr: 'la flèche indique le nord géographique ; le quadrillage Lambert en diffère de la convergence des méridiens',
    ar: 'يشير السهم إلى الشمال الجغرافي؛ ويختلف عنه شمال شبكة لامبير بزاوية تقارب خطوط الطول',
  },
  mapZonesOf: { fr: 'Zones représentées', ar: 'المناطق المبينة' },
  legend: { fr: 'Légende', ar: 'مفتاح الخريطة' },
  selectedLand: { fr: 'Terrain objet de la note', ar: 'العقار موضوع المذكرة' },
  parcelBoundary: { fr: 'Limite de parcelle', ar: 'حدود القطعة' },
  north: { fr: 'Nord géographique', ar: 'الشمال الجغرافي' },
  noPlan: { fr: "Aucun document d'urbanisme publié ne couvre ce terrain à cette date.", ar: 'لا تغطي أي وثيقة تعمير منشورة هذا العقار في هذا التاريخ.' },
  plan: {
    kind: { fr: 'Type', ar: 'النوع' },
    status: { fr: 'Statut', ar: 'الوضعية' },
    inForce: { fr: 'En vigueur', ar: 'ساري المفعول' },
    notInForce: { fr: "Pas en vigueur — cité à titre d'information", ar: 'غير ساري المفعول — مذكور على سبيل الإخبار' },
    decree: { fr: "Texte d'approbation", ar: 'نص المصادقة' },
    bo: { fr: 'Bulletin officiel', ar: 'الجريدة الرسمية' },
    approvedOn: { fr: 'Approuvé le', ar: 'تاريخ المصادقة' },
    expiresOn: { fr: "Fin d'effet", ar: 'تاريخ انتهاء الصلاحية' },
    version: { fr: 'Version', ar: 'الصيغة' },
    nature: { fr: 'Nature', ar: 'الطبيعة' },
    illustrative: { fr: 'Exemple illustratif, pas un plan officiel', ar: 'مثال توضيحي، وليس تصميما رسميا' },
  },
  zone: { fr: 'Zone', ar: 'المنطقة' },
  share: { fr: 'Part du terrain', ar: 'حصة العقار' },
  rules: {
    missing: { fr: "Le règlement de cette zone n'est pas disponible.", ar: 'ضابطة هذه المنطقة غير متوفرة.' },
    allowed: { fr: 'Usages autorisés', ar: 'الاستعمالات المسموح بها' },
    forbidden: { fr: 'Usages interdits', ar: 'الاستعمالات الممنوعة' },
    height: { fr: 'Hauteur maximale', ar: 'أقصى علو' },
    levels: { fr: 'Niveaux', ar: 'الطوابق' },
    cos: { fr: "COS (coefficient d'occupation du sol)", ar: 'معامل استغلال الأرض (COS)' },
    ces: { fr: "CES (coefficient d'emprise au sol)", ar: 'معامل الاستيلاء على الأرض (CES)' },
    minLot: { fr: 'Superficie minimale du lot', ar: 'المساحة الدنيا للبقعة' },
    minFrontage: { fr: 'Façade minimale', ar: 'الواجهة الدنيا' },
    setbackFront: { fr: 'Recul sur voie', ar: 'الارتداد عن الطريق' },
    setbackSide: { fr: 'Recul latéral', ar: 'الارتداد الجانبي' },
    setbackRear: { fr: 'Recul arrière', ar: 'الارتداد الخلفي' },
    parking: { fr: 'Stationnement', ar: 'مواقف السيارات' },
    remarks: { fr: 'Observations', ar: 'ملاحظات' },
    article: { fr: 'Article du règlement', ar: 'مادة الضابطة' },
  },
  overlays: { fr: 'Prescriptions et servitudes', ar: 'التخصيصات والارتفاقات' },
  noOverlays: { fr: 'Aucune prescription ni servitude de ce plan ne touche le terrain.', ar: 'لا يمس أي تخصيص أو ارتفاق من هذا التصميم العقار.' },
  overlayWidth: { fr: 'Largeur (emprise)', ar: 'العرض' },
  overlayArea: { fr: 'Surface touchée', ar: 'المساحة المعنية' },
  overlayLength: { fr: 'Longueur dans le terrain', ar: 'الطول داخل العقار' },
  capacity: {
    basis: { fr: 'Selon', ar: 'حسب' },
    none: {
      fr: "Aucun plan d'aménagement, de développement ou de restructuration en vigueur ne couvre ce terrain : aucune constructibilité n'est indiquée.",
      ar: 'لا يغطي هذا العقار أي تصميم تهيئة أو نمو أو إعادة هيكلة ساري المفعول: لا تبين أي قابلية للبناء.',
    },
    footprint: { fr: 'Emprise au sol maximale (superficie × CES)', ar: 'أقصى مساحة مبنية على الأرض (المساحة × CES)' },
    floorArea: { fr: 'Surface de plancher maximale (superficie × COS)', ar: 'أقصى مساحة مغطاة (المساحة × COS)' },
    height: { fr: 'Hauteur maximale', ar: 'أقصى علو' },
    levels: { fr: 'Niveaux', ar: 'الطوابق' },
    minLot: { fr: 'Superficie minimale du lot', ar: 'المساحة الدنيا للبقعة' },
    meets: { fr: 'Le terrain atteint la superficie minimale.', ar: 'مساحة العقار تبلغ المساحة الدنيا.' },
    below: { fr: 'Le terrain est plus petit que la superficie minimale.', ar: 'مساحة العقار أصغر من المساحة الدنيا.' },
    notStated: { fr: 'non calculable (règle non précisée)', ar: 'غير قابل للحساب (قاعدة غير محددة)' },
  },
  notStated: { fr: 'non précisé par le règlement', ar: 'لا تحدده الضابطة' },
  none: { fr: 'aucun', ar: 'لا شيء' },
  disclaimer: {
    fr:
      "Cette note indicative est établie automatiquement, sans instruction, à partir des documents d'urbanisme " +
      "publiés par l'agence urbaine, pour la date indiquée. Elle n'est ni une autorisation de construire ou de lotir, " +
      "ni un certificat de propriété, et n'engage pas l'administration lors de l'instruction d'une demande " +
      "(loi 12-90 relative à l'urbanisme). Les coordonnées Lambert sont calculées depuis WGS 84 par la " +
      "transformation EPSG:1166 (précision d'environ 7 m) et ne remplacent pas un plan de géomètre. " +
      'En cas de différence, les documents approuvés et publiés au Bulletin officiel font foi.',
    ar:
      'أعدت هذه المذكرة الإرشادية آليا ودون دراسة، انطلاقا من وثائق التعمير التي نشرتها الوكالة الحضرية، ' +
      'في التاريخ المبين. وهي ليست رخصة بناء أو تجزئة ولا شهادة ملكية، ولا تلزم الإدارة عند دراسة أي طلب ' +
      '(القانون 12-90 المتعلق بالتعمير). حسبت إحداثيات لامبير انطلاقا من WGS 84 بواسطة التحويل EPSG:1166 ' +
      '(بدقة تقارب 7 أمتار) ولا تعوض تصميم المهندس المساح الطبوغرافي. ' +
      'وفي حالة الاختلاف، يعتد بالوثائق المصادق عليها والمنشورة في الجريدة الرسمية.',
  },
  page: { fr: 'Page', ar: 'صفحة' },
} as const;

export const KIND: Record<PlanKind, T> = {
  master: { fr: "Schéma directeur d'aménagement urbain (SDAU)", ar: 'مخطط توجيه التهيئة العمرانية' },
  development: { fr: "Plan d'aménagement", ar: 'تصميم التهيئة' },
  growth: { fr: 'Plan de développement', ar: 'تصميم النمو' },
  restructuring: { fr: 'Plan de restructuration', ar: 'تصميم إعادة الهيكلة' },
};

export const STATUS: Record<PlanStatus, T> = {
  in_study: { fr: 'En étude', ar: 'في طور الدراسة' },
  public_inquiry: { fr: 'En enquête publique', ar: 'في البحث العلني' },
  approved: { fr: 'Homologué', ar: 'مصادق عليه' },
  expired: { fr: 'Expiré', ar: 'منتهي الصلاحية' },
  annulled: { fr: 'Annulé', ar: 'ملغى' },
  replaced: { fr: 'Remplacé', ar: 'معوض' },
};

export const CATEGORY: Record<ZoneCategory, T> = {
  villa: { fr: 'Villas', ar: 'فيلات' },
  small_building: { fr: 'Petits immeubles', ar: 'عمارات صغيرة' },
  apartment: { fr: 'Immeubles', ar: 'عمارات' },
  economic_housing: { fr: 'Habitat économique', ar: 'سكن اقتصادي' },
  mixed_centre: { fr: 'Centre mixte', ar: 'مركز مختلط' },
  commercial: { fr: 'Commerce', ar: 'تجارة' },
  tourist: { fr: 'Tourisme', ar: 'سياحة' },
  industrial: { fr: 'Industrie', ar: 'صناعة' },
  facility: { fr: 'Équipements publics', ar: 'تجهيزات عمومية' },
  green_space: { fr: 'Espaces verts', ar: 'مساحات خضراء' },
  agricultural: { fr: 'Agricole', ar: 'فلاحية' },
  natural: { fr: 'Naturelle', ar: 'طبيعية' },
  no_build: { fr: 'Non aedificandi', ar: 'منطقة يمنع فيها البناء' },
  future_urban: { fr: 'Urbanisation future', ar: 'تعمير مستقبلي' },
};

export const OVERLAY: Record<OverlayKind, T> = {
  planned_road: { fr: 'Voie projetée', ar: 'طريق مبرمجة' },
  reserved_facility: { fr: 'Réserve pour équipement', ar: 'بقعة مخصصة لتجهيز' },
  reserved_green: { fr: 'Réserve pour espace vert', ar: 'بقعة مخصصة لمساحة خضراء' },
  no_build: { fr: 'Zone non aedificandi', ar: 'منطقة يمنع فيها البناء' },
  heritage: { fr: 'Patrimoine, site archéologique', ar: 'تراث أو موقع أثري' },
  flood_zone: { fr: 'Zone inondable', ar: 'منطقة معرضة للفيضانات' },
  maritime_domain: { fr: 'Domaine public maritime', ar: 'الملك العمومي البحري' },
  utility_line: { fr: 'Ligne électrique, conduite', ar: 'خط كهربائي أو قناة' },
  railway_setback: { fr: 'Recul ferroviaire', ar: 'ارتداد السكة الحديدية' },
  cemetery: { fr: 'Cimetière', ar: 'مقبرة' },
  wadi: { fr: 'Oued', ar: 'واد' },
};
