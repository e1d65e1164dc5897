import type { Finding } from '../model.js';
import type { Lang } from '../tables/index.js';
import { failsGate, families, familyOf, gateSentence, place, suggestionPlace, summarySentence, warningsOf } from './common.js';
import type { Formatter } from './types.js';

/** XML text and attribute values; characters XML 1.0 cannot hold at all are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The one-testcase suite of a file that was not checked: unreadable (an `<error>`) or skipped. */
function readSuite(name: string, outcome: 'error' | 'skipped', code: string, message: string): string {
  const file = escapeXml(name);
  return (
    `  <testsuite name="${file}" tests="1" failures="0" errors="${outcome === 'error' ? 1 : 0}" skipped="${outcome === 'skipped' ? 1 : 0}">\n` +
    `    <testcase name="read" classname="${file}" file="${file}">\n` +
    `      <${outcome} type="${escapeXml(code)}" message="${escapeXml(message)}"/>\n` +
    `    </testcase>\n  </testsuite>`
  );
}

const line = (f: Finding, lang: Lang) => `${place(f) ?? '-'} ${f.severity} ${f.message[lang]} (${f.rule})`;

/**
 * JUnit XML, as CI servers show test results: a testsuite per file, a testcase per rule family.
 * A family with errors is a failure; warnings go to the testcase's output; a file that could not
 * be read is one testcase with an error, a file skipped one skipped testcase. A warning gate that
 * failed (`--strict`, `--max-warnings`) adds a failed testcase `warnings` to each file with warnings.
 */
export const junit: Formatter = (results, summary, { lang }, skipped = []) => {
  const names = families(results);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const result of results) {
    const file = escapeXml(result.file);
    if (result.fatal) {
      tests += 1;
      errors += 1;
      suites.push(readSuite(result.file, 'error', result.fatal.code, result.fatal.message[lang]));
      continue;
    }
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const family of names) {
      const findings = result.findings.filter((f) => familyOf(f.rule) === family);
      const failing = findings.filter((f) => f.severity === 'error');
      const warnings = findings.filter((f) => f.severity === 'warning');
      let body = '';
      if (failing.length > 0) {
        suiteFailures += 1;
        const first = failing[0]!;
        const message = failing.length === 1 ? first.message[lang] : `${first.message[lang]} (+${failing.length - 1})`;
        body += `      <failure type="${escapeXml(first.rule)}" message="${escapeXml(message)}">${escapeXml(failing.map((f) => line(f, lang)).join('\n'))}</failure>\n`;
      }
      if (warnings.length > 0) body += `      <system-out>${escapeXml(warnings.map((f) => line(f, lang)).join('\n'))}</system-out>\n`;
      const open = `    <testcase name="${escapeXml(family)}" classname="${file}" file="${file}"`;
      cases.push(body ? `${open}>\n${body}    </testcase>` : `${open}/>`);
    }
    // A warning gate that failed (--strict, --max-warnings) fails each file with warnings: one more testcase, failed.
    if (failsGate(result, summary.gate)) {
      const why = gateSentence(summary.gate!, summary.warnings, lang);
      const count = warningsOf(result);
      const its = lang === 'zh' ? `本文件 ${count} 个警告` : `${count} ${count === 1 ? 'warning' : 'warnings'} in this file`;
      cases.push(
        `    <testcase name="warnings" classname="${file}" file="${file}">\n      <failure type="${escapeXml(summary.gate!.by)}" message="${escapeXml(why)}">${escapeXml(its)}</failure>\n    </testcase>`,
      );
      suiteFailures += 1;
    }
    tests += cases.length;
    failures += suiteFailures;
    const hints = (result.suggestions ?? []).map((s) => `${suggestionPlace(s) ?? '-'} hint ${s.message?.[lang] ?? ''}`);
    const out = hints.length > 0 ? `\n    <system-out>${escapeXml(hints.join('\n'))}</system-out>` : '';
    suites.push(
      `  <testsuite name="${file}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join('\n')}${out}\n  </testsuite>`,
    );
  }
  // A file a folder or a pattern found and the batch passed over: a skipped test, as CI servers show one.
  for (const f of skipped) {
    tests += 1;
    suites.push(readSuite(f.file, 'skipped', f.code, f.message[lang]));
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<!-- ${escapeXml(summarySentence(summary, lang)).replace(/--/g, '- -')} -->\n` +
    `<testsuites name="disclosure-check" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped.length}">\n` +
    `${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`
  );
};
