// Errors are named once here, with their HTTP status and their message in each language, and mapped to
// the one error body `{ error: { code, message, details? } }` in one place (errorHandler). A 4xx says what
// was wrong and how to fix it; a 5xx never carries SQL, a stack or an internal message.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLang } from './i18n.js';
import type { Lang } from './shared/schemas.js';

type Messages = Record<Lang, (p: Record<string, string | number>) => string>;

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
  unknown_source: {
    status: 404,
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
      fr: (p) => `Aucun(e) ${p.what} avec l'identifiant ${p.id}.`,
      ar: (p) => `لا يوجد ${p.what} بالمعرّف ${p.id}.`,
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
  payload_too_large: {
    status: 413,
    msg: {
      en: () => 'The request body is too large.',
      fr: () => 'Le corps de la requête est trop volumineux.',
      ar: () => 'حجم محتوى الطلب كبير جدا.',
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
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: appErr.code, message: appErr.messageIn(lang) },
  };
  if (appErr.details !== undefined && appErr.status < 500) body.error.details = appErr.details;
  void reply.status(appErr.status).type('application/json; charset=utf-8').send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  errorHandler(new AppError('route_not_found', { method: request.method, url: request.url.split('?')[0] ?? '' }), request, reply);
}
