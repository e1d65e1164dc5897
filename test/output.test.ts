/**
 * `-o FILE` (and the files `convert` and `init` write), through the built CLI: what is written
 * where, and that nothing but the output is left behind. "The tool never modifies an input file;
 * any file it writes is written whole or not at all."
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, SEED_CSV } from './helpers/cli.js';

describe('-o names a file', () => {
  it("-o '' is a usage error, not a quiet write to stdout", () => {
    for (const args of [[SEED_CSV, '-o', ''], ['convert', SEED_CSV, '--to', 'json', '--output=']]) {
      const before = readdirSync(ROOT);
      expect(cli(args)).toEqual({ status: 2, stdout: '', stderr: 'disclosure-check: -o/--output needs a file name, not an empty string\n' });
      expect(readdirSync(ROOT)).toEqual(before);
    }
  });
});
