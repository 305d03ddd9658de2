// The frame of a map tool (measure, bookmarks, share, go to coordinates): a region named by its
// heading, over the map beside the toolbar, with a close button; Escape closes it and the focus goes
// back to the toolbar button that opened it.
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import { useFocusTrap } from './focus.js';

export interface ToolCardProps {
  name: string;
  title: string;
  onClose(): void;
  children: ReactNode;
}

export function ToolCard({ name, title, onClose, children }: ToolCardProps) {
  const { t } = useI18n();
  const id = useId();
  const root = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusTrap(root, false);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <section
      ref={root}
      className={`tool-card tool-${name}`}
      aria-labelledby={id}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="tool-head">
        <h2 id={id} tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <div className="tool-body">{children}</div>
    </section>
  );
}
