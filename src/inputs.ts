import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { extname, isAbsolute, join, resolve, sep } from 'node:path';
import { unreadableResult, type FileResult } from './model.js';
import { FOUND_EXTENSIONS, STDIN } from './read/index.js';

export { STDIN };

/** An argument that names no report (an empty folder, a pattern matching nothing), after `before` files. */
export interface Problem {
  before: number;
  result: FileResult;
}

/** Characters that make an argument a glob pattern (when no file of that very name exists). */
const GLOB = /[*?[\]{}]/;

/** Code-unit order: the same on every machine and locale. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Arguments → report files: files as given, directories searched (recursively) and globs expanded
 * to report inputs, each in name order; arguments keep their order and a file named twice is
 * checked once, so results come out in the same order on every run. `foundBy` says, of each file
 * that a directory or a pattern found (not named itself), which argument found it.
 */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; problems: Problem[]; foundBy: Map<string, Source>; readOnce: boolean }> {
  const files: string[] = [];
  let readOnce = false; // standard input or a pipe named (`<(command)`): read in this thread, once
  const problems: Problem[] = [];
  const foundBy = new Map<string, Source>();
  const seen = new Set<string>(); // real paths: `a.csv`, `./a.csv`, `/here/a.csv` and a link to it are one file
  const add = (file: string, by?: Source, key = realPath(file)) => {
    if (seen.has(key)) {
      if (by) by.named++;
      return;
    }
    seen.add(key);
    files.push(file);
    if (by === undefined) return;
    foundBy.set(file, by);
    by.files++;
  };
  for (const input of inputs) {
    // `-`: standard input, as for cat and most commands (a file named - is `./-`)
    if (input === '-') {
      add(STDIN, undefined, STDIN);
      readOnce = true;
      continue;
    }
    let kind: 'file' | 'directory' | 'missing' = 'missing';
    try {
      const info = statSync(input);
      kind = info.isDirectory() ? 'directory' : 'file';
      if (info.isFIFO()) readOnce = true;
    } catch {
      // a missing file is reported by the reader, in the same words as any unreadable file
    }
    if (kind === 'missing' && GLOB.test(input)) {
      const found = await expandGlob(input);
      if (found.length === 0)
        problems.push({
          before: files.length,
          result: unreadableResult(input, 'no-reports', {
            zh: `${input}：这个模式没有匹配到报告文件（${FOUND_EXTENSIONS.join('、')}）`,
            en: `${input}: no report files (${FOUND_EXTENSIONS.join(', ')}) match this pattern`,
          }),
        });
      const source = { input, pattern: true, files: 0, named: 0 };
      for (const file of found) add(file, source);
      continue;
    }
    if (kind !== 'directory') {
      add(input);
      continue;
    }
    const unreadable: string[] = [];
    const found: Found[] = [];
    walk(input, found, new Set(), unreadable, realPath(input));
    for (const dir of unreadable)
      problems.push({ before: files.length, result: unreadableResult(dir, 'unreadable', { zh: `${dir}：无法读取这个文件夹`, en: `${dir}: this directory cannot be read` }) });
    if (found.length === 0 && unreadable.length === 0)
      problems.push({
        before: files.length,
        result: unreadableResult(input, 'no-reports', {
          zh: `${input}：这个文件夹里没有报告文件（${FOUND_EXTENSIONS.join('、')}）`,
          en: `${input}: no report files (${FOUND_EXTENSIONS.join(', ')}) in this directory`,
        }),
      });
    const source = { input, pattern: false, files: 0, named: 0 };
    for (const { path, real } of found) add(path, source, real);
  }
  return { files, problems, foundBy, readOnce };
}

/** The argument that found a file: a directory, or a pattern; `files`: how many files it added. */
export interface Source {
  input: string;
  pattern: boolean;
  files: number;
  /** Files it found that an argument before it had already given: it found those too. */
  named: number;
}

/**
 * An argument whose files all turned out to be no report, or old .xls workbooks (`oldExcel` of the
 * `skipped`): it names none that can be checked, as an empty folder does.
 */
export function noReportsAmong({ input, pattern }: Source, skipped: number, oldExcel = 0): FileResult {
  const files =
    oldExcel === skipped
      ? skipped === 1
        ? { zh: '找到的唯一一个文件是旧版 .xls 工作簿', en: 'the one file found is an old .xls workbook' }
        : { zh: `找到的 ${skipped} 个文件都是旧版 .xls 工作簿`, en: `the ${skipped} files found are old .xls workbooks` }
      : oldExcel > 0
        ? { zh: `找到的 ${skipped} 个文件不是报告，就是旧版 .xls 工作簿`, en: `the ${skipped} files found are either not reports or old .xls workbooks` }
        : skipped === 1
          ? { zh: '找到的唯一一个文件不是报告', en: 'the one file found is not a report' }
          : { zh: `找到的 ${skipped} 个文件都不是报告`, en: `the ${skipped} files found are not reports` };
  return unreadableResult(input, 'no-reports', {
    zh: `${input}：${pattern ? '这个模式匹配到的文件中' : '这个文件夹里'}没有信息公开年度报告（${files.zh}）`,
    en: `${input}: no disclosure report ${pattern ? 'among the files this pattern matches' : 'in this directory'} (${files.en})`,
  });
}

/** A glob → report inputs, in name order (the glob package is loaded only for patterns). */
async function expandGlob(pattern: string): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  const found = await glob([pattern], {
    absolute: isAbsolute(pattern),
    expandDirectories: false,
    onlyFiles: true,
    ignore: ['**/node_modules/**'],
  });
  return found.filter((file) => FOUND_EXTENSIONS.includes(extname(file).toLowerCase())).sort(byName);
}

/**
 * A directory's report inputs, recursively, in name order. Symbolic links are followed, to files
 * and to directories (a folder of links to downloaded reports); each directory is walked once
 * however many links lead to it (`walked`: their real paths), and a link to a folder that holds the
 * one walked (`top`: `..`, `/`) is not followed, so a link back up ends there rather than walking
 * the folders around it, or the whole file system; a file reached twice is taken once by
 * `expandInputs`, by its real path. A link to nothing is listed, for the reader to say so; a directory that cannot be listed
 * goes to `unreadable`. The files go to `out` (a folder may hold more than a spread can pass on),
 * each with its real path, which is what tells one file from another across arguments.
 */
function walk(dir: string, out: Found[], walked: Set<string>, unreadable: string[], top: string): void {
  let entries: Dirent[];
  let real: string;
  try {
    real = realpathSync(dir);
    if (walked.has(real) || holds(real, top)) return;
    walked.add(real);
    entries = readdirSync(dir, { withFileTypes: true }); // sync: see read/index.ts
  } catch {
    unreadable.push(dir);
    return;
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? linked(path) : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
    if (kind === 'directory') walk(path, out, walked, unreadable, top);
    else if (kind !== 'other' && FOUND_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
      out.push({ path, real: kind === 'file' && entry.isSymbolicLink() ? realpathSync(path) : join(real, entry.name) });
    }
  }
}

/** Whether folder `dir` holds folder `top` (both real paths): `/` holds every other folder, none holds itself. */
export const holds = (dir: string, top: string): boolean => dir !== top && top.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** A file a walk found: its path as found, and its real path. */
interface Found {
  path: string;
  real: string;
}

/** A file's real path (links followed); for a file that is not there, its absolute path. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** What a symbolic link leads to; `missing` when nothing. */
function linked(path: string): 'directory' | 'file' | 'other' | 'missing' {
  try {
    const target = statSync(path);
    return target.isDirectory() ? 'directory' : target.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}
