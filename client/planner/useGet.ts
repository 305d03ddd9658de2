// A GET of the workspace, with the session's cookie, reloaded when `key` changes (after a change the page
// made itself: an import, a saved rule, a publication).
import { useEffect, useState } from 'react';
import { asApiError, type PlannerApiError, send } from './http.js';

export type Got<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: PlannerApiError };

export function useGet<T>(path: string | null, key: unknown = 0): Got<T> {
  const [result, setResult] = useState<{ path: string | null; key: unknown; value: Got<T> }>({ path: null, key, value: { state: 'loading' } });
  useEffect(() => {
    if (path == null) return;
    const ctl = new AbortController();
    send<T>(path, { signal: ctl.signal }).then(
      (data) => setResult({ path, key, value: { state: 'ok', data } }),
      (e: unknown) => {
        if (!ctl.signal.aborted) setResult({ path, key, value: { state: 'error', error: asApiError(e) } });
      },
    );
    return () => ctl.abort();
  }, [path, key]);
  // A reload keeps showing the previous answer of the same path until the new one arrives.
  if (result.path === path && (result.key === key || result.value.state === 'ok')) return result.value;
  return { state: 'loading' };
}
