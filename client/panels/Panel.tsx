// The frame of the sheets: a region named by its heading (so a screen reader lists it among the
// landmarks), a close button, Escape to close, and the focus moved to the heading when asked. On a
// phone the sheet is a drawer over the map: Tab stays inside it while it is open, and closing it gives
// the focus back to where it was.
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import { NARROW, useFocusTrap, useMediaQuery } from './focus.js';

export interface PanelProps {
  className: string;
  title: string;
  /** The heading takes the focus each time this changes to a non-null value. */
  focusKey: string | null;
  busy: boolean;
  onClose(): void;
  children: ReactNode;
}

export function Panel({ className, title, focusKey, busy, onClose, children }: PanelProps) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const root = useRef<HTMLElement>(null);
  useFocusTrap(root, useMediaQuery(NARROW));
  useEffect(() => {
    if (focusKey != null) heading.current?.focus({ preventScroll: true });
  }, [focusKey]);
  return (
    <section
      ref={root}
      className={`panel ${className}`}
      aria-labelledby={id}
      aria-busy={busy}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="panel-head">
        <h2 id={id} tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
