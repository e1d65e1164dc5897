import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkFile } from '../src/pipeline.js';
import { formatter, summarize, FORMAT_NAMES, type Formatter } from '../src/report/index.js';
import { stepSummary } from '../src/report/github.js';
import { ALL_RULES } from '../src/report/common.js';
import type { FileResult } from '../src/model.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

const FILES = ['ci/good.csv', 'ci/broken-total.csv', 'ci/broken-appeals.json', 'ci/blank-cell.csv', 'ci/markup.csv'];
let results: FileResult[];
const unreadable: FileResult = {
  file: 'reports/empty.csv',
  ok: false,
  errorCount: 0,
  warningCount: 0,
  findings: [],
  fatal: { code: 'empty', message: { zh: 'reports/empty.csv：文件是空的', en: 'reports/empty.csv: the file is empty' } },
};

async function run(name: string, list: FileResult[] = results, lang: 'zh' | 'en' = 'en'): Promise<string> {
  const format = (await formatter(name)) as Formatter;
  return format(list, summarize(list), { lang, color: false });
}

beforeAll(async () => {
  results = [];
  for (const file of FILES) results.push(await checkFile(`fixtures/${file}`));
});

/** The SARIF 2.1.0 schema (the OASIS release-candidate copy an npm package ships). */
const require = createRequire(import.meta.url);
// Both packages are CommonJS: required, so that their default exports need no interop.
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: one pattern in the schema (language tags) is not valid under the u flag.
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('formatter registry', () => {
  it('offers the CI formats next to stylish and json', () => {
    expect(FORMAT_NAMES).toEqual(expect.arrayContaining(['stylish', 'json', 'junit', 'sarif', 'github', 'html']));
  });

  it('formatters are pure: the same results give the same text, and the results are not changed', async () => {
    const before = JSON.stringify(results);
    for (const name of ['junit', 'sarif', 'github', 'html']) expect(await run(name)).toBe(await run(name));
    expect(JSON.stringify(results)).toBe(before);
  });
});

describe('junit', () => {
  const parse = (xml: string) =>
    new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);

  it('is well-formed XML with a testsuite per file and a testcase per rule family', async () => {
    const xml = await run('junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parse(xml);
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; testcase: { name: string; failure?: { type: string; message: string } }[] }[];
    expect(suites.map((s) => s.name)).toEqual(FILES.map((f) => `fixtures/${f}`));
    const families = [...new Set(ALL_RULES.map((r) => r.id.split('.')[0]))];
    for (const suite of suites) expect(suite.testcase.map((c) => c.name)).toEqual(families);

    const broken = suites[1]!;
    expect(broken.failures).toBe('1');
    const requests = broken.testcase.find((c) => c.name === 'requests')!;
    expect(requests.failure?.type).toBe('requests.row-total');
    expect(requests.failure?.message).toContain('found 3');
    expect(suites[2]!.testcase.find((c) => c.name === 'appeals')!.failure?.type).toBe('appeals.total');
    // a warning alone does not fail the testcase
    expect(suites[3]!.failures).toBe('0');
    expect(doc.testsuites.failures).toBe('3');
    expect(doc.testsuites.tests).toBe(String(FILES.length * families.length));
  });

  it('escapes what the report says and counts an unreadable file as an error', async () => {
    const xml = await run('junit', [results[4]!, unreadable]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<img');
    const doc = parse(xml);
    expect(doc.testsuites.errors).toBe('1');
    const message = doc.testsuites.testsuite[0].testcase.find((c: { name: string }) => c.name === 'value').failure.message as string;
    expect(message).toContain('"<img src=x onerror=alert(1)>&amp;"');
  });
});

