import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProse } from '../src/check/text.js';
import type { Finding, LocatedReport } from '../src/model.js';
import { loadReport } from '../src/pipeline.js';
import { fixture } from './helpers/cli.js';

/**
 * The prose rules' findings, whole (rule, message, cells, numbers, location, raw), pinned per
 * published fixture: real-reports.test.ts checks the rules given, this checks every word of them, so
 * that work on how the prose is read (speed, refactoring) cannot change what it says. The published
 * fixtures have few prose findings, so each real report's prose is also read against the tables of
 * every other real report of its format: a hundred-odd mismatches across the rules.
 *
 * A deliberate change of the findings: `UPDATE_PROSE_FINDINGS=1 npx vitest run test/prose-findings.test.ts`,
 * then read the diff of prose-findings.json.
 */
const GOLDEN = join(import.meta.dirname, 'prose-findings.json');

const PUBLISHED: [string, string][] = [
  ['real', '.txt'],
  ['layouts', '.txt'],
  ['html', '.html'],
];

async function findings(): Promise<Record<string, Finding[]>> {
  const out: Record<string, Finding[]> = {};
  const real: [string, LocatedReport][] = [];
  for (const [dir, ext] of PUBLISHED)
    for (const file of readdirSync(fixture(dir)).filter((f) => f.endsWith(ext)).sort()) {
      const name = `${dir}/${file}`;
      const report = await loadReport(fixture(name)).catch(() => undefined); // prose-only.txt, truncated.txt: no tables to read
      if (!report) continue;
      out[name] = checkProse(report);
      if (dir === 'real') real.push([name, report]);
    }
  for (const [a, prose] of real)
    for (const [b, tables] of real)
      // (the prose's year with it: a sentence about another year than the report's is not compared)
      if (a !== b && prose.format === tables.format) out[`${a} prose, ${b} tables`] = checkProse({ ...tables, data: { ...tables.data, year: prose.data.year }, prose: prose.prose! });
  return JSON.parse(JSON.stringify(out)) as Record<string, Finding[]>;
}

describe('the prose findings of the published fixtures (prose-findings.json)', () => {
  it('are the pinned ones, word for word and in order', async () => {
    const given = await findings();
    if (process.env.UPDATE_PROSE_FINDINGS) writeFileSync(GOLDEN, `${JSON.stringify(given, null, 1)}\n`);
    const pinned = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Finding[]>;
    expect(Object.keys(given)).toEqual(Object.keys(pinned));
    for (const key of Object.keys(pinned)) expect(given[key], key).toEqual(pinned[key]);
    // the net is worth having: it holds findings of most prose rules
    expect(new Set(Object.values(pinned).flat().map((f) => f.rule)).size).toBeGreaterThanOrEqual(10);
  });
});
