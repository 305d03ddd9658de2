// The print layout of the current map: title, the map drawn for paper (its own MapLibre instance at
// pixel ratio 2, turned into an image once everything in view has loaded), the legend of what the map
// shows, a scale bar and the ratio scale, a north arrow, the date, the sources and the disclaimer; on A4
// or A3, portrait or landscape (the @page rule follows). Print sends it to the browser's print dialog.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { Map as MlMap } from 'maplibre-gl';
import type { StyleSpecification } from 'maplibre-gl';
import type { OverlayKind, PlanKind, ZoneCategory } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { formatDate, formatLength, formatNumber } from '../lib/format.js';
import { CSS_PX_PER_MM, ORIENTATIONS, PAPERS, PRINT_MAX_CANVAS_PX, metresPerPixel, pageCss, pageSize, printPixelRatio, scaleBar, scaleDenominator } from '../lib/print.js';
import type { Orientation, Paper } from '../lib/print.js';
import type { LayersState } from '../lib/urlState.js';
import { prepareMap } from '../map/MapView.js';
import { COMMUNE_LINE, OVERLAY_COLOURS, OVERLAY_KIND_ORDER, PARCEL_LINE, PLAN_OUTLINE, SELECTED, ZONE_CATEGORY_ORDER, ZONE_COLOURS } from '../map/palette.js';
import { PARCEL_MINZOOM, PARCEL_SOURCE_LAYER } from '../map/style.js';
import { useFocusTrap } from '../panels/focus.js';
import { Line, Swatch } from '../panels/Legend.js';

const PLAN_KINDS: readonly PlanKind[] = ['master', 'development', 'growth', 'restructuring'];

/** What the printed map shows, read from its rendered features, so the legend lists only that. */
export interface PrintLegend {
  categories: ZoneCategory[];
  overlays: OverlayKind[];
  plans: Array<{ kind: PlanKind; inForce: boolean; notInForce: boolean }>;
  communes: boolean;
  parcels: boolean;
  selected: boolean;
}

function readLegend(map: MlMap, layers: LayersState, selected: number | null): PrintLegend {
  const features = (ids: string[]) => {
    const present = ids.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
    return present.length ? map.queryRenderedFeatures({ layers: present }) : [];
  };
  const categories = new Set<string>();
  const plans: PrintLegend['plans'] = [];
  for (const kind of PLAN_KINDS) {
    if (!layers[kind].visible) continue;
    const zones = features([`${kind}-fill`]);
    zones.forEach((f) => categories.add(String(f.properties.category)));
    if (zones.length) plans.push({ kind, inForce: zones.some((f) => f.properties.in_force === true), notInForce: zones.some((f) => f.properties.in_force !== true) });
  }
  const overlays = new Set(features(['overlays-fill', 'overlays-line', 'overlays-point']).map((f) => String(f.properties.kind)));
  return {
    categories: ZONE_CATEGORY_ORDER.filter((c) => categories.has(c)),
    overlays: OVERLAY_KIND_ORDER.filter((k) => overlays.has(k)),
    plans,
    communes: layers.communes.visible,
    parcels: layers.parcels.visible && map.getZoom() >= PARCEL_MINZOOM,
    selected: selected != null && layers.parcels.visible,
  };
}

export interface PrintViewProps {
  /** The style of the main map as it is (layers, opacities, language of the labels). */
  style: StyleSpecification;
  layers: LayersState;
  /** The main map's view: the printed map keeps its scale (zoom) and centre, and shows what the paper holds. */
  view: { center: [number, number]; zoom: number };
  selectedParcel: number | null;
  illustrative: boolean;
  onClose(): void;
  /** Test hook: the print map while it draws. */
  onMap?(map: MlMap | null): void;
}

type Drawn = { state: 'preparing' } | { state: 'ready'; image: string; legend: PrintLegend; mpp: number } | { state: 'error'; message: string };

