/**
 * The command line: parses arguments, runs the pipeline on each file, picks the formatter and owns
 * the exit code. No domain logic lives here.
 */
import { Command, CommanderError, Option } from 'commander';
import { appendFileSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkStream, loadReport } from './pipeline.js';
import { blankReport, convert, type ConvertTarget } from './convert/convert.js';
import { STDIN, expandInputs, noReportsAmong, type Source } from './inputs.js';
import { isTerminal, openWhole, refuseTarget, writeFailure, writeFd, writeWhole, type WholeWriter } from './output.js';
import { DRAWS_TABLES, FORMAT_NAMES, addToSummary, formatter, streamingFormatter, summarize, type SkippedFile, type Summary } from './report/index.js';
import { InputError, OLD_EXCEL, skippedInBatch, type FileResult } from './model.js';
import { FORMAT_VERSIONS, formatDef, type FormatVersion, type Lang, type Text } from './tables/index.js';
import { PROGRESS_THRESHOLD, startProgress } from './progress.js';
import { printable } from './printable.js';

export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

/**
 * An error the user can fix; printed as one line, exit 2. About a file (the reader's words), it is
 * said in the chosen language; about the command line, in English, as commander's own errors are.
 */
class UsageError extends Error {
  constructor(readonly text: Text | string) {
    super(typeof text === 'string' ? text : text.en);
  }
}

/** The language errors are said in: `--lang`, once the command line is read; until then LANG's. */
let lang: Lang = defaultLang(process.env);

/** The built CLI, which worker threads run too (bin/disclosure-check.cjs serves tasks in a worker). */
const WORKER_SCRIPT = new URL('../bin/disclosure-check.cjs', import.meta.url);

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

