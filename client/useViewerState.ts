// The viewer's state and its mirror in the URL fragment (lib/urlState.ts): language, layers, the
// selection (a parcel or a clicked point) and the view. The view is not React state (it changes on every
// frame of a pan): the map reports it on moveend and it is written to the URL from a ref.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { Map as MlMap } from 'maplibre-gl';
import type { Lang } from '../server/shared/schemas.js';
import { isCatalogueLoaded, loadCatalogue } from './i18n/index.js';
import { LANG_KEY, chooseLang } from './lib/lang.js';
import { parseHash, serialiseHash } from './lib/urlState.js';
import type { LayerId, LayerState, LayersState, LonLat, UrlState, View } from './lib/urlState.js';

export type Selection =
  | {
      kind: 'parcel';
      id: number;
      /** Move the focus to the sheet once loaded (user action, not a restored link). */
      focus: boolean;
      /** Fit the map to the parcel once loaded (a link without a view). */
      fit: boolean;
    }
  | { kind: 'point'; point: LonLat; zoom: number; autoParcel: boolean; focus: boolean }
  | null;

/** The language the page opens in: the link's, else the visitor's last choice, else the browser's. */
export function initialLang(): Lang {
  return chooseLang(parseHash(location.hash).lang, stored(), browserLanguages());
}

function selectionFrom(s: UrlState): Selection {
  if (s.parcel != null) return { kind: 'parcel', id: s.parcel, focus: false, fit: s.view == null };
  if (s.point) return { kind: 'point', point: s.point, zoom: s.view?.zoom ?? 0, autoParcel: false, focus: false };
  return null;
}

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** localStorage may be disabled (privacy settings): the choice then lasts as long as the page. */
function stored(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

function store(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not kept: the URL still carries it.
  }
}

export function useViewerState(map: RefObject<MlMap | null>) {
  const [initial] = useState(() => parseHash(location.hash));
  const [lang, setLangState] = useState<Lang>(() => chooseLang(initial.lang, stored(), browserLanguages()));
  /** A language whose catalogue is ready (at once if loaded, the usual case: App prefetches them). */
  const showLang = useCallback((l: Lang) => {
    if (isCatalogueLoaded(l)) setLangState(l);
    else void loadCatalogue(l).then(() => setLangState(l));
  }, []);
  /** The visitor's choice: shown, written in the URL and kept for their next visit. */
  const setLang = useCallback(
    (l: Lang) => {
      store(l);
      showLang(l);
    },
    [showLang],
  );
  const [layers, setLayers] = useState<LayersState>(initial.layers);
  const [selection, setSelection] = useState<Selection>(() => selectionFrom(initial));
  const view = useRef<View | null>(initial.view);

  const current = useRef({ lang, layers, selection });
  current.current = { lang, layers, selection };
  /** The project's parcel ids (App keeps the project; the URL carries it so that a link reopens it). */
  const project = useRef<number[]>(initial.project);

  const writeUrl = useCallback(() => {
    const { lang, layers, selection } = current.current;
    const hash = serialiseHash({
      view: view.current,
      layers,
      parcel: selection?.kind === 'parcel' ? selection.id : null,
      point: selection?.kind === 'point' ? selection.point : null,
      project: project.current,
      lang,
    });
    // replaceState: panning must not fill the history with one entry per move.
    if (location.hash.slice(1) !== hash) history.replaceState(history.state, '', `${location.pathname}${location.search}#${hash}`);
  }, []);

  useEffect(writeUrl, [lang, layers, selection, writeUrl]);

  const onMove = useCallback(
    (v: View) => {
      view.current = v;
      writeUrl();
    },
    [writeUrl],
  );

  // A fragment edited by hand or a link followed inside the page: apply it.
  useEffect(() => {
    const onHash = () => {
      const s = parseHash(location.hash);
      if (s.lang) showLang(s.lang);
      setLayers(s.layers);
      setSelection(selectionFrom({ ...s, view: s.view ?? view.current }));
      if (s.view) map.current?.jumpTo({ center: [s.view.lon, s.view.lat], zoom: s.view.zoom });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [map, showLang]);

  const changeLayer = useCallback((id: LayerId, change: Partial<LayerState>) => {
    setLayers((l) => ({ ...l, [id]: { ...l[id], ...change } }));
  }, []);

  const setProjectIds = useCallback(
    (ids: number[]) => {
      project.current = ids;
      writeUrl();
    },
    [writeUrl],
  );

  /** The view as the URL has it (the map reports it on moveend). */
  const getView = useCallback(() => view.current, []);

  return { initial, lang, setLang, layers, changeLayer, selection, setSelection, onMove, getView, setProjectIds };
}
