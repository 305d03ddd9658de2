// The catalogue of the sample: zone types with their regulation (règlement d'aménagement) in Arabic, French
// and English, how their land is cut into lots, and the texts of the overlays.
//
// Where the numbers come from. None of this is the regulation of a real plan. The values are the orders of
// magnitude of approved Moroccan plans d'aménagement (law 12-90 on urbanism, art. 19, lists what a PA
// regulates: uses, heights, COS/CES, lot sizes, setbacks, parking), chosen to be self-consistent:
//  * heights follow one rule, ground floor 5.5 m (shops) + 3 m per upper floor: R+1 8.5 m, R+2 11.5 m,
//    R+3 14.5 m, R+4 17.5 m, R+5 20.5 m — the figures usually read in Moroccan regulations for these
//    zones (villa R+1 8.5 m, economic housing R+2 11.5 m, apartments R+4 17.5 m);
//  * COS ≤ CES × levels, so every rule can be met by some building;
//  * villas: lot ≥ 300 m² (twin) / ≥ 500 m² (detached), CES 0.4–0.5, R+1 (docs: shared/DOMAIN.md, 300–600 m²);
//  * outside urban zones, the rule commonly applied to rural land (lot ≥ 1 ha, built area ≤ 1/50 of the lot);
//  * the 100 m no-build strip of the coast is law 81-12 on the littoral (art. 15); the wadi strip protects
//    the public hydraulic domain of law 36-15 on water.
// max_levels counts levels above ground, ground floor included (R+3 = 4), as the schema says.

export type ZoneCategory =
  | 'villa' | 'small_building' | 'apartment' | 'economic_housing' | 'mixed_centre' | 'commercial' | 'tourist'
  | 'industrial' | 'facility' | 'green_space' | 'agricultural' | 'natural' | 'no_build' | 'future_urban';

export interface I18n {
  ar: string;
  fr: string;
  en: string;
}

/** How a street block of this zone is cut: one row of deep lots or two rows back to back; frontage range (m). */
export interface LotStyle {
  rows: 1 | 2;
  frontage: readonly [number, number];
}

export interface Rule {
  allowed: readonly I18n[];
  forbidden: readonly I18n[];
  maxHeightM: number | null;
  maxLevels: number | null;
  cos: number | null;
  ces: number | null;
  minLotAreaM2: number | null;
  minFrontageM: number | null;
  setbackFrontM: number | null;
  setbackSideM: number | null;
  setbackRearM: number | null;
  parking: I18n | null;
  remarks: I18n;
}

export interface ZoneType {
  /** The code most plans of the sample give this zone; a plan may use its own (see plans.ts). */
  code: string;
  category: ZoneCategory;
  label: I18n;
  lots: LotStyle | null;
  rule: Rule;
}

const t = (fr: string, ar: string, en: string): I18n => ({ ar, fr, en });

