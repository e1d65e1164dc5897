import { whole, type StreamingFormatter, type Summary } from './types.js';
import type { Lang } from '../tables/index.js';

/**
 * The six ANSI styles this output uses, as chalk writes them at its basic level. Not chalk itself:
 * loading it costs more of every start than the check of a report.
 */
const styles = (color: boolean) => {
  const style = (open: number, close: number) => (text: string) => (color ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  const red = style(31, 39);
  const yellow = style(33, 39);
  const green = style(32, 39);
  const bold = style(1, 22);
  return { red, yellow, green, dim: style(2, 22), underline: style(4, 24), bold: { red: (t: string) => red(bold(t)), yellow: (t: string) => yellow(bold(t)), green: (t: string) => green(bold(t)) } };
};
type Styles = ReturnType<typeof styles>;

const WORDS = {
  zh: { error: '错误', warning: '警告', passed: '通过' },
  en: { error: 'error', warning: 'warning', passed: 'passed' },
};

/** Human output, grouped by file, ESLint-style: `line:column  severity  message  rule`. */
export const stylishStream: StreamingFormatter = ({ lang, color }) => {
  const c = styles(color);
  const words = WORDS[lang];
  return {
    start: '',
    file(result) {
      if (result.fatal) return ''; // said on stderr, in one line, by the CLI
      if (result.findings.length === 0) return `${c.green('✔')} ${result.file}  ${c.dim(`${words.passed} (${result.format ?? ''})`)}\n`;
      const out: string[] = [c.underline(result.file)];
      const rows = result.findings.map((f) => [
        f.location ? `${f.location.ref ?? `${f.location.line}:${f.location.column}`}` : '-',
        f.severity,
        f.message[lang],
        f.rule,
      ]);
      const width = Math.max(...rows.map((r) => r[0]!.length));
      for (const [place, severity, message, rule] of rows) {
        const sev = severity === 'error' ? c.red(words.error.padEnd(7)) : c.yellow(words.warning.padEnd(7));
        out.push(`  ${c.dim(place!.padStart(width))}  ${sev}  ${message}  ${c.dim(rule!)}`);
      }
      return `${out.join('\n')}\n\n`;
    },
    end: (summary) => `${summaryLine(summary, lang, c)}\n`,
  };
};

export const stylish = whole(stylishStream);

function summaryLine(s: Summary, lang: Lang, c: Styles): string {
  const mark = s.failed > 0 ? c.bold.red('✖') : s.warnings > 0 ? c.bold.yellow('⚠') : c.bold.green('✔');
  if (lang === 'zh')
    return `${mark} 共检查 ${s.files} 个文件：${s.passed} 个通过，${s.failed} 个未通过${s.unreadable ? `（其中 ${s.unreadable} 个无法读取）` : ''}；${s.errors} 个错误，${s.warnings} 个警告`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${mark} ${plural(s.files, 'file')} checked: ${s.passed} passed, ${s.failed} failed${s.unreadable ? ` (${s.unreadable} unreadable)` : ''}; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
}
