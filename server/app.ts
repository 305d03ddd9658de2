// The server's composition on one screen: infrastructure (config, database pool, errors, docs), then the
// domain slices, then the viewer's static files. Every resource opened here is closed in onClose.
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { accountRoutes } from './accounts/routes.js';
import type { Config } from './config.js';
import { contactRoutes } from './contact/contact.js';
import { createPool, warmPool } from './db/pool.js';
import { documentRoutes } from './documents/routes.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { extractRoutes } from './extracts/routes.js';
import { healthRoutes } from './health/routes.js';
import { importRoutes } from './imports/routes.js';
import { noteRoutes } from './notes/routes.js';
import { parcelRoutes } from './parcels/routes.js';
import { planRoutes } from './plans/routes.js';
import { publishingRoutes } from './publishing/routes.js';
import { requestRoutes } from './requests/routes.js';
import { reportRoutes } from './reports/routes.js';
import { searchRoutes } from './search/routes.js';
import { securityPlugin } from './security.js';
import { selectionRoutes } from './selection/routes.js';
import { DataVersion } from './shared/data-version.js';
import { guardInput } from './shared/input-guard.js';
import { TileCache } from './tiles/cache.js';
import { TileCoverage } from './tiles/coverage.js';
import { serveCachedTile, type FastTileDeps } from './tiles/fast-path.js';
import { tileRoutes } from './tiles/routes.js';
import { SOURCES } from './tiles/sources.js';
import { studyRoutes } from './studies/routes.js';
import { zoningRoutes } from './zoning/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: pg.Pool;
    /** Read-only queries: a pool on DATABASE_READ_URL (a streaming replica) when set, else `db` itself. */
    dbRead: pg.Pool;
    dataVersion: DataVersion;
    tileCache: TileCache;
    tileCoverage: TileCoverage;
  }
}

export const CLIENT_DIR = fileURLToPath(new URL('../dist/client/', import.meta.url));

/**
 * What the logs never show (law 09-08, art. 23: security of personal data): the secrets a request carries
 * in headers, and what PostgreSQL puts in an error's detail (a failing row holds the values sent). Fastify's
 * request log has the method, URL and status only, never bodies.
 */
const LOG_REDACT = ['req.headers.cookie', 'req.headers["x-tracking-code"]', 'req.headers["x-csrf-token"]', 'err.detail', 'err.where', 'err.parameters'];

export async function buildApp(config: Config & { DATABASE_URL: string }, opts: { logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  // Cache hits of tiles are answered before Fastify's pipeline (server/tiles/fast-path.ts); everything
  // else goes to Fastify. The server is otherwise the one Fastify would make (its timeouts included).
  let ready: FastifyInstance | null = null;
  const tileDeps: FastTileDeps = { cache: () => ready?.tileCache, version: () => ready?.dataVersion };
  const app = Fastify({
    serverFactory: (handler, options) => {
      const o = options as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
      const server = http.createServer((req, res) => {
        if (!serveCachedTile(req, res, tileDeps)) handler(req, res);
      });
      server.keepAliveTimeout = o.keepAliveTimeout ?? 72_000;
      server.requestTimeout = o.requestTimeout ?? 0;
      server.setTimeout(o.connectionTimeout ?? 0);
      return server;
    },
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: LOG_REDACT, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    trustProxy: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Infrastructure
  const pool = createPool(config.DATABASE_URL, { max: config.DB_POOL_MAX, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS });
  app.decorate('db', pool);
  // Reads may go to a replica; the data version is read there too, so tile cache keys name the data the
  // tiles were made from, even while the replica lags the primary (docs/scaling.md).
  const readPool = config.DATABASE_READ_URL
    ? createPool(config.DATABASE_READ_URL, { max: config.DB_POOL_MAX, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS, applicationName: 'tasmim-read' })
    : pool;
  app.decorate('dbRead', readPool);
  app.decorate('dataVersion', new DataVersion(readPool));
  app.decorate('tileCache', new TileCache(config.TILE_CACHE_MB * 1024 * 1024));
  app.decorate('tileCoverage', new TileCoverage(readPool, SOURCES, (err) => app.log.warn(`tile coverage not read (${err.message}); tiles are made by their query`)));
  app.addHook('onClose', async () => {
    if (readPool !== pool) await readPool.end();
    await pool.end();
  });
  await app.register(securityPlugin, {
    corsOrigins: config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS,
  });
  await app.register(fastifyCookie);
  app.setErrorHandler(errorHandler);
  app.addHook('preHandler', guardInput);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Tasmim API', version: '0.1.0', description: 'Urban planning documents of the agency territory: plans, zones, rules, overlays, parcels.' },
      tags: ['health', 'plans', 'parcels', 'zoning', 'search', 'tiles', 'extracts', 'notes', 'accounts', 'imports', 'publishing', 'requests', 'reports', 'documents', 'studies'].map((name) => ({ name })),
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Offline and on plain-HTTP hosts too: no other host, no forced upgrade to HTTPS.
    transformStaticCSP: (csp) => csp.replace(/ validator\.swagger\.io| https:| upgrade-insecure-requests;/g, ''),
  });

  // Domain slices (accounts first: its sessions and request.user serve every slice's requireRole)
  await app.register(accountRoutes, config);
  await app.register(healthRoutes);
  await app.register(planRoutes);
  await app.register(parcelRoutes);
  await app.register(zoningRoutes);
  await app.register(selectionRoutes);
  await app.register(noteRoutes, { perMinute: config.NOTES_PER_MINUTE });
  await app.register(extractRoutes);
  await app.register(searchRoutes);
  await app.register(tileRoutes, { cache: app.tileCache, coverage: app.tileCoverage });
  await app.register(importRoutes);
  await app.register(publishingRoutes);
  await app.register(requestRoutes, {
    outbox: config.SMTP_URL
      ? { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, pollMs: config.OUTBOX_POLL_MS, retryBaseMs: config.OUTBOX_RETRY_BASE_MS, maxAttempts: 6 }
      : undefined,
  });
  await app.register(reportRoutes, { perHour: config.REPORTS_PER_HOUR });
  await app.register(contactRoutes);
  await app.register(documentRoutes, { maxBytes: config.DOCUMENT_MAX_MB * 1024 * 1024 });
  await app.register(studyRoutes);

  // The viewer (built by `vite build` into dist/client), served as UTF-8.
  if (existsSync(CLIENT_DIR)) {
    await app.register(fastifyStatic, { root: CLIENT_DIR, prefix: '/', wildcard: false, index: ['index.html'] });
    // Every other page (client/<page>/index.html, vite.config.ts) is at /<page>/; /<page> leads there.
    for (const d of readdirSync(CLIENT_DIR, { withFileTypes: true })) {
      if (d.isDirectory() && existsSync(path.join(CLIENT_DIR, d.name, 'index.html'))) {
        app.get(`/${d.name}`, { schema: { hide: true } }, (_req, reply) => reply.redirect(`/${d.name}/`, 301));
      }
    }
  }

  ready = app;
  await Promise.all([pool, ...(readPool === pool ? [] : [readPool])].map((p) => warmPool(p, Math.min(4, config.DB_POOL_MAX)))).catch((err: Error) => {
    app.log.warn(`database not reachable at start (${err.message}); requests will answer 503 until it is`);
  });
  return app;
}
