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

export async function startNodeChild(script: string, args: string[], env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitForPort(child, script);
}

export function waitForPort(child: ChildProcess, what: string, pattern = /LISTENING (\d+)/): Promise<Child> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${what} did not start in 60 s:\n${out}`)), 60_000);
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
        resolve(handle(child, Number(m[1])));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`${what} exited (${code}) before listening:\n${out}`)));
  });
}

export function handle(child: ChildProcess, port: number): Child {
  const pid = child.pid!;
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
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
