import {
  closeSync,
  constants,
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
    : code === 'EFBIG' ? 'larger than the file size limit'
    : code === 'ELOOP' ? 'a loop of symbolic links'
    : code === 'ENXIO' ? 'a socket or a device that is not there; cannot be opened to write'
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
 * What an output's name leads to. A regular file, existing or new, is written whole: a temporary
 * file beside it, renamed over it. Anything else that exists (a device such as /dev/null, a named
 * pipe, a socket) is written straight to, never replaced; so is one of this process's own open
 * files (/dev/stdout, /dev/fd/2), at its offset, as the shell would write to it.
 */
type Destination = { file: string } | { device: string } | { fd: number };

/**
 * Where `target` leads: to the end of its chain of symbolic links, whose file is written while the
 * links are left as they are; a dangling link is written where it points.
 */
function destinationOf(target: string): Destination {
  let path = target;
  for (let links = 0; ; links++) {
    let info;
    try {
      info = lstatSync(path);
    } catch {
      // A new file (a missing folder is said when writing), unless the system reaches a device
      // where the links cannot be read as names (/proc/PID/fd/1 -> pipe:[1234]).
      const reached = statOrUndefined(target);
      return reached && !reached.isFile() && !reached.isDirectory() ? { device: target } : { file: path };
    }
    if (!info.isSymbolicLink()) return info.isFile() || info.isDirectory() ? { file: path } : { device: path };
    if (links === MAX_LINKS) throw Object.assign(new Error(`${target}: too many symbolic links`), { code: 'ELOOP' });
    // From the link's real folder, as the system resolves it (`..` in a linked folder).
    const folder = realpathSync.native(dirname(path));
    const name = basename(path);
    if (/^\d+$/.test(name) && new RegExp(`^/proc/${process.pid}(?:/task/\\d+)?/fd$`).test(folder)) return { fd: Number(name) };
    path = resolve(folder, readlinkSync(path));
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A destination opened to write straight to (a device, a pipe: `close` closes it; an open file of
 * this process: `close` leaves it open), or the regular file to write whole. A pipe waits for its
 * reader, as `> pipe` does in a shell.
 */
function openStraight(destination: Destination): { fd: number; close(): void } | { file: string } {
  if ('fd' in destination) return { fd: destination.fd, close() {} };
  if ('file' in destination) return destination;
  const fd = openSync(destination.device, constants.O_WRONLY | constants.O_NOCTTY);
  if (fstatSync(fd).isFile()) {
    closeSync(fd); // replaced by a regular file since it was looked at: that is written whole
    return { file: destination.device };
  }
  let open = true;
  return {
    fd,
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Writes all of `text` to a file (a short write is continued), any error thrown. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

/**
 * Writes an output whole or not at all: a temporary file beside it, then an atomic rename. A symbolic
 * link is followed: the file it names is written, beside it, and the link stays. A device, a pipe or
 * an open file of this process is written straight to; `exclusive` refuses it, as it refuses any
 * file that exists.
 */
export function writeWhole(target: string, text: string, options: { exclusive?: boolean } = {}): void {
  const destination = destinationOf(target);
  if (options.exclusive && !('file' in destination)) throw Object.assign(new Error(`${target}: exists`), { code: 'EEXIST' });
  const to = openStraight(destination);
  if ('fd' in to) {
    try {
      writeFd(to.fd, text);
    } finally {
      to.close();
    }
    return;
  }
  const { file } = to;
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

/**
 * An output written piece by piece, still whole or not at all: a temporary file until `commit`
 * (straight to a device, a pipe or an open file of this process, as `writeWhole`).
 */
export interface WholeWriter {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

export function openWhole(target: string): WholeWriter {
  const to = openStraight(destinationOf(target));
  if ('fd' in to) return { write: (text) => writeFd(to.fd, text), commit: to.close, abort: to.close };
  const { file } = to;
  const temporary = temporaryFor(file);
  const fd = openSync(temporary, 'wx');
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (text) => writeAll(fd, text),
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
