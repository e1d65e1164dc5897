/**
 * `-o FILE` (and the files `convert` and `init` write), through the built CLI: what is written
 * where, and that nothing but the output is left behind. "The tool never modifies an input file;
 * any file it writes is written whole or not at all."
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, SEED_CSV, tempDir } from './helpers/cli.js';

/** The JSON report of the seed CSV, as -o writes it: the file's name in it is the same whatever -o says. */
const SEED_REPORT = cli([SEED_CSV, '-f', 'json']).stdout;

describe('-o names a file', () => {
  it("-o '' is a usage error, not a quiet write to stdout", () => {
    for (const args of [[SEED_CSV, '-o', ''], ['convert', SEED_CSV, '--to', 'json', '--output=']]) {
      const before = readdirSync(ROOT);
      expect(cli(args)).toEqual({ status: 2, stdout: '', stderr: 'disclosure-check: -o/--output needs a file name, not an empty string\n' });
      expect(readdirSync(ROOT)).toEqual(before);
    }
  });
});

describe('-o writes a file whole, through a temporary file beside it', () => {
  it('takes a name as long as the file system allows (255 bytes), Chinese or not: the temporary name is cut, not the output', () => {
    const dir = tempDir('long');
    // 250 bytes, and 251 to 255 bytes of 3-byte characters: whatever the digits of the process id,
    // one of them has the temporary name cut inside a character.
    const names = ['a'.repeat(245) + '.json', ...['', 'a', 'aa', 'aaa', 'aaaa'].map((a) => `${a}${'报'.repeat(82)}.json`)];
    for (const name of names) {
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
      expect(cli([SEED_CSV, '-f', 'json', '-o', name], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(join(dir, name), 'utf8')).toBe(SEED_REPORT);
      const converted = name.replace(/json$/, 'csv');
      expect(cli(['convert', SEED_CSV, '--to', 'csv', '-o', converted], { cwd: dir })).toMatchObject({ status: 0, stderr: '' });
      expect(readFileSync(join(dir, converted))).toEqual(readFileSync(SEED_CSV));
    }
    expect(readdirSync(dir).sort()).toEqual(names.flatMap((name) => [name, name.replace(/json$/, 'csv')]).sort());
  });
});