describe('sarif', () => {

  it('validates against the SARIF 2.1.0 JSON Schema', async () => {
    for (const list of [results, [unreadable], []]) {
      const log = JSON.parse(await run('sarif', list));
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('carries rule metadata from the catalog and each finding at its line and column', async () => {
    const log = JSON.parse(await run('sarif'));
    const run0 = log.runs[0];
    const rules = run0.tool.driver.rules as { id: string; defaultConfiguration: { level: string }; shortDescription: { text: string }; properties: { class: string } }[];
    for (const rule of ALL_RULES) {
      const descriptor = rules.find((r) => r.id === rule.id)!;
      expect(descriptor.defaultConfiguration.level).toBe(rule.severity);
      expect(descriptor.shortDescription.text).toBe(rule.description.en);
      expect(descriptor.properties.class).toBe(rule.class);
    }
    const balance = run0.results.find((r: { ruleId: string }) => r.ruleId === 'requests.balance');
    expect(rules[balance.ruleIndex]!.id).toBe('requests.balance');
    expect(balance.level).toBe('error');
    expect(balance.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'fixtures/ci/broken-total.csv', uriBaseId: '%SRCROOT%' },
      region: { startLine: 47, startColumn: 10 },
    });
    expect(balance.locations[0].logicalLocations[0].fullyQualifiedName).toBe('/requests/carriedForward/total');
    expect(balance.properties).toMatchObject({ expected: 1, actual: 0 });
    const json = run0.results.find((r: { ruleId: string }) => r.ruleId === 'appeals.total');
    expect(json.locations[0].physicalLocation.region).toEqual({ startLine: 51, startColumn: 90 });
    expect(run0.results.find((r: { ruleId: string }) => r.ruleId === 'cell.blank').level).toBe('warning');
  });

  it('reports an unreadable file as a failed invocation, and encodes file names as URIs', async () => {
    const chinese: FileResult = { ...results[1]!, file: '报告/襄阳 2021.csv' };
    const log = JSON.parse(await run('sarif', [unreadable, chinese]));
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toBe('reports/empty.csv: the file is empty');
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      `${encodeURIComponent('报告')}/${encodeURIComponent('襄阳 2021.csv')}`,
    );
    expect(validate(log)).toBe(true);
  });
});

