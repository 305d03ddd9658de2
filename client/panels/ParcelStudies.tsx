// On the parcel sheet: the project files studied on the parcel and the agency's opinion on each
// (GET /api/parcels/:id/studies). Also the card of one file, shared with the lookup by number.
import type { ParcelStudies as Files, Study } from '../../server/studies/schemas.js';
import { errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { formatDate } from '../lib/format.js';
import { OPINION_COLOURS } from '../map/palette.js';
import { Swatch } from './Legend.js';

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
        <Swatch colour={OPINION_COLOURS[study.opinion]} /> {t(`opinion.${study.opinion}`)}
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

export function ParcelStudies({ parcelId }: { parcelId: number }) {
  const { t } = useI18n();
  const result = useApi<Files>(`/api/parcels/${parcelId}/studies`);
  if (result.state === 'error') return <p role="alert">{t('lookup.error', { message: errorMessage(result.error, t) })}</p>;
  if (result.state !== 'ok') return <p className="muted">{t('common.loading')}</p>;
  if (result.data.studies.length === 0) return <p className="muted parcel-studies">{t('sheet.noStudies')}</p>;
  return (
    <ul className="studies parcel-studies">
      {result.data.studies.map((s) => (
        <StudyCard key={s.number} study={s} />
      ))}
    </ul>
  );
}
