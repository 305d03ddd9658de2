// Two kinds of input that pass JSON-schema validation but must not reach the handlers:
//  * numbers that are not finite. Ajv coerces the query string "Infinity" or "1e400" to Infinity and then
//    skips minimum/maximum, which it applies to finite numbers only (ajv 8: `isFinite(data) && data > max`),
//    so `?lon=Infinity` passed `maximum: 180`. No route of this API takes an infinite number.
//  * the NUL character in any text. PostgreSQL text cannot hold it and answers an encoding error (a 500
//    where the user's input was at fault): `?q=%00`, or a JSON body with "\u0000".
// Both get a 400 that names the field, in the same form as the schema validation's own messages.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** The first offending path inside `value`, or null. Walks objects and arrays (JSON bodies are bounded by bodyLimit). */
function offending(value: unknown, path: string, depth = 0): { path: string; what: 'number' | 'nul' } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : { path, what: 'number' };
  if (typeof value === 'string') return value.includes('\u0000') ? { path, what: 'nul' } : null;
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return { path: `${path}/${k.replaceAll('\u0000', '\\0')}`, what: 'nul' };
    const hit = offending(v, `${path}/${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

const nulError = (where: string) => new AppError('invalid_request', { detail: `${where} must not contain the NUL character (U+0000)` });

/** preHandler hook: runs after validation and coercion, so it sees the values the handler would get. */
export async function guardInput(req: FastifyRequest): Promise<void> {
  const hit = offending(req.params, 'params') ?? offending(req.query, 'querystring') ?? offending(req.body, 'body');
  if (!hit) return;
  if (hit.what === 'nul') throw nulError(hit.path);
  throw new AppError('invalid_request', { detail: `${hit.path} must be a finite number` });
}

/**
 * The same refusal for text this hook cannot see: the parts of a multipart body, which routes read
 * themselves (server/shared/upload.ts).
 */
export function refuseNul(text: string, where: string): void {
  if (text.includes('\u0000')) throw nulError(where.replaceAll('\u0000', '\\0'));
}
