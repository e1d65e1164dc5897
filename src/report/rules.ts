import type { Lang } from '../tables/index.js';
import { ALL_RULES } from './common.js';
import { padColumns, widthOf } from '../width.js';

/** `disclosure-check rules`: the catalog as an aligned table. */
export function rulesText(lang: Lang): string {
  const head = lang === 'zh' ? ['规则', '类别', '级别', '说明'] : ['rule', 'class', 'severity', 'description'];
  const rows = [head, ...ALL_RULES.map((r) => [r.id, r.class, r.severity, r.description[lang]])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => widthOf(row[i]!))));
  return `${rows.map((row) => row.map((cell, i) => (i < 3 ? padColumns(cell, widths[i]!) : cell)).join('  ')).join('\n')}\n`;
}

/** `disclosure-check rules --format json`: the catalog, descriptions in the chosen language. */
export function rulesJson(lang: Lang): string {
  return `${JSON.stringify(
    ALL_RULES.map((r) => ({ id: r.id, class: r.class, severity: r.severity, description: r.description[lang] })),
    null,
    2,
  )}\n`;
}
