// The parcels chosen for one project (several adjacent parcels a building permit covers): added from the
// parcel sheet or by Shift/Ctrl+click on the map, listed in the project card, highlighted on the map.
import { useCallback, useState } from 'react';
import { SELECTION_LIMITS } from '../../server/selection/schemas.js';

export interface ProjectParcel {
  id: number;
  ref: string;
}

export function useProject() {
  const [parcels, setParcels] = useState<ProjectParcel[]>([]);
  const add = useCallback((p: ProjectParcel) => {
    setParcels((list) => (list.some((x) => x.id === p.id) || list.length >= SELECTION_LIMITS.parcels ? list : [...list, p]));
  }, []);
  const remove = useCallback((id: number) => setParcels((list) => list.filter((x) => x.id !== id)), []);
  const clear = useCallback(() => setParcels([]), []);
  return { parcels, add, remove, clear };
}
