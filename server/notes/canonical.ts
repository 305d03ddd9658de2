// The hash of a note's content. jsonb does not keep the key order it was given, so the content is hashed
// in a canonical form anyone can recompute from the JSON the verification route returns: object keys
// sorted by UTF-16 code units, no whitespace, numbers and strings as JSON.stringify writes them (the
// ordering rule of RFC 8785, JSON Canonicalization Scheme; our numbers are plain decimals, for which
// JSON.stringify and RFC 8785 agree).
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('content holds a non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function contentSha256(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
