// Step 3: the validation report. Each problem with its feature; one with a place is a button that shows it
// on the map (and highlights the zones of its code). Nothing here is public: the draft is not published.
import { useId, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { formatLatLon } from '../lib/format.js';
import { DraftMap, type ZoneCollection } from './DraftMap.js';
import type { Problem, Report } from './types.js';

export function featureText(p: Problem, t: ReturnType<typeof useI18n>['t']): string {
  if (!p.feature) return '';
  const parts = [t('planner.report.feature', { n: p.feature.index + 1 })];
  if (p.feature.fid != null) parts.push(t('planner.report.fid', { fid: p.feature.fid }));
  if (p.feature.code != null) parts.push(t('planner.report.code', { code: p.feature.code }));
  return parts.join(' · ');
}

export function ReportView({ report, zones, bbox, resolved = () => false }: {
  report: Report;
  zones: ZoneCollection | null;
  bbox: readonly number[] | null;
  /** A problem the draft no longer has (the report is the import's, as it was then): a rule now given. */
  resolved?(p: Problem): boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [selected, setSelected] = useState<number | null>(null);
  const problem = selected == null ? null : (report.problems[selected] ?? null);
  const c = report.counts;
  return (
    <section className="planner-report" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('planner.report.title')}</h3>
      <p>
        {t('planner.report.counts', { read: c.read, imported: c.imported, skipped: c.skipped, errors: c.errors, warnings: c.warnings })}
        {' '}
        <span className="muted">{t('planner.report.file', { name: report.file.name, format: report.file.format, crs: `EPSG:${report.crs.epsg}` })}</span>
      </p>
      <div className="planner-report-body">
        <ol className="planner-problems">
          {report.problems.map((p, i) => (
            <li key={i} className={`problem problem-${p.severity}`} data-code={p.code} data-resolved={resolved(p) || undefined}>
              <span className={`severity severity-${p.severity}`}>{t(`planner.severity.${p.severity}` as const)}</span>{' '}
              {resolved(p) && <span className="severity severity-resolved">{t('planner.report.resolved')}</span>}{' '}
              <span className="problem-message">{p.message}</span>
              {p.feature && <span className="problem-feature muted"> — {featureText(p, t)}</span>}
              {p.location && (
                <button type="button" className="link problem-locate" aria-pressed={selected === i} onClick={() => setSelected(i)}>
                  {t('planner.report.locate')}
                </button>
              )}
            </li>
          ))}
        </ol>
        {Object.entries(report.truncated).length > 0 && (
          <p className="muted">
            {t('planner.report.truncated', { list: Object.entries(report.truncated).map(([k, n]) => `${k} (${n})`).join(', ') })}
          </p>
        )}
        <div className="planner-map-box">
          <DraftMap zones={zones} bbox={bbox} problems={report.problems} selected={problem} />
          <p role="status" className="planner-located" data-located={problem ? 'true' : 'false'}>
            {problem?.location
              ? t('planner.report.located', { message: problem.message, where: formatLatLon(problem.location.lat, problem.location.lon) })
              : t('planner.report.notPublic')}
          </p>
        </div>
      </div>
    </section>
  );
}
