import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs, holds } from '../src/inputs.js';
import { FOUND_EXTENSIONS } from '../src/read/index.js';
import { PROGRESS_THRESHOLD, columnsOf, startProgress } from '../src/progress.js';
import { BIN, ROOT, cli, fixture, tempDir } from './helpers/cli.js';

/** A province's worth of reports: good and broken, in nested folders, plus files that are not reports. */
function province(): string {
  const dir = tempDir('dc-batch-');
  mkdirSync(join(dir, 'reports', '襄阳', 'sub'), { recursive: true });
  mkdirSync(join(dir, 'reports', 'wuhan'), { recursive: true });
  copyFileSync(fixture('ci/good.csv'), join(dir, 'reports', 'wuhan', 'b-good.csv'));
  copyFileSync(fixture('ci/broken-total.csv'), join(dir, 'reports', 'wuhan', 'a-broken.csv'));
  copyFileSync(fixture('ci/blank-cell.csv'), join(dir, 'reports', '襄阳', 'blank.csv'));
  copyFileSync(fixture('ci/broken-appeals.json'), join(dir, 'reports', '襄阳', 'sub', 'appeals.json'));
  writeFileSync(join(dir, 'reports', 'wuhan', 'notes.md'), '# not a report\n');
  return dir;
}

const summaryOf = (stdout: string) => JSON.parse(stdout).summary;

