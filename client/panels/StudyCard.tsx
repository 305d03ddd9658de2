// One studied file and the agency's opinion: on the parcel sheet (ParcelStudies) and on the documents
// page's lookup by number. Light on purpose (no map code): the documents page imports it.
import type { Study } from '../../server/studies/schemas.js';
import { useI18n } from '../i18n/index.js';
import { formatDate } from '../lib/format.js';
import { OPINION_COLOURS } from '../map/palette.js';

export function StudyCard({ study }: { study: Study }) {
  const { lang, t } = useI18n();
  return (
    <li className="study" data-number={study.number} data-opinion={study.opinion}>
      <strong>
        <bdi>{t('study.file', { number: study.number })}</bdi>
      </strong>{' '}
      · {t(`studyKind.${study.kind}`)} · {t('study.studiedOn', { date: formatDate(study.studiedOn, lang) })}
      {study.illustrative && <span className="muted"> ({t('study.illustrative')})</span>}
      <div className={`opinion opinion-${study.opinion}`}>
        <span className="swatch" style={{ background: OPINION_COLOURS[study.opinion] }} aria-hidden="true" /> {t(`opinion.${study.opinion}`)}
      </div>
      {study.conditions && (
        <p>
          <span className="muted">{t('study.conditions')} : </span>
          {study.conditions}
        </p>
      )}
      {study.parcels.length > 1 && (
        <p className="muted">
          {t('study.parcels')} :{' '}
          {study.parcels.map((p, i) => (
            <span key={p.reference}>
              {i > 0 && ', '}
              <bdi>{p.reference}</bdi>
              {p.parcelId === null && ` (${t('study.notInCadastre')})`}
            </span>
          ))}
        </p>
      )}
    </li>
  );
}