// Uses, reused by several zones.
const USE = {
  collective: t('Habitat collectif (immeubles)', 'السكن الجماعي (العمارات)', 'Apartment housing'),
  individual: t('Habitat individuel', 'السكن الفردي', 'Single-family housing'),
  villas: t('Villas et maisons individuelles', 'الفيلات والمساكن الفردية', 'Villas and detached houses'),
  shopsGround: t('Commerces au rez-de-chaussée', 'المحلات التجارية في الطابق الأرضي', 'Shops on the ground floor'),
  shops: t('Commerces et services', 'التجارة والخدمات', 'Shops and services'),
  offices: t('Bureaux et professions libérales', 'المكاتب والمهن الحرة', 'Offices and liberal professions'),
  hotels: t('Hôtels et établissements touristiques', 'الفنادق والمؤسسات السياحية', 'Hotels and tourist establishments'),
  restaurants: t('Cafés et restaurants', 'المقاهي والمطاعم', 'Cafés and restaurants'),
  facilities: t('Équipements publics de proximité', 'المرافق العمومية للقرب', 'Local public facilities'),
  publicFacilities: t(
    'Équipements publics (enseignement, santé, culte, administration, sport)',
    'المرافق العمومية (التعليم، الصحة، العبادة، الإدارة، الرياضة)',
    'Public facilities (education, health, worship, administration, sport)',
  ),
  crafts: t('Artisanat sans nuisance', 'الصناعة التقليدية غير المزعجة', 'Crafts without nuisance'),
  industry: t('Unités industrielles', 'الوحدات الصناعية', 'Industrial plants'),
  storage: t('Entrepôts et logistique', 'المستودعات والخدمات اللوجستيكية', 'Warehouses and logistics'),
  guardHousing: t('Logement de gardiennage (un par lot)', 'سكن الحراسة (واحد لكل بقعة)', 'One caretaker dwelling per lot'),
  gardens: t('Jardins publics, aires de jeux, promenades', 'الحدائق العمومية وفضاءات اللعب والممرات', 'Public gardens, playgrounds, promenades'),
  kiosks: t('Kiosques et constructions légères démontables', 'الأكشاك والبنايات الخفيفة القابلة للتفكيك', 'Kiosks and light removable structures'),
  farming: t('Exploitation agricole', 'الاستغلال الفلاحي', 'Farming'),
  farmBuildings: t('Bâtiments d\'exploitation agricole et habitation de l\'exploitant', 'البنايات الفلاحية وسكن المستغل', 'Farm buildings and the farmer\'s dwelling'),
  forestry: t('Boisement, sentiers, observation de la nature', 'التشجير والمسالك ومراقبة الطبيعة', 'Afforestation, trails, nature observation'),
  networks: t('Réseaux et ouvrages d\'infrastructure', 'الشبكات ومنشآت البنية التحتية', 'Networks and infrastructure works'),
  weeklyMarket: t('Souk hebdomadaire et commerce de gros', 'السوق الأسبوعي وتجارة الجملة', 'Weekly souk and wholesale trade'),
  // Forbidden uses.
  nuisance: t(
    'Établissements classés insalubres, incommodes ou dangereux de 1re et 2e catégorie',
    'المؤسسات المضرة بالصحة أو المزعجة أو الخطيرة من الصنفين الأول والثاني',
    'Unhealthy, noxious or dangerous establishments of the 1st and 2nd class',
  ),
  industryForbidden: t('Industrie et entrepôts', 'الصناعة والمستودعات', 'Industry and warehouses'),
  workshops: t('Ateliers de mécanique, tôlerie et menuiserie', 'ورشات الميكانيك والحدادة والنجارة', 'Car repair, sheet-metal and joinery workshops'),
  quarries: t('Carrières et dépôts de matériaux', 'المقالع ومستودعات المواد', 'Quarries and material depots'),
  collectiveForbidden: t('Habitat collectif', 'السكن الجماعي', 'Apartment housing'),
  housingForbidden: t('Habitat, sauf logement de gardiennage', 'السكن باستثناء سكن الحراسة', 'Housing, except a caretaker\'s dwelling'),
  anyBuilding: t('Toute construction', 'جميع أنواع البناء', 'Any building'),
  subdivision: t('Lotissement et morcellement', 'التجزيء والتقسيم', 'Subdivision and land division'),
  campingSprawl: t('Habitat et hébergement non touristique', 'السكن والإيواء غير السياحي', 'Housing and non-tourist accommodation'),
} as const;

const PARKING = {
  housing: t(
    'Une place par logement, à l\'intérieur de la parcelle ou en sous-sol',
    'موقف سيارة واحد لكل مسكن داخل القطعة أو في الطابق تحت الأرضي',
    'One space per dwelling, on the lot or in a basement',
  ),
  mixed: t(
    'Une place par logement et une place par 50 m² de commerces ou de bureaux, en sous-sol',
    'موقف لكل مسكن وموقف لكل 50 م² من المحلات التجارية أو المكاتب، في الطابق تحت الأرضي',
    'One space per dwelling and one per 50 m² of shops or offices, in a basement',
  ),
  villa: t('Deux places à l\'intérieur de la parcelle', 'موقفان داخل القطعة', 'Two spaces on the lot'),
  activity: t(
    'Stationnement et manœuvre des véhicules, y compris poids lourds, à l\'intérieur du lot',
    'وقوف ومناورة العربات بما فيها الشاحنات داخل البقعة',
    'Parking and manoeuvring of vehicles, lorries included, inside the lot',
  ),
  facility: t(
    'Selon la nature de l\'équipement, à l\'intérieur du terrain',
    'حسب طبيعة المرفق، داخل القطعة',
    'According to the kind of facility, on the site',
  ),
  none: t('Sans objet', 'لا ينطبق', 'Not applicable'),
  economic: t(
    'Stationnement public le long des voies de desserte',
    'الوقوف العمومي على طول طرق الخدمة',
    'Public parking along the access streets',
  ),
} as const;

