// Two builds, or this build two ways, over the same batch, run after run: the way every speed
// figure in the README was compared, since this machine's own speed moves by ±10% from minute to
// minute (more than most changes are worth). Run `npm run build` in each checkout first.
//
//   node scripts/bench/ab.mjs [--count 1000] [--runs 6] [--kinds csv,json] SIDE SIDE [-- check options]
//
// A SIDE is a checkout (a folder with a built bin/disclosure-check.cjs), or NAME=VALUE: this
// checkout with that environment variable (DISCLOSURE_CHECK_TUNED_FROM=Infinity: one process).
// Prints each side's wall times in ms, their median, and B against A.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const args = dash === -1 ? argv : argv.slice(0, dash);
const extra = dash === -1 ? ['-f', 'json'] : argv.slice(dash + 1);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const count = Number(option('--count', '1000'));
const runs = Number(option('--runs', '6'));
const kinds = option('--kinds', undefined)?.split(',');
if (args.length !== 2) {
  console.error('usage: node scripts/bench/ab.mjs [--count N] [--runs N] [--kinds csv,json] SIDE SIDE [-- check options]');
  process.exit(2);
}

const here = fileURLToPath(new URL('../..', import.meta.url));
const sides = args.map((side) => {
  const env = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(side);
  const root = env ? here : resolve(side);
  const bin = join(root, 'bin/disclosure-check.cjs');
  if (!existsSync(join(root, 'dist/cli.bundle.cjs'))) throw new Error(`${side}: not built (run npm run build there)`);
  return { name: side, bin, env: { ...process.env, NO_COLOR: '1', ...(env ? { [env[1]]: env[2] } : {}) }, times: [] };
});

const dir = mkdtempSync(join(tmpdir(), 'disclosure-check-ab-'));
try {
  generate(dir, count, 2021, kinds);
  for (let run = -1; run < runs; run++)
    for (const side of run % 2 === 0 ? sides : [...sides].reverse()) {
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, [side.bin, dir, ...extra], { stdio: 'ignore', env: side.env });
      if (run >= 0) side.times.push(Number(process.hrtime.bigint() - start) / 1e6); // run -1 warms the file cache
    }
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  for (const side of sides) console.log(`${side.name}: ${side.times.map((t) => t.toFixed(0)).join(' ')} ms, median ${median(side.times).toFixed(0)} ms`);
  const [a, b] = sides.map((side) => median(side.times));
  console.log(`B against A: ${(((b - a) / a) * 100).toFixed(1)}% (${count} files, ${runs} runs each, alternating)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
