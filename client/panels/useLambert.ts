// Lambert Nord Maroc in the browser (lib/lambert.ts, with proj4) is loaded on first use, in its own
// chunk: proj4 weighs more than the rest of the viewer, and only the coordinates and "go to" need it.
import { useEffect, useState } from 'react';
import type { fromLambert, toLambert } from '../lib/lambert.js';

export interface LambertModule {
  toLambert: typeof toLambert;
  fromLambert: typeof fromLambert;
}

let loading: Promise<LambertModule> | null = null;

export function loadLambert(): Promise<LambertModule> {
  loading ??= import('../lib/lambert.js');
  return loading;
}

/** The module once loaded (null until then, or if the chunk could not be fetched). */
export function useLambert(): LambertModule | null {
  const [mod, setMod] = useState<LambertModule | null>(null);
  useEffect(() => {
    let live = true;
    loadLambert().then(
      (m) => live && setMod(() => m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return mod;
}
