// The viewer's only door to the server: same-origin GETs of /api and /tiles, typed by the server's own
// TypeBox schemas (type-only imports: nothing of the server enters the bundle).
import { useEffect, useState } from 'react';
import type { ErrorBody } from '../server/shared/schemas.js';
import type { Translate } from './i18n/index.js';

/** An error answer of the API ({ error: { code, message } }), or a network failure (code "network"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The language of the API's own messages (errors): the interface's, not the browser's, so that an error
 * reads in the language the visitor chose. Set by App; data texts come in every language anyway.
 */
let messageLang = 'fr';
export function setApiLanguage(lang: string): void {
  messageLang = lang;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json', 'accept-language': messageLang } });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    let body: Partial<ErrorBody> | null = null;
    try {
      body = (await res.json()) as Partial<ErrorBody>;
    } catch {
      // Not our JSON (a proxy's error page): keep the status line.
    }
    throw new ApiError(res.status, body?.error?.code ?? 'http_' + res.status, body?.error?.message ?? res.statusText);
  }
  return (await res.json()) as T;
}

/** What to show of an error: the server's message (in the interface language), ours when it never answered. */
export function errorMessage(e: ApiError, t: Translate): string {
  return e.status === 0 ? t('error.network') : e.message;
}

/** A path with its query string; undefined values are left out. */
export function apiPath(path: string, query: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: ApiError };

const IDLE = { state: 'idle' } as const;
const LOADING = { state: 'loading' } as const;

/** GET a path (null: nothing to load), aborting the previous request when the path changes. */
export function useApi<T>(path: string | null): Loadable<T> {
  const [result, setResult] = useState<{ path: string | null; value: Loadable<T> }>({ path: null, value: IDLE });
  useEffect(() => {
    if (path == null) return;
    const ctl = new AbortController();
    setResult({ path, value: LOADING });
    getJson<T>(path, ctl.signal).then(
      (data) => setResult({ path, value: { state: 'ok', data } }),
      (error: unknown) => {
        if (ctl.signal.aborted) return;
        const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
        setResult({ path, value: { state: 'error', error: e } });
      },
    );
    return () => ctl.abort();
  }, [path]);
  // A result for another path is stale: report loading until the new one arrives. Constant objects, so
  // that callers may use the result as a memo dependency.
  if (path == null) return IDLE;
  return result.path === path ? result.value : LOADING;
}

