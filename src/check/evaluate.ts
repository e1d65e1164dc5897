import type { Finding, LocatedReport } from '../model.js';
import { cells, formatDef, labelOf, shortRowLabel, type FormatDef, type RowDef, type TableDef, type Text } from '../tables/index.js';
import { getAt } from '../pointer.js';
import { oncePer } from '../once.js';
import { CATALOG, type EquationCheck, type RuleDef } from './catalog.js';

/** One equation of a rule with its placeholders filled in: target = Σ plus − Σ minus. */
export interface Instance {
  rule: RuleDef;
  kind: EquationCheck['kind'];
  target: string;
  plus: string[];
  minus: string[];
}

/** Expands the catalog's equations over a format's rows and columns, once per format. */
export const instances = oncePer((format: FormatDef): Instance[] => {
  const known = cells(format);
  const rows = format.tables.flatMap((t) => t.rows);
  const out: Instance[] = [];
  for (const rule of CATALOG) {
    if (rule.check.kind === 'blank') continue;
    const check = rule.check;
    const bindings: Record<string, string>[] = [];
    if (check.each.columnsOf) {
      const row = rows.find((r) => r.pointer === check.each.columnsOf);
      for (const column of row?.columns ?? []) bindings.push({ col: column.key });
    } else if (check.each.rowsOf) {
      for (const row of rows) if (row.pointer.startsWith(`${check.each.rowsOf}/`)) bindings.push({ row: row.pointer });
    }
    for (const binding of bindings) {
      const fill = (p: string) => p.replace(/\{(col|row)\}/g, (_, k: string) => binding[k]!);
      const target = fill(check.target);
      const targetRow = target.slice(0, target.lastIndexOf('/'));
      const expand = (p: string): string[] => {
        const filled = fill(p);
        if (!filled.includes('{items}')) return [filled];
        const [prefix, suffix] = filled.split('{items}') as [string, string];
        return rows.filter((r) => r.pointer.startsWith(prefix) && r.pointer !== targetRow).map((r) => `${r.pointer}${suffix}`);
      };
      const plus = check.plus.flatMap(expand);
      const minus = (check.minus ?? []).flatMap(expand);
      if (![target, ...plus, ...minus].every((p) => known.has(p))) continue;
      out.push({ rule, kind: check.kind, target, plus, minus });
    }
  }
  return out;
});

/** A cell as the rules read it: a number, 0 for a blank, undefined when absent or not a number. */
export function readValue(data: unknown, pointer: string): number | undefined {
  const value = getAt(data, pointer);
  if (value === null) return 0;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Numbers that went through float arithmetic (fees in 万元) compare to a cent of a 万元. */
export const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The equations of a report whose groups are written as one row (`singleRowGroups`): each item term
 * `<group>/<item>/<col>` becomes the row's `<group>/<col>`, so the sums take the row in place of the
 * items and the row's own total is checked once.
 */
export function collapseGroups(list: Instance[], groups: string[]): Instance[] {
  if (groups.length === 0) return list;
  const map = (p: string): string => {
    for (const group of groups)
      if (p.startsWith(`${group}/`)) {
        const rest = p.slice(group.length + 1).split('/');
        if (rest.length === 2) return `${group}/${rest[1]}`;
      }
    return p;
  };
  const out = new Map<string, Instance>();
  for (const instance of list) {
    const target = map(instance.target);
    const key = `${instance.rule.id} ${target}`;
    if (out.has(key)) continue;
    out.set(key, { ...instance, target, plus: [...new Set(instance.plus.map(map))], minus: [...new Set(instance.minus.map(map))] });
  }
  return [...out.values()];
}

/** collapseGroups, once per format and set of groups (a handful): reports share the lists. */
const collapsed = oncePer((_list: Instance[]) => new Map<string, Instance[]>());
function collapsedOnce(list: Instance[], groups: string[]): Instance[] {
  if (groups.length === 0) return list;
  const byGroups = collapsed(list);
  const key = groups.join('\n');
  let out = byGroups.get(key);
  if (!out) byGroups.set(key, (out = collapseGroups(list, groups)));
  return out;
}

/** The cells that findings say hold no valid value (`value.*`): no arithmetic is done over them. */
export function invalidCells(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.rule.startsWith('value.')).flatMap((f) => f.cells));
}

/**
 * The equations a report is checked with: its format's, a group written as one row read as that
 * row, and none over a cell that holds no valid value. The suggestions search the same ones.
 */
export function activeInstances(report: LocatedReport, invalid: ReadonlySet<string>): Instance[] {
  const all = collapsedOnce(instances(formatDef(report.format)), report.singleRowGroups ?? []);
  if (invalid.size === 0) return all; // the usual case: the format's own list, not a copy
  const touches = (i: Instance) => invalid.has(i.target) || i.plus.some((p) => invalid.has(p)) || i.minus.some((p) => invalid.has(p));
  return all.filter((i) => !touches(i));
}

/**
 * Runs the catalog over a located report. `invalid` holds the cells already reported as not a valid
 * value: arithmetic over them would only repeat that finding in other words.
 */
export function check(report: LocatedReport, invalid: ReadonlySet<string> = new Set()): Finding[] {
  const format = formatDef(report.format);
  const findings: Finding[] = [];
  for (const instance of activeInstances(report, invalid)) {
    const finding = evaluate(instance, report, format);
    if (finding) findings.push(finding);
  }
  findings.push(...blanks(report, format));
  return findings;
}

