// Screenshots of the html report in headless Chromium (Debian's `chromium`; .ci/run installs it).
// `npm run screenshot` redraws docs/broken-seed.png, the picture in the README.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--force-device-scale-factor=1',
];

/** Runs Chromium once on a local page with a fresh profile; returns its stdout. */
export function chromium(htmlFile, extra) {
  const profile = mkdtempSync(join(tmpdir(), 'dc-chromium-'));
  try {
    const run = spawnSync(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...extra, pathToFileURL(htmlFile).href], {
      encoding: 'utf8',
      timeout: 90_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw new Error(`${CHROMIUM}: ${run.error.message} (is Debian's chromium installed? .ci/run installs it)`);
    if (run.status !== 0) throw new Error(`${CHROMIUM} exited with ${run.status}: ${run.stderr.slice(-500)}`);
    return run.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export function screenshot(htmlFile, pngFile, { width = 1100, height = 2000 } = {}) {
  chromium(htmlFile, [`--screenshot=${pngFile}`, `--window-size=${width},${height}`]);
}

/** The page as Chromium parsed it. */
export function dumpDom(htmlFile) {
  return chromium(htmlFile, ['--dump-dom']);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = new URL('..', import.meta.url).pathname;
  const work = mkdtempSync(join(tmpdir(), 'dc-shot-'));
  const html = join(work, 'broken-seed.html');
  const cli = spawnSync(process.execPath, [join(root, 'bin/disclosure-check.cjs'), 'fixtures/ci/broken-total.csv', '-f', 'html', '--lang', 'zh', '-o', html], {
    cwd: root,
    encoding: 'utf8',
  });
  if (cli.status !== 1) throw new Error(`expected the broken seed to fail the check: ${cli.stderr}`);
  screenshot(html, join(root, 'docs/broken-seed.png'), { width: 1100, height: 1250 });
  rmSync(work, { recursive: true, force: true });
  console.log('wrote docs/broken-seed.png');
}
