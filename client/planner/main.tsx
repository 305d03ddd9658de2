// The planners' workspace at /planner/: sign in, import a plan, read its validation report on a map, edit
// its rules, publish it and record its status changes; admins also read the audit trail.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
// The page's own fonts, as in the viewer (client/main.tsx): nothing fetched from another host.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import '../styles.css';
import './planner.css';
import { loadCatalogue } from '../i18n/index.js';
import { initialPlannerLang, PlannerApp } from './PlannerApp.js';

const lang = initialPlannerLang();
await loadCatalogue(lang);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlannerApp initialLang={lang} />
  </StrictMode>,
);
