import { whole, type StreamingFormatter, type Summary } from './types.js';
import type { FileResult, SourcePos } from '../model.js';
import type { Lang } from '../tables/index.js';

/**
 * The ANSI styles this output uses, as chalk writes them at its basic level. Not chalk itself:
 * loading it costs more of every start than the check of a report.
 */
const styles = (color: boolean) => {
  const style = (open: number, close: number) => (text: string) => (color ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  const red = style(31, 39);
  const yellow = style(33, 39);
  const green = style(32, 39);
  const bold = style(1, 22);
  return {
    red,
    yellow,
    green,
    cyan: style(36, 39),
    dim: style(2, 22),
    underline: style(4, 24),
    bold: { red: (t: string) => red(bold(t)), yellow: (t: string) => yellow(bold(t)), green: (t: string) => green(bold(t)) },
  };
};
type Styles = ReturnType<typeof styles>;

const WORDS = {
  zh: { error: '错误', warning: '警告', passed: '通过', hint: '建议' },
  en: { error: 'error', warning: 'warning', passed: 'passed', hint: 'hint' },
};

/** Human output, grouped by file, ESLint-style: `line:column  severity  message  rule`. Printed file by file. */
export const stylishStream: StreamingFormatter = ({ lang, color }) => {
  const c = styles(color);
  const words = WORDS[lang];
  return {
    start: '',
    file(result) {
      if (result.fatal) return ''; // said on stderr, in one line, by the CLI
      const out: string[] = [];
      if (result.findings.length === 0) {
        out.push(`${c.green('✔')} ${result.file}  ${c.dim(`${words.passed} (${result.format ?? ''})`)}`);
        if (result.previous) out.push(c.dim(`  ${comparedWith(result, lang)}`));
        return `${out.join('\n')}\n`;
      }
      out.push(c.underline(result.file));
      if (result.previous) out.push(c.dim(`  ${comparedWith(result, lang)}`));
      const place = (l: SourcePos | undefined) => (l ? `${l.ref ?? `${l.line}:${l.column}`}` : '-');
      const rows = result.findings.map((f) => [place(f.location), f.severity, f.message[lang], f.rule]);
      const hints = (result.suggestions ?? []).map((s) => [place(s.changes[0]?.location), 'hint', s.message?.[lang] ?? '', 'suggestion']);
      const width = Math.max(...[...rows, ...hints].map((r) => r[0]!.length));
      for (const [place, severity, message, rule] of [...rows, ...hints]) {
        const sev =
          severity === 'error' ? c.red(pad(words.error, 7)) : severity === 'warning' ? c.yellow(pad(words.warning, 7)) : c.cyan(pad(words.hint, 7));
        out.push(`  ${c.dim(place!.padStart(width))}  ${sev}  ${message}  ${c.dim(rule!)}`);
      }
      return `${out.join('\n')}\n\n`;
    },
    end: (summary) => `${summaryLine(summary, lang, c)}\n`,
  };
};

export const stylish = whole(stylishStream);

/** Pads to a terminal width, counting CJK characters as two columns. */
function pad(text: string, width: number): string {
  const used = [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - used));
}

/** `襄阳市经济和信息化局 2021 年 · 与上年报告比对：last.json（2020 年）` */
function comparedWith(r: FileResult, lang: Lang): string {
  const who = [r.agency, r.year !== undefined ? (lang === 'zh' ? `${r.year} 年` : String(r.year)) : undefined].filter(Boolean).join(lang === 'zh' ? ' ' : ', ');
  const previous = r.previous!;
  const then = previous.year !== undefined ? (lang === 'zh' ? `（${previous.year} 年）` : ` (${previous.year})`) : '';
  const compared = lang === 'zh' ? `与上年报告比对：${previous.file}${then}` : `compared with last year's report ${previous.file}${then}`;
  return who ? `${who} · ${compared}` : compared;
}

function summaryLine(s: Summary, lang: Lang, c: Styles): string {
  const mark = s.failed > 0 ? c.bold.red('✖') : s.warnings > 0 ? c.bold.yellow('⚠') : c.bold.green('✔');
  if (lang === 'zh')
    return `${mark} 共检查 ${s.files} 个文件：${s.passed} 个通过，${s.failed} 个未通过${s.unreadable ? `（其中 ${s.unreadable} 个无法读取）` : ''}；${s.errors} 个错误，${s.warnings} 个警告`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${mark} ${plural(s.files, 'file')} checked: ${s.passed} passed, ${s.failed} failed${s.unreadable ? ` (${s.unreadable} unreadable)` : ''}; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
}
