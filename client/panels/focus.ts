// Keyboard focus for what opens over the page (dialogs, the phone's drawer, tool cards): keep Tab inside
// while it is open (a trap), and give the focus back to where it was when it closes (a return), as the
// WAI-ARIA dialog pattern asks.
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), summary';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'));
}

/**
 * While `trap` is true, Tab and Shift+Tab cycle inside the element. When the component unmounts, the
 * focus goes back to the element that had it when it mounted, if the focus was inside (or nowhere).
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, trap: boolean): void {
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = document.activeElement;
    const root = ref.current;
    return () => {
      const back = opener.current;
      const active = document.activeElement;
      const lost = active == null || active === document.body || (root != null && (root.contains(active) || !active.isConnected));
      if (lost && back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    };
  }, [ref]);
  useEffect(() => {
    const root = ref.current;
    if (!trap || !root) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const items = focusables(root);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (e.shiftKey && (active === first || !root.contains(active))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !root.contains(active))) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ref, trap]);
}

/** Whether the page is laid out for a phone (the sheet as a drawer, the panels over the map). */
export const NARROW = '(max-width: 700px)';

export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const m = matchMedia(query);
    const on = () => setMatches(m.matches);
    on();
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return matches;
}