describe('github', () => {
  it('writes a workflow command per finding, with file, line and column', async () => {
    const out = (await run('github')).split('\n');
    expect(out).toContain(
      '::error file=fixtures/ci/broken-total.csv,line=47,col=10,title=requests.balance::I + II must equal III(7) + IV: IV. carried forward to next year · total should be 1 (I 3 + II 0 − (7) total 2), found 0',
    );
    expect(out.filter((l) => l.startsWith('::error ')).length).toBe(4);
    expect(out.filter((l) => l.startsWith('::warning file=fixtures/ci/blank-cell.csv,line=6,col=3,title=cell.blank::')).length).toBe(1);
    expect(out).toContain('5 files checked: 2 passed, 3 failed; 4 errors, 1 warning');
  });

  it('escapes what would end a command early, and names an unreadable file', async () => {
    const odd: FileResult = {
      ...results[1]!,
      file: 'a,b:c.csv',
      findings: [{ ...results[1]!.findings[0]!, message: { zh: '50%\n::error::x', en: '50%\n::error::x' } }],
    };
    const out = await run('github', [odd, unreadable]);
    expect(out).toContain('::error file=a%2Cb%3Ac.csv,line=23,col=10,title=requests.row-total::50%25%0A::error::x\n');
    expect(out).toContain('::error file=reports/empty.csv,title=empty::reports/empty.csv: the file is empty\n');
  });

  it('makes a Markdown step summary: counts, a table of files, each file’s findings', () => {
    const md = stepSummary([...results, unreadable], summarize([...results, unreadable]), 'en');
    expect(md).toContain('❌ 6 files checked: 2 passed, 4 failed (1 unreadable); 4 errors, 1 warning');
    expect(md).toContain('| fixtures/ci/broken-total.csv | ❌ failed | 2 | 0 |');
    expect(md).toContain('| fixtures/ci/good.csv | ✅ passed | 0 | 0 |');
    expect(md).toContain('| reports/empty.csv | ❌ unreadable | 0 | 0 |');
    expect(md).toContain('| 47:10 | error | requests.balance |');
    // input text cannot inject HTML into the summary page
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;amp;');
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY when it is set, and only then', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = tempDir('dc-gh-');
    const file = join(dir, 'summary.md');
    writeFileSync(file, '## earlier step\n');
    const r = cli(['-f', 'github', fixture('ci/good.csv'), fixture('ci/broken-total.csv')], { env: { GITHUB_STEP_SUMMARY: file } });
    expect(r.status).toBe(1);
    const md = readFileSync(file, 'utf8');
    expect(md.startsWith('## earlier step\n## Disclosure report check\n')).toBe(true);
    expect(md).toContain('2 files checked: 1 passed, 1 failed; 2 errors, 0 warnings');
    expect(r.stdout).not.toContain('## Disclosure report check');
    const json = cli(['-f', 'json', fixture('ci/good.csv')], { env: { GITHUB_STEP_SUMMARY: file } });
    expect(json.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(md);
  });
});

describe('html', () => {
  it('draws the three tables with the cell to fix in red, its expected value, and warnings in amber', async () => {
    const page = await run('html', [results[1]!, results[3]!]);
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('2 files checked: 1 passed, 1 failed; 2 errors, 1 warning');
    for (const heading of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'])
      expect(page).toContain(`<h3>${heading}</h3>`);
    expect(page).toMatch(/<td class="value cell-error" data-cell="\/requests\/newReceived\/total" data-expected="2" title="[^"]*"[^>]*>3<span class="expected">expected 2<\/span><\/td>/);
    expect(page).toMatch(/<td class="value cell-error" data-cell="\/requests\/carriedForward\/total" data-expected="1"/);
    expect(page).toMatch(/<td class="value cell-warning" data-cell="\/proactive\/regulations\/repealed"/);
    expect(page).toMatch(/<td class="value" data-cell="\/requests\/newReceived\/natural">2<\/td>/);
    // 三、本年度办理结果 spans its 22 rows, as in the template
    expect(page).toContain('<td class="label" rowspan="22">三、本年度办理结果</td>');
  });

  it('escapes every piece of input text and stands alone (no scripts, no outside resources)', async () => {
    const renamed: FileResult = { ...results[4]!, file: 'x"><script>alert(1)</script>.csv' };
    const page = await run('html', [renamed, unreadable]);
    expect(page).not.toMatch(/<script|<img|src=["']?http|<link/i);
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;&#38;amp;');
    expect(page).toContain('x&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;.csv');
    expect(page).toContain('reports/empty.csv: the file is empty');
  });

  it('prints file by file: the summary, which needs every file, comes last and is shown first', async () => {
    const { htmlStream } = await import('../src/report/html.js');
    const stream = htmlStream({ lang: 'en', color: false });
    const sections = [results[1]!, results[3]!].map((r) => stream.file(r));
    expect(sections[0]).toMatch(/^<section class="report" id="report-0" data-file="[^"]+">/);
    expect(sections[1]).toMatch(/^<section class="report" id="report-1" /);
    const end = stream.end(summarize([results[1]!, results[3]!]));
    expect(end).toMatch(/^<div class="overview">/);
    expect(end.match(/<a href="#report-\d">/g)).toEqual(['<a href="#report-0">', '<a href="#report-1">']);
    expect(stream.start).toContain('.overview { order: -1; }');
  });

  it('speaks Chinese with --lang zh', async () => {
    const page = await run('html', [results[1]!], 'zh');
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<span class="expected">应为 2</span>');
  });
});

describe('-o writes any format to a file', () => {
  it('writes the whole report and nothing on stdout', async () => {
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = tempDir('dc-o-');
    for (const name of ['junit', 'sarif', 'github', 'html']) {
      const out = join(dir, `report.${name}`);
      const r = cli(['-f', name, '-o', out, fixture('ci/broken-total.csv')]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(cli(['-f', name, fixture('ci/broken-total.csv')]).stdout);
    }
    expect(readdirSync(dir).sort()).toEqual(['report.github', 'report.html', 'report.junit', 'report.sarif']);
    const missing = cli(['-f', 'sarif', '-o', join(dir, 'no-such-dir', 'x.sarif'), fixture('ci/good.csv')]);
    expect(missing.status).toBe(2);
    expect(readdirSync(dir)).toHaveLength(4);
  });
});

describe('suggestions, in every format', () => {
  let transposed: FileResult[];
  const HINT = 'most likely wrong: I. new requests received this year · natural persons is 21, should be 12 (digits transposed: 21 for 12); this one change resolves 2 findings';
  beforeAll(async () => {
    transposed = [await checkFile('fixtures/suggest/transposed-new-received.csv')];
  });

  it('github: a notice on the cell to correct, and a row in the step summary', async () => {
    expect((await run('github', transposed)).split('\n')).toContain(
      `::notice file=fixtures/suggest/transposed-new-received.csv,line=23,col=4,title=suggestion::${HINT}`,
    );
    expect(stepSummary(transposed, summarize(transposed), 'en')).toContain(`| 23:4 | hint | suggestion | ${HINT} |`);
  });

  it('junit: in the suite output', async () => {
    const xml = await run('junit', transposed);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`<system-out>23:4 hint ${HINT}</system-out>`);
  });

  it('sarif: a note at the cell, with the change as data, still valid SARIF', async () => {
    const log = JSON.parse(await run('sarif', transposed));
    const note = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'suggestion');
    expect(note).toMatchObject({ level: 'note', message: { text: HINT }, properties: { changes: [{ cell: '/requests/newReceived/natural', from: 21, to: 12 }] } });
    expect(note.locations[0].physicalLocation.region).toEqual({ startLine: 23, startColumn: 4 });
    expect(validate(log)).toBe(true);
  });

  it('html: listed with the findings, escaped', async () => {
    expect(await run('html', transposed)).toContain(`<li class="hint"><code>23:4</code> ${HINT}</li>`);
  });
});
