// The legend of each layer, from the same palette as the map (map/palette.ts).
import type { CSSProperties } from 'react';
import type { PlanKind } from '../../server/shared/schemas.js';
import type { PlanSummary } from '../../server/plans/schemas.js';
import { useI18n } from '../i18n/index.js';
import type { LayerId } from '../lib/urlState.js';
import {
  COMMUNE_LINE,
  OVERLAY_COLOURS,
  OVERLAY_KIND_ORDER,
  OPINION_COLOURS,
  OPINION_ORDER,
  PARCEL_LINE,
  PLAN_OUTLINE,
  SELECTED,
  ZONE_CATEGORY_ORDER,
  ZONE_COLOURS,
} from '../map/palette.js';
import { PARCEL_MINZOOM, STUDIES_MINZOOM } from '../map/style.js';
import { IllustrativeMark, PlanStatusBadges, planName } from './PlanBlock.js';

export function Line({ colour, dashed = false, width = 2 }: { colour: string; dashed?: boolean; width?: number }) {
  const style: CSSProperties = { borderBlockStart: `${width}px ${dashed ? 'dashed' : 'solid'} ${colour}` };
  return <span className="legend-line" style={style} aria-hidden="true" />;
}

export function Swatch({ colour, hatched = false }: { colour: string; hatched?: boolean }) {
  return <span className={hatched ? 'swatch hatched' : 'swatch'} style={{ background: colour }} aria-hidden="true" />;
}

function PlanLegend({ kind, plans }: { kind: PlanKind; plans: PlanSummary[] }) {
  const { lang, t } = useI18n();
  const mine = plans.filter((p) => p.kind === kind);
  return (
    <>
      <ul className="legend">
        {ZONE_CATEGORY_ORDER.map((c) => (
          <li key={c}>
            <Swatch colour={ZONE_COLOURS[c]} hatched={c === 'no_build'} />
            {t(`category.${c}`)}
          </li>
        ))}
        <li>
          <Line colour={PLAN_OUTLINE[kind]} width={3} />
          {t('legend.inForce')}
        </li>
        <li>
          <Line colour={PLAN_OUTLINE[kind]} width={3} dashed />
          {t('legend.notInForce')}
        </li>
      </ul>
      {mine.length === 0 ? (
        <p className="muted">{t('layers.noPlans')}</p>
      ) : (
        <ul className="legend-plans">
          {mine.map((p) => (
            <li key={p.versionId}>
              {planName(p, lang)} <bdi className="plan-code">({p.code})</bdi> <PlanStatusBadges plan={p} />{' '}
              {p.illustrative && <IllustrativeMark short />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Legend({ id, plans }: { id: LayerId; plans: PlanSummary[] }) {
  const { t } = useI18n();
  switch (id) {
    case 'communes':
      return (
        <ul className="legend">
          <li>
            <Line colour={COMMUNE_LINE} dashed />
            {t('legend.communeBoundary')}
          </li>
        </ul>
      );
    case 'overlays':
      return (
        <ul className="legend">
          {OVERLAY_KIND_ORDER.map((k) => (
            <li key={k}>
              <Swatch colour={OVERLAY_COLOURS[k]} hatched={k === 'no_build'} />
              {t(`overlay.${k}`)}
            </li>
          ))}
        </ul>
      );
    case 'parcels':
      return (
        <>
          <ul className="legend">
            <li>
              <Line colour={PARCEL_LINE} width={1} />
              {t('legend.parcelBoundary')}
            </li>
            <li>
              <Line colour={SELECTED} width={3} />
              {t('legend.selected')}
            </li>
          </ul>
          <p className="muted">{t('layers.parcelsFromZoom', { zoom: PARCEL_MINZOOM })}</p>
        </>
      );
    case 'studies':
      return (
        <>
          <ul className="legend">
            {OPINION_ORDER.map((o) => (
              <li key={o}>
                <Swatch colour={OPINION_COLOURS[o]} />
                {t(`opinion.${o}`)}
              </li>
            ))}
          </ul>
          <p className="muted">{t('legend.studiesNote', { zoom: STUDIES_MINZOOM })}</p>
        </>
      );
    default:
      return <PlanLegend kind={id} plans={plans} />;
  }
}
