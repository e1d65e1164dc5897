import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError, type LocatedReport } from '../model.js';
import { decode, looksBinary } from './decode.js';
import type { Grid } from './grid.js';
import { readCsv } from './csv.js';
import { readJson } from './json.js';
import { readText } from './text.js';
import { decodeHtml, readHtml } from './html.js';

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

export async function readInput(file: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError('unreadable', `${file}: is a directory`);
    if (info.size > MAX_INPUT_BYTES)
      throw new InputError('too-large', `${file}: ${info.size} bytes is over the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit for a report`);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? 'unknown error'})`;
    throw new InputError('unreadable', `${file}: ${why}`);
  }
  if (extname(file).toLowerCase() === XLSX) return { kind: 'grid', grid: await (await import('./xlsx.js')).readXlsx(bytes, file) };
  return readBytes(bytes, file);
}

export function readBytes(bytes: Uint8Array, file: string): ReadResult {
  if (bytes.length === 0) throw new InputError('empty', `${file}: the file is empty`);
  const declared = KINDS[extname(file).toLowerCase()];
  // A page says its own charset (`<meta charset="gbk">`); other text is guessed.
  const text = declared === 'html' ? decodeHtml(bytes, file) : decode(bytes, file);
  if (looksBinary(text)) throw new InputError('binary', `${file}: a binary file, not a report (expected CSV, JSON, text or HTML)`);
  if (text.trim() === '') throw new InputError('empty', `${file}: the file holds only blank space`);
  const kind = declared ?? (/^\s*[{[]/.test(text) ? 'json' : /^\s*<(?:!doctype|html|head|body|meta|table)/i.test(text) ? 'html' : 'csv');
  if (kind === 'json') return { kind: 'report', report: readJson(text, file) };
  if (kind === 'text') return { kind: 'grid', grid: readText(text) };
  if (kind === 'html') return { kind: 'grid', grid: readHtml(text) };
  return { kind: 'grid', grid: readCsv(text, file) };
}
