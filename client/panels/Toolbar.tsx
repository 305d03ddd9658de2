// The map's tools, at the map's inline-start top corner (mirrored in Arabic): toggles for the tool cards
// (aria-pressed) and buttons that open the compare and print views. Icons are drawn inline (no sprite,
// no icon font); each button is named by its text, shown beside the icon on wide screens.
import type { ReactNode, RefObject } from 'react';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/index.js';

export type Tool = 'measure' | 'bookmarks' | 'share' | 'goto';
export type View = 'compare' | 'print';

const ICONS: Record<Tool | View, ReactNode> = {
  measure: <path d="M3 17 17 3l4 4L7 21zM7 13l2 2m1-5 2 2m1-5 2 2" />,
  compare: <path d="M4 4h16v16H4zM12 2v20" />,
  print: <path d="M7 9V3h10v6M7 17H4V9h16v8h-3M7 14h10v7H7z" />,
  share: <path d="M6 12a2 2 0 1 0 0 .01M18 6a2 2 0 1 0 0 .01M18 18a2 2 0 1 0 0 .01M8 11l8-4M8 13l8 4" />,
  bookmarks: <path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2-5.5-2.9-5.5 2.9 1-6.2L3 9.6l6.2-.9z" />,
  goto: <path d="M12 2v5m0 10v5M2 12h5m10 0h5M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z" />,
};

const LABELS: Record<Tool | View, MessageKey> = {
  measure: 'tools.measure',
  compare: 'tools.compare',
  print: 'tools.print',
  share: 'tools.share',
  bookmarks: 'tools.bookmarks',
  goto: 'tools.goto',
};

function Icon({ name }: { name: Tool | View }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" className="tool-icon">
      {ICONS[name]}
    </svg>
  );
}

export interface ToolbarProps {
  tool: Tool | null;
  onTool(tool: Tool): void;
  onView(view: View): void;
  /** The buttons, so that a closed tool can give them the focus back. */
  buttons: RefObject<Partial<Record<Tool | View, HTMLButtonElement | null>>>;
}

const TOOLS: readonly Tool[] = ['measure', 'goto', 'bookmarks', 'share'];
const VIEWS: readonly View[] = ['compare', 'print'];

export function Toolbar({ tool, onTool, onView, buttons }: ToolbarProps) {
  const { t } = useI18n();
  const button = (name: Tool | View, pressed: boolean | undefined, onClick: () => void) => (
    <button
      key={name}
      ref={(el) => {
        buttons.current[name] = el;
      }}
      type="button"
      className={`tool-button tool-button-${name}`}
      aria-pressed={pressed}
      aria-haspopup={pressed === undefined && name === 'print' ? 'dialog' : undefined}
      title={t(LABELS[name])}
      onClick={onClick}
    >
      <Icon name={name} />
      <span className="tool-text">{t(LABELS[name])}</span>
    </button>
  );
  return (
    <div className="toolbar" role="group" aria-label={t('tools.label')}>
      {TOOLS.map((name) => button(name, tool === name, () => onTool(name)))}
      {VIEWS.map((name) => button(name, undefined, () => onView(name)))}
    </div>
  );
}
