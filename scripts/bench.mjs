// `npm run bench`: start-up and batch speed of the built CLI, on synthetic reports generated in a
// temporary folder. Prints one table; exits 1 when a target is missed. Run `npm run build` first.
//
//   node scripts/bench.mjs [--runs N] [--counts 1000,10000] [--kinds csv,json,text,html,xlsx] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, generateOne } from './bench/generate.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Math.max(10, Number(option('--runs')) || 15);
const COUNTS = (option('--counts') ?? '1000,10000').split(',').map(Number);
/** Input kinds in the batches (csv, json, text, html, xlsx); all by default. */
const KINDS = option('--kinds')?.split(',');
const KEEP = args.includes('--keep');
const TARGETS = { coldRatio: 1.3, reportsPerSecond: 2000 };

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/disclosure-check.cjs');
const probe = join(root, 'scripts/bench/rss-probe.mjs');
if (!existsSync(join(root, 'dist/cli.bundle.cjs'))) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'disclosure-check-bench-'));
const env = { ...process.env, NO_COLOR: '1' };

/**
 * `NODE_EXTRA_CA_CERTS` makes every Node process read and parse the certificates it names before any
 * script runs (here, where it names the system's whole bundle: ~35 ms of a bare Node's ~55). Both
 * sides of the start-up ratio pay it, so with it set, the ratio is also measured without it.
 */
const withoutCertificates = env.NODE_EXTRA_CA_CERTS ? (await import('../dist/rerun.js')).withoutCertificates(env) : undefined;

/** Wall time of one run in ms (spawnSync includes process creation, like a shell would). */
function timeRun(command) {
  const [argv, runEnv] = Array.isArray(command) ? [command, env] : [command.argv, command.env];
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { stdio: 'ignore', env: runEnv });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status === null) throw new Error(`bench: ${argv.join(' ')} was killed (${run.signal})`);
  return { ms, status: run.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median wall time of each command, runs interleaved so that load on the machine hits all alike. */
function coldStart(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < 2; i++) commands.forEach((argv) => timeRun(argv)); // warm the file cache
  for (let i = 0; i < RUNS; i++) commands.forEach((argv, j) => times[j].push(timeRun(argv).ms));
  return times.map(median);
}

/** One batch run over a folder: wall time, reports/s, peak RSS (from the probe), exit code. */
function batch(dir, count, format) {
  const rssFile = join(work, `rss-${count}-${format}`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', probe, bin, dir, '-f', format], {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...env, BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status === null) throw new Error(`bench: batch of ${count} was killed (${run.signal})`);
  // One line per process: a big batch's second process and the first, which waits for it. Both
  // are there at once: their peaks are added; the live heap is the one that checked.
  const lines = readFileSync(rssFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const peakKiB = lines.reduce((sum, line) => sum + line.peakKiB, 0);
  const liveKiB = Math.max(...lines.map((line) => line.liveKiB));
  return { count, format, seconds, perSecond: count / seconds, rssMiB: peakKiB / 1024, liveMiB: liveKiB / 1024, status: run.status };
}

try {
  // The load average says how much else the machine was doing: the figures are wall-clock times.
  process.stdout.write(`disclosure-check bench — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}, ${RUNS} runs per start-up figure\n`);
  process.stdout.write(`generating reports in ${work} …\n`);
  const single = generateOne(join(work, 'single'), 'csv-valid');
  const singleJson = generateOne(join(work, 'single'), 'json-valid');
  for (const count of COUNTS) generate(join(work, `batch-${count}`), count, 2021, KINDS); // same seed: each a prefix of the next
  process.stdout.write(`batches of ${KINDS ? KINDS.join(', ') : 'every kind (csv, json, text, html, xlsx)'}, valid and broken\n`);

  const plain = withoutCertificates
    ? [
        { argv: ['-e', ''], env: withoutCertificates },
        { argv: [bin, single], env: withoutCertificates },
      ]
    : [];
  const [bare, csv, json, jsonOut, plainBare, plainCsv] = coldStart([['-e', ''], [bin, single], [bin, singleJson], [bin, single, '-f', 'json'], ...plain]);
  const rows = [
    ['node -e \'\' (bare)', `${bare.toFixed(1)} ms`, '1.00×', ''],
    ['check one CSV (stylish)', `${csv.toFixed(1)} ms`, `${(csv / bare).toFixed(2)}×`, `≤ ${TARGETS.coldRatio}×`],
    ['check one JSON (stylish)', `${json.toFixed(1)} ms`, `${(json / bare).toFixed(2)}×`, `≤ ${TARGETS.coldRatio}×`],
    ['check one CSV (-f json)', `${jsonOut.toFixed(1)} ms`, `${(jsonOut / bare).toFixed(2)}×`, `≤ ${TARGETS.coldRatio}×`],
  ];
  if (plainBare !== undefined)
    rows.push(
      ['without NODE_EXTRA_CA_CERTS:', '', '', ''],
      ['  node -e \'\' (bare)', `${plainBare.toFixed(1)} ms`, '1.00×', ''],
      ['  check one CSV (stylish)', `${plainCsv.toFixed(1)} ms`, `${(plainCsv / plainBare).toFixed(2)}×`, 'not judged: see README'],
    );
  const batches = [];
  for (const format of ['json', 'stylish'])
    for (const count of COUNTS) batches.push(batch(join(work, `batch-${count}`), count, format));
  for (const b of batches)
    rows.push([
      `batch ${b.count.toLocaleString('en-US')} files (-f ${b.format})`,
      `${b.seconds.toFixed(2)} s`,
      `${Math.round(b.perSecond)} reports/s (≥ ${TARGETS.reportsPerSecond})`,
      `peak RSS ${b.rssMiB.toFixed(0)} MiB, live heap after ${b.liveMiB.toFixed(1)} MiB`,
    ]);

  const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  process.stdout.write('\n');
  for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(width[i])).join('  ').trimEnd()}\n`);

  const misses = [];
  for (const [name, ms] of [['CSV', csv], ['JSON', json], ['CSV -f json', jsonOut]])
    if (ms / bare > TARGETS.coldRatio) misses.push(`cold start (${name}) ${(ms / bare).toFixed(2)}× > ${TARGETS.coldRatio}×`);
  for (const b of batches) {
    if (b.count >= 1000 && b.perSecond < TARGETS.reportsPerSecond) misses.push(`batch ${b.count} (-f ${b.format}) ${Math.round(b.perSecond)} reports/s < ${TARGETS.reportsPerSecond}`);
    if (b.status !== 2) misses.push(`batch ${b.count} exited ${b.status}, expected 2 (the batch holds unreadable files)`);
  }
  for (const format of ['json', 'stylish']) {
    const runs = batches.filter((b) => b.format === format);
    const [small, large] = [runs[0], runs[runs.length - 1]];
    // Memory must not grow with the number of files: nothing a file leaves behind may outlive it
    // (the live heap after the batch). Peak RSS is printed, not judged: it follows V8's heap sizing
    // for the allocation rate, which creeps up with the length of a run (see the README).
    if (large.liveMiB > small.liveMiB * 1.5 + 1) misses.push(`live heap grows with files (-f ${format}): ${small.liveMiB.toFixed(1)} → ${large.liveMiB.toFixed(1)} MiB`);
  }
  process.stdout.write(misses.length ? `\nmissed: ${misses.join('; ')}\n` : '\nall targets met\n');
  process.exitCode = misses.length ? 1 : 0;
} finally {
  if (KEEP) process.stdout.write(`kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}
