// The rules of one zone, every item of the regulation in the same order as the planning information
// note states them. An item the regulation does not state is shown as such, never left out: a missing
// limit is not the same as no limit.
import type { ReactNode } from 'react';
import type { Regulation } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { formatArea, formatLevels, formatMetres, formatRatio, pickText } from '../lib/format.js';

export function RegulationView({ regulation }: { regulation: Regulation | null }) {
  const { lang, t } = useI18n();
  if (!regulation) return <p className="muted">{t('rules.missing')}</p>;
  const r = regulation;
  const notStated = <span className="muted">{t('common.notStated')}</span>;
  const or = (v: number | null, f: (v: number) => string): ReactNode => (v == null ? notStated : f(v));
  const metres = (v: number) => formatMetres(v, lang);
  const uses = (list: Regulation['allowedUses']) =>
    list.length === 0 ? (
      <span className="muted">{t('common.none')}</span>
    ) : (
      <ul className="uses">
        {list.map((u, i) => (
          <li key={i}>{pickText(u, lang)}</li>
        ))}
      </ul>
    );
  const { frontM, sideM, rearM } = r.setbacks;

  return (
    <dl className="rules">
      <dt>{t('rules.allowed')}</dt>
      <dd>{uses(r.allowedUses)}</dd>
      <dt>{t('rules.forbidden')}</dt>
      <dd>{uses(r.forbiddenUses)}</dd>
      <dt>{t('rules.height')}</dt>
      <dd>{or(r.maxHeightM, metres)}</dd>
      <dt>{t('rules.levels')}</dt>
      <dd>
        {or(r.maxLevels, (n) => t('rules.levelsValue', { rn: formatLevels(n), count: n }))}
      </dd>
      <dt>{t('rules.cos')}</dt>
      <dd>{or(r.cos, (v) => formatRatio(v, lang))}</dd>
      <dt>{t('rules.ces')}</dt>
      <dd>{or(r.ces, (v) => formatRatio(v, lang))}</dd>
      <dt>{t('rules.minLot')}</dt>
      <dd>{or(r.minLotAreaM2, (v) => formatArea(v, lang))}</dd>
      <dt>{t('rules.minFrontage')}</dt>
      <dd>{or(r.minFrontageM, metres)}</dd>
      <dt>{t('rules.setbacks')}</dt>
      <dd>
        {frontM == null && sideM == null && rearM == null ? (
          notStated
        ) : (
          <ul className="setbacks">
            <li>
              <span className="muted">{t('rules.setbackFront')}</span> {or(frontM, metres)}
            </li>
            <li>
              <span className="muted">{t('rules.setbackSide')}</span> {or(sideM, metres)}
            </li>
            <li>
              <span className="muted">{t('rules.setbackRear')}</span> {or(rearM, metres)}
            </li>
          </ul>
        )}
      </dd>
      <dt>{t('rules.parking')}</dt>
      <dd>{r.parking ? pickText(r.parking, lang) : notStated}</dd>
      {r.remarks && (
        <>
          <dt>{t('rules.remarks')}</dt>
          <dd>{pickText(r.remarks, lang)}</dd>
        </>
      )}
      {r.articleRef && (
        <>
          <dt>{t('rules.article')}</dt>
          <dd>{r.articleRef}</dd>
        </>
      )}
    </dl>
  );
}
