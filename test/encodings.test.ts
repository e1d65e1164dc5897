/**
 * Reports arrive in every encoding Chinese offices save in: UTF-8 with or without a BOM, UTF-16
 * with a BOM (Excel's "Unicode text"), and GBK / GB18030 without any mark (Excel and WPS on
 * Chinese Windows). Strict UTF-8 is tried first, then GB18030.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/read/decode.js';
import { cli, ROOT, SEED_CSV, tempDir } from './helpers/cli.js';

const seed = readFileSync(SEED_CSV, 'utf8');
/** The seed CSV as glibc's iconv writes it in GBK (`iconv -f UTF-8 -t GBK`): real GBK bytes. */
const GBK_CSV = join(ROOT, 'fixtures/encodings/xiangyang-jxj-2021.gbk.csv');

const utf16 = (text: string, bigEndian: boolean) => {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
  return bigEndian ? bytes.swap16() : bytes;
};

describe('decode', () => {
  it('reads UTF-8 with and without a BOM, and drops the BOM', () => {
    expect(decode(Buffer.from(seed), 'a.csv')).toBe(seed);
    expect(decode(Buffer.from(`\ufeff${seed}`), 'a.csv')).toBe(seed);
  });

  it('reads UTF-16 little- and big-endian with a BOM', () => {
    expect(decode(utf16(seed, false), 'a.csv')).toBe(seed);
    expect(decode(utf16(seed, true), 'a.csv')).toBe(seed);
  });

  it('reads real GBK bytes (no BOM) as the same text', () => {
    const bytes = readFileSync(GBK_CSV);
    expect(bytes.equals(Buffer.from(seed))).toBe(false); // really another encoding
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0xcf, 0xe5, 0xd1, 0xf4])); // 襄阳 in GBK
    expect(decode(bytes, 'a.csv')).toBe(seed);
  });

  it('reads GB18030 four-byte characters that GBK lacks', () => {
    // `iconv -f UTF-8 -t GB18030` of "㐀𠀀，规章"
    const bytes = Uint8Array.from([0x81, 0x39, 0xee, 0x39, 0x95, 0x32, 0x82, 0x36, 0xa3, 0xac, 0xb9, 0xe6, 0xd5, 0xc2]);
    expect(decode(bytes, 'a.csv')).toBe('㐀𠀀，规章');
  });

  it('prefers UTF-8 when the bytes are valid in both', () => {
    // "规章" in UTF-8 is also a valid (different) GB18030 sequence: UTF-8 wins.
    const bytes = Buffer.from('规章,0,0,0\n');
    expect(new TextDecoder('gb18030').decode(bytes)).not.toBe('规章,0,0,0\n');
    expect(decode(bytes, 'a.csv')).toBe('规章,0,0,0\n');
  });

  it('names the file and the encoding when the bytes are not text', () => {
    expect(() => decode(Uint8Array.from([0x41, 0xff, 0x42]), 'x.csv')).toThrow('x.csv: not readable as UTF-8 or GB18030 text');
    expect(() => decode(Uint8Array.from([0xfe, 0xff, 0x00]), 'x.csv')).toThrow('x.csv: not readable as UTF-16BE text');
  });
});

describe('the CLI on the seed report in each encoding', () => {
  const dir = tempDir('enc');
  const files: [string, Uint8Array][] = [
    ['utf8.csv', Buffer.from(seed)],
    ['utf8-bom.csv', Buffer.from(`\ufeff${seed}`)],
    ['utf16le.csv', utf16(seed, false)],
    ['utf16be.csv', utf16(seed, true)],
    ['gbk.csv', readFileSync(GBK_CSV)],
    ['gbk-crlf.csv', Buffer.from(readFileSync(GBK_CSV, 'latin1').replace(/\n/g, '\r\n'), 'latin1')],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);

  it('gives the same verdict for every encoding', () => {
    const run = cli([...files.map(([name]) => name), '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { results, summary } = JSON.parse(run.stdout);
    expect(results.map((r: { file: string; ok: boolean }) => [r.file, r.ok])).toEqual(files.map(([name]) => [name, true]));
    expect(summary).toMatchObject({ files: 6, passed: 6, failed: 0 });
  });

  it('quotes what a GBK file wrote, decoded, in its findings', () => {
    const broken = seed.replace(',,,2,0,', ',,,2,约3件,');
    // 约3件 in GBK: d4 bc 33 bc fe
    writeFileSync(join(dir, 'gbk-broken.csv'), Buffer.from(readFileSync(GBK_CSV, 'latin1').replace(',,,2,0,', ',,,2,\xd4\xbc3\xbc\xfe,'), 'latin1'));
    expect(decode(readFileSync(join(dir, 'gbk-broken.csv')), 'x')).toBe(broken);
    const run = cli(['gbk-broken.csv', '-f', 'json'], { cwd: dir });
    const [finding] = JSON.parse(run.stdout).results[0].findings;
    expect(finding).toMatchObject({ rule: 'value.not-a-number', raw: '约3件', location: { line: 23, column: 5 } });
    expect(finding.message).toBe('I. new requests received this year · commercial enterprises: "约3件" is not a number');
    expect(run.status).toBe(1);
  });
});
