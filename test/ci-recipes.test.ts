import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, fixture, ROOT, tempDir } from './helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first ```yaml block after a README heading. */
function yamlAfter(heading: string): unknown {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, `README has "${heading}"`).toBeGreaterThan(-1);
  const block = README.slice(start).match(/```yaml\n([\s\S]*?)```/);
  return parse(block![1]!);
}

/** A repository of reports: one good, one broken, and JSON that is not a report. */
function repository(broken = true): string {
  const dir = tempDir('dc-repo-');
  mkdirSync(join(dir, 'reports', '2021'), { recursive: true });
  copyFileSync(fixture('ci/good.csv'), join(dir, 'reports', '2021', '襄阳市经信局.csv'));
  copyFileSync(fixture('ci/good.csv'), join(dir, 'reports', 'wuhan.json.csv'));
  if (broken) copyFileSync(fixture('ci/broken-appeals.json'), join(dir, 'reports', '2021', 'broken.json'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "reports" }\n');
  return dir;
}

const cliName = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  types?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
  args?: string[];
}

describe('pre-commit', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((h) => h.id === 'disclosure-check')!;

  it('is a node hook that runs the package’s command on the report inputs, many files per call', () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe('node');
    expect(Object.keys(cliName)).toContain(hook.entry);
    expect(hook.pass_filenames).not.toBe(false);
    expect(hook.require_serial).not.toBe(true);
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude ?? '(?!)');
    const picks = (f: string) => files.test(f) && !exclude.test(f);
    for (const f of ['reports/a.csv', 'b.TSV'.toLowerCase(), 'reports/2021/x.json']) expect(picks(f)).toBe(true);
    for (const f of ['README.md', 'package.json', 'web/package-lock.json', 'tsconfig.json', 'a.csv.bak']) expect(picks(f)).toBe(false);
  });

  it('installs: pre-commit reads the tarball name from `npm pack`, so the build must not print there', () => {
    // npm runs `prepare` (the build) in the foreground for `npm pack` unless told otherwise
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });

  it('the README’s config, run as pre-commit runs it, refuses a broken report and passes good ones', () => {
    const config = yamlAfter('### pre-commit') as { repos: { repo: string; rev: string; hooks: Partial<Hook>[] }[] };
    const used = config.repos[0]!.hooks[0]!;
    expect(used.id).toBe(hook.id);
    const merged = { ...hook, ...used } as Hook;

    const run = (dir: string, staged: string[]) => {
      const files = new RegExp(merged.files);
      const exclude = new RegExp(merged.exclude ?? '(?!)');
      const picked = staged.filter((f) => files.test(f) && !exclude.test(f));
      const r = spawnSync(process.execPath, [BIN, ...(merged.args ?? []), ...picked], { cwd: dir, encoding: 'utf8' });
      return { picked, ...r };
    };
    const dir = repository();
    const staged = ['package.json', 'reports/2021/襄阳市经信局.csv', 'reports/2021/broken.json', 'reports/wuhan.json.csv', 'README.md'];
    const bad = run(dir, staged);
    expect(bad.picked).toEqual(['reports/2021/襄阳市经信局.csv', 'reports/2021/broken.json', 'reports/wuhan.json.csv']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('reports/2021/broken.json');
    expect(bad.stdout).toContain('appeals.total');
    // the README passes --lang zh
    expect(bad.stdout).toContain('共检查 3 个文件：2 个通过，1 个未通过；1 个错误，0 个警告');

    const good = run(repository(false), staged.filter((f) => !f.includes('broken')));
    expect(good.status).toBe(0);
  });
});

describe('GitHub Actions', () => {
  interface Step {
    name?: string;
    run?: string;
    if?: string;
    uses?: string;
  }
  const workflow = yamlAfter('### GitHub Actions') as { jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]!.steps;

  const install = steps.find((s) => s.run?.startsWith('npm install'));

  it('installs the checker from its repository at a tag, not whatever the npm registry has under its name', () => {
    expect(install?.run).toMatch(/^npm install --no-save github:[^/\s]+\/disclosure-check#v\d+\.\d+\.\d+$/);
    const runs = steps.filter((s) => s.run && s !== install);
    expect(steps.indexOf(install!)).toBeLessThan(steps.indexOf(runs[0]!));
    for (const step of runs) expect(step.run).toMatch(/^npx --no -- disclosure-check /);
  });

  /**
   * What the install step leaves in the job's folder, the package being this build: a real
   * `npx --no -- disclosure-check` then runs it (and npx parses the steps' command lines).
   */
  function installed(dir: string): void {
    const pkg = join(dir, 'node_modules', 'disclosure-check');
    mkdirSync(pkg, { recursive: true });
    mkdirSync(join(dir, 'node_modules', '.bin'));
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'disclosure-check', version: '0.1.0', bin: { 'disclosure-check': 'cli.js' } }));
    writeFileSync(join(pkg, 'cli.js'), `#!/usr/bin/env node\nrequire(${JSON.stringify(BIN)});\n`, { mode: 0o755 });
    symlinkSync('../disclosure-check/cli.js', join(dir, 'node_modules', '.bin', 'disclosure-check'));
  }

  /** Runs the job's `run:` steps as the runner does (bash -e), the install done by `installed`. */
  function runJob(dir: string) {
    installed(dir);
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '');
    const out: { step: Step; status: number | null; stdout: string }[] = [];
    let failed = false;
    for (const step of steps.filter((s) => s.run && s !== install)) {
      if (failed && step.if !== 'always()') continue;
      const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', GITHUB_STEP_SUMMARY: summary } });
      out.push({ step, status: r.status, stdout: r.stdout });
      if (r.status !== 0) failed = true;
    }
    return { out, summary: readFileSync(summary, 'utf8') };
  }

  it('fails on a broken report, annotates it, writes the step summary and keeps the html report', () => {
    const dir = repository();
    const { out, summary } = runJob(dir);
    expect(out.map((o) => o.status)).toEqual([1, 0]);
    expect(out[0]!.stdout).toContain('::error file=reports/2021/broken.json,line=51,col=90,title=appeals.total::');
    expect(out[0]!.stdout).toContain('3 files checked: 2 passed, 1 failed; 1 error, 0 warnings');
    expect(summary).toContain('| reports/2021/broken.json | ❌ failed | 1 | 0 |');
    const html = readFileSync(join(dir, 'disclosure-report.html'), 'utf8');
    expect(html).toContain('class="value cell-error" data-cell="/appeals/reconsideration/total"');
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({ if: 'always()' });
  });

  it('passes when every report passes', () => {
    const dir = repository(false);
    const { out, summary } = runJob(dir);
    expect(out.map((o) => o.status)).toEqual([0, 0]);
    expect(summary).toContain('✅ 2 files checked: 2 passed, 0 failed; 0 errors, 0 warnings');
    expect(existsSync(join(dir, 'disclosure-report.html'))).toBe(true);
  });
});
