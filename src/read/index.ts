import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError, OLD_EXCEL, OWN_OUTPUT, ownOutput, type LocatedReport } from '../model.js';
import { decode, looksBinary } from './decode.js';
import type { Grid } from './grid.js';
import { readCsv } from './csv.js';
import { readJson, readJsonHead } from './json.js';
import { readText } from './text.js';
import { OLE2, ZIP, startsWith } from './signatures.js';
import { isTerminal } from '../output.js';

export type { Grid, GridCell, GridRow } from './grid.js';

/** Reports are a few kilobytes; anything this large is not one, and is refused before reading. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export type ReadResult = { kind: 'grid'; grid: Grid } | { kind: 'report'; report: LocatedReport };

/** The input kinds by file extension; `undefined` means: look at the content. */
const KINDS: Record<string, 'csv' | 'json' | 'text' | 'html'> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.json': 'json',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
};

/** Workbooks are binary: read by their own reader, loaded only when one is given. */
const XLSX = '.xlsx';

export const INPUT_EXTENSIONS = [...Object.keys(KINDS), XLSX];

/**
 * What a folder or a pattern finds: the inputs, and `.xls` files, read by what they hold (an HTML
 * table, a CSV or a new workbook, as "export to Excel" writes them; an old workbook is named in a
 * note, rather than passed over in silence).
 */
export const FOUND_EXTENSIONS = [...INPUT_EXTENSIONS, '.xls'];

/**
 * Reads a report file whole. Synchronous on purpose: reports are small and usually in the page
 * cache, where Node's promise-based fs costs 10–50× the reads themselves (10,000 reports: 75 ms
 * with stat/open/read/close, 540 ms with fs/promises and 8 reads in flight).
 */
export async function readInput(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  const extension = file === STDIN ? '' : extname(file).toLowerCase();
  // Many systems' "export to Excel" write an HTML table (or a CSV) named .xls: read by its content.
  // An old workbook (OLE2, binary; told by its first bytes, whatever its size) or an Excel 2003 XML
  // one is not read; a workbook saved as .xls in the new format (ZIP) is.
  if (extension === '.xls' && startsWith(peek(file), OLE2)) throw new InputError(OLD_EXCEL, oldExcel(file, 'binary'));
  const bytes = file === STDIN ? readStdin() : readWhole(file);
  if (file === STDIN || pipes.has(file)) {
    // no name to go by (a pipe's is /dev/fd/63): a workbook by its first bytes, anything else by its content
    if (bytes.length === 0) throw new InputError('empty', file === STDIN ? stdinEmpty() : pipeEmpty(file));
    if (startsWith(bytes, OLE2)) throw new InputError(OLD_EXCEL, oldExcel(file, 'binary'));
    if (startsWith(bytes, ZIP)) return { kind: 'grid', grid: await (await import('./xlsx.js')).readXlsx(bytes, file) };
    return readBytes(bytes, file, options);
  }
  if (extension === '.xls' && SPREADSHEET_ML.test(latin1(bytes.subarray(0, 4096)))) throw new InputError(OLD_EXCEL, oldExcel(file, 'xml'));
  if (extension === XLSX || (extension === '.xls' && startsWith(bytes, ZIP)))
    return { kind: 'grid', grid: await (await import('./xlsx.js')).readXlsx(bytes, file) };
  return readBytes(bytes, file, options);
}

const stdinEmpty = () => ({ zh: `${STDIN}：标准输入是空的，没有传入任何内容`, en: `${STDIN}: standard input is empty: nothing was piped in` });
const pipeEmpty = (file: string) => ({ zh: `${file}：管道里没有内容（写入它的命令什么也没有输出）`, en: `${file}: a pipe, and nothing was written to it` });

/** Excel 2003's XML workbook ("XML Spreadsheet"), which some systems export as .xls. */
const SPREADSHEET_ML = /urn:schemas-microsoft-com:office:spreadsheet|progid="Excel\.Sheet"/i;

const oldExcel = (file: string, kind: 'binary' | 'xml') =>
  kind === 'binary'
    ? { zh: `${file}：旧版 Excel 工作簿（.xls），请另存为 .xlsx 后再检查`, en: `${file}: an old Excel workbook (.xls), which is not read: save it as .xlsx` }
    : { zh: `${file}：Excel 2003 XML 工作簿，请另存为 .xlsx 后再检查`, en: `${file}: an Excel 2003 XML workbook, which is not read: save it as .xlsx` };

