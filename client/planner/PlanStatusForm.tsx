// A published plan's change of legal status (public inquiry, approved, expired, annulled) with its date and
// reference, recorded by the API with the version it concerns.
import { type FormEvent, useId, useState } from 'react';
import type { PlanStatus } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';
import { asApiError, send } from './http.js';
import { viewerLink } from './links.js';
import { today } from './PublishForm.js';
import type { PlanList, StatusResult } from './types.js';
import { useGet } from './useGet.js';

const CHANGES: PlanStatus[] = ['public_inquiry', 'approved', 'expired', 'annulled'];

export function PlanStatusForm({ reloadKey, onChanged }: { reloadKey: number; onChanged(): void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const plans = useGet<PlanList>('/api/plans', reloadKey);
  const [planId, setPlanId] = useState('');
  const [status, setStatus] = useState<PlanStatus>('approved');
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Sample plans are illustrations: their status is not the agency's to record.
  const official = plans.state === 'ok' ? plans.data.plans.filter((p) => !p.illustrative) : [];
  const chosen = official.find((p) => String(p.id) === planId) ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await send<StatusResult>(`/api/plans/${chosen.id}/status`, {
        method: 'POST', body: { status, effectiveOn, ...(reference.trim() ? { reference: reference.trim() } : {}) },
      });
      setDone(t('planner.status.done', { plan: pickText(chosen.name, lang), status: t(`planner.status.${r.status}` as const), date: r.effectiveOn }));
      onChanged();
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="planner-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('planner.status.title')}</h2>
      {plans.state === 'error' && <p role="alert" className="planner-error">{plans.error.message}</p>}
      {plans.state === 'ok' && official.length === 0 && <p className="muted">{t('planner.status.none')}</p>}
      {official.length > 0 && (
        <form onSubmit={(e) => void submit(e)}>
          <div className="planner-grid">
            <div className="planner-field">
              <label htmlFor={`${id}-plan`}>{t('planner.status.plan')}</label>
              <select id={`${id}-plan`} required value={planId} onChange={(e) => setPlanId(e.target.value)}>
                <option value="">{t('planner.mapping.choose')}</option>
                {official.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('planner.status.planItem', { plan: pickText(p.name, lang) || p.code, version: p.versionNo, status: t(`planner.status.${p.status}` as const) })}
                  </option>
                ))}
              </select>
            </div>
            <div className="planner-field">
              <label htmlFor={`${id}-status`}>{t('planner.status.new')}</label>
              <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as PlanStatus)}>
                {CHANGES.map((s) => <option key={s} value={s}>{t(`planner.status.${s}` as const)}</option>)}
              </select>
            </div>
            <div className="planner-field">
              <label htmlFor={`${id}-on`}>{t('planner.status.effectiveOn')}</label>
              <input id={`${id}-on`} type="date" required value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
            </div>
            <div className="planner-field">
              <label htmlFor={`${id}-ref`}>{t('planner.status.reference')}</label>
              <input id={`${id}-ref`} type="text" maxLength={200} value={reference} onChange={(e) => setReference(e.target.value)} />
            </div>
          </div>
          {error && <p role="alert" className="planner-error">{error}</p>}
          {done && (
            <p role="status" className="planner-ok">
              {done} {chosen && <a href={viewerLink(chosen.bbox, lang)}>{t('planner.publish.see')}</a>}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || !chosen}>{t('planner.status.submit')}</button>
        </form>
      )}
    </section>
  );
}
