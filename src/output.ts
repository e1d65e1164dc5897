import {
  closeSync,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Why `target` may not receive the output, before any work is done: it is a folder, or it is one of
 * the inputs (an input file is never written to). Undefined when it may.
 */
export function refuseTarget(target: string, inputs: readonly string[]): string | undefined {
  let info;
  try {
    info = statSync(target);
  } catch {
    return undefined; // a new file (a missing folder is said when writing)
  }
  if (info.isDirectory()) return `${target}: is a directory; name a file to write`;
  for (const input of inputs) {
    try {
      const other = statSync(input);
      if (other.dev === info.dev && other.ino === info.ino) return `${target}: is one of the reports read; an input is never overwritten`;
    } catch {
      // an input that cannot be read is reported as such
    }
  }
  return undefined;
}

/** A failed write in words: `out/report.json: no such folder`. */
export function writeFailure(target: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'no such folder'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : code === 'EEXIST' ? 'already exists; not overwritten (use --force to replace it)'
    : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'ELOOP' ? 'a loop of symbolic links'
    : `cannot be written (${code ?? (error as Error).message})`;
  return `${target}: ${why}`;
}

/** The longest file name most file systems take, in bytes (ext4, XFS, btrfs, APFS: NAME_MAX). */
const NAME_MAX = 255;

/**
 * The temporary file beside `file`: `.NAME.PID.tmp`, its name cut to NAME_MAX bytes (a name of 250
 * bytes is a valid output) at a character's boundary (names can be Chinese).
 */
function temporaryFor(file: string): string {
  const suffix = `.${process.pid}.tmp`;
  const name = Buffer.from(basename(file));
  let keep = Math.min(name.length, NAME_MAX - 1 - suffix.length);
  while (keep > 0 && keep < name.length && (name[keep]! & 0xc0) === 0x80) keep--; // inside a UTF-8 character
  return join(dirname(file), `.${name.subarray(0, keep).toString()}${suffix}`);
}

/** Symbolic links followed before giving up, as Linux does. */
const MAX_LINKS = 40;

/**
 * The file that `file` names: the end of its chain of symbolic links, or `file` itself. That file is
 * replaced, the links are left as they are; a dangling link is written where it points.
 */
function followLinks(file: string): string {
  let path = file;
  for (let links = 0; ; links++) {
    let info;
    try {
      info = lstatSync(path);
    } catch {
      return path; // a new file (a missing folder is said when writing)
    }
    if (!info.isSymbolicLink()) return path;
    if (links === MAX_LINKS) throw Object.assign(new Error(`${file}: too many symbolic links`), { code: 'ELOOP' });
    // From the link's real folder, as the system resolves it (`..` in a linked folder).
    path = resolve(realpathSync.native(dirname(path)), readlinkSync(path));
  }
}

/**
 * Writes a file whole or not at all: a temporary file beside it, then an atomic rename. A symbolic
 * link is followed: the file it names is written, beside it, and the link stays.
 */
export function writeWhole(target: string, text: string, options: { exclusive?: boolean } = {}): void {
  const file = followLinks(target);
  const temporary = temporaryFor(file);
  try {
    // Synchronous: one small file, and node:fs/promises costs every start ~1 ms to load.
    writeFileSync(temporary, text, { flag: 'wx' });
    if (options.exclusive) {
      linkSync(temporary, file); // fails if the file exists: never overwrites
      rmSync(temporary);
    } else renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** An output written piece by piece, still whole or not at all: a temporary file until `commit`. */
export interface WholeWriter {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

export function openWhole(target: string): WholeWriter {
  const file = followLinks(target);
  const temporary = temporaryFor(file);
  const fd = openSync(temporary, 'wx');
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (text) => void writeSync(fd, text),
    commit() {
      close();
      renameSync(temporary, file);
    },
    abort() {
      close();
      rmSync(temporary, { force: true });
    },
  };
}

/**
 * Writes to a file descriptor (1 = stdout) synchronously and whole. Not `process.stdout`: creating
 * that stream loads Node's net and stream modules, a few ms of every start. A reader that went
 * away (`| head`) ends the writing quietly.
 */
export function writeFd(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // a non-blocking pipe is full: wait 1 ms
    }
  }
}

/** Whether a file descriptor is a terminal, without loading the tty module for pipes and files. */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
    const { isatty } = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
    return isatty(fd);
  } catch {
    return false;
  }
}
