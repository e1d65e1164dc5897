/**
 * Hostile workbooks: a few KB of ZIP holding an element opened hundreds of thousands of times and
 * never closed. The reader looks at each character a bounded number of times, so each of these
 * reads in milliseconds; a scan that restarts from every opening tag and reads on to the end of the
 * text (as `<si>([\s\S]*?)</si>` did) takes minutes on them, and the test times out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, tempDir } from './helpers/cli.js';
import { zip } from './helpers/workbook.js';
import type { Grid } from '../src/read/index.js';
import { readXlsx } from '../src/read/xlsx.js';
import { openZip } from '../src/read/zip.js';

/** How many times an element is repeated: a quadratic scan of that many takes a minute or more. */
const MANY = 200_000;
/** How many times a character is repeated, to the same end. */
const MANY_CHARACTERS = 1_000_000;

const SEED = readFileSync(fixture('xlsx/xiangyang-jxj-2021.xlsx'));
/** The seed workbook's parts, in its order. */
const PARTS = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/worksheets/sheet1.xml',
  'xl/worksheets/_rels/sheet1.xml.rels',
  'xl/worksheets/sheet2.xml',
  'xl/worksheets/_rels/sheet2.xml.rels',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
];
const seed = openZip(SEED);
const part = (name: string) => seed.text(name) ?? expect.unreachable(`the seed has no ${name}`);

/** The seed workbook with some parts changed (each given its new text made from the old), and parts added. */
function seedWith(changes: Record<string, (text: string) => string>, added: [name: string, content: string | Uint8Array][] = []): Buffer {
  return zip([...PARTS.map((name): [string, string] => [name, changes[name]?.(part(name)) ?? part(name)]), ...added]);
}

/** `text` with its first `old` (which it must have) changed to `now`. */
function swap(text: string, old: string, now: string): string {
  expect(text).toContain(old);
  return text.replace(old, () => now);
}

/** `text` with `what` put before its first `before` (which it must have). */
const insert = (text: string, before: string, what: string) => swap(text, before, what + before);

const texts = (grid: Grid) => grid.rows.map((row) => row.cells.map((cell) => cell.text));
const read = (bytes: Uint8Array) => readXlsx(bytes, 'book.xlsx');
const unreadable = (reason: string) => `book.xlsx: not a readable XLSX workbook (${reason})`;
const NO_TABLES = 'book.xlsx: no sheet of the workbook holds the tables of a disclosure report (sheets: 说明, 报表)';

/** The seed's own grid, which a workbook with something passed over must still give. */
let seedGrid: string[][];
beforeAll(async () => {
  seedGrid = texts(await read(SEED));
  expect(seedGrid[22]![9]).toBe('2'); // J23
});

