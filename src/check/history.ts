/**
 * Cross-year rules: this year's report against last year's, of the same agency. What a reviewer
 * does with the two reports side by side: the requests carried over must be the ones carried
 * forward, the documents in force must follow from last year's, and a table copied unchanged from
 * last year is suspicious. Works on any format: cells are found through each report's own table
 * definition, and a rule whose cells one of the formats lacks says nothing.
 */
import type { Finding, LocatedReport, RuleClass, Severity } from '../model.js';
import { cells, formatDef, labelOf, type FormatDef, type Text } from '../tables/index.js';
import { getAt } from '../pointer.js';
import { readValue } from './evaluate.js';

/** The history rules, in the shape `rules` lists them. */
export const HISTORY_RULES: { id: string; class: RuleClass; severity: Severity; description: Text }[] = [
  {
    id: 'history.carried-over',
    class: 'heuristic',
    severity: 'error',
    description: {
      zh: '与上年报告比对：本年“二、上年结转”每一列 = 上年“四、结转下年度继续办理”同一列',
      en: "with last year's report: this year's II (carried over) = last year's IV (carried forward), per column",
    },
  },
  {
    id: 'history.in-force',
    class: 'heuristic',
    severity: 'warning',
    description: {
      zh: '与上年报告比对：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（2019 与 2021 格式之间不比对）',
      en: "with last year's report: in force = last year's in force + issued − repealed (not across the 2019/2021 formats)",
    },
  },
  {
    id: 'history.identical',
    class: 'heuristic',
    severity: 'warning',
    description: {
      zh: '与上年报告比对：表三、表四与上年完全相同且不全为 0（疑为照抄上年数据）',
      en: "with last year's report: tables III and IV are identical to last year's and not all zero (copied data?)",
    },
  },
];

const rule = (id: string) => HISTORY_RULES.find((r) => r.id === id)!;

/** Who published the report and for which year, from its metadata (readers fill it from the title). */
export function identityOf(report: LocatedReport): { agency?: string; year?: number } {
  const { agency, year } = report.data;
  const out: { agency?: string; year?: number } = {};
  if (typeof agency === 'string' && agency.trim() !== '') out.agency = agency.trim();
  if (typeof year === 'number' && Number.isInteger(year)) out.year = year;
  else if (typeof year === 'string' && /^\s*\d{4}\s*$/.test(year)) out.year = Number(year);
  return out;
}

/** Agencies compare by name without spacing and width differences. */
export const agencyKey = (agency: string): string => agency.normalize('NFKC').replace(/\s+/g, '');

/**
 * Why a report given as last year's (`--previous`) cannot be: another agency, or not the year
 * before, when both reports say. Undefined when it may be.
 */
export function notLastYears(current: LocatedReport, previous: LocatedReport): Text | undefined {
  const now = identityOf(current);
  const then = identityOf(previous);
  if (now.agency !== undefined && then.agency !== undefined && agencyKey(now.agency) !== agencyKey(then.agency))
    return { zh: `是${then.agency}的报告，不是${now.agency}的`, en: `is the report of ${then.agency}, not of ${now.agency}` };
  if (now.year !== undefined && then.year !== undefined && then.year !== now.year - 1)
    return { zh: `是 ${then.year} 年的报告，不是 ${now.year - 1} 年的`, en: `is the ${then.year} report, not ${now.year - 1}'s` };
  return undefined;
}

/**
 * Batch mode: pairs each report with the report of the same agency for the year before.
 * Returns current index → previous index. An agency with two reports for one year is ambiguous:
 * those reports are not paired.
 */
export function pairConsecutive(identities: { agency?: string; year?: number }[], byAgencyYear = reportsByAgencyYear(identities)): Map<number, number> {
  const pairs = new Map<number, number>();
  identities.forEach(({ agency, year }, i) => {
    if (agency === undefined || year === undefined) return;
    const same = byAgencyYear.get(`${agencyKey(agency)}\u0000${year}`)!;
    const before = byAgencyYear.get(`${agencyKey(agency)}\u0000${year - 1}`);
    if (same.length === 1 && before?.length === 1) pairs.set(i, before[0]!);
  });
  return pairs;
}

/**
 * `pairConsecutive`, and a note for each agency and year that has several reports in the batch
 * while a year beside it has one: those are not compared, and without the note nothing would say so
 * (a batch holding a report twice, as CSV and as JSON, say).
 */
export function pairYears(identities: { agency?: string; year?: number }[], files: readonly string[], note: (text: Text) => void = () => {}): Map<number, number> {
  const byAgencyYear = reportsByAgencyYear(identities);
  for (const same of byAgencyYear.values()) {
    if (same.length < 2) continue;
    const { agency, year } = identities[same[0]!] as { agency: string; year: number };
    const beside = [year - 1, year + 1].some((y) => byAgencyYear.has(`${agencyKey(agency)}\u0000${y}`));
    if (!beside) continue;
    const named = same.map((i) => files[i]);
    note({
      zh: `${agency} ${year} 年的报告有 ${same.length} 份（${named.join('、')}），未与相邻年份比较`,
      en: `${agency} has ${same.length} reports for ${year} (${named.join(', ')}): not compared with the years beside it`,
    });
  }
  return pairConsecutive(identities, byAgencyYear);
}