export function evaluate(instance: Instance, report: LocatedReport, format: FormatDef): Finding | undefined {
  const { data } = report;
  const actual = readValue(data, instance.target);
  // A rule over a missing or unreadable cell says nothing: the schema has already said it.
  if (actual === undefined) return undefined;
  // Sums in loops, no arrays: every report runs a few hundred of these, and most hold.
  let plusSum = 0;
  for (const p of instance.plus) {
    const v = readValue(data, p);
    if (v === undefined) return undefined;
    plusSum += v;
  }
  let minusSum = 0;
  for (const p of instance.minus) {
    const v = readValue(data, p);
    if (v === undefined) return undefined;
    minusSum += v;
  }
  const expected = round(plusSum - minusSum);
  const holds = instance.kind === 'equation' ? round(actual) === expected : round(actual) >= expected;
  if (holds) return undefined;
  const plus = instance.plus.map((p) => readValue(data, p));
  const minus = instance.minus.map((p) => readValue(data, p));
  const raw = getAt(data, instance.target);
  const difference = round(actual - expected);
  const { rule } = instance;
  const targetLabel = labelOf(format, instance.target);
  const formula = (lang: keyof Text) => formulaText(format, instance, plus, minus, lang);
  const shown = raw === null ? { zh: '空白（按 0 计）', en: 'blank (read as 0)' } : { zh: String(actual), en: String(actual) };
  const relation = instance.kind === 'equation' ? { zh: '应为', en: 'should be' } : { zh: '应至少为', en: 'should be at least' };
  const location = report.sources.get(instance.target);
  return {
    rule: rule.id,
    severity: rule.severity,
    message: {
      zh: `${rule.title.zh}：${targetLabel.zh} ${relation.zh} ${expected}（${formula('zh')}），实为 ${shown.zh}`,
      en: `${rule.title.en}: ${targetLabel.en} ${relation.en} ${expected} (${formula('en')}), found ${shown.en}`,
    },
    cells: [instance.target, ...instance.plus, ...instance.minus],
    expected,
    actual: raw === null ? null : actual,
    difference,
    ...(location ? { location } : {}),
  };
}

/** `一 2 + 二 0 − （七）3` — the terms with their values, or just the sum when there are many. */
function formulaText(format: FormatDef, instance: Instance, plus: (number | undefined)[], minus: (number | undefined)[], lang: keyof Text): string {
  const name = (pointer: string): string => {
    const row = pointer.slice(0, pointer.lastIndexOf('/'));
    const column = labelOf(format, pointer)[lang].split(' · ').pop()!;
    const sameRow = instance.target.startsWith(`${row}/`);
    const sameColumn = instance.target.endsWith(pointer.slice(pointer.lastIndexOf('/')));
    if (sameRow && !sameColumn) return column;
    return shortRowLabel(format, row)[lang];
  };
  const terms = instance.plus.length + instance.minus.length;
  if (terms > 8) {
    const total = plus.reduce<number>((a, b) => a + (b ?? 0), 0) - minus.reduce<number>((a, b) => a + (b ?? 0), 0);
    return lang === 'zh' ? `${terms} 项之和为 ${round(total)}` : `the ${terms} items add up to ${round(total)}`;
  }
  const parts = instance.plus.map((p, i) => `${i === 0 ? '' : ' + '}${name(p)} ${plus[i]}`);
  parts.push(...instance.minus.map((p, i) => ` − ${name(p)} ${minus[i]}`));
  return parts.join('');
}

/** `cell.blank`: one warning per row, naming the blank cells; the rules read them as 0. */
function blanks(report: LocatedReport, format: FormatDef): Finding[] {
  const rule = CATALOG.find((r) => r.id === 'cell.blank')!;
  const findings: Finding[] = [];
  for (const table of format.tables)
    for (const row of report.singleRowGroups?.length ? [...table.rows, ...singleRows(report, table)] : table.rows) {
      const values = getAt(report.data, row.pointer); // one walk per row, not per cell
      if (values === null || typeof values !== 'object') continue;
      const isNull = (key: string) => Object.hasOwn(values, key) && (values as Record<string, unknown>)[key] === null;
      if (!row.columns.some((c) => isNull(c.key))) continue; // the usual row: nothing built for it
      const blank = row.columns.filter((c) => isNull(c.key)).map((c) => `${row.pointer}/${c.key}`);
      const columns = (lang: keyof Text) =>
        blank
          .map((p) => {
            const raw = report.raw.get(p)?.trim();
            const label = labelOf(format, p)[lang].split(' · ').pop()!;
            return raw ? (lang === 'zh' ? `${label}“${raw}”` : `${label} ("${raw}")`) : label;
          })
          .join(lang === 'zh' ? '、' : ', ');
      const location = report.sources.get(blank[0]!);
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        message: {
          zh: `${row.label.zh}：${columns('zh')} 为空白，按 0 计算`,
          en: `${row.label.en}: ${columns('en')} ${blank.length === 1 ? 'is' : 'are'} blank, read as 0`,
        },
        cells: blank,
        ...(location ? { location } : {}),
      });
    }
  return findings;
}

/** Groups the report prints as one row (`singleRowGroups`), as rows with their items' columns. */
function singleRows(report: LocatedReport, table: TableDef): RowDef[] {
  return (report.singleRowGroups ?? []).flatMap((pointer) => {
    const group = table.groups.find((g) => g.pointer === pointer);
    const item = table.rows.find((r) => r.group === group);
    return group && item ? [{ ...item, pointer, label: group.label }] : [];
  });
}
