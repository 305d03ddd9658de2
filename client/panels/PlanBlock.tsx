// One plan as every answer shows it: kind and name, legal status, decree and Official Bulletin
// references, a clear mark when it is an illustrative sample, then the zones it gives the land.
import type { PlanRef, Regulation, ZoneRef } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { formatArea, formatDate, formatShare, pickText } from '../lib/format.js';
import { ZONE_COLOURS } from '../map/palette.js';
import { RegulationView } from './RegulationView.js';

export interface ZoneEntry {
  zone: ZoneRef;
  regulation: Regulation | null;
  /** Share of the parcel, 0–1, and area in m²: absent for a point. */
  share?: number;
  areaM2?: number;
}

export function IllustrativeMark({ short = false }: { short?: boolean }) {
  const { t } = useI18n();
  return (
    <span className="illustrative" title={t('plan.illustrative')}>
      {short ? t('plan.illustrativeShort') : t('plan.illustrative')}
    </span>
  );
}

export function PlanStatusBadges({ plan }: { plan: PlanRef }) {
  const { t } = useI18n();
  return (
    <span className="badges">
      <span className={plan.inForce ? 'badge in-force' : 'badge not-in-force'}>
        {plan.inForce ? t('plan.inForce') : t('plan.notInForce')}
      </span>
      <span className="badge status">{t(`status.${plan.status}`)}</span>
    </span>
  );
}

export function planName(plan: PlanRef, lang: Parameters<typeof pickText>[1]): string {
  return pickText(plan.name, lang) || plan.code;
}

export function PlanBlock({ plan, zones }: { plan: PlanRef; zones: ZoneEntry[] }) {
  const { lang, t } = useI18n();
  const bo = plan.boRef
    ? plan.boDate
      ? t('plan.boRefDate', { ref: plan.boRef, date: formatDate(plan.boDate, lang) })
      : plan.boRef
    : null;
  return (
    <article className={plan.inForce ? 'plan' : 'plan plan-not-in-force'}>
      <h4>
        <span className="plan-kind">{t(`kind.${plan.kind}`)}</span> {planName(plan, lang)}{' '}
        <bdi className="plan-code">({plan.code})</bdi>
      </h4>
      <PlanStatusBadges plan={plan} />
      {plan.illustrative && (
        <p className="illustrative-note">
          <IllustrativeMark />
        </p>
      )}
      <dl className="facts">
        <dt>{t('plan.decree')}</dt>
        <dd>{plan.decreeRef ?? <span className="muted">{t('common.notStated')}</span>}</dd>
        <dt>{t('plan.bo')}</dt>
        <dd>{bo ?? <span className="muted">{t('common.notStated')}</span>}</dd>
        {plan.approvedOn && (
          <>
            <dt>{t('plan.approvedOn')}</dt>
            <dd>{formatDate(plan.approvedOn, lang)}</dd>
          </>
        )}
        {plan.expiresOn && (
          <>
            <dt>{t('plan.expiresOn')}</dt>
            <dd>{formatDate(plan.expiresOn, lang)}</dd>
          </>
        )}
      </dl>
      {zones.map(({ zone, regulation, share, areaM2 }) => (
        <section className="zone" key={zone.id} aria-label={`${zone.code} ${pickText(zone.label, lang)}`}>
          <h5>
            <span className="swatch" style={{ background: ZONE_COLOURS[zone.category] }} aria-hidden="true" />
            <bdi className="zone-code">{zone.code}</bdi> {pickText(zone.label, lang)}{' '}
            <span className="muted">· {t(`category.${zone.category}`)}</span>
          </h5>
          {share != null && areaM2 != null && (
            <p className="share">
              {t('sheet.zoneShare', { share: formatShare(share, lang), area: formatArea(areaM2, lang) })}
            </p>
          )}
          <RegulationView regulation={regulation} />
        </section>
      ))}
    </article>
  );
}
