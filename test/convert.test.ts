import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJson, cli, fixture, tempDir, type JsonFinding } from './helpers/cli.js';

const seed = (ext: string) => readFileSync(fixture(`seed/xiangyang-jxj-2021.${ext}`), 'utf8');
const temp = () => tempDir('dc-convert-');

describe('what convert drops, as the README says', () => {
  it('keys outside the template, --to json as --to csv; a number written as a string only --to csv', () => {
    const dir = temp();
    const rules = (file: string) => checkJson(file).result.findings.map((f) => f.rule).sort();
    expect(rules(fixture('broken/schema.json'))).toEqual(['schema.unknown-key', 'structure.missing-row', 'value.not-a-number']);
    for (const to of ['json', 'csv']) {
      const out = join(dir, `schema.${to}`);
      expect(cli(['convert', fixture('broken/schema.json'), '--to', to, '-o', out]).status).toBe(0);
      expect(rules(out), to).toEqual(to === 'json' ? ['structure.missing-row', 'value.not-a-number'] : ['structure.missing-row']);
    }
    const readme = readFileSync(fixture('../README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain("keys outside the template (`schema.unknown-key`: both `--to json` and `--to csv` write the template's cells, `agency` and `year`, and drop any other key)");
  });
});

describe('disclosure-check convert', () => {
  it('writes the canonical JSON and the spreadsheet CSV of the template layout (the seed files, byte for byte)', () => {
    const json = cli(['convert', fixture('seed/xiangyang-jxj-2021.json'), '--to', 'json']);
    expect(json.status).toBe(0);
    expect(json.stdout).toBe(seed('json'));
    const csv = cli(['convert', fixture('seed/xiangyang-jxj-2021.json'), '--to', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toBe(seed('csv'));
  });

  it('extracts the data of a published page: the seed text and page give the seed JSON (agency and year when the page has a title)', () => {
    const full = JSON.parse(seed('json')) as Record<string, unknown>;
    const { agency: _agency, year: _year, ...untitled } = full;
    for (const [input, expected] of [
      ['seed/xiangyang-jxj-2021.txt', untitled], // the copied text starts at 一、总体情况: no title
      ['html/xiangyang-jxj-2021.html', full],
      ['html/xiangyang-jxj-2021-gbk.html', full],
    ] as const) {
      const run = cli(['convert', fixture(input), '--to', 'json']);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(expected);
    }
  });

  it('-o writes the file whole; nothing is written when the input cannot be read', () => {
    const dir = temp();
    const out = join(dir, 'report.csv');
    const run = cli(['convert', fixture('seed/xiangyang-jxj-2021.txt'), '--to', 'csv', '-o', out]);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
    expect(readFileSync(out, 'utf8').split('\n').slice(2)).toEqual(seed('csv').split('\n').slice(2));

    const bad = join(dir, 'cut.json');
    const failed = cli(['convert', fixture('layouts/truncated.txt'), '--to', 'json', '-o', bad]);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/truncated\.txt: the page stops short/);
    expect(failed.stderr.split('\n')).toHaveLength(2);
    expect(existsSync(bad)).toBe(false);
    // in Chinese with --lang zh, or a Chinese locale
    const zh = `disclosure-check: ${fixture('bad/broken.json')}：第 2 行第 24 列：不是有效的 JSON（此处应为值）\n`;
    expect(cli(['convert', fixture('bad/broken.json'), '--to', 'json', '--lang', 'zh'])).toEqual({ status: 2, stdout: '', stderr: zh });
    expect(cli(['convert', fixture('bad/broken.json'), '--to', 'json'], { env: { LANG: 'zh_CN.UTF-8' } }).stderr).toBe(zh);
    expect(cli(['--lang', 'zh', 'convert', fixture('bad/broken.json'), '--to', 'json']).stderr).toBe(zh); // given before the subcommand's name
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it("takes -o and --lang given before its name, and refuses the check's other options there", () => {
    const dir = tempDir('dc-convert-before-');
    const out = join(dir, 'out.json');
    expect(cli(['-o', out, 'convert', fixture('seed/xiangyang-jxj-2021.csv'), '--to', 'json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(out, 'utf8')).agency).toBe('襄阳市经济和信息化局');
    // its own -o, after its name, wins
    const own = join(dir, 'own.json');
    expect(cli(['-o', out, 'convert', fixture('seed/xiangyang-jxj-2021.csv'), '--to', 'json', '-o', own]).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'own.json']);
    expect(cli(['--previous', out, 'convert', fixture('seed/xiangyang-jxj-2021.csv'), '--to', 'json'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'disclosure-check: --previous is an option of the check, not of convert\n',
    });
    // a preference passes where nothing depends on it
    expect(cli(['--lang', 'zh', '--no-color', 'init', '-']).status).toBe(0);
    expect(cli(['-f', 'json', 'init', '-'])).toMatchObject({ status: 2, stderr: 'disclosure-check: -f/--format is an option of the check, not of init\n' });
  });

  it('says what is wrong with its arguments, in one line, exit 2', () => {
    const missing = cli(['convert', fixture('seed/xiangyang-jxj-2021.txt')]);
    expect([missing.status, missing.stderr]).toEqual([2, "disclosure-check: required option '--to <kind>' not specified (see --help)\n"]);
    expect(cli(['convert', fixture('seed/xiangyang-jxj-2021.txt'), '--to', 'xml']).status).toBe(2);
  });

  /**
   * Convert, check what was written: the same findings. Two things a converted file cannot carry:
   * the prose (the `text.*` rules need the page) and how a cell was written (`value.unit-converted`:
   * the JSON holds the converted amount); and a row the page's run-together table 二 does not name
   * (035's 规章) is, in the JSON, part of that missing table.
   */
  const sameFindings = (f: JsonFinding) => !f.rule.startsWith('text.') && f.rule !== 'value.unit-converted';
  const key = (f: JsonFinding) => `${f.rule} ${f.cells[0]} ${f.difference ?? ''}`;
  const inputs = [
    ...readdirSync(fixture('real')).filter((f) => f.endsWith('.txt')).map((f) => `real/${f}`),
    'seed/xiangyang-jxj-2021.txt',
    'html/011.html',
    'layouts/one-cell-per-line.txt',
    'layouts/blanks-placeholders.txt',
    'layouts/no-headings-2019.txt',
    'bad/values-as-text.csv', // 二 and 40 nines in a row's first number cell: quoted, never blanked
  ];
  for (const to of ['json', 'csv'])
    it(`round-trips through ${to}: convert, check the ${to}, the same findings (${inputs.length} reports)`, () => {
      const dir = temp();
      for (const input of inputs) {
        const out = join(dir, `${input.replace(/\W/g, '_')}.${to}`);
        expect(cli(['convert', fixture(input), '--to', to, '-o', out]).status).toBe(0);
        const before = checkJson(fixture(input)).result;
        const after = checkJson(out).result;
        const expected = before.findings.filter(sameFindings).filter((f) => !(input === 'real/035.txt' && f.rule === 'structure.missing-row'));
        expect(after.findings.filter(sameFindings).map(key).sort(), input).toEqual(expected.map(key).sort());
        expect(after.format, input).toBe(before.format);
      }
    });
});
