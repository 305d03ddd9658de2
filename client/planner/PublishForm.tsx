// Step 5: publication of the draft, from a date and with its legal status, after an explicit confirmation
// (citizens see it at once); then a link to the viewer on the plan.
import { type FormEvent, useId, useState } from 'react';
import type { PlanStatus } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';
import { asApiError, send } from './http.js';
import { viewerLink } from './links.js';
import type { DraftDetail, PublishResult } from './types.js';

export const today = (): string => new Date().toISOString().slice(0, 10);
const PUBLISH_STATUSES: PlanStatus[] = ['in_study', 'public_inquiry', 'approved'];

export function PublishForm({ draft, onPublished }: { draft: DraftDetail; onPublished(): void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [validFrom, setValidFrom] = useState(today);
  const [status, setStatus] = useState<PlanStatus>('approved');
  const [approvedOn, setApprovedOn] = useState('');
  const [decreeRef, setDecreeRef] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PublishResult | null>(null);
  const plan = pickText(draft.plan.name, lang) || draft.plan.code;

  if (result) {
    return (
      <section className="planner-publish" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>{t('planner.publish.title')}</h3>
        <p role="status" className="planner-ok">
          {t('planner.publish.done', { plan, version: result.versionNo, from: result.validFrom })}{' '}
          <a href={viewerLink(draft.bbox, lang)}>{t('planner.publish.see')}</a>
        </p>
      </section>
    );
  }
  if (draft.version.state !== 'draft') return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        validFrom, status, ...(approvedOn ? { approvedOn } : {}), ...(decreeRef.trim() ? { decreeRef: decreeRef.trim() } : {}),
      };
      setResult(await send<PublishResult>(`/api/drafts/${draft.version.id}/publish`, { method: 'POST', body }));
      onPublished();
    } catch (err) {
      setError(asApiError(err).message);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="planner-publish" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('planner.publish.title')}</h3>
      {!draft.checks.canPublish && (
        <div role="note" className="planner-warn">
          <p>{t('planner.publish.blocked')}</p>
          <ul>{draft.checks.blockers.map((b) => <li key={b}>{b}</li>)}</ul>
        </div>
      )}
      {draft.checks.missingRegulations.length > 0 && (
        <p className="muted">{t('planner.publish.missingRules', { codes: draft.checks.missingRegulations.map((m) => m.code).join(', ') })}</p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <div className="planner-grid">
          <div className="planner-field">
            <label htmlFor={`${id}-from`}>{t('planner.publish.validFrom')}</label>
            <input id={`${id}-from`} type="date" required value={validFrom} onChange={(e) => { setValidFrom(e.target.value); setConfirming(false); }} />
          </div>
          <div className="planner-field">
            <label htmlFor={`${id}-status`}>{t('planner.publish.status')}</label>
            <select id={`${id}-status`} value={status} onChange={(e) => { setStatus(e.target.value as PlanStatus); setConfirming(false); }}>
              {PUBLISH_STATUSES.map((s) => <option key={s} value={s}>{t(`planner.status.${s}` as const)}</option>)}
            </select>
          </div>
          <div className="planner-field">
            <label htmlFor={`${id}-approved`}>{t('planner.publish.approvedOn')}</label>
            <input id={`${id}-approved`} type="date" value={approvedOn} onChange={(e) => setApprovedOn(e.target.value)} />
          </div>
          <div className="planner-field">
            <label htmlFor={`${id}-decree`}>{t('planner.publish.decreeRef')}</label>
            <input id={`${id}-decree`} type="text" maxLength={200} value={decreeRef} onChange={(e) => setDecreeRef(e.target.value)} />
          </div>
        </div>
        {error && <p role="alert" className="planner-error">{error}</p>}
        {confirming ? (
          <div className="planner-confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`} className="planner-warn">{t('planner.publish.confirmText', { plan, version: draft.version.versionNo, from: validFrom })}</p>
            <div className="planner-actions">
              <button type="submit" className="primary danger" disabled={busy} autoFocus>{t('planner.publish.confirm')}</button>
              <button type="button" onClick={() => setConfirming(false)}>{t('planner.cancel')}</button>
            </div>
          </div>
        ) : (
          <button type="submit" className="primary" disabled={!draft.checks.canPublish}>{t('planner.publish.submit')}</button>
        )}
      </form>
    </section>
  );
}
