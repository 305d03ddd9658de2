// Step 1 and 2: the file, the kind and name of the plan, then the mapping (which attribute is the zone code,
// which the labels) among the attributes the file really has — read here for GeoJSON and zipped Shapefiles,
// asked of the server otherwise (an upload without a code field answers the layer's fields). Pre-filled
// from the CNIG PLU template when the layer follows it.
import { type FormEvent, useId, useState } from 'react';
import type { PlanKind } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';
import { shapefileFields } from './dbf.js';
import { asApiError, type PlannerApiError, send } from './http.js';
import { fieldsFromDetails, fileFormat, geojsonFields, importFields, PROBE_FIELDS, suggestMapping, type ZoneMapping } from './mapping.js';
import { ReportView } from './ReportView.js';
import type { ImportOutcome, PlanList, Report } from './types.js';
import { useGet } from './useGet.js';

// Every kind of plan, typed so that a kind added to the API fails the typecheck until it is offered here
// (the values of server/shared/schemas.ts would bring TypeBox into the bundle).
const PLAN_KINDS = Object.keys({ master: 1, development: 1, growth: 1, restructuring: 1 } satisfies Record<PlanKind, 1>) as PlanKind[];

const EMPTY: ZoneMapping = { codeField: '', labelFrField: '', labelArField: '', cnig: false };

function form(fields: Record<string, string>, file: File): FormData {
  const fd = new FormData();
  // Text fields first: the server reads the parts in order, and the file last.
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', file, file.name);
  return fd;
}

type Attributes = { state: 'none' } | { state: 'reading' } | { state: 'ok'; fields: string[] } | { state: 'error'; error: PlannerApiError };

