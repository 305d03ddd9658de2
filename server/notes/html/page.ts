// The note as a printable HTML page, server-rendered from the recorded content (the same blocks as the
// PDF). Self-contained: inline CSS and fonts, the map and the QR code as inline SVG, no script, so the
// route can send a Content-Security-Policy that forbids loading anything. French is dir="ltr", Arabic
// dir="rtl"; the browser's own bidi algorithm orders mixed lines.
import { noteBlocks, type Block, type RenderContext } from '../document.js';
import { L, type T } from '../labels.js';
import { mapModel } from '../map-model.js';
import type { NoteContent, NoteVerification } from '../schemas.js';
import { fontFaces } from './fonts.js';
import { STYLE } from './style.js';
import { esc, mapSvg, qrSvg, swatchSvg } from './svg.js';

type Side = 'fr' | 'ar';
const attrs = (s: Side) => (s === 'ar' ? 'lang="ar" dir="rtl"' : 'lang="fr" dir="ltr"');

export interface PageContext extends RenderContext {
  pdfUrl: string;
}

export function renderNoteHtml(c: NoteContent, ctx: PageContext, current: NoteVerification['current']): string {
  const sides: Side[] = c.lang === 'bilingual' ? ['fr', 'ar'] : [c.lang];
  const one = sides.length === 1 ? sides[0]! : null;
  const cls = one ? 'mono' : 'bilingual';
  const body = noteBlocks(c, ctx).map((b) => block(b, sides, c)).join('\n');
  const pdfPath = new URL(ctx.pdfUrl).pathname + new URL(ctx.pdfUrl).search;
  return `<!doctype html>
<html ${one ? attrs(one) : 'lang="fr" dir="ltr"'}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(`${c.reference} — ${L.title.fr} — ${L.title.ar}`)}</title>
<style>
${fontFaces()}
${STYLE}
</style>
</head>
<body class="${cls}">
<aside class="status ${current.changedSince ? 'changed' : 'same'}">
${sides.map((s) => `<p ${attrs(s)}>${esc(current.message[s])}</p>`).join('')}
<p><a href="${esc(pdfPath)}">PDF</a></p>
</aside>
<main>
<header class="letterhead">
<div ${attrs('fr')}><strong>${esc(L.kingdom.fr.toUpperCase())}</strong><br>${esc(L.agency.fr)}</div>
${qrSvg(ctx.verifyUrl, 22)}
<div ${attrs('ar')}><strong>${esc(L.kingdom.ar)}</strong><br>${esc(L.agency.ar)}</div>
</header>
${body}
</main>
</body>
</html>`;
}

const both = (t: T, sides: Side[], tag: string) => `<div class="pair">${sides.map((s) => `<${tag} ${attrs(s)}>${esc(t[s])}</${tag}>`).join('')}</div>`;

function block(b: Block, sides: Side[], c: NoteContent): string {
  switch (b.type) {
    case 'title':
      return `<h1><span ${attrs('ar')}>${esc(b.text.ar)}</span><span ${attrs('fr')}>${esc(b.text.fr)}</span></h1>`;
    case 'banner':
      // Always in both languages (the note's title and its indicative nature).
      return `<div class="banner ${b.tone}">${b.lines.map((t) => `<p ${attrs('fr')}>${esc(t.fr)}</p><p ${attrs('ar')}>${esc(t.ar)}</p>`).join('')}</div>`;
    case 'section':
      return `<h2 class="pair">${sides.map((s) => `<span ${attrs(s)}>${esc(b.title[s])}</span>`).join('')}</h2>`;
    case 'subheading':
      return `<div class="pair sub level${b.level}">${sides
        .map((s) => `<div ${attrs(s)}><h3>${esc(b.title[s])}</h3>${b.tag ? `<p class="tag">${esc(b.tag[s])}</p>` : ''}</div>`)
        .join('')}</div>`;
    case 'fields':
      return `<table class="fields">${b.rows
        // In a bilingual (left-to-right) table the Arabic label goes to the far right, after its value.
        .map((r) => `<tr>${sides.map((s) => {
          const [th, td] = [`<th ${attrs(s)}>${esc(r.label[s])}</th>`, `<td ${attrs(s)}>${esc(r.value[s])}</td>`];
          return s === 'ar' && sides.length > 1 ? td + th : th + td;
        }).join('')}</tr>`)
        .join('')}</table>`;
    case 'list':
      return `<div class="pair list">${sides
        .map((s) => `<div ${attrs(s)}><p class="label">${esc(b.label[s])}</p><ul>${b.items.map((i) => `<li>${esc(i[s])}</li>`).join('')}</ul></div>`)
        .join('')}</div>`;
    case 'paragraph':
      return sides.map((s) => `<p class="para ${b.tone ?? 'normal'}" ${attrs(s)}>${esc(b.text[s])}</p>`).join('');
    case 'table':
      return table(b, sides);
    case 'map': {
      const m = mapModel(c);
      const legend = m.legend.map((e) => `<li>${swatchSvg(e)}${sides.map((s) => `<span ${attrs(s)}>${esc(e.label[s])}</span>`).join('')}</li>`).join('');
      return `<figure class="mapbox">${mapSvg(m, `${L.sections.map.fr} ${m.scaleText}`)}<figcaption><ul class="legend">${legend}</ul></figcaption></figure>`;
    }
    case 'verification':
      return `<div class="verify">${sides
        .map((s) => `<p ${attrs(s)}>${esc(L.verifyAt[s])}${s === 'fr' ? ' :' : ':'} <span dir="ltr" class="url">${esc(b.url)}</span><br>${esc(L.verificationCode[s])}${s === 'fr' ? ' :' : ':'} <span dir="ltr">${esc(b.code)}</span></p>`)
        .join('')}</div>`;
  }
}

function table(b: Extract<Block, { type: 'table' }>, sides: Side[]): string {
  const rtl = sides.length === 1 && sides[0] === 'ar';
  const cols = b.columns.map((col, i) => [col, i] as const).filter(([col]) => !col.only || sides.includes(col.only));
  const sideOf = (only?: Side): Side => only ?? (rtl ? 'ar' : 'fr');
  const head = cols.map(([col]) => `<th class="${col.align}">${(col.only ? [col.only] : sides).map((s) => `<span ${attrs(s)}>${esc(col.title[s])}</span>`).join('<br>')}</th>`).join('');
  const rows = b.rows
    .map((r) => `<tr>${cols.map(([col, i]) => `<td class="${col.align}" ${attrs(sideOf(col.only))}>${esc(r[i]![sideOf(col.only)])}</td>`).join('')}</tr>`)
    .join('');
  const caption = b.caption ? `<caption>${both(b.caption, sides, 'span')}</caption>` : '';
  return `<table class="data" dir="${rtl ? 'rtl' : 'ltr'}">${caption}<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}
