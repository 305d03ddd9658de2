import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
// The page's own fonts, for the interface and the map's labels alike (map/text.ts): bundled, so no
// system font decides how Arabic looks and nothing is fetched from another host. Only the subsets the
// territory's texts use; each file loads when a character of its unicode-range appears.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import './styles.css';
import { App } from './App.js';
import { loadCatalogue } from './i18n/index.js';
import { prepareMapText } from './map/text.js';
import { initialLang } from './useViewerState.js';

// The map's fonts start loading now, beside the messages; the map waits for them (map/text.ts).
void prepareMapText();
// The messages of the language the page opens in, before the first render (its own small chunk).
await loadCatalogue(initialLang());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
