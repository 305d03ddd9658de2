// Calls of the requests desk and the instructors' page: multipart posts, the tracking code in its header,
// JSON with the CSRF token, downloads through a blob (documents are never at a public URL).
import { ApiError } from '../api.js';

let messageLang = 'fr';
export const setDeskLanguage = (l: string) => (messageLang = l);

async function fail(res: Response): Promise<never> {
  type Body = { error?: { code?: string; message?: string } } | null;
  let body: Body = null;
  try {
    body = (await res.json()) as Body;
  } catch {
    // not our JSON
  }
  throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText);
}

export async function call<T>(path: string, init: { method?: string; body?: BodyInit; json?: unknown; code?: string; csrf?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': document.documentElement.lang || messageLang };
  if (init.code) headers['x-tracking-code'] = init.code;
  if (init.csrf) headers['x-csrf-token'] = init.csrf;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

/** Downloads a document with the code (or the staff session) and hands it to the browser as a file. */
export async function download(path: string, filename: string, code?: string): Promise<void> {
  const res = await fetch(path, { headers: code ? { 'x-tracking-code': code } : {}, credentials: 'same-origin' });
  if (!res.ok) return fail(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
