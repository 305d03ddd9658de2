// On the parcel sheet: the project files studied on the parcel and the agency's opinion on each
// (GET /api/parcels/:id/studies).
import type { ParcelStudies as Files } from '../../server/studies/schemas.js';
import { errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { StudyCard } from './StudyCard.js';

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
