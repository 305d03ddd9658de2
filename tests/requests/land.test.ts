// Vertices typed on the requests desk become the API's coordinates selection, as surveyors write them.
import { describe, expect, it } from 'vitest';
import { lambertSelection } from '../../client/requests/land.js';

describe('Lambert vertices typed on the desk', () => {
  it('reads one vertex a line, French and plain notations alike', () => {
    expect(lambertSelection('725000 510000\nX = 725 040,50 ; Y = 510 000\n725040.5, 510030')).toEqual({
      type: 'coordinates',
      crs: 'EPSG:26191',
      points: [[725000, 510000], [725040.5, 510000], [725040.5, 510030]],
    });
  });
  it('needs three vertices, each readable', () => {
    expect(lambertSelection('725000 510000\n725040 510000')).toBeNull();
    expect(lambertSelection('725000 510000\nabc\n725040 510030')).toBeNull();
    expect(lambertSelection('')).toBeNull();
  });
});
