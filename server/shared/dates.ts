import { AppError } from '../errors.js';

// Made once: building an Intl.DateTimeFormat costs about a millisecond of CPU, and every tile asks for
// today's date (the bench's profile of cached tiles had it as the largest cost).
const AGENCY_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' });

let day = { value: '', until: 0 };

/** Today in the agency's time zone (Morocco, Africa/Casablanca), as YYYY-MM-DD (re-read at most once a second). */
export function today(): string {
  const now = Date.now();
  if (now >= day.until) day = { value: AGENCY_DAY.format(new Date(now)), until: now + 1000 };
  return day.value;
}

/** `?at=` → a real calendar date (2024-02-30 is refused), or today. */
export function resolveAt(at: string | undefined): string {
  if (at === undefined) return today();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y >= 1900 && y <= 2200 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return at;
  }
  throw new AppError('invalid_date', { value: at });
}
