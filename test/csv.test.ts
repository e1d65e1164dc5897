/** The CSV reader: cells with the line they start on, as Excel and WPS write them. */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../src/read/csv.js';

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

  it('keeps empty lines as rows (line numbers stay those of the file) and ignores the final line break', () => {
    expect(texts('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(texts('a\r\rb')).toEqual([['a'], [''], ['b']]);
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