describe('batch: files, directories and globs', () => {
  it('checks a directory recursively and counts files, passed, failed, errors and warnings', () => {
    const dir = province();
    const r = cli(['-f', 'json', 'reports'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(summaryOf(r.stdout)).toEqual({ files: 4, passed: 2, failed: 2, unreadable: 0, errors: 3, warnings: 1, skipped: 0 });
    expect(JSON.parse(r.stdout).results.map((x: { file: string }) => x.file)).toEqual([
      'reports/wuhan/a-broken.csv',
      'reports/wuhan/b-good.csv',
      'reports/襄阳/blank.csv',
      'reports/襄阳/sub/appeals.json',
    ]);
  });

  it('expands globs (quoted, as CI scripts pass them) in name order, and a file named twice is checked once', () => {
    const dir = province();
    const r = cli(['-f', 'json', 'reports/**/*.csv', 'reports/wuhan/b-good.csv', './reports/wuhan/b-good.csv', join(dir, 'reports/wuhan/b-good.csv')], { cwd: dir });
    expect(JSON.parse(r.stdout).results.map((x: { file: string }) => x.file)).toEqual([
      'reports/wuhan/a-broken.csv',
      'reports/wuhan/b-good.csv',
      'reports/襄阳/blank.csv',
    ]);
    expect(r.status).toBe(1);
    const stylish = cli(['reports/**/*.{csv,json}'], { cwd: dir });
    expect(stylish.stdout).toContain('✖ 4 files checked: 2 passed, 2 failed; 3 errors, 1 warning');
  });

  it('gives the same order on every run, whatever order the arguments are expanded in', async () => {
    const dir = province();
    const first = await expandInputs([join(dir, 'reports'), join(dir, 'reports/**/*.json')]);
    const again = await expandInputs([join(dir, 'reports'), join(dir, 'reports/**/*.json')]);
    expect(first).toEqual(again);
    expect(first.files).toHaveLength(4);
  });

  it('passes (exit 0) when every report passes, warnings included', () => {
    const r = cli([fixture('ci/good.csv'), fixture('ci/blank-cell.csv')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 files checked: 2 passed, 0 failed; 0 errors, 1 warning');
  });

  it('exit 2 when a file cannot be read or a pattern matches nothing; the others are still checked', () => {
    const dir = province();
    writeFileSync(join(dir, 'reports', 'empty.csv'), '');
    const r = cli(['-f', 'json', 'reports', 'missing/*.csv'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(summaryOf(r.stdout)).toEqual({ files: 6, passed: 2, failed: 4, unreadable: 2, errors: 3, warnings: 1, skipped: 0 });
    expect(r.stderr).toContain('disclosure-check: reports/empty.csv: the file is empty\n');
    expect(r.stderr).toContain(`disclosure-check: missing/*.csv: no report files (${FOUND_EXTENSIONS.join(', ')}) match this pattern\n`);
  });

  it('follows symbolic links to reports and to folders, checks a report linked twice once, and does not follow a link back up', () => {
    const dir = province();
    mkdirSync(join(dir, 'links', 'sub'), { recursive: true });
    symlinkSync(join(dir, 'reports', 'wuhan', 'b-good.csv'), join(dir, 'links', 'a-good.csv'));
    symlinkSync('../../reports/wuhan/b-good.csv', join(dir, 'links', 'sub', 'same-good.csv')); // relative, and the same file again
    symlinkSync(join(dir, 'reports', '襄阳'), join(dir, 'links', 'b-xiangyang'));
    // A link to a folder that holds the one walked is a loop (c-up/links/c-up/…), as `find -L` and
    // `rg --follow` take it: not followed, nor are the folders around it (reports/wuhan/a-broken.csv).
    symlinkSync(dir, join(dir, 'links', 'c-up'));
    symlinkSync('..', join(dir, 'links', 'sub', 'd-up'));
    symlinkSync('/', join(dir, 'links', 'e-root')); // nor the whole file system
    // (a folder holds every folder below it, not itself: `/` itself, named, is walked; a drive too)
    expect([holds('/', '/srv/reports'), holds('/srv', '/srv/reports'), holds('/srv/reports', '/srv/reports'), holds('/', '/')]).toEqual([true, true, false, false]);
    expect([holds('/srv/re', '/srv/reports'), holds('/srv/reports/2021', '/srv/reports')]).toEqual([false, false]);
    const r = cli(['-f', 'json', 'links'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).results.map((x: { file: string }) => x.file)).toEqual([
      'links/a-good.csv',
      'links/b-xiangyang/blank.csv',
      'links/b-xiangyang/sub/appeals.json',
    ]);
    expect(r.status).toBe(1);
    // Across arguments too: the same reports reached again through another folder, a pattern and a name are not checked twice.
    const again = cli(['-f', 'json', 'links', 'reports/wuhan', 'reports/**/*.json', join(dir, 'reports/襄阳/blank.csv')], { cwd: dir });
    expect(JSON.parse(again.stdout).results.map((x: { file: string }) => x.file)).toEqual([
      ...JSON.parse(r.stdout).results.map((x: { file: string }) => x.file),
      'reports/wuhan/a-broken.csv', // the one report new to them
    ]);
    expect(again.stderr).toBe('');
    symlinkSync(join(dir, 'nowhere.csv'), join(dir, 'links', 'dangling.csv'));
    const dangling = cli(['links'], { cwd: dir });
    expect(dangling.status).toBe(2);
    expect(dangling.stderr).toBe('disclosure-check: links/dangling.csv: no such file\n');
  });

  /** The province with what lies beside reports in a real folder: a README, an index page, package metadata, a spreadsheet of other figures. */
  function provinceWithOtherFiles(): string {
    const dir = province();
    writeFileSync(join(dir, 'reports', 'README.txt'), 'Reports downloaded from the agencies’ websites, January 2022.\n');
    writeFileSync(join(dir, 'reports', 'wuhan', 'index.html'), '<html><head><title>武汉市人民政府</title></head><body><a href="b-good.csv">2021</a></body></html>');
    writeFileSync(join(dir, 'reports', '襄阳', 'meta.json'), '{ "source": "xiangyang.gov.cn", "downloaded": "2022-01-31" }\n');
    writeFileSync(join(dir, 'reports', '襄阳', 'budget.csv'), '项目,金额\n办公费,12\n');
    return dir;
  }

  it('a folder whose only report was also named before it is no folder without reports (`a.csv reports/`)', () => {
    const dir = provinceWithOtherFiles();
    const r = cli(['reports/wuhan/b-good.csv', 'reports/wuhan'], { cwd: dir });
    expect(r.stdout).toContain('✖ 2 files checked: 1 passed, 1 failed; 2 errors, 0 warnings; 1 file skipped');
    expect(r.stderr).toBe('disclosure-check: skipped reports/wuhan/index.html: not a disclosure report (the words 信息公开 appear nowhere in it)\n');
    expect(r.status).toBe(1); // a-broken.csv's errors; nothing unreadable
    // its only report named first: the folder adds only a skipped README.txt, and names no missing report
    mkdirSync(join(dir, 'lonely'));
    copyFileSync(fixture('ci/good.csv'), join(dir, 'lonely', 'a.csv'));
    copyFileSync(join(dir, 'reports', 'README.txt'), join(dir, 'lonely', 'README.txt'));
    expect(cli(['lonely/a.csv', 'lonely'], { cwd: dir })).toEqual({
      status: 0,
      stdout: '✔ lonely/a.csv  passed (2021)\n✔ 1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings; 1 file skipped\n',
      stderr: 'disclosure-check: skipped lonely/README.txt: not a disclosure report (the words 信息公开 appear nowhere in it)\n',
    });
  });

  it('every output names the files it skipped, so that a CI job that reads only the output can tell', () => {
    const dir = provinceWithOtherFiles();
    const notReport = { en: 'not a disclosure report (the words 信息公开 appear nowhere in it)', zh: '不是信息公开年度报告（文中没有“信息公开”字样）' };
    const run = (format: string, ...more: string[]) => {
      const r = cli(['reports/wuhan', '-f', format, ...more], { cwd: dir });
      expect(r.status).toBe(1);
      return r.stdout;
    };
    expect(JSON.parse(run('json')).skipped).toEqual([
      { file: 'reports/wuhan/index.html', code: 'not-a-report', message: `reports/wuhan/index.html: ${notReport.en}`, messages: { zh: `reports/wuhan/index.html：${notReport.zh}`, en: `reports/wuhan/index.html: ${notReport.en}` } },
    ]);
    expect(JSON.parse(run('json', '--lang', 'zh')).skipped[0].message).toBe(`reports/wuhan/index.html：${notReport.zh}`);
    // JUnit: a skipped test, counted at the top.
    const junit = run('junit');
    expect(junit).toContain('<testsuites name="disclosure-check" tests="');
    expect(junit).toMatch(/<testsuites [^>]* skipped="1">/);
    expect(junit).toContain(
      '<testsuite name="reports/wuhan/index.html" tests="1" failures="0" errors="0" skipped="1">\n' +
        '    <testcase name="read" classname="reports/wuhan/index.html" file="reports/wuhan/index.html">\n' +
        `      <skipped type="not-a-report" message="reports/wuhan/index.html: ${notReport.en}"/>`,
    );
    // SARIF: a note among the run's notifications; the run still succeeded.
    const [invocation] = JSON.parse(run('sarif')).runs[0].invocations;
    expect(invocation).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [
        {
          level: 'note',
          message: { text: `reports/wuhan/index.html: ${notReport.en}` },
          descriptor: { id: 'not-a-report' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'reports/wuhan/index.html', uriBaseId: '%SRCROOT%' } } }],
        },
      ],
    });
    // GitHub: a notice on the file; every format's summary counts it.
    const summaryFile = join(dir, 'step-summary.md');
    expect(cli(['reports/wuhan', '-f', 'github', '--lang', 'zh'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summaryFile } }).status).toBe(1);
    expect(readFileSync(summaryFile, 'utf8')).toContain(`| reports/wuhan/index.html | ⏭️ 已跳过：reports/wuhan/index.html：${notReport.zh} | | |\n`);
    const github = run('github');
    expect(github).toContain(`::notice file=reports/wuhan/index.html,title=skipped::reports/wuhan/index.html: ${notReport.en}\n`);
    expect(github).toContain('2 files checked: 1 passed, 1 failed; 2 errors, 0 warnings; 1 file skipped\n');
    expect(run('html')).toContain(`<tr><td>reports/wuhan/index.html</td><td class="status-skipped">skipped: reports/wuhan/index.html: ${notReport.en}</td>`);
    expect(run('stylish', '--lang', 'zh')).toContain('共检查 2 个文件：1 个通过，1 个未通过；2 个错误，0 个警告；跳过 1 个文件\n');
  });

  it('skips, with a note, a file a directory holds that is no report at all; the reports decide the exit code', () => {
    const dir = provinceWithOtherFiles();
    const r = cli(['-f', 'json', 'reports'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(summaryOf(r.stdout)).toEqual({ files: 4, passed: 2, failed: 2, unreadable: 0, errors: 3, warnings: 1, skipped: 4 });
    expect(r.stderr).toBe(
      'disclosure-check: skipped reports/README.txt: not a disclosure report (the words 信息公开 appear nowhere in it)\n' +
        'disclosure-check: skipped reports/wuhan/index.html: not a disclosure report (the words 信息公开 appear nowhere in it)\n' +
        'disclosure-check: skipped reports/襄阳/budget.csv: not a disclosure report (the words 信息公开 appear nowhere in it)\n' +
        'disclosure-check: skipped reports/襄阳/meta.json: a JSON object, but not a report (none of "format", "proactive", "requests", "appeals")\n',
    );
    // and in Chinese
    expect(cli(['-f', 'json', 'reports', '--lang', 'zh'], { cwd: dir }).stderr).toBe(
      'disclosure-check: 已跳过 reports/README.txt：不是信息公开年度报告（文中没有“信息公开”字样）\n' +
        'disclosure-check: 已跳过 reports/wuhan/index.html：不是信息公开年度报告（文中没有“信息公开”字样）\n' +
        'disclosure-check: 已跳过 reports/襄阳/budget.csv：不是信息公开年度报告（文中没有“信息公开”字样）\n' +
        'disclosure-check: 已跳过 reports/襄阳/meta.json：是 JSON 对象，但不是报告（"format"、"proactive"、"requests"、"appeals" 一项都没有）\n',
    );
    // Pattern matches are skipped alike; the same files named one by one are refused.
    expect(cli(['reports/**/*.json'], { cwd: dir }).status).toBe(1);
    const named = cli(['reports/README.txt', 'reports/wuhan/b-good.csv'], { cwd: dir });
    expect(named.status).toBe(2);
    expect(named.stderr).toBe('disclosure-check: reports/README.txt: not a disclosure report (the words 信息公开 appear nowhere in it)\n');
  });

  it('a file that is a report but whose tables cannot be found is not skipped: exit 2', () => {
    const dir = provinceWithOtherFiles();
    const write = (name: string, text: string) => writeFileSync(join(dir, 'reports', 'wuhan', name), text);
    write('cut.html', '<html><body><h1>武汉市2021年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>');
    write('split.txt', '武汉市2022年政府信息\n公开工作年度报告\n一、总体情况\n'); // the title broken over two lines
    write('spaced.txt', '武 汉 市 2 0 2 2 年 政 府 信 息 公 开 工 作 年 度 报 告\n'); // a PDF's text layer
    write('traditional.txt', '二〇二二年政府信息公開工作年度報告\n');
    write('wrapped.json', '{ "title": "武汉市2021年政府信息公开工作年度报告", "report": {} }\n');
    const r = cli(['reports/wuhan'], { cwd: dir });
    expect(r.status).toBe(2);
    const refused = r.stderr.split('\n').filter((line) => line && !line.includes(' skipped '));
    expect(refused.map((line) => line.split(': ')[1])).toEqual(['reports/wuhan/cut.html', 'reports/wuhan/spaced.txt', 'reports/wuhan/split.txt', 'reports/wuhan/traditional.txt', 'reports/wuhan/wrapped.json']);
    expect(r.stderr).toContain('disclosure-check: skipped reports/wuhan/index.html: not a disclosure report');
  });

  it('exit 2 when every file a directory or a pattern found is skipped: it names no report', () => {
    const dir = provinceWithOtherFiles();
    const r = cli(['-f', 'json', 'reports/wuhan', 'reports/*.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    const { results, summary } = JSON.parse(r.stdout);
    expect(results.map((x: { file: string }) => x.file)).toEqual(['reports/wuhan/a-broken.csv', 'reports/wuhan/b-good.csv', 'reports/*.txt']);
    const messages = {
      zh: 'reports/*.txt：这个模式匹配到的文件中没有信息公开年度报告（找到的唯一一个文件不是报告）',
      en: 'reports/*.txt: no disclosure report among the files this pattern matches (the one file found is not a report)',
    };
    expect(results[2].fatal).toEqual({ code: 'no-reports', message: messages.en, messages });
    expect(summary).toMatchObject({ files: 3, unreadable: 1 });
    // In the argument's place, as an empty folder's line is.
    const first = cli(['-f', 'json', 'reports/*.txt', 'reports/wuhan'], { cwd: dir });
    expect(JSON.parse(first.stdout).results.map((x: { file: string }) => x.file)).toEqual(['reports/*.txt', 'reports/wuhan/a-broken.csv', 'reports/wuhan/b-good.csv']);
    const others = tempDir('dc-others-');
    writeFileSync(join(others, 'README.txt'), 'nothing here\n');
    writeFileSync(join(others, 'package.json'), '{ "name": "x" }\n');
    const none = cli([others]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`disclosure-check: ${others}: no disclosure report in this directory (the 2 files found are not reports)\n`);
  });
});

describe('progress bar', () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { isTTY, columns: 60, writes, write: (s: string) => writes.push(s) };
  };

  it('draws on a terminal for more than 20 files, and clears its line at the end', () => {
    const tty = stream(true);
    const progress = startProgress(PROGRESS_THRESHOLD + 1, tty);
    for (let i = 0; i <= PROGRESS_THRESHOLD; i++) progress.tick(`reports/襄阳/report-${i}.csv`);
    progress.done();
    expect(tty.writes).toHaveLength(PROGRESS_THRESHOLD + 2);
    expect(tty.writes[0]).toContain('] 1/21 reports/襄阳/report-0.csv');
    expect(tty.writes[PROGRESS_THRESHOLD]).toContain('[########################] 21/21');
    expect(tty.writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('stays silent for 20 files or fewer, and when stderr is not a terminal', () => {
    for (const [isTTY, total] of [
      [true, PROGRESS_THRESHOLD],
      [false, 500],
    ] as const) {
      const s = stream(isTTY);
      const progress = startProgress(total, s);
      for (let i = 0; i < total; i++) progress.tick('x.csv');
      progress.done();
      expect(s.writes).toEqual([]);
    }
  });

  it('keeps a long file name within the terminal width', () => {
    const tty = stream(true);
    startProgress(30, tty).tick(`reports/${'很长的文件名'.repeat(20)}.csv`);
    const line = tty.writes[0]!.replace('\r\x1b[2K', '');
    const width = [...line].reduce((n, c) => n + columnsOf(c), 0);
    expect(columnsOf('襄')).toBe(2);
    expect(width).toBeLessThanOrEqual(59);
    expect(line).toMatch(/….*\.csv$/);
  });

  it('shows on a real terminal (a pty from `script`), on stderr, and the report on stdout is unchanged', () => {
    const dir = tempDir('dc-tty-');
    mkdirSync(join(dir, 'reports'));
    for (let i = 0; i < 21; i++) copyFileSync(fixture('ci/good.csv'), join(dir, 'reports', `r${String(i).padStart(2, '0')}.csv`));
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} -f json reports > out.json`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain('\r\x1b[2K[#');
    expect(tty.stdout).toContain('] 21/21 reports/r20.csv');
    expect(summaryOf(readFileSync(join(dir, 'out.json'), 'utf8'))).toMatchObject({ files: 21, passed: 21 });
  });

  it('is not drawn when the results stream to the same terminal (each line would follow the bar)', () => {
    const dir = tempDir('dc-tty-same-');
    mkdirSync(join(dir, 'reports'));
    for (let i = 0; i < 21; i++) copyFileSync(fixture('ci/good.csv'), join(dir, 'reports', `r${String(i).padStart(2, '0')}.csv`));
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} reports`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(tty.status).toBe(0);
    expect(tty.stdout).not.toContain('[#');
    expect(tty.stdout).toContain('21 files checked: 21 passed');
  });

  it('never reaches stdout or a piped stderr in a real batch', () => {
    const dir = tempDir('dc-many-');
    for (let i = 0; i < 25; i++) copyFileSync(fixture('ci/good.csv'), join(dir, `r${String(i).padStart(2, '0')}.csv`));
    const r = cli(['-f', 'json', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(summaryOf(r.stdout).files).toBe(25);
  });
});

describe("the checker's own outputs and other JSON beside the reports", () => {
  /** A folder of two reports, with every output of a check of it saved inside it. */
  function withOwnOutputs(): string {
    const dir = tempDir('dc-own-');
    mkdirSync(join(dir, 'rep'));
    copyFileSync(fixture('seed/xiangyang-jxj-2021.csv'), join(dir, 'rep', 'good.csv'));
    copyFileSync(fixture('broken/row-total.csv'), join(dir, 'rep', 'row-total.csv'));
    for (const [format, name, lang] of [
      ['html', 'report.html', 'zh'],
      ['json', 'out.json', 'zh'],
      ['sarif', 'out.sarif.json', 'zh'],
      ['stylish', 'out.txt', 'zh'],
      ['github', 'gh.txt', 'zh'],
    ] as const)
      expect(cli(['rep', '-f', format, '--lang', lang, '-o', join('rep', name)], { cwd: dir }).status).toBe(1);
    return dir;
  }

  it('skips them in a folder, with a note (code own-output), instead of reading them as reports', () => {
    const dir = withOwnOutputs();
    const r = cli(['-f', 'json', 'rep'], { cwd: dir });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.tool).toBe('disclosure-check');
    expect(out.results.map((x: { file: string }) => x.file)).toEqual(['rep/good.csv', 'rep/row-total.csv']);
    expect(out.skipped.map((x: { file: string; code: string }) => [x.file, x.code])).toEqual([
      ['rep/gh.txt', 'own-output'],
      ['rep/out.json', 'own-output'],
      ['rep/out.sarif.json', 'own-output'],
      ['rep/out.txt', 'own-output'],
      ['rep/report.html', 'own-output'],
    ]);
    expect(out.summary).toMatchObject({ files: 2, errors: 2, skipped: 5 });
    expect(r.stderr).toContain('disclosure-check: skipped rep/report.html: the output of disclosure-check itself (-f html), not a report\n');
    expect(cli(['rep', '--lang', 'zh'], { cwd: dir }).stderr).toContain('disclosure-check: 已跳过 rep/out.json：是 disclosure-check 自己的输出（-f json），不是报告\n');
    // named, it is refused
    expect(cli(['rep/out.json'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'disclosure-check: rep/out.json: the output of disclosure-check itself (-f json), not a report\n' });
    // a page written before the generator was named in it: told by its title
    const page = readFileSync(join(dir, 'rep', 'report.html'), 'utf8');
    writeFileSync(join(dir, 'rep', 'report.html'), page.replace(/<meta name="generator"[^>]*>\n/, ''));
    expect(cli(['rep/report.html'], { cwd: dir }).stderr).toBe('disclosure-check: rep/report.html: the output of disclosure-check itself (-f html), not a report\n');
    const json = JSON.parse(readFileSync(join(dir, 'rep', 'out.json'), 'utf8'));
    delete json.tool;
    writeFileSync(join(dir, 'rep', 'out.json'), JSON.stringify(json));
    expect(cli(['rep/out.json'], { cwd: dir }).stderr).toBe('disclosure-check: rep/out.json: the output of disclosure-check itself (-f json), not a report\n');
  });

  it('skips the file its own stdout is redirected to (`> rep/check.txt`), which the shell made empty before the run', () => {
    const dir = withOwnOutputs();
    const fd = openSync(join(dir, 'rep', 'check.txt'), 'w');
    const r = spawnSync(process.execPath, [BIN, 'rep'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
    closeSync(fd);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("disclosure-check: skipped rep/check.txt: this run's own output (its stdout or stderr is written to this file), not a report\n");
    expect(readFileSync(join(dir, 'rep', 'check.txt'), 'utf8')).toMatch(/✖ 2 files checked: 1 passed, 1 failed; 2 errors, 0 warnings; 6 files skipped\n$/);
  });

  it('skips JSON with no key a report has (package.json, a JSON Schema) even when it speaks of 信息公开; JSON holding a report stays an error', () => {
    const dir = tempDir('dc-json-');
    copyFileSync(fixture('seed/xiangyang-jxj-2021.csv'), join(dir, 'good.csv'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "x", "description": "检查政府信息公开工作年度报告" }\n');
    copyFileSync(join(ROOT, 'schemas', 'report-2021.schema.json'), join(dir, 'report.schema.json'));
    writeFileSync(join(dir, 'list.json'), '[{ "file": "a.txt", "note": "信息公开" }]\n');
    const r = cli(['-f', 'json', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.skipped.map((x: { file: string; code: string }) => [x.file, x.code])).toEqual([
      ['list.json', 'not-a-report'],
      ['package.json', 'not-a-report'],
      ['report.schema.json', 'not-a-report'],
    ]);
    writeFileSync(join(dir, 'wrapped.json'), '{ "report": { "proactive": {} } }\n');
    writeFileSync(join(dir, 'listed.json'), '[{ "format": "2021", "requests": {} }]\n');
    const wrapped = cli(['.'], { cwd: dir });
    expect(wrapped.status).toBe(2);
    expect(wrapped.stderr).toContain('disclosure-check: listed.json: the JSON is not a report object');
    expect(wrapped.stderr).toContain('disclosure-check: wrapped.json: a JSON object, but not a report');
  });

  it('checking this repository skips its package.json and schemas, as the README says', () => {
    const r = cli(['-f', 'json', '.']);
    const { results, skipped } = JSON.parse(r.stdout);
    const names = skipped.map((x: { file: string }) => x.file);
    for (const file of ['package.json', 'schemas/report-2019.schema.json', 'schemas/report-2021.schema.json']) expect(names).toContain(file);
    const fatal = results.filter((x: { fatal?: unknown }) => x.fatal).map((x: { file: string }) => x.file);
    expect(fatal.every((file: string) => file.startsWith('fixtures/'))).toBe(true);
  });
});

describe('hidden entries and node_modules', () => {
  it('a folder or a pattern passes them over silently, as the README says; named, they are checked', () => {
    const dir = tempDir('dc-hidden-');
    mkdirSync(join(dir, 'r', '.drafts'), { recursive: true });
    mkdirSync(join(dir, 'r', 'node_modules', 'x'), { recursive: true });
    copyFileSync(fixture('seed/xiangyang-jxj-2021.csv'), join(dir, 'r', 'good.csv'));
    for (const file of ['.drafts/bad.csv', '.hidden.csv', 'node_modules/x/bad.csv']) copyFileSync(fixture('broken/row-total.csv'), join(dir, 'r', file));
    for (const args of [['r'], ['r/**/*.csv']]) {
      const r = cli(['-f', 'json', ...args], { cwd: dir });
      expect(r, args[0]).toMatchObject({ status: 0, stderr: '' });
      expect(JSON.parse(r.stdout)).toMatchObject({ results: [{ file: 'r/good.csv' }], skipped: [], summary: { files: 1, skipped: 0 } });
    }
    for (const named of ['r/.drafts', 'r/.drafts/*.csv', 'r/.hidden.csv', 'r/node_modules']) expect(cli([named], { cwd: dir }).status, named).toBe(1);
    expect(cli(['r/node_modules/**/*.csv'], { cwd: dir }).status).toBe(2);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('A folder is searched without its hidden entries (a name that starts with `.`');
    expect(readme).toContain('and without `node_modules`, silently');
  });
});
