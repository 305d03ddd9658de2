// Bookmarks kept in the browser: read leniently, written newest first, each parcel once, capped.
import { describe, expect, it } from 'vitest';
import { BOOKMARKS_KEY, MAX_BOOKMARKS, addBookmark, readBookmarks, removeBookmark, writeBookmarks } from '../../client/lib/bookmarks.js';
import type { Bookmark } from '../../client/lib/bookmarks.js';

function memory(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[BOOKMARKS_KEY, initial]]);
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    raw: () => data.get(BOOKMARKS_KEY),
  };
}

const mark = (id: number, over: Partial<Bookmark> = {}): Bookmark => ({
  id,
  ref: `TF ${id}/11`,
  commune: { ar: 'الناظور', fr: 'Nador' },
  bbox: [-2.931, 35.169, -2.93, 35.17],
  savedAt: '2026-05-01T10:00:00.000Z',
  ...over,
});

describe('bookmarks', () => {
  it('round-trips through storage, newest first, each parcel once', () => {
    const store = memory();
    let list = addBookmark([], mark(1));
    list = addBookmark(list, mark(2));
    list = addBookmark(list, mark(1, { savedAt: '2026-05-02T10:00:00.000Z' }));
    expect(list.map((b) => b.id)).toEqual([1, 2]);
    expect(writeBookmarks(store, list)).toBe(true);
    expect(readBookmarks(store)).toEqual(list);
    expect(removeBookmark(list, 1).map((b) => b.id)).toEqual([2]);
  });

  it('reads nothing rather than fail on a broken or foreign value', () => {
    expect(readBookmarks(memory())).toEqual([]);
    expect(readBookmarks(memory('not json'))).toEqual([]);
    expect(readBookmarks(memory('{"a":1}'))).toEqual([]);
    const mixed = JSON.stringify([mark(3), { id: 'x' }, mark(4, { bbox: [1, 2, 3] as unknown as Bookmark['bbox'] }), mark(3), mark(5, { commune: null })]);
    expect(readBookmarks(memory(mixed)).map((b) => b.id)).toEqual([3, 5]);
  });

  it('keeps at most MAX_BOOKMARKS, dropping the oldest', () => {
    let list: Bookmark[] = [];
    for (let i = 1; i <= MAX_BOOKMARKS + 5; i++) list = addBookmark(list, mark(i));
    expect(list).toHaveLength(MAX_BOOKMARKS);
    expect(list[0]!.id).toBe(MAX_BOOKMARKS + 5);
    expect(list.some((b) => b.id === 1)).toBe(false);
  });

  it('says so when the browser refuses to store', () => {
    const full = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(writeBookmarks(full, [mark(1)])).toBe(false);
  });
});
