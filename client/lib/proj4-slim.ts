// proj4 for the browser build, with only what lib/lambert.ts uses: the converter and definitions
// (proj4's core, projection strings) and the one projection of Lambert Nord Maroc, Lambert Conformal
// Conic. The whole package (forty projections, MGRS) is twice the weight for nothing the viewer draws.
// vite.config.ts points `proj4` here for the client bundle only; the server and the tests use the
// package itself, which runs this same code (tests/client/lambertInput.test.ts compares the two).
import type proj4Full from 'proj4';
// @ts-expect-error -- proj4's lib/ is its ES source; its types are published under dist/lib.
import core from 'proj4/lib/core';
// @ts-expect-error -- as above
import Proj from 'proj4/lib/Proj';
// @ts-expect-error -- as above
import defs from 'proj4/lib/defs';
// @ts-expect-error -- as above
import lcc from 'proj4/lib/projections/lcc';

(Proj as { projections: { add(p: unknown): void } }).projections.add(lcc);

const proj4 = Object.assign(core as object, { defs, Proj }) as typeof proj4Full;
export default proj4;
