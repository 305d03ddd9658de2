// Load generation against a running server: a bounded number of keep-alive connections on loopback,
// for a bounded time, recording status and latency per kind of request.
import http from 'node:http';

export interface Sample {
  kind: string;
  status: number;
  ms: number;
  retryAfter?: string;
  /** the error code of a 4xx/5xx answer */
  code?: string;
}

export function get(agent: http.Agent, base: string, path: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve) => {
    const req = http.get(new URL(path, base), { agent, headers: { 'accept-encoding': 'gzip' }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1'), headers: res.headers }));
      res.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
  });
}

/** `connections` loops, each sending one request after the other until `seconds` have passed. */
export async function load(
  base: string,
  connections: number,
  seconds: number,
  next: () => { kind: string; path: string },
): Promise<Sample[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const samples: Sample[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const { kind, path } = next();
        const t0 = performance.now();
        const res = await get(agent, base, path);
        const code = res.status >= 400 ? (/"code":"(\w+)"/.exec(res.body)?.[1] ?? String(res.status)) : undefined;
        samples.push({ kind, status: res.status, ms: performance.now() - t0, retryAfter: res.headers['retry-after'] as string | undefined, code });
      }
    }),
  );
  agent.destroy();
  return samples;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
