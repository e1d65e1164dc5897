import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml, decodeHtml } from '../src/read/html.js';
import { loadReport, checkFile } from '../src/pipeline.js';
import { checkJson, cli, fixture, tempDir } from './helpers/cli.js';

const SEED = JSON.parse(readFileSync(fixture('seed/xiangyang-jxj-2021.json'), 'utf8')) as Record<string, unknown>;
const tables = (data: Record<string, unknown>) => ({ proactive: data.proactive, requests: data.requests, appeals: data.appeals });

describe('the HTML reader', () => {
  it('resolves rowspan and colspan: a spanned cell keeps its text in its first place, the others are blank', () => {
    const grid = readHtml(
      '<table><tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td></tr>' +
        '<tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>2</td></tr></table>',
      'x.html',
    );
    expect(grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['三、本年度办理结果', '（一）予以公开', '', '1'],
      ['', '（三）不予公开', '1.属于国家秘密', '2'],
    ]);
  });

  it('joins cell text split over <span>s and <p>s, reads &nbsp; as blank, and keeps text outside tables as prose lines', () => {
    const grid = readHtml('<p>三、收到和处理政府信息公开申请情况</p>\n<table><tr><td><p><span>商业</span><span>企业</span></p><p>机构</p></td><td>&nbsp;</td><td><span>1</span><span>2</span></td></tr></table>\n<div>共收到申请<b>12</b>件。</div>', 'x.html');
    expect(grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['三、收到和处理政府信息公开申请情况'], ['商业企业 机构', '', '12'], ['共收到申请12件。']]);
    expect(grid.prose).toEqual([
      { line: 1, text: '三、收到和处理政府信息公开申请情况' },
      { line: 3, text: '共收到申请12件。' },
    ]);
  });

  // What follows pins what a browser (parse5, the reader's parser before htmlparser2) makes of
  // pages as old sites write them: the same cells, lines and columns.
  const cells = (html: string) => readHtml(html, 'x.html').rows.map((r) => r.cells.map((c) => [c.text, c.line, c.column]));

  it('closes cells and rows left open, reads upper-case tags and unquoted attributes', () => {
    const page = '<TABLE BORDER=1>\n<TR><TD COLSPAN=2>申请人情况\n<TR><TD>自然人<TD>法人\n<TR><TD>2<td>0\n</TABLE>';
    expect(cells(page)).toEqual([
      [['申请人情况', 2, 5], ['', 2, 5]],
      [['自然人', 3, 5], ['法人', 3, 12]],
      [['2', 4, 5], ['0', 4, 10]],
    ]);
  });

  it('decodes named, numeric and unterminated entities, in text and in cells', () => {
    const grid = readHtml('<p>&ldquo;三安全一稳定&rdquo;&middot;&#20849;&#x8ba1;&nbsp;1&amp;2 &copy 2021</p><table><tr><td>&#50;</td><td>&nbsp;</td></tr></table>', 'x.html');
    expect(grid.prose).toEqual([{ line: 1, text: '“三安全一稳定”·共计 1&2 © 2021' }]);
    expect(grid.rows[1]!.cells.map((c) => c.text)).toEqual(['2', '']);
  });

  it('reads no cell in a script, a style or a comment', () => {
    const page =
      '<head><script>var x = "<td>1</td>";</script><style>td::after{content:"</td>"}</style></head>\n' +
      '<table><tr><td>1<script>document.write("<td>9</td>")</script></td><!-- <td>8</td> --><td>2</td></tr></table>';
    expect(cells(page)).toEqual([[['1', 2, 12], ['2', 2, 86]]]);
  });

  it('a layout table: its text is prose lines, the table in it a table, in the order of the page', () => {
    const grid = readHtml('<table><tr><td><p>襄阳市经济和信息化局</p>\n<table><tr><td>总计</td><td>2</td></tr></table>\n<p>全年共收到申请2件。</p></td></tr></table>', 'x.html');
    expect(grid.rows.map((r) => [r.line, r.text ?? false, r.cells.map((c) => c.text)])).toEqual([
      [1, true, ['襄阳市经济和信息化局']],
      [2, false, ['总计', '2']],
      [3, true, ['全年共收到申请2件。']],
    ]);
  });

  it('text written in a table outside its cells is prose before the table, joined to the text before it', () => {
    const grid = readHtml('<p>表一</p>\n<table>注：单位 件<tr><td>总计</td><td>2</td></tr>\n合计<tr><td>0</td></tr></table>', 'x.html');
    expect(grid.prose).toEqual([
      { line: 1, text: '表一' },
      { line: 1, text: '注：单位 件 合计' },
    ]);
    // the cells keep the columns of their `<td>`s
    const page = '<table>注<tr><td>总计</td><td>2</td></tr></table>';
    expect(cells(page)).toEqual([[['注', 1, 1]], [['总计', 1, page.indexOf('<td>') + 1], ['2', 1, page.lastIndexOf('<td>') + 1]]]);
  });

  it('counts lines over CRLF and lone CR line ends, columns from the line start', () => {
    expect(cells('<p>a</p>\r\n<table>\r\n<tr><td>x</td>\r\n  <td>y</td></tr></table>\r\n<p>\r\nz</p>')).toEqual([[['a', 1, 1]], [['x', 3, 5], ['y', 4, 3]], [['z', 5, 1]]]);
    expect(cells('<p>a</p>\r<table>\r<tr><td>x</td>\r  <td>y</td></tr></table>')).toEqual([[['a', 1, 1]], [['x', 3, 5], ['y', 4, 3]]]);
  });

  it('a bare & at the end of a line does not push the lines after it down (parse5 7 counted that line break twice)', () => {
    expect(cells('<p>R&\n<p>研发</p>\n<table><tr><td>x</td></tr></table>')).toEqual([[['R&', 1, 1]], [['研发', 2, 1]], [['x', 3, 12]]]);
  });

  it('a page cut off inside a tag: the tag is dropped, the cells before it kept', () => {
    expect(cells('<table><tr><td>总计</td><td>2</td></tr><tr><td>0</td><td colspan="2')).toEqual([[['总计', 1, 12], ['2', 1, 23]], [['0', 1, 42]]]);
  });

  it('takes the charset from <meta charset> or the http-equiv form (GBK pages), and from a BOM', () => {
    const gbk = readFileSync(fixture('html/xiangyang-jxj-2021-gbk.html'));
    expect(decodeHtml(gbk, 'page.html')).toContain('襄阳市经济和信息化局');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<meta charset="gbk"><p>总计</p>')]);
    expect(decodeHtml(bom, 'page.html')).toContain('总计');
  });
});