/** The zone types of the sample plans (plans d'aménagement, growth and restructuring plans). */
export const ZONE_TYPES = {
  centre: {
    code: 'CV',
    category: 'mixed_centre',
    label: t(
      'Zone centrale mixte, immeubles R+5',
      'المنطقة المركزية المختلطة، عمارات طابق أرضي + 5 طوابق',
      'Mixed central zone, buildings ground + 5',
    ),
    lots: { rows: 2, frontage: [12, 20] },
    rule: {
      allowed: [USE.collective, USE.shopsGround, USE.offices, USE.hotels, USE.restaurants, USE.facilities],
      forbidden: [USE.industryForbidden, USE.workshops, USE.nuisance],
      maxHeightM: 20.5, maxLevels: 6, cos: 4.0, ces: 0.8,
      minLotAreaM2: 250, minFrontageM: 12, setbackFrontM: 0, setbackSideM: 0, setbackRearM: 4,
      parking: PARKING.mixed,
      remarks: t(
        'Constructions à l\'alignement des voies, en ordre continu. Encorbellement de 1,20 m au plus sur les voies de 12 m et plus. Rez-de-chaussée commercial de 4,50 m sous plafond au plus.',
        'البناء على حد الطريق وبشكل متصل. يسمح ببروز لا يتجاوز 1,20 م على الطرق التي يساوي عرضها أو يفوق 12 م. علو الطابق الأرضي التجاري 4,50 م على الأكثر.',
        'Buildings on the street line, in a continuous row. Overhangs up to 1.20 m over streets 12 m wide or more. Commercial ground floor at most 4.50 m high.',
      ),
    },
  },
  apartment: {
    code: 'R+4',
    category: 'apartment',
    label: t('Zone d\'immeubles R+4', 'منطقة العمارات، طابق أرضي + 4 طوابق', 'Apartment buildings, ground + 4'),
    lots: { rows: 2, frontage: [12, 18] },
    rule: {
      allowed: [USE.collective, USE.shopsGround, USE.offices, USE.facilities],
      forbidden: [USE.industryForbidden, USE.workshops, USE.nuisance],
      maxHeightM: 17.5, maxLevels: 5, cos: 3.2, ces: 0.75,
      minLotAreaM2: 200, minFrontageM: 12, setbackFrontM: 0, setbackSideM: 0, setbackRearM: 4,
      parking: PARKING.mixed,
      remarks: t(
        'Ordre continu. Les cours intérieures ont au moins 12 m² et 3 m de côté. Dernier niveau en retrait de 2 m admis en plus pour les cages d\'escalier.',
        'البناء المتصل. لا تقل مساحة الأفنية الداخلية عن 12 م² وعرضها عن 3 م. يسمح ببناء أقفاص الدرج فوق السطح بتراجع 2 م.',
        'Continuous row. Inner courtyards at least 12 m² and 3 m wide. Stairwell heads allowed on the roof, set back 2 m.',
      ),
    },
  },
  small_building: {
    code: 'R+3',
    category: 'small_building',
    label: t('Zone de petits immeubles R+3', 'منطقة العمارات الصغيرة، طابق أرضي + 3 طوابق', 'Small buildings, ground + 3'),
    lots: { rows: 2, frontage: [10, 15] },
    rule: {
      allowed: [USE.collective, USE.individual, USE.shopsGround, USE.crafts, USE.facilities],
      forbidden: [USE.industryForbidden, USE.nuisance],
      maxHeightM: 14.5, maxLevels: 4, cos: 2.8, ces: 0.75,
      minLotAreaM2: 150, minFrontageM: 10, setbackFrontM: 0, setbackSideM: 0, setbackRearM: 3,
      parking: PARKING.housing,
      remarks: t(
        'Ordre continu. Cours intérieures d\'au moins 9 m² et 3 m de côté.',
        'البناء المتصل. لا تقل مساحة الأفنية الداخلية عن 9 م² وعرضها عن 3 م.',
        'Continuous row. Inner courtyards at least 9 m² and 3 m wide.',
      ),
    },
  },
  economic: {
    code: 'HE',
    category: 'economic_housing',
    label: t('Zone d\'habitat économique R+2', 'منطقة السكن الاقتصادي، طابق أرضي + طابقان', 'Economic housing, ground + 2'),
    lots: { rows: 2, frontage: [10, 12] },
    rule: {
      allowed: [USE.individual, USE.shopsGround, USE.crafts, USE.facilities],
      forbidden: [USE.industryForbidden, USE.workshops, USE.nuisance],
      maxHeightM: 11.5, maxLevels: 3, cos: 2.4, ces: 0.85,
      minLotAreaM2: 80, minFrontageM: 8, setbackFrontM: 0, setbackSideM: 0, setbackRearM: 0,
      parking: PARKING.economic,
      remarks: t(
        'Maisons en bande, en ordre continu. Chaque logement dispose d\'un patio d\'au moins 9 m².',
        'مساكن متلاصقة بشكل متصل. يتوفر كل مسكن على فناء لا تقل مساحته عن 9 م².',
        'Terraced houses in a continuous row. Each dwelling has a patio of at least 9 m².',
      ),
    },
  },
  twin_villa: {
    code: 'VB',
    category: 'villa',
    label: t('Zone de villas jumelées', 'منطقة الفيلات المزدوجة', 'Semi-detached villas'),
    lots: { rows: 2, frontage: [14, 18] },
    rule: {
      allowed: [USE.villas, USE.facilities],
      forbidden: [USE.collectiveForbidden, USE.shops, USE.industryForbidden, USE.nuisance],
      maxHeightM: 8.5, maxLevels: 2, cos: 1.0, ces: 0.5,
      minLotAreaM2: 300, minFrontageM: 14, setbackFrontM: 4, setbackSideM: 3, setbackRearM: 4,
      parking: PARKING.villa,
      remarks: t(
        'Villas accolées deux à deux sur une limite séparative ; retrait de 3 m sur l\'autre limite.',
        'فيلات متلاصقة اثنتين اثنتين على حد فاصل واحد، مع تراجع 3 م عن الحد الآخر.',
        'Villas joined in pairs on one side boundary; 3 m setback from the other.',
      ),
    },
  },
  villa: {
    code: 'VA',
    category: 'villa',
    label: t('Zone de villas isolées', 'منطقة الفيلات المنفردة', 'Detached villas'),
    lots: { rows: 2, frontage: [18, 25] },
    rule: {
      allowed: [USE.villas, USE.facilities],
      forbidden: [USE.collectiveForbidden, USE.shops, USE.industryForbidden, USE.nuisance],
      maxHeightM: 8.5, maxLevels: 2, cos: 0.8, ces: 0.4,
      minLotAreaM2: 500, minFrontageM: 18, setbackFrontM: 5, setbackSideM: 4, setbackRearM: 4,
      parking: PARKING.villa,
      remarks: t(
        'Constructions isolées au milieu de la parcelle. Clôtures sur rue de 2 m au plus, dont 1 m en maçonnerie.',
        'بنايات منفردة وسط القطعة. لا يتجاوز علو السياج على الطريق 2 م منها 1 م من البناء.',
        'Free-standing buildings. Street fences at most 2 m high, of which 1 m of masonry.',
      ),
    },
  },
  commercial: {
    code: 'ZS',
    category: 'commercial',
    label: t('Zone de commerces et de services', 'منطقة التجارة والخدمات', 'Commercial and services zone'),
    lots: { rows: 2, frontage: [16, 25] },
    rule: {
      allowed: [USE.shops, USE.offices, USE.hotels, USE.restaurants, USE.facilities],
      forbidden: [USE.industryForbidden, USE.nuisance, USE.housingForbidden],
      maxHeightM: 14.5, maxLevels: 4, cos: 2.4, ces: 0.6,
      minLotAreaM2: 500, minFrontageM: 16, setbackFrontM: 5, setbackSideM: 0, setbackRearM: 4,
      parking: PARKING.mixed,
      remarks: t(
        'La marge de recul sur rue est traitée en parvis ouvert au public.',
        'يعالج التراجع على الطريق كساحة مفتوحة للعموم.',
        'The front setback is laid out as a forecourt open to the public.',
      ),
    },
  },
  industrial: {
    code: 'ZI',
    category: 'industrial',
    label: t('Zone industrielle', 'المنطقة الصناعية', 'Industrial zone'),
    lots: { rows: 1, frontage: [30, 50] },
    rule: {
      allowed: [USE.industry, USE.storage, USE.crafts, USE.guardHousing],
      forbidden: [USE.housingForbidden, USE.quarries],
      maxHeightM: 12, maxLevels: 2, cos: 1.0, ces: 0.6,
      minLotAreaM2: 1000, minFrontageM: 20, setbackFrontM: 10, setbackSideM: 5, setbackRearM: 5,
      parking: PARKING.activity,
      remarks: t(
        'Les ouvrages techniques (silos, cheminées) peuvent dépasser la hauteur après avis de l\'agence urbaine. Prétraitement des eaux usées industrielles avant rejet au réseau.',
        'يمكن للمنشآت التقنية (الصوامع، المداخن) تجاوز العلو بعد رأي الوكالة الحضرية. المعالجة الأولية للمياه العادمة الصناعية قبل صرفها في الشبكة.',
        'Technical structures (silos, chimneys) may exceed the height after the urban agency\'s opinion. Industrial wastewater pre-treated before discharge to the network.',
      ),
    },
  },
  tourist: {
    code: 'ZT',
    category: 'tourist',
    label: t('Zone touristique', 'المنطقة السياحية', 'Tourist zone'),
    lots: { rows: 1, frontage: [40, 70] },
    rule: {
      allowed: [USE.hotels, USE.restaurants, USE.shops, USE.gardens],
      forbidden: [USE.industryForbidden, USE.campingSprawl, USE.nuisance],
      maxHeightM: 11.5, maxLevels: 3, cos: 0.9, ces: 0.3,
      minLotAreaM2: 2500, minFrontageM: 30, setbackFrontM: 10, setbackSideM: 6, setbackRearM: 6,
      parking: PARKING.facility,
      remarks: t(
        'Projets soumis à une étude d\'insertion paysagère. Accès public au rivage maintenu.',
        'تخضع المشاريع لدراسة الإدماج في المنظر الطبيعي. يحافظ على ولوج العموم إلى الشاطئ.',
        'Projects need a landscape integration study. Public access to the shore is kept.',
      ),
    },
  },
  facility: {
    code: 'E',
    category: 'facility',
    label: t('Zone d\'équipements publics', 'منطقة المرافق العمومية', 'Public facilities zone'),
    lots: { rows: 1, frontage: [40, 80] },
    rule: {
      allowed: [USE.publicFacilities, USE.gardens],
      forbidden: [USE.housingForbidden, USE.industryForbidden, USE.nuisance],
      maxHeightM: 15, maxLevels: 4, cos: 1.8, ces: 0.6,
      minLotAreaM2: 500, minFrontageM: 20, setbackFrontM: 5, setbackSideM: 4, setbackRearM: 4,
      parking: PARKING.facility,
      remarks: t(
        'Les sites réservés par le plan ne peuvent être morcelés. Les minarets peuvent dépasser la hauteur.',
        'لا يجوز تقسيم المواقع المخصصة في التصميم. يمكن للصوامع تجاوز العلو.',
        'Sites reserved by the plan may not be divided. Minarets may exceed the height.',
      ),
    },
  },
  green: {
    code: 'EV',
    category: 'green_space',
    label: t('Espaces verts publics', 'المساحات الخضراء العمومية', 'Public green spaces'),
    lots: null,
    rule: {
      allowed: [USE.gardens, USE.kiosks, USE.networks],
      forbidden: [USE.anyBuilding, USE.subdivision],
      maxHeightM: 4, maxLevels: 1, cos: 0.02, ces: 0.02,
      minLotAreaM2: 0, minFrontageM: 0, setbackFrontM: 5, setbackSideM: 5, setbackRearM: 5,
      parking: PARKING.none,
      remarks: t(
        'Seules les constructions légères liées au jardin (kiosque, sanitaires, abri) sont admises.',
        'لا يسمح إلا بالبنايات الخفيفة المرتبطة بالحديقة (كشك، مرافق صحية، مأوى).',
        'Only light structures serving the garden (kiosk, toilets, shelter) are allowed.',
      ),
    },
  },
  no_build: {
    code: 'NA',
    category: 'no_build',
    label: t('Zone non aedificandi', 'منطقة يمنع فيها البناء', 'No-build zone'),
    lots: null,
    rule: {
      allowed: [USE.gardens, USE.networks],
      forbidden: [USE.anyBuilding, USE.subdivision, USE.quarries],
      maxHeightM: 0, maxLevels: 0, cos: 0, ces: 0,
      minLotAreaM2: 0, minFrontageM: 0, setbackFrontM: 0, setbackSideM: 0, setbackRearM: 0,
      parking: PARKING.none,
      remarks: t(
        'Protection du domaine public hydraulique (loi 36-15 sur l\'eau) et des zones inondables : aucune construction, clôtures ajourées seulement.',
        'حماية الملك العمومي المائي (القانون 36-15 المتعلق بالماء) والمناطق المعرضة للفيضانات: يمنع كل بناء، ويسمح فقط بالأسيجة المفتوحة.',
        'Protects the public hydraulic domain (law 36-15 on water) and flood-prone land: no building, open fences only.',
      ),
    },
  },
  agricultural: {
    code: 'RA',
    category: 'agricultural',
    label: t('Zone agricole', 'المنطقة الفلاحية', 'Agricultural zone'),
    lots: { rows: 1, frontage: [60, 120] },
    rule: {
      allowed: [USE.farming, USE.farmBuildings],
      forbidden: [USE.subdivision, USE.collectiveForbidden, USE.industryForbidden, USE.quarries],
      maxHeightM: 8.5, maxLevels: 2, cos: 0.04, ces: 0.02,
      minLotAreaM2: 10000, minFrontageM: 30, setbackFrontM: 10, setbackSideM: 10, setbackRearM: 10,
      parking: PARKING.none,
      remarks: t(
        'Règle du milieu rural : parcelle d\'au moins un hectare, surface bâtie au sol au plus 1/50 de la parcelle.',
        'قاعدة الوسط القروي: قطعة لا تقل مساحتها عن هكتار واحد، ولا تتجاوز المساحة المبنية 1/50 من مساحتها.',
        'Rural rule: lot of at least one hectare, built footprint at most 1/50 of the lot.',
      ),
    },
  },
  future_urban: {
    code: 'ZU',
    category: 'future_urban',
    label: t('Zone d\'urbanisation future', 'منطقة التعمير المستقبلي', 'Future urban zone'),
    lots: { rows: 1, frontage: [50, 100] },
    rule: {
      allowed: [USE.farming, USE.networks],
      forbidden: [USE.subdivision, USE.collectiveForbidden, USE.industryForbidden],
      maxHeightM: 8.5, maxLevels: 2, cos: 0.04, ces: 0.02,
      minLotAreaM2: 10000, minFrontageM: 30, setbackFrontM: 10, setbackSideM: 10, setbackRearM: 10,
      parking: PARKING.none,
      remarks: t(
        'Ouverte à l\'urbanisation par un plan de secteur ou un lotissement approuvé (loi 25-90) ; d\'ici là, la règle agricole s\'applique.',
        'تفتح للتعمير بواسطة تصميم قطاعي أو تجزئة مصادق عليها (القانون 25-90)؛ وإلى ذلك الحين تطبق القاعدة الفلاحية.',
        'Opened to building by a sector plan or an approved subdivision (law 25-90); until then the agricultural rule applies.',
      ),
    },
  },
  natural: {
    code: 'ZN',
    category: 'natural',
    label: t('Zone naturelle protégée', 'المنطقة الطبيعية المحمية', 'Protected natural zone'),
    lots: null,
    rule: {
      allowed: [USE.forestry, USE.networks],
      forbidden: [USE.anyBuilding, USE.subdivision, USE.quarries],
      maxHeightM: 4, maxLevels: 1, cos: 0.005, ces: 0.005,
      minLotAreaM2: 50000, minFrontageM: 50, setbackFrontM: 20, setbackSideM: 20, setbackRearM: 20,
      parking: PARKING.none,
      remarks: t(
        'Seuls les abris forestiers et les équipements légers d\'accueil du public sont admis.',
        'لا يسمح إلا بالملاجئ الغابوية والتجهيزات الخفيفة لاستقبال العموم.',
        'Only forest shelters and light visitor facilities are allowed.',
      ),
    },
  },
  restructured: {
    code: 'HR',
    category: 'economic_housing',
    label: t('Habitat restructuré R+2', 'السكن المعاد هيكلته، طابق أرضي + طابقان', 'Restructured housing, ground + 2'),
    lots: { rows: 2, frontage: [10, 12] },
    rule: {
      allowed: [USE.individual, USE.shopsGround, USE.crafts, USE.facilities],
      forbidden: [USE.industryForbidden, USE.workshops, USE.nuisance],
      maxHeightM: 11.5, maxLevels: 3, cos: 2.7, ces: 0.9,
      minLotAreaM2: 60, minFrontageM: 6, setbackFrontM: 0, setbackSideM: 0, setbackRearM: 0,
      parking: PARKING.economic,
      remarks: t(
        'Les constructions existantes sont régularisables si elles respectent les nouveaux alignements et la hauteur maximale. Les parties empiétant sur les voies projetées sont démolies lors des travaux.',
        'يمكن تسوية وضعية البنايات القائمة إذا احترمت التصفيفات الجديدة والعلو الأقصى. تهدم الأجزاء المتجاوزة على الطرق المبرمجة عند إنجاز الأشغال.',
        'Existing buildings can be regularised if they respect the new alignments and the maximum height. Parts over planned roads are removed when the works are done.',
      ),
    },
  },
  rural_housing: {
    code: 'H',
    category: 'small_building',
    label: t('Habitat du centre R+2', 'سكن المركز، طابق أرضي + طابقان', 'Village housing, ground + 2'),
    lots: { rows: 2, frontage: [10, 16] },
    rule: {
      allowed: [USE.individual, USE.shopsGround, USE.crafts, USE.facilities],
      forbidden: [USE.industryForbidden, USE.nuisance],
      maxHeightM: 11.5, maxLevels: 3, cos: 1.8, ces: 0.6,
      minLotAreaM2: 120, minFrontageM: 8, setbackFrontM: 0, setbackSideM: 0, setbackRearM: 3,
      parking: PARKING.housing,
      remarks: t(
        'Matériaux et teintes en harmonie avec le bâti traditionnel du centre.',
        'مواد وألوان منسجمة مع البناء التقليدي للمركز.',
        'Materials and colours in keeping with the traditional buildings of the centre.',
      ),
    },
  },
  souk: {
    code: 'SK',
    category: 'commercial',
    label: t('Zone du souk', 'منطقة السوق', 'Souk zone'),
    lots: { rows: 1, frontage: [80, 150] },
    rule: {
      allowed: [USE.weeklyMarket, USE.shops, USE.restaurants],
      forbidden: [USE.housingForbidden, USE.industryForbidden, USE.nuisance],
      maxHeightM: 6, maxLevels: 1, cos: 0.3, ces: 0.3,
      minLotAreaM2: 5000, minFrontageM: 40, setbackFrontM: 10, setbackSideM: 5, setbackRearM: 5,
      parking: PARKING.activity,
      remarks: t(
        'Aire du souk hebdomadaire, avec abattoir et parc à bestiaux clôturés.',
        'فضاء السوق الأسبوعي مع مجزرة ومربض للمواشي مسيجين.',
        'Weekly souk grounds, with a fenced slaughterhouse and livestock pen.',
      ),
    },
  },
} as const satisfies Record<string, ZoneType>;

