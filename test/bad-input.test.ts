/**
 * Bad input never crashes the gate: each is one line on stderr naming the file (and the place),
 * exit 2 when the file cannot be checked at all, and findings (exit 1) when it can be read.
 * Run through the built CLI, as CI runs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, fixture, SEED_CSV, SEED_JSON, tempDir } from './helpers/cli.js';

const dir = tempDir('bad');
const seedLines = readFileSync(SEED_CSV, 'utf8').split('\n');
const seedJson = readFileSync(SEED_JSON, 'utf8');
const write = (name: string, content: string | Uint8Array) => writeFileSync(join(dir, name), content);
const UNREADABLE_SUMMARY = '✖ 1 file checked: 0 passed, 1 failed (1 unreadable); 0 errors, 0 warnings\n';

const UNREADABLE_SUMMARY_ZH = '✖ 共检查 1 个文件：0 个通过，1 个未通过（其中 1 个无法读取）；0 个错误，0 个警告\n';

/** The CLI on one file that cannot be checked: exactly one line on stderr, exit 2; in Chinese with `--lang zh`. */
function refused(name: string, message: string, zh: string) {
  const run = cli([name], { cwd: dir });
  expect(run.stderr).toBe(`disclosure-check: ${message}\n`);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe(UNREADABLE_SUMMARY);
  expect(cli([name, '--lang', 'zh'], { cwd: dir })).toEqual({ status: 2, stdout: UNREADABLE_SUMMARY_ZH, stderr: `disclosure-check: ${zh}\n` });
}

