// The bookmarks as React state shared by every component that shows them (the sheet's button, the
// list), kept in localStorage (lib/bookmarks.ts) and in step with the visitor's other tabs.
import { useCallback, useSyncExternalStore } from 'react';
import { addBookmark, BOOKMARKS_KEY, readBookmarks, removeBookmark, writeBookmarks } from '../lib/bookmarks.js';
import type { Bookmark } from '../lib/bookmarks.js';

const listeners = new Set<() => void>();
let cache: Bookmark[] | null = null;
let failed = false;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled by the browser's settings
  }
}

function snapshot(): Bookmark[] {
  cache ??= (() => {
    const s = storage();
    return s ? readBookmarks(s) : [];
  })();
  return cache;
}

function changed(): void {
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== BOOKMARKS_KEY && e.key !== null) return;
    cache = null;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function save(list: Bookmark[]): void {
  const s = storage();
  failed = !s || !writeBookmarks(s, list);
  cache = list;
  changed();
}

export function useBookmarks() {
  const list = useSyncExternalStore(subscribe, snapshot);
  const add = useCallback((b: Bookmark) => save(addBookmark(snapshot(), b)), []);
  const remove = useCallback((id: number) => save(removeBookmark(snapshot(), id)), []);
  return { list, add, remove, failed };
}
