#!/usr/bin/env node
'use strict';
// Loads the bundled CLI (dist/cli.bundle.cjs) with the V8 code cache that the build wrote beside
// it, so that a start does not parse and compile the bundle again: start-up is the cost of a
// CI gate on every commit. CommonJS, to skip Node's ES module loader. Without a cache, or with
// one V8 refuses (another Node version), the bundle is simply compiled as usual.
const { readFileSync, writeFileSync } = require('node:fs');
// The module system's own class, rather than require('node:module'), which loads Node's ES module
// loader and its source maps besides (~1 ms of a start).
const { createRequire, wrap } = module.constructor;
const { join } = require('node:path');
const { Script } = require('node:vm');

const dir = join(__dirname, '..', 'dist');
const file = join(dir, 'cli.bundle.cjs');
// A big batch's second process runs under other V8 flags (src/rerun.ts), which need their own cache.
const cacheFile = process.env.DISCLOSURE_CHECK_TUNED === '1' ? `${file}.tuned.cache` : `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The bundle makes no `import()` (scripts/bundle.mjs turns them into `require`), which a script
// compiled here could not run. The build writes it in ASCII alone, which latin1 reads as it is,
// without the UTF-8 decoder's checks.
const script = new Script(wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dir);

// A batch's worker threads run this same file (src/pool): they serve tasks, not a command line.
// The variable spares a single check loading node:worker_threads (~1.5 ms of its start-up).
if (process.env.DISCLOSURE_CHECK_WORKER === '1' && require('node:worker_threads').workerData?.disclosureCheckWorker) {
  bundle.exports.serveWorker();
} else {
  // `npm run build` runs the CLI once on the seed report with this set, to write the cache.
  if (process.env.DISCLOSURE_CHECK_WRITE_CODE_CACHE === '1')
    process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));

  bundle.exports.main(process.argv, { mayRerun: true }).then((code) => {
    process.exitCode = code;
  });
}
