/**
 * `-o FILE` (and the files `convert` and `init` write), through the built CLI: what is written
 * where, and that nothing but the output is left behind. "The tool never modifies an input file;
 * any file it writes is written whole or not at all."
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTerminal } from '../src/output.js';
import { BIN, cli, fixture, ROOT, SEED_CSV, tempDir } from './helpers/cli.js';

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

describe('a temporary file left by a killed run', () => {
  it('does not stop a run that has been given that run\'s process id, and is left alone', async () => {
    const { writeWhole, openWhole } = await import('../src/output.js');
    const dir = tempDir('stale');
    for (const [name, write] of [
      ['whole.json', (file: string) => writeWhole(file, 'whole\n')],
      ['streamed.json', (file: string) => {
        const out = openWhole(file);
        out.write('streamed\n');
        out.commit();
      }],
    ] as const) {
      writeFileSync(join(dir, `.${name}.${process.pid}.tmp`), 'stale');
      write(join(dir, name));
      expect(readFileSync(join(dir, name), 'utf8')).toBe(`${name.replace('.json', '')}\n`);
    }
    expect(readdirSync(dir).sort()).toEqual([`.streamed.json.${process.pid}.tmp`, `.whole.json.${process.pid}.tmp`, 'streamed.json', 'whole.json']);
  });
});

describe('a write that fails', () => {
  it('is one line, exit 2, and leaves no file (ulimit -f 0: every write fails)', () => {
    const dir = tempDir('fails');
    const limited = (args: string[]) => {
      const run = spawnSync('sh', ['-c', 'ulimit -f 0 && exec "$@"', 'sh', process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8' });
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    for (const args of [[SEED_CSV, '-f', 'json', '-o', 'out.json'], ['convert', SEED_CSV, '--to', 'json', '-o', 'out.json']])
      expect(limited(args)).toEqual({ status: 2, stdout: '', stderr: 'disclosure-check: out.json: larger than the file size limit\n' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says why in words, never a bare error code: one line naming the file, exit 2', () => {
    const dir = tempDir('why');
    const said = (args: string[], env: Record<string, string> = {}) => {
      const run = cli(args, { cwd: dir, env });
      expect(run.stderr).not.toMatch(/\(E[A-Z]+\)|\n.*\n/); // no (ENOTDIR), no stack
      return [run.status, run.stderr];
    };
    expect(said([SEED_CSV, '-o', 'newdir/'])).toEqual([2, 'disclosure-check: newdir/: names a folder (it ends with /), and there is no such folder; name a file to write\n']);
    expect(said([SEED_CSV, '-o', `${SEED_CSV}/out.txt`])).toEqual([2, `disclosure-check: ${SEED_CSV}/out.txt: a part of its path is a file, not a folder\n`]);
    const long = 'a'.repeat(300);
    expect(said([SEED_CSV, '-o', long])).toEqual([2, `disclosure-check: ${long}: the name is too long for the file system\n`]);
    expect(said([SEED_CSV, '-f', 'github'], { GITHUB_STEP_SUMMARY: join(dir, 'nope', 'summary.md') })).toEqual([
      2,
      `disclosure-check: ${join(dir, 'nope', 'summary.md')} ($GITHUB_STEP_SUMMARY): no such folder; the step summary is not written\n`,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says it in the language of --lang, as every other problem with a file', () => {
    const dir = tempDir('why-zh');
    const said = (args: string[], env: Record<string, string> = {}) => {
      const run = cli([...args, '--lang', 'zh'], { cwd: dir, env });
      return [run.status, run.stderr];
    };
    expect(said([SEED_CSV, '-o', 'newdir/out.json'])).toEqual([2, 'disclosure-check: newdir/out.json：没有这个文件夹\n']);
    expect(said([SEED_CSV, '-o', '.'])).toEqual([2, 'disclosure-check: .：是一个文件夹；请给出要写入的文件名\n']);
    expect(said([SEED_CSV, '-o', SEED_CSV])).toEqual([2, `disclosure-check: ${SEED_CSV}：是要读取的报告之一；输入文件从不被覆盖\n`]);
    expect(said(['convert', SEED_CSV, '--to', 'json', '-o', 'out.txt'])).toEqual([2, 'disclosure-check: out.txt：JSON 文件应以 .json 结尾，而不是 .txt\n']);
    expect(said([SEED_CSV, '-o', 'newdir/'])).toEqual([2, 'disclosure-check: newdir/：以 / 结尾，指的是文件夹，而没有这个文件夹；请给出要写入的文件名\n']);
    expect(said([SEED_CSV, '-f', 'github'], { GITHUB_STEP_SUMMARY: join(dir, 'nope', 'summary.md') })).toEqual([
      2,
      `disclosure-check: ${join(dir, 'nope', 'summary.md')} ($GITHUB_STEP_SUMMARY)：没有这个文件夹；步骤摘要没有写入\n`,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a writable file in a folder that is not: the folder is named as what refuses', () => {
    const dir = tempDir('ro');
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'ro'));
    writeFileSync(join(dir, 'ro', 'out.txt'), 'before\n');
    chmodSync(join(dir, 'ro', 'out.txt'), 0o666);
    chmodSync(join(dir, 'ro'), 0o555);
    // root writes anywhere: run as nobody then
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, [BIN, SEED_CSV, '-o', 'ro/out.txt'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' }, ...asNobody });
    chmodSync(join(dir, 'ro'), 0o755);
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'disclosure-check: ro/out.txt: its folder ro is not writable (the file is written whole: a new file made there, then renamed)\n']);
    expect(readFileSync(join(dir, 'ro', 'out.txt'), 'utf8')).toBe('before\n');
  });
});

describe('a run with -o that is interrupted leaves nothing behind', () => {
  // A batch that takes a while to check (hundreds of ms), with an output of megabytes.
  const dir = tempDir('interrupted');
  mkdirSync(join(dir, 'reports'));
  for (let i = 0; i < 1500; i++) copyFileSync(i % 2 ? SEED_CSV : fixture('broken/results-total.csv'), join(dir, `reports/${String(i).padStart(4, '0')}.csv`));

  it('written whole, -o is what stdout is, byte for byte (over a megabyte of it)', () => {
    const stdout = openSync(join(dir, 'stdout.json'), 'w');
    const some = 'reports/0[0-2]*.csv'; // 300 of them
    const toStdout = spawnSync(process.execPath, [BIN, some, '-f', 'json'], { cwd: dir, stdio: ['ignore', stdout, 'pipe'] });
    closeSync(stdout);
    expect(toStdout.status).toBe(1);
    expect(cli([some, '-f', 'json', '-o', 'out.json'], { cwd: dir })).toEqual({ status: 1, stdout: '', stderr: '' });
    const written = readFileSync(join(dir, 'out.json'));
    expect(written.length).toBeGreaterThan(16 * (64 << 10)); // many times what commit copies at a time
    expect(written.equals(readFileSync(join(dir, 'stdout.json')))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'reports', 'stdout.json']);
  });

  /**
   * The CLI writing -o into a folder of its own, sent `signal` while it checks the batch: once its
   * temporary file has been made and has lost its name again (long before the batch is checked).
   * How it ended, and what the folder holds then.
   */
  async function interrupted(signal: NodeJS.Signals, jobs: string) {
    const out = tempDir('interrupted-out');
    const child = spawn(process.execPath, [BIN, join(dir, 'reports'), '-f', 'json', '-j', jobs, '-o', join(out, 'out.json')], { stdio: 'ignore' });
    // (the process that writes it: this one, or the second one a batch of 1,500 runs in, src/rerun.ts)
    const temporary = /^\.out\.json\.\d+\.[0-9a-z]{6}\.tmp$/;
    const watcher = watch(out, (_, name) => {
      if (name && temporary.test(name) && !readdirSync(out).includes(name)) child.kill(signal);
    });
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, by) => done({ code, signal: by })));
    watcher.close();
    return { ...ended, left: readdirSync(out) };
  }

  for (const [signal, jobs] of [['SIGINT', '1'], ['SIGTERM', '1'], ['SIGKILL', '1'], ['SIGTERM', '2']] as const)
    it(`${signal}${jobs === '1' ? '' : ` with ${jobs} threads`}: the run ends as the signal says (a shell shows ${signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 137}), no output and no temporary file`, async () => {
      expect(await interrupted(signal, jobs)).toEqual({ code: null, signal, left: [] });
    });
});

