// The layers: for each one a toggle, an opacity slider and a legend. On phones the panel folds away
// behind the header's "Layers" button (App owns that state); opened, it lies over the map: Tab stays
// inside it and Escape folds it away again.
import { useRef } from 'react';
import type { PlanSummary } from '../../server/plans/schemas.js';
import { useI18n } from '../i18n/index.js';
import type { LayerId, LayerState, LayersState } from '../lib/urlState.js';
import { NARROW, useFocusTrap, useMediaQuery } from './focus.js';
import { Legend } from './Legend.js';

/** Panel order: what a reader looks for first at the top. */
const PANEL_ORDER: readonly LayerId[] = [
  'development', 'growth', 'restructuring', 'master', 'overlays', 'studies', 'parcels', 'communes',
];

export interface LayerPanelProps {
  id: string;
  /** Folded away (phones): kept in the document so the header button's aria-controls names it. */
  hidden: boolean;
  layers: LayersState;
  /** Layers the tile catalog offers; the others are shown disabled. */
  available: ReadonlySet<string>;
  plans: PlanSummary[];
  onChange(id: LayerId, change: Partial<LayerState>): void;
  /** Escape on a phone, where the panel covers the map. */
  onDismiss(): void;
}

export function LayerPanel({ id, hidden, layers, available, plans, onChange, onDismiss }: LayerPanelProps) {
  const { t } = useI18n();
  const root = useRef<HTMLElement>(null);
  const over = useMediaQuery(NARROW);
  useFocusTrap(root, over && !hidden);
  return (
    <aside
      ref={root}
      id={id}
      className="layer-panel"
      aria-labelledby={`${id}-title`}
      hidden={hidden}
      onKeyDown={(e) => {
        if (over && e.key === 'Escape') onDismiss();
      }}
    >
      <h2 id={`${id}-title`}>{t('layers.title')}</h2>
      <ul className="layers">
        {PANEL_ORDER.map((layer) => {
          const state = layers[layer];
          const name = t(`layer.${layer}`);
          const off = !available.has(layer);
          const pct = Math.round(state.opacity * 100);
          return (
            <li key={layer} className={state.visible ? 'layer on' : 'layer'}>
              <label className="layer-toggle">
                <input
                  type="checkbox"
                  checked={state.visible}
                  disabled={off}
                  onChange={(e) => onChange(layer, { visible: e.target.checked })}
                />
                {name}
                {off && <span className="muted"> ({t('layers.unavailable')})</span>}
              </label>
              <input
                type="range"
                className="opacity"
                min={0}
                max={100}
                step={5}
                value={pct}
                disabled={off || !state.visible}
                aria-label={t('layers.opacity', { layer: name })}
                aria-valuetext={`${pct} %`}
                onChange={(e) => onChange(layer, { opacity: Number(e.target.value) / 100 })}
              />
              <details className="layer-legend">
                <summary>
                  {t('layers.legend')}
                  <span className="visually-hidden"> : {name}</span>
                </summary>
                <Legend id={layer} plans={plans} />
              </details>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
