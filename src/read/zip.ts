/**
 * The part of ZIP a workbook needs, read synchronously: the central directory, then the entries
 * asked for, stored or deflated (node:zlib). What a spreadsheet program does not write for a
 * workbook of a report's size (ZIP64, encryption, other methods, archives split over disks) is
 * refused, as are archives whose parts do not agree: a damaged workbook is an input error, never
 * a guess.
 */
import * as zlib from 'node:zlib';
import type { Text } from '../tables/index.js';
import { OLE2, startsWith } from './signatures.js';

/**
 * Why an archive or a workbook cannot be read, in a few words (the input error says the rest): in
 * both languages where the user can act on it, else the technical English.
 */
export class Unreadable extends Error {
  constructor(readonly reason: Text | string) {
    super(typeof reason === 'string' ? reason : reason.en);
  }
}

export const refuse = (reason: Text | string): never => {
  throw new Unreadable(reason);
};

/** An entry inflating beyond this is no part of a report's workbook (a zip bomb, say). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

const END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end of central directory record without its comment; the comment is at most 64 KiB. */
const END_SIZE = 22;

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export interface Zip {
  /** The entry's bytes as UTF-8 text, or `undefined` when the archive has no such entry. */
  text(name: string): string | undefined;
}

export function openZip(data: Uint8Array): Zip {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const end = findEnd(bytes);
  const { offset, size } = centralDirectory(bytes, end);
  const entries = readEntries(bytes, offset, size, bytes.readUInt16LE(end + 10));
  const headers = Float64Array.from(entries.values(), (entry) => entry.offset).sort();
  return {
    text(name) {
      const entry = entries.get(name);
      return entry && contents(bytes, entry, offset, headers).toString('utf8');
    },
  };
}

/** The end of central directory record: the last one, scanning back over a comment. */
function findEnd(bytes: Buffer): number {
  const last = bytes.length - END_SIZE;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (bytes.readUInt32LE(at) === END && at + END_SIZE + bytes.readUInt16LE(at + 20) <= bytes.length) return at;
  }
  if (startsWith(bytes, OLE2))
    return refuse({
      zh: '是旧版 .xls 工作簿或设了密码的工作簿：请另存为不设密码的 .xlsx',
      en: 'an old .xls workbook, or one with a password: save it as an .xlsx without a password',
    });
  return refuse({ zh: '不是 ZIP 压缩包，或文件不完整，可能没有下载完', en: 'not a ZIP archive, or a truncated one' });
}

function centralDirectory(bytes: Buffer, end: number): { offset: number; size: number } {
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if ((end >= 20 && bytes.readUInt32LE(end - 20) === ZIP64_LOCATOR) || count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    refuse('ZIP64 archive');
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 6) !== 0 || bytes.readUInt16LE(end + 8) !== count)
    refuse('archive split over several disks');
  if (offset + size > end) refuse('truncated or damaged archive: the central directory is not where its end says');
  return { offset, size };
}

/** The central directory's entries by name (the first of a name, should one repeat). */
function readEntries(bytes: Buffer, offset: number, size: number, count: number): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const limit = offset + size;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > limit || bytes.readUInt32LE(at) !== CENTRAL) refuse('damaged central directory');
    const nameEnd = at + 46 + bytes.readUInt16LE(at + 28);
    if (nameEnd > limit) refuse('damaged central directory');
    const name = bytes.toString('utf8', at + 46, nameEnd);
    if (!entries.has(name))
      entries.set(name, {
        name,
        flags: bytes.readUInt16LE(at + 8),
        method: bytes.readUInt16LE(at + 10),
        crc: bytes.readUInt32LE(at + 16),
        compressedSize: bytes.readUInt32LE(at + 20),
        size: bytes.readUInt32LE(at + 24),
        offset: bytes.readUInt32LE(at + 42),
      });
    at = nameEnd + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  if (at > limit) refuse('damaged central directory');
  return entries;
}

/**
 * An entry's data, inflated. Sizes come from the central directory: an entry written with a data
 * descriptor (as streaming writers do) has zeros in its local header. `headers` are where every
 * entry's local header is, in order: none may be inside another entry (or be another's too), so
 * that no byte of the archive is inflated twice (1,000 entries over one 64 KB stretch of data
 * would inflate 64 GB from a file of a few dozen KB).
 */
function contents(bytes: Buffer, entry: Entry, directory: number, headers: Float64Array): Buffer {
  const { name, method, size, compressedSize } = entry;
  if (entry.flags & 0x41) refuse({ zh: `${name} 已加密：请另存为不设密码的 .xlsx`, en: `${name} is encrypted: save it as an .xlsx without a password` });
  if (size === 0xffffffff || compressedSize === 0xffffffff || entry.offset === 0xffffffff) refuse('ZIP64 archive');
  if (method !== 0 && method !== 8) refuse(`${name} uses compression method ${method}`);
  if (size > MAX_ENTRY_BYTES) refuse(`${name} inflates beyond ${MAX_ENTRY_BYTES / 1024 / 1024} MiB`);
  const header = entry.offset;
  if (header + 30 > directory || bytes.readUInt32LE(header) !== LOCAL) refuse(`no local header for ${name}`);
  const start = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  if (start + compressedSize > directory) refuse(`${name} is truncated`);
  const next = headers[firstAtOrAbove(headers, header) + 1];
  if (next !== undefined && next < start + compressedSize) refuse(`${name} overlaps another entry`);
  const data = bytes.subarray(start, start + compressedSize);
  const out = method === 0 ? data : inflate(data, name);
  if (out.length !== size) refuse(`${name} is not the size its directory entry says`);
  // zlib.crc32 is Node ≥ 20.15; older ones go without the check (inflate still catches most damage).
  if (typeof zlib.crc32 === 'function' && zlib.crc32(out) !== entry.crc) refuse(`${name} fails its CRC check`);
  return out;
}

function inflate(data: Buffer, name: string): Buffer {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    return refuse(tooLarge ? `${name} inflates beyond ${MAX_ENTRY_BYTES / 1024 / 1024} MiB` : `${name} is damaged`);
  }
}

/** The index of the first value at or above `value` in ascending `values`. */
function firstAtOrAbove(values: Float64Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