export function PrintView({ style, layers, view, selectedParcel, illustrative, onClose, onMap }: PrintViewProps) {
  const { lang, t } = useI18n();
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const preview = useRef<HTMLDivElement>(null);
  const [paper, setPaper] = useState<Paper>('A4');
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const [title, setTitle] = useState(() => `${t('app.title')} — ${t('app.subtitle')}`);
  const [drawn, setDrawn] = useState<Drawn>({ state: 'preparing' });
  const [fit, setFit] = useState(1);
  useFocusTrap(root, true);
  // The dialog takes the focus (the page behind it is inert); Tab then stays inside it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { widthMm, heightMm } = pageSize(paper, orientation);
  const today = new Date().toISOString().slice(0, 10);

  // The preview fits the window; printing ignores the scale (print.css).
  useLayoutEffect(() => {
    const el = preview.current;
    if (!el) return;
    // The whole page in view when the window allows it, never smaller than a third (phones scroll).
    const measure = () => {
      const byWidth = (el.clientWidth - 16) / (widthMm * CSS_PX_PER_MM);
      const byHeight = (el.clientHeight - 32) / (heightMm * CSS_PX_PER_MM);
      setFit(Math.min(1, byWidth, Math.max(byHeight, Math.min(byWidth, 1 / 3))));
    };
    measure();
    const o = new ResizeObserver(measure);
    o.observe(el);
    return () => o.disconnect();
  }, [widthMm, heightMm]);

  // The map for paper, made again for each paper size and orientation.
  const latest = useRef({ style, layers, view, selectedParcel, onMap });
  latest.current = { style, layers, view, selectedParcel, onMap };
  useEffect(() => {
    const container = box.current;
    if (!container) return;
    const { style, layers, view, selectedParcel, onMap } = latest.current;
    setDrawn({ state: 'preparing' });
    let image: string | null = null;
    let map: MlMap | null = new MlMap({
      container,
      style,
      center: view.center,
      zoom: view.zoom,
      interactive: false,
      attributionControl: false,
      pixelRatio: printPixelRatio(container.clientWidth, container.clientHeight),
      maxCanvasSize: [PRINT_MAX_CANVAS_PX, PRINT_MAX_CANVAS_PX],
      fadeDuration: 0,
      // The canvas is read once drawn (toBlob): its buffer must outlive the frame.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    const m = map;
    const labels = prepareMap(m);
    onMap?.(m);
    m.on('load', () => {
      if (selectedParcel != null && m.getSource('parcels')) {
        m.setFeatureState({ source: 'parcels', sourceLayer: PARCEL_SOURCE_LAYER, id: selectedParcel }, { selected: true });
      }
    });
    m.on('error', (e) => console.warn('print map:', e.error?.message));
    const capture = () => {
      // Labels are placed from the loaded tiles a frame later (labelPoints.ts): place them now, and
      // if that changed anything, wait for the map to draw them before taking the picture.
      if (labels.flush()) {
        m.once('idle', capture);
        return;
      }
      const legend = readLegend(m, layers, selectedParcel);
      const c = m.getCenter();
      const mpp = metresPerPixel(c.lat, m.getZoom());
      m.getCanvas().toBlob((blob) => {
        if (!map) return;
        if (!blob) {
          setDrawn({ state: 'error', message: 'canvas' });
          return;
        }
        image = URL.createObjectURL(blob);
        setDrawn({ state: 'ready', image, legend, mpp });
        // The image stands for the map from now on: free its WebGL context.
        onMap?.(null);
        labels.stop();
        map.remove();
        map = null;
      }, 'image/png');
    };
    m.once('idle', capture);
    return () => {
      if (map) {
        onMap?.(null);
        labels.stop();
        map.remove();
        map = null;
      }
      if (image) URL.revokeObjectURL(image);
    };
  }, [paper, orientation]);

  // One @page rule while the view is open.
  useEffect(() => {
    const el = document.createElement('style');
    el.dataset.tasmim = 'page';
    el.textContent = pageCss(paper, orientation);
    document.head.append(el);
    return () => el.remove();
  }, [paper, orientation]);

  const ready = drawn.state === 'ready';
  const bar = ready ? scaleBar(drawn.mpp, 40 * CSS_PX_PER_MM) : null;

  return (
    <div
      ref={root}
      className="print-overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby={id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="print-controls">
        <h2 id={id} ref={heading} tabIndex={-1}>
          {t('print.title')}
        </h2>
        <label className="field">
          <span>{t('print.heading')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} className="print-title-input" />
        </label>
        <label className="field">
          <span>{t('print.paper')}</span>
          <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)} className="print-paper">
            {PAPERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented">
          <legend>{t('print.orientation')}</legend>
          {ORIENTATIONS.map((o) => (
            <label key={o}>
              <input type="radio" name={`${id}-orientation`} value={o} checked={orientation === o} onChange={() => setOrientation(o)} />
              <span>{t(o === 'portrait' ? 'print.portrait' : 'print.landscape')}</span>
            </label>
          ))}
        </fieldset>
        <button type="button" className="primary print-button" disabled={!ready} onClick={() => window.print()}>
          {t('print.print')}
        </button>
        <button type="button" className="close" onClick={onClose} aria-label={t('print.close')} title={t('print.close')}>
          ×
        </button>
        <p role="status" className="print-status">
          {drawn.state === 'preparing' ? t('print.preparing') : drawn.state === 'ready' ? t('print.ready') : t('print.error', { message: drawn.message })}
        </p>
      </div>
      <div className="print-preview" ref={preview}>
        <div className="print-scaler" style={{ width: `${widthMm * CSS_PX_PER_MM * fit}px`, height: `${heightMm * CSS_PX_PER_MM * fit}px` }}>
          <article
            className={`print-page print-${orientation}`}
            data-paper={paper}
            data-orientation={orientation}
            data-state={drawn.state}
            style={{ width: `${widthMm}mm`, height: `${heightMm - 0.5}mm`, transform: `scale(${fit})` }}
          >
            <header className="print-head">
              <h1>{title}</h1>
              <p>{t('print.date', { date: formatDate(today, lang) })}</p>
            </header>
            <div className="print-body">
              <div className="print-map">
                {/* Never hidden: a map made in a hidden box would take a default size. The image covers it. */}
                <div ref={box} key={`${paper}-${orientation}`} className="print-map-live" />
                {ready && <img src={drawn.image} alt={title} className="print-map-image" />}
                <svg className="print-north" viewBox="0 0 40 56" role="img" aria-label={t('print.north')}>
                  <path d="M20 4 34 44 20 36 6 44z" fill="#1b1f24" stroke="#fff" strokeWidth="2" />
                  <path d="M20 4 20 36 6 44z" fill="#fff" stroke="#1b1f24" strokeWidth="1.5" />
                  <text x="20" y="55" textAnchor="middle" fontSize="12" fontWeight="700" fill="#1b1f24">
                    {t('print.northLetter')}
                  </text>
                </svg>
                {bar && (
                  <div className="print-scalebar" dir="ltr">
                    <span className="print-scalebar-bar" style={{ width: `${bar.px}px` }} />
                    <span>{formatLength(bar.metres, lang)}</span>
                  </div>
                )}
              </div>
              <aside className="print-side">
                <h2>{t('print.legend')}</h2>
                {ready ? <LegendList legend={drawn.legend} /> : <p className="muted">{t('common.loading')}</p>}
                {ready && (
                  <p className="print-ratio">
                    {t('print.scale', { n: formatNumber(scaleDenominator(drawn.mpp), lang, 0) })}
                    <br />
                    <span className="muted">{t('print.scaleNote', { paper: `${paper} ${t(orientation === 'portrait' ? 'print.portrait' : 'print.landscape').toLowerCase()}` })}</span>
                  </p>
                )}
              </aside>
            </div>
            <footer className="print-foot">
              <p>{t('print.source')}</p>
              {illustrative && <p className="print-sample">{t('print.sample')}</p>}
              <p>{t('sheet.disclaimer')}</p>
            </footer>
          </article>
        </div>
      </div>
    </div>
  );
}

function LegendList({ legend }: { legend: PrintLegend }) {
  const { t } = useI18n();
  return (
    <ul className="legend print-legend">
      {legend.categories.map((c) => (
        <li key={c}>
          <Swatch colour={ZONE_COLOURS[c]} hatched={c === 'no_build'} />
          {t(`category.${c}`)}
        </li>
      ))}
      {legend.overlays.map((k) => (
        <li key={k}>
          <Swatch colour={OVERLAY_COLOURS[k]} hatched={k === 'no_build'} />
          {t(`overlay.${k}`)}
        </li>
      ))}
      {legend.plans.flatMap((p) =>
        [p.inForce && 'in', p.notInForce && 'out'].filter(Boolean).map((f) => (
          <li key={`${p.kind}-${f}`}>
            <Line colour={PLAN_OUTLINE[p.kind]} width={3} dashed={f === 'out'} />
            {t(`kind.${p.kind}`)} — {f === 'in' ? t('plan.inForce') : t('plan.notInForce')}
          </li>
        )),
      )}
      {legend.communes && (
        <li>
          <Line colour={COMMUNE_LINE} dashed />
          {t('legend.communeBoundary')}
        </li>
      )}
      {legend.parcels && (
        <li>
          <Line colour={PARCEL_LINE} width={1} />
          {t('legend.parcelBoundary')}
        </li>
      )}
      {legend.selected && (
        <li>
          <Line colour={SELECTED} width={3} />
          {t('legend.selected')}
        </li>
      )}
    </ul>
  );
}
