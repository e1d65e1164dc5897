/** The CSV reader: cells with the line they start on, as Excel and WPS write them. */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../src/read/csv.js';
import { decode } from '../src/read/decode.js';
import { fixture } from './helpers/cli.js';

const texts = (csv: string) => readCsv(csv, 'a.csv').rows.map((r) => r.cells.map((c) => c.text));

describe('readCsv', () => {
  it('reads rows of any length, with each cell numbered by field', () => {
    const { rows } = readCsv('规章,0,0,0\n行政许可,0\n', 'a.csv');
    expect(rows).toEqual([
      { line: 1, cells: ['规章', '0', '0', '0'].map((text, i) => ({ text, line: 1, column: i + 1 })) },
      { line: 2, cells: ['行政许可', '0'].map((text, i) => ({ text, line: 2, column: i + 1 })) },
    ]);
  });

  it('reads quoted cells with separators, doubled quotes and line breaks, and counts lines right', () => {
    const { rows } = readCsv('"a,b","say ""hi""","two\r\nlines"\r\nnext,1\r\n', 'a.csv');
    expect(rows.map((r) => r.cells.map((c) => c.text))).toEqual([['a,b', 'say "hi"', 'two\r\nlines'], ['next', '1']]);
    expect(rows[1]).toMatchObject({ line: 3 });
  });

  it('skips empty lines (millions of them make no rows), keeps the line numbers of the file, ignores the final line break', () => {
    expect(texts('a\n\nb\n')).toEqual([['a'], ['b']]);
    expect(texts('a\r\rb')).toEqual([['a'], ['b']]);
    expect(readCsv('a\n\n\r\n"x\ny",1\n\nb\n', 'x.csv').rows.map((r) => r.line)).toEqual([1, 4, 7]);
    expect(readCsv(`a\n${'\n'.repeat(1_000_000)}b`, 'x.csv').rows.map((r) => [r.line, r.cells[0]!.text])).toEqual([[1, 'a'], [1_000_002, 'b']]);
  });

  it('finds the separator: comma, tab or semicolon', () => {
    expect(texts('a\tb\tc\n1\t2\t3')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(texts('a;b;c\n1;2;3')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('is lenient where exports are sloppy: quotes inside a cell, text after a closing quote', () => {
    expect(texts('a"b,c\n"x"y,z')).toEqual([['a"b', 'c'], ['xy', 'z']]);
  });

  it('names the line a never-closed quote opens on', () => {
    expect(() => readCsv('a,b\nc,"d\ne,f\n', 'a.csv')).toThrow('a.csv: line 2: a quoted field is never closed');
  });
});

describe('readCsv against csv-parse (the reference parser)', () => {
  // The reader is hand-written for speed (see README, Design); csv-parse checks it on every CSV fixture.
  const files = readdirSync(fixture(''), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv') && !f.startsWith('bad/'));

  it('reads every CSV fixture into the same cells', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = decode(readFileSync(fixture(file)), file);
      const ours = readCsv(text, file).rows.map((r) => r.cells.map((c) => c.text));
      const reference = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, delimiter: sniff(ours, text) }) as string[][];
      expect(ours, file).toEqual(reference);
    }
  });

  it('reads quoting edge cases the same way', () => {
    for (const text of ['a,"b,c",d\n', '"x ""y"" z",1\r\n2,3\r\n', '"multi\nline",2\n3,4\n', ',,\n,\n', 'a;b;"c;d"\n']) {
      const ours = readCsv(text, 'x.csv').rows.map((r) => r.cells.map((c) => c.text));
      expect(ours, JSON.stringify(text)).toEqual(parse(text, { relax_column_count: true, skip_empty_lines: false, delimiter: sniff(ours, text) }));
    }
  });
});

/** The separator our reader chose, told to csv-parse so that both split the same way. */
function sniff(rows: string[][], text: string): string {
  return rows.some((r) => r.length > 1) ? ([',', '\t', ';'].find((d) => text.includes(d)) ?? ',') : ',';
}
