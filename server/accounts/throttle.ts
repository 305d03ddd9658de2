// Sign-in throttling: at most 5 failed attempts a minute per client address and per account (OWASP
// Authentication Cheat Sheet, "Protect against automated attacks"); the next attempt answers 429 with
// Retry-After until the minute is over. A scrypt hash costs 32 MiB and a third of a second, so the check
// comes before it.
//
// Only failures count, and an attempt reserves its place before the password is checked (it is given
// back when the password was right): staff behind one office address can sign in all day, and a burst of
// parallel guesses cannot slip past the limit while the first ones are being hashed. @fastify/rate-limit
// (registered by server/security.ts for the other routes) counts every request, hence this small counter.
//
// Limits: counters live in this process's memory (several instances each allow 5), bounded to 50,000
// keys (least recently used dropped first). A successful sign-in clears its account's counter, not its
// address's.
import { LRUCache } from 'lru-cache';

export const LOGIN_FAILURES_ALLOWED = 5;
export const LOGIN_WINDOW_MS = 60_000;

interface Window {
  count: number;
  resetAt: number;
}

export class LoginThrottle {
  private readonly windows = new LRUCache<string, Window>({ max: 50_000 });

  constructor(
    private readonly limit = LOGIN_FAILURES_ALLOWED,
    private readonly windowMs = LOGIN_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves one attempt on every key, or none and says how many seconds to wait when one is at its limit. */
  take(keys: string[]): { ok: true } | { ok: false; retryAfterS: number } {
    const t = this.now();
    const windows = keys.map((key) => {
      const w = this.windows.get(key);
      return { key, w: w && w.resetAt > t ? w : { count: 0, resetAt: t + this.windowMs } };
    });
    const full = windows.filter(({ w }) => w.count >= this.limit);
    if (full.length > 0) return { ok: false, retryAfterS: Math.max(1, ...full.map(({ w }) => Math.ceil((w.resetAt - t) / 1000))) };
    for (const { key, w } of windows) this.windows.set(key, { ...w, count: w.count + 1 });
    return { ok: true };
  }

  /** Gives back an attempt reserved by `take` (the password was right). */
  giveBack(key: string): void {
    const w = this.windows.get(key);
    if (w && w.count > 0) this.windows.set(key, { ...w, count: w.count - 1 });
  }

  clear(key: string): void {
    this.windows.delete(key);
  }
}