describe('XLSX reader: elements never closed, repeated', () => {
  it('shared strings: `<si>` never closed, 200,000 times, are no strings; a cell that refers to one is refused', async () => {
    const bytes = seedWith({ 'xl/sharedStrings.xml': () => `<sst>${'<si>'.repeat(MANY)}` });
    await expect(read(bytes)).rejects.toThrow(unreadable('cell A1: no shared string 0'));
    const withText = seedWith({ 'xl/sharedStrings.xml': () => `<sst>${'<si><t>x</t>'.repeat(MANY)}` });
    await expect(read(withText)).rejects.toThrow(unreadable('cell A1: no shared string 0'));
  });

  it('shared strings: the seed’s strings read as ever before 200,000 `<si>` never closed', async () => {
    const bytes = seedWith({ 'xl/sharedStrings.xml': (sst) => insert(sst, '</sst>', '<si>'.repeat(MANY)) });
    expect(texts(await read(bytes))).toEqual(seedGrid);
  });

  it('shared strings: `<t>`, `<rPh>`, comments and CDATA sections never closed, 200,000 times, in one string', async () => {
    /** The text of a string added to the seed's, which the table sheet's A53 (0 in the seed) is made to show. */
    const stringText = async (item: string) => {
      const sst = part('xl/sharedStrings.xml');
      const index = sst.split('<si>').length - 1;
      const bytes = seedWith({
        'xl/sharedStrings.xml': () => insert(sst, '</sst>', `<si>${item}</si>`),
        'xl/worksheets/sheet2.xml': (sheet) => swap(sheet, '<c r="A53"><v>0</v>', `<c r="A53" t="s"><v>${index}</v>`),
      });
      const grid = texts(await read(bytes));
      expect(grid.slice(0, 52)).toEqual(seedGrid.slice(0, 52));
      return grid[52]![0];
    };
    expect(await stringText(`<t>本年</t>${'<t>'.repeat(MANY)}`)).toBe('本年');
    expect(await stringText(`<r><t>本年</t></r>${'<rPh sb="0">'.repeat(MANY)}<r><t>新收</t></r>`)).toBe('本年新收');
    expect(await stringText(`<t>本年&lt;${'<!--'.repeat(MANY)}</t>`)).toBe(`本年<${'<!--'.repeat(MANY)}`);
    expect(await stringText(`<t>本年&lt;${'<![CDATA['.repeat(MANY)}</t>`)).toBe(`本年<${'<![CDATA['.repeat(MANY)}`);
  });

  it('sheet: `<sheetData>` never closed, 200,000 times, holds no cells (exit 2: no sheet holds the tables)', async () => {
    const bytes = seedWith({ 'xl/worksheets/sheet2.xml': () => `<worksheet>${'<sheetData>'.repeat(MANY)}` });
    await expect(read(bytes)).rejects.toThrow(NO_TABLES);
    const dir = tempDir('xlsx-hostile-');
    writeFileSync(join(dir, 'book.xlsx'), bytes);
    const run = cli(['book.xlsx'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`disclosure-check: ${NO_TABLES}\n`);
  });

  it('sheet: `<c>` never closed, 200,000 times, is refused at the first', async () => {
    const bytes = seedWith({ 'xl/worksheets/sheet2.xml': (sheet) => insert(sheet, '</sheetData>', `<row r="900">${'<c>'.repeat(MANY)}`) });
    await expect(read(bytes)).rejects.toThrow(unreadable('cell A900 is not closed'));
  });

  it('sheet: a cell’s start tag never ended, 200,000 times, and what follows it are passed over', async () => {
    const bytes = seedWith({ 'xl/worksheets/sheet2.xml': (sheet) => insert(sheet, '</sheetData>', `<row r="900">${'<c r="A900" t="s" '.repeat(MANY)}`) });
    expect(texts(await read(bytes))).toEqual(seedGrid);
  });

  it('sheet: `<v>` and `<is>` never closed, 200,000 times, in one cell leave it blank', async () => {
    for (const element of ['<v>', '<x:v>', '<is>']) {
      const cell = `<row r="900"><c r="A900"${element === '<is>' ? ' t="inlineStr"' : ''}>${element.repeat(MANY)}1</c></row>`;
      const bytes = seedWith({ 'xl/worksheets/sheet2.xml': (sheet) => insert(sheet, '</sheetData>', cell) });
      expect(texts(await read(bytes))).toEqual(seedGrid);
    }
  });

  it('workbook: `<sheet` never ended, 200,000 times, names no sheet after it', async () => {
    const bytes = seedWith({ 'xl/workbook.xml': (book) => insert(book, '</sheets>', '<sheet name="x" r:id="rId9" '.repeat(MANY)) });
    expect(texts(await read(bytes))).toEqual(seedGrid);
  });

  it('relationships: a type of 1,000,000 characters without a slash names no part', async () => {
    const bytes = seedWith({
      'xl/_rels/workbook.xml.rels': (rels) => insert(rels, '</Relationships>', `<Relationship Id="rId9" Type="${'w'.repeat(MANY_CHARACTERS)}" Target="none.xml"/>`),
    });
    expect(texts(await read(bytes))).toEqual(seedGrid);
  });

  it('styles: a date format with 1,000,000 `[` never closed is still a date format', async () => {
    const bytes = seedWith({
      'xl/styles.xml': (styles) =>
        insert(
          swap(styles, '<cellXfs count="1"><xf ></xf>', '<cellXfs count="2"><xf ></xf><xf numFmtId="164"/>'),
          '<fonts',
          `<numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd${'['.repeat(MANY_CHARACTERS)}"/></numFmts>`,
        ),
      'xl/worksheets/sheet2.xml': (sheet) => swap(sheet, '<c r="A53">', '<c r="A53" s="1">'),
    });
    const grid = texts(await read(bytes));
    expect(grid[52]![0]).toBe('1899-12-30'); // 0, a date
    expect(grid.slice(0, 52)).toEqual(seedGrid.slice(0, 52));
  });
});

describe('XLSX reader: shared strings', () => {
  it('a count far larger than the strings present is not trusted: the strings present are read', async () => {
    const claimed = 'count="2147483647" uniqueCount="2147483647"';
    const bytes = seedWith({ 'xl/sharedStrings.xml': (sst) => swap(sst, '<sst ', `<sst ${claimed} `) });
    expect(texts(await read(bytes))).toEqual(seedGrid);
    // a cell that refers to a string the count claims, but that is not there, is refused
    const beyond = seedWith({
      'xl/sharedStrings.xml': (sst) => swap(sst, '<sst ', `<sst ${claimed} `),
      'xl/worksheets/sheet2.xml': (sheet) => swap(sheet, '<c r="A53"><v>0</v>', '<c r="A53" t="s"><v>2147483646</v>'),
    });
    await expect(read(beyond)).rejects.toThrow(unreadable('cell A53: no shared string 2147483646'));
  });
});

describe('XLSX reader: a part named many times', () => {
  it('a sheet part that 1,000 sheets name is read once', async () => {
    // the cover sheet made 6 MB (a million empty rows, 6 KB zipped), then named by 1,000 sheets before the tables
    const copies = Array.from({ length: 1000 }, (_, i) => i);
    const worksheet = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
    const bytes = seedWith({
      'xl/worksheets/sheet1.xml': (sheet) => insert(sheet, '</sheetData>', '<row/>'.repeat(MANY_CHARACTERS)),
      'xl/_rels/workbook.xml.rels': (rels) =>
        insert(rels, '</Relationships>', copies.map((i) => `<Relationship Id="rIdC${i}" Type="${worksheet}" Target="worksheets/sheet1.xml"/>`).join('')),
      'xl/workbook.xml': (book) => insert(book, '<sheet r:id="rId2"', copies.map((i) => `<sheet r:id="rIdC${i}" sheetId="${i + 3}" name="封面${i}"/>`).join('')),
    });
    expect(bytes.length).toBeLessThan(30_000);
    expect(texts(await read(bytes))).toEqual(seedGrid);
  });
});

/** Where each entry's record in an archive's central directory is, by name. */
function centralRecords(bytes: Buffer): Map<string, number> {
  const end = bytes.length - 22;
  const records = new Map<string, number>();
  for (let at = bytes.readUInt32LE(end + 16); at < end; at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32))
    records.set(bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28)), at);
  return records;
}

