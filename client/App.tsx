// The viewer on one screen: header (title, search, layers button, language), the illustrative-data
// banner, then the layer panel, the map with its tools and the sheet of the selection side by side
// (mirrored in Arabic); the compare view over the map, the print view over the page.
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MlMap, StyleSpecification } from 'maplibre-gl';
import type { ParcelSheet as Sheet } from '../server/parcels/schemas.js';
import type { PlanList } from '../server/plans/schemas.js';
import type { SearchHit } from '../server/search/schemas.js';
import type { TileCatalog } from '../server/tiles/schemas.js';
import { errorMessage, setApiLanguage, useApi } from './api.js';
import { I18nContext, loadCatalogue, translator } from './i18n/index.js';
import type { Translate } from './i18n/index.js';
import type { Bookmark } from './lib/bookmarks.js';
import { LANGS, dirOf } from './lib/lang.js';
import type { View as MapViewState } from './lib/urlState.js';
import { Coordinates } from './map/Coordinates.js';
import { MapView, pickAt } from './map/MapView.js';
import type { Pick } from './map/MapView.js';
import { PARCEL_MINZOOM, buildStyle } from './map/style.js';
import { labelLanguage, prepareMapText } from './map/text.js';
import { BookmarksCard } from './panels/BookmarksCard.js';
import { NARROW } from './panels/focus.js';
import { GotoCard } from './panels/GotoCard.js';
import { LanguageSwitch } from './panels/LanguageSwitch.js';
import { LayerPanel } from './panels/LayerPanel.js';
import { MeasureTool } from './panels/MeasureTool.js';
import { ParcelSheet } from './panels/ParcelSheet.js';
import { SearchBox } from './panels/SearchBox.js';
import { ShareCard } from './panels/ShareCard.js';
import { Toolbar } from './panels/Toolbar.js';
import type { Tool, View } from './panels/Toolbar.js';
import { ZoningAtPoint } from './panels/ZoningAtPoint.js';
import { ProjectCard } from './project/ProjectCard.js';
import { useProject } from './project/useProject.js';
import { useViewerState } from './useViewerState.js';

const params = new URLSearchParams(location.search);
/** An optional external basemap (a MapLibre style URL): ?basemap=… or VITE_BASEMAP_STYLE_URL; off by default. */
const BASEMAP: string | null = params.get('basemap') ?? (import.meta.env.VITE_BASEMAP_STYLE_URL as string | undefined) ?? null;
const FIT = { padding: 40, maxZoom: 18, duration: 0 } as const;
// The compare and print views are loaded when first opened: most visits never use them.
const CompareView = lazy(() => import('./compare/CompareView.js').then((m) => ({ default: m.CompareView })));
const PrintView = lazy(() => import('./print/PrintView.js').then((m) => ({ default: m.PrintView })));
const OSM = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>';

declare global {
  interface Window {
    /** Test hook, only with ?test in the address (tests/browser/viewer.test.ts). */
    __tasmim?: { map: MlMap; compare?: [MlMap, MlMap] | null; print?: MlMap | null };
  }
}

function testHook(change: Partial<NonNullable<Window['__tasmim']>>): void {
  if (!params.has('test')) return;
  if (change.map === undefined && !window.__tasmim) return;
  window.__tasmim = { ...window.__tasmim!, ...change };
}

/** MapLibre's own interface strings (its locale keys) in the interface language. */
function mapLocale(t: Translate): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.attribution'),
    'ScaleControl.Meters': t('map.metres'),
    'ScaleControl.Kilometers': t('map.kilometres'),
    'Map.Title': t('map.title'),
    'Marker.Title': t('goto.marker'),
    'Popup.Close': t('common.close'),
  };
}

