/**
 * One file through the stages: read → locate → validate → check. Returns a result; input problems
 * that stop a file come back as `fatal`, never as an exception.
 */
import { InputError, unreadableResult, type FileResult, type Finding, type LocatedReport } from './model.js';
import { readInput } from './read/index.js';
import { locate } from './locate/locate.js';
import { titleOfRows } from './locate/title.js';
import { markSingleRowGroups } from './locate/groups.js';
import { validate } from './validate/validate.js';
import { check, invalidCells } from './check/evaluate.js';
import { suggest } from './check/suggest.js';
import { compareYears, identityOf, notLastYears, pairConsecutive } from './check/history.js';
import { checkProse } from './check/text.js';
import { formatDef, labelOf } from './tables/index.js';

export async function loadReport(file: string): Promise<LocatedReport> {
  const input = await readInput(file);
  const report = input.kind === 'report' ? input.report : locate(input.grid, file);
  markSingleRowGroups(report);
  return report;
}

/** Locator findings that already say what the schema would say about everything under their cells. */
const COVERING = new Set(['structure.missing-table', 'structure.missing-row', 'structure.single-row-group']);

export async function checkReport(report: LocatedReport): Promise<Finding[]> {
  const covered = report.findings.filter((f) => COVERING.has(f.rule)).flatMap((f) => f.cells);
  const under = (pointer: string | undefined) => pointer !== undefined && covered.some((c) => pointer === c || pointer.startsWith(`${c}/`));
  const schema = (await validate(report)).filter((f) => !under(f.cells[0]));
  const invalid = invalidCells(schema);
  const findings = [...report.findings, ...schema, ...check(report, invalid), ...checkProse(report)];
  return findings.sort(byPlace);
}

export async function checkFile(file: string): Promise<FileResult> {
  try {
    const report = await loadReport(file);
    return resultOf(file, report, await checkReport(report));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return unreadableResult(file, error.code, error.message);
  }
}

/**
 * Several files, with the cross-year rules: each report is compared with `previous` when given
 * (`--previous`), otherwise with the report of the same agency for the year before, when the batch
 * holds one. Fails with an InputError only when `previous` cannot be read.
 */
export async function checkFiles(files: string[], previous?: string, onFile: (file: string) => void = () => {}): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for await (const result of checkStream(files, previous, onFile)) results.push(result);
  return results;
}

/**
 * Agency and year without locating the tables, for the inputs that allow it: JSON says them, a
 * CSV's title is in its first rows (titleOfRows). Undefined: locate the report to know.
 */
async function quickIdentity(file: string): Promise<ReturnType<typeof identityOf> | undefined> {
  if (!/\.(csv|tsv|json)$/i.test(file)) return undefined;
  let input: Awaited<ReturnType<typeof readInput>>;
  try {
    input = await readInput(file, { head: true });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return undefined; // unreadable, or its head is (a quote still open): the full read will tell
  }
  if (input.kind === 'report') return identityOf(input.report);
  const title = titleOfRows(input.grid.rows);
  return title ? { ...(title.agency ? { agency: title.agency } : {}), year: title.year } : {};
}

/** Reports kept from the first pass for the second; beyond this, a report is read again. */
const KEEP = 64;

/**
 * `checkFiles`, result by result in input order, holding at most KEEP reports at a time: memory
 * does not grow with the batch. Pairing years needs every report's agency and year first, so a
 * batch of several files is read twice: CSV and JSON only read the first time (quickIdentity),
 * the other kinds located (the first KEEP of those are kept, not read again).
 */
export async function* checkStream(files: string[], previous?: string, onFile: (file: string) => void = () => {}): AsyncGenerator<FileResult> {
  const last = previous === undefined ? undefined : await loadReport(previous);
  const load = async (file: string): Promise<{ report?: LocatedReport; failed?: FileResult }> => {
    try {
      return { report: await loadReport(file) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { failed: unreadableResult(file, error.code, error.message) };
    }
  };
  let pairs: Map<number, number> | undefined;
  const kept = new Map<number, { report?: LocatedReport; failed?: FileResult }>();
  if (!last && files.length > 1) {
    const identities: ReturnType<typeof identityOf>[] = [];
    for (const [i, file] of files.entries()) {
      const quick = await quickIdentity(file);
      if (quick) {
        identities.push(quick);
        continue;
      }
      const loaded = await load(file);
      identities.push(loaded.report ? identityOf(loaded.report) : {});
      if (i < KEEP) kept.set(i, loaded);
    }
    pairs = pairConsecutive(identities);
  }
  const loadAt = async (i: number) => kept.get(i) ?? (await load(files[i]!));
  const previousOf = new Set(pairs?.values() ?? []); // reports a later one is compared with
  for (const [i, file] of files.entries()) {
    const { report, failed } = await loadAt(i);
    if (!previousOf.has(i)) kept.delete(i);
    if (!report) {
      onFile(file);
      yield failed!;
      continue;
    }
    const j = pairs?.get(i);
    // Read again (beyond KEEP), last year's report may have changed or gone since the first pass;
    // the pair stands only if the two reports, read whole, still say they are consecutive years.
    const candidate = j !== undefined ? (await loadAt(j)).report : undefined;
    const prior = candidate && !notLastYears(report, candidate) ? candidate : undefined;
    if (last) {
      const why = notLastYears(report, last);
      if (why) throw new InputError('previous', `${previous}: ${why} (${file})`);
    }
    const before = last ? { file: previous!, report: last } : prior ? { file: files[j!]!, report: prior } : undefined;
    const findings = await checkReport(report);
    if (before) findings.push(...compareYears(report, before.report, before.file));
    const result = resultOf(file, report, findings.sort(byPlace));
    if (before) {
      const { year } = identityOf(before.report);
      result.previous = { file: before.file, ...(year !== undefined ? { year } : {}) };
    }
    onFile(file);
    yield result;
  }
}

export function resultOf(file: string, report: LocatedReport, findings: Finding[]): FileResult {
  const errorCount = findings.filter((f) => f.severity === 'error').length;
  const format = formatDef(report.format);
  for (const finding of findings) finding.labels = finding.cells.map((cell) => labelOf(format, cell));
  const suggestions = errorCount > 0 ? suggest(report, invalidCells(findings)) : [];
  const { agency, year } = identityOf(report);
  return {
    file,
    format: report.format,
    ...(agency !== undefined ? { agency } : {}),
    ...(year !== undefined ? { year } : {}),
    ok: errorCount === 0,
    errorCount,
    warningCount: findings.length - errorCount,
    findings,
    ...(suggestions.length > 0 ? { suggestions } : {}),
    report: report.data,
  };
}

/** Findings in reading order: by line, then column; findings without a place last. */
function byPlace(a: Finding, b: Finding): number {
  const la = a.location?.line ?? Infinity;
  const lb = b.location?.line ?? Infinity;
  if (la !== lb) return la - lb;
  return (a.location?.column ?? 0) - (b.location?.column ?? 0);
}
