import type { Finding, LocatedReport } from '../model.js';
import { cells, formatDef, labelOf, shortRowLabel, type FormatDef, type RowDef, type TableDef, type Text } from '../tables/index.js';
import { getAt, tokens } from '../pointer.js';
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
  return asNumber(getAt(data, pointer));
}

const asNumber = (value: unknown): number | undefined => (value === null ? 0 : typeof value === 'number' && Number.isFinite(value) ? value : undefined);

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
  const all = reportInstances(report);
  if (invalid.size === 0) return all; // the usual case: the format's own list, not a copy
  return all.filter((i) => !touches(i, invalid));
}

/** The format's equations, a group written as one row read as that row: shared by its reports. */
const reportInstances = (report: LocatedReport): Instance[] => collapsedOnce(instances(formatDef(report.format)), report.singleRowGroups ?? []);

/**
 * Runs the catalog over a located report. `invalid` holds the cells already reported as not a valid
 * value: arithmetic over them would only repeat that finding in other words.
 */
export function check(report: LocatedReport, invalid: ReadonlySet<string> = new Set()): Finding[] {
  const format = formatDef(report.format);
  const all = reportInstances(report);
  const slots = slotsOf(all);
  const values = readSlots(report.data, slots);
  const findings: Finding[] = [];
  for (let k = 0; k < all.length; k++) {
    const instance = all[k]!;
    if (invalid.size > 0 && touches(instance, invalid)) continue;
    if (holdsAt(instance, slots.terms[k]!, values)) continue;
    findings.push(brokenEquation(instance, slots.terms[k]!, values, report, format));
  }
  findings.push(...blanks(report, format));
  return findings;
}

/**
 * Where the cells an equation list reads are: each row once, with its cells' slots in the array
 * `readSlots` fills, and each equation's terms as slots. Worked out once per list: a report's
 * few hundred reads are then one walk per row and array reads, not a pointer walk per cell.
 */
interface Slots {
  slots: { row: string; cells: { key: string; slot: number }[] }[];
  terms: { target: number; plus: number[]; minus: number[] }[];
}

const slotsOf = oncePer((list: Instance[]): Slots => {
  const rows = new Map<string, { key: string; slot: number }[]>();
  const slotOf = new Map<string, number>();
  const slot = (pointer: string): number => {
    let at = slotOf.get(pointer);
    if (at === undefined) {
      slotOf.set(pointer, (at = slotOf.size));
      const row = pointer.slice(0, pointer.lastIndexOf('/'));
      if (!rows.has(row)) rows.set(row, []);
      rows.get(row)!.push({ key: tokens(pointer).at(-1)!, slot: at });
    }
    return at;
  };
  const terms = list.map((i) => ({ target: slot(i.target), plus: i.plus.map(slot), minus: i.minus.map(slot) }));
  return { slots: [...rows].map(([row, cells]) => ({ row, cells })), terms };
});

/** Every slot's value as `readValue` reads it. */
function readSlots(data: unknown, { slots }: Slots): (number | undefined)[] {
  const values: (number | undefined)[] = [];
  for (const { row, cells } of slots) {
    const node = getAt(data, row);
    const object = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
    for (const { key, slot } of cells) values[slot] = object && Object.hasOwn(object, key) ? asNumber(object[key]) : undefined;
  }
  return values;
}

const touches = (i: Instance, invalid: ReadonlySet<string>) => invalid.has(i.target) || i.plus.some((p) => invalid.has(p)) || i.minus.some((p) => invalid.has(p));

/**
 * Whether an equation holds, or says nothing (a term missing or unreadable: the schema has said
 * it). Sums in loops, no arrays: every report runs a few hundred of these, and most hold.
 */
function holdsAt(instance: Instance, term: Slots['terms'][number], values: (number | undefined)[]): boolean {
  const actual = values[term.target];
  if (actual === undefined) return true;
  let plus = 0;
  for (const p of term.plus) {
    const v = values[p];
    if (v === undefined) return true;
    plus += v;
  }
  let minus = 0;
  for (const p of term.minus) {
    const v = values[p];
    if (v === undefined) return true;
    minus += v;
  }
  const expected = round(plus - minus);
  return instance.kind === 'equation' ? round(actual) === expected : round(actual) >= expected;
}

/** The finding of an equation that `holdsAt` found broken: every term is a number. */
function brokenEquation(instance: Instance, term: Slots['terms'][number], values: (number | undefined)[], report: LocatedReport, format: FormatDef): Finding {
  const actual = values[term.target]!;
  const plus = term.plus.map((slot) => values[slot]);
  const minus = term.minus.map((slot) => values[slot]);
  const sum = (list: (number | undefined)[]) => list.reduce<number>((a, b) => a + b!, 0);
  const expected = round(sum(plus) - sum(minus));
  const raw = getAt(report.data, instance.target);
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