function defaultLang(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

interface CheckOptions {
  format: string;
  output?: string;
  lang: Lang;
  quiet?: boolean;
  strict?: boolean;
  maxWarnings?: number;
  color: boolean;
  previous?: string;
  jobs?: number;
}

/**
 * Batches from this size are checked on one thread per core by default. Below it a second thread
 * costs more than it saves, measured on 2 cores: a worker starts cold (its own JIT warm-up), and
 * one thread alone already keeps the second core a quarter busy with V8's compiling and collecting.
 * In the second process a big batch runs in (src/rerun.ts), V8 compiles less, and two threads gain
 * from 1,500 files (1,500: 5%, 2,000: 7% faster than one; 1,000: 3% slower); in one process, two
 * threads are still 12% slower at 2,000 files.
 */
const PARALLEL_FROM = process.env.DISCLOSURE_CHECK_TUNED === '1' ? 1500 : 3000;

async function runCheck(inputs: string[], options: CheckOptions): Promise<number> {
  lang = options.lang;
  if (options.output) validName(options.output);
  // Formatters that can print file by file get each result as it comes, so a batch of any size
  // keeps no results in memory; the others get them all at the end.
  if (!FORMAT_NAMES.includes(options.format))
    throw new UsageError(`option '-f, --format <name>' argument '${options.format}' is invalid. Allowed choices are ${FORMAT_NAMES.join(', ')}. (see --help)`);
  const stream = await streamingFormatter(options.format);
  const format = stream ? undefined : await formatter(options.format);
  if (options.previous === '-') {
    if (inputs.includes('-')) throw new UsageError('standard input (-) can be read once: give it as the report or as --previous, not both');
    options.previous = STDIN;
  }
  const expanded = await expandInputs(inputs);
  const { problems, foundBy } = expanded;
  if (options.previous !== undefined && problems.length > 0) throw new UsageError(problems[0]!.result.fatal!.message);
  // A file a folder or a pattern found that is no report (a README.txt) is skipped, as in any
  // batch; with --previous, before the one report is counted.
  const { files, skipped }: { files: string[]; skipped: SkippedFile[] } =
    options.previous !== undefined && foundBy.size > 0 ? await withoutNonReports(expanded.files, foundBy) : { files: expanded.files, skipped: [] };
  if (options.previous !== undefined && files.length !== 1)
    throw new UsageError(`--previous compares one report with last year's; give one report, not ${files.length} (a directory pairs reports by agency and year itself)`);
  if (options.output) {
    const refused = refuseTarget(options.output, options.previous === undefined ? files : [...files, options.previous]);
    if (refused) throw new UsageError(refused);
  }
  const { readOnce } = expanded; // standard input or a pipe: in this thread, not in a second process nor in workers
  if (rerunArgs && files.length > 1 && !readOnce) {
    // (loaded only for a batch: node:child_process costs a single check's start-up a few ms)
    const { wantsTunedRun, rerunTuned } = await import('./rerun.js');
    const code = wantsTunedRun(files.length) ? await rerunTuned(fileURLToPath(WORKER_SCRIPT), rerunArgs) : undefined;
    if (code !== undefined) return code;
  }
  const color = options.color && !options.output && wantsColor(process.env, () => isTerminal(1));
  const formatOptions = { lang: options.lang, color, strict: options.strict === true };
  const out = options.output ? openOutput(options.output) : { write: toStdout, commit() {}, abort() {} };
  // process.stderr only for a batch: creating the stream costs a single check's start-up.
  // Not when the results stream to the same terminal as they come: each would be written after the bar, on its line.
  // (output sent to /dev/null, as `> /dev/null`, is no terminal: the bar is shown)
  const sharesTerminal = files.length > PROGRESS_THRESHOLD && stream !== undefined && !options.output && isTerminal(1);
  const progress = files.length > PROGRESS_THRESHOLD && !sharesTerminal ? startProgress(files.length, process.stderr) : { tick() {}, done() {} };

  const summary = summarize([]);
  let warnings = 0; // all of them, --quiet or not: --strict and --max-warnings count what is there
  let passedWithWarnings = 0; // files that fail a warning gate that fails, though they have no error
  const kept: FileResult[] = [];
  const fatal: string[] = []; // said after the progress bar is gone
  const printer = stream?.(formatOptions);
  let started = false;
  const begin = () => {
    if (printer && !started) out.write(printer.start);
    started = true;
  };
  // A file a directory or a pattern found that is no report at all (a README.txt), or an old .xls,
  // is skipped, with a note; an argument whose every file is skipped names no report, as an empty
  // folder does.
  const reportsBy = new Map<Source, { checked: number; skipped: number; oldExcel: number }>();
  const take = (result: FileResult) => {
    parentGone();
    const by = foundBy.get(result.file);
    if (by !== undefined) {
      const count = reportsBy.get(by) ?? { checked: 0, skipped: 0, oldExcel: 0 };
      reportsBy.set(by, count);
      if (result.fatal && skippedInBatch(result.fatal.code)) {
        count.skipped++;
        if (result.fatal.code === OLD_EXCEL) count.oldExcel++;
        skipped.push({ file: result.file, code: result.fatal.code, message: result.fatal.message });
        // Its last file: in the argument's place, as an empty folder's line is.
        // (unless it found a report that an argument before it had given: `a.csv reports/`)
        if (count.skipped === by.files && by.named === 0) take(noReportsAmong(by, count.skipped, count.oldExcel));
        return;
      }
      count.checked++;
    }
    begin(); // not before: a --previous that cannot be read is a usage error, with nothing printed
    if (result.fatal) fatal.push(result.fatal.message[options.lang]);
    warnings += result.warningCount;
    if (result.ok && result.warningCount > 0) passedWithWarnings++;
    const shown = options.quiet ? onlyErrors(result) : result;
    addToSummary(summary, shown);
    if (printer) out.write(printer.file(shown));
    else kept.push(shown);
  };
  try {
    // Results in the order of the arguments: an empty folder's line where the folder was named.
    let done = 0;
    let next = 0;
    const problemsUpTo = (count: number) => {
      while (next < problems.length && problems[next]!.before <= count) take(problems[next++]!.result);
    };
    const jobs = readOnce ? 1 : (options.jobs ?? (files.length >= PARALLEL_FROM ? availableParallelism() : 1));
    const notes: Text[] = []; // said after the progress bar is gone, with the skipped files
    const results = checkWithHistory(files, options.previous, { jobs, withData: DRAWS_TABLES.has(options.format) }, (file) => progress.tick(file), (text) => notes.push(text));
    for await (const result of results) {
      problemsUpTo(done++);
      take(result);
    }
    problemsUpTo(Infinity);
    progress.done();
    for (const { message } of skipped) say(options.lang === 'zh' ? `已跳过 ${message.zh}` : `skipped ${message.en}`);
    summary.skipped = skipped.length;
    for (const note of notes) say(options.lang === 'zh' ? `注意：${note.zh}` : `note: ${note.en}`);
    for (const message of fatal) say(message);
    // The warning gate, known once every file is in: said in every output's summary, and on stderr.
    const maxWarnings = options.strict ? 0 : options.maxWarnings;
    if (maxWarnings !== undefined)
      summary.gate = { by: options.strict ? '--strict' : '--max-warnings', maxWarnings, warnings, failed: warnings > maxWarnings };
    // (--strict fails each file with a warning, as it is printed; --max-warnings is the run's
    // limit, known only at the end: files keep the answer their own findings gave)
    if (summary.gate?.failed && summary.gate.by === '--strict') {
      summary.passed -= passedWithWarnings;
      summary.failed += passedWithWarnings;
    }
    if (summary.gate?.failed) say((await import('./report/common.js')).gateSentence(summary.gate, summary.warnings, options.lang));
    begin();
    out.write(printer ? printer.end(summary, skipped) : format!(kept, summary, formatOptions, skipped));
    commit(out, options.output);
  } catch (error) {
    progress.done();
    out.abort();
    throw error;
  }
  if (options.format === 'github') await appendStepSummary(kept, summary, options.lang, skipped);

  const unreadable = fatal.length > 0;
  if (unreadable) return EXIT.input;
  if (summary.errors > 0 || summary.gate?.failed) return EXIT.findings;
  return EXIT.ok;
}

/**
 * The files but those a folder or a pattern found that are no report at all, and the notes that
 * say so; two reports are already one too many for --previous, so files after them are counted,
 * not read. A folder or pattern that found no report at all is said as in any batch.
 */
async function withoutNonReports(files: string[], foundBy: Map<string, Source>): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const kept: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    if (foundBy.has(file) && kept.length < 2)
      try {
        await loadReport(file);
      } catch (error) {
        if (error instanceof InputError && skippedInBatch(error.code)) {
          skipped.push({ file, message: error.text, code: error.code });
          continue;
        }
      }
    kept.push(file);
  }
  if (kept.length === 0 && skipped.length > 0) {
    const by = foundBy.get(skipped[0]!.file)!;
    const its = skipped.filter(({ file }) => foundBy.get(file) === by);
    throw new UsageError(noReportsAmong(by, its.length, its.filter(({ code }) => code === OLD_EXCEL).length).fatal!.message);
  }
  return { files: kept, skipped };
}

