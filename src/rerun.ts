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
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

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

/** Set in the second process, which must not start a third; its first process's id beside it. */
const TUNED = 'DISCLOSURE_CHECK_TUNED';
const PARENT = 'DISCLOSURE_CHECK_PARENT';

/** Node's exit code for an option it does not know: a Node whose V8 has no such flag. The CLI itself exits 0, 1 or 2. */
const BAD_OPTION = 9;

/** A debugger or a profiler, which would attach to the first process, not to the one that checks. */
const OBSERVED = /(^|\s)--(inspect|debug|cpu-prof|heap-prof|prof\b)/;

/**
 * Whether a batch of `files` is run again with the flags: on Node 20 and not on Windows (where it
 * was not measured, and a second process may open a console window), not under a debugger or a
 * profiler, and not in the second process itself.
 */
export function wantsTunedRun(
  files: number,
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
  { version = process.versions.node, platform = process.platform }: { version?: string; platform?: string } = {},
): boolean {
  if (env[TUNED] === '1' || !MEASURED_ON.test(version) || platform === 'win32') return false;
  if (execArgv.some((arg) => OBSERVED.test(arg)) || OBSERVED.test(env.NODE_OPTIONS ?? '')) return false;
  const from = env.DISCLOSURE_CHECK_TUNED_FROM ? Number(env.DISCLOSURE_CHECK_TUNED_FROM) : TUNED_FROM;
  return Number.isFinite(from) && files >= from;
}

/**
 * The environment without `NODE_EXTRA_CA_CERTS`: Node reads and parses every certificate that file
 * names before any of the script runs (~35 ms here, where it names the system's whole bundle, as
 * CI images and corporate machines often set it), and the second process opens no connection. The
 * first process has paid for it already; the second starts ~35 ms sooner.
 */
export function withoutCertificates(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return rest;
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Signals whose default action dumps core: one dump, the second process's, is enough. */
const DUMPING = new Set(['SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGILL', 'SIGQUIT', 'SIGSEGV', 'SIGSYS', 'SIGTRAP']);

/**
 * Runs `script` with `args` again in a child process with the flags, sharing this one's standard
 * streams. Resolves to its exit code, or to `undefined` when it could not run (the batch is then
 * checked here). A signal this process gets is passed on, and one that ends the child ends this
 * process too, as it would have ended a single process.
 */
export function rerunTuned(script: string, args: readonly string[]): Promise<number | undefined> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...BATCH_V8_FLAGS, ...process.execArgv, script, ...args], {
        stdio: 'inherit',
        env: { ...withoutCertificates(process.env), [TUNED]: '1', [PARENT]: String(process.pid) },
      });
    } catch {
      resolve(undefined); // E2BIG (a command line at the limit, and the flags on top), ENOMEM: check here
      return;
    }
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
      if (signal) endAs(signal);
      else resolve(code === BAD_OPTION ? undefined : (code ?? undefined));
    });
  });
}

/**
 * Ends this process as the signal ended the second: by the signal itself, so that a shell says 130,
 * 143 or 137; with its status (128 + its number) where the signal would dump a second core, or
 * does nothing (this process is PID 1, in a container, where a signal's default action is ignored).
 */
function endAs(signal: NodeJS.Signals): never {
  const status = 128 + (constants.signals[signal] ?? 0);
  if (!DUMPING.has(signal)) process.kill(process.pid, signal);
  process.exit(status);
}

/**
 * In the second process: a check to make as results come, which ends this process at once, as
 * SIGKILL would, when the first is gone without passing a signal on (killed with SIGKILL, which
 * cannot be caught): no output then appears after a run was killed. It reads the parent's process
 * id (~0.1 µs), which changes when the first process is gone and this one is adopted. A no-op in a
 * process that is no second one.
 */
export function parentWatch(): () => void {
  const parent = Number(process.env[PARENT]);
  if (process.env[TUNED] !== '1' || !parent) return () => {};
  return () => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL');
  };
}
