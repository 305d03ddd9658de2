// The project card, over the map: a selection of several things at once — the parcels of one project
// (added from the sheet or by Shift/Ctrl+click, each removable), vertices typed or pasted in Lambert
// Nord Maroc (EPSG:26191, "x y" per line), or a polygon drawn on the map — with the combined sheet
// (GET /api/selection) and the same actions as a parcel (extracts, the note).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Map as MlMap, MapMouseEvent } from 'maplibre-gl';
import type { SelectionSheet } from '../../server/selection/schemas.js';
import type { ZoningPart } from '../../server/parcels/schemas.js';
import { errorMessage, useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { formatArea } from '../lib/format.js';
import { parseLambertInput } from '../lib/lambertInput.js';
import { sheetPath } from '../lib/selection.js';
import type { Selection } from '../lib/selection.js';
import { OverlayList } from '../panels/OverlayList.js';
import { PlanBlock } from '../panels/PlanBlock.js';
import { SelectionActions } from './SelectionActions.js';
import { followProjectClicks, highlightProject, showDrawing } from './projectMap.js';
import type { ProjectParcel } from './useProject.js';

export type ProjectMode = 'parcels' | 'coords' | 'draw';

export interface ProjectCardProps {
  map: MlMap;
  parcels: ProjectParcel[];
  onAdd(p: ProjectParcel): void;
  onRemove(id: number): void;
  onClear(): void;
  /** Clicks on the map draw vertices (the viewer must not open sheets meanwhile). */
  onDrawing(drawing: boolean): void;
}

/** Typed vertices, one "x y" per line; the line numbers that could not be read. */
export function parseVertices(text: string): { points: Array<[number, number]>; bad: number[] } {
  const points: Array<[number, number]> = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const r = parseLambertInput(line);
    if (r.ok) points.push([r.x, r.y]);
    else bad.push(i + 1);
  });
  return { points, bad };
}

function groupByPlan(parts: ZoningPart[]): ZoningPart[][] {
  const groups = new Map<number, ZoningPart[]>();
  for (const p of parts) groups.set(p.plan.versionId, [...(groups.get(p.plan.versionId) ?? []), p]);
  return [...groups.values()];
}

