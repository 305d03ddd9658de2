// The documents page (/documents/): the library of plan documents and legal texts, and the lookup of a
// studied file by its number. Same fonts, catalogues and API door as the viewer; its own small style
// sheet (documents.css): importing the viewer's styles.css here would make Vite put it in a chunk shared
// by both pages, linked before maplibre-gl.css on the viewer, whose rules would then win over the
// viewer's own (the map collapsed to 300 px).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import './documents.css';
import { loadCatalogue } from '../i18n/index.js';
import { chooseLang, isLang, LANG_KEY } from '../lib/lang.js';
import { DocumentsPage } from './DocumentsPage.js';

function stored(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

const fromUrl = new URLSearchParams(location.search).get('lang');
const lang = chooseLang(isLang(fromUrl) ? fromUrl : null, stored(), navigator.languages?.length ? navigator.languages : [navigator.language]);
await loadCatalogue(lang);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DocumentsPage initialLang={lang} />
  </StrictMode>,
);
