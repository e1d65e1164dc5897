import type { Formatter } from './types.js';

/** The machine-readable shape CI scripts rely on (DESIGN.md); messages in the chosen language. */
export const json: Formatter = (results, summary, { lang }) =>
  `${JSON.stringify(
    {
      results: results.map((r) => ({
        file: r.file,
        ...(r.format ? { format: r.format } : {}),
        ok: r.ok,
        errorCount: r.errorCount,
        warningCount: r.warningCount,
        ...(r.fatal ? { fatal: r.fatal } : {}),
        findings: r.findings.map((f) => ({
          rule: f.rule,
          severity: f.severity,
          message: f.message[lang],
          messages: f.message,
          cells: f.cells,
          labels: (f.labels ?? []).map((l) => l[lang]),
          ...(f.expected !== undefined ? { expected: f.expected } : {}),
          ...(f.actual !== undefined ? { actual: f.actual } : {}),
          ...(f.difference !== undefined ? { difference: f.difference } : {}),
          ...(f.location ? { location: f.location } : {}),
          ...(f.raw !== undefined ? { raw: f.raw } : {}),
        })),
      })),
      summary,
    },
    null,
    2,
  )}\n`;