export function ProjectCard({ map, parcels, onAdd, onRemove, onClear, onDrawing }: ProjectCardProps) {
  const { lang, t } = useI18n();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<ProjectMode>('parcels');
  const [text, setText] = useState('');
  const [typed, setTyped] = useState<Array<[number, number]> | null>(null);
  const [typedError, setTypedError] = useState<string | null>(null);
  const [vertices, setVertices] = useState<Array<[number, number]>>([]);
  const [drawn, setDrawn] = useState<Array<[number, number]> | null>(null);
  const drawing = open && mode === 'draw' && drawn == null;
  const placed = useRef(vertices);
  placed.current = vertices;

  // A parcel added while the card is closed opens it on the project.
  const count = parcels.length;
  const seen = useRef(count);
  useEffect(() => {
    if (count > seen.current) {
      setOpen(true);
      setMode('parcels');
    }
    seen.current = count;
  }, [count]);

  const ids = useMemo(() => parcels.map((p) => p.id), [parcels]);
  const before = useRef<number[]>([]);
  useEffect(() => {
    highlightProject(map, before.current, ids);
    before.current = ids;
  }, [map, ids]);
  useEffect(() => followProjectClicks(map, onAdd), [map, onAdd]);

  // Drawing: a click adds a vertex, a double-click or Enter closes the polygon, Escape cancels.
  useEffect(() => {
    onDrawing(drawing);
    if (!drawing) return;
    const finish = () => {
      if (placed.current.length >= 3) setDrawn(placed.current);
    };
    const onClick = (e: MapMouseEvent) => setVertices((v) => [...v, [e.lngLat.lng, e.lngLat.lat]]);
    const onDbl = (e: MapMouseEvent) => {
      e.preventDefault();
      finish();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') finish();
      else if (e.key === 'Escape') {
        e.preventDefault();
        setVertices([]);
      }
    };
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', onClick);
    map.on('dblclick', onDbl);
    window.addEventListener('keydown', onKey);
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDbl);
      window.removeEventListener('keydown', onKey);
      map.doubleClickZoom.enable();
      map.getCanvas().style.cursor = '';
      onDrawing(false);
    };
  }, [map, drawing, onDrawing]);
  useEffect(() => {
    const shown = mode === 'draw' && open ? (drawn ?? vertices) : [];
    showDrawing(map, shown, drawn != null);
  }, [map, mode, open, vertices, drawn]);

  const selection: Selection | null = useMemo(() => {
    if (mode === 'parcels') return ids.length ? { type: 'parcels', ids } : null;
    if (mode === 'coords') return typed ? { type: 'coordinates', crs: 'EPSG:26191', points: typed } : null;
    // A double-click adds the same vertex twice (two clicks): drop repeated vertices.
    const ring = (drawn ?? []).filter((p, i, a) => i === 0 || p[0] !== a[i - 1]![0] || p[1] !== a[i - 1]![1]);
    return ring.length >= 3 ? { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } } : null;
  }, [mode, ids, typed, drawn]);
  const sheet = useApi<SelectionSheet>(open && selection ? sheetPath(selection) : null);

  if (!open) {
    return (
      <button type="button" className="project-toggle" onClick={() => setOpen(true)}>
        {t('project.open', { count })}
      </button>
    );
  }

  const applyTyped = () => {
    const { points, bad } = parseVertices(text);
    if (bad.length) {
      setTypedError(t('project.coordsBad', { lines: bad.join(', ') }));
      setTyped(null);
    } else if (points.length < 3) {
      setTypedError(t('project.coordsFew'));
      setTyped(null);
    } else {
      setTypedError(null);
      setTyped(points);
    }
  };

  const tab = (m: ProjectMode, label: string) => (
    <button type="button" role="tab" aria-selected={mode === m} className="project-tab" onClick={() => setMode(m)}>
      {label}
    </button>
  );

  return (
    <section className="tool-card project-card" aria-labelledby={headingId}>
      <header className="tool-head">
        <h2 id={headingId}>{t('project.title')}</h2>
        <button type="button" className="close" onClick={() => setOpen(false)} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <div role="tablist" className="project-tabs">
        {tab('parcels', t('project.tabParcels', { count }))}
        {tab('coords', t('project.tabCoords'))}
        {tab('draw', t('project.tabDraw'))}
      </div>

      {mode === 'parcels' && (
        <>
          {count === 0 ? (
            <p className="muted">{t('project.empty')}</p>
          ) : (
            <>
              <ul className="project-parcels">
                {parcels.map((p) => (
                  <li key={p.id}>
                    <span className="project-ref">{p.ref}</span>{' '}
                    <button type="button" className="project-remove" onClick={() => onRemove(p.id)} aria-label={t('project.remove', { ref: p.ref })}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className="project-clear" onClick={onClear}>
                {t('project.clear')}
              </button>
            </>
          )}
        </>
      )}

      {mode === 'coords' && (
        <div className="project-coords">
          <label>
            {t('project.coordsLabel')}
            <textarea rows={5} dir="ltr" value={text} onChange={(e) => setText(e.target.value)} placeholder={'725000 510000\n725100 510000\n725100 510080'} />
          </label>
          <button type="button" onClick={applyTyped}>
            {t('project.coordsApply')}
          </button>
          {typedError && <p role="alert">{typedError}</p>}
        </div>
      )}

      {mode === 'draw' && (
        <div className="project-draw">
          <p className="muted" aria-live="polite">
            {drawn ? t('project.drawDone', { count: drawn.length }) : t('project.drawHint', { count: vertices.length })}
          </p>
          {(drawn || vertices.length > 0) && (
            <button
              type="button"
              onClick={() => {
                setDrawn(null);
                setVertices([]);
              }}
            >
              {t('project.drawAgain')}
            </button>
          )}
        </div>
      )}

      {selection && (
        <div className="project-sheet" aria-busy={sheet.state === 'loading'}>
          {sheet.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
          {sheet.state === 'error' && <p role="alert">{t('sheet.error', { message: errorMessage(sheet.error, t) })}</p>}
          {sheet.state === 'ok' && (
            <>
              <p className="project-area">
                {t('project.summary', { area: formatArea(sheet.data.selection.areaM2, lang), count: sheet.data.selection.parcels.length })}
              </p>
              {groupByPlan(sheet.data.zoning).map((g) => (
                <PlanBlock key={g[0]!.plan.versionId} plan={g[0]!.plan} zones={g} />
              ))}
              <h3>{t('sheet.overlays')}</h3>
              <OverlayList overlays={sheet.data.overlays} empty={t('sheet.noOverlays')} />
            </>
          )}
          <SelectionActions key={JSON.stringify(selection)} selection={selection} />
        </div>
      )}
    </section>
  );
}
