// The signed-in planner's work, top to bottom: import a file, the drafts waiting, the draft open (report on
// the map, rules, publication), the status of published plans; the audit trail for admins.
import { useState } from 'react';
import type { SessionUser } from '../../server/accounts/schemas.js';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';
import { AuditTrail } from './AuditTrail.js';
import { DraftView } from './DraftView.js';
import { PlanStatusForm } from './PlanStatusForm.js';
import type { DraftList } from './types.js';
import { UploadForm } from './UploadForm.js';
import { useGet } from './useGet.js';

export function Workspace({ user }: { user: SessionUser }) {
  const { t, lang } = useI18n();
  const [draftId, setDraftId] = useState<number | null>(null);
  // Bumped after every change the page makes, so that the lists read the server again.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  const canPlan = user.role === 'planner' || user.role === 'admin';
  const drafts = useGet<DraftList>(canPlan ? '/api/drafts' : null, changes);

  if (!canPlan) {
    return <p role="alert" className="planner-error">{t('planner.notPlanner')}</p>;
  }
  return (
    <>
      <UploadForm
        reloadKey={changes}
        onImported={(versionId) => {
          setDraftId(versionId);
          changed();
        }}
      />
      <section className="planner-card" aria-labelledby="drafts-h">
        <h2 id="drafts-h">{t('planner.drafts.title')}</h2>
        {drafts.state === 'loading' && <p role="status">{t('planner.loading')}</p>}
        {drafts.state === 'error' && <p role="alert" className="planner-error">{drafts.error.message}</p>}
        {drafts.state === 'ok' && drafts.data.drafts.length === 0 && <p className="muted">{t('planner.drafts.none')}</p>}
        {drafts.state === 'ok' && drafts.data.drafts.length > 0 && (
          <ul className="planner-drafts">
            {drafts.data.drafts.map((d) => (
              <li key={d.versionId}>
                <button type="button" className="link" aria-current={d.versionId === draftId ? 'true' : undefined} onClick={() => setDraftId(d.versionId)}>
                  {t('planner.drafts.item', { plan: pickText(d.planName, lang) || d.planCode, version: d.versionNo, zones: d.zones, errors: d.errors, warnings: d.warnings })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {draftId != null && <DraftView key={draftId} versionId={draftId} onChanged={changed} />}
      <PlanStatusForm reloadKey={changes} onChanged={changed} />
      {user.role === 'admin' && <AuditTrail reloadKey={changes} />}
    </>
  );
}
