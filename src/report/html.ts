import type { FileResult, Finding } from '../model.js';
import { getAt } from '../pointer.js';
import { formatDef, type FormatDef, type Lang } from '../tables/index.js';
import { failsGate, place, suggestionPlace, summarySentence, warningsOf } from './common.js';
import { layout, type LayoutCell, type LayoutRow } from './layout.js';
import { whole, type Formatter, type Gate, type SkippedFile, type StreamingFormatter, type Summary } from './types.js';

/** Every piece of input text goes through this before it reaches the page. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WORDS = {
  zh: {
    title: '政府信息公开工作年度报告 表格检查',
    files: '文件',
    passed: '通过',
    failed: '未通过',
    errors: '错误',
    warnings: '警告',
    unreadable: '无法读取',
    skipped: '已跳过',
    expected: '应为',
    findings: '问题',
    none: '未发现问题',
    legend: '红色：有错误的单元格（旁注应为的值）；琥珀色：警告',
  },
  en: {
    title: 'Disclosure report table check',
    files: 'files',
    passed: 'passed',
    failed: 'failed',
    errors: 'errors',
    warnings: 'warnings',
    unreadable: 'unreadable',
    skipped: 'skipped',
    expected: 'expected',
    findings: 'findings',
    none: 'no findings',
    legend: 'red: a cell with an error (with the value it should have); amber: a warning',
  },
};

const STYLE = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #1a1a1a; background: #fff; }
body { display: flex; flex-direction: column; align-items: flex-start; } h1 { order: -2; } .overview { order: -1; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; } h3 { font-size: 15px; }
.summary { border-collapse: collapse; margin-bottom: 8px; } .summary td, .summary th { padding: 4px 12px; border: 1px solid #bbb; }
.status-passed { color: #176f2c; } .status-failed { color: #b00020; } .status-warning { color: #8a5a00; } .status-skipped { color: #5f6368; }
table.template { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
table.template td, table.template th { border: 1px solid #444; padding: 3px 6px; text-align: center; min-width: 3em; }
table.template th { background: #f2f2f2; font-weight: normal; }
table.template td.label { text-align: left; }
table.template .title { text-align: left; border: none; background: none; font-weight: bold; }
td.cell-error { background: #ffd6d6; color: #b00020; font-weight: bold; outline: 2px solid #d00000; outline-offset: -2px; }
td.cell-warning { background: #ffe3a3; color: #6b4700; }
.expected { display: block; font-size: 11px; font-weight: normal; }
ul.findings { font-size: 13px; } li.error { color: #b00020; } li.warning { color: #8a5a00; } li.hint { color: #005a8a; }
.legend { font-size: 12px; color: #555; }
code { font-size: 12px; }
`;

interface Mark {
  severity: 'error' | 'warning';
  expected?: number;
  messages: string[];
}

/** Which cells (and rows) the findings mark: the cell to fix in red, warning cells in amber. */
function marks(findings: Finding[], lang: Lang): Map<string, Mark> {
  const out = new Map<string, Mark>();
  for (const f of findings) {
    const targets = f.severity === 'error' ? f.cells.slice(0, 1) : f.cells;
    for (const pointer of targets) {
      const mark = out.get(pointer) ?? { severity: f.severity, messages: [] };
      if (f.severity === 'error' && mark.severity !== 'error') {
        mark.severity = 'error';
        delete mark.expected;
      }
      if (f.severity === mark.severity && mark.expected === undefined && f.expected !== undefined && pointer === f.cells[0]) mark.expected = f.expected;
      mark.messages.push(f.message[lang]);
      out.set(pointer, mark);
    }
  }
  return out;
}

