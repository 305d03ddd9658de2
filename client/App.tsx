// The viewer on one screen: header (title, search, layers button, language), the illustrative-data
// banner, then the layer panel, the map and the sheet of the selection side by side (mirrored in Arabic).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MlMap, StyleSpecification } from 'maplibre-gl';
import type { ParcelSheet as Sheet } from '../server/parcels/schemas.js';
import type { PlanList } from '../server/plans/schemas.js';
import type { SearchHit } from '../server/search/schemas.js';
import type { TileCatalog } from '../server/tiles/schemas.js';
import { useApi } from './api.js';
import { I18nContext, translator } from './i18n/index.js';
import { dirOf } from './lib/lang.js';
import { MapView, pickAt } from './map/MapView.js';
import type { Pick } from './map/MapView.js';
import { PARCEL_MINZOOM, buildStyle } from './map/style.js';
import { prepareMapText } from './map/text.js';
import { LanguageSwitch } from './panels/LanguageSwitch.js';
import { LayerPanel } from './panels/LayerPanel.js';
import { ParcelSheet } from './panels/ParcelSheet.js';
import { SearchBox } from './panels/SearchBox.js';
import { ZoningAtPoint } from './panels/ZoningAtPoint.js';
import { useViewerState } from './useViewerState.js';

const params = new URLSearchParams(location.search);
/** An optional external basemap (a MapLibre style URL): ?basemap=… or VITE_BASEMAP_STYLE_URL; off by default. */
const BASEMAP: string | null = params.get('basemap') ?? (import.meta.env.VITE_BASEMAP_STYLE_URL as string | undefined) ?? null;
const NARROW = '(max-width: 700px)';
const FIT = { padding: 40, maxZoom: 18, duration: 0 } as const;

declare global {
  interface Window {
    /** Test hook, only with ?test in the address (tests/browser/viewer.test.ts). */
    __tasmim?: { map: MlMap };
  }
}

export function App() {
  const map = useRef<MlMap | null>(null);
  const s = useViewerState(map);
  const { lang, selection, setSelection } = s;
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const { t } = i18n;
  const [panelOpen, setPanelOpen] = useState(() => !matchMedia(NARROW).matches);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
    document.title = `${t('app.title')} — ${t('app.subtitle')}`;
  }, [lang, t]);

  const [textReady, setTextReady] = useState(false);
  useEffect(() => {
    void prepareMapText().then(() => setTextReady(true));
  }, []);
  // The labels' language at creation; later switches are applied to the live map by MapView.
  const langAtStart = useRef(lang);
  const catalog = useApi<TileCatalog>('/tiles');
  const plans = useApi<PlanList>('/api/plans');
  const basemap = useApi<StyleSpecification>(BASEMAP);
  // Built once: later layer changes are applied to the live map by MapView.
  const style = useMemo(() => {
    if (catalog.state !== 'ok' || basemap.state === 'loading' || !textReady) return null;
    return buildStyle({
      catalog: catalog.data,
      layers: s.initial.layers,
      baseUrl: location.href,
      basemap: basemap.state === 'ok' ? basemap.data : null,
      lang: langAtStart.current,
    });
  }, [catalog, basemap, s.initial.layers, textReady]);
  const available = useMemo(
    () => new Set(catalog.state === 'ok' ? catalog.data.sources.map((x) => x.id) : []),
    [catalog],
  );
  const planList = plans.state === 'ok' ? plans.data.plans : [];
  const illustrative = planList.some((p) => p.illustrative);

  const onPick = useCallback(
    ({ lngLat, parcelId, zoom }: Pick) => {
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
    if (m && params.has('test')) window.__tasmim = { map: m };
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
    map.current?.getCanvas().focus();
  }, [setSelection]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <header className="top">
          <h1>
            <span className="brand">{t('app.title')}</span> <span className="subtitle">{t('app.subtitle')}</span>
          </h1>
          <SearchBox onChoose={onChoose} />
          <button type="button" className="layers-button" aria-expanded={panelOpen} aria-controls="layers" onClick={() => setPanelOpen((o) => !o)}>
            {panelOpen ? t('layers.hide') : t('layers.show')}
          </button>
          <LanguageSwitch onChange={s.setLang} />
        </header>
        {illustrative && (
          <p className="banner" role="note">
            {t('banner.illustrative')}
          </p>
        )}
        <main className="stage">
          <LayerPanel id="layers" hidden={!panelOpen} layers={s.layers} available={available} plans={planList} onChange={s.changeLayer} />
          <div className="map-area">
            {style ? (
              <MapView
                style={style}
                layers={s.layers}
                lang={lang}
                selectedParcel={selection?.kind === 'parcel' ? selection.id : null}
                point={selection?.kind === 'point' ? selection.point : null}
                initialView={s.initial.view}
                locale={{ 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut'), 'NavigationControl.ResetBearing': t('map.resetBearing') }}
                label={t('map.label')}
                onMove={s.onMove}
                onPick={onPick}
                onMap={onMap}
              />
            ) : (
              <p className="map-status" role={catalog.state === 'error' ? 'alert' : 'status'}>
                {catalog.state === 'error' ? t('app.error', { message: catalog.error.message }) : t('app.loading')}
              </p>
            )}
            {style && (
              <button type="button" className="identify-centre" onClick={() => map.current && onPick(pickAt(map.current))}>
                {t('map.identifyCentre')}
              </button>
            )}
          </div>
          {selection?.kind === 'parcel' && (
            <ParcelSheet key={selection.id} id={selection.id} focus={selection.focus} onClose={onClose} onLoaded={onSheetLoaded} />
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
    </I18nContext.Provider>
  );
}