export function UploadForm({ onImported, reloadKey }: { onImported(versionId: number): void; reloadKey: number }) {
  const { t, lang } = useI18n();
  // The plans a file may give a new version of: the agency's own (the sample's are illustrations).
  const plans = useGet<PlanList>('/api/plans', reloadKey);
  const official = plans.state === 'ok' ? plans.data.plans.filter((p) => !p.illustrative) : [];
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [planCode, setPlanCode] = useState('');
  const [kind, setKind] = useState<PlanKind>('development');
  const [name, setName] = useState('');
  const [nameAr, setNameAr] = useState('');
  // The layer, asked only when the file holds several and none is the CNIG zoning (import_layer_choice).
  const [layer, setLayer] = useState('');
  const [attributes, setAttributes] = useState<Attributes>({ state: 'none' });
  const [mapping, setMapping] = useState<ZoneMapping>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PlannerApiError | null>(null);
  const [rejected, setRejected] = useState<Report | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const withLayer = (fields: Record<string, string>) => (layer.trim() ? { ...fields, layer: layer.trim() } : fields);

  const readAttributes = async (f: File) => {
    setAttributes({ state: 'reading' });
    setError(null);
    setRejected(null);
    setDone(null);
    const format = fileFormat(f.name);
    // Several layers, or one asked for: the server chooses.
    const local = layer.trim() !== '' ? null : format === 'geojson' ? geojsonFields(await f.text()) : format === 'shapefile' ? await shapefileFields(f) : null;
    let fields = local;
    if (!fields) {
      try {
        await send('/api/imports', { method: 'POST', body: form(withLayer(PROBE_FIELDS), f) });
        // The server never imports without a code field; an answer without error would be a surprise.
        fields = [];
      } catch (e) {
        const a = asApiError(e);
        fields = a.code === 'import_field_missing' ? fieldsFromDetails(a.details) : null;
        if (!fields) {
          setAttributes({ state: 'error', error: a });
          return;
        }
      }
    }
    setAttributes({ state: 'ok', fields });
    setMapping(suggestMapping(fields));
  };

  const onFile = (f: File | null) => {
    setFile(f);
    setLayer('');
    setMapping(EMPTY);
    if (f) void readAttributes(f);
    else setAttributes({ state: 'none' });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || attributes.state !== 'ok') return;
    setBusy(true);
    setError(null);
    setRejected(null);
    setDone(null);
    try {
      const out = await send<ImportOutcome>('/api/imports', { method: 'POST', body: form(withLayer(importFields({ planCode, kind, name, nameAr, mapping })), file) });
      setDone(t('planner.upload.done', { imported: out.report.counts.imported, errors: out.report.counts.errors, warnings: out.report.counts.warnings }));
      if (out.versionId != null) onImported(out.versionId);
    } catch (err) {
      const a = asApiError(err);
      setError(a);
      const report = (a.details as { report?: Report } | null)?.report;
      if (a.code === 'import_rejected' && report) setRejected(report);
    } finally {
      setBusy(false);
    }
  };

  const fields = attributes.state === 'ok' ? attributes.fields : [];
  const fieldSelect = (key: 'codeField' | 'labelFrField' | 'labelArField', required: boolean) => (
    <div className="planner-field">
      <label htmlFor={`${id}-${key}`}>{t(`planner.mapping.${key}` as const)}</label>
      <select id={`${id}-${key}`} value={mapping[key]} required={required} onChange={(e) => setMapping({ ...mapping, [key]: e.target.value })}>
        <option value="">{required ? t('planner.mapping.choose') : t('planner.mapping.none')}</option>
        {fields.map((f) => (
          <option key={f} value={f}>{f}</option>
        ))}
      </select>
    </div>
  );

  return (
    <section className="planner-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('planner.upload.title')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="planner-grid">
          <div className="planner-field">
            <label htmlFor={`${id}-file`}>{t('planner.upload.file')}</label>
            <input
              id={`${id}-file`} type="file" accept=".geojson,.json,.zip,.gpkg,application/geo+json,application/zip"
              aria-describedby={`${id}-file-hint`} onChange={(e) => onFile(e.target.files?.[0] ?? null)}
            />
            <p id={`${id}-file-hint`} className="muted planner-hint">{t('planner.upload.fileHint')}</p>
          </div>
          <div className="planner-field">
            <label htmlFor={`${id}-plan`}>{t('planner.upload.plan')}</label>
            <select id={`${id}-plan`} value={planCode} onChange={(e) => setPlanCode(e.target.value)}>
              <option value="">{t('planner.upload.newPlan')}</option>
              {official.map((p) => (
                <option key={p.id} value={p.code}>{t('planner.upload.newVersion', { plan: pickText(p.name, lang) || p.code, version: p.versionNo + 1 })}</option>
              ))}
            </select>
          </div>
          {planCode === '' && (
            <>
            <div className="planner-field">
              <label htmlFor={`${id}-kind`}>{t('planner.upload.kind')}</label>
              <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PlanKind)}>
                {PLAN_KINDS.map((k) => (
                  <option key={k} value={k}>{t(`planner.kind.${k}` as const)}</option>
                ))}
              </select>
            </div>
            <div className="planner-field">
              <label htmlFor={`${id}-name`}>{t('planner.upload.name')}</label>
              <input id={`${id}-name`} type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} lang="fr" dir="ltr" />
            </div>
            <div className="planner-field">
              <label htmlFor={`${id}-nameAr`}>{t('planner.upload.nameAr')}</label>
              <input id={`${id}-nameAr`} type="text" maxLength={200} value={nameAr} onChange={(e) => setNameAr(e.target.value)} lang="ar" dir="rtl" />
            </div>
            </>
          )}
        </div>

        {attributes.state === 'reading' && <p role="status">{t('planner.mapping.reading')}</p>}
        {attributes.state === 'error' && (
          <p role="alert" className="planner-error" data-code={attributes.error.code}>
            {t('planner.upload.unreadable', { message: attributes.error.message })}
          </p>
        )}
        {((attributes.state === 'error' && attributes.error.code === 'import_layer_choice') || layer !== '') && file && (
          <div className="planner-actions planner-layer">
            <div className="planner-field">
              <label htmlFor={`${id}-layer`}>{t('planner.upload.layer')}</label>
              <input id={`${id}-layer`} type="text" maxLength={120} value={layer} onChange={(e) => setLayer(e.target.value)} dir="ltr" />
            </div>
            <button type="button" disabled={layer.trim() === ''} onClick={() => void readAttributes(file)}>{t('planner.upload.readLayer')}</button>
          </div>
        )}
        {attributes.state === 'ok' && (
          <fieldset className="planner-mapping">
            <legend>{t('planner.mapping.title')}</legend>
            <p className="muted">
              {mapping.cnig ? t('planner.mapping.cnig') : t('planner.mapping.fields', { fields: fields.join(', ') || '—' })}
            </p>
            <div className="planner-grid">
              {fieldSelect('codeField', true)}
              {fieldSelect('labelFrField', false)}
              {fieldSelect('labelArField', false)}
            </div>
          </fieldset>
        )}

        {error && (
          <p role="alert" className="planner-error" data-code={error.code}>
            {error.status === 0 ? t('error.network') : error.message}
          </p>
        )}
        {done && <p role="status" className="planner-ok">{done}</p>}
        <button type="submit" className="primary" disabled={busy || attributes.state !== 'ok' || mapping.codeField === '' || (planCode === '' && name.trim() === '')}>
          {busy ? t('planner.upload.busy') : t('planner.upload.submit')}
        </button>
      </form>
      {rejected && <ReportView report={rejected} zones={null} bbox={null} />}
    </section>
  );
}
