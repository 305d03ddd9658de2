import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import '../styles.css';
import './desk.css';
import { loadCatalogue, useI18n } from '../i18n/index.js';
import { RequestForm, type Receipt } from './RequestForm.js';
import { Shell, startLang } from './shell.js';
import { StatusPage } from './StatusPage.js';

function Receipt({ r }: { r: Receipt }) {
  const { t } = useI18n();
  return (
    <section className="desk-card desk-receipt" role="status">
      <h2>{t('req.receipt.title')}</h2>
      <p>{t('req.receipt.fileNumber')} <strong className="file-number" dir="ltr">{r.fileNumber}</strong></p>
      <p>{t('req.receipt.code')} <strong className="tracking-code" dir="ltr">{r.trackingCode}</strong></p>
      <p className="small">{t('req.receipt.keep')}</p>
    </section>
  );
}

function Desk() {
  const { t } = useI18n();
  const params = new URLSearchParams(location.search);
  const [tab, setTab] = useState<'new' | 'follow'>(params.get('file') ? 'follow' : 'new');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  return (
    <>
      <nav className="desk-tabs" aria-label={t('req.nav')}>
        <button type="button" aria-pressed={tab === 'new'} onClick={() => setTab('new')}>{t('req.nav.new')}</button>
        <button type="button" aria-pressed={tab === 'follow'} onClick={() => setTab('follow')}>{t('req.nav.follow')}</button>
      </nav>
      {tab === 'new' && (receipt ? <Receipt r={receipt} /> : <RequestForm initialRef={params.get('ref') ?? ''} onDone={setReceipt} />)}
      {tab === 'follow' && <StatusPage initial={receipt ? { fileNumber: receipt.fileNumber, code: receipt.trackingCode } : params.get('file') ? { fileNumber: params.get('file')!, code: '' } : null} />}
    </>
  );
}

const lang = startLang();
await loadCatalogue(lang);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shell initial={lang} title="req.title">
      <Desk />
    </Shell>
  </StrictMode>,
);
