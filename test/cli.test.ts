import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, cli, fixture, tempDir, type JsonFinding } from './helpers/cli.js';
import { checkFile } from '../src/pipeline.js';
import { FORMAT_NAMES } from '../src/report/index.js';

const SEED_CSV = 'fixtures/seed/xiangyang-jxj-2021.csv';
const SEED_JSON = 'fixtures/seed/xiangyang-jxj-2021.json';

describe('disclosure-check <file>', () => {
  it('passes the seed CSV and JSON: exit 0, a pass line per file and a summary', () => {
    const { status: code, stdout, stderr } = cli([SEED_CSV, SEED_JSON]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        `✔ ${SEED_CSV}  passed (2021)`,
        `✔ ${SEED_JSON}  passed (2021)`,
        '✔ 2 files checked: 2 passed, 0 failed; 0 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('fails a broken report with exit 1, naming the cell, its expected and actual value, and its line', () => {
    const { status: code, stdout } = cli(['fixtures/broken/appeals-total.csv']);
    expect(code).toBe(1);
    expect(stdout).toContain('fixtures/broken/appeals-total.csv\n');
    expect(stdout).toContain(
      '  53:5  error    total must equal upheld + corrected + other + pending: administrative reconsideration · total should be 1 (upheld 1 + corrected 0 + other outcome 0 + pending 0), found 0  appeals.total',
    );
    expect(stdout).toContain('✖ 1 file checked: 0 passed, 1 failed; 1 error, 0 warnings');
  });

  it('exits 1 on every broken fixture with an error, and names its rule', () => {
    for (const [file, rule] of [
      ['balance.csv', 'requests.balance'],
      ['row-total.csv', 'requests.row-total'],
      ['results-total.csv', 'requests.results-total'],
      ['values.csv', 'value.not-a-number'],
      ['schema.json', 'schema.unknown-key'],
    ]) {
      const { status: code, stdout } = cli([`fixtures/broken/${file}`]);
      expect(code, file).toBe(1);
      expect(stdout, file).toContain(rule);
    }
  });

  it('speaks Chinese when LANG says so, and when asked with --lang', () => {
    const fromEnv = cli(['fixtures/broken/balance.csv'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(fromEnv.stdout).toContain('47:4  错误     一+二 应等于 三（七）+四：四、结转下年度继续办理 · 自然人 应为 0（一 2 + 二 0 − （七）总计 2），实为 1  requests.balance');
    expect(fromEnv.stdout).toContain('✖ 共检查 1 个文件：0 个通过，1 个未通过；2 个错误，0 个警告');
    expect(cli(['--lang', 'zh', SEED_CSV]).stdout).toContain('共检查 1 个文件');
    expect(cli(['--lang', 'en', SEED_CSV], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toContain('1 file checked');
  });

  it('prints no colour escapes when not on a terminal, or when NO_COLOR or --no-color is set', () => {
    expect(cli(['fixtures/broken/balance.csv']).stdout).not.toContain('\u001b[');
    expect(cli(['fixtures/broken/balance.csv'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[31m');
    expect(cli(['fixtures/broken/balance.csv', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(cli(['fixtures/broken/balance.csv'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('treats warnings as passing, unless --strict or --max-warnings says otherwise; --quiet hides them', () => {
    expect(cli(['fixtures/broken/blanks.csv']).status).toBe(0);
    const strict = cli(['--strict', 'fixtures/broken/blanks.csv']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe('disclosure-check: 2 warnings, and --strict fails on any\n');
    expect(cli(['--max-warnings', '2', 'fixtures/broken/blanks.csv']).status).toBe(0);
    const over = cli(['--max-warnings', '1', 'fixtures/broken/blanks.csv']);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('disclosure-check: 2 warnings, more than --max-warnings 1\n');
    const quiet = cli(['--quiet', 'fixtures/broken/blanks.csv']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).not.toContain('cell.blank');
  });

  it('writes the JSON shape CI scripts rely on', () => {
    const { status: code, stdout } = cli(['--format', 'json', 'fixtures/broken/row-total.csv', SEED_JSON]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.summary).toEqual({ files: 2, passed: 1, failed: 1, unreadable: 0, errors: 2, warnings: 0, skipped: 0 });
    expect(out.skipped).toEqual([]);
    expect(out.results[0]).toMatchObject({ file: 'fixtures/broken/row-total.csv', format: '2021', ok: false, errorCount: 2, warningCount: 0 });
    expect(out.results[0].findings[0]).toEqual({
      rule: 'requests.row-total',
      severity: 'error',
      message: expect.stringContaining('I. new requests received this year · total should be 2'),
      messages: { zh: expect.stringContaining('一、本年新收政府信息公开申请数量 · 总计 应为 2'), en: expect.any(String) },
      cells: [
        '/requests/newReceived/total',
        '/requests/newReceived/natural',
        '/requests/newReceived/commercial',
        '/requests/newReceived/research',
        '/requests/newReceived/publicWelfare',
        '/requests/newReceived/legalService',
        '/requests/newReceived/other',
      ],
      labels: expect.arrayContaining(['I. new requests received this year · total']),
      expected: 2,
      actual: 3,
      difference: 1,
      location: { line: 23, column: 10 },
    });
    expect(out.results[1]).toMatchObject({ ok: true, findings: [] });
  });

  it('checks every .csv and .json file of a directory', () => {
    const { status: code, stdout } = cli(['--format', 'json', 'fixtures/broken']);
    const files = JSON.parse(stdout).results.map((r: { file: string }) => r.file);
    expect(files).toEqual(readdirSync(fixture('broken')).sort().map((f) => `fixtures/broken/${f}`));
    expect(code).toBe(1);
  });

  it('writes the report to a file with -o, and nothing to stdout', () => {
    const dir = tempDir('dc-');
    const out = join(dir, 'report.json');
    const { status: code, stdout } = cli(['-f', 'json', '-o', out, 'fixtures/broken/balance.csv']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.errors).toBe(2);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('never modifies the report it checks', () => {
    const before = readFileSync(fixture('broken/balance.csv'));
    const mtime = statSync(fixture('broken/balance.csv')).mtimeMs;
    cli(['fixtures/broken/balance.csv']);
    expect(readFileSync(fixture('broken/balance.csv'))).toEqual(before);
    expect(statSync(fixture('broken/balance.csv')).mtimeMs).toBe(mtime);
  });
});

describe('bad input: one line on stderr, exit 2, no stack trace', () => {
  const cases: [string[], string][] = [
    [['fixtures/bad/not-a-report.csv'], 'disclosure-check: fixtures/bad/not-a-report.csv: not a disclosure report (the words 信息公开 appear nowhere in it)\n'],
    [['fixtures/bad/broken.json'], 'disclosure-check: fixtures/bad/broken.json: line 2, column 24: not valid JSON (value expected)\n'],
    [['fixtures/bad/image.csv'], 'disclosure-check: fixtures/bad/image.csv: a binary file, not a report (expected CSV, JSON, text, HTML or XLSX)\n'],
    [['missing.csv'], 'disclosure-check: missing.csv: no such file\n'],
    [['--format', 'xml', SEED_CSV], `disclosure-check: option '-f, --format <name>' argument 'xml' is invalid. Allowed choices are ${FORMAT_NAMES.join(', ')}. (see --help)\n`],
    // not a format, though an object has it
    [['--format', 'constructor', SEED_CSV], `disclosure-check: option '-f, --format <name>' argument 'constructor' is invalid. Allowed choices are ${FORMAT_NAMES.join(', ')}. (see --help)\n`],
    [['--max-warnings', 'many', SEED_CSV], 'disclosure-check: --max-warnings needs a whole number, not "many"\n'],
    [[], "disclosure-check: missing required argument 'files' (see --help)\n"],
  ];
  for (const [args, stderr] of cases)
    it(`${args.join(' ') || '(no arguments)'}`, () => {
      const result = cli(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(stderr);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

  it('still checks the good files given with a bad one, and exits 2', () => {
    const { status: code, stdout, stderr } = cli(['missing.csv', SEED_CSV]);
    expect(code).toBe(2);
    expect(stderr).toBe('disclosure-check: missing.csv: no such file\n');
    expect(stdout).toContain(`✔ ${SEED_CSV}  passed`);
    expect(stdout).toContain('2 files checked: 1 passed, 1 failed (1 unreadable)');
  });

  it('an empty file', () => {
    const dir = tempDir('dc-');
    writeFileSync(join(dir, 'empty.csv'), '');
    const { status: code, stderr } = cli([join(dir, 'empty.csv')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`disclosure-check: ${join(dir, 'empty.csv')}: the file is empty\n`);
  });
});

describe('what the review found: outputs, flags and inputs', () => {
  it('refuses to write the output over a report it reads, and leaves the report as it was', () => {
    const dir = tempDir('dc-');
    const input = join(dir, 'in.csv');
    writeFileSync(input, readFileSync(fixture('seed/xiangyang-jxj-2021.csv')));
    for (const args of [['-o', input, input], ['convert', input, '--to', 'csv', '-o', input]]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`disclosure-check: ${input}: is one of the reports read; an input is never overwritten\n`);
      expect(readFileSync(input)).toEqual(readFileSync(fixture('seed/xiangyang-jxj-2021.csv')));
    }
  });

  it('says in one line when the output cannot be written: a folder, a missing folder, a wrong extension', () => {
    const dir = tempDir('dc-');
    expect(cli(['-o', dir, SEED_CSV])).toMatchObject({ status: 2, stderr: `disclosure-check: ${dir}: is a directory; name a file to write\n` });
    expect(cli(['convert', SEED_CSV, '--to', 'json', '-o', join(dir, 'no/a.json')])).toMatchObject({
      status: 2,
      stderr: `disclosure-check: ${join(dir, 'no/a.json')}: no such folder\n`,
    });
    expect(cli(['convert', SEED_CSV, '--to', 'csv', '-o', join(dir, 'a.json')])).toMatchObject({
      status: 2,
      stderr: `disclosure-check: ${join(dir, 'a.json')}: a CSV file must be named .csv, not .json\n`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--quiet hides warnings but --strict and --max-warnings still count them', () => {
    expect(cli(['--quiet', '--strict', 'fixtures/broken/blanks.csv']).status).toBe(1);
    expect(cli(['--quiet', '--max-warnings', '0', 'fixtures/broken/blanks.csv']).status).toBe(1);
  });

  describe('- reads the report from standard input', () => {
    it('a CSV, a JSON, a text or a page, told by its content; findings as for the file, under the name <stdin>', () => {
      for (const file of ['broken/row-total.csv', 'broken/row-total.json', 'real/008.txt', 'html/xiangyang-jxj-2021.html', 'layouts/spaced-inline-groups.txt', 'xlsx/new-received-natural.xlsx', 'encodings/xiangyang-jxj-2021.gbk.csv']) {
        const named = cli(['--lang', 'en', fixture(file)]);
        const piped = cli(['--lang', 'en', '-'], { input: readFileSync(fixture(file)) });
        expect([piped.status, piped.stdout.replaceAll('<stdin>', 'F'), piped.stderr], file).toEqual([named.status, named.stdout.replaceAll(fixture(file), 'F'), named.stderr]);
      }
      const both = cli(['-f', 'json', '-', SEED_CSV], { input: readFileSync(fixture('broken/row-total.csv'), 'utf8') });
      expect(JSON.parse(both.stdout).results.map((r: { file: string; errorCount: number }) => [r.file, r.errorCount])).toEqual([
        ['<stdin>', 2],
        [SEED_CSV, 0],
      ]);
    });

    it('a file with an extension the checker does not know is told by its content the same way', () => {
      const dir = tempDir('dc-ext-');
      for (const file of ['broken/row-total.csv', 'real/008.txt', 'layouts/spaced-inline-groups.txt']) {
        const renamed = join(dir, `${basename(file).replace(/\.\w+$/, '')}.dat`);
        writeFileSync(renamed, readFileSync(fixture(file)));
        const named = cli(['--lang', 'en', fixture(file)]);
        const unknown = cli(['--lang', 'en', renamed]);
        expect([unknown.status, unknown.stdout.replaceAll(renamed, 'F'), unknown.stderr], file).toEqual([named.status, named.stdout.replaceAll(fixture(file), 'F'), named.stderr]);
      }
      // a CSV whose numbers are never three bare ones in a row: every cell quoted (an "export to
      // Excel" named .xls), or 0 written blank or as / — still a CSV, by its delimited lines
      const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8');
      const quoted = seed.split('\n').map((line) => (line ? line.split(',').map((c) => `"${c}"`).join(',') : line)).join('\n');
      const slashed = seed.replace(/(?<=,)0(?=,|$)/gm, '/');
      for (const [name, text] of [['quoted.xls', quoted], ['quoted.dat', quoted], ['slashed.dat', slashed]] as const) {
        writeFileSync(join(dir, name), text);
        const run = cli(['--lang', 'en', '-f', 'json', join(dir, name)]);
        const result = JSON.parse(run.stdout).results[0];
        expect([name, run.status, result.errorCount, result.findings.every((f: JsonFinding) => f.rule === 'cell.blank')]).toEqual([name, 0, 0, true]);
      }
    });

    it('a page copied with tabs between cells, from standard input, is read as the text it is (its prose too)', () => {
      const tabbed = readFileSync(fixture('real/033.txt'), 'utf8').replaceAll(' | ', '\t');
      const dir = tempDir('dc-tab-');
      writeFileSync(join(dir, 'a.txt'), tabbed);
      const named = cli(['--lang', 'en', join(dir, 'a.txt')]);
      const piped = cli(['--lang', 'en', '-'], { input: tabbed });
      expect(named.stdout).toContain('text.received-total');
      expect([piped.status, piped.stdout.replaceAll('<stdin>', 'F')]).toEqual([named.status, named.stdout.replaceAll(join(dir, 'a.txt'), 'F')]);
    });

    it('nothing piped in, or a report that cannot be read, is said in one line naming <stdin>, exit 2', () => {
      expect(cli(['-'], { input: '' })).toMatchObject({ status: 2, stderr: 'disclosure-check: <stdin>: standard input is empty: nothing was piped in\n' });
      expect(cli(['-', '--lang', 'zh'], { input: readFileSync(fixture('bad/broken.json'), 'utf8') }).stderr).toBe('disclosure-check: <stdin>：第 2 行第 24 列：不是有效的 JSON（此处应为值）\n');
      expect(cli(['--previous', '-', '-'], { input: '' })).toMatchObject({
        status: 2,
        stderr: 'disclosure-check: standard input (-) can be read once: give it as the report or as --previous, not both\n',
      });
    });

    it('convert - and --previous - read it too', () => {
      const converted = cli(['convert', '-', '--to', 'json'], { input: readFileSync(fixture('real/024.txt'), 'utf8') });
      expect(converted.status).toBe(0);
      expect(converted.stdout).toBe(cli(['convert', fixture('real/024.txt'), '--to', 'json']).stdout);
      const previous = cli(['--previous', '-', 'fixtures/history/pairs/copied-2022.json'], { input: readFileSync(fixture('history/series/xiangyang-jxj-2021.json'), 'utf8') });
      expect(previous.status).toBe(1);
      expect(previous.stdout).toContain("compared with last year's report <stdin> (2021)");
    });
  });

  describe('a pipe named on the command line (<(command), a FIFO) is read as standard input is', () => {
    /** The CLI under bash, for its process substitution: `args` as bash words. */
    const bash = (args: string, env: Record<string, string> = {}) => {
      const run = spawnSync('bash', ['--norc', '-c', `"${process.execPath}" "${BIN}" ${args}`], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', ...env },
      });
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const unnamed = (text: string) => text.replace(/\/dev\/fd\/\d+/g, 'F');

    it('told by its content, read once though a batch reads each file twice (pairing by year, then checking)', () => {
      for (const file of ['broken/row-total.csv', 'broken/row-total.json', 'real/008.txt', 'html/xiangyang-jxj-2021.html', 'xlsx/new-received-natural.xlsx']) {
        const named = cli(['--lang', 'en', fixture(file), SEED_CSV]);
        const piped = bash(`--lang en <(cat fixtures/${file}) ${SEED_CSV}`);
        expect([piped.status, unnamed(piped.stdout), piped.stderr], file).toEqual([named.status, named.stdout.replaceAll(fixture(file), 'F'), named.stderr]);
      }
      // two years of one agency, each from a pipe: paired as files are
      const years = bash('-f json <(cat fixtures/history/series/xiangyang-jxj-2021.json) <(cat fixtures/history/pairs/copied-2022.json)');
      expect(years.status).toBe(1);
      expect(JSON.parse(years.stdout).results[1].findings.map((f: JsonFinding) => f.rule)).toContain('history.identical');
    });

    it('a FIFO is waited on until its writer comes, as cat waits', () => {
      const dir = tempDir('dc-fifo-');
      expect(spawnSync('mkfifo', [join(dir, 'r.csv')]).status).toBe(0);
      const run = bash(`"${join(dir, 'r.csv')}" & sleep 0.5; cat ${SEED_CSV} > "${join(dir, 'r.csv')}"; wait $!`);
      expect(run).toEqual({ status: 0, stdout: `✔ ${join(dir, 'r.csv')}  passed (2021)\n✔ 1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings\n`, stderr: '' });
    });

    it('nothing written, or more than the size limit, is said in one line naming the pipe, exit 2', () => {
      expect(bash('<(true)')).toMatchObject({ status: 2, stderr: 'disclosure-check: /dev/fd/63: a pipe, and nothing was written to it\n' });
      expect(bash('<(true) --lang zh')).toMatchObject({ status: 2, stderr: 'disclosure-check: /dev/fd/63：管道里没有内容（写入它的命令什么也没有输出）\n' });
      expect(bash('<(head -c 11000000 /dev/zero)')).toMatchObject({ status: 2, stderr: 'disclosure-check: /dev/fd/63: more than 10 MiB, too large to be a report; not read further\n' });
      // in a batch too, which reads it twice (pairing by year, then checking)
      expect(bash(`<(head -c 11000000 /dev/zero) ${SEED_CSV}`)).toMatchObject({ status: 2, stderr: 'disclosure-check: /dev/fd/63: more than 10 MiB, too large to be a report; not read further\n' });
    });

    it('convert and --previous read one too', () => {
      expect(bash('convert <(cat fixtures/real/024.txt) --to json').stdout).toBe(cli(['convert', fixture('real/024.txt'), '--to', 'json']).stdout);
      const previous = bash('--previous <(cat fixtures/history/series/xiangyang-jxj-2021.json) fixtures/history/pairs/copied-2022.json');
      expect(previous.status).toBe(1);
      expect(unnamed(previous.stdout)).toContain("compared with last year's report F (2021)");
    });

    it('a big batch with a pipe in it is checked in this process, which has read it', () => {
      const run = bash(`-f json <(cat ${SEED_CSV}) fixtures/broken/row-total.csv`, { DISCLOSURE_CHECK_TUNED_FROM: '2', DISCLOSURE_CHECK_DEBUG: '1' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).results.map((r: { errorCount: number }) => r.errorCount)).toEqual([0, 2]);
    });
  });

  describe('a warning gate that fails (--strict, --max-warnings) is said by every output, not only the exit code', () => {
    const BLANKS = 'fixtures/broken/blanks.csv'; // 2 warnings, no error

    it('stylish: the summary says failed and why, in the language asked for, one warning or many', () => {
      const strict = cli(['--strict', BLANKS, SEED_CSV]);
      expect(strict.status).toBe(1);
      expect(strict.stdout).toContain('\n✖ 2 files checked: 1 passed, 1 failed; 0 errors, 2 warnings; 2 warnings, and --strict fails on any\n');
      const zh = cli(['--strict', '--lang', 'zh', BLANKS]);
      expect(zh.stdout).toContain('✖ 共检查 1 个文件：0 个通过，1 个未通过；0 个错误，2 个警告；2 个警告，--strict 下有警告即不通过\n');
      expect(zh.stderr).toBe('disclosure-check: 2 个警告，--strict 下有警告即不通过\n');
      const one = cli(['--max-warnings', '0', BLANKS]);
      expect(one.stdout).toContain('; 2 warnings, more than --max-warnings 0\n');
      const over = cli(['--max-warnings', '1', '--lang', 'zh', BLANKS]);
      expect(over.stderr).toBe('disclosure-check: 2 个警告，超过 --max-warnings 1，不通过\n');
      // a gate that holds changes nothing
      expect(cli(['--max-warnings', '2', BLANKS]).stdout).toContain('⚠ 1 file checked: 1 passed, 0 failed; 0 errors, 2 warnings\n');
    });

    it('one warning is said in the singular', () => {
      const dir = tempDir('gate-');
      const text = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').split('\n');
      const row = text.findIndex((line) => line.startsWith('一、本年新收'));
      text[row] = text[row]!.replace(',,,2,0,0,', ',,,2,,0,'); // commercial enterprises blank: one cell.blank warning
      writeFileSync(join(dir, 'one.csv'), text.join('\n'));
      const run = cli(['--max-warnings', '0', join(dir, 'one.csv'), '-f', 'json']);
      expect(JSON.parse(run.stdout).results[0].warningCount).toBe(1);
      expect(run.stderr).toBe('disclosure-check: 1 warning, more than --max-warnings 0\n');
      expect(cli(['--strict', join(dir, 'one.csv')]).stdout).toMatch(/; 1 warning, and --strict fails on any\n$/);
    });

    it('--quiet --strict: no ✔ where the exit code says 1', () => {
      const quiet = cli(['--quiet', '--strict', BLANKS]);
      expect(quiet.status).toBe(1);
      expect(quiet.stdout).toBe(
        `✖ ${BLANKS}  failed: 2 warnings (2 not shown: --quiet), and --strict fails on any\n` +
          '✖ 1 file checked: 0 passed, 1 failed; 0 errors, 0 warnings; 2 warnings (2 not shown: --quiet), and --strict fails on any\n',
      );
    });

    it('json: summary.gate says which gate, how many warnings and that it failed; under --strict summary.failed counts the file', () => {
      const run = cli(['-f', 'json', '--max-warnings', '1', BLANKS, SEED_CSV]);
      expect(run.status).toBe(1);
      // --max-warnings is the run's limit: each file keeps its own answer
      const { summary } = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ files: 2, passed: 2, failed: 0, warnings: 2, gate: { by: '--max-warnings', maxWarnings: 1, warnings: 2, failed: true } });
      const strict = JSON.parse(cli(['-f', 'json', '--strict', '--quiet', BLANKS, SEED_CSV]).stdout);
      expect(strict.summary).toMatchObject({ files: 2, passed: 1, failed: 1, warnings: 0, gate: { by: '--strict', maxWarnings: 0, warnings: 2, failed: true } });
      expect(strict.results[0]).toMatchObject({ file: BLANKS, warningCount: 0, hiddenWarnings: 2 });
      expect(JSON.parse(cli(['-f', 'json', '--strict', SEED_CSV]).stdout).summary.gate).toEqual({ by: '--strict', maxWarnings: 0, warnings: 0, failed: false });
      expect(JSON.parse(cli(['-f', 'json', SEED_CSV]).stdout).summary.gate).toBeUndefined();
    });

    it('junit: a failed testcase "warnings" in each file with warnings; sarif: an error notification on it; github: an ::error; html: failed', () => {
      const junit = cli(['-f', 'junit', '--strict', BLANKS, SEED_CSV]).stdout;
      expect(junit).toContain('<testsuites name="disclosure-check" tests="19" failures="1" errors="0" skipped="0">');
      expect(junit).toContain(`<testcase name="warnings" classname="${BLANKS}" file="${BLANKS}">\n      <failure type="--strict" message="2 warnings, and --strict fails on any">2 warnings in this file</failure>`);
      const sarif = JSON.parse(cli(['-f', 'sarif', '--strict', BLANKS, SEED_CSV]).stdout);
      expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
        expect.objectContaining({ level: 'error', message: { text: '2 warnings, and --strict fails on any' }, descriptor: { id: '--strict' } }),
      ]);
      const github = cli(['-f', 'github', '--max-warnings', '1', BLANKS]).stdout;
      expect(github).toContain(`::error file=${BLANKS},title=--max-warnings::2 warnings, more than --max-warnings 1\n`);
      expect(github).toMatch(/; 2 warnings, more than --max-warnings 1\n$/);
      const html = cli(['-f', 'html', '--strict', BLANKS]).stdout;
      expect(html).toContain('<p class="overall status-failed">1 file checked: 0 passed, 1 failed; 0 errors, 2 warnings; 2 warnings, and --strict fails on any</p>');
      expect(html).toContain(`<a href="#report-0">${BLANKS}</a></td><td class="status-failed">failed</td>`);
      expect(html).toContain('<p class="status-failed">failed · errors 0 · warnings 2 · 2021</p>');
      // --max-warnings: the run fails, the file (no error) passes in its section and its summary row alike
      const limit = cli(['-f', 'html', '--max-warnings', '1', BLANKS]).stdout;
      expect(limit).toContain('<p class="overall status-failed">1 file checked: 1 passed, 0 failed; 0 errors, 2 warnings; 2 warnings, more than --max-warnings 1</p>');
      expect(limit).toContain(`<a href="#report-0">${BLANKS}</a></td><td class="status-warning">passed</td>`);
      expect(limit).toContain('<p class="status-warning">passed · errors 0 · warnings 2 · 2021</p>');
    });
  });

  it('--previous must be the same agency’s report of the year before, when both say', () => {
    const r = cli(['--previous', 'fixtures/history/series/xiangyang-jxj-2022.json', 'fixtures/history/series/xiangyang-jxj-2021.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "disclosure-check: --previous fixtures/history/series/xiangyang-jxj-2022.json: is the 2022 report, not 2020's (fixtures/history/series/xiangyang-jxj-2021.json)\n",
    );
    const zh = cli(['--lang', 'zh', '--previous', 'fixtures/history/series/xiangyang-jxj-2022.json', 'fixtures/history/series/xiangyang-jxj-2021.json']);
    expect(zh).toEqual({
      status: 2,
      stdout: '',
      stderr: 'disclosure-check: --previous fixtures/history/series/xiangyang-jxj-2022.json：是 2022 年的报告，不是 2020 年的（fixtures/history/series/xiangyang-jxj-2021.json）\n',
    });
  });

  it('keeps the order of the arguments, an empty folder’s line where it was named', () => {
    const empty = tempDir('dc-');
    const r = cli(['-f', 'json', SEED_CSV, empty, 'fixtures/broken/blanks.csv']);
    expect(JSON.parse(r.stdout).results.map((x: { file: string }) => x.file)).toEqual([SEED_CSV, empty, 'fixtures/broken/blanks.csv']);
  });

  it('reads a number too large for a double as text that is not a number, and convert keeps it so', () => {
    const dir = tempDir('dc-');
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, readFileSync(fixture('seed/xiangyang-jxj-2021.json'), 'utf8').replace('"amount": 0', '"amount": 1e400'));
    const first = JSON.parse(cli(['-f', 'json', huge]).stdout).results[0];
    expect(first.findings.map((f: { rule: string; raw: string }) => [f.rule, f.raw])).toEqual([['value.not-a-number', 'Infinity']]);
    const converted = join(dir, 'converted.json');
    expect(cli(['convert', huge, '--to', 'json', '-o', converted]).status).toBe(0);
    expect(cli([converted]).status).toBe(1);
  });

  it.each([
    ['an exponent beyond a double', '-1.5e+309'],
    ['211 digits before a two-digit exponent', `1${'0'.repeat(210)}e99`],
    ['400 digits', '9'.repeat(400)],
    ['16 digits', '1000000000000000'],
    ['20 digits, more than a double holds', '12345678901234567890'],
    ['7 digits and a one-digit exponent', '1234567e9'],
  ])('reads a JSON number of more than 15 digits (%s) as text that is not a number, as in a CSV', async (_, number) => {
    const file = join(tempDir('dc-'), 'huge.json');
    writeFileSync(file, readFileSync(SEED_JSON, 'utf8').replace('"amount": 0', `"amount": ${number}`));
    const { findings } = await checkFile(file);
    expect(findings.map((f) => [f.rule, f.raw])).toEqual([['value.not-a-number', String(Number(number))]]);
  });

  it('reads a JSON number of 15 digits as a number', async () => {
    const file = join(tempDir('dc-'), 'large.json');
    writeFileSync(file, readFileSync(SEED_JSON, 'utf8').replace('"amount": 0', '"amount": 999999999999999'));
    expect((await checkFile(file)).findings).toEqual([]);
  });

  it('reports a row written twice in JSON, as it does in CSV', () => {
    const dir = tempDir('dc-');
    const file = join(dir, 'twice.json');
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.json'), 'utf8');
    const row = seed.split('\n').find((line) => line.includes('"carriedOver"'))!;
    writeFileSync(file, seed.replace(row, `${row}\n${row}`));
    const r = cli(['-f', 'json', file]);
    expect(r.status).toBe(1);
    const [finding] = JSON.parse(r.stdout).results[0].findings;
    expect(finding).toMatchObject({ rule: 'structure.duplicate-row', cells: ['/requests/carriedOver'], location: { line: 16 } });
  });

  it('reports a cell written twice in one JSON row, where JSON.parse would keep the last silently', () => {
    const file = join(tempDir('dc-'), 'cell-twice.json');
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.json'), 'utf8');
    writeFileSync(file, seed.replace('"carriedOver": { "natural": 0,', '"carriedOver": { "natural": 0, "natural": 3,'));
    const r = cli(['-f', 'json', file]);
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout).results[0].findings as JsonFinding[];
    expect(findings[0]).toMatchObject({
      rule: 'structure.duplicate-row',
      cells: ['/requests/carriedOver/natural'],
      location: { line: 15, column: 36 },
      messages: { en: '"natural" is written twice in one object (line 15); the last is used' },
    });
    // The last is what the rules read: 3 natural persons carried over, against a total of 0.
    expect(findings.map((f) => f.rule)).toContain('requests.row-total');
  });

  it('tells a JSON file that is not a report from a report with errors', () => {
    const dir = tempDir('dc-');
    writeFileSync(join(dir, 'package.json'), '{ "name": "x", "version": "1.0.0" }\n');
    const r = cli([join(dir, 'package.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`disclosure-check: ${join(dir, 'package.json')}: a JSON object, but not a report (none of "format", "proactive", "requests", "appeals")\n`);
  });

  it('offers no suggestion that resolves findings over a cell whose value is not valid', () => {
    const dir = tempDir('dc-');
    const file = join(dir, 'half.csv');
    writeFileSync(file, readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').replace('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,2', '一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,.5'));
    const result = JSON.parse(cli(['-f', 'json', file]).stdout).results[0];
    expect(result.findings.map((f: { rule: string }) => f.rule)).toEqual(['value.not-integer']);
    expect(result.suggestions).toBeUndefined();
  });
});

describe('--help', () => {
  it('names every input kind the check reads, and standard input', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    for (const kind of ['CSV', 'XLSX', 'JSON', 'text', 'web page']) expect(help.stdout).toContain(kind);
    expect(help.stdout).toMatch(/files +report files, or directories of them; - reads\s+standard input/);
  });
});