describe('a file written over another keeps its permissions', () => {
  it('-o (checked results, written piece by piece), convert -o and init --force (written at once): 0600 stays 0600; a new file gets the umask\'s', () => {
    const dir = tempDir('mode');
    const mode = (name: string) => statSync(join(dir, name)).mode & 0o7777;
    for (const name of ['checked.json', 'converted.json', 'blank.csv']) {
      writeFileSync(join(dir, name), 'last year’s\n');
      chmodSync(join(dir, name), 0o600);
    }
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'checked.json'], { cwd: dir }).status).toBe(0);
    expect(cli(['convert', SEED_CSV, '--to', 'json', '-o', 'converted.json'], { cwd: dir }).status).toBe(0);
    expect(cli(['init', 'blank.csv', '--force'], { cwd: dir }).status).toBe(0);
    expect([mode('checked.json'), mode('converted.json'), mode('blank.csv')]).toEqual([0o600, 0o600, 0o600]);
    expect(readFileSync(join(dir, 'checked.json'), 'utf8')).toContain('"passed": 1');
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'new.json'], { cwd: dir }).status).toBe(0);
    expect(mode('new.json')).toBe(0o666 & ~process.umask());
    // never set-user-ID, set-group-ID or sticky: the file now belongs to whoever ran the check
    writeFileSync(join(dir, 'odd.json'), '');
    chmodSync(join(dir, 'odd.json'), 0o7755);
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'odd.json'], { cwd: dir }).status).toBe(0);
    expect(statSync(join(dir, 'odd.json')).mode & 0o7777).toBe(0o755);
  });
});

