import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_V8_FLAGS, rerunTuned, wantsTunedRun } from '../src/rerun.js';
import { ROOT, SEED_CSV, cli, fixture, tempDir } from './helpers/cli.js';

describe('a big batch runs again in a second process, with V8 flags', () => {
  it('from 500 files, once (not in the second process itself), on Node 20, and not under a debugger or profiler', () => {
    const node20 = '20.20.2';
    expect(wantsTunedRun(499, {}, [], node20)).toBe(false);
    expect(wantsTunedRun(500, {}, [], node20)).toBe(true);
    expect(wantsTunedRun(10_000, { DISCLOSURE_CHECK_TUNED: '1' }, [], node20)).toBe(false);
    expect(wantsTunedRun(10_000, {}, ['--inspect-brk'], node20)).toBe(false);
    expect(wantsTunedRun(10_000, {}, ['--cpu-prof'], node20)).toBe(false);
    expect(wantsTunedRun(10_000, {}, ['--import', 'probe.mjs'], node20)).toBe(true);
    expect(wantsTunedRun(2, { DISCLOSURE_CHECK_TUNED_FROM: '2' }, [], node20)).toBe(true);
    expect(wantsTunedRun(10_000, { DISCLOSURE_CHECK_TUNED_FROM: 'Infinity' }, [], node20)).toBe(false);
    // only on the Node the flags were measured on
    expect(wantsTunedRun(10_000, {}, [], '20.20.2')).toBe(true);
    expect(wantsTunedRun(10_000, {}, [], '22.11.0')).toBe(false);
  });

  it('prints the same, on the same streams, with the same exit code, as one process does', () => {
    const files = [SEED_CSV, fixture('broken/balance.csv'), fixture('bad/image.csv'), fixture('broken/row-total.json')];
    for (const format of ['json', 'stylish', 'sarif']) {
      const here = cli([...files, '-f', format], { env: { DISCLOSURE_CHECK_TUNED_FROM: 'Infinity' } });
      const again = cli([...files, '-f', format], { env: { DISCLOSURE_CHECK_TUNED_FROM: '2', DISCLOSURE_CHECK_DEBUG: '1' } });
      const said = again.stderr.split('\n');
      // (Node 20, the runtime, runs it again; another Node checks in one process, and prints the same)
      if (process.versions.node.startsWith('20.'))
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

  it("resolves to the second process's exit code, or to nothing when Node refused the flags (exit 9): the batch is then checked in the first", async () => {
    const dir = tempDir('rerun-');
    const exits = (code: number) => {
      const script = join(dir, `exit-${code}.cjs`);
      writeFileSync(script, `process.exit(${code});`);
      return script;
    };
    expect(await rerunTuned(exits(0), [])).toBe(0);
    expect(await rerunTuned(exits(1), [])).toBe(1);
    expect(await rerunTuned(exits(9), [])).toBeUndefined();
  });

  it('passes a signal on to the second process, and ends as the signal ended it', async () => {
    const dir = tempDir('rerun-');
    const child = join(dir, 'wait.cjs');
    writeFileSync(child, `process.stdout.write(process.pid + ' ' + process.execArgv.join(' ') + '\\n'); setTimeout(() => {}, 60_000);`);
    const parent = join(dir, 'parent.mjs');
    const rerun = join(ROOT, 'dist', 'rerun.js');
    writeFileSync(parent, `import { rerunTuned } from ${JSON.stringify(rerun)}; await rerunTuned(${JSON.stringify(child)}, []); process.exit(0);`);
    const run = spawn(process.execPath, [parent], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [pid, flags] = await new Promise<[number, string]>((resolve) =>
      run.stdout.once('data', (data: Buffer) => {
        const [first, ...rest] = data.toString().trim().split(' ');
        resolve([Number(first), rest.join(' ')]);
      }),
    );
    expect(flags).toBe(BATCH_V8_FLAGS.join(' '));
    run.kill('SIGTERM');
    const ended = await new Promise<{ code: number | null; signal: string | null }>((resolve) => run.on('exit', (code, signal) => resolve({ code, signal })));
    expect(ended).toEqual({ code: null, signal: 'SIGTERM' });
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/); // the second process is gone too
  });

  it('ends the second process when the first is killed with SIGKILL, which it cannot pass on', async () => {
    const dir = tempDir('rerun-');
    const rerun = join(ROOT, 'dist', 'rerun.js');
    const child = join(dir, 'wait.mjs');
    writeFileSync(child, `import { followParent } from ${JSON.stringify(rerun)}; followParent(); process.stdout.write(process.pid + '\\n'); setTimeout(() => {}, 60_000);`);
    const parent = join(dir, 'parent.mjs');
    writeFileSync(parent, `import { rerunTuned } from ${JSON.stringify(rerun)}; await rerunTuned(${JSON.stringify(child)}, []);`);
    const run = spawn(process.execPath, [parent], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => run.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
    expect(() => process.kill(pid, 0)).not.toThrow();
    run.kill('SIGKILL');
    await new Promise((resolve) => run.on('exit', resolve));
    // Gone: no such process, or one that has ended and waits to be reaped by whoever adopted it.
    const ended = () => {
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
    };
    const gone = async () => {
      for (let i = 0; i < 100; i++) {
        if (ended()) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    };
    expect(await gone()).toBe(true);
  });
});