export type ZoneTypeKey = keyof typeof ZONE_TYPES;

// The SDAU sets intended uses, not parcel-level numbers: those rules stay null, and the remark says where
// the binding rule is (the plan d'aménagement that implements the SDAU).
const SDAU_REMARK = t(
  'Le SDAU fixe la destination générale des sols ; les règles à la parcelle sont celles du plan d\'aménagement en vigueur.',
  'يحدد مخطط توجيه التهيئة العمرانية التخصيص العام للأراضي؛ أما قواعد البناء على مستوى القطعة فهي قواعد تصميم التهيئة الساري المفعول.',
  'The SDAU sets the general intended use of land; parcel-level rules are those of the plan d\'aménagement in force.',
);
const sdauRule = (allowed: I18n[], forbidden: I18n[], extra?: I18n): Rule => ({
  allowed, forbidden,
  maxHeightM: null, maxLevels: null, cos: null, ces: null, minLotAreaM2: null, minFrontageM: null,
  setbackFrontM: null, setbackSideM: null, setbackRearM: null, parking: null,
  remarks: extra ? t(`${extra.fr} ${SDAU_REMARK.fr}`, `${extra.ar} ${SDAU_REMARK.ar}`, `${extra.en} ${SDAU_REMARK.en}`) : SDAU_REMARK,
});

