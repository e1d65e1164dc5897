/**
 * Error localisation: when arithmetic rules fail, which cells are most likely wrong? The rule
 * instances are linear equations over cells, so a candidate cell's right value is found by solving
 * one failing equation for it; the change is kept when every failing equation then holds and no
 * rule that held breaks. One cell is tried first, then pairs (bounded), and the results are ranked
 * the way a reviewer would: fewer changes, then a slip of the pen that explains the error (21 for
 * 12, one wrong digit), then template order. A lone equation (a group of table 四) cannot tell a
 * wrong part from a wrong total: both are offered, the part first, as the template lists it, and
 * the first is then not called the likeliest.
 */
import type { CellValue, LocatedReport, SuggestedChange, Suggestion } from '../model.js';
import { cells, formatDef, labelOf, type FormatDef, type Text } from '../tables/index.js';
import { getAt } from '../pointer.js';
import { oncePer } from '../once.js';
import { activeInstances, readValue, round, type Instance } from './evaluate.js';

/** At most this many suggestions per report: beyond that they stop being a hint. */
export const MAX_SUGGESTIONS = 5;


type Values = (pointer: string) => number | undefined;

/** target − Σ plus + Σ minus: 0 when an equation holds, ≥ 0 when an at-least rule does. */
function residual(instance: Instance, value: Values): number | undefined {
  const target = value(instance.target);
  if (target === undefined) return undefined;
  let r = target;
  for (const p of instance.plus) {
    const v = value(p);
    if (v === undefined) return undefined;
    r -= v;
  }
  for (const p of instance.minus) {
    const v = value(p);
    if (v === undefined) return undefined;
    r += v;
  }
  return round(r);
}

function holds(instance: Instance, value: Values): boolean | undefined {
  const r = residual(instance, value);
  if (r === undefined) return undefined;
  return instance.kind === 'equation' ? r === 0 : r >= 0;
}

/** How a cell enters an instance's residual. */
function coefficient(instance: Instance, cell: string): number {
  let a = instance.target === cell ? 1 : 0;
  for (const p of instance.plus) if (p === cell) a -= 1;
  for (const p of instance.minus) if (p === cell) a += 1;
  return a;
}

/** Each cell's place in the template, in reading order. */
const templateOrder = oncePer((format: FormatDef) => new Map([...cells(format).keys()].map((p, i) => [p, i])));

const isError = (i: Instance) => i.kind === 'equation' && i.rule.severity === 'error';

/**
 * The equations each cell is in, and the most error equations any one cell is in. Most reports
 * search their format's own list of equations (activeInstances returns it as is): built once.
 */
const indexOf = oncePer((all: Instance[]): { byCell: Map<string, Instance[]>; reach: number } => {
  const byCell = new Map<string, Instance[]>();
  for (const instance of all) {
    const add = (cell: string) => {
      let list = byCell.get(cell);
      if (!list) byCell.set(cell, (list = []));
      if (list[list.length - 1] !== instance) list.push(instance); // a cell twice in one equation: once
    };
    add(instance.target);
    for (const cell of instance.plus) add(cell);
    for (const cell of instance.minus) add(cell);
  }
  let reach = 0;
  for (const list of byCell.values()) {
    let errors = 0;
    for (const instance of list) if (isError(instance)) errors++;
    reach = Math.max(reach, errors);
  }
  return { byCell, reach };
});

