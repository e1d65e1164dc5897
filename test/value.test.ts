/** Numbers as people write them in a report's cells; anything else is quoted, never a silent 0. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCell } from '../src/locate/value.js';
import { cli, SEED_CSV, tempDir } from './helpers/cli.js';

const number = (value: number) => ({ kind: 'number', value });

describe('parseCell', () => {
  it.each([
    ['12', 12],
    ['１２', 12], // full-width digits
    ['１，２３４', 1234], // full-width comma as thousands separator
    ['1,234', 1234],
    ['12,345,678', 12345678],
    [' 7 ', 7],
    ['7\u00a0', 7],
    ['1 234', 1234],
    ['&nbsp;5', 5],
    ['5件', 5],
    ['5 个', 5],
    ['5条', 5],
    ['?3', 3], // a stray ? where the page lost a character
    ['3?', 3],
    ['？3', 3],
    ['0', 0],
    ['+2', 2],
  ])('reads %j as %d', (raw, value) => {
    expect(parseCell(raw, 'count')).toEqual(number(value));
  });

  it('keeps what is not a whole count for the schema to judge (a finding, not a guess)', () => {
    expect(parseCell('-3', 'count')).toEqual(number(-3)); // → value.negative
    expect(parseCell('1.5', 'count')).toEqual(number(1.5)); // → value.not-integer
  });

  it('reads numbers up to 15 digits exactly; longer ones (which a double would round) as text', () => {
    expect(parseCell('999999999999999', 'count')).toEqual(number(999_999_999_999_999));
    expect(parseCell('0000000000000007', 'count')).toEqual(number(7));
    for (const raw of ['9007199254740993', '１２３４５６７８９０１２３４５６７８９', '9'.repeat(400), '12345678901234567.5'])
      expect(parseCell(raw, 'count')).toEqual({ kind: 'text', raw });
  });

  it.each(['约3', '三', '3件5', '1,23', '1.2.3', '1e3', 'Infinity', 'NaN', '0x10', '3 4 5?', '??3', '5元', '2万元', '十件', '3%'])(
    'reads %j as text, to be quoted in a value finding',
    (raw) => {
      expect(parseCell(raw, 'count')).toEqual({ kind: 'text', raw });
    },
  );

  it('reads blanks and placeholders as blank, remembering the placeholder', () => {
    expect(parseCell('', 'count')).toEqual({ kind: 'blank' });
    expect(parseCell(' \u3000 ', 'count')).toEqual({ kind: 'blank' });
    expect(parseCell('&nbsp;', 'count')).toEqual({ kind: 'blank' });
    for (const placeholder of ['/', '-', '—', '——', '无', 'N/A']) expect(parseCell(placeholder, 'count')).toEqual({ kind: 'blank', placeholder });
  });

  it('reads a fee in 万元 as it is, and a fee in 元 converted to 万元 with a note', () => {
    expect(parseCell('25.1', 'amount')).toEqual(number(25.1));
    expect(parseCell('25.1万元', 'amount')).toEqual(number(25.1));
    expect(parseCell('251000元', 'amount')).toEqual({ kind: 'number', value: 25.1, note: 'yuan' });
    expect(parseCell('251,000 元', 'amount')).toEqual({ kind: 'number', value: 25.1, note: 'yuan' });
    expect(parseCell('123.45元', 'amount')).toEqual({ kind: 'number', value: 0.012345, note: 'yuan' });
  });

  it('without a kind (label or value?), a sum of money is a value', () => {
    expect(parseCell('251000元').kind).toBe('number');
    expect(parseCell('行政事业性收费').kind).toBe('text');
  });
});

describe('the CLI on numbers as written', () => {
  const dir = tempDir('value');
  const seed = readFileSync(SEED_CSV, 'utf8');

  it('passes a report whose numbers are written with widths, units, separators and stray marks', () => {
    const written = seed
      .replace('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,2', '一、本年新收政府信息公开申请数量,,,２件,0,?0, 0 ,0个,0条,"2"')
      .replace('行政规范性文件,0,0,1', '行政规范性文件,0,0,１');
    writeFileSync(join(dir, 'written.csv'), written);
    const run = cli(['written.csv'], { cwd: dir });
    expect(run.stdout).toBe('✔ written.csv  passed (2021)\n✔ 1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings\n');
    expect(run.status).toBe(0);
  });

  it('converts a fee in 元 to 万元 and says so', () => {
    writeFileSync(join(dir, 'yuan.csv'), seed.replace('行政事业性收费,0', '行政事业性收费,251000元'));
    const run = cli(['yuan.csv', '-f', 'json'], { cwd: dir });
    const [finding] = JSON.parse(run.stdout).results[0].findings;
    expect(finding).toMatchObject({
      rule: 'value.unit-converted',
      severity: 'warning',
      message: 'administrative fees · fees collected (10,000 yuan) is written "251000元" (yuan); read as 25.1 (10,000 yuan)',
      actual: 25.1,
      raw: '251000元',
      location: { line: 17, column: 2 },
    });
    expect(run.status).toBe(0);
  });

  it('quotes a non-number in a row\'s first number cell at its place, not as another label', () => {
    const first = (raw: string) => {
      writeFileSync(join(dir, 'first.csv'), seed.replace('一、本年新收政府信息公开申请数量,,,2,0,', `一、本年新收政府信息公开申请数量,,,${raw},0,`));
      const run = cli(['first.csv', '-f', 'json'], { cwd: dir });
      const findings = JSON.parse(run.stdout).results[0].findings as { rule: string; location: unknown; raw?: string }[];
      return findings.filter((f) => f.rule.startsWith('value.')).map((f) => [f.rule, f.location, f.raw]);
    };
    // (a number with words, `约3`, `3人次`, is no second label: the row would be lost)
    for (const raw of ['1e5', 'NaN', '0x10', '50%', '9'.repeat(40), '二', '十二件', '约3', '3人次']) expect(first(raw), raw).toEqual([['value.not-a-number', { line: 23, column: 4 }, raw]]);
    // the same in a row of one number (table 二) and in table 四's row of numbers
    for (const [from, to, at] of [
      ['行政强制,0', '行政强制,约3', { line: 14, column: 2 }],
      ['\n0,0,0,0,0,0,0,0,0,0,0,0,0,0,0', '\n约3,0,0,0,0,0,0,0,0,0,0,0,0,0,0', { line: 53, column: 1 }],
    ] as const) {
      writeFileSync(join(dir, 'one.csv'), seed.replace(from, to));
      const findings = JSON.parse(cli(['one.csv', '-f', 'json'], { cwd: dir }).stdout).results[0].findings as { rule: string; location: unknown; raw?: string }[];
      expect(findings.map((f) => [f.rule, f.location, f.raw]), to).toEqual([['value.not-a-number', at, '约3']]);
    }
    // a typeset minus sign is a minus: a count below zero
    expect(first('−1')).toEqual([['value.negative', { line: 23, column: 4 }, undefined]]);
  });

  it('quotes anything else in a value finding, and never reads it as 0', () => {
    writeFileSync(join(dir, 'text.csv'), seed.replace('一、本年新收政府信息公开申请数量,,,2,0,', '一、本年新收政府信息公开申请数量,,,2,5元,'));
    const run = cli(['text.csv', '--lang', 'zh'], { cwd: dir });
    expect(run.stdout).toBe(
      'text.csv\n' +
        '  23:5  错误     一、本年新收政府信息公开申请数量 · 商业企业：“5元”不是数字  value.not-a-number\n\n' +
        '✖ 共检查 1 个文件：0 个通过，1 个未通过；1 个错误，0 个警告\n',
    );
    expect(run.status).toBe(1);
  });
});