function openOutput(file: string): WholeWriter {
  let out: WholeWriter;
  try {
    out = openWhole(file);
  } catch (error) {
    throw new UsageError(writeFailure(file, error));
  }
  // A write that fails (a full disk, /dev/full, ulimit -f) is said in one line too, as a failed commit is.
  const write = (text: string) => {
    try {
      out.write(text);
    } catch (error) {
      throw new UsageError(writeFailure(file, error));
    }
  };
  return { ...out, write };
}

function commit(out: WholeWriter, file: string | undefined): void {
  try {
    out.commit();
  } catch (error) {
    out.abort();
    throw new UsageError(writeFailure(file ?? 'stdout', error));
  }
}

/** Writes a whole output file (convert, init), a failure said in one line. */
function writeOutput(file: string, text: string, options: { exclusive?: boolean; inputs?: string[] } = {}): void {
  const refused = refuseTarget(file, options.inputs ?? []);
  if (refused) throw new UsageError(refused);
  try {
    writeWhole(file, text, options);
  } catch (error) {
    throw new UsageError(writeFailure(file, error));
  }
}

/** `--to csv` writes `.csv`, `--as json` `.json`: a file named otherwise would not read back. */
function checkExtension(file: string, kind: 'csv' | 'json'): void {
  const extension = extname(file).toLowerCase();
  if (extension !== `.${kind}`)
    throw new UsageError({
      zh: `${file}：${kind.toUpperCase()} 文件应以 .${kind} 结尾${extension ? `，而不是 ${extension}` : ''}`,
      en: `${file}: a ${kind.toUpperCase()} file must be named .${kind}${extension ? `, not ${extension}` : ''}`,
    });
}