describe('-o at a symbolic link writes the file it names, and leaves the link', () => {
  /** The folder's entries, each a file's text or a link's target: what a run left there. */
  const contents = (dir: string): Record<string, string> =>
    Object.fromEntries(
      readdirSync(dir).map((name) => {
        const path = join(dir, name);
        const info = lstatSync(path);
        return [name, info.isSymbolicLink() ? `-> ${readlinkSync(path)}` : info.isDirectory() ? 'folder' : readFileSync(path, 'utf8')];
      }),
    );

  it('a link to a file: the file is replaced whole, the link stays', () => {
    const dir = tempDir('link');
    writeFileSync(join(dir, 'target.txt'), 'last year’s output\n');
    symlinkSync('target.txt', join(dir, 'link.json'));
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'link.json'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(contents(dir)).toEqual({ 'link.json': '-> target.txt', 'target.txt': SEED_REPORT });
  });

  it('a chain of links to another folder: the temporary file is made there, beside the file written', () => {
    const dir = tempDir('link');
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports/current.json'), 'old\n');
    symlinkSync('../reports/current.json', join(dir, 'out/latest.json'));
    symlinkSync('out/latest.json', join(dir, 'report.json'));
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'report.json'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(contents(dir)).toEqual({ 'report.json': '-> out/latest.json', out: 'folder', reports: 'folder' });
    expect(contents(join(dir, 'out'))).toEqual({ 'latest.json': '-> ../reports/current.json' });
    expect(contents(join(dir, 'reports'))).toEqual({ 'current.json': SEED_REPORT });
  });

  it('a link through a linked folder resolves `..` from the folder it really is in', () => {
    const dir = tempDir('link');
    mkdirSync(join(dir, 'real/sub'), { recursive: true });
    symlinkSync('real/sub', join(dir, 'alias'));
    symlinkSync('../report.json', join(dir, 'real/sub/up.json')); // real/report.json, not report.json
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'alias/up.json'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(contents(join(dir, 'real'))).toEqual({ 'report.json': SEED_REPORT, sub: 'folder' });
    expect(contents(dir)).toEqual({ alias: '-> real/sub', real: 'folder' });
  });

  it('a dangling link: the file is made where it points, or "no such folder" when that folder is missing', () => {
    const dir = tempDir('link');
    symlinkSync('made.json', join(dir, 'dangling.json'));
    symlinkSync('missing/made.json', join(dir, 'nowhere.json'));
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'dangling.json'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'nowhere.json'], { cwd: dir })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'disclosure-check: nowhere.json: no such folder\n',
    });
    expect(contents(dir)).toEqual({ 'dangling.json': '-> made.json', 'made.json': SEED_REPORT, 'nowhere.json': '-> missing/made.json' });
  });

  it('convert and init write through a link too; init without --force leaves an existing file alone', () => {
    const dir = tempDir('link');
    writeFileSync(join(dir, 'kept.csv'), 'mine\n');
    symlinkSync('kept.csv', join(dir, 'template.csv'));
    symlinkSync('converted.json', join(dir, 'link.json'));
    expect(cli(['init', 'template.csv'], { cwd: dir })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'disclosure-check: template.csv: already exists; not overwritten (use --force to replace it)\n',
    });
    expect(cli(['init', 'template.csv', '--force'], { cwd: dir })).toMatchObject({ status: 0, stderr: '' });
    expect(cli(['convert', SEED_CSV, '--to', 'json', '-o', 'link.json'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(contents(dir)).toEqual({
      'template.csv': '-> kept.csv',
      'kept.csv': cli(['init', '-']).stdout,
      'link.json': '-> converted.json',
      'converted.json': cli(['convert', SEED_CSV, '--to', 'json']).stdout,
    });
  });

  it('a link to a report read is refused, and the report left as it was', () => {
    const dir = tempDir('link');
    writeFileSync(join(dir, 'in.csv'), readFileSync(SEED_CSV));
    symlinkSync('in.csv', join(dir, 'out.csv'));
    for (const args of [['in.csv', '-o', 'out.csv'], ['convert', 'in.csv', '--to', 'csv', '-o', 'out.csv']])
      expect(cli(args, { cwd: dir })).toEqual({
        status: 2,
        stdout: '',
        stderr: 'disclosure-check: out.csv: is one of the reports read; an input is never overwritten\n',
      });
    expect(contents(dir)).toEqual({ 'in.csv': readFileSync(SEED_CSV, 'utf8'), 'out.csv': '-> in.csv' });
  });

  it('a loop of links: one line, exit 2, nothing written', () => {
    const dir = tempDir('link');
    symlinkSync('b.json', join(dir, 'a.json'));
    symlinkSync('a.json', join(dir, 'b.json'));
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'a.json'], { cwd: dir })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'disclosure-check: a.json: a loop of symbolic links\n',
    });
    expect(contents(dir)).toEqual({ 'a.json': '-> b.json', 'b.json': '-> a.json' });
  });
});