describe('files that cannot be checked: one line, exit 2', () => {
  it('an empty file', () => {
    write('empty.csv', '');
    refused('empty.csv', 'empty.csv: the file is empty', 'empty.csv：文件是空的');
  });

  it('a file of blank space', () => {
    write('blank.csv', '  \r\n\n\t ');
    refused('blank.csv', 'blank.csv: the file holds only blank space', 'blank.csv：文件里只有空白');
  });

  it('a binary file (a PNG named .csv)', () => {
    write('image.csv', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    refused('image.csv', 'image.csv: a binary file, not a report (expected CSV, JSON, text, HTML or XLSX)', 'image.csv：二进制文件，不是报告（应为 CSV、JSON、文本、HTML 或 XLSX）');
  });

  it('an old Excel workbook (.xls): save it as .xlsx; found in a folder, it is skipped with that note', () => {
    write('report.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])); // the OLE2 signature
    refused('report.xls', 'report.xls: an old Excel workbook (.xls), which is not read: save it as .xlsx', 'report.xls：旧版 Excel 工作簿（.xls），请另存为 .xlsx 后再检查');
    mkdirSync(join(dir, 'with-xls'));
    copyFileSync(SEED_CSV, join(dir, 'with-xls/a.csv'));
    copyFileSync(join(dir, 'report.xls'), join(dir, 'with-xls/b.xls'));
    expect(cli(['with-xls'], { cwd: dir })).toEqual({
      status: 0,
      stdout: '✔ with-xls/a.csv  passed (2021)\n✔ 1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings; 1 file skipped\n',
      stderr: 'disclosure-check: skipped with-xls/b.xls: an old Excel workbook (.xls), which is not read: save it as .xlsx\n',
    });
    // A folder of only such workbooks names no report that can be checked, and says why.
    mkdirSync(join(dir, 'only-xls'));
    copyFileSync(join(dir, 'report.xls'), join(dir, 'only-xls/a.xls'));
    copyFileSync(join(dir, 'report.xls'), join(dir, 'only-xls/b.XLS'));
    const only = cli(['only-xls', '--lang', 'zh'], { cwd: dir });
    expect(only.status).toBe(2);
    expect(only.stderr.split('\n').at(-2)).toBe('disclosure-check: only-xls：这个文件夹里没有信息公开年度报告（找到的 2 个文件都是旧版 .xls 工作簿）');
  });

  it('a page or a CSV saved as .xls (as many systems export "to Excel") is read by its content; a workbook named .xls too', () => {
    mkdirSync(join(dir, 'exports'));
    copyFileSync(fixture('html/xiangyang-jxj-2021.html'), join(dir, 'exports/page.xls'));
    // a page saved by a browser: a comment before its first element, and its own charset (GBK)
    const saved = Buffer.concat([Buffer.from('<!-- saved from url=(0060)http://www.xiangyang.gov.cn/ -->\n'), readFileSync(fixture('html/xiangyang-jxj-2021-gbk.html'))]);
    writeFileSync(join(dir, 'exports/saved.xls'), saved);
    copyFileSync(SEED_CSV, join(dir, 'exports/table.xls'));
    copyFileSync(fixture('xlsx/xiangyang-jxj-2021.xlsx'), join(dir, 'exports/book.xls'));
    expect(cli(['exports'], { cwd: dir })).toEqual({
      status: 0,
      stdout:
        '✔ exports/book.xls  passed (2021)\n✔ exports/page.xls  passed (2021)\n✔ exports/saved.xls  passed (2021)\n✔ exports/table.xls  passed (2021)\n' +
        '✔ 4 files checked: 4 passed, 0 failed; 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('an Excel 2003 XML workbook, or an old workbook over the size limit, named .xls: save it as .xlsx (told by what it starts with)', () => {
    write('xml2003.xls', '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data ss:Type="String">信息公开</Data></Cell></Row></Table></Worksheet></Workbook>\n');
    refused('xml2003.xls', 'xml2003.xls: an Excel 2003 XML workbook, which is not read: save it as .xlsx', 'xml2003.xls：Excel 2003 XML 工作簿，请另存为 .xlsx 后再检查');
    write('huge.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    truncateSync(join(dir, 'huge.xls'), 11 * 1024 * 1024);
    refused('huge.xls', 'huge.xls: an old Excel workbook (.xls), which is not read: save it as .xlsx', 'huge.xls：旧版 Excel 工作簿（.xls），请另存为 .xlsx 后再检查');
  });

  it('bytes that are neither UTF-8 nor GB18030', () => {
    write('mojibake.csv', Uint8Array.from([0x41, 0xff, 0x42, 0x0a])); // 0xff starts no character in either
    refused('mojibake.csv', 'mojibake.csv: not readable as UTF-8 or GB18030 text', 'mojibake.csv：无法按 UTF-8 或 GB18030 编码读取文字');
  });

  it('a UTF-16 byte order mark over an odd number of bytes', () => {
    write('odd16.csv', Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42]));
    refused('odd16.csv', 'odd16.csv: not readable as UTF-16LE text', 'odd16.csv：无法按 UTF-16LE 编码读取文字');
  });

  it('a directory with no reports in it', () => {
    mkdirSync(join(dir, 'no-reports'));
    write('no-reports/notes.md', '# not a report\n');
    refused('no-reports', 'no-reports: no report files (.csv, .tsv, .json, .txt, .html, .htm, .xlsx, .xls) in this directory', 'no-reports：这个文件夹里没有报告文件（.csv、.tsv、.json、.txt、.html、.htm、.xlsx、.xls）');
  });

  it('a CSV quote that is never closed, named by the line it opens on', () => {
    write('unclosed.csv', seedLines.map((line, i) => (i === 9 ? line.replace('行政许可,', '行政许可,"') : line)).join('\n'));
    refused('unclosed.csv', 'unclosed.csv: line 10: a quoted field is never closed', 'unclosed.csv：第 10 行：带引号的单元格没有结束的引号');
  });

  it('a file over the size limit, refused without being read', () => {
    write('huge.csv', '');
    truncateSync(join(dir, 'huge.csv'), 10 * 1024 * 1024 + 1); // sparse: no 10 MiB written
    refused('huge.csv', 'huge.csv: too large to be a report (10,485,761 bytes; the limit is 10 MiB); not read', 'huge.csv：文件过大，不可能是一份报告（10,485,761 字节，上限为 10 MiB），未读取');
  });

  it('very deep JSON, refused before parsing', () => {
    write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    refused('deep.json', 'deep.json: line 1, column 65: JSON nested more than 64 levels deep; a report nests 5', 'deep.json：第 1 行第 65 列：JSON 嵌套超过 64 层；报告只嵌套 5 层');
  });

  it('deep JSON inside a report value (where quoting it would overflow the stack)', () => {
    write('deep-value.json', seedJson.replace('"agency": ', `"agency": ${'['.repeat(10_000)}${']'.repeat(10_000)}, "x": `));
    refused('deep-value.json', 'deep-value.json: line 3, column 76: JSON nested more than 64 levels deep; a report nests 5', 'deep-value.json：第 3 行第 76 列：JSON 嵌套超过 64 层；报告只嵌套 5 层');
  });

  it('JSON that does not parse, named by line and column', () => {
    write('broken.json', '{\n  "format": "2021",\n  "requests": {\n}\n');
    refused('broken.json', 'broken.json: line 5, column 1: not valid JSON (close brace expected)', 'broken.json：第 5 行第 1 列：不是有效的 JSON（此处应为右花括号）');
  });

  it('JSON whose broken text V8 would quote across lines: still one line', () => {
    write('garbled.json', seedJson.replace('"agency": "襄阳市经济和信息化局"', '"agenc栧眬",\n  "year" "x"'));
    refused('garbled.json', 'garbled.json: line 3, column 12: not valid JSON (colon expected)', 'garbled.json：第 3 行第 12 列：不是有效的 JSON（此处应为冒号）');
  });

  it('JSON that is not an object', () => {
    write('list.json', '[1, 2, 3]\n');
    refused('list.json', 'list.json: the JSON is not a report object (expected { "format": …, "requests": … })', 'list.json：这个 JSON 不是报告对象（应为 { "format": …, "requests": … }）');
  });

  it('a file that does not exist', () => {
    refused('missing.csv', 'missing.csv: no such file', 'missing.csv：文件不存在');
  });

  it('a file whose name is not UTF-8 (报告 in GBK, as Windows zip archives unpack): say so, not "no such file"; never write such a name', () => {
    const folder = join(dir, 'gbk-names');
    mkdirSync(folder);
    // the name's bytes as such: Node's strings cannot hold them
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/`), Buffer.from([0xb1, 0xa8, 0xb8, 0xe6]), Buffer.from('.csv')]), readFileSync(SEED_CSV));
    const run = cli(['gbk-names'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('disclosure-check: gbk-names/\uFFFD\uFFFD\uFFFD\uFFFD.csv: cannot be opened: its name is not valid UTF-8 (most often a GBK name, as Windows zip archives unpack): rename it\n');
    for (const args of [[SEED_CSV, '-o'], ['init']]) {
      const write = spawnSync('bash', ['-c', `"$@" "$(printf 'out\\xff.csv')"`, 'bash', process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8' });
      expect([write.status, write.stderr]).toEqual([2, 'disclosure-check: out\uFFFD.csv: the file name is not valid UTF-8 (its bytes would be written as another name); name the output in UTF-8\n']);
    }
    // in the language asked for, wherever --lang stands
    for (const args of [[SEED_CSV, '--lang', 'zh', '-o'], ['--lang', 'zh', 'convert', SEED_CSV, '--to', 'json', '-o'], ['convert', SEED_CSV, '--to', 'json', '--lang', 'zh', '-o']]) {
      const write = spawnSync('bash', ['-c', `"$@" "$(printf 'out\\xff.csv')"`, 'bash', process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8' });
      expect([args, write.status, write.stderr]).toEqual([args, 2, 'disclosure-check: out\uFFFD.csv：文件名不是有效的 UTF-8（写出的文件会是另一个名字）；请用 UTF-8 的名字\n']);
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);
  });

  it('a PDF or a Word document: said as such, with what to do', () => {
    copyFileSync(fixture('real/008.pdf'), join(dir, 'report.pdf'));
    refused(
      'report.pdf',
      'report.pdf: a PDF, which is not read itself: extract its text (pdftotext -layout report.pdf report.txt, from poppler-utils) and check the .txt',
      'report.pdf：PDF 文件，不直接读取；请先提取其中的文字（pdftotext -layout 报告.pdf 报告.txt，poppler-utils 提供），再检查 .txt',
    );
    // a .docx is a ZIP with word/ entries; an old .doc an OLE2 file
    write('report.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]), Buffer.alloc(20), Buffer.from('word/document.xml'), Buffer.alloc(64)]));
    write('old.doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    for (const name of ['report.docx', 'old.doc'])
      refused(
        name,
        `${name}: a Word document, which is not read itself: save it as a web page (.html) or as plain text (.txt) in Word or WPS, and check that`,
        `${name}：Word 文档，不直接读取；请在 Word 或 WPS 中另存为网页（.html）或纯文本（.txt），再检查`,
      );
  });

  it('a device, refused without reading it', () => {
    refused('/dev/zero', '/dev/zero: not a regular file', '/dev/zero：不是普通文件');
  });

  it('a named pipe in a folder or matched by a pattern is never opened (it would wait for a writer): only one named is read', () => {
    const folder = join(dir, 'with-fifo');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'pipe.csv')]);
    copyFileSync(SEED_CSV, join(folder, 'seed.csv'));
    for (const input of [folder, join(folder, '*.csv')]) {
      const run = cli(['-f', 'json', input]);
      expect([input, run.status, JSON.parse(run.stdout).results.map((r: { file: string }) => r.file)]).toEqual([input, 0, [join(folder, 'seed.csv')]]);
    }
  });

  it('an output file in a folder that does not exist', () => {
    const run = cli([SEED_CSV, '-o', 'no-such-folder/out.json', '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('disclosure-check: no-such-folder/out.json: no such folder\n');
    expect(run.status).toBe(2);
  });

  it('the JSON output names each unreadable file with a code and the same message, in both languages', () => {
    const messages = [
      { zh: 'empty.csv：文件是空的', en: 'empty.csv: the file is empty' },
      { zh: 'deep.json：第 1 行第 65 列：JSON 嵌套超过 64 层；报告只嵌套 5 层', en: 'deep.json: line 1, column 65: JSON nested more than 64 levels deep; a report nests 5' },
    ];
    for (const lang of ['en', 'zh'] as const) {
      const run = cli(['empty.csv', 'deep.json', '-f', 'json', '--lang', lang], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(messages.map((m) => `disclosure-check: ${m[lang]}\n`).join(''));
      const { results, summary } = JSON.parse(run.stdout);
      expect(results.map((r: { fatal: unknown }) => r.fatal)).toEqual([
        { code: 'empty', message: messages[0]![lang], messages: messages[0] },
        { code: 'json', message: messages[1]![lang], messages: messages[1] },
      ]);
      expect(summary).toEqual({ files: 2, passed: 0, failed: 2, unreadable: 2, errors: 0, warnings: 0, skipped: 0 });
    }
  });
});

describe('files that can be read but are malformed: findings, not crashes', () => {
  /** The seed CSV with line `n` (1-based) changed. */
  const seedWith = (n: number, change: (line: string) => string[]) => seedLines.flatMap((line, i) => (i === n - 1 ? change(line) : [line])).join('\n');
  const findings = (name: string) => {
    const run = cli([name, '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    return { code: run.status, findings: JSON.parse(run.stdout).results[0].findings as Record<string, unknown>[] };
  };

  it('a duplicated row: the first is used, the second is an error', () => {
    write('duplicated.csv', seedWith(24, (line) => [line, line]));
    const run = cli(['duplicated.csv'], { cwd: dir });
    expect(run.stdout).toBe(
      'duplicated.csv\n' +
        '  25:1  error    "II. carried over from last year" appears twice (lines 24 and 25); the first is used  structure.duplicate-row\n\n' +
        '✖ 1 file checked: 0 passed, 1 failed; 1 error, 0 warnings\n',
    );
    expect(run.status).toBe(1);
  });

  it('an extra column: an error, never dropped in silence', () => {
    write('extra.csv', seedWith(24, (line) => [`${line},5`]));
    const { code, findings: found } = findings('extra.csv');
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'structure.extra-cells',
        severity: 'error',
        message: 'line 24: "II. carried over from last year" has 8 numbers; the template has 7',
        cells: ['/requests/carriedOver'],
        location: { line: 24, column: 11 },
      }),
    ]);
    expect(code).toBe(1);
  });

  it('a number typed into a label column: that number is the error, the row is read under the header', () => {
    write('stray.csv', seedWith(24, (line) => [line.replace(/^(二、上年结转政府信息公开申请数量,),/, '$13,')]));
    const { code, findings: found } = findings('stray.csv');
    // read from the stray 3, every value would be one column off: a wrong 总计 and a wrong balance
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'structure.extra-cells',
        message: 'line 24: "II. carried over from last year" has 8 numbers; the template has 7',
        cells: ['/requests/carriedOver'],
        location: { line: 24, column: 2 },
      }),
    ]);
    expect(code).toBe(1);
  });

  it('table 四 with a number too many: the first 15 are read, the rest is an error, not a missing table', () => {
    const last = seedLines.findIndex((line) => /^0(,0){14}\s*$/.test(line)) + 1; // table 四's row of 15
    write('appeals-16.csv', seedWith(last, (line) => [`${line.replace(/^0/, '1')},0`]));
    const { code, findings: found } = findings('appeals-16.csv');
    expect(found).toEqual([
      // the 15 were read: 结果维持 1 against a 总计 of 0
      expect.objectContaining({ rule: 'appeals.total', cells: expect.arrayContaining(['/appeals/reconsideration/total']) }),
      expect.objectContaining({
        rule: 'structure.extra-cells',
        message: `line ${last}: "IV. Administrative reconsideration and litigation" has 16 numbers; the template has 15`,
        cells: ['/appeals'],
        location: { line: last, column: 16 },
      }),
    ]);
    expect(code).toBe(1);
  });

  it('table 四 with a number too many in the published text, in cells or spaced', () => {
    const text = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8');
    const row = `${'0 | '.repeat(15).trimEnd()}`;
    const line = text.split('\n').findIndex((l) => l.trim() === row) + 1;
    for (const [name, changed, column] of [
      ['cells.txt', `${row} 7 |`, 61],
      ['spaced.txt', `${'0 '.repeat(15)}7`, 31],
    ] as const) {
      write(name, text.replace(row, changed));
      expect(findings(name).findings, name).toEqual([
        expect.objectContaining({ rule: 'structure.extra-cells', cells: ['/appeals'], location: { line, column } }),
      ]);
    }
  });

  it('a missing row is placed where it should be: at the row before it in its table', () => {
    const at = seedLines.findIndex((line) => line.startsWith('行政许可,')) + 1;
    write('no-licensing.csv', seedWith(at, () => []));
    const { findings: found } = findings('no-licensing.csv');
    const before = seedLines.findIndex((line) => line.startsWith('行政规范性文件,')) + 1;
    expect(found).toEqual([
      expect.objectContaining({ rule: 'structure.missing-row', cells: ['/proactive/licensing'], location: { line: before, column: 2 } }),
    ]);
  });

  it('missing columns: the absent cells are named and read as 0, with a warning', () => {
    write('short.csv', seedWith(24, (line) => [line.replace(/,0,0$/, '')]));
    const { code, findings: found } = findings('short.csv');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'cell.blank',
      severity: 'warning',
      cells: ['/requests/carriedOver/other', '/requests/carriedOver/total'],
      location: { line: 24, column: 9 },
    });
    // The wording is the check stage's; what matters here is that both cells are named.
    expect(found[0]!.message).toMatch(/^II\. carried over from last year: others, total (are )?blank, read as 0$/);
    expect(code).toBe(0);
  });

  it('a JSON year written as a string: the finding shows the quotes, "2021" is not 2021', () => {
    write('year.json', seedJson.replace('"year": 2021', '"year": "2021"'));
    const { code, findings: found } = findings('year.json');
    expect(found.map((f) => [f.rule, f.message])).toEqual([['schema.type', '"/year" must be integer; found "2021"']]);
    expect(code).toBe(1);
  });

  it('JSON with __proto__ and constructor keys: reported as unknown keys, no prototype reached', () => {
    const hostile = seedJson.replace('{', '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } },');
    write('proto.json', hostile);
    const { code, findings: found } = findings('proto.json');
    expect(found.map((f) => [f.rule, f.message, f.cells])).toEqual([
      ['schema.unknown-key', 'unknown key "__proto__" at /', ['/__proto__']],
      ['schema.unknown-key', 'unknown key "constructor" at /', ['/constructor']],
    ]);
    expect(code).toBe(1);
  });
});

describe('a stdout that fails: one line, never a stack trace', () => {
  const commands = [['rules'], ['--help'], ['convert', SEED_CSV, '--to', 'json'], ['init', '-'], [SEED_CSV]];

  it('a full disk (/dev/full): exit 2, "stdout: no space left on the device"', () => {
    for (const args of commands) {
      const run = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'], encoding: 'utf8' });
      expect([args[0], run.status, run.stderr]).toEqual([args[0], 2, 'disclosure-check: stdout: no space left on the device\n']);
    }
  });

  it('a reader that goes away (| true): the writing ends quietly, exit 0', () => {
    for (const args of commands) {
      const run = spawnSync('bash', ['-c', `"$0" "$@" | true; exit "\${PIPESTATUS[0]}"`, process.execPath, BIN, ...args], { encoding: 'utf8' });
      expect([args[0], run.status, run.stderr]).toEqual([args[0], 0, '']);
    }
  });

  it('a stderr whose reader goes away (2>&1 | head -1): the exit code still says how the files went', () => {
    const files = [SEED_CSV, fixture('bad/broken.json'), fixture('bad/image.csv'), fixture('layouts/truncated.txt')];
    // three notes on stderr after the reader has gone: each used to end the run with exit 1
    for (let i = 0; i < 3; i++) {
      const run = spawnSync('bash', ['-c', `"$0" "$@" 2>&1 >/dev/null | head -c 1 >/dev/null; exit "\${PIPESTATUS[0]}"`, process.execPath, BIN, ...files], { encoding: 'utf8' });
      expect(run.status).toBe(2);
    }
  });
});

describe('what a downloaded page can hold is shown, not obeyed: terminal escapes and line breaks', () => {
  it('stylish and stderr write control characters as escapes, on one line; JSON keeps the text as it was', () => {
    const hostile = '\x1b[2J\x1b]0;PWNED\x07';
    write('escape.csv', seedLines.join('\n').replace('一、本年新收政府信息公开申请数量,,,2,0,', `一、本年新收政府信息公开申请数量,,,2,${hostile},`));
    write('broken\nname.csv', 'a,b\n"x\n');
    const run = cli(['escape.csv', 'broken\nname.csv'], { cwd: dir });
    expect(run.stdout).toContain('commercial enterprises: "\\x1b[2J\\x1b]0;PWNED\\x07" is not a number  value.not-a-number\n');
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stderr).toBe('disclosure-check: broken\\nname.csv: line 2: a quoted field is never closed\n');
    const json = JSON.parse(cli(['escape.csv', '-f', 'json'], { cwd: dir }).stdout);
    expect(json.results[0].findings[0].raw).toBe(hostile);
  });

  it.each([
    ['a line separator', '\u2028', '\\u2028'],
    ['a paragraph separator', '\u2029', '\\u2029'],
    ['an Arabic letter mark', '\u061c', '\\u061c'],
    ['a right-to-left override', '\u202e', '\\u202e'],
  ])('a file name with %s is written with an escape on stderr', (_, character, escaped) => {
    write(`a${character}b.csv`, 'a,b\n"x\n');
    expect(cli([`a${character}b.csv`], { cwd: dir }).stderr).toBe(`disclosure-check: a${escaped}b.csv: line 2: a quoted field is never closed\n`);
  });
});