/** Colour on a terminal; FORCE_COLOR asks for it elsewhere (CI logs); NO_COLOR always wins. */
function wantsColor(env: NodeJS.ProcessEnv, tty: () => boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return tty();
}

/**
 * The files through the pipeline, each compared with last year's report (`--previous`, or found in
 * the batch); a batch on `jobs` threads (this one and `jobs - 1` workers) when more than one.
 */
async function* checkWithHistory(
  files: string[],
  previous: string | undefined,
  { jobs, withData }: { jobs: number; withData: boolean },
  onFile: (file: string) => void,
  onNote: (text: Text) => void,
): AsyncGenerator<FileResult> {
  try {
    if (jobs > 1 && files.length > 1 && previous === undefined) {
      const { checkParallel } = await import('./pool/pool.js');
      yield* checkParallel(files, { jobs: Math.min(jobs, files.length), withData, script: WORKER_SCRIPT }, onFile, onNote);
    } else yield* checkStream(files, previous, onFile, onNote);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError({ zh: `--previous ${error.text.zh}`, en: `--previous ${error.text.en}` });
    throw error;
  }
}

/** In GitHub Actions, the run's page shows the Markdown summary appended to $GITHUB_STEP_SUMMARY. */
async function appendStepSummary(results: FileResult[], summary: Summary, lang: Lang, skipped: readonly SkippedFile[]): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const { stepSummary } = await import('./report/github.js');
  try {
    appendFileSync(file, stepSummary(results, summary, lang, skipped));
  } catch (error) {
    const why = writeFailure(`${file} ($GITHUB_STEP_SUMMARY)`, error);
    throw new UsageError({ zh: `${why.zh}；步骤摘要没有写入`, en: `${why.en}; the step summary is not written` });
  }
}

/** `convert <file> --to json|csv [-o FILE]`. */
function addConvertCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('convert')
    .description('write any readable report (CSV, JSON, XLSX, text, HTML) as the canonical JSON or the spreadsheet CSV')
    .argument('<file>', 'the report to convert')
    .addOption(new Option('--to <kind>', 'what to write').choices(['json', 'csv']).makeOptionMandatory())
    .option('-o, --output <file>', 'write to a file (whole or not at all) instead of stdout', outputFile)
    .addOption(new Option('--lang <lang>', 'language of an error about the report').choices(['zh', 'en']).default(defaultLang(process.env), 'from LC_ALL, LC_MESSAGES or LANG'))
    .action(async (file: string, options: { to: ConvertTarget; output?: string; lang: Lang }, command: Command) =>
      setExit(await runConvert(file, withOptionsBefore(command, options))),
    );
}

/** `convert`: one input, read like any report, written as the canonical JSON or the CSV. */
async function runConvert(file: string, options: { to: ConvertTarget; output?: string; lang: Lang }): Promise<number> {
  lang = options.lang;
  if (options.output) validName(options.output);
  let text: string;
  try {
    text = convert(await loadReport(file === '-' ? STDIN : file), options.to);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    say(error.text[lang]);
    return EXIT.input;
  }
  if (options.output) {
    checkExtension(options.output, options.to);
    writeOutput(options.output, text, { inputs: [file] });
  } else toStdout(text);
  return EXIT.ok;
}

