// The parcel sheet (GET /api/parcels/:id): what the plans say about one parcel. Plans in force come
// first; plans not in force (in study, expired, replaced…) are folded away and marked, so an outdated
// rule is never read as if it applied.
import { useEffect, useRef } from 'react';
import type { ParcelSheet as Sheet, ZoningPart } from '../../server/parcels/schemas.js';
import { errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { formatArea, formatDate, formatLevels, formatMetres, pickText } from '../lib/format.js';
import { OverlayList } from './OverlayList.js';
import { ParcelDocuments } from './ParcelDocuments.js';
import { ParcelStudies } from './ParcelStudies.js';
import { IllustrativeMark, PlanBlock, planName } from './PlanBlock.js';
import { Panel } from './Panel.js';
import { ReportProblem } from './ReportProblem.js';
import { useBookmarks } from './useBookmarks.js';
import { SelectionActions } from '../project/SelectionActions.js';

export interface ParcelSheetProps {
  id: number;
  /** Move the keyboard focus to the sheet when it has loaded (after a click or a search). */
  focus: boolean;
  onClose(): void;
  onLoaded(sheet: Sheet): void;
  /** Adds the parcel to the project selection (project/ProjectCard.tsx). */
  onAddToProject?(parcel: { id: number; ref: string }): void;
}

/** Zoning parts grouped by plan version, in the server's order (in force first). */
export function groupByPlan(parts: ZoningPart[]): ZoningPart[][] {
  const groups = new Map<number, ZoningPart[]>();
  for (const p of parts) {
    const g = groups.get(p.plan.versionId);
    if (g) g.push(p);
    else groups.set(p.plan.versionId, [p]);
  }
  return [...groups.values()];
}

export function ParcelSheet({ id, focus, onClose, onLoaded, onAddToProject }: ParcelSheetProps) {
  const { lang, t } = useI18n();
  const result = useApi<Sheet>(`/api/parcels/${id}`);
  const loaded = useRef<Sheet | null>(null);
  useEffect(() => {
    if (result.state === 'ok' && loaded.current !== result.data) {
      loaded.current = result.data;
      onLoaded(result.data);
    }
  }, [result, onLoaded]);

  if (result.state !== 'ok') {
    const message = result.state === 'error' ? t('sheet.error', { message: errorMessage(result.error, t) }) : t('common.loading');
    return (
      <Panel className="sheet" title={t('sheet.region')} onClose={onClose} focusKey={null} busy={result.state === 'loading'}>
        <p role={result.state === 'error' ? 'alert' : undefined}>{message}</p>
      </Panel>
    );
  }

  const { parcel, zoning, overlays, capacity, at } = result.data;
  const groups = groupByPlan(zoning);
  const inForce = groups.filter((g) => g[0]!.plan.inForce);
  const others = groups.filter((g) => !g[0]!.plan.inForce);
  const block = (g: ZoningPart[]) => <PlanBlock key={g[0]!.plan.versionId} plan={g[0]!.plan} zones={g} />;

  return (
    <Panel className="sheet" title={t('sheet.title', { ref: parcel.reference })} onClose={onClose} focusKey={focus ? String(parcel.id) : null} busy={false}>
      <dl className="facts">
        <dt>{t('sheet.commune')}</dt>
        <dd>{parcel.commune ? pickText(parcel.commune.name, lang) : <span className="muted">{t('common.notStated')}</span>}</dd>
        <dt>{t('sheet.area')}</dt>
        <dd>{formatArea(parcel.areaM2, lang)}</dd>
      </dl>
      {/* What can be done with this parcel: bookmark it, add it to a project, download its extract, get its note. */}
      <div className="sheet-actions" role="group" aria-label={t('sheet.actions')}>
        <BookmarkButton parcel={parcel} />
        {onAddToProject && (
          <button type="button" className="project-add" onClick={() => onAddToProject({ id: parcel.id, ref: parcel.reference })}>
            {t('project.add')}
          </button>
        )}
        <SelectionActions key={parcel.id} selection={{ type: 'parcels', ids: [parcel.id] }} />
        <a className="request-note" href={`/requests/?ref=${encodeURIComponent(parcel.reference)}&lang=${lang}`}>{t('sheet.requestNote')}</a>
      </div>
      <p className="muted">
        {t('sheet.asOf', { date: formatDate(at, lang) })}
        {parcel.illustrative && (
          <>
            {' · '}
            <IllustrativeMark short />
          </>
        )}
      </p>

      <h3>{t('sheet.plans')}</h3>
      {groups.length === 0 && <p className="muted">{t('sheet.noPlan')}</p>}
      {inForce.map(block)}
      {others.length > 0 && (
        <details className="other-plans">
          <summary>{t('sheet.otherPlans', { count: others.length })}</summary>
          {others.map(block)}
        </details>
      )}

      {capacity && (
        <>
          <h3>{t('sheet.capacity')}</h3>
          <p className="muted">
            {t('sheet.capacityBasis', { plan: `${planName(capacity.plan, lang)} (${capacity.plan.code})` })}{' '}
            {capacity.plan.illustrative && <IllustrativeMark short />}
          </p>
          <dl className="facts capacity">
            <dt>{t('capacity.footprint')}</dt>
            <dd>{capacity.maxFootprintM2 != null ? formatArea(capacity.maxFootprintM2, lang) : t('common.notStated')}</dd>
            <dt>{t('capacity.floorArea')}</dt>
            <dd>{capacity.maxFloorAreaM2 != null ? formatArea(capacity.maxFloorAreaM2, lang) : t('common.notStated')}</dd>
            <dt>{t('capacity.height')}</dt>
            <dd>
              {capacity.maxHeightM != null ? formatMetres(capacity.maxHeightM, lang) : t('common.notStated')}
              {capacity.maxLevels != null && ` · ${formatLevels(capacity.maxLevels)}`}
            </dd>
            {capacity.minLotAreaM2 != null && (
              <>
                <dt>{t('capacity.minLot')}</dt>
                <dd>
                  {formatArea(capacity.minLotAreaM2, lang)}
                  {capacity.meetsMinLotArea != null && (
                    <div className={capacity.meetsMinLotArea ? 'ok' : 'warn'}>
                      {capacity.meetsMinLotArea ? t('capacity.meetsMinLot') : t('capacity.belowMinLot')}
                    </div>
                  )}
                </dd>
              </>
            )}
          </dl>
        </>
      )}

      <h3>{t('sheet.overlays')}</h3>
      <OverlayList overlays={overlays} empty={t('sheet.noOverlays')} />

      <ReportProblem key={parcel.id} place={{ parcelId: parcel.id }} />
      <h3>{t('sheet.documents')}</h3>
      <ParcelDocuments parcelId={parcel.id} />

      <h3>{t('sheet.studies')}</h3>
      <ParcelStudies parcelId={parcel.id} />

      <p className="disclaimer">{t('sheet.disclaimer')}</p>
    </Panel>
  );
}

/** Keeps the parcel in the visitor's bookmarks, or takes it out (a toggle). */
function BookmarkButton({ parcel }: { parcel: Sheet['parcel'] }) {
  const { t } = useI18n();
  const { list, add, remove } = useBookmarks();
  const kept = list.some((b) => b.id === parcel.id);
  return (
    <button
      type="button"
      className="bookmark-toggle"
      aria-pressed={kept}
      onClick={() =>
        kept
          ? remove(parcel.id)
          : add({ id: parcel.id, ref: parcel.reference, commune: parcel.commune?.name ?? null, bbox: parcel.bbox, savedAt: new Date().toISOString() })
      }
    >
      <span aria-hidden="true">{kept ? '★' : '☆'}</span> {kept ? t('bookmarks.added') : t('bookmarks.add')}
    </button>
  );
}
