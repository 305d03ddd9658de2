// The planners' page talks to the API with a session: every state change carries the session's CSRF token
// (server/accounts/guard.ts), and an error answer keeps its `details` (the layer's fields, the rejected
// import's report), which the viewer's read-only client (client/api.ts) has no use for.
import type { ErrorBody } from '../../server/shared/schemas.js';
import { ApiError } from '../api.js';

export class PlannerApiError extends ApiError {
  constructor(status: number, code: string, message: string, readonly details: unknown) {
    super(status, code, message);
    this.name = 'PlannerApiError';
  }
}

let csrfToken: string | null = null;
let lang = 'fr';
let sessionLost: (() => void) | null = null;

/** Called when the API says the session is gone (expired, closed elsewhere): the page asks to sign in again. */
export function onSessionLost(handler: (() => void) | null): void {
  sessionLost = handler;
}

/** The token of the session signed in (null once signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The language of the API's messages: the interface's. */
export function setMessageLang(l: string): void {
  lang = l;
}

export interface SendOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body, or a FormData (multipart upload). */
  body?: unknown;
  signal?: AbortSignal;
}

export async function send<T>(path: string, opts: SendOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, signal: opts.signal, credentials: 'same-origin' });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    throw new PlannerApiError(0, 'network', e instanceof Error ? e.message : String(e), null);
  }
  if (res.status === 204) return undefined as T;
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // Not our JSON (a proxy's error page): the status line says what there is to say.
  }
  if (!res.ok) {
    const err = (json as Partial<ErrorBody> | null)?.error;
    if (err?.code === 'authentication_required') sessionLost?.();
    throw new PlannerApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText, err?.details ?? null);
  }
  return json as T;
}

/** Any thrown value as an API error (a programming error becomes a "client" one, still shown). */
export function asApiError(e: unknown): PlannerApiError {
  return e instanceof PlannerApiError ? e : new PlannerApiError(0, 'client', e instanceof Error ? e.message : String(e), null);
}
