// Text on the map without anything from another host: the page's own fonts (bundled from @fontsource by
// main.tsx) drawn by MapLibre itself, and Arabic shaped and ordered by the RTL text plugin that our own
// server serves (copied into the build by vite.config.ts). Both must be ready before the first label
// is laid out: MapLibre draws each glyph once and caches it, so a glyph drawn while the web font is
// still loading would keep the fallback font for good.
import { getRTLTextPluginStatus, setRTLTextPlugin } from 'maplibre-gl';
import rtlTextPlugin from '@rtl-text-plugin?url';
import type { Lang } from '../../server/shared/schemas.js';
import { LABEL_FONT } from './style.js';

/** Characters that make the browser fetch every subset the labels need (unicode-range). */
const SAMPLES: Record<string, string> = {
  'Noto Sans': 'Aaé0ā',
  // Letters and their presentation forms, which the plugin's shaping writes.
  'Noto Sans Arabic': 'بﺏ',
};
/** Past this, draw with whatever has loaded rather than keep the map blank. */
const FONT_TIMEOUT_MS = 4000;

let ready: Promise<void> | null = null;
let wasm: boolean | null = null;

/**
 * Whether the page may compile WebAssembly, which the RTL plugin needs (its ICU is WebAssembly). A
 * Content-Security-Policy without 'wasm-unsafe-eval' in script-src forbids it: MapLibre would then drop
 * every Arabic label, so the map names places in French instead, and says why in the console.
 */
export function canShapeArabic(): boolean {
  if (wasm == null) {
    try {
      new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
      wasm = true;
    } catch {
      wasm = false;
      console.warn("Arabic map labels need WebAssembly: allow 'wasm-unsafe-eval' in the page's script-src. Names are shown in French meanwhile.");
    }
  }
  return wasm;
}

/** The language the map's labels can be written in: Arabic only where it can be shaped. */
export function labelLanguage(lang: Lang): Lang {
  return lang === 'ar' && !canShapeArabic() ? 'fr' : lang;
}

/**
 * MapLibre draws each glyph alone on an OffscreenCanvas (its TinySDF), whose text direction is inherited
 * from the document. Under <html dir="rtl"> Chromium then draws a lone bracket mirrored (Unicode
 * Bidi_Mirrored), after the RTL plugin had already ordered the line and mirrored its brackets: the map
 * wrote "(مثال توضيحي)" as ")مثال توضيحي(". A glyph drawn alone has no direction of its own, so every 2D
 * context of an OffscreenCanvas on this page draws left to right. (Nothing else here writes text on one;
 * tests/browser/tools.test.ts checks the shape of a bracket drawn under dir="rtl".)
 */
function drawGlyphsLeftToRight(): void {
  if (typeof OffscreenCanvas === 'undefined') return;
  const proto = OffscreenCanvas.prototype as OffscreenCanvas & { tasmimLtr?: true };
  if (proto.tasmimLtr) return;
  const getContext = proto.getContext;
  proto.getContext = function (this: OffscreenCanvas, ...args: Parameters<OffscreenCanvas['getContext']>) {
    const ctx = getContext.apply(this, args);
    if (args[0] === '2d' && ctx) (ctx as OffscreenCanvasRenderingContext2D).direction = 'ltr';
    return ctx;
  } as OffscreenCanvas['getContext'];
  proto.tasmimLtr = true;
}

/** Registers the RTL plugin (loaded by the workers on the first Arabic label) and loads the fonts. */
export function prepareMapText(): Promise<void> {
  drawGlyphsLeftToRight();
  if (getRTLTextPluginStatus() === 'unavailable' && canShapeArabic()) {
    setRTLTextPlugin(new URL(rtlTextPlugin, location.href).href, true).catch((e: unknown) =>
      console.warn('RTL text plugin not loaded: Arabic labels will not be shaped', e),
    );
  }
  ready ??= Promise.race([
    Promise.all(LABEL_FONT.map((family) => document.fonts.load(`400 16px "${family}"`, SAMPLES[family] ?? 'A'))).then(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, FONT_TIMEOUT_MS)),
  ]).catch(() => undefined);
  return ready;
}
