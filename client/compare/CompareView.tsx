// Two plans side by side: two MapLibre maps stacked over the map area, the top one clipped at a divider
// that the visitor drags (or moves with the arrow keys), their views mirrored both ways. Each side shows
// a layer as it was at a date (the tile sources take ?at=YYYY-MM-DD), e.g. the plan in force today
// against the version in force in 2015, or a plan in force against one in study.
import { useEffect, useId, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { Map as MlMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import type { TileCatalog } from '../../server/tiles/schemas.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/index.js';
import { dirOf } from '../lib/lang.js';
import { formatDate } from '../lib/format.js';
import { defaultLayers } from '../lib/urlState.js';
import type { LayerId, View } from '../lib/urlState.js';
import { applyLabelLanguage, prepareMap, withStyle } from '../map/MapView.js';
import { buildStyle } from '../map/style.js';
import { labelLanguage } from '../map/text.js';
import { useFocusTrap } from '../panels/focus.js';

export const COMPARE_LAYERS = ['development', 'growth', 'restructuring', 'master', 'overlays'] as const;
export type CompareLayer = (typeof COMPARE_LAYERS)[number];

export interface Side {
  layer: CompareLayer;
  /** YYYY-MM-DD, or '' for today. */
  at: string;
}

/** The seeded plan d'aménagement of Nador has a first version in force 2009–2019: a telling default. */
export const DEFAULT_SIDES: readonly [Side, Side] = [
  { layer: 'development', at: '2015-01-01' },
  { layer: 'development', at: '' },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function sideLayers(layer: CompareLayer) {
  const layers = defaultLayers();
  for (const id of Object.keys(layers) as LayerId[]) layers[id].visible = id === layer || id === 'communes' || id === 'parcels';
  layers[layer].opacity = Math.max(layers[layer].opacity, 0.7);
  return layers;
}

/**
 * The clip of the top map (B) for a divider at `x` px from the left of a `width` px stage: B shows the
 * inline-end side of the divider, the right in a left-to-right page, the left in Arabic.
 */
export function clipOf(x: number, width: number, dir: 'ltr' | 'rtl'): string {
  return dir === 'ltr' ? `inset(0 0 0 ${x}px)` : `inset(0 ${Math.max(0, width - x)}px 0 0)`;
}

export interface CompareViewProps {
  catalog: TileCatalog;
  view: View;
  onClose(view: View): void;
  /** Test hook: the two maps, once made. */
  onMaps?(maps: [MlMap, MlMap] | null): void;
}

export function CompareView({ catalog, view, onClose, onMaps }: CompareViewProps) {
  const { lang, t } = useI18n();
  const id = useId();
  const root = useRef<HTMLElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const boxes = [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null)] as const;
  const maps = useRef<[MlMap, MlMap] | null>(null);
  const [sides, setSides] = useState<[Side, Side]>([...DEFAULT_SIDES]);
  const [fraction, setFraction] = useState(0.5);
  const [width, setWidth] = useState(0);
  useFocusTrap(root, false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const dir = dirOf(lang);

  const styleOf = (side: Side) =>
    buildStyle({ catalog, layers: sideLayers(side.layer), baseUrl: location.href, lang: labelLanguage(lang), at: DATE.test(side.at) ? side.at : null });

  // The two maps, made once; their views mirrored both ways.
  const latest = useRef({ sides, styleOf, onMaps });
  latest.current = { sides, styleOf, onMaps };
  useEffect(() => {
    const [a, b] = boxes.map((box, i) =>
      new MlMap({
        container: box.current!,
        style: latest.current.styleOf(latest.current.sides[i]!),
        center: [view.lon, view.lat],
        zoom: view.zoom,
        maxZoom: 20,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
      }),
    ) as [MlMap, MlMap];
    const labels = [a, b].map((m) => prepareMap(m));
    a.addControl(new NavigationControl({ showCompass: false }), dir === 'rtl' ? 'top-left' : 'top-right');
    b.addControl(new ScaleControl({ unit: 'metric' }), dir === 'rtl' ? 'bottom-right' : 'bottom-left');
    let mirroring = false;
    const mirror = (from: MlMap, to: MlMap) => () => {
      if (mirroring) return;
      mirroring = true;
      to.jumpTo({ center: from.getCenter(), zoom: from.getZoom() });
      mirroring = false;
    };
    a.on('move', mirror(a, b));
    b.on('move', mirror(b, a));
    maps.current = [a, b];
    latest.current.onMaps?.([a, b]);
    const resize = new ResizeObserver(() => setWidth(stage.current?.clientWidth ?? 0));
    resize.observe(stage.current!);
    return () => {
      resize.disconnect();
      latest.current.onMaps?.(null);
      maps.current = null;
      labels.forEach((l) => l.stop());
      a.remove();
      b.remove();
    };
    // Made once: the view is the starting view, later changes of sides go through setStyle below.
  }, []);

  // A side changed (layer or date): its map takes the new style, sources and all.
  const keys = sides.map((s) => `${s.layer}@${DATE.test(s.at) ? s.at : ''}`);
  const shown = useRef(keys);
  useEffect(() => {
    maps.current?.forEach((m, i) => {
      if (shown.current[i] === keys[i]) return;
      shown.current[i] = keys[i]!;
      m.setStyle(latest.current.styleOf(latest.current.sides[i]!), { diff: false });
    });
  }, [keys.join('|')]);
  useEffect(() => {
    maps.current?.forEach((m) => withStyle(m, () => applyLabelLanguage(m, lang)));
  }, [lang]);

  const close = () => {
    const a = maps.current?.[0];
    const c = a?.getCenter();
    onClose(a && c ? { zoom: a.getZoom(), lat: c.lat, lon: c.lng } : view);
  };

  const x = fraction * width;
  const drag = (e: ReactPointerEvent<HTMLDivElement>) => {
    const box = stage.current?.getBoundingClientRect();
    if (box && box.width > 0) setFraction(Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)));
  };
  const sideName = (i: number) => t(i === 0 ? 'compare.sideA' : 'compare.sideB');
  const describe = (s: Side, i: number) =>
    t('compare.map', { side: sideName(i), layer: t(`layer.${s.layer}` as MessageKey), date: DATE.test(s.at) ? formatDate(s.at, lang) : t('compare.today') });

  return (
    <section
      ref={root}
      className="compare"
      aria-labelledby={id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <header className="compare-bar">
        <h2 id={id} ref={heading} tabIndex={-1}>
          {t('compare.title')}
        </h2>
        {sides.map((side, i) => (
          <fieldset key={i} className={`compare-side compare-side-${i === 0 ? 'a' : 'b'}`}>
            <legend>{sideName(i)}</legend>
            <label>
              <span className="visually-hidden">
                {sideName(i)} — {t('compare.layer')}
              </span>
              <select
                value={side.layer}
                onChange={(e) => setSides((s) => s.map((x, j) => (j === i ? { ...x, layer: e.target.value as CompareLayer } : x)) as [Side, Side])}
              >
                {COMPARE_LAYERS.map((l) => (
                  <option key={l} value={l}>
                    {t(`layer.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="visually-hidden">
                {sideName(i)} — {t('compare.date')} ({t('compare.dateHint')})
              </span>
              <input
                type="date"
                value={side.at}
                min="1960-01-01"
                max="2100-12-31"
                title={t('compare.dateHint')}
                onChange={(e) => setSides((s) => s.map((x, j) => (j === i ? { ...x, at: e.target.value } : x)) as [Side, Side])}
              />
            </label>
          </fieldset>
        ))}
        <button type="button" className="close" onClick={close} aria-label={t('compare.close')} title={t('compare.close')}>
          ×
        </button>
      </header>
      <p className="visually-hidden">{t('compare.help')}</p>
      <div className="compare-stage" ref={stage}>
        <div ref={boxes[0]} className="compare-map compare-a" role="region" aria-label={describe(sides[0], 0)} />
        <div ref={boxes[1]} className="compare-map compare-b" role="region" aria-label={describe(sides[1], 1)} style={{ clipPath: clipOf(x, width, dir) }} />
        <span className="compare-tag compare-tag-a" aria-hidden="true">
          {describe(sides[0], 0)}
        </span>
        <span className="compare-tag compare-tag-b" aria-hidden="true">
          {describe(sides[1], 1)}
        </span>
        <div
          className="compare-divider"
          role="separator"
          aria-orientation="vertical"
          aria-label={t('compare.divider')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fraction * 100)}
          tabIndex={0}
          style={{ left: `${x}px` }}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            drag(e);
          }}
          onPointerMove={(e) => {
            if (e.currentTarget.hasPointerCapture(e.pointerId)) drag(e);
          }}
          onKeyDown={(e) => {
            const step = e.shiftKey ? 0.1 : 0.02;
            const to =
              e.key === 'ArrowLeft' ? fraction - step : e.key === 'ArrowRight' ? fraction + step : e.key === 'Home' ? 0 : e.key === 'End' ? 1 : null;
            if (to == null) return;
            e.preventDefault();
            setFraction(Math.min(1, Math.max(0, to)));
          }}
        >
          <span className="compare-handle" aria-hidden="true">
            ⟷
          </span>
        </div>
      </div>
    </section>
  );
}
