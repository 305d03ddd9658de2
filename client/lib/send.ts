// Writes to the API from the pages (reports, follow, staff): JSON or a form, with the interface language
// for the server's messages and, for staff, the session's CSRF token. Errors become ApiError like GETs.
import { ApiError } from '../api.js';

export async function send<T>(method: 'POST' | 'DELETE', path: string, body: FormData | object | null, opts: { lang: string; csrf?: string }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': opts.lang };
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  // A FormData body sets its own multipart content type (with the boundary).
  if (body !== null && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === null ? undefined : body instanceof FormData ? body : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, err?.error?.code ?? 'http_' + res.status, err?.error?.message ?? res.statusText);
  }
  return (res.status === 204 ? null : await res.json()) as T;
}

export const asApiError = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
