// The zoning at a clicked point where no parcel is drawn (GET /api/identify): every plan's zone there,
// with its rules, and the overlays. Where the point falls in a parcel the answer names it, and at
// parcel zooms the parcel's own sheet opens instead (autoParcel).
import { useEffect } from 'react';
import type { IdentifyResult, ZoneAtPoint } from '../../server/zoning/schemas.js';
import { apiPath, errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { formatLatLon } from '../lib/format.js';
import type { LonLat } from '../lib/urlState.js';
import { PARCEL_MINZOOM } from '../map/style.js';
import { OverlayList } from './OverlayList.js';
import { PlanBlock } from './PlanBlock.js';
import { Panel } from './Panel.js';
import { ReportProblem } from './ReportProblem.js';

export interface ZoningAtPointProps {
  point: LonLat;
  zoom: number;
  /** Open the parcel's sheet at once if the point falls in one (a click at parcel zoom). */
  autoParcel: boolean;
  focus: boolean;
  onOpenParcel(id: number): void;
  onClose(): void;
}

export function ZoningAtPoint({ point, zoom, autoParcel, focus, onOpenParcel, onClose }: ZoningAtPointProps) {
  const { t } = useI18n();
  const result = useApi<IdentifyResult>(apiPath('/api/identify', { lon: point.lon.toFixed(7), lat: point.lat.toFixed(7) }));
  const parcel = result.state === 'ok' ? result.data.parcel : null;
  const jump = autoParcel && parcel != null;
  useEffect(() => {
    if (jump && parcel) onOpenParcel(parcel.id);
  }, [jump, parcel, onOpenParcel]);

  const title = t('point.title');
  if (result.state !== 'ok' || jump) {
    const message = result.state === 'error' ? t('sheet.error', { message: errorMessage(result.error, t) }) : t('common.loading');
    return (
      <Panel className="sheet" title={title} focusKey={null} busy={result.state !== 'error'} onClose={onClose}>
        <p role={result.state === 'error' ? 'alert' : undefined}>{message}</p>
      </Panel>
    );
  }
  const { zoning, overlays } = result.data;
  const inForce = zoning.filter((z) => z.plan.inForce);
  const others = zoning.filter((z) => !z.plan.inForce);
  const block = (z: ZoneAtPoint) => (
    <PlanBlock key={z.plan.versionId} plan={z.plan} zones={[{ zone: z.zone, regulation: z.regulation }]} />
  );
  return (
    <Panel className="sheet" title={title} focusKey={focus ? `${point.lon},${point.lat}` : null} busy={false} onClose={onClose}>
      <p className="muted">{t('point.coords', { coords: formatLatLon(point.lat, point.lon) })}</p>
      {parcel ? (
        <p>
          {t('point.parcelHere', { ref: parcel.reference })}{' '}
          <button type="button" className="link" onClick={() => onOpenParcel(parcel.id)}>
            {t('point.openParcel')}
          </button>
        </p>
      ) : (
        zoom < PARCEL_MINZOOM && <p className="muted">{t('point.zoomHint', { zoom: PARCEL_MINZOOM })}</p>
      )}
      {zoning.length === 0 && <p className="muted">{t('point.noZoning')}</p>}
      {inForce.map(block)}
      {others.length > 0 && (
        <details className="other-plans">
          <summary>{t('sheet.otherPlans', { count: others.length })}</summary>
          {others.map(block)}
        </details>
      )}
      <h3>{t('point.overlays')}</h3>
      <OverlayList overlays={overlays} empty={t('point.noOverlays')} />
      <ReportProblem place={point} />
      <p className="disclaimer">{t('sheet.disclaimer')}</p>
    </Panel>
  );
}
