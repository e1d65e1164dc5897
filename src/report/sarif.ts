import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TOOL, type Finding, type Suggestion } from '../model.js';
import type { Lang } from '../tables/index.js';
import { ALL_RULES, failsGate, gateSentence, type RuleInfo } from './common.js';
import type { Formatter } from './types.js';

/** A path as a SARIF artifact URI: relative paths stay relative (to %SRCROOT%), percent-encoded. */
export function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const uri = file.split(/[\\/]/).map(encodeURIComponent).join('/').replace(/^(\.\/)+/, '');
  return { uri, uriBaseId: '%SRCROOT%' };
}

const SUGGESTION: RuleInfo = {
  id: 'suggestion',
  class: 'heuristic',
  severity: 'warning',
  description: { zh: '最可能出错的单元格及其应有的值', en: 'the cell most likely wrong, and the value it should have' },
};

function ruleDescriptor(rule: RuleInfo, lang: Lang) {
  return {
    id: rule.id,
    shortDescription: { text: rule.description[lang] },
    fullDescription: { text: `${rule.description.zh} / ${rule.description.en}` },
    defaultConfiguration: { level: rule.id === SUGGESTION.id ? 'note' : rule.severity },
    properties: { class: rule.class, tags: [rule.class, rule.id.split('.')[0]!] },
  };
}

const notification = (level: 'error' | 'note', file: string, code: string, text: string) => ({
  level,
  message: { text },
  descriptor: { id: code },
  locations: [{ physicalLocation: { artifactLocation: artifactUri(file) } }],
});

/**
 * SARIF 2.1.0, for code-scanning dashboards: rule metadata from the catalog, one result per
 * finding with the cell's line and column (for CSV the column is the field number), and the
 * cells' JSON Pointers as logical locations.
 */
export const sarif: Formatter = (results, summary, { lang }, skipped = []) => {
  const rules: RuleInfo[] = [...ALL_RULES];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const r of results)
    for (const f of r.findings)
      if (!index.has(f.rule)) {
        index.set(f.rule, rules.length);
        rules.push({ id: f.rule, class: 'heuristic', severity: f.severity, description: f.message });
      }

  const resultOf = (file: string, f: Finding) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule)!,
    level: f.severity,
    message: { text: f.message[lang] },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(file),
          ...(f.location ? { region: { startLine: f.location.line, startColumn: f.location.column } } : {}),
        },
        logicalLocations: f.cells.slice(0, 1).map((cell, i) => ({
          fullyQualifiedName: cell,
          kind: 'element',
          ...(f.labels?.[i] ? { name: f.labels[i]![lang] } : {}),
        })),
      },
    ],
    partialFingerprints: { 'disclosureCheck/v1': `${f.rule}:${f.cells[0] ?? ''}` },
    properties: {
      cells: f.cells,
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      ...(f.difference !== undefined ? { difference: f.difference } : {}),
    },
  });

  // Which cell to correct: a note on that cell, under the `suggestion` rule.
  const suggestionOf = (file: string, s: Suggestion) => {
    const at = s.changes[0]?.location;
    return {
      ruleId: SUGGESTION.id,
      ruleIndex: index.get(SUGGESTION.id)!,
      level: 'note',
      message: { text: s.message?.[lang] ?? '' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactUri(file),
            ...(at ? { region: { startLine: at.line, startColumn: at.column } } : {}),
          },
          logicalLocations: s.changes.map((c) => ({ fullyQualifiedName: c.cell, kind: 'element' })),
        },
      ],
      properties: { changes: s.changes.map(({ cell, from, to }) => ({ cell, from, to })), resolves: s.resolves },
    };
  };
  if (results.some((r) => r.suggestions?.length)) {
    index.set(SUGGESTION.id, rules.length);
    rules.push(SUGGESTION);
  }

  const fatal = results.filter((r) => r.fatal);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL,
            rules: rules.map((r) => ruleDescriptor(r, lang)),
          },
        },
        invocations: [
          {
            executionSuccessful: fatal.length === 0,
            // Files that could not be read, then files found and skipped (a note: the run still succeeded).
            toolExecutionNotifications: [
              ...fatal.map((r) => notification('error', r.file, r.fatal!.code, r.fatal!.message[lang])),
              ...skipped.map((f) => notification('note', f.file, f.code, f.message[lang])),
              // A warning gate that failed (--strict, --max-warnings): an error on each file it fails.
              ...(summary.gate?.failed
                ? results.filter((r) => failsGate(r, summary.gate)).map((r) => notification('error', r.file, summary.gate!.by, gateSentence(summary.gate!, summary.warnings, lang)))
                : []),
            ],
          },
        ],
        results: results.flatMap((r) => [...r.findings.map((f) => resultOf(r.file, f)), ...(r.suggestions ?? []).map((s) => suggestionOf(r.file, s))]),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
