// On the parcel sheet: the documents of the plans covering the parcel (the regulation first) and the laws
// and decrees those plans apply (GET /api/parcels/:id/documents), each a link to its PDF, and a link to
// the documents library.
import type { DocumentSummary, ParcelDocuments as Docs } from '../../server/documents/schemas.js';
import { errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';
import { IllustrativeMark } from './PlanBlock.js';

export function DocumentLink({ doc }: { doc: DocumentSummary }) {
  const { lang, t } = useI18n();
  return (
    <li className="doc-link">
      <a href={doc.url} target="_blank" rel="noopener" type="application/pdf" data-document-id={doc.id} data-kind={doc.kind}>
        {t(`docKind.${doc.kind}`)} — {pickText(doc.title, lang)}
      </a>{' '}
      {doc.number && <bdi className="muted">({t('docs.number', { number: doc.number })})</bdi>} {doc.illustrative && <IllustrativeMark short />}
    </li>
  );
}

export function ParcelDocuments({ parcelId }: { parcelId: number }) {
  const { lang, t } = useI18n();
  const result = useApi<Docs>(`/api/parcels/${parcelId}/documents`);
  if (result.state === 'error') return <p role="alert">{t('docs.error', { message: errorMessage(result.error, t) })}</p>;
  if (result.state !== 'ok') return <p className="muted">{t('common.loading')}</p>;
  const { plans, legal } = result.data;
  const withDocs = plans.filter((p) => p.documents.length > 0);
  return (
    <section className="parcel-documents" aria-label={t('sheet.documents')}>
      {withDocs.length === 0 && <p className="muted">{t('sheet.noDocuments')}</p>}
      {withDocs.map(({ plan, documents }) => (
        <div key={plan.id}>
          <h4>
            <a href={`/documents/?plan=${plan.id}&lang=${lang}`}>{pickText(plan.name, lang)}</a> <bdi className="plan-code">({plan.code})</bdi>
          </h4>
          <ul className="doc-links">
            {documents.map((d) => (
              <DocumentLink key={d.id} doc={d} />
            ))}
          </ul>
        </div>
      ))}
      {legal.length > 0 && (
        <>
          <h4>{t('sheet.legalTexts')}</h4>
          <ul className="doc-links">
            {legal.map((d) => (
              <DocumentLink key={d.id} doc={d} />
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={`/documents/?lang=${lang}`}>{t('sheet.library')}</a>
      </p>
    </section>
  );
}
