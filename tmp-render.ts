// dev-only: draw a DXF's entities (read back by GDAL) as SVG and screenshot it
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, ensureChromium } from './server/system/chromium.js';
const file = process.argv[2]!;
const gj = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file, 'entities'], { maxBuffer: 1e8 }).toString());
const feats = gj.features as { properties: Record<string, string>; geometry: { type: string; coordinates: number[][] | number[] } }[];
let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
for (const f of feats) { const cs = f.geometry.type === 'Point' ? [f.geometry.coordinates as number[]] : f.geometry.coordinates as number[][];
  for (const c of cs) { x0 = Math.min(x0, c[0]!); y0 = Math.min(y0, c[1]!); x1 = Math.max(x1, c[0]!); y1 = Math.max(y1, c[1]!); } }
x1 += (x1 - x0) * 0.9; const W = 1600, s = W / (x1 - x0), H = Math.round((y1 - y0) * s);
const P = (c: number[]) => `${((c[0]! - x0) * s).toFixed(1)},${((y1 - c[1]!) * s).toFixed(1)}`;
const colour: Record<string, string> = { PARCEL: 'red', NEIGHBOURS: '#888', ZONES: 'blue', SETBACKS: 'magenta', OVERLAYS: 'green', ROADS: 'orange', TEXT: 'black', TITLE: 'black' };
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" style="background:white">`;
for (const f of feats) {
  const col = colour[f.properties.Layer!] ?? 'black';
  if (f.geometry.type === 'Point' && f.properties.Text) {
    const m = /a:(-?[\d.]+)/.exec(f.properties.Style ?? ''); const sz = /s:([\d.]+)g/.exec(f.properties.Style ?? '');
    const [px, py] = P(f.geometry.coordinates as number[]).split(',');
    svg += `<text x="${px}" y="${py}" font-size="${(Number(sz?.[1] ?? 1) * s).toFixed(1)}" fill="${col}" transform="rotate(${-Number(m?.[1] ?? 0)} ${px} ${py})">${f.properties.Text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`;
  } else if (f.geometry.type === 'LineString') {
    svg += `<polyline fill="none" stroke="${col}" stroke-width="${f.properties.Layer === 'PARCEL' ? 3 : 1.2}" points="${(f.geometry.coordinates as number[][]).map(P).join(' ')}"/>`;
  }
}
svg += '</svg>';
writeFileSync('/tmp/extracts-dev/render.svg', svg);
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs() });
const page = await browser.newPage({ viewport: { width: W, height: Math.min(H, 4000) } });
await page.setContent('<html><body style="margin:0">' + svg + '</body></html>');
console.log(W, H); await page.screenshot({ path: process.argv[3]!, timeout: 60000 });
await browser.close();
