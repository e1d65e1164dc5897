/** What the tests share: running the built CLI as a user does, fixtures, temporary folders. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'disclosure-check.cjs');
export const fixture = (path: string) => join(ROOT, 'fixtures', path);
export const SEED_CSV = fixture('seed/xiangyang-jxj-2021.csv');
export const SEED_JSON = fixture('seed/xiangyang-jxj-2021.json');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Variables of the test runner's environment that would change what the CLI prints. */
const UNSET = ['LANG', 'LC_ALL', 'LC_MESSAGES', 'NO_COLOR', 'FORCE_COLOR', 'GITHUB_STEP_SUMMARY'];

/**
 * Runs the built CLI (`npm run build` first) the way a user does: from the project root unless
 * `cwd` says otherwise, without a terminal, in English unless `env` says otherwise.
 */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string | Buffer } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of UNSET) delete env[key];
  Object.assign(env, { LANG: 'en_US.UTF-8' }, options.env);
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024, // a report with 100,000 findings prints tens of MB
    timeout: 60_000, // a run that hangs (a regex gone quadratic) fails its test instead of the whole suite
    killSignal: 'SIGKILL',
    env: env as NodeJS.ProcessEnv,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test file is done. */
export function tempDir(prefix = 'dc-'): string {
  const dir = mkdtempSync(join(tmpdir(), `disclosure-check-${prefix}`));
  made.push(dir);
  return dir;
}

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning';
  message: { zh: string; en: string } | string;
  cells: string[];
  expected?: number;
  actual?: number | null;
  difference?: number;
  location?: { line: number; column: number };
}

export interface JsonResult {
  file: string;
  format?: string;
  ok: boolean;
  errorCount: number;
  warningCount: number;
  findings: JsonFinding[];
  fatal?: { code: string; message: string };
}

/** `--format json` of one file, parsed. */
export function checkJson(file: string, extra: string[] = []): { run: Run; result: JsonResult } {
  const run = cli(['--format', 'json', ...extra, file]);
  const parsed = JSON.parse(run.stdout) as { results: JsonResult[] };
  return { run, result: parsed.results[0]! };
}