/** Makes the central directory entry at `record` say the data is at `offset`, with the CRC and sizes of the entry at `like` (in `from`). */
function retarget(bytes: Buffer, record: number, offset: number, from: Buffer, like: number): void {
  from.copy(bytes, record + 16, like + 16, like + 28); // CRC-32, compressed size, size
  bytes.writeUInt32LE(offset, record + 42);
}

describe('XLSX reader: entries that overlap', () => {
  const overlaps = (name: string) => unreadable(`${name} overlaps another entry`);
  const COVER = 'xl/worksheets/sheet1.xml';

  it('1,000 sheets whose entries all point at the data of one are refused at the first, not inflated 1,000 times', async () => {
    // the cover sheet made 6 MB (a million empty rows, 6 KB zipped); 1,000 sheets before the tables, each its own part
    const copies = Array.from({ length: 1000 }, (_, i) => i);
    const worksheet = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
    const bytes = seedWith(
      {
        [COVER]: (sheet) => insert(sheet, '</sheetData>', '<row/>'.repeat(MANY_CHARACTERS)),
        'xl/_rels/workbook.xml.rels': (rels) =>
          insert(rels, '</Relationships>', copies.map((i) => `<Relationship Id="rIdC${i}" Type="${worksheet}" Target="worksheets/copy${i}.xml"/>`).join('')),
        'xl/workbook.xml': (book) => insert(book, '<sheet r:id="rId2"', copies.map((i) => `<sheet r:id="rIdC${i}" sheetId="${i + 3}" name="封面${i}"/>`).join('')),
      },
      copies.map((i) => [`xl/worksheets/copy${i}.xml`, '']),
    );
    // each copy's directory entry is made to say its data is the cover sheet's
    const records = centralRecords(bytes);
    const cover = records.get(COVER)!;
    for (const i of copies) retarget(bytes, records.get(`xl/worksheets/copy${i}.xml`)!, bytes.readUInt32LE(cover + 42), bytes, cover);
    expect(bytes.length).toBeLessThan(200_000); // mostly the copies’ empty entries
    await expect(read(bytes)).rejects.toThrow(overlaps(COVER));
  });

  it('an entry whose data holds another entry (its local header and data) is refused', async () => {
    // the table sheet as an archive of its own; the cover sheet, stored, ends with that entry whole
    const inner = zip([['xl/worksheets/sheet2.xml', part('xl/worksheets/sheet2.xml')]]);
    const innerLocal = inner.subarray(0, inner.readUInt32LE(inner.length - 22 + 16));
    const coverText = Buffer.from(part(COVER));
    const bytes = zip(
      PARTS.map((name): [string, string | Buffer] => [name, name === COVER ? Buffer.concat([coverText, innerLocal]) : part(name)]),
      { store: true },
    );
    const records = centralRecords(bytes);
    const coverHeader = bytes.readUInt32LE(records.get(COVER)! + 42);
    const quoted = coverHeader + 30 + Buffer.byteLength(COVER) + coverText.length;
    retarget(bytes, records.get('xl/worksheets/sheet2.xml')!, quoted, inner, centralRecords(inner).get('xl/worksheets/sheet2.xml')!);
    await expect(read(bytes)).rejects.toThrow(overlaps(COVER));
    // the same archive with the table sheet's entry where it was: read as the seed
    const intact = zip(PARTS.map((name): [string, string | Buffer] => [name, name === COVER ? Buffer.concat([coverText, innerLocal]) : part(name)]), { store: true });
    expect(texts(await read(intact))).toEqual(seedGrid);
  });
});
