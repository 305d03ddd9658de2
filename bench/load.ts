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

/** The raw samples of one or more runs, merged by `summarise`. */
export interface Samples {
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  elapsedMs: number;
}

/**
 * Runs `call(i, worker)` (the i-th request of the run, i ≥ 0, sent by worker 0…concurrency−1) in a closed
 * loop; `call` resolves to a status.
 */
export async function measure(opts: LoadOptions, call: (i: number, worker: number) => Promise<number>, first = 0): Promise<Samples> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = first;
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async (w: number) => {
    while (next - first < opts.maxRequests && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        const status = await call(i, w);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 400) errors++;
      } catch {
        errors++;
        statuses.error = (statuses.error ?? 0) + 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  return { latencies, statuses, errors, elapsedMs: performance.now() - started };
}

export function summarise(runs: Samples[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const elapsedMs = runs.reduce((a, r) => a + r.elapsedMs, 0);
  const q = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN, 2);
  return {
    requests: latencies.length,
    errors: runs.reduce((a, r) => a + r.errors, 0),
    elapsedMs: Math.round(elapsedMs),
    perSecond: round((latencies.length / elapsedMs) * 1000, 1),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    statuses,
  };
}

export async function runLoop(opts: LoadOptions, call: (i: number, worker: number) => Promise<number>): Promise<LoadResult> {
  return summarise([await measure(opts, call)]);
}

/**
 * Side by side on a shared, noisy machine: the sides take turns in `rounds` short runs (A B C, A B C, …)
 * instead of one long run each, so a burst of someone else's load falls on every side alike.
 */
export async function interleave<K extends string>(
  sides: Record<K, (i: number, worker: number) => Promise<number>>,
  opts: LoadOptions & { rounds: number },
): Promise<Record<K, LoadResult>> {
  const keys = Object.keys(sides) as K[];
  const samples = new Map<K, Samples[]>(keys.map((k) => [k, []]));
  const slice = { ...opts, durationMs: opts.durationMs / opts.rounds, maxRequests: Math.ceil(opts.maxRequests / opts.rounds) };
  for (let r = 0; r < opts.rounds; r++) {
    for (const k of keys) {
      const done = samples.get(k)!;
      done.push(await measure(slice, sides[k], done.reduce((a, s) => a + s.latencies.length, 0)));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, summarise(samples.get(k)!)])) as Record<K, LoadResult>;
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
