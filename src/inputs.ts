import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FileResult } from './model.js';
import { INPUT_EXTENSIONS } from './read/index.js';

const fatal = (file: string, code: string, message: string): FileResult => ({
  file,
  ok: false,
  errorCount: 0,
  warningCount: 0,
  findings: [],
  fatal: { code, message },
});

/** Arguments → report files: files as given, directories searched (recursively) for report inputs. */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; problems: FileResult[] }> {
  const files: string[] = [];
  const problems: FileResult[] = [];
  for (const input of inputs) {
    let isDirectory = false;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch {
      // a missing file is reported by the reader, in the same words as any unreadable file
    }
    if (!isDirectory) {
      files.push(input);
      continue;
    }
    const found = await walk(input);
    if (found.length === 0) problems.push(fatal(input, 'no-reports', `${input}: no report files (${INPUT_EXTENSIONS.join(', ')}) in this directory`));
    files.push(...found);
  }
  return { files, problems };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && INPUT_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}
