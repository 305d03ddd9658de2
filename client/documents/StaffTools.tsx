// For the agency's planners and admins signed in (GET /api/session): add a PDF to the library and retire a
// document. Every change goes through the API's own checks (type by magic bytes, size, fields) and sends
// the session's CSRF token; the server's message says what was wrong. The public never sees these tools.
import { useEffect, useState, type FormEvent } from 'react';
import type { SessionState } from '../../server/accounts/schemas.js';
import type { Lang } from '../../server/shared/schemas.js';
import { getJson } from '../api.js';
import { useI18n } from '../i18n/index.js';

export type Staff = { name: string; csrfToken: string } | null;

/** The signed-in planner or admin, or null (nobody, or another role). */
export function useStaff(): Staff {
  const [staff, setStaff] = useState<Staff>(null);
  useEffect(() => {
    getJson<SessionState>('/api/session').then(
      (s) => setStaff(s.user && s.csrfToken && (s.user.role === 'planner' || s.user.role === 'admin') ? { name: s.user.name, csrfToken: s.csrfToken } : null),
      () => setStaff(null),
    );
  }, []);
  return staff;
}

async function send(url: string, staff: NonNullable<Staff>, lang: Lang, body: BodyInit, json = false): Promise<string | null> {
  const res = await fetch(`${url}?lang=${lang}`, {
    method: 'POST', body, credentials: 'same-origin',
    headers: { 'x-csrf-token': staff.csrfToken, accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}) },
  });
  if (res.ok) return null;
  const answer = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return answer?.error?.message ?? res.statusText;
}

const KINDS = ['regulation', 'drawn_plan', 'approval_decree', 'bo_extract', 'inquiry_report', 'law', 'decree', 'building_regulation', 'circular'] as const;

export function AddDocument({ staff, onDone }: { staff: NonNullable<Staff>; onDone(): void }) {
  const { lang, t } = useI18n();
  const [status, setStatus] = useState<string | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    // Blank optional fields are left out rather than sent empty (the API checks what it is sent).
    for (const [k, v] of [...data.entries()]) if (typeof v === 'string' && v.trim() === '') data.delete(k);
    const file = data.get('file');
    data.delete('file');
    if (file) data.append('file', file); // the text fields first, then the PDF
    setStatus(t('common.loading'));
    void send('/api/documents', staff, lang, data).then((err) => {
      setStatus(err ? t('staff.error', { message: err }) : t('staff.added'));
      if (!err) onDone();
    });
  };
  return (
    <section className="staff-tools" aria-labelledby="staff-title">
      <h2 id="staff-title">{t('documents.staffTitle')}</h2>
      <p className="muted">{t('documents.staffSignedIn', { name: staff.name })}</p>
      <form onSubmit={submit}>
        <label>
          {t('staff.file')}
          <input type="file" name="file" accept="application/pdf,.pdf" required />
        </label>
        <label>
          {t('docs.kind')}
          <select name="kind" required defaultValue="regulation">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`docKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.titleAr')}
          <input name="titleAr" required maxLength={500} dir="rtl" lang="ar" />
        </label>
        <label>
          {t('staff.titleFr')}
          <input name="titleFr" required maxLength={500} lang="fr" />
        </label>
        <label>
          {t('staff.language')}
          <select name="language" defaultValue="ar-fr">
            {(['ar', 'fr', 'ar-fr'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`docLang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.planId')}
          <input name="planId" inputMode="numeric" pattern="[0-9]*" />
        </label>
        <button type="submit">{t('staff.submit')}</button>
      </form>
      {status && <p role="status">{status}</p>}
    </section>
  );
}

export function RetireButton({ staff, id, onDone }: { staff: NonNullable<Staff>; id: number; onDone(message: string): void }) {
  const { lang, t } = useI18n();
  const retire = () => {
    const reason = window.prompt(t('staff.retireReason'));
    if (!reason?.trim()) return;
    void send(`/api/documents/${id}/retire`, staff, lang, JSON.stringify({ reason: reason.trim() }), true).then((err) =>
      onDone(err ? t('staff.error', { message: err }) : t('staff.retired')),
    );
  };
  return (
    <button type="button" className="retire" onClick={retire}>
      {t('staff.retire')}
    </button>
  );
}
