// The parcels the visitor bookmarked, newest first: each reopens its sheet on the map, or is removed.
import type { Bookmark } from '../lib/bookmarks.js';
import { useI18n } from '../i18n/index.js';
import { formatDate, pickText } from '../lib/format.js';
import { ToolCard } from './ToolCard.js';
import { useBookmarks } from './useBookmarks.js';

export function BookmarksCard({ onOpen, onClose }: { onOpen(b: Bookmark): void; onClose(): void }) {
  const { lang, t } = useI18n();
  const { list, remove, failed } = useBookmarks();
  return (
    <ToolCard name="bookmarks" title={t('bookmarks.title')} onClose={onClose}>
      {list.length === 0 ? (
        <p className="muted">{t('bookmarks.empty')}</p>
      ) : (
        <ul className="bookmarks">
          {list.map((b) => (
            <li key={b.id}>
              <button type="button" className="link bookmark-open" onClick={() => onOpen(b)} aria-label={t('bookmarks.open', { ref: b.ref })}>
                <bdi>{b.ref}</bdi>
              </button>
              <span className="muted small">
                {b.commune ? `${pickText(b.commune, lang)} · ` : ''}
                {t('bookmarks.savedOn', { date: formatDate(b.savedAt.slice(0, 10), lang) })}
              </span>
              <button type="button" className="icon-button" onClick={() => remove(b.id)} aria-label={t('bookmarks.remove', { ref: b.ref })} title={t('bookmarks.remove', { ref: b.ref })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {failed && <p role="alert" className="warn">{t('bookmarks.storageFailed')}</p>}
      <p className="muted small">{t('bookmarks.note')}</p>
    </ToolCard>
  );
}
