import type { FileResult } from '../model.js';
import type { Lang } from '../tables/index.js';
import { failsGate, gateSentence, place, suggestionPlace, summarySentence } from './common.js';
import type { Formatter, SkippedFile, Summary } from './types.js';

/** Workflow-command escaping: the message, and (stricter) a property value. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message` for each finding
 * (warnings as `::warning`), which GitHub shows as annotations on the file; then the summary line.
 */
export const github: Formatter = (results, summary, { lang }, skipped = []) => {
  const out: string[] = [];
  for (const r of results) {
    if (r.fatal) {
      out.push(`::error file=${property(r.file)},title=${property(r.fatal.code)}::${data(r.fatal.message[lang])}`);
      continue;
    }
    for (const f of r.findings) {
      const props = [`file=${property(r.file)}`];
      if (f.location) props.push(`line=${f.location.line}`, `col=${f.location.column}`);
      props.push(`title=${property(f.rule)}`);
      out.push(`::${f.severity} ${props.join(',')}::${data(f.message[lang])}`);
    }
    // Which cell to correct, as a notice on that cell.
    for (const s of r.suggestions ?? []) {
      const at = s.changes[0]?.location;
      const props = [`file=${property(r.file)}`, ...(at ? [`line=${at.line}`, `col=${at.column}`] : []), 'title=suggestion'];
      out.push(`::notice ${props.join(',')}::${data(s.message?.[lang] ?? '')}`);
    }
  }
  for (const f of skipped) out.push(`::notice file=${property(f.file)},title=skipped::${data(f.message[lang])}`);
  // The warning gate: an annotation on each file it fails, as an error fails it.
  if (summary.gate?.failed) {
    const why = gateSentence(summary.gate, summary.warnings, lang);
    for (const r of results) if (failsGate(r, summary.gate)) out.push(`::error file=${property(r.file)},title=${property(summary.gate.by)}::${data(why)}`);
  }
  out.push(summarySentence(summary, lang));
  return `${out.join('\n')}\n`;
};

const WORDS = {
  zh: { title: '年度报告表格检查', file: '文件', result: '结果', errors: '错误', warnings: '警告', passed: '✅ 通过', failed: '❌ 未通过', unreadable: '❌ 无法读取', skipped: '⏭️ 已跳过', place: '位置', severity: '级别', rule: '规则', message: '说明', error: '错误', warning: '警告', hint: '建议' },
  en: { title: 'Disclosure report check', file: 'File', result: 'Result', errors: 'Errors', warnings: 'Warnings', passed: '✅ passed', failed: '❌ failed', unreadable: '❌ unreadable', skipped: '⏭️ skipped', place: 'Place', severity: 'Severity', rule: 'Rule', message: 'Message', error: 'error', warning: 'warning', hint: 'hint' },
};

/** Text inside a Markdown table cell: no pipes, no line breaks, no HTML. */
const cell = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/[`*_[\]]/g, '\\$&');

/** The Markdown for `$GITHUB_STEP_SUMMARY`: the summary, a table of files, each file's findings. */
export function stepSummary(results: FileResult[], summary: Summary, lang: Lang, skipped: readonly SkippedFile[] = []): string {
  const w = WORDS[lang];
  const mark = summary.failed > 0 || summary.gate?.failed ? '❌' : summary.warnings > 0 ? '⚠️' : '✅';
  const out = [`## ${w.title}`, '', `${mark} ${summarySentence(summary, lang)}`, ''];
  out.push(`| ${w.file} | ${w.result} | ${w.errors} | ${w.warnings} |`, '| --- | --- | ---: | ---: |');
  for (const r of results) out.push(`| ${cell(r.file)} | ${r.fatal ? w.unreadable : r.ok && !failsGate(r, summary.gate) ? w.passed : w.failed} | ${r.errorCount} | ${r.warningCount} |`);
  for (const f of skipped) out.push(`| ${cell(f.file)} | ${w.skipped}${lang === 'zh' ? '：' : ': '}${cell(f.message[lang])} | | |`);
  for (const r of results) {
    if (!r.fatal && r.findings.length === 0) continue;
    out.push('', `<details><summary>${cell(r.file)}</summary>`, '');
    if (r.fatal) out.push(cell(r.fatal.message[lang]));
    else {
      out.push(`| ${w.place} | ${w.severity} | ${w.rule} | ${w.message} |`, '| --- | --- | --- | --- |');
      for (const f of r.findings) out.push(`| ${cell(place(f) ?? '-')} | ${w[f.severity]} | ${cell(f.rule)} | ${cell(f.message[lang])} |`);
      for (const s of r.suggestions ?? []) out.push(`| ${cell(suggestionPlace(s) ?? '-')} | ${w.hint} | suggestion | ${cell(s.message?.[lang] ?? '')} |`);
    }
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
