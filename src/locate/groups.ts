import type { LocatedReport } from '../model.js';
import { getAt } from '../pointer.js';
import { oncePer } from '../once.js';
import { formatDef, type FormatDef } from '../tables/index.js';

/** A format's groups that have items: each group's pointer, its items' keys and their columns' keys. */
const groupsWithItems = oncePer((format: FormatDef): { pointer: string; itemKeys: string[]; columns: string[] }[] =>
  format.tables.flatMap((table) =>
    table.groups.flatMap((group) => {
      const items = table.rows.filter((r) => r.group === group);
      if (items.length === 0) return [];
      return [{ pointer: group.pointer, itemKeys: items.map((r) => r.pointer.slice(group.pointer.length + 1)), columns: items[0]!.columns.map((c) => c.key) }];
    }),
  ),
);

/**
 * Finds the groups a report publishes as one row of numbers where its format has items (a 2021
 * report with the 2019 （六）其他处理), whether the locator read them from a page or the canonical
 * JSON holds them that way, and says so once: a `structure.single-row-group` error. The rules then
 * read that row in place of the items (see check/evaluate.ts).
 */
export function markSingleRowGroups(report: LocatedReport): void {
  const format = formatDef(report.format);
  const groups = new Set(report.singleRowGroups ?? []);
  for (const { pointer, itemKeys, columns } of groupsWithItems(format)) {
    const value = getAt(report.data, pointer);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const keys = Object.keys(value);
    // Column keys only (one of them, `other`, is also the name of （六）'s third item).
    if (keys.length > 0 && keys.every((k) => columns.includes(k)) && keys.some((k) => !itemKeys.includes(k))) groups.add(pointer);
  }
  if (groups.size === 0) return;
  report.singleRowGroups = [...groups];
  for (const pointer of groups) {
    if (report.findings.some((f) => f.rule === 'structure.single-row-group' && f.cells[0] === pointer)) continue;
    const group = format.tables.flatMap((t) => t.groups).find((g) => g.pointer === pointer)!;
    const items = format.tables.flatMap((t) => t.rows).filter((r) => r.group === group);
    const location = [...report.sources.entries()].find(([p]) => p.startsWith(`${pointer}/`))?.[1];
    report.findings.push({
      rule: 'structure.single-row-group',
      severity: 'error',
      message: {
        zh: `“${group.label.zh}”只有一行数字（其他版本格式的写法），${format.version} 年格式应分为 ${items.length} 项：${items.map((r) => r.label.zh).join('；')}；规则按这一行计算`,
        en: `"${group.label.en}" is published as one row of numbers (the other format version's layout); the ${format.version} format has ${items.length} items (${items.map((r) => r.label.en).join('; ')}); the rules use that row`,
      },
      cells: [pointer],
      ...(location ? { location } : {}),
    });
  }
}
