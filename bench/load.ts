// A bounded closed-loop load generator: `concurrency` workers each send one request at a time, going round
// a fixed list, until `durationMs` has passed or `maxRequests` were sent. Only loopback addresses are
// accepted (BENCHMARKS.md: load goes to this machine only). Used for the server, the floors and MapServer,
// so every side is measured by the same client.
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Status codes seen (200, 204…), to tell empty tiles from errors. */
  statuses: Record<string, number>;
}

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
}

/** Runs `call(i)` (the i-th request of the run, i ≥ 0) in a closed loop; `call` resolves to a status. */
export async function runLoop(opts: LoadOptions, call: (i: number) => Promise<number>): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async () => {
    while (next < opts.maxRequests && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        const status = await call(i);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 400) errors++;
      } catch {
        errors++;
        statuses.error = (statuses.error ?? 0) + 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN, 2);
  return {
    requests: latencies.length,
    errors,
    elapsedMs: Math.round(elapsedMs),
    perSecond: round((latencies.length / elapsedMs) * 1000, 1),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    statuses,
  };
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** An HTTP client for one loopback origin, with kept-alive connections (one per worker). */
export class LoopbackClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(origin: string, concurrency: number) {
    const url = new URL(origin);
    if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)) {
      throw new Error(`refusing to send load to ${url.hostname}: loopback only`);
    }
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  }

  /** GET path; resolves to the status and the body (as sent: gzip stays gzip). */
  get(path: string, headers: Record<string, string> = { 'accept-encoding': 'gzip' }): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: this.host, port: this.port, path, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${path}`)));
      req.on('error', reject);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
