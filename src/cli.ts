/**
 * The command line: parses arguments, runs the pipeline on each file, picks the formatter and owns
 * the exit code. No domain logic lives here.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { checkFiles } from './pipeline.js';
import { expandInputs } from './inputs.js';
import { writeWhole } from './output.js';
import { FORMAT_NAMES, formatter, summarize } from './report/index.js';
import { InputError, type FileResult } from './model.js';
import type { Lang } from './tables/index.js';

export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

/** An error the user can fix; printed as one line, exit 2. */
class UsageError extends Error {}

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
}

async function runCheck(inputs: string[], options: CheckOptions): Promise<number> {
  const format = await formatter(options.format);
  if (!format) throw new UsageError(`unknown format "${options.format}" (one of: ${FORMAT_NAMES.join(', ')})`);
  const { files, problems } = await expandInputs(inputs);
  const results: FileResult[] = [...problems];
  results.push(...(await checkWithHistory(files, options.previous)));
  for (const r of results) if (r.fatal) process.stderr.write(`disclosure-check: ${r.fatal.message}\n`);

  const shown = options.quiet ? results.map(onlyErrors) : results;
  const summary = summarize(shown);
  const color = options.color && !options.output && wantsColor(process.env, process.stdout.isTTY === true);
  const text = format(shown, summary, { lang: options.lang, color });
  if (options.output) await writeWhole(options.output, text);
  else process.stdout.write(text);

  if (results.some((r) => r.fatal)) return EXIT.input;
  if (summary.errors > 0) return EXIT.findings;
  if (options.strict && summary.warnings > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    process.stderr.write(`disclosure-check: ${summary.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Colour on a terminal; FORCE_COLOR asks for it elsewhere (CI logs); NO_COLOR always wins. */
function wantsColor(env: NodeJS.ProcessEnv, tty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return tty;
}

/** The files through the pipeline, each compared with last year's report (`--previous`, or found in the batch). */
async function checkWithHistory(files: string[], previous: string | undefined): Promise<FileResult[]> {
  if (previous !== undefined && files.length !== 1)
    throw new UsageError(`--previous compares one report with last year's; give one report, not ${files.length} (a directory pairs reports by agency and year itself)`);
  try {
    return await checkFiles(files, previous);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(`--previous ${error.message}`);
    throw error;
  }
}

function onlyErrors(result: FileResult): FileResult {
  const findings = result.findings.filter((f) => f.severity === 'error');
  return { ...result, findings, warningCount: 0 };
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings needs a whole number, not "${value}"`);
  return Number(value);
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('disclosure-check');
  program
    .description('Check the tables of a 政府信息公开工作年度报告 (CSV or JSON) before it is published.')
    .version(pkg.version)
    .argument('<files...>', 'report files, or directories of them')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file (whole or not at all)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default(defaultLang(process.env), 'from LANG'))
    .option('--quiet', 'report errors only')
    .option('--strict', 'warnings fail the check too')
    .option('--max-warnings <n>', 'fail when there are more warnings than this', nonNegativeInteger)
    .option('--no-color', 'no colours, even on a terminal')
    .addHelpText('after', '\nExit codes: 0 every file passed; 1 at least one error (or warning, with --strict);\n2 usage error, or a file that could not be read or recognised.')
    .option('--previous <file>', "last year's report of the same agency: cross-year rules (history.*)")
    .action(async (inputs: string[], options: CheckOptions) => setExit(await runCheck(inputs, options)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  program.exitOverride();
  // Commander's own usage errors, as one line like every other error.
  program.configureOutput({
    outputError: (text, write) => write(`disclosure-check: ${text.split('\n')[0]!.replace(/^error: /, '')} (see --help)\n`),
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    if (error instanceof UsageError) {
      process.stderr.write(`disclosure-check: ${error.message}\n`);
      return EXIT.input;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`disclosure-check: internal error: ${message} (please report this)\n`);
    if (process.env.DISCLOSURE_CHECK_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.input;
  }
}
