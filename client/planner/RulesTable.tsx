// Step 4: the rules of each zone code of the draft, in a table; one code's rules edited in a form below it
// (Arabic and French texts side by side, the numeric rules), saved whole through the drafts API.
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { formatNumber, pickText } from '../lib/format.js';
import { asApiError, send } from './http.js';
import { bodyOf, formOf, NUMBER_FIELDS, type NumberField, type RuleForm } from './rules.js';
import type { DraftDetail } from './types.js';

type ZoneCode = DraftDetail['zoneCodes'][number];

export function RulesTable({ draft, onSaved }: { draft: DraftDetail; onSaved(): void }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const editable = draft.version.state === 'draft';
  const n = (v: number | null) => (v == null ? '—' : formatNumber(v, lang));
  const current = draft.zoneCodes.find((z) => z.code === editing) ?? null;
  return (
    <section className="planner-rules" aria-labelledby="rules-h">
      <h3 id="rules-h">{t('planner.rules.title')}</h3>
      {saved && <p role="status" className="planner-ok">{saved}</p>}
      <div className="planner-table-wrap">
        <table className="planner-table">
          <thead>
            <tr>
              <th scope="col">{t('planner.rules.code')}</th>
              <th scope="col">{t('planner.rules.label')}</th>
              <th scope="col">{t('planner.rules.zones')}</th>
              <th scope="col">{t('planner.rules.maxHeightM')}</th>
              <th scope="col">{t('planner.rules.maxLevels')}</th>
              <th scope="col">{t('planner.rules.cos')}</th>
              <th scope="col">{t('planner.rules.ces')}</th>
              <th scope="col"><span className="visually-hidden">{t('planner.rules.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {draft.zoneCodes.map((z) => (
              <tr key={z.code} data-code={z.code} className={z.regulation ? undefined : 'rules-missing'}>
                <th scope="row">{z.code}</th>
                <td>{pickText(z.label, lang)}</td>
                <td>{z.zones}</td>
                {z.regulation ? (
                  <>
                    <td>{n(z.regulation.maxHeightM)}</td>
                    <td>{n(z.regulation.maxLevels)}</td>
                    <td>{n(z.regulation.cos)}</td>
                    <td>{n(z.regulation.ces)}</td>
                  </>
                ) : (
                  <td colSpan={4} className="warn">{t('planner.rules.missing')}</td>
                )}
                <td>
                  {editable && (
                    <button type="button" onClick={() => { setEditing(z.code); setSaved(null); }} aria-expanded={editing === z.code}>
                      {t('planner.rules.edit', { code: z.code })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {current && editable && (
        <RuleEditor
          key={current.code}
          versionId={draft.version.id}
          zone={current}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setSaved(t('planner.rules.saved', { code: current.code }));
            setEditing(null);
            onSaved();
          }}
        />
      )}
    </section>
  );
}

function RuleEditor({ versionId, zone, onCancel, onSaved }: { versionId: number; zone: ZoneCode; onCancel(): void; onSaved(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [form, setForm] = useState<RuleForm>(() => formOf(zone.regulation));
  const [invalid, setInvalid] = useState<NumberField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof RuleForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const b = bodyOf(form);
    if (!b.ok) {
      setInvalid(b.invalid);
      setError(t('planner.rules.invalid', { fields: b.invalid.map((f) => t(`planner.rules.${f}` as const)).join(', ') }));
      return;
    }
    setInvalid([]);
    setBusy(true);
    try {
      await send(`/api/drafts/${versionId}/regulations/${encodeURIComponent(zone.code)}`, { method: 'PUT', body: b.body });
      onSaved();
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const textArea = (k: keyof RuleForm, l: 'ar' | 'fr', rows = 3) => (
    <div className="planner-field">
      <label htmlFor={`${id}-${k}`}>{t(`planner.rules.${k}` as const)}</label>
      <textarea id={`${id}-${k}`} rows={rows} value={form[k]} onChange={set(k)} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} />
    </div>
  );

  return (
    <form className="planner-rule-editor" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('planner.rules.editing', { code: zone.code })}</h4>
      <fieldset>
        <legend>{t('planner.rules.numbers')}</legend>
        <div className="planner-grid">
          {NUMBER_FIELDS.map((f) => (
            <div className="planner-field" key={f}>
              <label htmlFor={`${id}-${f}`}>{t(`planner.rules.${f}` as const)}</label>
              <input
                id={`${id}-${f}`} type="text" inputMode="decimal" dir="ltr" value={form[f]} onChange={set(f)}
                aria-invalid={invalid.includes(f) || undefined}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('planner.rules.texts')}</legend>
        <p className="muted planner-hint">{t('planner.rules.linesHint')}</p>
        <div className="planner-grid planner-grid-2">
          {textArea('allowedAr', 'ar')}
          {textArea('allowedFr', 'fr')}
          {textArea('forbiddenAr', 'ar')}
          {textArea('forbiddenFr', 'fr')}
          {textArea('parkingAr', 'ar', 2)}
          {textArea('parkingFr', 'fr', 2)}
          {textArea('remarksAr', 'ar', 2)}
          {textArea('remarksFr', 'fr', 2)}
        </div>
        <div className="planner-field">
          <label htmlFor={`${id}-articleRef`}>{t('planner.rules.articleRef')}</label>
          <input id={`${id}-articleRef`} type="text" maxLength={200} value={form.articleRef} onChange={set('articleRef')} />
        </div>
      </fieldset>
      {error && <p role="alert" className="planner-error">{error}</p>}
      <div className="planner-actions">
        <button type="submit" className="primary" disabled={busy}>{t('planner.rules.save', { code: zone.code })}</button>
        <button type="button" onClick={onCancel}>{t('planner.cancel')}</button>
      </div>
    </form>
  );
}