/** A file's first bytes, whatever its size (none when it cannot be read: reading it whole will say why). */
function peek(file: string): Uint8Array {
  try {
    return readWhole(file, 8);
  } catch {
    return new Uint8Array(0);
  }
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/**
 * A page under another name (an "export to Excel" saved as .xls): its first kilobytes have an HTML
 * element, whatever comes before it (IE's `<!-- saved from url=… -->`, an XML declaration, a style).
 */
const PAGE = /<(?:!doctype\s+html|html|head|body|meta|table)[\s>/]/i;


/** What `-` names (src/inputs.ts): standard input, read whole once, and shown by this name. */
export const STDIN = '<stdin>';

let stdinBytes: Uint8Array | undefined;

/**
 * Standard input, whole (read once: pairing reports by year reads a file twice). A terminal is
 * refused rather than waited on; more than MAX_INPUT_BYTES is no report, as for a file.
 */
function readStdin(): Uint8Array {
  if (stdinBytes) return stdinBytes;
  try {
    if (isTerminal(0))
      throw new InputError('unreadable', {
        zh: `${STDIN}：标准输入是终端，没有报告可读；请用管道或重定向传入报告（disclosure-check - < report.csv），或直接写文件名`,
        en: `${STDIN}: standard input is a terminal, with no report to read; pipe or redirect one in (disclosure-check - < report.csv), or name the file`,
      });
    stdinBytes = readAll(0, STDIN);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError('unreadable', { zh: `${STDIN}：无法读取标准输入（${code === 'EBADF' ? '已关闭' : (code ?? '未知错误')}）`, en: `${STDIN}: standard input cannot be read (${code === 'EBADF' ? 'it is closed' : (code ?? 'unknown error')})` });
  }
  return stdinBytes;
}

/**
 * Named pipes read so far, whole: `<(iconv -f gbk -t utf-8 r.csv)` (bash's /dev/fd/63), a FIFO.
 * A pipe can be read once, and a batch reads a file twice (pairing reports by year, then checking).
 */
const pipes = new Map<string, Uint8Array | InputError>();

/**
 * A pipe's bytes, up to its end: opened again without O_NONBLOCK, which waits for a writer as
 * `cat fifo` does (a FIFO opened before one comes would read as empty at once).
 */
function readPipe(file: string): Uint8Array {
  const fd = openSync(file, constants.O_RDONLY);
  try {
    const bytes = readAll(fd, file);
    pipes.set(file, bytes);
    return bytes;
  } catch (error) {
    if (error instanceof InputError) pipes.set(file, error); // (too large: said again, not read again as empty)
    throw error;
  } finally {
    closeSync(fd);
  }
}

/** Everything a stream gives until its end; more than MAX_INPUT_BYTES is no report, and is not read further. */
function readAll(fd: number, name: string): Uint8Array {
  const chunks: Buffer[] = [];
  let size = 0;
  const buffer = Buffer.allocUnsafe(64 << 10);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // a non-blocking pipe not written yet: wait 1 ms
      continue;
    }
    if (n === 0) return Buffer.concat(chunks, size);
    size += n;
    if (size > MAX_INPUT_BYTES)
      throw new InputError('too-large', {
        zh: `${name}：输入超过 ${MAX_INPUT_BYTES / 1024 / 1024} MiB，不可能是一份报告；未读完`,
        en: `${name}: more than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, too large to be a report; not read further`,
      });
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
}

export interface ReadOptions {
  /**
   * Enough for the report's agency and year, at a fraction of the cost: a CSV's or a text's first
   * rows (its first kilobyte of text, to the end of a line: the title is at the top), a JSON file's metadata
   * (`readJsonHead`), a page's `<head>` (where its `<title>` is; a page whose title is only in
   * its body is then read whole). Other kinds are read whole.
   */
  head?: boolean;
}

const HEAD = 1024;
/** Bytes decoded for a head: HEAD characters are at most 4 bytes each in any encoding read here. */
const HEAD_BYTES = 4 * HEAD + 4;
const headOf = (text: string) => {
  if (text.length <= HEAD) return text;
  const end = text.indexOf('\n', HEAD);
  return end === -1 ? text : text.slice(0, end);
};

/**
 * Where a page's `<head>` ends (its `<title>` is the report's): at its `<body>` or first `<table>`,
 * found in the bytes (ASCII in every charset a page is read in but UTF-16), else its end.
 */
function pageHeadEnd(bytes: Uint8Array): number {
  const at = latin1(bytes).search(/<(?:body|table)[\s>]/i);
  return at === -1 ? bytes.length : at;
}

