import { whole, type StreamingFormatter, type Summary } from './types.js';
import type { FileResult } from '../model.js';
import type { Lang } from '../tables/index.js';
import { padColumns } from '../width.js';
import { printable } from '../printable.js';
import { gateSentence, place, suggestionPlace, summarySentence } from './common.js';

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
export const stylishStream: StreamingFormatter = ({ lang, color, strict }) => {
  const c = styles(color);
  const words = WORDS[lang];
  return {
    start: '',
    file(result) {
      if (result.fatal) return ''; // said on stderr, in one line, by the CLI
      const out: string[] = [];
      if (result.findings.length === 0 && strict && result.hiddenWarnings) {
        // --quiet --strict: its warnings are not shown, but they fail it
        const gate = { by: '--strict', maxWarnings: 0, warnings: result.hiddenWarnings, failed: true } as const;
        const why = `${lang === 'zh' ? '未通过：' : 'failed: '}${gateSentence(gate, 0, lang)}`;
        out.push(`${c.red('✖')} ${printable(result.file)}  ${c.dim(why)}`);
        return `${out.join('\n')}\n`;
      }
      if (result.findings.length === 0) {
        out.push(`${c.green('✔')} ${printable(result.file)}  ${c.dim(`${words.passed} (${result.format ?? ''})`)}`);
        if (result.previous) out.push(c.dim(`  ${comparedWith(result, lang)}`));
        return `${out.join('\n')}\n`;
      }
      out.push(c.underline(printable(result.file)));
      if (result.previous) out.push(c.dim(`  ${comparedWith(result, lang)}`));
      const rows = result.findings.map((f) => [place(f) ?? '-', f.severity, f.message[lang], f.rule]);
      const hints = (result.suggestions ?? []).map((s) => [suggestionPlace(s) ?? '-', 'hint', s.message?.[lang] ?? '', 'suggestion']);
      const lines = [...rows, ...hints];
      const width = lines.reduce((w, r) => Math.max(w, r[0]!.length), 0); // not Math.max(...): a report may have 100,000 findings
      for (const [at, severity, message, rule] of lines) {
        const sev =
          severity === 'error'
            ? c.red(padColumns(words.error, 7))
            : severity === 'warning'
              ? c.yellow(padColumns(words.warning, 7))
              : c.cyan(padColumns(words.hint, 7));
        out.push(`  ${c.dim(at!.padStart(width))}  ${sev}  ${printable(message!)}  ${c.dim(rule!)}`);
      }
      return `${out.join('\n')}\n\n`;
    },
    end: (summary) => `${summaryLine(summary, lang, c)}\n`,
  };
};

export const stylish = whole(stylishStream);

/** `襄阳市经济和信息化局 2021 年 · 与上年报告比对：last.json（2020 年）` */
function comparedWith(r: FileResult, lang: Lang): string {
  const who = [r.agency, r.year !== undefined ? (lang === 'zh' ? `${r.year} 年` : String(r.year)) : undefined].filter(Boolean).join(lang === 'zh' ? ' ' : ', ');
  const previous = r.previous!;
  const then = previous.year !== undefined ? (lang === 'zh' ? `（${previous.year} 年）` : ` (${previous.year})`) : '';
  const compared = lang === 'zh' ? `与上年报告比对：${previous.file}${then}` : `compared with last year's report ${previous.file}${then}`;
  return printable(who ? `${who} · ${compared}` : compared);
}

function summaryLine(s: Summary, lang: Lang, c: Styles): string {
  const mark = s.failed > 0 || s.gate?.failed ? c.bold.red('✖') : s.warnings > 0 ? c.bold.yellow('⚠') : c.bold.green('✔');
  return `${mark} ${summarySentence(s, lang)}`;
}
