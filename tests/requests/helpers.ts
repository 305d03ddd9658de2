// Requests for tests: real multipart bodies (the platform's FormData, as a browser would send them), a
// parcel of Driouch from the seeded sample, and small but real PDF and PNG files.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { one } from '../helpers/db.js';

/** A one-page PDF (what a scanner's "save as PDF" makes, in miniature). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export function png(width = 8, height = 8): Buffer {
  const p = new PNG({ width, height });
  p.data.fill(200);
  return PNG.sync.write(p);
}

/** A current parcel of the commune of Driouch (HCP code 021670109) under its development plan; `skip` picks another. */
export const driouchParcel = (skip = 0) =>
  one<{ id: number; reference: string; lon: number; lat: number }>(
    `SELECT p.id::int AS id, p.reference, ST_X(ST_PointOnSurface(p.geom_4326)) AS lon, ST_Y(ST_PointOnSurface(p.geom_4326)) AS lat
       FROM parcels p JOIN communes c ON c.id = p.commune_id AND c.code = '021670109'
      WHERE p.valid_to IS NULL AND EXISTS (SELECT 1 FROM zoning_of(p.geom_4326, CURRENT_DATE) z)
      ORDER BY p.id OFFSET $1 LIMIT 1`,
    [skip],
  );

export interface Part { name: string; value: string | Buffer; filename?: string; type?: string }

export async function multipart(parts: Part[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const fd = new FormData();
  for (const p of parts) {
    if (typeof p.value === 'string' && p.filename === undefined) fd.append(p.name, p.value);
    else fd.append(p.name, new Blob([new Uint8Array(p.value as Buffer)], { type: p.type ?? 'application/octet-stream' }), p.filename ?? 'file');
  }
  const res = new Response(fd);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

export function applicantParts(reference: string, over: Partial<Record<string, string>> = {}): Part[] {
  const fields: Record<string, string> = {
    selection: JSON.stringify({ type: 'parcels', references: [reference] }),
    name: 'Fatima Zahra El Amrani',
    cin: 'S 123456',
    phone: '06 12 34 56 78',
    email: 'fatima.elamrani@example.invalid',
    capacity: 'owner',
    purpose: 'Construction d’une maison familiale R+1',
    lang: 'fr',
    consent: 'true',
    ...over,
  };
  return Object.entries(fields).filter(([, v]) => v !== '').map(([name, value]) => ({ name, value: value! }));
}

export const certificate = (value: Buffer = PDF, filename = 'certificat.pdf'): Part => ({ name: 'certificate', value, filename, type: 'application/pdf' });

export async function submit(app: FastifyInstance, parts: Part[], headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const body = await multipart(parts);
  return app.inject({ method: 'POST', url: '/api/requests', payload: body.payload, headers: { 'accept-language': 'en', ...body.headers, ...headers } });
}

export async function submitted(app: FastifyInstance, reference: string): Promise<{ fileNumber: string; trackingCode: string }> {
  const res = await submit(app, [...applicantParts(reference), certificate(), { name: 'plan', value: png(), filename: 'plan.png', type: 'image/png' }]);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export function expectError(res: LightMyRequestResponse, status: number, code: string, words?: RegExp) {
  expect(res.statusCode, res.body).toBe(status);
  const err = res.json().error;
  expect(err.code).toBe(code);
  if (words) expect(err.message).toMatch(words);
}
