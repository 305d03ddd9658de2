// For admins: the audit trail, newest first, a page at a time (GET /api/audit, keyset-paged).
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { asApiError, send } from './http.js';
import type { AuditPage } from './types.js';

type Event = AuditPage['events'][number];

export function AuditTrail({ reloadKey }: { reloadKey: number }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [events, setEvents] = useState<Event[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (cursor: string | null) => {
    try {
      const page = await send<AuditPage>(`/api/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      setEvents((prev) => (cursor ? [...prev, ...page.events] : page.events));
      setNext(page.next);
      setError(null);
    } catch (e) {
      setError(asApiError(e).message);
    }
  };
  useEffect(() => {
    void load(null);
  }, [reloadKey]);

  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-MA' : 'en-GB');
  return (
    <section className="planner-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('planner.audit.title')}</h2>
      {error && <p role="alert" className="planner-error">{error}</p>}
      <div className="planner-table-wrap">
        <table className="planner-table planner-audit">
          <thead>
            <tr>
              <th scope="col">{t('planner.audit.at')}</th>
              <th scope="col">{t('planner.audit.actor')}</th>
              <th scope="col">{t('planner.audit.action')}</th>
              <th scope="col">{t('planner.audit.target')}</th>
              <th scope="col">{t('planner.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{when(e.at)}</td>
                <td>{e.actor ? `${e.actor.name} <${e.actor.email}>` : t('planner.audit.system')}</td>
                <td><code>{e.action}</code></td>
                <td>{e.target ? `${e.target.type} ${e.target.id}` : '—'}</td>
                <td><code className="planner-details">{JSON.stringify(e.details)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && <button type="button" onClick={() => void load(next)}>{t('planner.audit.more')}</button>}
    </section>
  );
}
