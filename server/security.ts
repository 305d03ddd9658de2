// Security headers, CORS and rate limits, registered once for every route.
//
// Content-Security-Policy: the viewer loads only from its own origin. MapLibre runs its workers from
// blob: URLs and draws tiles into blob:/data: images, so worker-src, child-src and img-src allow them
// (https://maplibre.org/maplibre-gl-js/docs/#csp-directives). style-src keeps 'unsafe-inline' for the
// style attributes React and MapLibre set on elements. An optional external basemap needs its host in
// connect-src/img-src: the viewer only uses one when the user asks for it, so it is not allowed by default.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, errorHandler } from './errors.js';

export interface SecurityOptions {
  /** Origins allowed to call the API from another site (CORS); none by default. */
  corsOrigins: string[];
  /** Requests per minute and per client address on the routes that opt in with `config.rateLimit`. */
  rateLimitPerMinute: number;
  /** Event-loop delay (ms) past which new requests are shed with 503 + Retry-After; 0 disables. */
  maxEventLoopDelayMs: number;
}

async function security(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'wasm-unsafe-eval' lets WebAssembly compile (the RTL text plugin shapes Arabic with it inside
        // MapLibre's worker); it does not allow JavaScript eval.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // Tiles and GeoJSON may be embedded by other sites' maps when CORS allows them.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  // CORS is deliberately closed unless CORS_ORIGINS names the sites that may call the API.
  await app.register(cors, {
    origin: opts.corsOrigins.length ? opts.corsOrigins : false,
    methods: ['GET', 'HEAD', 'POST'],
    maxAge: 600,
  });
  // Load shedding: when the event loop lags, new requests get a fast 503 with Retry-After instead of
  // queueing until everything times out; the server recovers alone when the load falls.
  if (opts.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs,
      retryAfter: 5,
      pressureHandler: (request, reply) => errorHandler(new AppError('overloaded'), request, reply),
    });
  }
  // Rate limits apply to the routes that declare `config: { rateLimit: … }` (search, notes, login…),
  // keyed by client address; a 429 has the one error shape and says when to come back.
  await app.register(rateLimit, {
    global: false,
    max: opts.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => {
      const err = new AppError('rate_limited', { seconds: Math.ceil(ctx.ttl / 1000) });
      return Object.assign(err, { statusCode: 429 });
    },
  });
}

export const securityPlugin = fp(security, { name: 'tasmim-security' });