/** `upTo`: only the first bytes, and no size limit. */
function readWhole(file: string, upTo?: number): Uint8Array {
  let fd: number | undefined;
  const piped = pipes.get(file);
  if (piped instanceof InputError) throw piped;
  if (piped) return piped;
  try {
    // Non-blocking, so that opening a FIFO or a device returns at once; fstat then refuses anything
    // but a regular file or a pipe before a byte is read (one path lookup per file, not two). A
    // pipe is only ever one named on the command line: a folder's search and a pattern take regular
    // files only, and never open one.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new InputError('unreadable', isDirectory(file));
    if (info.isFIFO()) {
      closeSync(fd);
      fd = undefined;
      return readPipe(file); // whole, `upTo` or not: it cannot be read again
    }
    if (!info.isFile()) throw new InputError('unreadable', { zh: `${file}：不是普通文件`, en: `${file}: not a regular file` });
    if (isOwnStream(info)) throw new InputError(OWN_OUTPUT, ownStream(file));
    if (upTo === undefined && info.size > MAX_INPUT_BYTES) throw new InputError('too-large', tooLarge(file, info.size));
    const size = Math.min(info.size, upTo ?? info.size);
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break; // the file shrank while being read: check what is there
      read += n;
    }
    return bytes.subarray(0, read);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError('unreadable', isDirectory(file));
    const why =
      code === 'ENOENT' && file.includes('\uFFFD')
        ? { zh: '无法打开：文件名不是有效的 UTF-8（多为 GBK 编码的名字，Windows 压缩包解开时常见），请改名后再检查', en: 'cannot be opened: its name is not valid UTF-8 (most often a GBK name, as Windows zip archives unpack): rename it' }
        : code === 'ENOENT'
        ? { zh: '文件不存在', en: 'no such file' }
        : code === 'EACCES'
          ? { zh: '没有读取权限', en: 'permission denied' }
          : { zh: `无法读取（${code ?? 'unknown error'}）`, en: `cannot be read (${code ?? 'unknown error'})` };
    throw new InputError('unreadable', { zh: `${file}：${why.zh}`, en: `${file}: ${why.en}` });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Whether a file is where this run writes its stdout or stderr (`disclosure-check reports >
 * reports/out.txt`: the shell made it before the run, empty, and the run is writing it).
 */
function isOwnStream(info: { dev: number; ino: number }): boolean {
  ownStreams ??= [1, 2].flatMap((fd) => {
    try {
      const its = fstatSync(fd);
      return its.isFile() ? [its] : [];
    } catch {
      return [];
    }
  });
  return ownStreams.some((its) => its.dev === info.dev && its.ino === info.ino);
}
let ownStreams: { dev: number; ino: number }[] | undefined;

const ownStream = (file: string) => ({
  zh: `${file}：是这次运行自己的输出（标准输出或标准错误正写入这个文件），不是报告`,
  en: `${file}: this run's own output (its stdout or stderr is written to this file), not a report`,
});

const isDirectory = (file: string) => ({ zh: `${file}：是一个文件夹`, en: `${file}: is a directory` });

/**
 * A binary file, said as what it is where a report is often published so (a PDF, a Word document),
 * with what to do: what the checker reads of it is its text, or the page Word saves.
 */
const binary = (file: string, bytes: Uint8Array) => {
  const start = latin1(bytes.subarray(0, 1024));
  const extension = extname(file).toLowerCase();
  if (start.startsWith('%PDF-'))
    return {
      zh: `${file}：PDF 文件，不直接读取；请先提取其中的文字（pdftotext -layout 报告.pdf 报告.txt，poppler-utils 提供），再检查 .txt`,
      en: `${file}: a PDF, which is not read itself: extract its text (pdftotext -layout report.pdf report.txt, from poppler-utils) and check the .txt`,
    };
  if ((startsWith(bytes, ZIP) && start.includes('word/')) || (startsWith(bytes, OLE2) && extension === '.doc') || extension === '.docx' || extension === '.wps')
    return {
      zh: `${file}：Word 文档，不直接读取；请在 Word 或 WPS 中另存为网页（.html）或纯文本（.txt），再检查`,
      en: `${file}: a Word document, which is not read itself: save it as a web page (.html) or as plain text (.txt) in Word or WPS, and check that`,
    };
  return {
    zh: `${file}：二进制文件，不是报告（应为 CSV、JSON、文本、HTML 或 XLSX）`,
    en: `${file}: a binary file, not a report (expected CSV, JSON, text, HTML or XLSX)`,
  };
};

const tooLarge = (file: string, size: number) => ({
  zh: `${file}：文件过大，不可能是一份报告（${size.toLocaleString('en-US')} 字节，上限为 ${MAX_INPUT_BYTES / 1024 / 1024} MiB），未读取`,
  en: `${file}: too large to be a report (${size.toLocaleString('en-US')} bytes; the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MiB); not read`,
});

/**
 * Three numbers in a row, each in its own comma-, tab- or semicolon-separated cell: a CSV's row of
 * a table (`…数量,2,0,0,0,0,0,2`). A text's rows are `a | b | c` or spaced, and its prose's counts say 件.
 */
const CELLS_OF_NUMBERS = /(?:^|[,\t;]) *\d+ *[,\t;] *\d+ *[,\t;] *\d+ *(?:[,\t;]|$)/m;
/** A line of two separators or more: a row of cells (or a sentence with commas, in a text). */
const DELIMITED = /[,\t;][^,\t;]*[,\t;]/;
const TABBED = /\t[^\t]*\t/;

/**
 * For input with no kind by its name (standard input, an unknown extension): a text rather than a
 * CSV? A text when its tables are `a | b | c` lines, or cells between tabs with sentences around
 * them (a page copied); a CSV when a row has numbers in cells; else a text unless most of its
 * lines are delimited (a CSV whose cells are quoted, or blank or `/` for 0).
 */
function looksLikeText(text: string): boolean {
  let lines = 0;
  let bars = 0;
  let delimited = 0;
  let tabbed = 0;
  let sentences = 0;
  for (const line of text.split(/\r\n|\r|\n/, 2000)) {
    if (line.trim() === '') continue;
    lines++;
    if (line.includes('|')) bars++;
    if (DELIMITED.test(line)) delimited++;
    if (TABBED.test(line)) tabbed++;
    else if (line.includes('。') && !line.includes('\t')) sentences++;
  }
  if (bars >= 3 || (tabbed * 2 > delimited && sentences >= 3)) return true;
  return !CELLS_OF_NUMBERS.test(text) && delimited * 2 < lines;
}

/** `-f html` says who wrote the page (src/report/html.ts); one written before it did, by its title. */
const GENERATOR = /<meta\s+name="generator"\s+content="disclosure-check[\s"]|<title>(?:政府信息公开工作年度报告 表格检查|Disclosure report table check)<\/title>/i;
/** The summary that ends `-f stylish` and `-f github` (src/report/common.ts), with its mark and colours. */
const SUMMARY = /^(?:\x1b\[[\d;]*m|[✔✖⚠]\s)*(?:\d+ files? checked: \d+ passed, \d+ failed|共检查 \d+ 个文件：\d+ 个通过，\d+ 个未通过)/;

/**
 * Which of this tool's own outputs a text is, saved where the reports are (`-o reports/check.html`):
 * a page it generated, or text whose last line is its summary; undefined for anything else.
 */
function ownOutputFormat(text: string, page: boolean): string | undefined {
  if (page) return GENERATOR.test(text.slice(0, 4096)) ? 'html' : undefined;
  const end = text.trimEnd();
  const last = end.slice(end.lastIndexOf('\n') + 1);
  if (!SUMMARY.test(last)) return undefined;
  return /^::(?:error|warning|notice) /m.test(text) ? 'github' : 'stylish';
}

/** The HTML reader (htmlparser2's tokenizer and our tree), set up only for a page: a CSV or JSON check does not pay for it. */
const htmlReader = () => import('./html.js');

export async function readBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): Promise<ReadResult> {
  if (bytes.length === 0) throw new InputError('empty', { zh: `${file}：文件是空的`, en: `${file}: the file is empty` });
  // NUL bytes mean a binary file (an image, an archive, a spreadsheet's zip), unless UTF-16 says so.
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) throw new InputError('binary', binary(file, bytes));
  const declared = KINDS[extname(file).toLowerCase()] ?? (PAGE.test(latin1(bytes.subarray(0, 2048))) ? 'html' : undefined);
  // The head of a CSV or a text is in its first bytes, a page's before its body: the rest is not decoded.
  if (options.head && declared === 'html') bytes = bytes.subarray(0, pageHeadEnd(bytes));
  const cut = options.head && (declared === 'csv' || declared === 'text') && bytes.length > HEAD_BYTES;
  // A page says its own charset (`<meta charset="gbk">`); other text is guessed.
  const text =
    declared === 'html' ? (await htmlReader()).decodeHtml(bytes, file) : cut ? decode(bytes.subarray(0, HEAD_BYTES), file, { partial: true }) : decode(bytes, file);
  if (looksBinary(text)) throw new InputError('binary', binary(file, bytes));
  if (text.trim() === '') throw new InputError('empty', { zh: `${file}：文件里只有空白`, en: `${file}: the file holds only blank space` });
  const kind =
    declared ??
    (/^\s*[{[]/.test(text) ? 'json' : /^\s*<(?:!doctype|html|head|body|meta|table)/i.test(text) ? 'html' : looksLikeText(text) ? 'text' : 'csv');
  const own = kind === 'json' ? undefined : ownOutputFormat(text, kind === 'html');
  if (own) throw ownOutput(file, own);
  if (kind === 'json') return { kind: 'report', report: options.head ? readJsonHead(text) : readJson(text, file) };
  if (kind === 'text') return { kind: 'grid', grid: readText(options.head ? headOf(text) : text) };
  if (kind === 'html') return { kind: 'grid', grid: (await htmlReader()).readHtml(text, file) };
  return { kind: 'grid', grid: readCsv(options.head ? headOf(text) : text, file) };
}
