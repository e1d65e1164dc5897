/**
 * Inputs at the limits (found by an adversarial run): nesting, sizes and counts that overflowed the
 * stack or the memory. Each is refused in one line or checked in full; none stops a batch.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, fixture, tempDir, SEED_CSV, SEED_JSON } from './helpers/cli.js';

const dir = tempDir('limits');
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const seedCsv = readFileSync(SEED_CSV, 'utf8');
const seedJson = readFileSync(SEED_JSON, 'utf8');
const seedHtml = readFileSync(fixture('html/xiangyang-jxj-2021.html'), 'utf8');

describe('nesting', () => {
  it('a page nested thousands of elements deep is refused in one line, with where, at once', () => {
    const body = seedHtml.indexOf('>', seedHtml.indexOf('<body')) + 1;
    write('deep.html', `${seedHtml.slice(0, body)}${'<div>'.repeat(10_000)}${seedHtml.slice(body)}`);
    write('tables.html', `<p>政府信息公开</p>\n${'<table><tr><td>'.repeat(20_000)}`);
    const run = cli(['deep.html', 'tables.html'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^disclosure-check: deep\.html: line \d+, column \d+: elements nested more than 512 deep; a report page nests a few dozen$/),
      'disclosure-check: tables.html: line 2, column 1917: elements nested more than 512 deep; a report page nests a few dozen',
    ]);
  });

  it('a page nested as deep as the limit allows is read', () => {
    const body = seedHtml.indexOf('>', seedHtml.indexOf('<body')) + 1;
    const end = seedHtml.lastIndexOf('</body>');
    write('nested.html', `${seedHtml.slice(0, body)}${'<div>'.repeat(400)}${seedHtml.slice(body, end)}${'</div>'.repeat(400)}${seedHtml.slice(end)}`);
    const run = cli(['nested.html'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('counts and sizes', () => {
  it('100,000 findings in one report: printed in full in every format', () => {
    write('rows.csv', seedCsv + 'x行,1\n'.repeat(100_000));
    const stylish = cli(['rows.csv'], { cwd: dir });
    expect(stylish.status).toBe(0);
    expect(stylish.stderr).toBe('');
    expect(stylish.stdout).toContain('0 errors, 100000 warnings');
    const json = JSON.parse(cli(['rows.csv', '-f', 'json'], { cwd: dir }).stdout);
    expect(json.results[0].findings).toHaveLength(100_000);
  });

  it('JSON with 150,000 keys the report does not have: one finding each', () => {
    const keys = Array.from({ length: 150_000 }, (_, i) => `"k${i}": 1`).join(', ');
    write('keys.json', seedJson.replace('{', `{${keys}, `));
    const run = cli(['keys.json', '-f', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).summary.errors).toBe(150_000);
  });

  it('a JSON string of 9 million characters is read (the scan does not backtrack per character)', () => {
    write('long.json', seedJson.replace('"agency": ', `"note": "${'a'.repeat(9_000_000)}", "agency": `));
    const run = cli(['long.json', '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).results[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['schema.unknown-key']);
  });

  it('a JSON string of 4 million escapes is read (escapes are not matched inside a pattern that repeats)', () => {
    write('escapes.json', seedJson.replace('"agency": ', `"note": "${'\\n'.repeat(4_000_000)}", "agency": `));
    const run = cli(['escapes.json', '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).results[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['schema.unknown-key']);
  });

  it('JSON cut off inside a long string of escaped quotes is refused at its place (one pass, not one per quote)', () => {
    write('cut.json', `{"format": "2021", "note": "${'<a href=\\"/p\\">link</a> '.repeat(200_000)}`);
    const run = cli(['cut.json'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('disclosure-check: cut.json: line 1, column 28: not valid JSON (unexpected end of string)\n');
  });

  it('a CSV of millions of empty lines costs no row each: checked, with the lines of the file', () => {
    write('blank.csv', `${'\n'.repeat(3_000_000)}${seedCsv.replace('一、本年新收政府信息公开申请数量,,,2,0', '一、本年新收政府信息公开申请数量,,,3,0')}`);
    const run = cli(['blank.csv', '-f', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).results[0].findings[0].location.line).toBeGreaterThan(3_000_000);
  });
});

describe('a file the checker fails on', () => {
  it('gets an internal-error result; the rest of the batch is still checked and printed', async () => {
    vi.resetModules();
    vi.doMock('../src/check/text.js', async (original) => {
      const actual = await original<typeof import('../src/check/text.js')>();
      return {
        ...actual,
        checkProse: (report: Parameters<typeof actual.checkProse>[0]) => {
          if (report.data.agency === '出错的局') throw new RangeError('Maximum call stack size exceeded');
          return actual.checkProse(report);
        },
      };
    });
    const { checkFiles } = await import('../src/pipeline.js');
    const bad = write('bad.json', seedJson.replace('襄阳市经济和信息化局', '出错的局'));
    const results = await checkFiles([SEED_CSV, join(dir, bad), SEED_JSON]);
    vi.doUnmock('../src/check/text.js');
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]!.fatal).toEqual({
      code: 'internal',
      message: {
        zh: `${join(dir, bad)}：检查这个文件时程序内部出错：Maximum call stack size exceeded（请报告此问题）`,
        en: `${join(dir, bad)}: internal error while checking this file: Maximum call stack size exceeded (please report this)`,
      },
    });
  });
});
