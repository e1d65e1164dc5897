import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../src/validate/schema.js';
import { FORMAT_VERSIONS, formatDef, labelOf } from '../src/tables/index.js';
import { instances } from '../src/check/evaluate.js';
import { fixture } from './helpers/cli.js';

describe('the 2019 format', () => {
  it('has its schema generated from the table definition and committed (npm run schemas)', () => {
    expect(FORMAT_VERSIONS.sort()).toEqual(['2019', '2021']);
    for (const version of FORMAT_VERSIONS) {
      const committed = JSON.parse(readFileSync(fixture(`../schemas/report-${version}.schema.json`), 'utf8'));
      expect(committed).toEqual(JSON.parse(JSON.stringify(reportSchema(formatDef(version)))));
    }
  });

  it('has 23 numeric rows in table 三, （六）其他处理 one of them, and the rules expand over it', () => {
    const format = formatDef('2019');
    const requests = format.tables.find((t) => t.id === 'requests')!;
    expect(requests.rows).toHaveLength(23);
    expect(labelOf(format, '/requests/results/otherHandling/total').zh).toBe('（六）其他处理 · 总计');
    const total = instances(format).find((i) => i.rule.id === 'requests.results-total' && i.target === '/requests/results/total/total')!;
    expect(total.plus).toContain('/requests/results/otherHandling/total');
    expect(total.plus).toHaveLength(19); // （一）（二）, 8 + 3 + 5 items, （六）
  });

  it('has the 2019 table 二: 本年增/减 may be negative, 政府集中采购 has an amount', () => {
    const schema = reportSchema(formatDef('2019')) as { properties: { proactive: { properties: Record<string, { properties: Record<string, { $ref: string }> }> } } };
    const proactive = schema.properties.proactive.properties;
    expect(Object.keys(proactive)).toEqual(['regulations', 'normativeDocuments', 'licensing', 'otherServices', 'punishment', 'coercion', 'fees', 'procurement']);
    expect(proactive.punishment!.properties.change!.$ref).toBe('#/definitions/delta');
    expect(proactive.procurement!.properties.amount!.$ref).toBe('#/definitions/amount');
  });
});
