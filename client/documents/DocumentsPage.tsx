// The documents library: a search box (Arabic or French, diacritics and accents ignored by the server),
// filters by kind and group, the results with their PDF, and the lookup of a studied file. The query
// lives in the address (?q=&kind=&group=&plan=&lang=), so a search can be shared.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { DocumentList, DocumentSummary } from '../../server/documents/schemas.js';
import type { Lang } from '../../server/shared/schemas.js';
import { apiPath, errorMessage, setApiLanguage, useApi } from '../api.js';
import { I18nContext, loadCatalogue, translator, useI18n } from '../i18n/index.js';
import { formatDate, formatNumber, pickText } from '../lib/format.js';
import { dirOf, LANG_KEY } from '../lib/lang.js';
import { LanguageSwitch } from '../panels/LanguageSwitch.js';
import { IllustrativeMark } from '../panels/PlanBlock.js';
import { AddDocument, RetireButton, useStaff, type Staff } from './StaffTools.js';
import { StudyLookup } from './StudyLookup.js';

const KINDS = ['regulation', 'drawn_plan', 'approval_decree', 'bo_extract', 'inquiry_report', 'law', 'decree', 'building_regulation', 'circular'] as const;

interface Query {
  q: string;
  kind: string;
  group: string;
  plan: string;
}

function readQuery(): Query {
  const p = new URLSearchParams(location.search);
  return { q: p.get('q') ?? '', kind: p.get('kind') ?? '', group: p.get('group') ?? '', plan: p.get('plan') ?? '' };
}

function writeQuery(q: Query, lang: Lang): void {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  p.set('lang', lang);
  history.replaceState(null, '', `${location.pathname}?${p.toString()}`);
}

export function DocumentsPage({ initialLang }: { initialLang: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
    setApiLanguage(lang);
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // private mode: the choice lasts as long as the page
    }
  }, [lang]);
  const change = (l: Lang) => void loadCatalogue(l).then(() => setLang(l));
  return (
    <I18nContext.Provider value={i18n}>
      <Library onLang={change} />
    </I18nContext.Provider>
  );
}

function Library({ onLang }: { onLang(l: Lang): void }) {
  const { lang, t } = useI18n();
  const [query, setQuery] = useState<Query>(readQuery);
  const [draft, setDraft] = useState(query.q);
  const staff = useStaff();
  // A change by staff (a document added or retired) reloads the list: a new path, the same query.
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => writeQuery(query, lang), [query, lang]);
  const path = apiPath('/api/documents', {
    q: query.q || undefined, kind: query.kind || undefined, group: query.group || undefined, plan: query.plan || undefined, limit: 50,
    // Not a filter: a new address after each change by staff, so that the list is asked again.
    r: revision || undefined,
  });
  const result = useApi<DocumentList>(path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...query, q: draft.trim() });
  };
  return (
    <div className="documents-page">
      <header className="documents-header">
        <h1>{t('docs.title')}</h1>
        <nav>
          <a href={`/#lang=${lang}`}>{t('docs.toMap')}</a> <LanguageSwitch onChange={onLang} />
        </nav>
      </header>
      <main>
        <p>{t('docs.intro')}</p>
        <form className="documents-search" role="search" onSubmit={submit}>
          <label>
            {t('docs.searchLabel')}
            <input type="search" name="q" value={draft} placeholder={t('docs.searchPlaceholder')} onChange={(e) => setDraft(e.target.value)} maxLength={200} />
          </label>
          <label>
            {t('docs.group')}
            <select name="group" value={query.group} onChange={(e) => setQuery({ ...query, group: e.target.value })}>
              <option value="">{t('docs.all')}</option>
              <option value="plan">{t('docs.groupPlan')}</option>
              <option value="legal">{t('docs.groupLegal')}</option>
            </select>
          </label>
          <label>
            {t('docs.kind')}
            <select name="kind" value={query.kind} onChange={(e) => setQuery({ ...query, kind: e.target.value })}>
              <option value="">{t('docs.all')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`docKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('docs.searchButton')}</button>
        </form>
        {query.plan && (
          <p>
            {t('docs.filteredPlan', {
              plan: result.state === 'ok' && result.data.documents[0]?.plan ? pickText(result.data.documents[0].plan.name, lang) : query.plan,
            })}{' '}
            ·{' '}
            <button type="button" className="link" onClick={() => setQuery({ ...query, plan: '' })}>
              {t('docs.clearPlan')}
            </button>
          </p>
        )}
        <section aria-live="polite" className="documents-results">
          {result.state === 'error' && <p role="alert">{t('docs.error', { message: errorMessage(result.error, t) })}</p>}
          {(result.state === 'loading' || result.state === 'idle') && <p className="muted">{t('common.loading')}</p>}
          {result.state === 'ok' && (
            <>
              <p className="muted results-count">{t('docs.count', { count: result.data.total })}</p>
              {result.data.documents.length === 0 && <p>{t('docs.none')}</p>}
              <ul className="documents-list">
                {result.data.documents.map((d) => (
                  <DocumentItem key={d.id} doc={d} lang={lang} staff={staff} onRetired={(m) => { setNotice(m); setRevision((r) => r + 1); }} />
                ))}
              </ul>
            </>
          )}
        </section>
        {notice && <p role="status">{notice}</p>}
        <StudyLookup />
        {staff && <AddDocument staff={staff} onDone={() => setRevision((r) => r + 1)} />}
      </main>
    </div>
  );
}

function DocumentItem({ doc, lang, staff, onRetired }: { doc: DocumentSummary; lang: Lang; staff: Staff; onRetired(message: string): void }) {
  const { t } = useI18n();
  const other: Lang = lang === 'ar' ? 'fr' : 'ar';
  const size = doc.fileBytes >= 1024 * 1024 ? `${formatNumber(doc.fileBytes / 1024 / 1024, lang, 1)} MB` : `${formatNumber(Math.max(1, Math.round(doc.fileBytes / 1024)), lang, 0)} KB`;
  return (
    <li className="document" data-document-id={doc.id} data-kind={doc.kind}>
      <h2>
        {pickText(doc.title, lang)} {doc.illustrative && <IllustrativeMark short />}
      </h2>
      <p className="muted" lang={other} dir={dirOf(other)}>
        {pickText(doc.title, other)}
      </p>
      <p>
        {t(`docKind.${doc.kind}`)}
        {doc.number && <> · <bdi>{t('docs.number', { number: doc.number })}</bdi></>}
        {doc.issuedOn && <> · {formatDate(doc.issuedOn, lang)}</>} · {t(`docLang.${doc.language}`)}
        {doc.plan && <> · {t('docs.plan', { plan: pickText(doc.plan.name, lang) })}</>}
      </p>
      {doc.subject && <p className="muted">{doc.subject}</p>}
      <a className="download" href={doc.url} target="_blank" rel="noopener" type="application/pdf">
        {t('docs.download', { size })}
      </a>{' '}
      {staff && <RetireButton staff={staff} id={doc.id} onDone={onRetired} />}
    </li>
  );
}
