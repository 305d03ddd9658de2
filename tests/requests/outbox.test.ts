// Notifications go out through a real SMTP conversation with a local sink (smtp-server on a loopback
// port, started here). The sink refuses the first message with a temporary error: the worker retries
// after its backoff, and the applicant receives the e-mail once.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';
import { driouchParcel, submitted } from './helpers.js';

interface Received { to: string[]; file: string; raw: string; text: string }
const received: Received[] = [];
/** Files whose first message was refused (other files' notifications left pending in the shared test database may come too). */
const refused = new Set<string>();
let sink: SMTPServer;
let app: FastifyInstance;

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        // A temporary failure (RFC 5321 §4.2.1, 4yz) the first time for each file: the sender must try again later.
        const file = /^X-Tasmim-File: (\S+)/im.exec(raw)?.[1] ?? '';
        if (!refused.has(file)) {
          refused.add(file);
          const err = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
          return callback(err);
        }
        // The text is sent base64-encoded (outbox.ts): decoded here as a mail reader would.
        const text = Buffer.from(raw.split(/\r?\n\r?\n/).slice(1).join('').replace(/\s+/g, ''), 'base64').toString('utf8');
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), file, raw, text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const { port } = sink.server.address() as AddressInfo;
  app = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Agence <no-reply@test.invalid>', OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '300' });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the outbox', () => {
  it('delivers the receipt to the applicant through SMTP after a temporary refusal', async () => {
    const file = await submitted(app, (await driouchParcel(2)).reference);
    const mail = await until('the e-mail', async () => received.find((m) => m.file === file.fileNumber));
    expect(mail.to).toEqual(['fatima.elamrani@example.invalid']);
    expect(mail.raw).toMatch(/^Subject: /m);
    expect(mail.text).toContain(`Votre demande de note de renseignements urbanistiques a été reçue sous le numéro ${file.fileNumber}`);
    // The tracking code and the identity are never mailed (only the code's holder reads the file).
    expect(mail.raw + mail.text).not.toContain(file.trackingCode);
    expect(mail.text).not.toMatch(/S123456|Fatima/);
    expect(refused.has(file.fileNumber)).toBe(true);
    const row = await until('the sent state', () =>
      one<{ state: string; attempts: number; last_error: string | null; sent_at: Date | null }>(
        `SELECT n.state, n.attempts, n.last_error, n.sent_at FROM request_notifications n JOIN requests r ON r.id = n.request_id WHERE r.file_number = $1`,
        [file.fileNumber],
      ).then((r) => (r.state === 'sent' ? r : null)),
    );
    expect(row.attempts).toBe(2);
    expect(row.sent_at).not.toBeNull();
    // The status page shows it too, as sent.
    const v = (await app.inject({ url: `/api/requests/${file.fileNumber}`, headers: { 'x-tracking-code': file.trackingCode } })).json();
    expect(v.notifications[0]).toMatchObject({ state: 'sent' });
    expect(received.filter((m) => m.file === file.fileNumber)).toHaveLength(1);
  });
});
