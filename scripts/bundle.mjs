// Bundles the compiled CLI (dist/cli.js, after tsc and the generated validators) into one
// CommonJS file, dist/cli.bundle.cjs, that bin/disclosure-check.cjs loads. Start-up then reads one
// file instead of ~40 ES modules, and skips Node's ES module loader altogether (~3 ms).
// The lazily imported parts (formatters, the generated validator) are in the same file, compiled
// by V8 only when first called.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/**
 * Node's modules that a check seldom needs, yet that the bundle would require as it loads: commander
 * requires node:child_process (for git-style subcommand executables, which this CLI has none of);
 * node:module serves only the tty check of a terminal; node:os only a batch's thread count and
 * the signal a second process ended by. Loading them costs ~1.5 ms of every start (node:module
 * brings Node's ES module loader and its source maps). Each is required as a stand-in that loads
 * the real module when a property of it is first read: esbuild reads an imported name off the
 * module where it is used, never as the bundle loads.
 */
const LAZY_BUILTINS = ['node:child_process', 'node:module', 'node:os'];
const LAZY_BUILTIN = "const __lazyBuiltin = (id) => { let real; return new Proxy({}, { get: (_, key) => (real ??= require(id))[key] }); };";

/**
 * The HTML reader needs htmlparser2's tokenizer alone, and it is bundled: 60 KB with its entity
 * tables, set up only when a page is read. A single CSV check starts no slower (72 ms either way
 * here) and a single page is checked in 95 ms, against 112 with htmlparser2 left to node_modules
 * (whose entry requires its DOM handler, utilities and serializer) and 117 with parse5 before it.
 * The package entry re-exports those, which esbuild keeps (150 KB): point it at the tokenizer
 * module itself.
 */
const tokenizerOnly = {
  name: 'htmlparser2-tokenizer',
  setup(b) {
    b.onResolve({ filter: /^htmlparser2$/ }, () => ({ path: 'htmlparser2', namespace: 'tokenizer' }));
    // The package's exports name only its entry: find the module beside it.
    const esm = join(dirname(createRequire(import.meta.url).resolve('htmlparser2')), '../esm');
    b.onLoad({ filter: /.*/, namespace: 'tokenizer' }, () => ({
      contents: "export { default as Tokenizer } from './Tokenizer.js';",
      resolveDir: esm,
      loader: 'js',
    }));
  },
};

/**
 * jsonc-parser's entry imports its formatter and editor as namespaces, which esbuild keeps for their
 * possible side effects, and the formatter's tables of indentation strings were built at every
 * start (~0.3 ms). Only its parser is used: the formatter, the editor and those tables are declared
 * free of side effects, so that esbuild leaves out what nothing calls.
 */
const jsoncParserOnly = {
  name: 'jsonc-parser-parser-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/(format|edit|string-intern)$/ }, (args) =>
      /jsonc-parser[\\/]lib[\\/]esm[\\/]/.test(args.importer) ? { path: join(args.resolveDir, `${args.path}.js`), sideEffects: false } : undefined,
    );
  },
};

/** Packages left to node_modules (see `external` below). */
const EXTERNAL = ['ajv', 'tinyglobby'];

/**
 * `import()` of a package left outside the bundle would need Node's ES module loader, which a
 * script run from a code cache cannot call: load them by `require` instead (each has a CommonJS
 * entry), still only when the import runs.
 */
