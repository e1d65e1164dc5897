import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { Text } from './tables/index.js';

/**
 * Why `target` may not receive the output, before any work is done: it is a folder, or it is one of
 * the inputs (an input file is never written to). Undefined when it may.
 */
export function refuseTarget(target: string, inputs: readonly string[]): Text | undefined {
  let info;
  try {
    info = statSync(target);
  } catch {
    return undefined; // a new file (a missing folder is said when writing)
  }
  if (info.isDirectory()) return { zh: `${target}：是一个文件夹；请给出要写入的文件名`, en: `${target}: is a directory; name a file to write` };
  for (const input of inputs) {
    try {
      const other = statSync(input);
      if (other.dev === info.dev && other.ino === info.ino)
        return { zh: `${target}：是要读取的报告之一；输入文件从不被覆盖`, en: `${target}: is one of the reports read; an input is never overwritten` };
    } catch {
      // an input that cannot be read is reported as such
    }
  }
  return undefined;
}

/**
 * A failed write in words: `out/report.json: no such folder`. A file is written whole through a
 * temporary file beside it: when that one cannot be made or renamed, it is its folder that refuses.
 */
export function writeFailure(target: string, error: unknown): Text {
  const { code, path } = error as NodeJS.ErrnoException;
  const temporary = path !== undefined && TEMPORARY.test(basename(path));
  const [zh, en] =
    code === 'ENOENT' ? ['没有这个文件夹', 'no such folder']
    : (code === 'EACCES' || code === 'EPERM') && temporary
      ? [`所在的文件夹 ${dirname(path!)} 不可写（文件整体写入：先在那里新建一个文件，再改名）`, `its folder ${dirname(path!)} is not writable (the file is written whole: a new file made there, then renamed)`]
    : code === 'EACCES' || code === 'EPERM' ? ['没有写入权限', 'permission denied']
    : code === 'EROFS' ? ['在只读的文件系统上', 'on a read-only file system']
    : code === 'ENOTDIR'
      ? /[\\/]$/.test(target)
        ? ['以 / 结尾，指的是文件夹，而没有这个文件夹；请给出要写入的文件名', 'names a folder (it ends with /), and there is no such folder; name a file to write']
        : ['路径中有一段是文件，不是文件夹', 'a part of its path is a file, not a folder']
    : code === 'EBADF'
      ? ['不是这次运行可以写入的文件（/dev/fd/N 中只写 /dev/stdout 和 /dev/stderr，即 1 和 2）', 'not a file this run was given to write to (of /dev/fd/N only /dev/stdout and /dev/stderr, 1 and 2, are written)']
    : code === 'ENAMETOOLONG' ? ['名字太长，文件系统不接受', 'the name is too long for the file system']
    : code === 'EISDIR' ? ['是一个文件夹', 'is a directory']
    : code === 'EEXIST' ? ['已存在，未覆盖（要替换请加 --force）', 'already exists; not overwritten (use --force to replace it)']
    : code === 'ENOSPC' ? ['设备上没有剩余空间', 'no space left on the device']
    : code === 'EFBIG' ? ['超过了文件大小的上限', 'larger than the file size limit']
    : code === 'ELOOP' ? ['符号链接成环', 'a loop of symbolic links']
    : code === 'ENXIO' ? ['是不存在的套接字或设备，无法打开写入', 'a socket or a device that is not there; cannot be opened to write']
    : [`无法写入（${code ?? (error as Error).message}）`, `cannot be written (${code ?? (error as Error).message})`];
  return { zh: `${target}：${zh}`, en: `${target}: ${en}` };
}

/** The name `temporaryFor` gives. */
const TEMPORARY = /^\..*\.\d+\.[0-9a-z]{6}\.tmp$/;

/** The longest file name most file systems take, in bytes (ext4, XFS, btrfs, APFS: NAME_MAX). */
const NAME_MAX = 255;

/**
 * The temporary file beside `file`: `.NAME.PID.RANDOM.tmp`, its name cut to NAME_MAX bytes (a name
 * of 250 bytes is a valid output) at a character's boundary (names can be Chinese). The random part
 * keeps it apart from one left by a killed run whose process id this one has been given since, and
 * from a run in another PID namespace (a container writing to the same folder) with the same id;
 * the exclusive create that follows refuses the rare name that is still taken.
 */
