// The parcels chosen for one project (several adjacent parcels a building permit covers): added from the
// parcel sheet or by Shift/Ctrl+click on the map, listed in the project card, highlighted on the map.
import { useCallback, useEffect, useState } from 'react';
import type { SelectionSheet } from '../../server/selection/schemas.js';
import { SELECTION_LIMITS } from '../../server/selection/schemas.js';
import { getJson } from '../api.js';

export interface ProjectParcel {
  id: number;
  ref: string;
}

/**
 * `initialIds`: the project of a shared link (#project=…). Its parcels are listed at once by id and get
 * their references from GET /api/selection; ids that name no current parcel are dropped then.
 */
export function useProject(initialIds: readonly number[] = []) {
  const [parcels, setParcels] = useState<ProjectParcel[]>(() => initialIds.map((id) => ({ id, ref: `#${id}` })));
  useEffect(() => {
    if (initialIds.length === 0) return;
    const ctl = new AbortController();
    getJson<SelectionSheet>(`/api/selection?parcels=${initialIds.join(',')}`, ctl.signal)
      .then((sheet) => {
        const refs = new Map(sheet.selection.parcels.map((p) => [p.id, p.reference]));
        setParcels((list) => list.flatMap((p) => (refs.has(p.id) ? [{ id: p.id, ref: refs.get(p.id)! }] : p.ref.startsWith('#') ? [] : [p])));
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        // A link to parcels that no longer exist (divided, merged): the project starts empty.
        setParcels((list) => list.filter((p) => !p.ref.startsWith('#')));
        console.warn('project of the link not found:', e);
      });
    return () => ctl.abort();
    // The link's project is read once, at load.
  }, []);
  const add = useCallback((p: ProjectParcel) => {
    setParcels((list) => (list.some((x) => x.id === p.id) || list.length >= SELECTION_LIMITS.parcels ? list : [...list, p]));
  }, []);
  const remove = useCallback((id: number) => setParcels((list) => list.filter((x) => x.id !== id)), []);
  const clear = useCallback(() => setParcels([]), []);
  return { parcels, add, remove, clear };
}
