/** Small pieces the CI formatters share: rule metadata from the catalog, families, summary words. */
import { CATALOG, INPUT_RULES } from '../check/catalog.js';
import { HISTORY_RULES } from '../check/history.js';
import { PROSE_RULES } from '../check/text.js';
import type { RuleClass, Severity } from '../model.js';
import type { Lang, Text } from '../tables/index.js';
import type { FileResult, Suggestion } from '../model.js';
import type { Gate, Summary } from './types.js';

export interface RuleInfo {
  id: string;
  class: RuleClass;
  severity: Severity;
  description: Text;
}

/** Every rule the checker can report, catalog first, in a stable order. */
export const ALL_RULES: RuleInfo[] = [...CATALOG, ...INPUT_RULES, ...PROSE_RULES, ...HISTORY_RULES].map(({ id, class: cls, severity, description }) => ({
  id,
  class: cls,
  severity,
  description,
}));

/** `requests.balance` → `requests`: the family a rule id belongs to. */
export const familyOf = (rule: string): string => rule.split('.')[0]!;

/** The families of the catalog, in catalog order, then any others the results mention. */
export function families(results: FileResult[]): string[] {
  const out = new Set(ALL_RULES.map((r) => familyOf(r.id)));
  for (const r of results) for (const f of r.findings) out.add(familyOf(f.rule));
  return [...out];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The one-sentence summary every output ends with; the files a batch skipped (no report, an old
 * .xls) are counted apart; a warning gate that failed (`--strict`, `--max-warnings`) is said last.
 */
export function summarySentence(s: Summary, lang: Lang): string {
  const gate = s.gate?.failed ? `${lang === 'zh' ? '；' : '; '}${gateSentence(s.gate, s.warnings, lang)}` : '';
  if (lang === 'zh')
    return `共检查 ${s.files} 个文件：${s.passed} 个通过，${s.failed} 个未通过${s.unreadable ? `（其中 ${s.unreadable} 个无法读取）` : ''}；${s.errors} 个错误，${s.warnings} 个警告${s.skipped ? `；跳过 ${s.skipped} 个文件` : ''}${gate}`;
  return `${plural(s.files, 'file')} checked: ${s.passed} passed, ${s.failed} failed${s.unreadable ? ` (${s.unreadable} unreadable)` : ''}; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${s.skipped ? `; ${plural(s.skipped, 'file')} skipped` : ''}${gate}`;
}

/**
 * Why the warning gate failed the run: `2 warnings, and --strict fails on any`, `1 warning, more
 * than --max-warnings 0`; warnings that --quiet did not show (more than `shown`) are said to be so.
 */
export function gateSentence(gate: Gate, shown: number, lang: Lang): string {
  const hidden = gate.warnings - shown;
  if (lang === 'zh') {
    const count = `${gate.warnings} 个警告${hidden > 0 ? `（其中 ${hidden} 个因 --quiet 未显示）` : ''}`;
    return gate.by === '--strict' ? `${count}，--strict 下有警告即不通过` : `${count}，超过 --max-warnings ${gate.maxWarnings}，不通过`;
  }
  const count = `${plural(gate.warnings, 'warning')}${hidden > 0 ? ` (${hidden} not shown: --quiet)` : ''}`;
  return gate.by === '--strict' ? `${count}, and --strict fails on any` : `${count}, more than --max-warnings ${gate.maxWarnings}`;
}

/** A file's warnings, those `--quiet` does not show too: what a warning gate counts. */
export const warningsOf = (r: FileResult): number => r.warningCount + (r.hiddenWarnings ?? 0);

/** Whether a file fails the run's warning gate: the gate failed, and the file has warnings (shown or not). */
export const failsGate = (r: FileResult, gate: Gate | undefined): boolean => gate?.failed === true && !r.fatal && warningsOf(r) > 0;

/** `58:9` (or the XLSX cell ref), or undefined when the input does not say where. */
export const place = (f: { location?: { line: number; column: number; ref?: string } }): string | undefined =>
  f.location ? (f.location.ref ?? `${f.location.line}:${f.location.column}`) : undefined;

/** A suggestion's place: where its first changed cell is. */
export const suggestionPlace = (s: Suggestion): string | undefined => (s.changes[0] ? place(s.changes[0]) : undefined);
