import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script, shared with `npm run screenshot`
import { dumpDom, screenshot } from '../scripts/screenshot.mjs';
import { cli, fixture, ROOT, tempDir } from './helpers/cli.js';
import { decodePng, findColour } from './png.js';

/** The colours the html report gives a cell to fix (error) and a warning cell. */
const ERROR_BACKGROUND: [number, number, number] = [0xff, 0xd6, 0xd6];
const WARNING_BACKGROUND: [number, number, number] = [0xff, 0xe3, 0xa3];

function page(report: string): string {
  const out = join(tempDir('dc-html-'), 'report.html');
  const r = cli(['-f', 'html', '--lang', 'zh', '-o', out, fixture(report)]);
  expect(r.status === 0 || r.status === 1).toBe(true);
  return out;
}

function shot(html: string, size = { width: 1100, height: 2000 }) {
  const png = join(tempDir('dc-png-'), 'shot.png');
  screenshot(html, png, size);
  return decodePng(readFileSync(png));
}

describe('the html report in headless Chromium', { timeout: 120_000 }, () => {
  it('has a CJK font to draw the tables with', () => {
    const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    expect(fonts.stdout.trim()).not.toBe('');
  });

  it('marks the broken cell: red, with the value it should have, where the template has it', () => {
    const html = page('ci/broken-total.csv');
    const dom = dumpDom(html);
    const broken = dom.match(/<td class="value cell-error" data-cell="\/requests\/newReceived\/total"[^>]*>(.*?)<\/td>/);
    expect(broken?.[0]).toContain('data-expected="2"');
    expect(broken?.[1]).toBe('3<span class="expected">应为 2</span>');
    expect(dom.match(/class="value cell-error"/g)).toHaveLength(2);
    expect(dom).not.toMatch(/<script/i);

    const image = shot(html);
    const red = findColour(image, ERROR_BACKGROUND);
    expect(red.count).toBeGreaterThan(500);
    // the 总计 column is the last column of table 三: the marked cells are on the right of the page
    expect(red.left).toBeGreaterThan(image.width / 2);
  });

  it('shows warnings in amber, and a clean report with no red at all', () => {
    const warned = shot(page('ci/blank-cell.csv'));
    expect(findColour(warned, WARNING_BACKGROUND).count).toBeGreaterThan(200);
    expect(findColour(warned, ERROR_BACKGROUND).count).toBe(0);
    const clean = shot(page('ci/good.csv'));
    expect(findColour(clean, ERROR_BACKGROUND).count).toBe(0);
    expect(findColour(clean, WARNING_BACKGROUND).count).toBe(0);
  });

  it('the README’s screenshot (docs/broken-seed.png) shows a marked cell', () => {
    const image = decodePng(readFileSync(join(ROOT, 'docs', 'broken-seed.png')));
    expect(image.width).toBe(1100);
    expect(findColour(image, ERROR_BACKGROUND).count).toBeGreaterThan(500);
  });
});