function temporaryFor(file: string): string {
  const suffix = `.${process.pid}.${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}.tmp`;
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
    if (/^\d+$/.test(name) && new RegExp(`^/proc/${process.pid}(?:/task/\\d+)?/fd$`).test(folder)) {
      // stdin, stdout, stderr: what the shell gave (`-o /dev/stdout >> log`). Any other number is
      // one of Node's own descriptors, never to be written into.
      if (Number(name) > 2) throw Object.assign(new Error(`${target}: not a file given to this process`), { code: 'EBADF' });
      return { fd: Number(name) };
    }
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
function writeAll(fd: number, text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

/**
 * The named temporary files that exist. SIGINT and SIGTERM are listened to only while there is one
 * (a run that writes no file does not pay for it): each is made and renamed in one synchronous
 * stretch, which a listener cannot interrupt, so a signal that comes then is taken once the file is
 * whole and renamed (or removed), and the run still ends as the signal says. Without a listener a
 * signal ends the run at once, as it always did; `openWhole` keeps its temporary file nameless
 * until `commit`, so that leaves nothing behind.
 */
const temporaries = new Set<string>();
let listening = false;

function removeTemporaries(signal: NodeJS.Signals): void {
  for (const temporary of temporaries) rmSync(temporary, { force: true });
  temporaries.clear();
  unlisten();
  process.kill(process.pid, signal); // ends the run as the signal does (a shell says 130 or 143)
  process.exit(signal === 'SIGINT' ? 130 : 143); // in case it was not delivered at once
}

function unlisten(): void {
  process.off('SIGINT', removeTemporaries);
  process.off('SIGTERM', removeTemporaries);
  listening = false;
}

function keep(temporary: string): void {
  temporaries.add(temporary);
  if (listening) return;
  process.on('SIGINT', removeTemporaries);
  process.on('SIGTERM', removeTemporaries);
  listening = true;
}

function forget(temporary: string): void {
  temporaries.delete(temporary);
  if (temporaries.size > 0) return;
  // Not at once: a signal that came during the synchronous stretch waits for the event loop, and
  // would be lost with its listener. Two turns on, it has been taken.
  setImmediate(() => setImmediate(() => temporaries.size === 0 && listening && unlisten()));
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
  keep(temporary);
  try {
    // Synchronous: one small file, and node:fs/promises costs every start ~1 ms to load.
    const fd = openSync(temporary, 'wx', creationMode(file));
    try {
      writeAll(fd, text);
      seal(fd, file);
    } finally {
      closeSync(fd);
    }
    if (options.exclusive) {
      linkSync(temporary, file); // fails if the file exists: never overwrites
      rmSync(temporary);
    } else renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    forget(temporary);
  }
}

/**
 * An output written piece by piece, still whole or not at all (straight to a device, a pipe or an
 * open file of this process, as `writeWhole`).
 */
export interface WholeWriter {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

/**
 * The output goes to a temporary file that has no name until `commit`: made beside the target and
 * unlinked at once. A run that ends before (SIGINT, SIGTERM, even SIGKILL) leaves nothing behind,
 * and a signal ends the run at once, as it always did. A listener would not do: it runs only when
 * the event loop turns, which a batch checked synchronously does not do, and turning it now and then
 * lets V8 run incremental marking (measured on 3,000 reports: three times the garbage collection,
 * 12% more CPU). `commit` copies the output into `.NAME.PID.RANDOM.tmp`, renamed over the target. On
 * Windows, where removing the name of an open file is not dependable, it keeps its name as before.
 */
export function openWhole(target: string): WholeWriter {
  const to = openStraight(destinationOf(target));
  if ('fd' in to) return { write: (text) => writeFd(to.fd, text), commit: to.close, abort: to.close };
  const { file } = to;
  const temporary = temporaryFor(file);
  const fd = openSync(temporary, 'wx+', creationMode(file));
  const nameless = process.platform !== 'win32';
  if (nameless) rmSync(temporary);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (text) => writeAll(fd, text),
    commit() {
      keep(temporary);
      try {
        if (nameless) copyInto(fd, temporary, file);
        else seal(fd, file);
        close();
        renameSync(temporary, file); // failing, the temporary file is removed by `abort`
      } finally {
        forget(temporary);
      }
    },
    abort() {
      close();
      rmSync(temporary, { force: true });
    },
  };
}

/**
 * A temporary file's last step before it takes the name of `target`: the permissions of the file
 * it replaces (`modeOf`), and its bytes to the disk, so that a crash or a power cut leaves the old
 * file or the new one whole, never a named empty one. A file system that cannot sync (EINVAL,
 * ENOTSUP) keeps what the rename alone gives.
 */
function seal(fd: number, target: string): void {
  modeOf(target, fd);
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP') throw error;
  }
}

/** Bytes copied at a time by `commit`. */
const COPY_BUFFER = 64 << 10;

/**
 * A file that replaces another keeps that one's permissions (a report kept private stays private):
 * its temporary file is made readable by its owner only, never readable by others while it is
 * written, and gets them just before it takes the name. A new file gets what any new file in its
 * folder gets (the umask, a default ACL). The owner is the user who runs the check.
 */
const creationMode = (target: string): number => (statOrUndefined(target)?.isFile() ? 0o600 : 0o666);

function modeOf(replaced: string, fd: number): void {
  const before = statOrUndefined(replaced);
  if (!before?.isFile()) return;
  try {
    // (never set-user-ID, set-group-ID or sticky: the file now belongs to whoever runs the check)
    fchmodSync(fd, before.mode & 0o777);
  } catch {
    // a file system that keeps no permissions (some network or FUSE mounts): it stays private
  }
}

/** Copies the file open as `fd`, from its start, into a new file `path` that is to replace `replaced`. */
function copyInto(fd: number, path: string, replaced: string): void {
  const copy = openSync(path, 'wx', creationMode(replaced));
  try {
    const buffer = Buffer.allocUnsafe(COPY_BUFFER);
    for (let position = 0, read; (read = readSync(fd, buffer, 0, buffer.length, position)) > 0; position += read)
      writeAll(copy, buffer.subarray(0, read));
    seal(copy, replaced);
  } finally {
    closeSync(copy);
  }
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

/**
 * Whether a file descriptor is a terminal, without loading the tty module (~3.5 ms of a start, for
 * the streams it sets up) for pipes, files and, on Linux, `/dev/null`: a character device, but one
 * of the memory devices (major number 1: null, zero, full, random), which are never a terminal.
 */
export function isTerminal(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    if (!info.isCharacterDevice() || (process.platform === 'linux' && isMemoryDevice(info.rdev))) return false;
    const { isatty } = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
    return isatty(fd);
  } catch {
    return false;
  }
}

/** Whether a Linux device number's major (glibc's `gnu_dev_major`, for numbers below 2³²) is 1, the memory devices'. */
const isMemoryDevice = (rdev: number): boolean => rdev < 2 ** 32 && ((rdev >>> 8) & 0xfff) === 1;