/** Zones of intended use of the master plan (SDAU). */
export const SDAU_ZONE_TYPES = {
  sdau_urban: {
    code: 'U', category: 'mixed_centre', lots: null,
    label: t('Tissu urbain existant à densifier', 'النسيج الحضري القائم المراد تكثيفه', 'Existing urban fabric to densify'),
    rule: sdauRule([USE.collective, USE.shops, USE.publicFacilities], [USE.nuisance]),
  },
  sdau_extension: {
    code: 'ZUE', category: 'future_urban', lots: null,
    label: t('Zone d\'extension urbaine', 'منطقة التوسع العمراني', 'Urban extension zone'),
    rule: sdauRule([USE.collective, USE.villas, USE.publicFacilities], [USE.nuisance],
      t('Ouverture par tranches, après équipement.', 'يتم فتحها على مراحل بعد تجهيزها.', 'Opened in phases, once serviced.')),
  },
  sdau_industrial: {
    code: 'PI', category: 'industrial', lots: null,
    label: t('Plateforme industrielle et logistique', 'المنصة الصناعية واللوجستيكية', 'Industrial and logistics platform'),
    rule: sdauRule([USE.industry, USE.storage], [USE.housingForbidden]),
  },
  sdau_agricultural: {
    code: 'ZAG', category: 'agricultural', lots: null,
    label: t('Zone agricole à préserver', 'المنطقة الفلاحية المراد الحفاظ عليها', 'Farmland to preserve'),
    rule: sdauRule([USE.farming, USE.farmBuildings], [USE.subdivision, USE.industryForbidden]),
  },
  sdau_natural: {
    code: 'ZNP', category: 'natural', lots: null,
    label: t('Espace naturel protégé', 'المجال الطبيعي المحمي', 'Protected natural area'),
    rule: sdauRule([USE.forestry], [USE.anyBuilding, USE.quarries]),
  },
  sdau_tourist: {
    code: 'ZTL', category: 'tourist', lots: null,
    label: t('Littoral à vocation touristique', 'الساحل ذو الوجهة السياحية', 'Coast for tourism'),
    rule: sdauRule([USE.hotels, USE.restaurants, USE.gardens], [USE.industryForbidden, USE.campingSprawl],
      t('Bande de 100 m inconstructible le long du rivage (loi 81-12 relative au littoral).',
        'شريط بعرض 100 م غير قابل للبناء على طول الساحل (القانون 81-12 المتعلق بالساحل).',
        'A 100 m no-build strip along the shore (law 81-12 on the littoral).')),
  },
} as const satisfies Record<string, ZoneType>;

