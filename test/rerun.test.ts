import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_V8_FLAGS, rerunTuned, wantsTunedRun } from '../src/rerun.js';
import { BIN, ROOT, SEED_CSV, cli, fixture, tempDir } from './helpers/cli.js';

const RERUN = join(ROOT, 'dist', 'rerun.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process has ended: no such process, or one that waits to be reaped by whoever adopted it. */
function ended(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** How a process ended. */
const exited = (run: ReturnType<typeof spawn>) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => run.on('exit', (code, signal) => resolve({ code, signal })));

describe('a big batch runs again in a second process, with V8 flags', () => {
  it('from 500 files, once, on Node 20 and not on Windows, and not under a debugger or a profiler', () => {
    const on = (files: number, env: NodeJS.ProcessEnv = {}, execArgv: string[] = [], version = '20.20.2', platform = 'linux') =>
      wantsTunedRun(files, env, execArgv, { version, platform });
    expect(on(499)).toBe(false);
    expect(on(500)).toBe(true);
    expect(on(10_000, { DISCLOSURE_CHECK_TUNED: '1' })).toBe(false); // the second process itself
    expect(on(10_000, {}, ['--inspect-brk'])).toBe(false);
    expect(on(10_000, {}, ['--cpu-prof'])).toBe(false);
    expect(on(10_000, { NODE_OPTIONS: '--max-old-space-size=4096 --inspect=127.0.0.1:9333' })).toBe(false);
    expect(on(10_000, { NODE_OPTIONS: '--max-old-space-size=4096' }, ['--import', 'probe.mjs'])).toBe(true);
    expect(on(2, { DISCLOSURE_CHECK_TUNED_FROM: '2' })).toBe(true);
    expect(on(10_000, { DISCLOSURE_CHECK_TUNED_FROM: 'Infinity' })).toBe(false);
    expect(on(499, { DISCLOSURE_CHECK_TUNED_FROM: '' })).toBe(false); // empty: as if unset
    expect(on(10_000, {}, [], '22.11.0')).toBe(false); // measured on Node 20 only
    expect(on(10_000, {}, [], '20.20.2', 'win32')).toBe(false);
  });

  it('prints the same, on the same streams, with the same exit code, as one process does', () => {
    const files = [SEED_CSV, fixture('broken/balance.csv'), fixture('bad/image.csv'), fixture('broken/row-total.json')];
    for (const format of ['json', 'stylish', 'sarif']) {
      const here = cli([...files, '-f', format], { env: { DISCLOSURE_CHECK_TUNED_FROM: 'Infinity' } });
      const again = cli([...files, '-f', format], { env: { DISCLOSURE_CHECK_TUNED_FROM: '2', DISCLOSURE_CHECK_DEBUG: '1' } });
      const said = again.stderr.split('\n');
      // (Node 20, the runtime, runs it again; another Node checks in one process, and prints the same)
      if (wantsTunedRun(2, { DISCLOSURE_CHECK_TUNED_FROM: '2' }, []))
        expect(said.shift()).toMatch(new RegExp(`^disclosure-check: running again as process \\d+, with ${BATCH_V8_FLAGS.join(' ')}$`));
      expect(again.status).toBe(2); // the image is no report
      expect({ ...again, stderr: said.join('\n') }).toEqual(here);
    }
    // Its `-o` file is written whole, as one process writes it.
    const dir = tempDir('rerun-');
    const out = join(dir, 'out.json');
    expect(cli([SEED_CSV, fixture('broken/balance.csv'), '-f', 'json', '-o', out], { env: { DISCLOSURE_CHECK_TUNED_FROM: '2' } }).status).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).summary).toMatchObject({ files: 2 });
  });

  it('the second process starts from its own code cache, which V8 accepts under the flags', () => {
    const probe = `const { readFileSync } = require('node:fs'); const { Script } = require('node:vm'); const { wrap } = require('node:module');
      const file = ${JSON.stringify(join(ROOT, 'dist/cli.bundle.cjs'))};
      const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(file + process.argv[1]) });
      process.stdout.write(String(script.cachedDataRejected));`;
    const rejected = (flags: string[], cache: string) => spawnSync(process.execPath, [...flags, '-e', probe, cache], { encoding: 'utf8' }).stdout;
    expect(rejected(BATCH_V8_FLAGS, '.tuned.cache')).toBe('false');
    expect(rejected([], '.cache')).toBe('false');
    expect(rejected([], '.tuned.cache')).toBe('true'); // (why there are two)
  });

  it("resolves to the second process's exit code, or to nothing when it could not run: the batch is then checked in the first", async () => {
    const dir = tempDir('rerun-');
    const exits = (code: number) => {
      const script = join(dir, `exit-${code}.cjs`);
      writeFileSync(script, `process.exit(${code});`);
      return script;
    };
    expect(await rerunTuned(exits(0), [])).toBe(0);
    expect(await rerunTuned(exits(1), [])).toBe(1);
    expect(await rerunTuned(exits(9), [])).toBeUndefined(); // Node refused the flags
    expect(await rerunTuned(exits(0), ['x'.repeat(1 << 20)])).toBeUndefined(); // E2BIG: a command line too long
  });

  it('starts the second process without NODE_EXTRA_CA_CERTS (it opens no connection; Node would read every certificate first), and with the rest of the environment', async () => {
    const dir = tempDir('rerun-env-');
    const script = join(dir, 'env.cjs');
    writeFileSync(script, `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'env.json'))}, JSON.stringify(process.env));`);
    const before = { ...process.env };
    process.env.NODE_EXTRA_CA_CERTS = join(dir, 'none.pem');
    process.env.DISCLOSURE_CHECK_SEEN = 'yes';
    try {
      expect(await rerunTuned(script, [])).toBe(0);
    } finally {
      process.env = before;
    }
    const env = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8'));
    expect(env.NODE_EXTRA_CA_CERTS).toBeUndefined();
    expect(env).toMatchObject({ DISCLOSURE_CHECK_SEEN: 'yes', DISCLOSURE_CHECK_TUNED: '1', DISCLOSURE_CHECK_PARENT: String(process.pid) });
  });

  it('passes a signal on to the second process, and ends as the signal ended it', async () => {
    const dir = tempDir('rerun-');
    const child = join(dir, 'wait.cjs');
    writeFileSync(child, `process.stdout.write(process.pid + ' ' + process.execArgv.join(' ') + '\\n'); setTimeout(() => {}, 60_000);`);
    const parent = join(dir, 'parent.mjs');
    writeFileSync(parent, `import { rerunTuned } from ${JSON.stringify(RERUN)}; await rerunTuned(${JSON.stringify(child)}, []); process.exit(0);`);
    const run = spawn(process.execPath, [parent], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [pid, flags] = await new Promise<[number, string]>((resolve) =>
      run.stdout!.once('data', (data: Buffer) => {
        const [first, ...rest] = data.toString().trim().split(' ');
        resolve([Number(first), rest.join(' ')]);
      }),
    );
    expect(flags).toBe(BATCH_V8_FLAGS.join(' '));
    run.kill('SIGTERM');
    expect(await exited(run)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(ended(pid)).toBe(true); // the second process is gone too
  });

  it('ends with the status a shell shows (143) where the signal itself cannot end it (PID 1 in a container ignores it)', async () => {
    const dir = tempDir('rerun-');
    const child = join(dir, 'term.cjs');
    writeFileSync(child, `process.kill(process.pid, 'SIGTERM');`);
    const parent = join(dir, 'parent.mjs');
    // A listener of its own stands for PID 1: the signal this process sends itself then ends nothing.
    writeFileSync(parent, `import { rerunTuned } from ${JSON.stringify(RERUN)}; process.on('SIGTERM', () => {}); await rerunTuned(${JSON.stringify(child)}, []);`);
    expect(await exited(spawn(process.execPath, [parent], { stdio: 'ignore' }))).toEqual({ code: 143, signal: null });
  });

  it('a run killed with SIGKILL leaves no second process behind, and nothing appears after it (one thread, or two)', async () => {
    const dir = tempDir('rerun-');
    mkdirSync(join(dir, 'reports'));
    for (let i = 0; i < 1500; i++) copyFileSync(SEED_CSV, join(dir, `reports/${String(i).padStart(4, '0')}.csv`));
    for (const jobs of ['1', '2']) {
      const out = join(dir, `out-${jobs}.json`);
      const run = spawn(process.execPath, [BIN, 'reports', '-f', 'json', '-j', jobs, '-o', out], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, DISCLOSURE_CHECK_TUNED_FROM: '2', DISCLOSURE_CHECK_DEBUG: '1' },
      });
      const pid = await new Promise<number>((resolve) => run.stderr!.once('data', (data: Buffer) => resolve(Number(/process (\d+)/.exec(data.toString())![1]))));
      await sleep(300); // checking by now, on one thread: the event loop does not turn
      run.kill('SIGKILL');
      expect(await exited(run)).toEqual({ code: null, signal: 'SIGKILL' });
      for (let i = 0; i < 100 && !ended(pid); i++) await sleep(20);
      expect(ended(pid)).toBe(true);
      await sleep(300);
      expect(existsSync(out)).toBe(false);
    }
  });
});