describe('-o at a device, a named pipe or an open file is written straight to, never replaced', () => {
  const readers: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const reader of readers.splice(0)) reader.kill(); // a reader left waiting when a run failed
  });

  /** A named pipe, and a child process reading it: what it read, once the writer has closed it. */
  function pipeRead(path: string): Promise<string> {
    execFileSync('mkfifo', [path]);
    const reader = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
    readers.push(reader);
    let text = '';
    reader.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    return new Promise((done) => reader.on('close', () => done(text)));
  }

  /** What the folder holds: each entry's kind, so that a device replaced by a file shows. */
  const kinds = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir).map((name) => {
        const info = lstatSync(join(dir, name));
        const kind = info.isFIFO() ? 'pipe' : info.isCharacterDevice() ? `device ${info.rdev}` : info.isSymbolicLink() ? 'link' : info.isSocket() ? 'socket' : 'file';
        return [name, kind];
      }),
    );

  it('a named pipe: the report goes to its reader; check, convert and init --force', async () => {
    const dir = tempDir('pipe');
    const cases: [string, string[], string][] = [
      ['report.json', [SEED_CSV, '-f', 'json', '-o', 'report.json'], SEED_REPORT],
      ['converted.json', ['convert', SEED_CSV, '--to', 'json', '-o', 'converted.json'], cli(['convert', SEED_CSV, '--to', 'json']).stdout],
      ['template.csv', ['init', '--force', 'template.csv'], cli(['init', '-']).stdout],
    ];
    for (const [name, args, expected] of cases) {
      const read = pipeRead(join(dir, name));
      const run = cli(args, { cwd: dir });
      expect(run).toMatchObject({ status: 0, stderr: '' });
      expect(await read).toBe(expected);
    }
    expect(kinds(dir)).toEqual({ 'report.json': 'pipe', 'converted.json': 'pipe', 'template.csv': 'pipe' });
    // init without --force leaves a pipe alone, as it leaves a file (and does not wait for a reader)
    expect(cli(['init', 'template.csv'], { cwd: dir })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'disclosure-check: template.csv: already exists; not overwritten (use --force to replace it)\n',
    });
  });

  it('a character device (a null device made with mknod; a named pipe and its reader where mknod is not permitted)', async () => {
    const dir = tempDir('device');
    const device = join(dir, 'null.json');
    let read: Promise<string> | undefined;
    try {
      execFileSync('mknod', [device, 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      read = pipeRead(device); // not root: mknod is refused
    }
    const before = kinds(dir);
    expect(before['null.json']).toMatch(/^(device \d+|pipe)$/);
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'null.json'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    if (read) expect(await read).toBe(SEED_REPORT);
    expect(kinds(dir)).toEqual(before);
  });

  it('a socket cannot be opened to write: one line, exit 2, the socket left', async () => {
    const dir = tempDir('socket');
    const server = createServer();
    await new Promise<void>((listening) => server.listen(join(dir, 'report.json'), listening));
    try {
      expect(cli([SEED_CSV, '-f', 'json', '-o', 'report.json'], { cwd: dir })).toEqual({
        status: 2,
        stdout: '',
        stderr: 'disclosure-check: report.json: a socket or a device that is not there; cannot be opened to write\n',
      });
      expect(kinds(dir)).toEqual({ 'report.json': 'socket' });
    } finally {
      server.close();
    }
  });

  it('/dev/fd/N (/dev/stdout, /dev/stderr) is the open file itself: a pipe, or a file appended to as the shell opened it', () => {
    const dir = tempDir('fd');
    symlinkSync('/dev/fd/1', join(dir, 'stdout.json'));
    symlinkSync('/dev/fd/2', join(dir, 'stderr.json'));
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'stdout.json'], { cwd: dir })).toEqual({ status: 0, stdout: SEED_REPORT, stderr: '' });
    expect(cli([SEED_CSV, '-f', 'json', '-o', 'stderr.json'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: SEED_REPORT });
    // `>> log`: what the log held is kept, the report is added after it
    writeFileSync(join(dir, 'log'), 'before\n');
    const log = openSync(join(dir, 'log'), 'a');
    const run = spawnSync(process.execPath, [BIN, SEED_CSV, '-f', 'json', '-o', 'stdout.json'], { cwd: dir, stdio: ['ignore', log, 'pipe'], encoding: 'utf8' });
    closeSync(log);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe(`before\n${SEED_REPORT}`);
    expect(kinds(dir)).toEqual({ 'stdout.json': 'link', 'stderr.json': 'link', log: 'file' });
  });

  it('/dev/fd/N beyond stderr is one of Node\'s own descriptors: refused in one line, never written into', () => {
    for (const n of [3, 5, 7, 12]) {
      const run = cli([SEED_CSV, '-o', `/dev/fd/${n}`]);
      expect([run.status, run.stdout, run.stderr]).toEqual([
        2,
        '',
        `disclosure-check: /dev/fd/${n}: not a file this run was given to write to (of /dev/fd/N only /dev/stdout and /dev/stderr, 1 and 2, are written)\n`,
      ]);
    }
  });
});

