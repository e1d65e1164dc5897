import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkJson, fixture } from './helpers/cli.js';

/**
 * The twelve published reports of fixtures/real/, hand-checked in INDEX.md and ../real-expected.json (beside the folder, so that checking fixtures/real finds only reports). Every
 * error and every `text.*` warning the checker gives must be one of the verdicts there, and every
 * verdict must be given: rule for rule.
 */

interface Expected {
  file: string;
  format: string;
  violations: { rule: string; detail: string }[];
}
const EXPECTED = JSON.parse(readFileSync(fixture('real-expected.json'), 'utf8')) as Expected[];

/** real-expected.json's verdict names → the checker's rule ids. */
function ruleOf(verdict: string): string {
  const [kind, what] = verdict.split(':') as [string, string];
  if (kind === 'reconcile') return 'requests.balance';
  if (kind === 'rowtotal') return 'requests.row-total';
  if (kind === 'subtotal') return 'requests.results-total';
  if (kind === 'review') return 'appeals.total';
  if (kind === 'text') return `text.${what}`;
  if (verdict === 'structure:三(六)') return 'structure.single-row-group';
  if (verdict === 'structure:二(一)规章') return 'structure.missing-row';
  throw new Error(`unmapped verdict ${verdict}`);
}

/** INDEX.md: "table 2 flattened" / "table A flattened": the checker says it cannot read table 二 (a missing table, in the page's words). */
const TABLE_2_RUN_TOGETHER = new Set(['001.txt', '002.txt', '013.txt', '016.txt', '030.txt', '035.txt']);

/** The differences INDEX.md gives for the arithmetic verdicts (`diff -6`), as sizes. */
const diffOf = (detail: string) => Math.abs(Number(/diff ([+-]?\d+)/.exec(detail)?.[1]));

describe('the real reports of fixtures/real/ (INDEX.md)', () => {
  for (const expected of EXPECTED) {
    it(`${expected.file}: ${expected.violations.length ? expected.violations.map((v) => v.rule).join(', ') : 'no violation'}`, () => {
      const { run, result } = checkJson(fixture(`real/${expected.file}`));
      expect(run.stderr).toBe('');
      expect(result.fatal).toBeUndefined();
      expect(result.format).toBe(expected.format);

      const verdicts = expected.violations.map((v) => ruleOf(v.rule));
      if (TABLE_2_RUN_TOGETHER.has(expected.file)) verdicts.push('structure.missing-table');
      const given = result.findings.filter((f) => f.severity === 'error' || f.rule.startsWith('text.')).map((f) => f.rule);
      expect(given.sort()).toEqual(verdicts.sort());

      // The arithmetic findings are off by the amounts INDEX.md states.
      const arithmetic = ['requests.balance', 'requests.row-total', 'requests.results-total', 'appeals.total'];
      const sizes = (xs: number[]) => xs.sort((a, b) => a - b);
      expect(sizes(result.findings.filter((f) => arithmetic.includes(f.rule)).map((f) => Math.abs(f.difference!)))).toEqual(
        sizes(expected.violations.filter((v) => arithmetic.includes(ruleOf(v.rule))).map((v) => diffOf(v.detail))),
      );
      expect(run.status).toBe(result.errorCount > 0 ? 1 : 0);
    });
  }

  it('011.txt: the 126 blank cells of table 三 are reported and read as 0', () => {
    const { result } = checkJson(fixture('real/011.txt'));
    const blanks = result.findings.filter((f) => f.rule === 'cell.blank').flatMap((f) => f.cells);
    expect(blanks.filter((c) => c.startsWith('/requests/'))).toHaveLength(126);
    // the blank （六）其他处理 row of the 2019 format is a row of blanks, not a missing row
    expect(blanks).toContain('/requests/results/otherHandling/total');
    expect(result.findings.some((f) => f.rule === 'structure.missing-row')).toBe(false);
  });

  it('011.txt: the prose findings quote the sentence, give its line and the two numbers', () => {
    const { result } = checkJson(fixture('real/011.txt'));
    const granted = result.findings.find((f) => f.rule === 'text.granted')!;
    expect(granted.location).toEqual({ line: 14, column: 1 });
    expect(granted.actual).toBe(258);
    expect(granted.expected).toBe(275);
    expect(granted.message).toContain('予以公开及部分公开258件');
    const unavailable = result.findings.find((f) => f.rule === 'text.unable-to-provide')!;
    expect([unavailable.actual, unavailable.expected]).toEqual([265, 337]);
    const upheld = result.findings.find((f) => f.rule === 'text.review-outcome')!;
    expect(upheld.message).toContain('均获维持');
    expect(upheld.cells).toContain('/appeals/reconsideration/upheld');
  });

  it('030.txt and 033.txt: the received count in the prose against 一 总计', () => {
    const r030 = checkJson(fixture('real/030.txt')).result.findings.find((f) => f.rule === 'text.received-total')!;
    expect([r030.actual, r030.expected, r030.location?.line]).toEqual([7, 0, 6]);
    const r033 = checkJson(fixture('real/033.txt')).result.findings.filter((f) => f.rule.startsWith('text.'));
    expect(r033.map((f) => [f.rule, f.actual, f.expected])).toEqual([
      ['text.received-total', 4, 0],
      ['text.unable-to-provide', 1, 0],
    ]);
  });

  it('008.txt: a 2021 report with the 2019 single-row （六）: one structure error, and the row is still added up', () => {
    const { result } = checkJson(fixture('real/008.txt'));
    const single = result.findings.find((f) => f.rule === 'structure.single-row-group')!;
    expect(single.cells).toEqual(['/requests/results/otherHandling']);
    expect(single.location?.line).toBe(80);
    // no schema noise about the three items the row stands for
    expect(result.findings.filter((f) => f.rule.startsWith('schema.') || f.rule === 'structure.missing-row')).toEqual([]);
  });
});