export type SdauZoneTypeKey = keyof typeof SDAU_ZONE_TYPES;
export type AnyZoneTypeKey = ZoneTypeKey | SdauZoneTypeKey;

export function zoneType(key: AnyZoneTypeKey): ZoneType {
  return (key in ZONE_TYPES ? ZONE_TYPES[key as ZoneTypeKey] : SDAU_ZONE_TYPES[key as SdauZoneTypeKey]) as ZoneType;
}

/** Reserved facility sites, numbered E1, E2… in each plan version, cycling through this list. */
export const FACILITIES: readonly I18n[] = [
  t('École primaire', 'مدرسة ابتدائية', 'Primary school'),
  t('Mosquée', 'مسجد', 'Mosque'),
  t('Centre de santé', 'مركز صحي', 'Health centre'),
  t('Collège', 'ثانوية إعدادية', 'Lower secondary school'),
  t('Terrain de sport de proximité', 'ملعب رياضي للقرب', 'Neighbourhood sports ground'),
  t('Équipement administratif', 'مرفق إداري', 'Administrative building'),
  t('Marché municipal', 'سوق جماعي', 'Municipal market'),
  t('Foyer féminin et crèche', 'دار الطالبة وروض الأطفال', 'Women\'s centre and nursery'),
  t('Lycée', 'ثانوية تأهيلية', 'Upper secondary school'),
  t('Protection civile', 'الوقاية المدنية', 'Civil protection'),
];