function onlyErrors(result: FileResult): FileResult {
  const findings = result.findings.filter((f) => f.severity === 'error');
  return { ...result, findings, warningCount: 0, ...(result.warningCount > 0 ? { hiddenWarnings: result.warningCount } : {}) };
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings needs a whole number, not "${value}"`);
  return Number(value);
}

/** `-o ''` names no file: said, not taken as "no -o" (which would print to stdout). */
function outputFile(value: string): string {
  if (value === '') throw new UsageError('-o/--output needs a file name, not an empty string');
  return value; // (its name checked once --lang is known: validName)
}

/** A name that is not valid UTF-8 reaches Node with U+FFFD in place of its bytes: writing it would create another file. */
function validName(file: string): void {
  if (file.includes('\uFFFD'))
    throw new UsageError({
      zh: `${file}：文件名不是有效的 UTF-8（写出的文件会是另一个名字）；请用 UTF-8 的名字`,
      en: `${file}: the file name is not valid UTF-8 (its bytes would be written as another name); name the output in UTF-8`,
    });
}

function jobCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--jobs needs a whole number of threads, 1 or more, not "${value}"`);
  // More threads than cores only share the cores and multiply the memory (each has its own heap).
  return Math.min(Number(value), availableParallelism());
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('disclosure-check');
  // The check's options come before a subcommand's name, so that `convert -o` is convert's own.
  program.enablePositionalOptions();
  program
    .description('Check the tables of a 政府信息公开工作年度报告 (CSV, XLSX, JSON, or the published text or web page).')
    .version(pkg.version)
    .argument('<files...>', 'report files, or directories of them; - reads standard input')
    // Its choices are checked when the check runs, not as it is parsed: given before a subcommand's
    // name, it is that subcommand's (`-f text rules`, see withOptionsBefore).
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish').argParser(String))
    .option('-o, --output <file>', 'write the report to a file (whole or not at all)', outputFile)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default(defaultLang(process.env), 'from LC_ALL, LC_MESSAGES or LANG'))
    .option('--quiet', 'report errors only')
    .option('--strict', 'warnings fail the check too')
    .option('--max-warnings <n>', 'fail when there are more warnings than this', nonNegativeInteger)
    .option('--no-color', 'no colours, even on a terminal')
    .addHelpText('after', '\nExit codes: 0 every file passed; 1 at least one error (or warning, with --strict);\n2 usage error, or a file that could not be read or recognised.')
    .option('--previous <file>', "last year's report of the same agency: cross-year rules (history.*)")
    .option('-j, --jobs <n>', `threads checking a batch, at most one per core (default: one per core for a batch of thousands of files, else 1)`, jobCount)
    .action(async (inputs: string[], options: CheckOptions) => setExit(await runCheck(inputs, options)));
  addInitCommand(program, setExit);
  addRulesCommand(program, setExit);
  addConvertCommand(program, setExit);
  return program;
}

interface InitOptions {
  as?: 'csv' | 'json';
  formatVersion?: FormatVersion;
  force?: boolean;
}

/** `init [file] [--as csv|json] [--force]`: a blank 2021 template (zeros) that passes the checker. */
function addInitCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('write a blank template (all zeros) to fill in; "-" writes it to stdout')
    .argument('[file]', 'where to write it (default: report.csv, or report.json with --as json)')
    .addOption(new Option('--as <kind>', 'CSV (spreadsheet layout) or canonical JSON (default: from the file name)').choices(['csv', 'json']))
    .addOption(new Option('--format-version <version>', 'the template of which year').choices(FORMAT_VERSIONS).default('2021'))
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string | undefined, options: InitOptions, command: Command) => setExit(await runInit(file, withOptionsBefore(command, options))));
}

async function runInit(file: string | undefined, options: InitOptions): Promise<number> {
  const named = file && file !== '-' ? extname(file).toLowerCase().slice(1) : undefined;
  const kind = options.as ?? (named === 'json' ? 'json' : 'csv');
  if (file && file !== '-') checkExtension(file, kind);
  const version = options.formatVersion ?? '2021';
  const text = convert(blankReport(formatDef(version)), kind);
  if (file === '-') {
    toStdout(text);
    return EXIT.ok;
  }
  const target = file ?? `report.${kind}`;
  validName(target);
  writeOutput(target, text, { exclusive: !options.force });
  toStdout(`${target}: blank ${version} template written (${kind.toUpperCase()})\n`);
  return EXIT.ok;
}

/** Options that are a person's preferences, not part of what a command does. */
const PREFERENCES = new Set(['lang', 'color']);

/** `-o/--output`, as either may have been typed. */
const named = (option: Option) => (option.short ? `${option.short}/${option.long}` : option.long);

/**
 * A subcommand's options with those given before its name (`-o out.json convert …`, `--lang zh
 * rules`), which the check's parser took: passed on when the subcommand has the option and was not
 * given it after its name, refused when it has not, never ignored in silence. `--lang` and
 * `--no-color` are let pass where nothing depends on them (`--lang zh init`): they are a person's
 * preferences (an alias may carry them), not part of what the command does.
 */
