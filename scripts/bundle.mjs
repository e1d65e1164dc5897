// Bundles the compiled CLI (dist/cli.js, after tsc and the generated validators) into one
// CommonJS file, dist/cli.bundle.cjs, that bin/disclosure-check.cjs loads. Start-up then reads one
// file instead of ~40 ES modules, and skips Node's ES module loader altogether (~3 ms).
// The lazily imported parts (formatters, the generated validator) are in the same file, compiled
// by V8 only when first called.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * commander requires node:child_process at load (for git-style subcommand executables, which this
 * CLI has none of); loading it costs a few ms of every start. Give commander a stand-in that loads
 * the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('commander') ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/cli.bundle.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // ajv is only the fallback when no generated validator exists (running from src/): never bundled.
  external: ['ajv'],
  // The ES module build of jsonc-parser (its UMD build requires its parts at run time).
  mainFields: ['module', 'main'],
  // The sources read files beside them through import.meta.url.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess],
  // Smaller to parse at every start; names are kept for readable internal errors.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

// The V8 code cache beside the bundle (see bin/disclosure-check.cjs): written by one run of the CLI
// on the seed report, in both input kinds, so that the functions a check runs are in it compiled.
rmSync('dist/cli.bundle.cjs.cache', { force: true });
const run = spawnSync(
  process.execPath,
  ['bin/disclosure-check.cjs', 'fixtures/seed/xiangyang-jxj-2021.csv', 'fixtures/seed/xiangyang-jxj-2021.json', '--no-color'],
  { env: { ...process.env, DISCLOSURE_CHECK_WRITE_CODE_CACHE: '1' }, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (run.status !== 0) throw new Error(`bundle: the CLI failed on the seed report (exit ${run.status})`);
