// The prescriptions and servitudes that touch a parcel or a point: reserved sites, planned roads with
// their width, no-build strips, flood zones…, each with the plan that sets it.
import type { OverlayHit } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { formatArea, formatMetres, pickText } from '../lib/format.js';
import { OVERLAY_COLOURS } from '../map/palette.js';
import { IllustrativeMark } from './PlanBlock.js';

type Overlay = Omit<OverlayHit, 'areaM2' | 'lengthM'> & Partial<Pick<OverlayHit, 'areaM2' | 'lengthM'>>;

export function OverlayList({ overlays, empty }: { overlays: Overlay[]; empty: string }) {
  const { lang, t } = useI18n();
  if (overlays.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="overlays">
      {overlays.map((o) => {
        const amount =
          o.areaM2 ? formatArea(o.areaM2, lang) : o.lengthM ? formatMetres(o.lengthM, lang) : null;
        return (
          <li key={o.id}>
            <span className="swatch" style={{ background: OVERLAY_COLOURS[o.kind] }} aria-hidden="true" />
            <strong>{t(`overlay.${o.kind}`)}</strong>
            {o.code && <bdi className="zone-code">{o.code}</bdi>}
            <div>{pickText(o.label, lang)}</div>
            {o.details && <div className="muted">{pickText(o.details, lang)}</div>}
            <div className="muted">
              {[
                o.widthM != null ? t('sheet.overlayWidth', { width: formatMetres(o.widthM, lang) }) : null,
                amount ? t('sheet.overlayInParcel', { amount }) : null,
                `${o.plan.code}${o.plan.inForce ? '' : ' · ' + t('plan.notInForce')}`,
              ]
                .filter(Boolean)
                .join(' · ')}{' '}
              {o.plan.illustrative && <IllustrativeMark short />}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