const externalsByRequire = {
  name: 'externals-by-require',
  setup(b) {
    const filter = new RegExp(`^(${EXTERNAL.join('|')})(/.*)?$`);
    b.onResolve({ filter }, (args) =>
      args.kind === 'dynamic-import' || args.kind === 'import-statement' ? { path: args.path, namespace: 'external-require' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'external-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/cli.bundle.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Left to node_modules, loaded (by require) only when used: ajv is the fallback when no generated
  // validator exists (running from src/); tinyglobby serves glob arguments. Bundled, they would be
  // read and deserialised at every start.
  external: EXTERNAL,
  // The ES module build of jsonc-parser (its UMD build requires its parts at run time).
  mainFields: ['module', 'main'],
  // The sources read files beside them through import.meta.url.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: `const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;\n${LAZY_BUILTIN}` },
  plugins: [externalsByRequire, tokenizerOnly, jsoncParserOnly],
  // Smaller to parse at every start; names are kept for readable internal errors.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

const BUNDLE = 'dist/cli.bundle.cjs';
let bundled = readFileSync(BUNDLE, 'utf8');
// (see LAZY_BUILTINS)
for (const id of LAZY_BUILTINS) {
  const required = `require(${JSON.stringify(id)})`;
  if (!bundled.includes(required)) throw new Error(`bundle: ${BUNDLE} no longer requires ${id}: take it out of LAZY_BUILTINS`);
  bundled = bundled.replaceAll(required, `__lazyBuiltin(${JSON.stringify(id)})`);
}
// esbuild writes a regular expression's characters as they are, so the bundle held ~30 Chinese
// ones, and V8 kept its whole source (500 KB) as a string of two bytes a character. Escaped, every
// character is ASCII, and the source is read and kept as one byte a character: a single check
// starts ~2 ms sooner (measured: the file is read ~0.6 ms and compiled from its cache ~0.7 ms
// faster). `\uXXXX` means the same character in a string, a template, a regular expression (with
// or without the u flag, where a surrogate pair is one character) and a name; only a backslash
// right before the character would change its meaning, which the build refuses.
if (/\\[^\x00-\x7f]/.test(bundled)) throw new Error(`bundle: ${BUNDLE} has a backslash before a non-ASCII character, which escaping would change`);
writeFileSync(BUNDLE, bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

// The V8 code cache beside the bundle (see bin/disclosure-check.cjs): written by one run of the CLI
// on the seed report, in both input kinds, so that the functions a check runs are in it compiled.
// V8 refuses a cache written under other flags, so the second process a big batch runs in (with
// src/rerun.ts's flags) gets its own, written the same way under them, over every input kind and
// reports with findings: a batch meets them all, and finds their functions compiled (1,000 files:
// 2% less time). The single check keeps the small cache: a bigger one costs a CSV's start-up ~2 ms.
const { BATCH_V8_FLAGS } = await import('../dist/rerun.js');
const SEED = ['fixtures/seed/xiangyang-jxj-2021.csv', 'fixtures/seed/xiangyang-jxj-2021.json'];
const BATCH = [
  ...SEED,
  'fixtures/seed/xiangyang-jxj-2021.txt',
  'fixtures/html/xiangyang-jxj-2021.html',
  'fixtures/html/xiangyang-jxj-2021-gbk.html',
  'fixtures/xlsx/xiangyang-jxj-2021.xlsx',
  'fixtures/broken/row-total.csv',
  'fixtures/broken/values.csv',
  'fixtures/broken/blanks.csv',
  'fixtures/broken/schema.json',
  'fixtures/real/008.txt',
  'fixtures/real/033.txt',
];
for (const [cache, flags, env, inputs, expected] of [
  ['dist/cli.bundle.cjs.cache', [], { DISCLOSURE_CHECK_TUNED_FROM: 'Infinity' }, SEED, 0],
  ['dist/cli.bundle.cjs.tuned.cache', BATCH_V8_FLAGS, { DISCLOSURE_CHECK_TUNED: '1' }, BATCH, 1],
]) {
  rmSync(cache, { force: true });
  const run = spawnSync(process.execPath, [...flags, 'bin/disclosure-check.cjs', ...inputs, '--no-color'], {
    env: { ...process.env, ...env, DISCLOSURE_CHECK_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== expected) throw new Error(`bundle: the CLI exited ${run.status} on ${inputs.join(' ')}, not ${expected}`);
}
