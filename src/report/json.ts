import type { Formatter } from './types.js';

/** The machine-readable shape CI scripts rely on (DESIGN.md); messages in the chosen language. */
export const json: Formatter = (results, summary, { lang }) =>
  `${JSON.stringify(
    {
      results: results.map((r) => ({
        file: r.file,
        ...(r.format ? { format: r.format } : {}),
        ...(r.agency !== undefined ? { agency: r.agency } : {}),
        ...(r.year !== undefined ? { year: r.year } : {}),
        ...(r.previous ? { previous: r.previous } : {}),
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
        ...(r.suggestions
          ? {
              suggestions: r.suggestions.map((s) => ({
                changes: s.changes.map((c) => ({
                  cell: c.cell,
                  from: c.from,
                  to: c.to,
                  ...(c.label ? { label: c.label[lang] } : {}),
                  ...(c.location ? { location: c.location } : {}),
                  ...(c.typo ? { typo: c.typo } : {}),
                })),
                resolves: s.resolves,
                ...(s.message ? { message: s.message[lang], messages: s.message } : {}),
              })),
            }
          : {}),
      })),
      summary,
    },
    null,
    2,
  )}\n`;
