// Personal data stays out of the logs (law 09-08, art. 23), even at the most verbose level, through a
// whole request's life; and the desk is rate-limited per address.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { as, login, makeUser } from '../accounts/helpers.js';
import { buildTestApp } from '../helpers/app.js';
import { driouchParcel, expectError, submitted } from './helpers.js';

const lines: string[] = [];
let app: FastifyInstance;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '0', LOG_LEVEL: 'trace' } as NodeJS.ProcessEnv);
  app = await buildApp({ ...config, DATABASE_URL: inject('databaseUrl') }, { logStream: sink });
});
afterAll(() => app.close());

describe('the logs of a request’s life', () => {
  it('record the requests but none of the applicant’s data nor the code', async () => {
    const file = await submitted(app, (await driouchParcel(4)).reference);
    await app.inject({ url: `/api/requests/${file.fileNumber}`, headers: { 'x-tracking-code': file.trackingCode } });
    await app.inject({ url: `/api/requests/${file.fileNumber}`, headers: { 'x-tracking-code': 'WRONG' } });
    const staff = await login(app, await makeUser('instructor'));
    await app.inject({ url: `/api/instruct/requests/${file.fileNumber}`, ...as(staff) });
    const log = lines.join('');
    // The log is there: the requests are in it (the test would pass on an empty log otherwise).
    expect(log).toContain('"url":"/api/requests"');
    expect(log).toContain(`/api/instruct/requests/${file.fileNumber}`);
    for (const secret of ['Fatima', 'El Amrani', 'S123456', 'S 123456', '0612345678', '06 12 34 56 78', 'fatima.elamrani', file.trackingCode, staff.csrfToken]) {
      expect(log, secret).not.toContain(secret);
    }
  });
});

describe('rate limits', () => {
  it('answer 429 after 20 submissions an hour from one address, with the one error shape', async () => {
    const limited = await buildTestApp();
    try {
      const post = () => limited.inject({ method: 'POST', url: '/api/requests', payload: {}, remoteAddress: '10.99.0.1', headers: { 'accept-language': 'en' } });
      for (let i = 0; i < 20; i++) expect((await post()).statusCode).toBe(400);
      const res = await post();
      expectError(res, 429, 'rate_limited', /try again/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      const other = await limited.inject({ method: 'POST', url: '/api/requests', payload: {}, remoteAddress: '10.99.0.2' });
      expect(other.statusCode).toBe(400);
    } finally {
      await limited.close();
    }
  });
});
