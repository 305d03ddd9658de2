// Child processes of the bench: started, waited for (their "LISTENING <port>" line), and stopped by pid
// (SIGTERM, then SIGKILL), each one of ours and nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  port: number;
  pid: number;
  /** Resident memory in MB (from /proc), or null once gone. */
  rssMb(): number | null;
  stop(): Promise<void>;
}

export async function startNodeChild(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitForPort(child, script);
}

export function waitForPort(child: ChildProcess, what: string, pattern = /LISTENING (\d+)/): Promise<Child> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${what} did not start in 60 s:\n${out}`)), 60_000);
    const onExit = (code: number | null) => fail(new Error(`${what} exited (${code}) before listening:\n${out}`));
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(handle(child, Number(m[1])));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', onExit);
  });
}

/** Stops of every child still running, for an interrupted bench (stopAll). */
const live = new Set<() => Promise<void>>();

/** Registers a stop to run if the bench is interrupted; returns a function that unregisters it. */
export function onInterrupt(stop: () => Promise<void>): () => void {
  live.add(stop);
  return () => live.delete(stop);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((stop) => stop().catch(() => {})));
}

/** `register: false` leaves the interrupt stop to the caller (lighttpd: its workers must be read first). */
export function handle(child: ChildProcess, port: number, opts: { register?: boolean } = {}): Child {
  const pid = child.pid!;
  child.once('exit', () => live.delete(stopChild));
  const stopChild = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  if (opts.register !== false) live.add(stopChild);
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    port,
    pid,
    rssMb: () => {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
        return Math.round(kb / 1024);
      } catch {
        return null;
      }
    },
    stop: stopChild,
  };
}
