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
import { compareYears, identityOf, notLastYears, pairYears } from './check/history.js';
import { checkProse } from './check/text.js';
import { formatDef, labelOf, type Text } from './tables/index.js';

export async function loadReport(file: string): Promise<LocatedReport> {
  const input = await readInput(file);
  const report = input.kind === 'report' ? input.report : locate(input.grid, file);
  markSingleRowGroups(report);
  return report;
}

/** Locator findings that already say what the schema would say about everything under their cells. */
const COVERING = new Set(['structure.missing-table', 'structure.missing-row', 'structure.missing-column', 'structure.single-row-group']);

export async function checkReport(report: LocatedReport): Promise<Finding[]> {
  const covered = report.findings.filter((f) => COVERING.has(f.rule)).flatMap((f) => f.cells);
  const under = (pointer: string | undefined) => pointer !== undefined && covered.some((c) => pointer === c || pointer.startsWith(`${c}/`));
  const schema = (await validate(report)).filter((f) => !under(f.cells[0]));
  const invalid = invalidCells(schema);
  const findings = [...report.findings, ...schema, ...check(report, invalid), ...checkProse(report)];
  return findings.sort(byPlace);
}

export async function checkFile(file: string): Promise<FileResult> {
  const { report, failed } = await loadOrFail(file);
  return report ? withHistory(file, report, undefined) : failed;
}

/**
 * The result of a file on which the checker itself failed (a bug, or a limit no test reached): it
 * says so, exit code 2, and the rest of a batch is still checked and printed.
 */
export function internalResult(file: string, error: unknown): FileResult {
  if (process.env.DISCLOSURE_CHECK_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  const message = error instanceof Error ? error.message : String(error);
  return unreadableResult(file, 'internal', {
    zh: `${file}：检查这个文件时程序内部出错：${message}（请报告此问题）`,
    en: `${file}: internal error while checking this file: ${message} (please report this)`,
  });
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

export type Identity = ReturnType<typeof identityOf>;

/**
 * A report's agency and year, for pairing the years of a batch, at a fraction of a check's cost:
 * JSON says them (its metadata read by `readJsonHead`), the other kinds have them in a title
 * before their tables (`titleOfRows`, the locator's reading without locating anything): a CSV's
 * or a text's first kilobyte, a page's `<head>`, else the whole text or page. The tests hold this
 * to the locator's answer on every fixture. An unreadable file has none.
 */
export async function identify(file: string): Promise<Identity> {
  const titleIn = async (head: boolean) => {
    const input = await readInput(file, { head });
    return input.kind === 'report' ? identityOf(input.report) : titleOfRows(input.grid.rows);
  };
  try {
    // A page's head or a text's first kilobyte can miss a title its whole has (a site's menu copied
    // first); a CSV's tables start near the top.
    return (await titleIn(true)) ?? (/\.(html?|txt)$/i.test(file) ? await titleIn(false) : undefined) ?? {};
  } catch {
    return {}; // unreadable, or its head is (a quote still open): the check will tell
  }
}

/** Reports recently loaded, by file: last year's report is most often the file just before. */
export class RecentReports {
  private readonly reports = new Map<string, Promise<Loaded>>();
  constructor(private readonly size: number) {}
  load(file: string): Promise<Loaded> {
    let loaded = this.reports.get(file);
    if (loaded) this.reports.delete(file);
    else loaded = loadOrFail(file);
    this.reports.set(file, loaded);
    if (this.reports.size > this.size) this.reports.delete(this.reports.keys().next().value!);
    return loaded;
  }
}

type Loaded = { report: LocatedReport; failed?: undefined } | { report?: undefined; failed: FileResult };

async function loadOrFail(file: string): Promise<Loaded> {
  try {
    return { report: await loadReport(file) };
  } catch (error) {
    return { failed: error instanceof InputError ? unreadableResult(file, error.code, error.text) : internalResult(file, error) };
  }
}

/** The pairs of a batch: file index → the index of the same agency's report for the year before (`pairYears`). */
export async function pairsOf(files: readonly string[], note?: (text: Text) => void): Promise<Map<number, number>> {
  const identities: Identity[] = [];
  for (const file of files) identities.push(await identify(file));
  return pairYears(identities, files, note);
}

/**
 * One file of a batch, compared with `prior` (the file `pairsOf` found for the year before) when
 * both, read whole, say they are consecutive years of one agency: `prior` may have changed or gone
 * since it was identified, or its title may read otherwise in full.
 */
export async function checkPaired(file: string, prior: string | undefined, recent = new RecentReports(2)): Promise<FileResult> {
  const { report, failed } = await recent.load(file);
  if (!report) return failed;
  const candidate = prior === undefined ? undefined : (await recent.load(prior)).report;
  const before = candidate && !notLastYears(report, candidate) ? candidate : undefined;
  return withHistory(file, report, before && { file: prior!, report: before });
}

/** A report's result, with the cross-year findings when last year's report is given. */
async function withHistory(file: string, report: LocatedReport, before: { file: string; report: LocatedReport } | undefined): Promise<FileResult> {
  try {
    return await resultWithHistory(file, report, before);
  } catch (error) {
    return internalResult(file, error);
  }
}

async function resultWithHistory(file: string, report: LocatedReport, before: { file: string; report: LocatedReport } | undefined): Promise<FileResult> {
  const findings = await checkReport(report);
  if (before) findings.push(...compareYears(report, before.report, before.file));
  const result = resultOf(file, report, findings.sort(byPlace));
  if (before) {
    const { year } = identityOf(before.report);
    result.previous = { file: before.file, ...(year !== undefined ? { year } : {}) };
  }
  return result;
}

/**
 * `checkFiles`, result by result in input order; memory does not grow with the batch. Pairing
 * years needs every report's agency and year first, so a batch of several files is read twice:
 * the first time only as far as `identify` needs.
 */
export async function* checkStream(
  files: string[],
  previous?: string,
  onFile: (file: string) => void = () => {},
  onNote?: (text: Text) => void,
): AsyncGenerator<FileResult> {
  if (previous !== undefined) {
    const last = await loadReport(previous);
    for (const file of files) {
      const { report, failed } = await loadOrFail(file);
      const why = report && notLastYears(report, last);
      if (why) throw new InputError('previous', { zh: `${previous}：${why.zh}（${file}）`, en: `${previous}: ${why.en} (${file})` });
      onFile(file);
      yield report ? await withHistory(file, report, { file: previous, report: last }) : failed!;
    }
    return;
  }
  const pairs = files.length > 1 ? await pairsOf(files, onNote) : new Map<number, number>();
  const recent = new RecentReports(4);
  for (const [i, file] of files.entries()) {
    const j = pairs.get(i);
    const result = await checkPaired(file, j === undefined ? undefined : files[j], recent);
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
