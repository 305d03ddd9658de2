// The instructors' queue: newest first, filtered by status, commune and assignee.
import { useState } from 'react';
import { STATUSES } from '../../server/requests/schemas.js';
import type { Static } from 'typebox';
import type { Queue as QueueT } from '../../server/requests/schemas.js';
import { apiPath, errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { STATUS_LABELS, when } from '../requests/StatusPage.js';

export function Queue({ onOpen }: { onOpen(fileNumber: string): void }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState('');
  const [assigned, setAssigned] = useState('any');
  const [commune, setCommune] = useState('');
  const list = useApi<Static<typeof QueueT>>(apiPath('/api/instruct/requests', { status: status || undefined, assigned, commune: commune.trim() || undefined }));
  return (
    <section className="desk-card">
      <h2>{t('instr.queue')}</h2>
      <div className="desk-inline">
        <label>{t('instr.filter.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('instr.filter.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(STATUS_LABELS[s])}</option>)}
          </select>
        </label>
        <label>{t('instr.filter.assigned')}
          <select value={assigned} onChange={(e) => setAssigned(e.target.value)}>
            <option value="any">{t('instr.filter.all')}</option>
            <option value="me">{t('instr.filter.me')}</option>
            <option value="none">{t('instr.filter.none')}</option>
          </select>
        </label>
        <label>{t('instr.filter.commune')}<input value={commune} onChange={(e) => setCommune(e.target.value)} placeholder="021670109" dir="ltr" /></label>
      </div>
      {list.state === 'error' && <p className="desk-error" role="alert">{errorMessage(list.error, t)}</p>}
      {list.state === 'ok' && (
        <table className="desk-table">
          <thead><tr><th>{t('req.follow.fileNumber')}</th><th>{t('instr.filter.status')}</th><th>{t('instr.filter.commune')}</th></tr></thead>
          <tbody>
            {list.data.requests.map((r) => (
              <tr key={r.fileNumber}>
                <td><button type="button" className="link file-link" onClick={() => onOpen(r.fileNumber)} dir="ltr">{r.fileNumber}</button><br /><span className="small">{when(r.submittedAt, lang)}</span></td>
                <td>{t(STATUS_LABELS[r.status])}{r.assignedTo ? ` · ${r.assignedTo.name}` : ''}</td>
                <td>{r.commune ?? '—'}<br /><span className="small">{r.parcels.join(', ')}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
