import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli, tempDir } from './helpers/cli.js';
import { workbook, zip } from './helpers/workbook.js';
import { readInput, type Grid } from '../src/read/index.js';
import { columnName, readXlsx } from '../src/read/xlsx.js';
import { loadReport } from '../src/pipeline.js';

const cli = (...args: string[]) => runCli(args);

describe('XLSX input', () => {
  it('the seed as .xlsx passes', () => {
    const run = cli('--lang', 'en', '--no-color', 'fixtures/xlsx/xiangyang-jxj-2021.xlsx');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('✔ fixtures/xlsx/xiangyang-jxj-2021.xlsx  passed (2021)');
    expect(run.stderr).toBe('');
  });

  it('reads the same report as the CSV it was made from, from the first sheet that holds the tables', async () => {
    const fromXlsx = await loadReport('fixtures/xlsx/xiangyang-jxj-2021.xlsx');
    const fromCsv = await loadReport('fixtures/seed/xiangyang-jxj-2021.csv');
    expect(fromXlsx.data).toEqual(fromCsv.data);
    // sheet 1 is a cover page; the tables are on sheet 2, at the CSV's rows and columns
    expect(fromXlsx.sources.get('/requests/newReceived/total')).toEqual({ line: 23, column: 10, ref: 'J23' });
  });

  it('keeps each cell’s spreadsheet reference in the grid', async () => {
    const input = await readInput('fixtures/xlsx/xiangyang-jxj-2021.xlsx');
    expect(input.kind).toBe('grid');
    if (input.kind !== 'grid') return;
    const row = input.grid.rows[22]!;
    expect(row.cells[0]).toEqual({ text: '一、本年新收政府信息公开申请数量', line: 23, column: 1, ref: 'A23' });
    expect(row.cells[9]).toEqual({ text: '2', line: 23, column: 10, ref: 'J23' });
  });

  it('names cells by reference in findings and suggestions', () => {
    const run = cli('--lang', 'en', '--no-color', 'fixtures/xlsx/new-received-natural.xlsx');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}J23 {2}error {4}total must equal the sum of the applicant columns/m);
    expect(run.stdout).toMatch(/^ {2}D47 {2}error {4}I \+ II must equal III\(7\) \+ IV/m);
    expect(run.stdout).toContain('  D23  hint     most likely wrong: I. new requests received this year · natural persons is 3, should be 2');
    const json = JSON.parse(cli('-f', 'json', 'fixtures/xlsx/new-received-natural.xlsx').stdout);
    expect(json.results[0].findings[0].location).toEqual({ line: 23, column: 10, ref: 'J23' });
    expect(json.results[0].suggestions[0].changes[0].location).toEqual({ line: 23, column: 4, ref: 'D23' });
  });

  it('a file that is not a workbook is an input error naming the file (exit 2)', () => {
    const run = cli('fixtures/xlsx/not-a-workbook.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^disclosure-check: fixtures\/xlsx\/not-a-workbook\.xlsx: not a readable XLSX workbook \(.+\)\n$/);
  });

  it('a workbook without the tables says which sheets it looked at (exit 2)', () => {
    const run = cli('fixtures/xlsx/cover-only.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'disclosure-check: fixtures/xlsx/cover-only.xlsx: no sheet of the workbook holds the tables of a disclosure report (sheets: Sheet1)\n',
    );
    expect(cli('fixtures/xlsx/cover-only.xlsx', '--lang', 'zh').stderr).toBe(
      'disclosure-check: fixtures/xlsx/cover-only.xlsx：工作簿中没有哪个工作表含有信息公开年度报告的表格（工作表：Sheet1）\n',
    );
  });

  it('directories include workbooks; one that is no report (信息公开 nowhere in it) is skipped', () => {
    const run = cli('-f', 'json', 'fixtures/xlsx');
    const files = JSON.parse(run.stdout).results.map((r: { file: string }) => r.file);
    expect(run.stderr).toContain(
      'disclosure-check: skipped fixtures/xlsx/cover-only.xlsx: no sheet of the workbook holds the tables of a disclosure report (sheets: Sheet1)\n',
    );
    expect(files).toEqual([
      'fixtures/xlsx/new-received-natural.xlsx',
      'fixtures/xlsx/not-a-workbook.xlsx',
      'fixtures/xlsx/xiangyang-jxj-2021.xlsx',
    ]);
  });

  it('names columns as spreadsheets do', () => {
    expect([0, 9, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'J', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });

  it('refuses a truncated workbook: the seed cut in half (exit 2, one line)', () => {
    const dir = tempDir('xlsx-');
    const seed = readFileSync('fixtures/xlsx/xiangyang-jxj-2021.xlsx');
    writeFileSync(join(dir, 'half.xlsx'), seed.subarray(0, seed.length >> 1));
    const run = runCli(['half.xlsx'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('disclosure-check: half.xlsx: not a readable XLSX workbook (not a ZIP archive, or a truncated one)\n');
    expect(runCli(['half.xlsx', '--lang', 'zh'], { cwd: dir }).stderr).toBe('disclosure-check: half.xlsx：不是可读取的 XLSX 工作簿（不是 ZIP 压缩包，或文件不完整，可能没有下载完）\n');
  });

  it('tells an old .xls, or a workbook with a password (both OLE2 files), to be saved as a plain .xlsx', () => {
    const dir = tempDir('xlsx-');
    const ole2 = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole2);
    writeFileSync(join(dir, 'locked.xlsx'), ole2);
    expect(runCli(['locked.xlsx'], { cwd: dir })).toEqual({
      status: 2,
      stdout: expect.any(String),
      stderr: 'disclosure-check: locked.xlsx: not a readable XLSX workbook (an old .xls workbook, or one with a password: save it as an .xlsx without a password)\n',
    });
    expect(runCli(['locked.xlsx', '--lang', 'zh'], { cwd: dir }).stderr).toBe(
      'disclosure-check: locked.xlsx：不是可读取的 XLSX 工作簿（是旧版 .xls 工作簿或设了密码的工作簿：请另存为不设密码的 .xlsx）\n',
    );
  });

  it('refuses a ZIP archive that is not a workbook (exit 2, one line)', () => {
    const dir = tempDir('xlsx-');
    writeFileSync(join(dir, 'notes.xlsx'), zip([['notes.txt', '本年新收 3']]));
    const run = runCli(['notes.xlsx'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('disclosure-check: notes.xlsx: not a readable XLSX workbook (no xl/workbook.xml)\n');
    expect(runCli(['notes.xlsx', '--lang', 'zh'], { cwd: dir }).stderr).toBe('disclosure-check: notes.xlsx：不是可读取的 XLSX 工作簿（缺少 xl/workbook.xml）\n');
  });
});

/** Each row's cell texts. */
const texts = (grid: Grid) => grid.rows.map((row) => row.cells.map((cell) => cell.text));
/** A sheet named 报表 with the given `<sheetData>` content. */
const sheet = (rows: string) => [{ name: '报表', rows }];
const read = (bytes: Uint8Array) => readXlsx(bytes, 'book.xlsx');

describe('XLSX reader', () => {
  it('reads shared strings and inline strings side by side, each at its reference', async () => {
    const grid = await read(
      workbook(
        sheet(
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>本年新收</t></is></c></row>' +
            '<row r="3"><c r="C3" t="s"><v>1</v></c></row>',
        ),
        { sharedStrings: '<si><t>标题</t></si><si><t>上年结转</t></si>' },
      ),
    );
    expect(texts(grid)).toEqual([
      ['标题', '本年新收', ''],
      ['', '', ''],
      ['', '', '上年结转'],
    ]);
    expect(grid.rows[2]!.cells[2]).toEqual({ text: '上年结转', line: 3, column: 3, ref: 'C3' });
    expect(grid.rows[0]!.cells[1]).toEqual({ text: '本年新收', line: 1, column: 2, ref: 'B1' });
  });

  it('joins rich-text runs, shared or inline, and leaves out phonetic readings', async () => {
    const grid = await read(
      workbook(
        sheet(
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' +
            '<c r="C1" t="inlineStr"><is><r><rPr><i/></rPr><t>行政</t></r><r><t>复议</t></r></is></c></row>',
        ),
        {
          sharedStrings:
            '<si><r><rPr><b/><sz val="11"/></rPr><t>本年</t></r><r><t xml:space="preserve">新收 </t></r><r><t>件</t></r></si>' +
            '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>',
        },
      ),
    );
    expect(texts(grid)).toEqual([['本年新收 件', '漢字', '行政复议']]);
  });

  it('reads an empty run written self-closing (`<t/>`, `<t xml:space="preserve"/>`) as no text, not as the start of one', async () => {
    const grid = await read(
      workbook(
        sheet(
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' +
            '<c r="C1" t="inlineStr"><is><r><t xml:space="preserve"/></r><r><t>复议</t></r></is></c></row>',
        ),
        { sharedStrings: '<si><r><t xml:space="preserve"/></r><r><t>本年</t></r><r><t/></r><r><t>新收</t></r></si><si><t/></si>' },
      ),
    );
    expect(texts(grid)).toEqual([['本年新收', '', '复议']]);
  });

  it('decodes XML entities, character references and _xHHHH_ escapes', async () => {
    const grid = await read(
      workbook(
        sheet(
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>&lt;b&gt; &quot;x&quot; &apos;y&apos; &#x4E00;&#20108;</t></is></c>' +
            '<c r="C1" t="s"><v>1</v></c></row>',
        ),
        { sharedStrings: '<si><t>本年新收 &amp; 上年结转</t></si><si><t>a_x000D_b</t></si>' },
      ),
    );
    expect(texts(grid)).toEqual([['本年新收 & 上年结转', '<b> "x" \'y\' 一二', 'a\rb']]);
    // a sheet name too, in the message that lists the sheets
    const noTables = workbook([{ name: 'R&amp;D', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }]);
    await expect(read(noTables)).rejects.toThrow('book.xlsx: no sheet of the workbook holds the tables of a disclosure report (sheets: R&D)');
  });

  it('reads a formula’s cached value, not the formula; an uncalculated one is blank, an error is as written', async () => {
    const grid = await read(
      workbook(
        sheet(
          '<row r="1"><c r="A1" t="inlineStr"><is><t>本年新收</t></is></c>' +
            '<c r="B1"><f>SUM(C1:D1)</f><v>3</v></c><c r="C1" t="str"><f>A1&amp;"合计"</f><v>本年新收合计</v></c>' +
            '<c r="D1"><f>C2*2</f></c><c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
        ),
      ),
    );
    expect(texts(grid)).toEqual([['本年新收', '3', '本年新收合计', '', '#DIV/0!']]);
  });

  it('keeps numbers as written, booleans, blanks; rows as wide as the widest, up to the last that holds something', async () => {
    const grid = await read(
      workbook(
        sheet(
          '<row r="1"><c r="A1" t="inlineStr"><is><t>行政复议</t></is></c><c r="B1"><v>0.1</v></c><c r="C1"><v>1E-7</v></c>' +
            '<c r="D1"><v>123456789012345678</v></c></row>' +
            '<row r="2"/><row r="3"><c r="A3"/><c r="B3" s="0"/><c r="C3" t="b"><v>1</v></c><c r="D3" t="b"><v>0</v></c></row>' +
            '<row r="4"><c r="B4"><v>-2</v></c></row><row r="5"><c r="A5" s="0"/><c r="D5" t="inlineStr"><is><t></t></is></c></row><row r="6"/>',
        ),
      ),
    );
    expect(texts(grid)).toEqual([
      ['行政复议', '0.1', '1E-7', '123456789012345678'],
      ['', '', '', ''],
      ['', '', 'true', 'false'],
      ['', '-2', '', ''],
    ]);
    expect(grid.rows[1]!.cells[3]).toEqual({ text: '', line: 2, column: 4, ref: 'D2' });
  });

  it('shows numbers in a date format as dates', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;元&quot;"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0"/><xf numFmtId="165" xfId="0"/></cellXfs>';
    const grid = await read(
      workbook(
        sheet(
          '<row r="1"><c r="A1" t="inlineStr"><is><t>本年新收</t></is></c><c r="B1" s="1"><v>44259</v></c><c r="C1" s="2"><v>44259.5</v></c>' +
            '<c r="D1" s="3"><v>44259</v></c><c r="E1" s="0"><v>44259</v></c></row>',
        ),
        { styles },
      ),
    );
    expect(texts(grid)).toEqual([['本年新收', '2021-03-04', '2021-03-04', '44259', '44259']]);
  });

  it('places a row or a cell without a reference after the one before', async () => {
    const grid = await read(
      workbook(sheet('<row r="2"><c t="inlineStr"><is><t>本年新收</t></is></c><c r="C2"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>')),
    );
    expect(texts(grid)).toEqual([
      ['', '', '', ''],
      ['本年新收', '', '1', '2'],
      ['3', '', '', ''],
    ]);
    expect(grid.rows[1]!.cells[3]!.ref).toBe('D2');
  });

  it('reads the sheets in order and stops at the first that holds the tables', async () => {
    const grid = await read(
      workbook([
        { name: '说明', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>封面</t></is></c></row>' },
        { name: '空', rows: '' },
        { name: '报表', rows: '<row r="1"><c r="B1" t="inlineStr"><is><t>主动公开政府信息</t></is></c></row>' },
        { name: '坏', rows: '<row r="1"><c r="A1" t="s"><v>99</v></c></row>' },
      ]),
    );
    expect(texts(grid)).toEqual([['', '主动公开政府信息']]);
  });

  it('passes over chart sheets, and names them with the others when no sheet holds the tables', async () => {
    const chart = { name: '图表', rows: '', chart: true as const };
    const table = { name: '报表', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>本年新收</t></is></c><c r="B1"><v>1</v></c></row>' };
    expect(texts(await read(workbook([chart, table])))).toEqual([['本年新收', '1']]);
    const cover = { name: '说明', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>封面</t></is></c></row>' };
    await expect(read(workbook([cover, chart]))).rejects.toThrow('(sheets: 说明, 图表)');
  });

  it('reads stored (method 0) entries, and entries whose sizes follow the data, as it reads deflated ones', async () => {
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7</v></c></row>';
    const parts = { sharedStrings: '<si><t>本年新收</t></si>' };
    const expected = [['本年新收', '7']];
    expect(texts(await read(workbook(sheet(rows), parts)))).toEqual(expected);
    expect(texts(await read(workbook(sheet(rows), { ...parts, store: true })))).toEqual(expected);
    expect(texts(await read(workbook(sheet(rows), { ...parts, descriptors: true })))).toEqual(expected);
  });

  it('reads a workbook written with a namespace prefix on every element', async () => {
    const prefixed = workbook(sheet('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>上年结转</x:t></x:is></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row>'));
    expect(texts(await read(prefixed))).toEqual([['上年结转', '5']]);
  });
});

/** A one-entry archive (`xl/workbook.xml`, stored) with a field of its central directory entry changed. */
function damaged(change: (bytes: Buffer, central: number, end: number) => void, content: Uint8Array = Buffer.from('<workbook/>')): Buffer {
  const bytes = zip([['xl/workbook.xml', content]], { store: true });
  const end = bytes.length - 22;
  change(bytes, bytes.readUInt32LE(end + 16), end);
  return bytes;
}

describe('XLSX reader: archives it refuses', () => {
  const refused = (reason: string) => new RegExp(`^book\\.xlsx: not a readable XLSX workbook \\(${reason}\\)$`);

  it.each([
    ['an encrypted entry', (b: Buffer, c: number) => b.writeUInt16LE(1, c + 8), 'xl/workbook\\.xml is encrypted: save it as an \\.xlsx without a password'],
    ['another compression method', (b: Buffer, c: number) => b.writeUInt16LE(12, c + 10), 'xl/workbook\\.xml uses compression method 12'],
    ['a wrong CRC', (b: Buffer, c: number) => b.writeUInt32LE(b.readUInt32LE(c + 16) ^ 1, c + 16), 'xl/workbook\\.xml fails its CRC check'],
    ['a size that does not match', (b: Buffer, c: number) => b.writeUInt32LE(3, c + 24), 'xl/workbook\\.xml is not the size its directory entry says'],
    ['an entry pointing nowhere', (b: Buffer, c: number) => b.writeUInt32LE(7, c + 42), 'no local header for xl/workbook\\.xml'],
    ['ZIP64', (b: Buffer, _c: number, e: number) => (b.writeUInt16LE(0xffff, e + 8), b.writeUInt16LE(0xffff, e + 10)), 'ZIP64 archive'],
    ['a directory past the end', (b: Buffer, _c: number, e: number) => b.writeUInt32LE(e, e + 16), 'truncated or damaged archive.*'],
  ])('%s', async (_, change, reason) => {
    await expect(read(damaged(change))).rejects.toThrow(refused(reason));
  });

  it('an entry inflating beyond 64 MiB (a zip bomb), whatever its directory entry says', async () => {
    const bomb = zip([['xl/workbook.xml', Buffer.alloc(65 * 1024 * 1024)]]);
    const central = bomb.readUInt32LE(bomb.length - 22 + 16);
    bomb.writeUInt32LE(1000, central + 24); // claims 1,000 bytes
    await expect(read(bomb)).rejects.toThrow(refused('xl/workbook\\.xml inflates beyond 64 MiB'));
  });
});
