import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command line, as a user would. */
export function cli(args: string[], options: { input?: string } = {}): Run {
  const result = spawnSync(process.execPath, ['bin/disclosure-check.cjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