export function suggest(report: LocatedReport, invalid: ReadonlySet<string> = new Set()): Suggestion[] {
  const format = formatDef(report.format);
  const all = activeInstances(report, invalid);
  // The search reads the same few hundred cells over and over: each is read from the report once.
  const read = new Map<string, number | undefined>();
  const original: Values = (p) => {
    let v = read.get(p);
    if (v === undefined && !read.has(p)) read.set(p, (v = readValue(report.data, p)));
    return v;
  };
  const failing = all.filter((i) => isError(i) && holds(i, original) === false);
  if (failing.length === 0) return [];

  const known = cells(format);
  const order = templateOrder(format);
  const { byCell, reach } = indexOf(all);
  const heldBefore = new Set(all.filter((i) => holds(i, original) === true));
  const failingSet = new Set(failing);

  const valid = (cell: string, v: number): boolean => {
    const kind = known.get(cell)?.column.kind ?? 'count';
    if (!Number.isFinite(v)) return false;
    if (kind === 'delta') return Number.isInteger(v);
    if (kind === 'amount') return v >= 0;
    return Number.isInteger(v) && v >= 0;
  };
  const withChanges = (changes: Map<string, number>): Values => (p) => (changes.has(p) ? changes.get(p) : original(p));
  const solve = (instance: Instance, cell: string, value: Values): number | undefined => {
    const a = coefficient(instance, cell);
    const r = residual(instance, value);
    const v = value(cell);
    if (a === 0 || r === undefined || v === undefined) return undefined;
    const solved = round(v - r / a);
    return valid(cell, solved) && solved !== v ? solved : undefined;
  };
  const touched = (changes: Map<string, number>): Set<Instance> => new Set([...changes.keys()].flatMap((c) => byCell.get(c) ?? []));
  /** Every error equation holds afterwards, and nothing that held before breaks. */
  const works = (changes: Map<string, number>): boolean => {
    const near = touched(changes);
    for (const instance of failingSet) if (!near.has(instance)) return false;
    const value = withChanges(changes);
    for (const instance of near) {
      const ok = holds(instance, value);
      if (isError(instance) ? ok === false : heldBefore.has(instance) && ok === false) return false;
    }
    return true;
  };

  const candidates = [...new Set(failing.flatMap((i) => [i.target, ...i.plus, ...i.minus]))]
    .filter((c) => original(c) !== undefined)
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  const found = new Map<string, Map<string, number>>();
  const keep = (changes: Map<string, number>) => {
    const key = [...changes].map(([c, v]) => `${c}=${v}`).sort().join('|');
    if (!found.has(key)) found.set(key, changes);
  };

  for (const cell of candidates) {
    const instance = failing.find((i) => coefficient(i, cell) !== 0);
    const v = instance && solve(instance, cell, original);
    if (v === undefined) continue;
    const changes = new Map([[cell, v]]);
    if (works(changes)) keep(changes);
  }

  // Two cells reach at most twice the equations one cell is in: with more failing, no pair can do.
  if (found.size === 0 && failing.length <= 2 * reach) {
    for (const first of candidates) {
      const firstValues = new Set<number>();
      for (const instance of failing) {
        const v = coefficient(instance, first) !== 0 ? solve(instance, first, original) : undefined;
        if (v !== undefined) firstValues.add(v);
      }
      for (const v1 of firstValues) {
        const one = new Map([[first, v1]]);
        const value = withChanges(one);
        const remaining = [...new Set([...failing, ...touched(one)])].filter((i) => isError(i) && holds(i, value) === false);
        if (remaining.length === 0) continue;
        const seconds = [remaining[0]!.target, ...remaining[0]!.plus, ...remaining[0]!.minus].filter(
          (c) => c !== first && original(c) !== undefined && remaining.every((i) => coefficient(i, c) !== 0),
        );
        for (const second of seconds) {
          const v2 = solve(remaining[0]!, second, value);
          if (v2 === undefined) continue;
          const two = new Map([
            [first, v1],
            [second, v2],
          ]);
          if (works(two)) keep(two);
        }
      }
    }
  }

  const ranked = [...found.values()].map((changes) => {
    const list = [...changes].map(([cell, to]) => ({ cell, from: rawValue(report, cell), to }));
    return {
      list,
      plausibility: list.reduce((s, c) => s + typoScore(c.from, c.to), 0),
      place: Math.min(...list.map((c) => order.get(c.cell) ?? 0)),
    };
  });
  ranked.sort((a, b) => a.list.length - b.list.length || b.plausibility - a.plausibility || a.place - b.place);

  const resolves = failing.map((i) => i.rule.id);
  // the first is "most likely" only when it ranks above the second: a lone equation's part and total tie
  const tied = ranked.length > 1 && ranked[1]!.list.length === ranked[0]!.list.length && ranked[1]!.plausibility === ranked[0]!.plausibility;
  return ranked.slice(0, MAX_SUGGESTIONS).map(({ list }, rank) => {
    const changes: SuggestedChange[] = list
      .sort((a, b) => (order.get(a.cell) ?? 0) - (order.get(b.cell) ?? 0))
      .map((c) => {
        const location = report.sources.get(c.cell);
        return {
          ...c,
          label: labelOf(format, c.cell),
          ...(location ? { location } : {}),
          ...(typoOf(c.from, c.to) === 'transposition' ? { typo: 'transposition' as const } : {}),
        };
      });
    return { changes, resolves, message: messageOf(format, changes, resolves.length, rank === 0 ? (tied ? 'either' : 'likeliest') : 'or') };
  });
}

/** The value as written: a number, or null for a blank. */
function rawValue(report: LocatedReport, cell: string): CellValue {
  const v = getAt(report.data, cell);
  return typeof v === 'number' ? v : null;
}

/** A slip of the pen that turns `to` into `from`: two neighbouring digits swapped, or one digit wrong. */
export function typoOf(from: CellValue, to: number): 'transposition' | 'digit' | undefined {
  if (from === null || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0) return undefined;
  const a = String(from);
  const b = String(to);
  if (a.length === b.length) {
    const diff = [...a].map((ch, i) => (ch === b[i] ? -1 : i)).filter((i) => i >= 0);
    if (diff.length === 1) return 'digit';
    if (diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!]) return 'transposition';
    return undefined;
  }
  // One digit dropped or doubled: the shorter is the longer with one digit left out.
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return undefined;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return 'digit';
  return undefined;
}

function typoScore(from: CellValue, to: number): number {
  const typo = typoOf(from, to);
  return typo === 'transposition' ? 2 : typo === 'digit' ? 1 : 0;
}

function messageOf(format: FormatDef, changes: SuggestedChange[], findings: number, rank: 'likeliest' | 'either' | 'or'): Text {
  const part = (c: SuggestedChange, lang: keyof Text): string => {
    const label = (c.label ?? labelOf(format, c.cell))[lang];
    const from = c.from === null ? (lang === 'zh' ? '空白' : 'blank') : String(c.from);
    const typo =
      c.typo === 'transposition'
        ? lang === 'zh'
          ? `（疑为数字颠倒：${c.to} 写成了 ${c.from}）`
          : ` (digits transposed: ${c.from} for ${c.to})`
        : '';
    return lang === 'zh' ? `${label} 为 ${from}，应为 ${c.to}${typo}` : `${label} is ${from}, should be ${c.to}${typo}`;
  };
  const one = changes.length === 1;
  return {
    zh: `${{ likeliest: '最可能出错', either: '可能出错', or: '或者' }[rank]}：${changes.map((c) => part(c, 'zh')).join('；')}；改这${one ? '一' : '两'}处可解决 ${findings} 个问题`,
    en: `${{ likeliest: 'most likely wrong', either: 'either', or: 'or' }[rank]}: ${changes.map((c) => part(c, 'en')).join('; and ')}; ${one ? 'this one change resolves' : 'these two changes resolve'} ${findings} finding${findings === 1 ? '' : 's'}`,
  };
}
