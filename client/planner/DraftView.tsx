// One draft version: what it is, its report on the map, its rules table and its publication.
import { useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';
import { PublishForm } from './PublishForm.js';
import { ReportView } from './ReportView.js';
import { RulesTable } from './RulesTable.js';
import type { DraftDetail, Problem } from './types.js';
import { useGet } from './useGet.js';

export function DraftView({ versionId, onChanged }: { versionId: number; onChanged(): void }) {
  const { t, lang } = useI18n();
  const [reload, setReload] = useState(0);
  const draft = useGet<DraftDetail>(`/api/drafts/${versionId}?lang=${lang}`, reload);
  const refresh = () => {
    setReload((n) => n + 1);
    onChanged();
  };

  if (draft.state === 'loading') return <section className="planner-card"><p role="status">{t('planner.loading')}</p></section>;
  if (draft.state === 'error') return <section className="planner-card"><p role="alert" className="planner-error">{draft.error.message}</p></section>;
  const d = draft.data;
  const missing = new Set(d.checks.missingRegulations.map((m) => m.code));
  const resolved = (p: Problem) => p.code === 'missing_regulation' && !missing.has(String(p.params.code));
  return (
    <section className="planner-card planner-draft" aria-labelledby="draft-h" data-version={d.version.id}>
      <h2 id="draft-h">
        {t('planner.draft.title', { plan: pickText(d.plan.name, lang) || d.plan.code, version: d.version.versionNo })}
      </h2>
      <p className="muted">
        {d.version.state === 'draft' ? t('planner.draft.notPublic') : t('planner.draft.published')}
        {d.import && ` ${t('planner.draft.import', { file: d.import.fileName, actor: d.import.actor })}`}
      </p>
      {d.report ? <ReportView report={d.report} zones={d.zones} bbox={d.bbox} resolved={resolved} /> : <p className="muted">{t('planner.draft.noReport')}</p>}
      <RulesTable draft={d} onSaved={refresh} />
      <PublishForm draft={d} onPublished={refresh} />
    </section>
  );
}
