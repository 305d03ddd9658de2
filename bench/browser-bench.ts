// From page load to the first complete map, in headless Chromium (Debian's, through playwright-core): a
// fresh browser context each time (empty HTTP cache), against our server with its tile cache warm from a
// first visit. "Complete": the viewer's map (window.__tasmim.map, set with ?test) has fired 'idle' with the
// style and every source loaded; the time is the page's performance.now() then, i.e. since navigation start.
// Chromium draws with SwiftShader (software WebGL, no GPU here), which a visitor's browser does not.
import { chromium } from 'playwright-core';
import { chromiumArgs, ensureChromium } from '../server/system/chromium.js';
import { startNodeChild } from './children.js';
import { round } from './load.js';

export interface BrowserBenchResult {
  views: Array<{ view: string; runsMs: number[]; medianMs: number; tileRequests: number }>;
}

const WATCH = `
window.__benchDone = new Promise((resolve) => {
  const complete = (map) => map.isStyleLoaded() && map.areTilesLoaded() &&
    Object.keys(map.getStyle().sources).every((id) => map.isSourceLoaded(id));
  const attach = () => {
    const map = window.__tasmim && window.__tasmim.map;
    if (!map) return setTimeout(attach, 5);
    if (map.loaded() && complete(map)) return resolve(performance.now());
    const onIdle = () => { if (complete(map)) { map.off('idle', onIdle); resolve(performance.now()); } };
    map.on('idle', onIdle);
  };
  attach();
});`;

export async function browserBench(databaseUrl: string, views: Array<[string, string]>, runs: number): Promise<BrowserBenchResult> {
  const server = await startNodeChild('bench/serve.ts', [], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const browser = await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs() });
  try {
    const out: BrowserBenchResult['views'] = [];
    for (const [name, fragment] of views) {
      const times: number[] = [];
      let tileRequests = 0;
      // The first visit warms the server's tile cache (and is not counted): the figure is the visitor's.
      for (let i = 0; i <= runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await page.addInitScript({ content: WATCH });
        let tiles = 0;
        page.on('request', (r) => {
          if (r.url().includes('.mvt')) tiles++;
        });
        await page.goto(`http://127.0.0.1:${server.port}/?test${fragment ? `#${fragment}` : ''}`);
        // Bounded: a map that never completes fails the run instead of holding it.
        const ms = await Promise.race([
          page.evaluate(() => (window as unknown as { __benchDone: Promise<number> }).__benchDone),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${name}: no complete map in 180 s`)), 180_000)),
        ]);
        if (i > 0) times.push(round(ms));
        tileRequests = tiles;
        await context.close();
      }
      const sorted = [...times].sort((a, b) => a - b);
      out.push({ view: name, runsMs: times, medianMs: sorted[Math.floor((sorted.length - 1) / 2)]!, tileRequests });
    }
    return { views: out };
  } finally {
    await browser.close();
    await server.stop();
  }
}
