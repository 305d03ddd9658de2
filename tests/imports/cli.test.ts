// `npm run import`: the same pipeline from the command line, on DATABASE_URL; the report in JSON with
// --json; exit 0 when imported (and published), 1 when nothing could be imported, 2 on wrong arguments,
// 3 when the draft was made but --publish was refused.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir, scratchDatabase, type Scratch } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let db: Scratch;
let fx: Awaited<ReturnType<typeof fixtureDir>>;

beforeAll(async () => {
  fx = await fixtureDir();
  db = await scratchDatabase('cli');
});
afterAll(async () => {
  await db?.close();
  await fx?.remove();
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/import.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const zoneArgs = ['--code-field', 'CODE', '--label-fr-field', 'NOM_FR', '--label-ar-field', 'NOM_AR'];

describe('npm run import', () => {
  it('imports, publishes and prints the report as JSON', async () => {
    const r = await cli([await fx.get('zones-v1.geojson'), '--kind', 'development', '--name', 'PA ligne de commande', '--plan', 'test-imp-cli',
      ...zoneArgs, '--publish', '--valid-from', '2020-01-01', '--status', 'approved', '--decree', '2-20-001', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: 'draft', report: { counts: { read: 4, imported: 4, errors: 0 } }, published: { versionNo: 1, validFrom: '2020-01-01', status: 'approved' } });
    expect(out.report.problems[0].message.length).toBeGreaterThan(10);
    const [v] = await db.query<{ state: string; decree_ref: string }>(`SELECT state, decree_ref FROM plan_versions WHERE id = $1`, [out.versionId]);
    expect(v).toEqual({ state: 'published', decree_ref: '2-20-001' });
    // The audit names the command line as the actor (no account).
    const trail = await db.query<{ action: string; actor_id: number | null; by: string }>(
      `SELECT action, actor_id, details->>'by' "by" FROM audit_events ORDER BY id`);
    expect(trail.map((t) => t.action)).toEqual(['plan.import', 'plan.publish']);
    expect(trail.every((t) => t.actor_id === null && t.by.startsWith('cli:'))).toBe(true);
  });

  it('prints a readable report and exits 3 when the draft cannot be published', async () => {
    const r = await cli([await fx.get('problems.geojson'), '--kind', 'development', '--name', 'Problèmes', '--plan', 'test-imp-cli-problems',
      '--code-field', 'CODE', '--publish', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/ERRORS \(4\)/);
    expect(r.stdout).toMatch(/\[overlap\] feature 1 \(UB\) at -3\.\d+, 34\.\d+: Zones UB and UC/);
    expect(r.stdout).toMatch(/Draft version \d+/);
    expect(r.stderr).toMatch(/Not published: .*4 error/);
  });

  it('exits 1 when nothing could be imported, and 2 on wrong arguments', async () => {
    const bad = await cli([await fx.get('zones-noprj.zip'), '--kind', 'development', '--name', 'Sans prj', ...zoneArgs, '--lang', 'en']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no \.prj/);
    const usage = await cli(['--kind', 'development']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run import/);
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::int n FROM plans WHERE code LIKE 'sans-prj%'`);
    expect(n!.n).toBe(0);
  });
});
