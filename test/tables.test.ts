import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cells, formatDef, labelOf, shortRowLabel } from '../src/tables/index.js';
import { reportSchema } from '../src/validate/schema.js';
import { fixture } from './helpers/cli.js';

const format = formatDef('2021');
const table = (id: string) => format.tables.find((t) => t.id === id)!;

describe('the 2021 table definition', () => {
  it('has the 25 numeric rows of table 三, each with the 7 applicant columns', () => {
    const requests = table('requests');
    expect(requests.rows).toHaveLength(25);
    for (const row of requests.rows)
      expect(row.columns.map((c) => c.label.zh)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  });

  it('has table 四 as three groups of five and table 二 as six rows', () => {
    expect(table('appeals').rows.map((r) => r.columns.length)).toEqual([5, 5, 5]);
    expect(table('proactive').rows.map((r) => r.pointer)).toEqual([
      '/proactive/regulations',
      '/proactive/normativeDocuments',
      '/proactive/licensing',
      '/proactive/punishment',
      '/proactive/coercion',
      '/proactive/fees',
    ]);
  });

  it('addresses every cell of the seed JSON, and nothing else', () => {
    const seed = JSON.parse(readFileSync(fixture('seed/xiangyang-jxj-2021.json'), 'utf8'));
    const leaves: string[] = [];
    const walk = (node: unknown, pointer: string) => {
      if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k}`);
      else leaves.push(pointer);
    };
    for (const id of ['proactive', 'requests', 'appeals']) walk(seed[id], `/${id}`);
    expect(new Set(leaves)).toEqual(new Set(cells(format).keys()));
  });

  it('names cells with the official labels a person reads', () => {
    expect(labelOf(format, '/requests/results/unavailable/notHeld/total')).toEqual({
      zh: '（四）无法提供 1.本机关不掌握相关政府信息 · 总计',
      en: '(4) cannot be provided not held by this agency · total',
    });
    expect(labelOf(format, '/requests/newReceived/natural').zh).toBe('一、本年新收政府信息公开申请数量 · 自然人');
    // the short names of a formula's terms: a group written as one row has its label, not its pointer
    expect(shortRowLabel(format, '/requests/results/denied')).toEqual({ zh: '（三）不予公开', en: '(3) not disclosed' });
    expect(shortRowLabel(format, '/requests/newReceived')).toEqual({ zh: '一', en: 'I' });
  });

  it('is what the committed JSON Schema was generated from (npm run schemas)', () => {
    const committed = JSON.parse(readFileSync(new URL('../schemas/report-2021.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(reportSchema(format));
  });
});
