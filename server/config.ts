// Configuration: read once from the environment at start-up, validated, typed. Every key is documented
// with its default in .env.example.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  // Reads (tiles, identify, parcel sheet, plans, search) go here when set: a streaming replica.
  DATABASE_READ_URL: Type.Optional(Type.String({ minLength: 1 })),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600000, default: 10000 }),
  CORS_ORIGINS: Type.String({ default: '', description: 'comma-separated origins allowed to call the API; none by default' }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1000000, default: 120 }),
  // Notes issued per minute and per client address: each is a write, a reference number and a PDF.
  NOTES_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1000000, default: 20 }),
  // Problem reports (POST /api/reports) per client address and per hour: the public's only write with a photo.
  REPORTS_PER_HOUR: Type.Integer({ minimum: 1, maximum: 100000, default: 10 }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 60000, default: 1000 }),
  TILE_CACHE_MB: Type.Integer({ minimum: 0, maximum: 16384, default: 256 }),
  // Session cookie `Secure` flag: false only for plain-HTTP localhost development.
  COOKIE_SECURE: Type.Boolean({ default: true }),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 30 }),
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 8 }),
  // Notifications to applicants (server/requests/outbox.ts): sent by SMTP when set, e.g. smtp://user:pass@host:587.
  SMTP_URL: Type.Optional(Type.String({ minLength: 1 })),
  MAIL_FROM: Type.String({ default: 'Agence urbaine <no-reply@localhost>' }),
  OUTBOX_POLL_MS: Type.Integer({ minimum: 50, maximum: 3600000, default: 5000 }),
  OUTBOX_RETRY_BASE_MS: Type.Integer({ minimum: 10, maximum: 86400000, default: 60000 }),
  // Largest PDF a planner may add to the documents library (server/documents).
  DOCUMENT_MAX_MB: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), {
    default: 'info',
  }),
});
export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = /^-?\d+$/.test(value) && key !== 'DATABASE_URL' && key !== 'DATABASE_READ_URL' && key !== 'SMTP_URL' && key !== 'HOST' ? Number(value) : value;
    if ((ConfigSchema.properties as Record<string, { type?: unknown }>)[key]?.type === 'boolean') {
      raw[key] = /^(true|1)$/i.test(value) ? true : /^(false|0)$/i.test(value) ? false : value;
    }
  }
  const withDefaults = Value.Default(ConfigSchema, { ...raw, ...overrides });
  const errors = [...Value.Errors(ConfigSchema, withDefaults)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.instancePath.replace(/^\//, '') || '(config)'}: ${e.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}\nSee .env.example for every key and its default.`);
  }
  return withDefaults as Config;
}