describe('whether output goes to a terminal (colours, the progress bar)', () => {
  it('/dev/null is a character device but no terminal; a pipe and a file are not either', () => {
    const fd = openSync('/dev/null', 'w');
    try {
      expect(isTerminal(fd)).toBe(false);
    } finally {
      closeSync(fd);
    }
    const file = join(tempDir('tty'), 'out.txt');
    const out = openSync(file, 'w');
    try {
      expect(isTerminal(out)).toBe(false);
    } finally {
      closeSync(out);
    }
  });

  it('a pseudo-terminal is one: stylish colours its verdict there', () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${JSON.stringify(SEED_CSV)}`;
    const { NO_COLOR: _no, FORCE_COLOR: _force, ...env } = process.env;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/\x1b\[\d+m✔/);
  });

  it('a batch whose report goes to /dev/null shows its progress bar on a terminal; one streaming to the terminal does not', () => {
    const dir = tempDir('bar');
    for (let i = 0; i < 25; i++) copyFileSync(SEED_CSV, join(dir, `r${String(i).padStart(2, '0')}.csv`));
    const { NO_COLOR: _no, FORCE_COLOR: _force, ...env } = process.env;
    const run = (redirect: string) => spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${JSON.stringify(dir)} ${redirect}`, '/dev/null'], { encoding: 'utf8', env });
    const discarded = run('> /dev/null');
    expect(discarded.status).toBe(0);
    expect(discarded.stdout).toContain('[########################] 25/25 ');
    const shown = run('');
    expect(shown.stdout).toContain('25 files checked: 25 passed');
    expect(shown.stdout).not.toContain('25/25');
  });
});
