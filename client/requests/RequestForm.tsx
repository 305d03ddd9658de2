// The request for the official note: the land (a parcel by its land-title reference, a tap on the map,
// or Lambert coordinates), the applicant, the documents and the personal-data notice (law 09-08).
import { useState, type FormEvent } from 'react';
import type { Selection } from '../../server/selection/schemas.js';
import { ApiError, errorMessage, getJson } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { call } from './http.js';
import { lambertSelection } from './land.js';
import { ParcelMap } from './ParcelMap.js';

type Mode = 'reference' | 'map' | 'lambert';
export interface Receipt { fileNumber: string; trackingCode: string }

export function RequestForm({ onDone, initialRef }: { onDone(r: Receipt): void; initialRef: string }) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<Mode>('reference');
  const [reference, setReference] = useState(initialRef);
  const [picked, setPicked] = useState<{ id: number; ref: string } | null>(null);
  const [lambert, setLambert] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const selection = (): Selection | null => {
    if (mode === 'reference') return reference.trim() ? { type: 'parcels', references: [reference.trim()] } : null;
    if (mode === 'map') return picked ? { type: 'parcels', ids: [picked.id] } : null;
    return lambertSelection(lambert);
  };

  async function onPick(p: { parcelId: number | null }) {
    if (p.parcelId == null) return;
    const sheet = await getJson<{ parcel: { id: number; reference: string } }>(`/api/parcels/${p.parcelId}`).catch(() => null);
    if (sheet) setPicked({ id: sheet.parcel.id, ref: sheet.parcel.reference });
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const sel = selection();
    if (!sel) return setError(t(mode === 'lambert' ? 'req.land.lambertInvalid' : 'req.land.missing'));
    const data = new FormData(e.currentTarget);
    data.set('selection', JSON.stringify(sel));
    data.set('lang', lang);
    setBusy(true);
    setError(null);
    try {
      onDone(await call<Receipt>('/api/requests', { body: data }));
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err, t) : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="desk-card" onSubmit={submit} aria-busy={busy}>
      <h2>{t('req.form.title')}</h2>
      <p className="small">{t('req.form.intro')}</p>
      <fieldset>
        <legend>{t('req.land.legend')}</legend>
        <div className="desk-tabs" role="radiogroup">
          {(['reference', 'map', 'lambert'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} /> {t(`req.land.${m}`)}
            </label>
          ))}
        </div>
        {mode === 'reference' && (
          <label>
            {t('req.land.referenceLabel')}
            <input name="reference" value={reference} onChange={(e) => setReference(e.target.value)} placeholder="TF 1234/11" autoComplete="off" />
          </label>
        )}
        {mode === 'map' && (
          <>
            <ParcelMap onPick={(p) => void onPick(p)} />
            <p className="small" role="status">{picked ? t('req.land.picked', { ref: picked.ref }) : t('req.land.tap')}</p>
          </>
        )}
        {mode === 'lambert' && (
          <label>
            {t('req.land.lambertLabel')}
            <textarea value={lambert} onChange={(e) => setLambert(e.target.value)} rows={4} dir="ltr" placeholder={'725000 510000\n725040 510000\n725040 510030'} />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('req.applicant.legend')}</legend>
        <label>{t('req.applicant.name')}<input name="name" required autoComplete="name" /></label>
        <label>{t('req.applicant.cin')}<input name="cin" required placeholder="AB123456" autoComplete="off" dir="ltr" /></label>
        <label>{t('req.applicant.phone')}<input name="phone" type="tel" required autoComplete="tel" dir="ltr" /></label>
        <label>{t('req.applicant.email')}<input name="email" type="email" required autoComplete="email" dir="ltr" /></label>
        <label>
          {t('req.applicant.capacity')}
          <select name="capacity" defaultValue="owner">
            <option value="owner">{t('req.capacity.owner')}</option>
            <option value="mandated">{t('req.capacity.mandated')}</option>
          </select>
        </label>
        <label>{t('req.applicant.purpose')}<textarea name="purpose" required rows={3} /></label>
      </fieldset>
      <fieldset>
        <legend>{t('req.docs.legend')}</legend>
        <p className="small">{t('req.docs.hint')}</p>
        <label>{t('req.docs.certificate')}<input name="certificate" type="file" accept="application/pdf,image/png,image/jpeg" required /></label>
        <label>{t('req.docs.plan')}<input name="plan" type="file" accept="application/pdf,image/png,image/jpeg" /></label>
      </fieldset>
      <fieldset>
        <legend>{t('req.privacy.legend')}</legend>
        <p className="small">{t('req.privacy.notice')}</p>
        <label className="desk-check"><input name="consent" type="checkbox" value="true" required /> {t('req.privacy.accept')}</label>
      </fieldset>
      {error && <p className="desk-error" role="alert">{error}</p>}
      <button className="primary" type="submit" disabled={busy}>{t('req.form.submit')}</button>
    </form>
  );
}
