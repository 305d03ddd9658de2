// Generalised geometry for low zooms (migration 0007): fewer vertices below z12, the full outline from z12,
// valid polygons throughout, and tiles that keep every feature.
import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { describe, expect, it } from 'vitest';
import { one } from '../helpers/db.js';

// The same tile as tile_communes, but always from the full geometry (0002's geometry, 0016's attributes).
const FULL = `
  WITH b AS (SELECT ST_TileEnvelope($1, $2, $3) env, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) q),
  t AS (SELECT c.id, c.name ->> 'fr' name_fr, c.name ->> 'ar' name_ar,
               ST_AsMVTGeom(c.geom_3857, b.env, 4096, 64, true) geom FROM b, communes c WHERE c.geom_3857 && b.q)
  SELECT COALESCE((SELECT ST_AsMVT(t, 'communes', 4096, 'geom', 'id') FROM t WHERE t.geom IS NOT NULL), '') mvt`;

function decode(mvt: Buffer): { features: number; vertices: number } {
  const layer = new VectorTile(new Protobuf(mvt)).layers.communes!;
  let vertices = 0;
  for (let i = 0; i < layer.length; i++) vertices += layer.feature(i).loadGeometry().reduce((a, ring) => a + ring.length, 0);
  return { features: layer.length, vertices };
}

describe('generalised geometry', () => {
  it('keeps the communes valid with fewer vertices at each level', async () => {
    const r = await one<{ full: number; z11: number; z8: number; valid: boolean }>(
      `SELECT sum(ST_NPoints(geom_3857))::int full, sum(ST_NPoints(geom_3857_z11))::int z11, sum(ST_NPoints(geom_3857_z8))::int z8,
              bool_and(ST_IsValid(geom_3857_z8) AND ST_IsValid(geom_3857_z11)) valid FROM communes`,
    );
    expect(r.valid).toBe(true);
    expect(r.z11).toBeLessThan(r.full);
    expect(r.z8).toBeLessThan(r.z11);
  });

  it('makes low-zoom tiles from it, with every feature, and high-zoom tiles from the full outline', async () => {
    // z7 over Nador holds most communes of the agency; z12 one part of Nador.
    const low = await one<{ g: Buffer; f: Buffer }>(`SELECT tile_communes(7, 62, 50) g, (${FULL.replace(/\$1/g, '7').replace(/\$2/g, '62').replace(/\$3/g, '50')}) f`);
    const [g, f] = [decode(low.g), decode(low.f)];
    expect(g.features).toBe(f.features);
    expect(g.vertices).toBeLessThan(f.vertices);
    const high = await one<{ g: Buffer; f: Buffer }>(`SELECT tile_communes(12, 2014, 1620) g, (${FULL.replace(/\$1/g, '12').replace(/\$2/g, '2014').replace(/\$3/g, '1620')}) f`);
    expect(high.g.length).toBeGreaterThan(0);
    expect(high.g.equals(high.f)).toBe(true);
  });
});
