import { describe, expect, it } from 'vitest';
import type { ZoningPart } from '../../server/parcels/schemas.js';
import { groupByPlan } from '../../client/panels/ParcelSheet.js';

const part = (versionId: number, zone: string, share: number) =>
  ({ plan: { versionId }, zone: { code: zone }, share }) as unknown as ZoningPart;

describe('parcel sheet', () => {
  it('groups the zones of a parcel by plan version, keeping the server order (in force first)', () => {
    const groups = groupByPlan([part(3, 'CV', 0.6), part(9, 'U', 1), part(3, 'HE', 0.4)]);
    expect(groups.map((g) => g.map((p) => p.zone.code))).toEqual([['CV', 'HE'], ['U']]);
    expect(groupByPlan([])).toEqual([]);
  });
});
