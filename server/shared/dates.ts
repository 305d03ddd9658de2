import { AppError } from '../errors.js';

/** Today in the agency's time zone (Morocco, Africa/Casablanca), as YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date());
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
