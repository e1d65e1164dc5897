import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin/disclosure-check.cjs');
export const SEED_CSV = join(ROOT, 'fixtures/seed/xiangyang-jxj-2021.csv');
export const SEED_JSON = join(ROOT, 'fixtures/seed/xiangyang-jxj-2021.json');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (`npm run build` first), in `cwd`, without colours. */
export function cli(args: string[], cwd = ROOT): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', LC_ALL: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A temporary folder for one test file, removed after it. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `disclosure-check-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
