/**
 * A report published as a PDF, its text saved with `pdftotext -layout` (poppler): the tables' cells
 * are spaced out on lines, a label cell taller than its numbers wraps over lines of its own (its
 * numbers on the line after), and a group's label (（三）不予公开), a cell spanning its items'
 * rows, is drawn halfway down them, after its first items. The real one is fixtures/real/008.layout.txt
 * (008.pdf's text); the property below draws such pages from random reports. Seeded, so a failure
 * replays: PDF_SEED=<seed> PDF_RUNS=<n> npx vitest run test/pdf-text.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFile, loadReport } from '../src/pipeline.js';
import { formatDef } from '../src/tables/index.js';
// @ts-expect-error -- a plain .mjs script, shared with `npm run bench`
import { consistentValues, random } from '../scripts/bench/generate.mjs';
import { fixture, tempDir } from './helpers/cli.js';

const FORMAT = formatDef('2021');
const rowsOf = (id: string) => FORMAT.tables.find((t) => t.id === id)!.rows;

/** `pdftotext -layout` puts a space where a cell's text wrapped inside its box (`只计这一情 形`). */
const spaced = (label: string, rng: Rng) => {
  const from = (/^(?:\d+\.|（[一二三四五六七]）|[一二三四]、)/.exec(label)?.[0].length ?? 0) + 1; // not in its numbering
  if (rng.next() < 0.7 || label.length - from < 2) return label;
  const at = from + rng.int(label.length - from - 1);
  return `${label.slice(0, at)} ${label.slice(at)}`;
};

interface Rng {
  next(): number;
  int(n: number): number;
}

const pad = (n: number) => ' '.repeat(n);

/** One row: its label (indented), the numbers spaced out; a long label wrapped, its numbers on the last line or a line of their own. */
function row(label: string, numbers: number[], rng: Rng, indent: number): string[] {
  const cells = numbers.map((n) => pad(1 + rng.int(4)) + String(n)).join('');
  if (label.length >= 12 && rng.next() < 0.5) {
    const cut = 4 + rng.int(label.length - 7);
    const [head, tail] = [label.slice(0, cut), label.slice(cut)];
    return rng.next() < 0.5
      ? [pad(indent) + head, pad(indent) + tail, pad(indent + 30) + cells]
      : [pad(indent) + head, pad(indent) + tail + pad(4) + cells];
  }
  return [pad(indent) + spaced(label, rng) + pad(4 + rng.int(8)) + cells];
}

/** A PDF's text of a report with these values. */
function render(values: Map<string, number>, rng: Rng): string {
  const at = (pointer: string, keys: readonly string[]) => keys.map((k) => values.get(`${pointer}/${k}`)!);
  const lines = ['                洪泽区人民政府', '      2023 年政府信息公开工作年度报告', '', '   一、总体情况', '   2023 年，本机关依法做好政府信息公开工作。', '     二、主动公开政府信息情况'];
  const proactive = rowsOf('proactive');
  const heads: Record<string, string[]> = {
    '/proactive/regulations': ['              第二十条第（一）项', '       信息内容   本年制发件数    本年废止件数    现行有效件数'],
    '/proactive/licensing': ['              第二十条第（五）项', '       信息内容            本年处理决定数量'],
    '/proactive/punishment': ['              第二十条第（六）项', '       信息内容            本年处理决定数量'],
    '/proactive/fees': ['              第二十条第（八）项', '       信息内容            本年收费金额（单位：万元）'],
  };
  for (const def of proactive) {
    lines.push(...(heads[def.pointer] ?? []));
    lines.push(`${def.label.zh}${pad(8 + rng.int(6))}${at(def.pointer, def.columns.map((c) => c.key)).join('       ')}`);
  }
  lines.push(
    '     三、收到和处理政府信息公开申请情况',
    '                                                              申请人情况',
    '                                                         法人或其他组织',
    '（本列数据的勾稽关系为：第一项加第二项之和， 等',
    '于第三项加第四项之和）',
    '                                             自然人         社会 法律                总计',
    '                                                   商业 科研',
    '                                                         公益 服务 其他',
    '                                                   企业 机构',
    '                                                         组织 机构',
    '',
  );
  // a group's items, its label drawn among them, halfway down (after the first item at least)
  const requests = rowsOf('requests');
  const byGroup = new Map<string, typeof requests>();
  for (const def of requests) if (def.group && def.group.pointer !== '/requests/results') byGroup.set(def.group.pointer, [...(byGroup.get(def.group.pointer) ?? []), def]);
  const results = requests.filter((def) => def.group?.pointer === '/requests/results' || byGroup.has(def.group?.pointer ?? ''));
  const resultsHeading = 1 + rng.int(results.length - 2); // 三、本年度办理结果, a cell spanning every result, spaced out
  const done = new Set<string>();
  let counted = 0;
  for (const def of requests) {
    const group = def.group && byGroup.get(def.group.pointer);
    if (group && !done.has(def.group!.pointer)) {
      done.add(def.group!.pointer);
      const labelAt = rng.int(group.length);
      const inline = rng.next() < 0.3; // on its item's line, when their middles are level
      group.forEach((item, i) => {
        if (i === labelAt && !inline) lines.push(`                  ${def.group!.label.zh}`);
        const [first, ...rest] = row(item.label.zh, at(item.pointer, item.columns.map((c) => c.key)), rng, 28);
        lines.push(i === labelAt && inline ? `                  ${def.group!.label.zh}  ${first!.trimStart()}` : first!, ...rest);
        if (++counted === resultsHeading) lines.push(' 三 、本 年 度办 理 结果', '', '');
        if (rng.next() < 0.05) lines.push('', `${pad(72)}-${2 + rng.int(3)}-`); // a page break
      });
      continue;
    }
    if (group) continue;
    lines.push(...row(def.label.zh, at(def.pointer, def.columns.map((c) => c.key)), rng, def.group ? 18 : 0));
    if (results.includes(def) && ++counted === resultsHeading) lines.push(' 三 、本 年 度办 理 结果', '', '');
  }
  const appeals = rowsOf('appeals').flatMap((def) => at(def.pointer, def.columns.map((c) => c.key)));
  lines.push(
    '',
    '     四、政府信息公开行政复议、行政诉讼情况',
    '          行政复议                              行政诉讼',
    '',
    '                              未经复议直接起诉                  复议后起诉',
    '',
    '结果   结果     其他   尚未',
    '                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未',
    '维持   纠正     结果   审结                                               总计',
    '                                          总 计',
    '                        维持 纠正 结果       审结     维持 纠正 结果 审结',
    '',
    appeals.map((n) => String(n).padEnd(4 + rng.int(3))).join(''),
    '',
    '     五、存在的主要问题及改进情况',
    '     本年度工作仍有不足。',
  );
  return `${lines.join('\n')}\n`;
}

