// Search by parcel reference ("TF 1234/11"), zone code, commune or plan name (GET /api/search), as a
// combobox (WAI-ARIA APG pattern): arrows move through the results, Enter chooses, Escape closes.
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchHit, SearchResult } from '../../server/search/schemas.js';
import { ApiError, apiPath, errorMessage, getJson } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { pickText } from '../lib/format.js';

const DEBOUNCE_MS = 250;
const MIN_LENGTH = 2;

type Results = { q: string; hits: SearchHit[] } | { q: string; error: string } | null;

export function SearchBox({ onChoose }: { onChoose(hit: SearchHit): void }) {
  const { lang, t } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Results>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const query = q.trim();
    if (query.length < MIN_LENGTH) {
      setResults(null);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      getJson<SearchResult>(apiPath('/api/search', { q: query, lang, limit: 10 }), ctl.signal).then(
        (r) => {
          setResults({ q: query, hits: r.results });
          setActive(-1);
        },
        (e: unknown) => {
          if (!ctl.signal.aborted) setResults({ q: query, error: e instanceof ApiError ? errorMessage(e, t) : String(e) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, lang, t]);

  const hits = results && 'hits' in results ? results.hits : [];
  const expanded = open && results != null;
  const choose = (hit: SearchHit) => {
    setOpen(false);
    setActive(-1);
    onChoose(hit);
  };

  const status =
    results == null
      ? ''
      : 'error' in results
        ? t('search.error', { message: results.error })
        : hits.length === 0
          ? t('search.none', { q: results.q })
          : t('search.count', { count: hits.length });

  return (
    <div className="search" role="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-hit-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && hits.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % hits.length);
          } else if (e.key === 'ArrowUp' && hits.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a <= 0 ? hits.length - 1 : a - 1));
          } else if (e.key === 'Enter') {
            const hit = hits[active >= 0 ? active : 0];
            if (hit && expanded) {
              e.preventDefault();
              choose(hit);
            }
          } else if (e.key === 'Escape') {
            if (expanded) setOpen(false);
            else setQ('');
          }
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={t('search.label')} className="search-results" hidden={!expanded}>
        {hits.map((hit, i) => (
          <li
            key={`${hit.type}-${hit.id}`}
            id={`${id}-hit-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // mousedown would blur the input and close the list before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(hit)}
          >
            <span className={`hit-type hit-${hit.type}`}>{t(`search.type.${hit.type}`)}</span>
            <span className="hit-label">{pickText(hit.label, lang)}</span>
            {hit.detail && <span className="hit-detail">{pickText(hit.detail, lang)}</span>}
          </li>
        ))}
        {expanded && hits.length === 0 && (
          <li className="muted" role="presentation">
            {status}
          </li>
        )}
      </ul>
      <div className="visually-hidden" role="status" aria-live="polite">
        {open ? status : ''}
      </div>
    </div>
  );
}