function withOptionsBefore<T extends object>(command: Command, own: T): T {
  const parent = command.parent!;
  const options = { ...own } as Record<string, unknown>;
  for (const option of parent.options) {
    const key = option.attributeName();
    if (parent.getOptionValueSource(key) !== 'cli') continue;
    const its = command.options.find((o) => o.attributeName() === key);
    if (!its) {
      if (PREFERENCES.has(key)) continue;
      throw new UsageError(`${named(option)} is an option of the check, not of ${command.name()}`);
    }
    if (command.getOptionValueSource(key) === 'cli') continue; // its own, after its name, wins
    const value = parent.getOptionValue(key);
    if (its.argChoices && !its.argChoices.includes(value)) throw new UsageError(`${command.name()} ${named(its)} is one of ${its.argChoices.join(', ')}, not "${value}"`);
    options[key] = value;
  }
  return options as T;
}

/** `rules [--format text|json] [--lang zh|en]`: the rule catalog. */
function addRulesCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('list the rules: id, class, severity and description')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the descriptions').choices(['zh', 'en']).default(defaultLang(process.env), 'from LC_ALL, LC_MESSAGES or LANG'))
    .action(async (own: { format: 'text' | 'json'; lang: Lang }, command: Command) => {
      const { rulesJson, rulesText } = await import('./report/rules.js');
      const { format, lang } = withOptionsBefore(command, own);
      toStdout(format === 'json' ? rulesJson(lang) : rulesText(lang));
      setExit(EXIT.ok);
    });
}

/**
 * One line on stderr, in the command's name: file names and quoted text made printable, on one
 * line. Written as stdout is (writeFd): a reader that went away (`2>&1 | head -1`) ends the note
 * quietly, where the stream's EPIPE would end the process with exit 1 whatever the results said.
 */
function say(message: string): void {
  try {
    writeFd(2, `disclosure-check: ${printable(message)}\n`);
  } catch {
    // stderr cannot be written at all (closed, a full disk): the exit code still says how it went
  }
}

/**
 * Writes to stdout whole (see writeFd): a reader that went away (`| head`) ends the writing
 * quietly; a stdout that cannot be written (a full disk) is a one-line error, exit 2.
 */
function toStdout(text: string): void {
  try {
    writeFd(1, text);
  } catch (error) {
    throw new UsageError(writeFailure('stdout', error));
  }
}

/** A batch's worker thread (bin/disclosure-check.cjs calls this there): loaded only in one. */
export async function serveWorker(): Promise<void> {
  (await import('./pool/worker.js')).serveWorker();
}

/** The command line's arguments when this process is the CLI itself, which a big batch may run again (src/rerun.ts). */
let rerunArgs: readonly string[] | undefined;

/** In a big batch's second process: ends it when the first is gone (src/rerun.ts). */
let parentGone = () => {};

/** `mayRerun`: this is the CLI's own process (bin/disclosure-check.cjs), not a program calling `main`. */
export async function main(argv: string[], { mayRerun = false }: { mayRerun?: boolean } = {}): Promise<number> {
  rerunArgs = mayRerun ? argv.slice(2) : undefined;
  lang = defaultLang(process.env);
  if (mayRerun && process.env.DISCLOSURE_CHECK_TUNED === '1') parentGone = (await import('./rerun.js')).parentWatch();
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  // Commander's own usage errors, as one line like every other error (subcommands' too).
  for (const command of [program, ...program.commands]) {
    command.exitOverride();
    command.configureOutput({
      writeOut: toStdout,
      outputError: (text, write) => write(`disclosure-check: ${printable(text.split('\n')[0]!.replace(/^error: /, ''))} (see --help)\n`),
    });
  }
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    if (error instanceof UsageError) {
      say(typeof error.text === 'string' ? error.text : error.text[lang]);
      return EXIT.input;
    }
    const message = error instanceof Error ? error.message : String(error);
    say(`internal error: ${message} (please report this)`);
    if (process.env.DISCLOSURE_CHECK_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.input;
  }
}