describe('a PDF’s text, as pdftotext -layout writes it', () => {
  it('reads as the text made by hand from the same PDF (fixtures/real/008.txt): the same three errors', async () => {
    const rules = async (name: string) => (await checkFile(fixture(name))).findings.map((f) => [f.rule, f.expected, f.actual]);
    expect(await rules('real/008.layout.txt')).toEqual(await rules('real/008.txt'));
    expect(await rules('real/008.layout.txt')).toEqual([
      ['structure.single-row-group', undefined, undefined],
      ['appeals.total', 11, 0],
      ['appeals.total', 5, 0],
    ]);
  });

  it('takes nothing else for a label’s numbers: a column-number row under the header, prose ending in a number, a page number, labels then numbers', async () => {
    const dir = tempDir('dc-pdf-');
    const layout = readFileSync(fixture('real/008.layout.txt'), 'utf8').split('\n');
    const at = (start: string) => layout.findIndex((line) => line.startsWith(start));
    const variant = (name: string, index: number, lines: string[]) => {
      const file = join(dir, name);
      writeFileSync(file, [...layout.slice(0, index), ...lines, ...layout.slice(index)].join('\n'));
      return file;
    };
    const rules = async (file: string) => (await checkFile(file)).findings.map((f) => [f.rule, f.expected, f.actual]);
    const expected = await rules(fixture('real/008.layout.txt'));
    for (const file of [
      variant('column-numbers.txt', at('一、本年新收'), ['                      栏次                            1    2      3     4   5   6     7']),
      variant('prose.txt', at('   一、总体情况') + 1, ['   全年在“双公示”专栏公开行政处罚决定书，累计已公开', '共 5210', '条，均在法定期限内公开。']),
      variant('page-number.txt', at('                  计其他情形）') + 1, ['', '                                           - 3 -', '']),
    ])
      expect([file, await rules(file)]).toEqual([file, expected]);
    // every label first, then every row's numbers (a text not in row order): no label takes another's
    const file = join(dir, 'labels-first.txt');
    writeFileSync(file, '三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n四、结转下年度继续办理\n2 0 0 0 0 0 2\n0 0 0 0 0 0 0\n0 0 0 0 0 0 0\n');
    await expect(loadReport(file)).rejects.toThrow();
  });

  it('an item read by its number in its group, when its words are another item’s: `3.其他（申请人撤回申请、重复申请等）` is （六）3', async () => {
    const file = join(tempDir('dc-pdf-'), 'other.csv');
    writeFileSync(file, readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').replace(',,3.其他,', ',,3.其他（申请人撤回申请、重复申请等）,'));
    expect((await checkFile(file)).findings).toEqual([]);
  });

  it('any report: labels wrapped over lines, numbers on a line of their own, group labels halfway down their items, page breaks', async () => {
    const dir = tempDir('dc-pdf-');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const rng = random(seed) as Rng;
        const values = consistentValues(rng) as Map<string, number>;
        const file = join(dir, `${seed}.txt`);
        writeFileSync(file, render(values, rng));
        const report = await loadReport(file);
        const read = new Map([...values.keys()].map((pointer) => [pointer, pointer.split('/').slice(1).reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], report.data)]));
        expect(read).toEqual(values);
        expect((await checkFile(file)).findings.map((f) => f.rule)).toEqual([]);
      }),
      { seed: Number(process.env.PDF_SEED ?? 20231231), numRuns: Number(process.env.PDF_RUNS ?? 150), endOnFailure: true },
    );
  });
});
