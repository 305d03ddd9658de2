// One file for an instructor: the land on the map, the applicant, the documents, the timeline (who and
// when), and the steps the file's status allows.
import { useState } from 'react';
import type { StaffFileView } from '../../server/requests/schemas.js';
import { ApiError, errorMessage } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { call, download } from '../requests/http.js';
import { ParcelMap } from '../requests/ParcelMap.js';
import { EVENT_LABELS, STATUS_LABELS, when } from '../requests/StatusPage.js';

interface Issued { note: { reference: string; urls: { pdf: string; page: string } } }

export function FileView({ file, csrf, onChanged, onBack }: { file: StaffFileView; csrf: string; onChanged(): void; onBack(): void }) {
  const { t, lang } = useI18n();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const open = file.status === 'submitted' || file.status === 'under_review';

  async function act(step: 'assign' | 'info' | 'issue' | 'reject', body: object = {}) {
    setBusy(true);
    setError(null);
    try {
      const res = await call<Issued | object>(`/api/instruct/requests/${file.fileNumber}/${step}`, { json: body, csrf });
      if (step === 'issue') setIssued(res as Issued);
      setMessage('');
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err, t) : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="desk-card desk-file" data-status={file.status} aria-busy={busy}>
      <button type="button" className="link" onClick={onBack}>{t('instr.back')}</button>
      <h2 dir="ltr">{file.fileNumber}</h2>
      <p className="desk-status"><strong>{t(STATUS_LABELS[file.status])}</strong>{file.assignedTo ? ` · ${t('instr.assignedTo', { name: file.assignedTo.name })}` : ''}</p>
      <ParcelMap land={file.geometry} />
      <p className="small">{t('req.follow.parcels', { parcels: file.parcels.join(', ') || '—' })}{file.commune ? ` · ${file.commune}` : ''}</p>
      <h3>{t('req.applicant.legend')}</h3>
      <dl className="desk-applicant">
        <dt>{t('req.applicant.name')}</dt><dd>{file.applicant.name}</dd>
        <dt>{t('req.applicant.cin')}</dt><dd dir="ltr">{file.applicant.cin}</dd>
        <dt>{t('req.applicant.phone')}</dt><dd dir="ltr">{file.applicant.phone}</dd>
        <dt>{t('req.applicant.email')}</dt><dd dir="ltr">{file.applicant.email}</dd>
        <dt>{t('req.applicant.capacity')}</dt><dd>{t(file.applicant.capacity === 'owner' ? 'req.capacity.owner' : 'req.capacity.mandated')}</dd>
        <dt>{t('req.applicant.purpose')}</dt><dd>{file.applicant.purpose}</dd>
      </dl>
      <h3>{t('req.follow.documents')}</h3>
      <ul>
        {file.attachments.map((a) => (
          <li key={a.id}>
            <button type="button" className="link" onClick={() => void download(`/api/requests/${file.fileNumber}/attachments/${a.id}`, a.filename)}>{a.filename}</button>
          </li>
        ))}
      </ul>
      <h3>{t('req.follow.timeline')}</h3>
      <ol className="desk-timeline">
        {file.timeline.map((ev, i) => (
          <li key={i} data-kind={ev.kind}>
            <time dateTime={ev.at}>{when(ev.at, lang)}</time> — {t(EVENT_LABELS[ev.kind])} · {ev.actor ? ev.actor.name : t('instr.applicant')}
            {ev.message && <blockquote>{ev.message}</blockquote>}
          </li>
        ))}
      </ol>
      {(issued || file.note) && (
        <div className="desk-note">
          <p>{t('req.note.ready', { reference: issued?.note.reference ?? file.note!.reference })}</p>
          {issued && <a className="desk-button" href={issued.note.urls.pdf}>{t('req.note.pdf')}</a>}
        </div>
      )}
      {error && <p className="desk-error" role="alert">{error}</p>}
      {file.status !== 'issued' && file.status !== 'rejected' && (
        <div className="desk-actions">
          <button type="button" onClick={() => void act('assign')} disabled={busy}>{t('instr.assignMe')}</button>
          <label>{t('instr.message')}<textarea value={message} onChange={(e) => setMessage(e.target.value)} rows={3} /></label>
          {open && <button type="button" onClick={() => void act('info', { message })} disabled={busy || message.trim().length < 3}>{t('instr.askInfo')}</button>}{' '}
          <button type="button" onClick={() => void act('reject', { message })} disabled={busy || message.trim().length < 3}>{t('instr.reject')}</button>{' '}
          {open && <button type="button" className="primary" onClick={() => void act('issue', { lang: 'bilingual' })} disabled={busy}>{t('instr.issue')}</button>}
        </div>
      )}
    </section>
  );
}
