/**
 * A big batch is checked by a second Node process that this one starts with V8 flags. Over a batch,
 * V8's optimising compiler compiles a few hundred of the checker's functions in the background
 * (1,000 files: ~260 compilations; 10,000 files: ~590, and on two threads each thread compiles its
 * own), on a 2-core machine beside the threads that check, and its collector's helper threads
 * compete for the same cores. The flags make it inline less into each function and optimise only
 * what has run longer, and collect on the thread that allocates. Measured with the flags given
 * directly, interleaved with runs without them (README, "Speed and scale"): 1,000 files 13% and
 * 10,000 files 17% less time; the second start takes ~50 ms of that back, so only batches from
 * `TUNED_FROM` files are run again, and only on Node 20 (V8 11), where the flags were measured.
 *
 * Why a second process: V8 takes these flags only on Node's command line. `NODE_OPTIONS` refuses
 * them, a shebang line cannot pass them portably (`env -S` is missing from busybox, npm's Windows
 * shims run no shell), and setting them at run time (`v8.setFlagsFromString`) is undefined
 * behaviour: it crashed V8's inliner in 3 runs of 20.
 */
import { spawn } from 'node:child_process';

/**
 * At most 150 bytes of bytecode inlined into one function (V8's default: 920); a function is
 * optimised after 300 KB of its bytecode has run (default: 132 KB); no parallel collector threads.
 * At 10,000 files, the first alone saves 9% of the time, the three 17%.
 */
export const BATCH_V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=150', '--interrupt-budget=300000', '--single-threaded-gc'];

/** Batches of at least this many files are run again with the flags; `DISCLOSURE_CHECK_TUNED_FROM` overrides it. */
const TUNED_FROM = 500;

/** The Node versions the flags were measured on: on others, V8's tiering differs, and the flags may be gone. */
const MEASURED_ON = /^20\./;

/** Set in the second process, which must not start a third. */
const TUNED = 'DISCLOSURE_CHECK_TUNED';

/** Node's exit code for an option it does not know: a Node whose V8 has no such flag. The CLI itself exits 0, 1 or 2. */
const BAD_OPTION = 9;

/** Whether a batch of `files` is run again with the flags (not under a profiler or a debugger, which the second process would not share). */
export function wantsTunedRun(
  files: number,
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
  version: string = process.versions.node,
): boolean {
  if (env[TUNED] === '1' || !MEASURED_ON.test(version)) return false;
  if (execArgv.some((arg) => /^--(inspect|debug|cpu-prof|heap-prof|prof\b)/.test(arg))) return false;
  const from = env.DISCLOSURE_CHECK_TUNED_FROM === undefined ? TUNED_FROM : Number(env.DISCLOSURE_CHECK_TUNED_FROM);
  return Number.isFinite(from) && files >= from;
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `script` with `args` again in a child process with the flags, sharing this one's standard
 * streams. Resolves to its exit code, or to `undefined` when it could not run (the batch is then
 * checked here). A signal this process gets is passed on, and one that ends the child ends this
 * process too, as it would have ended a single process.
 */
export function rerunTuned(script: string, args: readonly string[]): Promise<number | undefined> {
  return new Promise((resolve) => {
    // The channel only tells the second process when this one is gone (`followParent`).
    const child = spawn(process.execPath, [...BATCH_V8_FLAGS, ...process.execArgv, script, ...args], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [TUNED]: '1' },
    });
    if (process.env.DISCLOSURE_CHECK_DEBUG) process.stderr.write(`disclosure-check: running again as process ${child.pid}, with ${BATCH_V8_FLAGS.join(' ')}\n`);
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const stopForwarding = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    child.on('error', () => {
      stopForwarding();
      resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      if (signal) process.kill(process.pid, signal);
      else resolve(code === BAD_OPTION ? undefined : (code ?? undefined));
    });
  });
}

/**
 * In the second process: ends it at once, as a signal would, when the first is gone without
 * passing a signal on (killed with SIGKILL, which cannot be caught), so that no output appears after
 * a run was killed. The channel does not keep the process alive.
 */
export function followParent(): void {
  if (process.env[TUNED] !== '1' || !process.channel) return;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