export function App() {
  const map = useRef<MlMap | null>(null);
  const [liveMap, setLiveMap] = useState<MlMap | null>(null);
  const s = useViewerState(map);
  const { lang, selection, setSelection } = s;
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const { t } = i18n;
  const [panelOpen, setPanelOpen] = useState(() => !matchMedia(NARROW).matches);
  const [tool, setTool] = useState<Tool | null>(null);
  const [view, setView] = useState<View | null>(null);
  const toolButtons = useRef<Partial<Record<Tool | View, HTMLButtonElement | null>>>({});
  const layersButton = useRef<HTMLButtonElement>(null);
  const toolNow = useRef(tool);
  toolNow.current = tool;
  const project = useProject(s.initial.project);
  // The project in the URL, so that a shared link reopens it.
  const { setProjectIds } = s;
  useEffect(() => setProjectIds(project.parcels.map((p) => p.id)), [project.parcels, setProjectIds]);
  // While a polygon is drawn (ProjectCard), clicks place its vertices and open no sheet.
  const drawing = useRef(false);
  const onDrawing = useCallback((d: boolean) => {
    drawing.current = d;
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
    document.title = `${t('app.title')} — ${t('app.subtitle')}`;
    setApiLanguage(lang);
  }, [lang, t]);

  // The other languages' messages, once the page has settled, so that a switch is immediate.
  useEffect(() => {
    const later = setTimeout(() => LANGS.forEach((l) => void loadCatalogue(l).catch(() => undefined)), 2000);
    return () => clearTimeout(later);
  }, []);

  const [textReady, setTextReady] = useState(false);
  useEffect(() => {
    void prepareMapText().then(() => setTextReady(true));
  }, []);
  // The labels' language at creation; later switches are applied to the live map by MapView.
  const langAtStart = useRef(lang);
  const catalog = useApi<TileCatalog>('/tiles');
  const plans = useApi<PlanList>('/api/plans');
  const basemap = useApi<StyleSpecification>(BASEMAP);
  const basemapStyle = basemap.state === 'ok' ? basemap.data : null;
  // Built once: later layer changes are applied to the live map by MapView.
  const style = useMemo(() => {
    if (catalog.state !== 'ok' || basemap.state === 'loading' || !textReady) return null;
    return buildStyle({ catalog: catalog.data, layers: s.initial.layers, baseUrl: location.href, basemap: basemapStyle, lang: labelLanguage(langAtStart.current) });
  }, [catalog, basemap, basemapStyle, s.initial.layers, textReady]);
  const available = useMemo(
    () => new Set(catalog.state === 'ok' ? catalog.data.sources.map((x) => x.id) : []),
    [catalog],
  );
  const planList = plans.state === 'ok' ? plans.data.plans : [];
  const illustrative = planList.some((p) => p.illustrative);
  // One string: MapLibre sorts separate credits by length, and the OpenStreetMap credit comes first.
  const credits = useMemo(() => [[t('map.credit', { osm: OSM }), ...(illustrative ? [t('map.creditSample')] : [])].join(' · ')], [t, illustrative]);

  const onPick = useCallback(
    ({ lngLat, parcelId, zoom }: Pick) => {
      // A click while measuring places a point (MeasureTool), it does not ask what is there.
      if (toolNow.current === 'measure' || drawing.current) return;
      setSelection(
        parcelId != null
          ? { kind: 'parcel', id: parcelId, focus: true, fit: false }
          : { kind: 'point', point: lngLat, zoom, autoParcel: zoom >= PARCEL_MINZOOM, focus: true },
      );
      // On a phone the sheet is a drawer over the lower 60 % of the map: keep the picked place in sight.
      const m = map.current;
      if (m && matchMedia(NARROW).matches) {
        m.easeTo({ center: [lngLat.lon, lngLat.lat], offset: [0, -m.getCanvas().clientHeight * 0.3], duration: 300 });
      }
    },
    [setSelection],
  );
  const onMap = useCallback((m: MlMap | null) => {
    map.current = m;
    setLiveMap(m);
    if (m) testHook({ map: m });
  }, []);
  const onChoose = useCallback(
    (hit: SearchHit) => {
      const [w, south, e, n] = hit.bbox;
      map.current?.fitBounds([w, south, e, n], { ...FIT, maxZoom: hit.type === 'parcel' ? 18 : 16 });
      if (hit.type === 'parcel') setSelection({ kind: 'parcel', id: hit.id, focus: true, fit: false });
    },
    [setSelection],
  );
  const onSheetLoaded = useCallback((sheet: Sheet) => {
    if (selection?.kind === 'parcel' && selection.fit) {
      const [w, south, e, n] = sheet.parcel.bbox;
      map.current?.fitBounds([w, south, e, n], FIT);
    }
  }, [selection]);
  const onOpenParcel = useCallback((id: number) => setSelection({ kind: 'parcel', id, focus: true, fit: false }), [setSelection]);
  const onClose = useCallback(() => {
    setSelection(null);
    // The sheet gives the focus back to what opened it; if that is gone, to the map.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body) map.current?.getCanvas().focus();
    });
  }, [setSelection]);

  const closeTool = useCallback(() => {
    const was = toolNow.current;
    setTool(null);
    if (was) requestAnimationFrame(() => toolButtons.current[was]?.focus());
  }, []);
  const onTool = useCallback((next: Tool) => setTool((now) => (now === next ? null : next)), []);
  const onView = useCallback((next: View) => {
    setTool(null);
    setView(next);
  }, []);
  const closeView = useCallback((back?: MapViewState) => {
    const was = view;
    if (back) map.current?.jumpTo({ center: [back.lon, back.lat], zoom: back.zoom });
    setView(null);
    if (was) requestAnimationFrame(() => toolButtons.current[was]?.focus());
  }, [view]);
  const onBookmark = useCallback(
    (b: Bookmark) => {
      map.current?.fitBounds(b.bbox, FIT);
      setSelection({ kind: 'parcel', id: b.id, focus: true, fit: false });
    },
    [setSelection],
  );

  const currentView = (): MapViewState => {
    const m = map.current;
    const c = m?.getCenter();
    return m && c ? { zoom: m.getZoom(), lat: c.lat, lon: c.lng } : (s.getView() ?? { zoom: 9, lat: 34.6, lon: -3.1 });
  };

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app" inert={view === 'print'}>
        <header className="top">
          <h1>
            <span className="brand">{t('app.title')}</span> <span className="subtitle">{t('app.subtitle')}</span>
          </h1>
          <SearchBox onChoose={onChoose} />
          <button
            ref={layersButton}
            type="button"
            className="layers-button"
            aria-expanded={panelOpen}
            aria-controls="layers"
            onClick={() => setPanelOpen((o) => !o)}
          >
            {panelOpen ? t('layers.hide') : t('layers.show')}
          </button>
          <LanguageSwitch onChange={s.setLang} />
          <nav className="top-links" aria-label={t('pages.nav')}>
            <a href={`/report/?lang=${lang}`}>{t('nav.follow')}</a>
            <a href={`/contact/?lang=${lang}`}>{t('nav.contact')}</a>
          </nav>
        </header>
        {illustrative && (
          <p className="banner" role="note">
            {t('banner.illustrative')}
          </p>
        )}
        <main className="stage">
          <LayerPanel
            id="layers"
            hidden={!panelOpen}
            layers={s.layers}
            available={available}
            plans={planList}
            onChange={s.changeLayer}
            onDismiss={() => {
              setPanelOpen(false);
              layersButton.current?.focus();
            }}
          />
          <div className="map-area">
            {style ? (
              <MapView
                style={style}
                layers={s.layers}
                lang={lang}
                selectedParcel={selection?.kind === 'parcel' ? selection.id : null}
                point={selection?.kind === 'point' ? selection.point : null}
                initialView={s.initial.view}
                locale={mapLocale(t)}
                credits={credits}
                label={t('map.label')}
                onMove={s.onMove}
                onPick={onPick}
                onMap={onMap}
              />
            ) : (
              <p className="map-status" role={catalog.state === 'error' ? 'alert' : 'status'}>
                {catalog.state === 'error' ? t('app.error', { message: errorMessage(catalog.error, t) }) : t('app.loading')}
              </p>
            )}
            {liveMap && (
              <>
                <Toolbar tool={tool} onTool={onTool} onView={onView} buttons={toolButtons} />
                {tool !== 'measure' && (
                  <button type="button" className="identify-centre" onClick={() => map.current && onPick(pickAt(map.current))}>
                    {t('map.identifyCentre')}
                  </button>
                )}
                {tool === 'measure' && <MeasureTool map={liveMap} onClose={closeTool} />}
                {tool === 'goto' && <GotoCard map={liveMap} onClose={closeTool} />}
                {tool === 'bookmarks' && <BookmarksCard onOpen={onBookmark} onClose={closeTool} />}
                {tool === 'share' && <ShareCard map={liveMap} title={document.title} onClose={closeTool} />}
                <Coordinates map={liveMap} />
                <ProjectCard
                  map={liveMap}
                  parcels={project.parcels}
                  onAdd={project.add}
                  onRemove={project.remove}
                  onClear={project.clear}
                  onDrawing={onDrawing}
                />
              </>
            )}
            {view === 'compare' && catalog.state === 'ok' && (
              <Suspense fallback={null}>
                <CompareView catalog={catalog.data} view={currentView()} onClose={closeView} onMaps={(maps) => testHook({ compare: maps })} />
              </Suspense>
            )}
          </div>
          {selection?.kind === 'parcel' && (
            <ParcelSheet key={selection.id} id={selection.id} focus={selection.focus} onClose={onClose} onLoaded={onSheetLoaded} onAddToProject={project.add} />
          )}
          {selection?.kind === 'point' && (
            <ZoningAtPoint
              key={`${selection.point.lon},${selection.point.lat}`}
              point={selection.point}
              zoom={selection.zoom}
              autoParcel={selection.autoParcel}
              focus={selection.focus}
              onOpenParcel={onOpenParcel}
              onClose={onClose}
            />
          )}
        </main>
      </div>
      {view === 'print' && liveMap && catalog.state === 'ok' && (
        <Suspense fallback={null}>
          <PrintView
            style={buildStyle({ catalog: catalog.data, layers: s.layers, baseUrl: location.href, basemap: basemapStyle, lang: labelLanguage(lang) })}
            layers={s.layers}
            view={{ center: liveMap.getCenter().toArray() as [number, number], zoom: liveMap.getZoom() }}
            selectedParcel={selection?.kind === 'parcel' ? selection.id : null}
            illustrative={illustrative}
            onClose={() => closeView()}
            onMap={(m) => testHook({ print: m })}
          />
        </Suspense>
      )}
    </I18nContext.Provider>
  );
}
