// The page's fonts, inlined as data: URIs (WOFF2, about 130 kB in all), so the page loads nothing from
// anywhere and prints with the same letters as the PDF, even offline. Read once, on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const file = (pkg: string, name: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'files', name);

const FACES = [
  { family: 'Noto Sans', weight: 400, file: file('@fontsource/noto-sans', 'noto-sans-latin-400-normal.woff2') },
  { family: 'Noto Sans', weight: 700, file: file('@fontsource/noto-sans', 'noto-sans-latin-700-normal.woff2') },
  { family: 'Noto Sans Arabic', weight: 400, file: file('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal.woff2') },
  { family: 'Noto Sans Arabic', weight: 700, file: file('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-700-normal.woff2') },
];

let css: string | null = null;

export function fontFaces(): string {
  css ??= FACES.map(
    (f) => `@font-face{font-family:"${f.family}";font-weight:${f.weight};font-style:normal;font-display:block;src:url(data:font/woff2;base64,${readFileSync(f.file).toString('base64')}) format("woff2")}`,
  ).join('\n');
  return css;
}
