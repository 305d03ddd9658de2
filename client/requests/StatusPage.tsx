// Following a file: the file number and the tracking code open its timeline, the messages sent to the
// applicant, the documents and, once issued, the official note; the applicant answers a question here.
import { useState, type FormEvent } from 'react';
import type { RequestStatusView } from '../../server/requests/schemas.js';
import { ApiError, errorMessage } from '../api.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { call, download } from './http.js';

const STATUS: Record<RequestStatusView['status'], MessageKey> = {
  submitted: 'req.status.submitted',
  under_review: 'req.status.under_review',
  info_requested: 'req.status.info_requested',
  issued: 'req.status.issued',
  rejected: 'req.status.rejected',
};
const EVENT: Record<RequestStatusView['timeline'][number]['kind'], MessageKey> = {
  submitted: 'req.event.submitted',
  assigned: 'req.event.assigned',
  info_requested: 'req.event.info_requested',
  applicant_replied: 'req.event.applicant_replied',
  documents_added: 'req.event.documents_added',
  note_issued: 'req.event.note_issued',
  rejected: 'req.event.rejected',
};
export { STATUS as STATUS_LABELS, EVENT as EVENT_LABELS };

export function when(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'ar' ? 'ar-MA-u-nu-latn' : lang, { dateStyle: 'medium', timeStyle: 'short' });
}

export function StatusPage({ initial }: { initial: { fileNumber: string; code: string } | null }) {
  const { t, lang } = useI18n();
  const [fileNumber, setFileNumber] = useState(initial?.fileNumber ?? '');
  const [code, setCode] = useState(initial?.code ?? '');
  const [view, setView] = useState<RequestStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (err: unknown) => setError(err instanceof ApiError ? errorMessage(err, t) : String(err));

  async function open(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setView(await call<RequestStatusView>(`/api/requests/${encodeURIComponent(fileNumber.trim().toUpperCase())}`, { code }));
    } catch (err) {
      setView(null);
      show(err);
    } finally {
      setBusy(false);
    }
  }

  async function reply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!view) return;
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      setView(await call<RequestStatusView>(`/api/requests/${view.fileNumber}/reply`, { body: new FormData(form), code }));
      form.reset();
    } catch (err) {
      show(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="desk-card" aria-busy={busy}>
      <h2>{t('req.follow.title')}</h2>
      <form className="desk-inline" onSubmit={open}>
        <label>{t('req.follow.fileNumber')}<input name="fileNumber" value={fileNumber} onChange={(e) => setFileNumber(e.target.value)} required placeholder="DRU-2026-000123" dir="ltr" /></label>
        <label>{t('req.follow.code')}<input name="code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" dir="ltr" /></label>
        <button className="primary" type="submit" disabled={busy}>{t('req.follow.open')}</button>
      </form>
      {error && <p className="desk-error" role="alert">{error}</p>}
      {view && (
        <div className="desk-file" data-status={view.status}>
          <p className="desk-status">
            {view.fileNumber} — <strong>{t(STATUS[view.status])}</strong>
          </p>
          <p className="small">{t('req.follow.parcels', { parcels: view.parcels.join(', ') || '—' })}</p>
          {view.note?.urls && (
            <div className="desk-note">
              <p>{t('req.note.ready', { reference: view.note.reference })}</p>
              <a className="desk-button" href={view.note.urls.pdf} download={`${view.note.reference}.pdf`}>{t('req.note.pdf')}</a>{' '}
              <a className="desk-button" href={view.note.urls.page}>{t('req.note.verify')}</a>
            </div>
          )}
          <h3>{t('req.follow.timeline')}</h3>
          <ol className="desk-timeline">
            {view.timeline.map((ev, i) => (
              <li key={i} data-kind={ev.kind}>
                <time dateTime={ev.at}>{when(ev.at, lang)}</time> — {t(EVENT[ev.kind])}
                {ev.message && <blockquote>{ev.message}</blockquote>}
              </li>
            ))}
          </ol>
          {view.status === 'info_requested' || view.status === 'submitted' || view.status === 'under_review' ? (
            <form onSubmit={reply} className="desk-reply">
              <h3>{t(view.status === 'info_requested' ? 'req.reply.answer' : 'req.reply.add')}</h3>
              <label>{t('req.reply.message')}<textarea name="message" rows={3} /></label>
              <label>{t('req.reply.document')}<input name="document" type="file" accept="application/pdf,image/png,image/jpeg" /></label>
              <button type="submit" disabled={busy}>{t('req.reply.send')}</button>
            </form>
          ) : null}
          <h3>{t('req.follow.documents')}</h3>
          <ul>
            {view.attachments.map((a) => (
              <li key={a.id}>
                <button type="button" className="link" onClick={() => void download(`/api/requests/${view.fileNumber}/attachments/${a.id}`, a.filename, code).catch(show)}>
                  {a.filename}
                </button>{' '}
                <span className="small">({Math.ceil(a.sizeBytes / 1024)} KB)</span>
              </li>
            ))}
          </ul>
          <h3>{t('req.follow.messages')}</h3>
          <ul className="desk-messages">
            {view.notifications.map((n, i) => (
              <li key={i}>
                <strong>{n.subject}</strong> <span className="small">({when(n.at, lang)}{n.state === 'sent' ? ` · ${t('req.follow.emailed')}` : ''})</span>
                <p>{n.body}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