export const OVERLAY_TEXT = {
  plannedRoad: (width: number, existing: number | null): { label: I18n; details: I18n } => ({
    label: t(`Voie projetée, emprise ${width} m`, `طريق مبرمجة، عرض ${width} م`, `Planned road, ${width} m wide`),
    details: existing === null
      ? t('Voie nouvelle.', 'طريق جديدة.', 'New road.')
      : t(
        `Élargissement d'une voie existante de ${existing} m ; les constructions nouvelles respectent le nouvel alignement.`,
        `توسيع طريق قائمة عرضها ${existing} م؛ تحترم البنايات الجديدة التصفيف الجديد.`,
        `Widening of an existing ${existing} m street; new buildings follow the new alignment.`,
      ),
  }),
  reservedGreen: t('Espace vert public réservé', 'مساحة خضراء عمومية مخصصة', 'Reserved public green space'),
  reservedGreenDetails: t(
    'Terrain réservé à un jardin public ; toute autre construction y est interdite.',
    'أرض مخصصة لحديقة عمومية؛ يمنع فيها كل بناء آخر.',
    'Land reserved for a public garden; no other building allowed.',
  ),
  reservedFacilityDetails: t(
    'Site réservé à un équipement public (loi 12-90, art. 19) ; il ne peut recevoir une autre affectation.',
    'موقع مخصص لمرفق عمومي (القانون 12-90، المادة 19)؛ لا يجوز تخصيصه لغرض آخر.',
    'Site reserved for a public facility (law 12-90, art. 19); it cannot be used for anything else.',
  ),
  wadi: t('Oued (tracé indicatif)', 'واد (مسار تقريبي)', 'Wadi (indicative course)'),
  wadiStrip: t('Bande non aedificandi le long de l\'oued', 'شريط يمنع فيه البناء على طول الوادي', 'No-build strip along the wadi'),
  wadiStripDetails: (w: number): I18n => t(
    `${w} m de part et d'autre de l'axe de l'oued (domaine public hydraulique, loi 36-15 sur l'eau).`,
    `${w} م على جانبي محور الوادي (الملك العمومي المائي، القانون 36-15 المتعلق بالماء).`,
    `${w} m on each side of the wadi's axis (public hydraulic domain, law 36-15 on water).`,
  ),
  coastStrip: t('Bande littorale inconstructible (100 m)', 'الشريط الساحلي غير القابل للبناء (100 م)', 'Coastal no-build strip (100 m)'),
  coastStripDetails: t(
    'Loi 81-12 relative au littoral, art. 15 : bande de 100 m à partir de la limite du domaine public maritime.',
    'القانون 81-12 المتعلق بالساحل، المادة 15: شريط بعرض 100 م انطلاقا من حد الملك العمومي البحري.',
    'Law 81-12 on the littoral, art. 15: a 100 m strip from the limit of the maritime public domain.',
  ),
  flood: t('Zone inondable', 'منطقة معرضة للفيضانات', 'Flood zone'),
  floodDetails: t(
    'Zone exposée aux crues de l\'oued (tracé indicatif) : planchers habitables au-dessus des plus hautes eaux connues, sous-sols interdits.',
    'منطقة معرضة لفيضانات الوادي (حدود تقريبية): أرضيات السكن فوق أعلى منسوب معروف للمياه، ويمنع الطابق تحت الأرضي.',
    'Land exposed to the wadi\'s floods (indicative outline): habitable floors above the highest known water level, no basements.',
  ),
  maritime: t('Domaine public maritime (lagune de Marchica)', 'الملك العمومي البحري (بحيرة مارتشيكا)', 'Maritime public domain (Marchica lagoon)'),
  maritimeCoast: t('Domaine public maritime (mer et lagune)', 'الملك العمومي البحري (البحر والبحيرة)', 'Maritime public domain (sea and lagoon)'),
  maritimeDetails: t(
    'Limite indicative le long du rivage ; la délimitation officielle fait foi.',
    'حد تقريبي على طول الساحل؛ العبرة بالتحديد الرسمي.',
    'Indicative limit along the shore; the official delimitation prevails.',
  ),
  heritage: t('Bâtiment ancien protégé (exemple)', 'بناية قديمة محمية (مثال)', 'Protected old building (example)'),
  heritageDetails: t(
    'Tout projet dans le périmètre de protection est soumis à l\'avis du ministère chargé de la culture (loi 22-80).',
    'يخضع كل مشروع داخل مدار الحماية لرأي الوزارة المكلفة بالثقافة (القانون 22-80).',
    'Any project inside the protection perimeter needs the opinion of the ministry of culture (law 22-80).',
  ),
  kasbah: t('Kasbah de Selouane (emplacement indicatif)', 'قصبة سلوان (موقع تقريبي)', 'Kasbah of Selouane (indicative location)'),
  powerLine: t('Ligne électrique haute tension', 'خط كهربائي ذو توتر عال', 'High-voltage power line'),
  powerLineDetails: t(
    'Servitude de passage : aucune construction sous la ligne, sur 15 m de part et d\'autre de l\'axe (tracé indicatif).',
    'ارتفاق المرور: يمنع البناء تحت الخط على 15 م من جانبي المحور (مسار تقريبي).',
    'Easement: no building under the line, 15 m on each side of its axis (indicative course).',
  ),
  cemetery: t('Cimetière', 'مقبرة', 'Cemetery'),
  cemeteryDetails: t(
    'Cimetière existant, maintenu ; les constructions riveraines sont soumises à l\'avis des services d\'hygiène.',
    'مقبرة قائمة يحافظ عليها؛ تخضع البنايات المجاورة لرأي مصالح حفظ الصحة.',
    'Existing cemetery, kept; neighbouring buildings need the opinion of the health services.',
  ),
} as const;