/** The indices of the reports of each agency and year (`agencyKey` NUL year), in input order. */
function reportsByAgencyYear(identities: { agency?: string; year?: number }[]): Map<string, number[]> {
  const byAgencyYear = new Map<string, number[]>();
  identities.forEach(({ agency, year }, i) => {
    if (agency === undefined || year === undefined) return;
    const key = `${agencyKey(agency)}\u0000${year}`;
    const same = byAgencyYear.get(key);
    if (same) same.push(i);
    else byAgencyYear.set(key, [i]);
  });
  return byAgencyYear;
}

/** The cross-year findings for `current`, compared with `previous` (read from `previousFile`). */
export function compareYears(current: LocatedReport, previous: LocatedReport, previousFile: string): Finding[] {
  const now = formatDef(current.format);
  const before = formatDef(previous.format);
  const lastYear = identityOf(previous).year;
  // The file is named once, beside the result (`previous`); messages say which year.
  const theirs: Text = lastYear
    ? { zh: `${lastYear} 年报告`, en: `the ${lastYear} report` }
    : { zh: `上年报告（${previousFile}）`, en: `last year's report (${previousFile})` };
  return [...carriedOver(current, previous, now, before, theirs), ...inForce(current, previous, now, before, theirs), ...identical(current, previous, now, before, theirs)];
}

function finding(id: string, current: LocatedReport, cell: string, message: Text, numbers: Partial<Finding> = {}): Finding {
  const location = current.sources.get(cell);
  const r = rule(id);
  return { rule: r.id, severity: r.severity, message, cells: [cell], ...numbers, ...(location ? { location } : {}) };
}

function carriedOver(current: LocatedReport, previous: LocatedReport, now: FormatDef, before: FormatDef, theirs: Text): Finding[] {
  const row = now.tables.flatMap((t) => t.rows).find((r) => r.pointer === '/requests/carriedOver');
  const out: Finding[] = [];
  for (const column of row?.columns ?? []) {
    const here = `/requests/carriedOver/${column.key}`;
    const there = `/requests/carriedForward/${column.key}`;
    if (!cells(before).has(there)) continue;
    const actual = readValue(current.data, here);
    const expected = readValue(previous.data, there);
    if (actual === undefined || expected === undefined || actual === expected) continue;
    const a = labelOf(now, here);
    const b = labelOf(before, there);
    out.push(
      finding(
        'history.carried-over',
        current,
        here,
        {
          zh: `上年结转应等于上年的结转下年度：${a.zh} 应为 ${expected}（${theirs.zh}“${b.zh}”），实为 ${actual}`,
          en: `carried over must equal last year's carried forward: ${a.en} should be ${expected} ("${b.en}" in ${theirs.en}), found ${actual}`,
        },
        { expected, actual, difference: actual - expected },
      ),
    );
  }
  return out;
}

/** A row whose columns are the 2021 table 二 document columns (本年制发 / 本年废止 / 现行有效). */
const hasDocumentColumns = (format: FormatDef, row: string): boolean =>
  ['issued', 'repealed', 'inForce'].every((key) => cells(format).has(`${row}/${key}`)) &&
  cells(format).get(`${row}/inForce`)!.column.label.zh === '现行有效件数';

function inForce(current: LocatedReport, previous: LocatedReport, now: FormatDef, before: FormatDef, theirs: Text): Finding[] {
  if (now.version !== before.version) return []; // table 二 changed between the formats
  const out: Finding[] = [];
  for (const row of now.tables.flatMap((t) => t.rows)) {
    if (!hasDocumentColumns(now, row.pointer) || !hasDocumentColumns(before, row.pointer)) continue;
    const cell = `${row.pointer}/inForce`;
    const actual = readValue(current.data, cell);
    const last = readValue(previous.data, cell);
    const issued = readValue(current.data, `${row.pointer}/issued`);
    const repealed = readValue(current.data, `${row.pointer}/repealed`);
    if (actual === undefined || last === undefined || issued === undefined || repealed === undefined) continue;
    const expected = last + issued - repealed;
    if (actual === expected) continue;
    const label = labelOf(now, cell);
    out.push(
      finding(
        'history.in-force',
        current,
        cell,
        {
          zh: `现行有效件数与上年不衔接：${label.zh} 应为 ${expected}（${theirs.zh} ${last} + 本年制发 ${issued} − 本年废止 ${repealed}），实为 ${actual}`,
          en: `in force does not follow from last year: ${label.en} should be ${expected} (${last} in ${theirs.en} + issued ${issued} − repealed ${repealed}), found ${actual}`,
        },
        { expected, actual, difference: actual - expected },
      ),
    );
  }
  return out;
}

function identical(current: LocatedReport, previous: LocatedReport, now: FormatDef, before: FormatDef, theirs: Text): Finding[] {
  if (now.version !== before.version) return [];
  const compared = [...cells(now).values()].filter((c) => c.table.id === 'requests' || c.table.id === 'appeals').map((c) => c.pointer);
  let nonZero = false;
  for (const pointer of compared) {
    const a = getAt(current.data, pointer);
    if (a !== getAt(previous.data, pointer)) return [];
    if (typeof a === 'number' && a !== 0) nonZero = true;
  }
  if (!nonZero) return [];
  return [
    {
      ...finding('history.identical', current, '/requests/newReceived/natural', {
        zh: `表三、表四与${theirs.zh}完全相同，疑为照抄上年数据`,
        en: `tables III and IV are identical to ${theirs.en}: copied data?`,
      }),
      cells: ['/requests', '/appeals'],
    },
  ];
}
