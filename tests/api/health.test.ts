import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

it('GET /api/health answers ok when the database answers', async () => {
  const res = await app.inject({ url: '/api/health' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ status: 'ok' });
});

it('serves the OpenAPI document with every route and its schemas', async () => {
  const res = await app.inject({ url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  for (const p of ['/api/health', '/api/plans', '/api/plans/{id}', '/api/plans/{id}/zones', '/api/parcels/{id}', '/api/identify', '/api/search', '/tiles/{source}']) {
    expect(Object.keys(doc.paths), p).toContain(p);
  }
  expect(doc.paths['/api/parcels/{id}'].get.responses['200']).toBeDefined();
});

it('documents the multipart fields of every upload route (read by the routes, not validated by Fastify)', async () => {
  const doc = (await app.inject({ url: '/api/docs/json' })).json();
  const uploads: [string, string][] = [
    ['/api/imports', 'file'],
    ['/api/documents', 'file'],
    ['/api/requests', 'certificate'],
    ['/api/requests/{fileNumber}/reply', 'document'],
    ['/api/reports', 'photo'],
  ];
  for (const [path, filePart] of uploads) {
    const body = doc.paths[path].post.requestBody?.content?.['multipart/form-data']?.schema;
    expect(body, path).toMatchObject({ type: 'object', properties: { [filePart]: { type: 'string', format: 'binary' } } });
  }
});
