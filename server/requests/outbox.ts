// The notifications outbox (migration 0011): rows are written in the transaction of the step they tell
// about, and this worker sends them by SMTP when SMTP_URL is set. A failed send is retried with
// exponential backoff (base × 2^attempts) up to maxAttempts, then marked failed; the status page shows
// every notification whatever happened to its e-mail. Rows are claimed with a lease (next_attempt_at moved
// ahead, FOR UPDATE SKIP LOCKED), so several server instances never send one twice at the same time, and
// no transaction stays open during an SMTP conversation. Logs name the notification, never the address.
import nodemailer, { type Transporter } from 'nodemailer';
import type pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';

export interface OutboxSettings {
  smtpUrl: string;
  from: string;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
}

interface Due { id: number; attempts: number; email: string; fileNumber: string; subject: string; body: string }

const LEASE_MS = 5 * 60_000;

export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly transport: Transporter;

  constructor(
    private readonly db: pg.Pool,
    private readonly settings: OutboxSettings,
    private readonly log: FastifyBaseLogger,
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((err: Error) => this.log.warn({ err: { message: err.message } }, 'outbox: tick failed'))
        .finally(() => (this.running = null));
    }, this.settings.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }

  /** Sends what is due now; answers how many were sent. */
  async tick(): Promise<number> {
    const { rows } = await this.db.query<Due>(
      `UPDATE request_notifications n SET next_attempt_at = now() + make_interval(secs => $1::double precision / 1000)
        FROM requests r
       WHERE r.id = n.request_id AND n.id IN (
             SELECT id FROM request_notifications WHERE state = 'pending' AND next_attempt_at <= now()
              ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED)
       RETURNING n.id::int, n.attempts, r.email, r.file_number AS "fileNumber", n.subject, n.body`,
      [LEASE_MS],
    );
    let sent = 0;
    for (const n of rows) {
      try {
        // The file number in a header lets the agency's mail tools (and the tests) thread by file.
        await this.transport.sendMail({
          from: this.settings.from, to: n.email, subject: n.subject, text: n.body, textEncoding: 'base64', headers: { 'X-Tasmim-File': n.fileNumber },
        });
        await this.db.query(`UPDATE request_notifications SET state = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`, [n.id]);
        sent++;
      } catch (err) {
        const attempts = n.attempts + 1;
        const delay = this.settings.retryBaseMs * 2 ** n.attempts;
        const reason = String((err as { responseCode?: number; code?: string }).responseCode ?? (err as { code?: string }).code ?? 'error');
        await this.db.query(
          `UPDATE request_notifications SET attempts = $2::int, last_error = $3,
                  state = CASE WHEN $2::int >= $4::int THEN 'failed' ELSE 'pending' END,
                  next_attempt_at = now() + make_interval(secs => $5::double precision / 1000) WHERE id = $1`,
          [n.id, attempts, reason, this.settings.maxAttempts, delay],
        );
        this.log.warn({ notification: n.id, attempts, reason }, 'outbox: sending failed, will retry');
      }
    }
    return sent;
  }
}
