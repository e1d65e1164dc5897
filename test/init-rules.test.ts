import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../src/report/common.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

describe('disclosure-check init', () => {
  it('writes a blank 2021 CSV template that the checker passes', () => {
    const dir = tempDir('dc-init-');
    const r = cli(['init'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('report.csv: blank 2021 template written (CSV)\n');
    const check = cli(['report.csv'], { cwd: dir });
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings');
  });

  it('lays the CSV out exactly as the seed report’s spreadsheet export, every number 0', () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8')
      .split('\n')
      .map((line, i) => (i === 0 ? '（机关名称）政府信息公开工作年度报告' : line.split(',').map((f) => (/^\d+(\.\d+)?$/.test(f) ? '0' : f)).join(',')))
      .join('\n');
    expect(cli(['init', '-']).stdout).toBe(seed);
  });

  it('writes canonical JSON with --as json (or a .json name), which passes too', () => {
    const dir = tempDir('dc-init-');
    expect(cli(['init', '--as', 'json'], { cwd: dir }).status).toBe(0);
    expect(cli(['init', 'blank.json'], { cwd: dir }).status).toBe(0);
    const data = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(data.format).toBe('2021');
    expect(data.requests.results.total).toEqual({ natural: 0, commercial: 0, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: 0 });
    expect(readFileSync(join(dir, 'blank.json'), 'utf8')).toBe(readFileSync(join(dir, 'report.json'), 'utf8'));
    const check = cli(['-f', 'json', 'report.json', 'blank.json'], { cwd: dir });
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).summary).toMatchObject({ files: 2, passed: 2, errors: 0, warnings: 0 });
  });

  it('writes the 2019 template with --format-version 2019, read back as 2019 and passing', () => {
    const dir = tempDir('dc-init-');
    expect(cli(['init', '--format-version', '2019', 'old.csv'], { cwd: dir }).stdout).toBe('old.csv: blank 2019 template written (CSV)\n');
    expect(cli(['init', '--format-version', '2019', 'old.json'], { cwd: dir }).status).toBe(0);
    const csv = readFileSync(join(dir, 'old.csv'), 'utf8');
    expect(csv).toContain('信息内容,本年新制作数量,本年新公开数量,对外公开总数量\n规章,0,0,0\n');
    expect(csv).toContain(',（六）其他处理,,0,0,0,0,0,0,0\n');
    const data = JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8'));
    expect(data.format).toBe('2019');
    expect(data.requests.results.otherHandling).toEqual({ natural: 0, commercial: 0, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: 0 });
    const check = cli(['-f', 'json', 'old.csv', 'old.json'], { cwd: dir });
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).results.map((r: { format: string; findings: unknown[] }) => [r.format, r.findings])).toEqual([
      ['2019', []],
      ['2019', []],
    ]);
  });

  it('refuses to overwrite an existing file unless --force, and leaves it as it was', () => {
    const dir = tempDir('dc-init-');
    const file = join(dir, '2021.csv');
    writeFileSync(file, 'my filled-in report\n');
    const r = cli(['init', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`disclosure-check: ${file}: already exists; not overwritten (use --force to replace it)\n`);
    expect(readFileSync(file, 'utf8')).toBe('my filled-in report\n');
    expect(readdirSync(dir)).toEqual(['2021.csv']);
    expect(cli(['init', file, '--force']).status).toBe(0);
    expect(cli([file]).status).toBe(0);
  });

  it('says so in one line when --as and the file name disagree, or the place cannot be written', () => {
    const dir = tempDir('dc-init-');
    const mismatch = cli(['init', 'x.csv', '--as', 'json'], { cwd: dir });
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toBe('disclosure-check: x.csv: a JSON file must be named .json, not .csv\n');
    const nowhere = cli(['init', join(dir, 'no', 'such', 'dir.csv')]);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toMatch(/^disclosure-check: .*dir\.csv: no such folder\n$/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    const bad = cli(['init', '--as', 'xlsx'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')).toHaveLength(2);
  });
});

describe('disclosure-check rules', () => {
  const all = ALL_RULES;

  it('lists every rule with its class, severity and description, in the chosen language', () => {
    const en = cli(['rules', '--lang', 'en']);
    expect(en.status).toBe(0);
    const lines = en.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^rule\s+class\s+severity\s+description$/);
    expect(lines).toHaveLength(all.length + 1);
    expect(lines[1]).toMatch(/^requests\.balance\s+official\s+error\s+table III, each column: new \+ carried over/);
    const zh = cli(['rules'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout.split('\n')[0]).toMatch(/^规则\s+类别\s+级别\s+说明$/);
    expect(zh.stdout).toContain('表三每一列：第一项加第二项之和，等于第三项加第四项之和');
    // --lang given before the subcommand's name counts too; its own wins
    expect(cli(['--lang', 'zh', 'rules']).stdout).toBe(zh.stdout);
    expect(cli(['--lang', 'zh', 'rules', '--lang', 'en']).stdout).toBe(en.stdout);
  });

  it('--format json gives the catalog as data', () => {
    const r = cli(['rules', '--format', 'json', '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(all.map((rule) => ({ id: rule.id, class: rule.class, severity: rule.severity, description: rule.description.zh })));
    // given before the subcommand's name, the check's parser takes it: it is passed on, or refused
    expect(cli(['-f', 'json', '--lang', 'zh', 'rules'])).toEqual(r);
    // rules' own format, which the check does not have
    expect(cli(['-f', 'text', 'rules'])).toEqual(cli(['rules', '-f', 'text']));
    expect(cli(['-f', 'sarif', 'rules'])).toEqual({ status: 2, stdout: '', stderr: 'disclosure-check: rules -f/--format is one of text, json, not "sarif"\n' });
    expect(cli(['--strict', 'rules'])).toEqual({ status: 2, stdout: '', stderr: 'disclosure-check: --strict is an option of the check, not of rules\n' });
  });
});