describe('reports saved as web pages', () => {
  it('the seed report as a page: the same numbers as its JSON, no finding', async () => {
    const report = await loadReport(fixture('html/xiangyang-jxj-2021.html'));
    expect(tables(report.data)).toEqual(tables(SEED));
    expect((await checkFile(fixture('html/xiangyang-jxj-2021.html'))).findings).toEqual([]);
    expect(report.prose?.some((p) => p.text.startsWith('全年共收到政府信息公开申请2件'))).toBe(true);
  });

  it('a page laid out in a table that holds the article: its text is prose, its inner tables the report', async () => {
    const page = readFileSync(fixture('html/xiangyang-jxj-2021.html'), 'utf8').replace('<div class="content">', '<table class="layout"><tr><td>').replace('</div>\n</body>', '</td></tr></table>\n</body>');
    const dir = tempDir('dc-');
    const file = join(dir, 'layout.html');
    writeFileSync(file, page);
    const report = await loadReport(file);
    expect(tables(report.data)).toEqual(tables(SEED));
    expect(report.prose?.some((p) => p.text.startsWith('全年共收到政府信息公开申请2件'))).toBe(true);
    expect((await checkFile(file)).findings).toEqual([]);
  });

  it("table 三 continued in a second <table> after a page break, without its label columns: the seed's numbers", async () => {
    const lines = readFileSync(fixture('html/xiangyang-jxj-2021.html'), 'utf8').split('\n');
    const at = lines.findIndex((line) => line.includes('3.补正后申请内容仍不明确'));
    lines.splice(at, 0, '</table>', '<p style="text-align:center">- 3 -</p>', '<br clear=all style="page-break-before:always">', '<table border="1" cellspacing="0">');
    const file = join(tempDir('dc-'), 'page-break.html');
    writeFileSync(file, lines.join('\n'));
    const report = await loadReport(file);
    expect(tables(report.data)).toEqual(tables(SEED));
    expect((await checkFile(file)).findings).toEqual([]);
  });

  it('a page whose rowspans and colspans spread out past a million places: one line, exit 2, the batch goes on', () => {
    // 410 KB of spans, each row pushed right by the rowspans above it: it used to take 4 GB and crash.
    const rows = '<tr>' + '<td rowspan=100 colspan=100>1</td>'.repeat(40) + '</tr>';
    const dir = tempDir('dc-');
    writeFileSync(join(dir, 'spans.html'), `<html><body><p>政府信息公开工作年度报告</p><table>${rows.repeat(300)}</table></body></html>`);
    const run = cli(['-f', 'json', fixture('seed/xiangyang-jxj-2021.csv'), 'spans.html'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('disclosure-check: spans.html: line 1, column 3461: tables of more than 1,000,000 cells (rowspan and colspan spread out); a report\'s have a few hundred\n');
    expect(JSON.parse(run.stdout).results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
  });

  it('the seed report as a GBK page', async () => {
    const report = await loadReport(fixture('html/xiangyang-jxj-2021-gbk.html'));
    expect(tables(report.data)).toEqual(tables(SEED));
    const run = cli([fixture('html/xiangyang-jxj-2021-gbk.html')]);
    expect(run.status).toBe(0);
  });

  it('011 as the HTML page it was (2019 tables, &nbsp; blanks): the same findings as its text', () => {
    const ids = (file: string) =>
      checkJson(file)
        .result.findings.filter((f) => f.severity === 'error' || f.rule.startsWith('text.'))
        .map((f) => f.rule)
        .sort();
    const fromPage = ids(fixture('html/011.html'));
    expect(fromPage).toEqual(ids(fixture('real/011.txt')));
    expect(fromPage).toContain('text.review-outcome');
  });

  it('a page cut off inside table 三 exits 2 and says where it stops', () => {
    const page = readFileSync(fixture('html/xiangyang-jxj-2021.html'), 'utf8');
    const cut = page.slice(0, page.indexOf('4.保护第三方合法权益'));
    const dir = tempDir('dc-');
    const file = join(dir, 'cut.html');
    writeFileSync(file, cut);
    const run = cli([file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cut\.html: the page stops short: table 三 stops after row 3\.危及“三安全一稳定” at line \d+; missing row 4\.保护第三方合法权益/);
  });

  it('directories pick up .txt and .html reports', () => {
    const run = cli(['--format', 'json', fixture('html')]);
    const files = (JSON.parse(run.stdout) as { results: { file: string }[] }).results.map((r) => r.file);
    expect(files.map((f) => f.split('/').pop())).toEqual(['011.html', 'xiangyang-jxj-2021-gbk.html', 'xiangyang-jxj-2021.html']);
  });
});
