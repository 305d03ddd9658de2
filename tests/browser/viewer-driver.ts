// The viewer driven in domain terms (open a view, wait for parcels, click one, read the sheet), so the
// specs read as what a user does. Only this file and browser.ts (the browser and its pages) use
// playwright-core; the specs take its types.
import type { Locator, Page } from 'playwright-core';

/**
 * The text of an element once it matches: a status line or a figure is written after the action that
 * causes it, so a single read right after the action can see the previous text. Returns the last text
 * read (which the caller then asserts on, so that a mismatch still fails with the text shown).
 */
export async function settledText(locator: Locator, expected: string | RegExp, timeout = 15_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const text = (await locator.textContent({ timeout })) ?? '';
    const ok = typeof expected === 'string' ? text === expected : expected.test(text);
    if (ok || Date.now() > until) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Software WebGL (SwiftShader) draws a z17 view in a few seconds on an idle machine, but a loaded CI
 * runner or a shared box can take a minute.
 */
export const MAP_TIMEOUT = 120_000;

export interface ScreenTarget {
  /** Page coordinates of the click. */
  x: number;
  y: number;
  parcelId: number | null;
  ref: string | null;
}

export class ViewerDriver {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Open the viewer with the test hook (?test) at a URL fragment such as `map=17/35.17/-2.93&lang=en`. */
  async open(fragment: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/?test#${fragment}`);
    await this.waitForMap();
  }

  /** Until the map has loaded its style and every tile in view, and has painted them. */
  async waitForMap(timeout = MAP_TIMEOUT): Promise<void> {
    await this.explainTimeout(
      this.page.waitForFunction(
        () => {
          const map = window.__tasmim?.map;
          return !!map && map.isStyleLoaded() && map.areTilesLoaded() && !map.isMoving();
        },
        undefined,
        { timeout, polling: 250 },
      ),
    );
    // One more frame, so what the map has loaded is on the canvas.
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  /** A wait that times out says what the map was doing, not only that it took too long. */
  private async explainTimeout<T>(wait: Promise<T>): Promise<T> {
    try {
      return await wait;
    } catch (e) {
      const state = await this.page
        .evaluate(() => {
          const map = window.__tasmim?.map;
          if (!map) return 'no map (is ?test in the URL, did /tiles answer?)';
          return JSON.stringify({
            styleLoaded: map.isStyleLoaded(),
            tilesLoaded: map.areTilesLoaded(),
            moving: map.isMoving(),
            zoom: map.getZoom(),
            parcelsDrawn: map.getLayer('parcels-fill') ? map.queryRenderedFeatures({ layers: ['parcels-fill'] }).length : null,
          });
        })
        .catch(() => 'page not answering');
      throw new Error(`${(e as Error).message}\nmap state: ${state}`);
    }
  }

  async renderedParcelCount(): Promise<number> {
    return this.page.evaluate(() => window.__tasmim!.map.queryRenderedFeatures({ layers: ['parcels-fill'] }).length);
  }

  async waitForParcels(timeout = MAP_TIMEOUT): Promise<void> {
    await this.explainTimeout(
      this.page.waitForFunction(
        () => {
          const map = window.__tasmim?.map;
          return !!map && map.areTilesLoaded() && map.queryRenderedFeatures({ layers: ['parcels-fill'] }).length > 0;
        },
        undefined,
        { timeout, polling: 250 },
      ),
    );
    await this.waitForMap(timeout);
  }

  /**
   * A screen point inside a drawn parcel, away from the map's edges and controls: each rendered parcel's
   * vertex average is tried, and kept only if the map finds that same parcel under it.
   */
  async findParcelTarget(): Promise<ScreenTarget | null> {
    return this.page.evaluate(() => {
      const map = window.__tasmim!.map;
      const canvas = map.getCanvas().getBoundingClientRect();
      const margin = 80;
      const features = map.queryRenderedFeatures({ layers: ['parcels-fill'] });
      const centre = { x: canvas.width / 2, y: canvas.height / 2 };
      const candidates: Array<{ x: number; y: number; id: number; ref: string; d: number }> = [];
      for (const f of features) {
        const g = f.geometry;
        const ring = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0]?.[0] : null;
        if (!ring || ring.length < 4 || typeof f.id !== 'number') continue;
        const pts = ring.slice(0, -1);
        const lon = pts.reduce((s, p) => s + p[0]!, 0) / pts.length;
        const lat = pts.reduce((s, p) => s + p[1]!, 0) / pts.length;
        const p = map.project([lon, lat]);
        if (p.x < margin || p.y < margin || p.x > canvas.width - margin || p.y > canvas.height - margin) continue;
        const under = map.queryRenderedFeatures([p.x, p.y], { layers: ['parcels-fill'] });
        if (under.length !== 1 || under[0]!.id !== f.id) continue;
        candidates.push({ x: p.x, y: p.y, id: f.id, ref: String(f.properties.ref), d: Math.hypot(p.x - centre.x, p.y - centre.y) });
      }
      candidates.sort((a, b) => a.d - b.d);
      const c = candidates[0];
      return c ? { x: canvas.left + c.x, y: canvas.top + c.y, parcelId: c.id, ref: c.ref } : null;
    });
  }

  /** A screen point with a zone of a plan under it and no parcel drawn, scanning a grid over the map. */
  async findGapTarget(): Promise<ScreenTarget | null> {
    return this.page.evaluate(() => {
      const map = window.__tasmim!.map;
      const canvas = map.getCanvas().getBoundingClientRect();
      const zoneLayers = ['development-fill', 'growth-fill', 'restructuring-fill'].filter((l) => map.getLayer(l));
      for (let fy = 0.5; fy >= 0.15; fy -= 0.05) {
        for (const sign of [1, -1]) {
          const y = canvas.height * (sign > 0 ? fy : 1 - fy);
          for (let x = 100; x < canvas.width - 100; x += 6) {
            const parcels = map.queryRenderedFeatures([x, y], { layers: ['parcels-fill'] });
            if (parcels.length > 0) continue;
            // Not on a parcel edge either: the neighbourhood must be free of parcels too.
            const near = map.queryRenderedFeatures([[x - 4, y - 4], [x + 4, y + 4]], { layers: ['parcels-fill'] });
            if (near.length > 0) continue;
            if (map.queryRenderedFeatures([x, y], { layers: zoneLayers }).length === 0) continue;
            return { x: canvas.left + x, y: canvas.top + y, parcelId: null, ref: null };
          }
        }
      }
      return null;
    });
  }

  async click(target: ScreenTarget): Promise<void> {
    await this.page.mouse.click(target.x, target.y);
  }

  /** The sheet region, by its heading. */
  sheet() {
    return this.page.locator('section.panel');
  }

  async sheetHeading(): Promise<string> {
    const h = this.sheet().getByRole('heading', { level: 2 });
    await h.waitFor({ timeout: 30_000 });
    return (await h.textContent()) ?? '';
  }

  /** Until the sheet has its answer; an error shown in the sheet fails with its text. */
  async waitForSheetLoaded(): Promise<void> {
    await this.page.waitForSelector('section.panel[aria-busy="false"]', { timeout: 30_000 });
    const alert = this.sheet().getByRole('alert');
    if ((await alert.count()) > 0) throw new Error(`the sheet shows an error: ${await alert.textContent()}`);
  }

  async selectedParcelState(id: number): Promise<boolean> {
    return this.page.evaluate(
      (pid) => !!window.__tasmim!.map.getFeatureState({ source: 'parcels', sourceLayer: 'parcels', id: pid }).selected,
      id,
    );
  }

  // ── Tools, languages, compare and print ──────────────────────────────────────────────────────

  /** A button of the map's toolbar, by its name in the page's language. */
  async tool(name: string): Promise<void> {
    await this.page.locator('.toolbar').getByRole('button', { name, exact: true }).click();
  }

  /** The map's view and what it shows, to compare before and after a change. */
  async mapState(): Promise<{ lon: number; lat: number; zoom: number; visible: string[] }> {
    return this.page.evaluate(() => {
      const map = window.__tasmim!.map;
      const c = map.getCenter();
      const visible = map.getStyle().layers.filter((l) => l.layout?.visibility !== 'none').map((l) => l.id);
      return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), visible };
    });
  }

  /** Until a label layer has at least `min` labels on screen; returns their properties. */
  async waitForLabels(layer: string, min = 1, timeout = MAP_TIMEOUT): Promise<Array<Record<string, unknown>>> {
    await this.explainTimeout(
      this.page.waitForFunction(
        ({ layer, min }) => {
          const map = window.__tasmim?.map;
          return !!map && map.areTilesLoaded() && map.queryRenderedFeatures({ layers: [layer] }).length >= min;
        },
        { layer, min },
        { timeout, polling: 500 },
      ),
    );
    await this.waitForMap(timeout);
    return this.page.evaluate((l) => window.__tasmim!.map.queryRenderedFeatures({ layers: [l] }).map((f) => f.properties), layer);
  }

  /** Page coordinates of a point given as fractions of the main map's canvas. */
  async mapPoint(fx: number, fy: number): Promise<{ x: number; y: number }> {
    const box = (await this.page.locator('.map canvas').first().boundingBox())!;
    return { x: box.x + box.width * fx, y: box.y + box.height * fy };
  }

  /** [lon, lat] under a page point of the main map. */
  async lngLatAt(p: { x: number; y: number }): Promise<[number, number]> {
    return this.page.evaluate(({ x, y }) => {
      const map = window.__tasmim!.map;
      const r = map.getCanvas().getBoundingClientRect();
      const ll = map.unproject([x - r.left, y - r.top]);
      return [ll.lng, ll.lat] as [number, number];
    }, p);
  }

  /** Until both maps of the compare view have loaded and painted everything in view. */
  async waitForCompare(timeout = MAP_TIMEOUT): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const maps = window.__tasmim?.compare;
        return !!maps && maps.every((m) => m.loaded() && m.isStyleLoaded() && m.areTilesLoaded() && !m.isMoving());
      },
      undefined,
      { timeout, polling: 500 },
    );
  }

  /** Until the print layout has drawn its map (or failed, with the reason). */
  async waitForPrint(timeout = MAP_TIMEOUT): Promise<void> {
    await this.page.waitForSelector('.print-page:not([data-state="preparing"])', { timeout });
    const state = await this.page.locator('.print-page').getAttribute('data-state');
    if (state !== 'ready') throw new Error(`the print view says: ${await this.page.locator('.print-status').textContent()}`);
  }
}
