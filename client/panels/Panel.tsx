// The frame of the sheets: a region named by its heading (so a screen reader lists it among the
// landmarks), a close button, Escape to close, and the focus moved to the heading when asked.
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

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
  useEffect(() => {
    if (focusKey != null) heading.current?.focus({ preventScroll: true });
  }, [focusKey]);
  return (
    <section
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