function renderCell(cell: LayoutCell | undefined, data: unknown, marked: Map<string, Mark>, lang: Lang): string {
  if (!cell) return '';
  const spans = `${cell.colspan && cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan && cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
  if (cell.header) return `<th${spans}>${escapeHtml(cell.text ?? '')}</th>`;
  const key = cell.pointer ?? cell.row;
  const mark = key ? marked.get(key) : undefined;
  const classes = [cell.pointer ? 'value' : 'label', ...(mark ? [`cell-${mark.severity}`] : [])];
  const attrs = [
    `class="${classes.join(' ')}"`,
    ...(cell.pointer ? [`data-cell="${escapeHtml(cell.pointer)}"`] : []),
    ...(cell.row ? [`data-row="${escapeHtml(cell.row)}"`] : []),
    ...(mark?.expected !== undefined ? [`data-expected="${escapeHtml(mark.expected)}"`] : []),
    ...(mark ? [`title="${escapeHtml(mark.messages.join('\n'))}"`] : []),
  ];
  let content = escapeHtml(cell.text ?? '');
  if (cell.pointer) {
    const value = getAt(data, cell.pointer);
    content = value === undefined || value === null ? '' : escapeHtml(typeof value === 'object' ? JSON.stringify(value) : value);
    if (mark?.expected !== undefined) content += `<span class="expected">${WORDS[lang].expected} ${escapeHtml(mark.expected)}</span>`;
  }
  return `<td ${attrs.join(' ')}${spans}>${content}</td>`;
}

/** Every row of a block is written out in full; cells a merged cell covers are left out. */
function renderBlock(rows: LayoutRow[], data: unknown, marked: Map<string, Mark>, lang: Lang): string {
  const out: string[] = [];
  const titles = rows.filter((r) => r.title !== undefined);
  for (const t of titles) out.push(`<h3>${escapeHtml(t.title)}</h3>`);
  out.push('<table class="template">');
  for (const row of rows.filter((r) => r.title === undefined))
    out.push(`<tr>${row.cells.map((cell) => renderCell(cell, data, marked, lang)).join('')}</tr>`);
  out.push('</table>');
  return out.join('\n');
}

function renderTables(format: FormatDef, result: FileResult, lang: Lang): string {
  const marked = marks(result.findings, lang);
  return layout(format)
    .map((table) => `<section class="table" data-table="${escapeHtml(table.id)}">\n<h3>${escapeHtml(table.heading)}</h3>\n${table.blocks.map((b) => renderBlock(b, result.report, marked, lang)).join('\n')}\n</section>`)
    .join('\n');
}

function status(result: FileResult): 'passed' | 'failed' | 'warning' {
  return !result.ok ? 'failed' : result.warningCount > 0 ? 'warning' : 'passed';
}

function renderResult(result: FileResult, n: number, lang: Lang, strict: boolean): string {
  const w = WORDS[lang];
  const out = [`<section class="report" id="report-${n}" data-file="${escapeHtml(result.file)}">`, `<h2>${escapeHtml(result.file)}</h2>`];
  if (result.fatal) {
    out.push(`<p class="status-failed">${escapeHtml(w.unreadable)}${lang === 'zh' ? '：' : ': '}${escapeHtml(result.fatal.message[lang])}</p>`, '</section>');
    return out.join('\n');
  }
  // --strict: a file with warnings fails (those --quiet does not show too); --max-warnings is known only in the summary
  const passed = result.ok && !(strict && warningsOf(result) > 0);
  out.push(`<p class="status-${passed ? status(result) : 'failed'}">${passed ? w.passed : w.failed} · ${w.errors} ${result.errorCount} · ${w.warnings} ${result.warningCount}${result.format ? ` · ${escapeHtml(result.format)}` : ''}</p>`);
  if (result.findings.length === 0) out.push(`<p>${w.none}</p>`);
  else {
    out.push('<ul class="findings">');
    for (const f of result.findings)
      out.push(`<li class="${f.severity}"><code>${escapeHtml(place(f) ?? '-')}</code> ${escapeHtml(f.message[lang])} <code>${escapeHtml(f.rule)}</code></li>`);
    for (const s of result.suggestions ?? [])
      out.push(`<li class="hint"><code>${escapeHtml(suggestionPlace(s) ?? '-')}</code> ${escapeHtml(s.message?.[lang] ?? '')}</li>`);
    out.push('</ul>');
  }
  let format: FormatDef | undefined;
  try {
    format = formatDef(result.format);
  } catch {
    format = undefined; // a format this build cannot draw: the findings above still say it all
  }
  if (format && result.report) out.push(renderTables(format, result, lang));
  out.push('</section>');
  return out.join('\n');
}

/** A file's line in the summary table; one with warnings fails `--strict` when it failed (as its own section says). */
function summaryRow(r: FileResult, i: number, lang: Lang, gate: Gate | undefined): string {
  const w = WORDS[lang];
  const failed = !r.ok || (gate?.by === '--strict' && failsGate(r, gate));
  return `<tr><td><a href="#report-${i}">${escapeHtml(r.file)}</a></td><td class="status-${r.fatal || failed ? 'failed' : status(r)}">${r.fatal ? w.unreadable : failed ? w.failed : w.passed}</td><td>${r.errorCount}</td><td>${r.warningCount}</td></tr>`;
}

/** A file the batch found and did not check: its line in the summary, saying why. */
function skippedRow(f: SkippedFile, lang: Lang): string {
  const w = WORDS[lang];
  return `<tr><td>${escapeHtml(f.file)}</td><td class="status-skipped">${w.skipped}${lang === 'zh' ? '：' : ': '}${escapeHtml(f.message[lang])}</td><td></td><td></td></tr>`;
}

function renderSummary(rows: FileResult[], summary: Summary, lang: Lang, skipped: readonly SkippedFile[]): string {
  const w = WORDS[lang];
  return [
    '<div class="overview">',
    `<p class="overall status-${summary.failed > 0 || summary.gate?.failed ? 'failed' : summary.warnings > 0 ? 'warning' : 'passed'}">${escapeHtml(summarySentence(summary, lang))}</p>`,
    `<table class="summary"><tr><th>${w.files}</th><th></th><th>${w.errors}</th><th>${w.warnings}</th></tr>`,
    ...rows.map((r, i) => summaryRow(r, i, lang, summary.gate)),
    ...skipped.map((f) => skippedRow(f, lang)),
    '</table>',
    `<p class="legend">${w.legend}</p>`,
    '</div>',
  ].join('\n');
}

/**
 * One self-contained page (no scripts, no external resources): a summary on top, then each report
 * with its findings and its three tables drawn like the official template, the cell to fix in red
 * with the value it should have, warnings in amber. Printed file by file: the summary, which needs
 * every file, comes last in the page and is shown on top (CSS `order`); of each file only its line
 * in the summary is kept.
 */
export const htmlStream: StreamingFormatter = ({ lang, strict }) => {
  const w = WORDS[lang];
  const rows: FileResult[] = []; // what the summary table needs of each file, not its findings
  return {
    start: `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="generator" content="disclosure-check">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${w.title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${w.title}</h1>
`,
    file(result) {
      const { file, ok, errorCount, warningCount, hiddenWarnings, fatal } = result;
      rows.push({ file, ok, errorCount, warningCount, hiddenWarnings, fatal, findings: [] });
      return `${renderResult(result, rows.length - 1, lang, strict === true)}\n`;
    },
    end: (summary, skipped = []) => `${renderSummary(rows, summary, lang, skipped)}
</body>
</html>
`,
  };
};

export const html: Formatter = whole(htmlStream);
