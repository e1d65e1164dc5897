/**
 * The command line: parses arguments, runs the pipeline on each file, picks the formatter and owns
 * the exit code. No domain logic lives here.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { checkFile, loadReport } from './pipeline.js';
import { convert, type ConvertTarget } from './convert/convert.js';
import { InputError } from './model.js';
import { expandInputs } from './inputs.js';
import { writeWhole } from './output.js';
import { FORMAT_NAMES, formatter, summarize } from './report/index.js';
import type { FileResult } from './model.js';
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
}

async function runCheck(inputs: string[], options: CheckOptions): Promise<number> {
  const format = await formatter(options.format);
  if (!format) throw new UsageError(`unknown format "${options.format}" (one of: ${FORMAT_NAMES.join(', ')})`);
  const { files, problems } = await expandInputs(inputs);
  const results: FileResult[] = [...problems];
  for (const file of files) results.push(await checkFile(file));
  for (const r of results) if (r.fatal) process.stderr.write(`disclosure-check: ${r.fatal.message}\n`);

  const shown = options.quiet ? results.map(onlyErrors) : results;
  const summary = summarize(shown);
  const color = options.color && !options.output && process.stdout.isTTY === true && !('NO_COLOR' in process.env);
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

/** `convert`: one input, read like any report, written as the canonical JSON or the CSV. */
async function runConvert(file: string, options: { to: ConvertTarget; output?: string }): Promise<number> {
  let text: string;
  try {
    text = convert(await loadReport(file), options.to);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`disclosure-check: ${error.message}\n`);
    return EXIT.input;
  }
  if (options.output) await writeWhole(options.output, text);
  else process.stdout.write(text);
  return EXIT.ok;
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
  // The check's options come before a subcommand's name, so that `convert -o` is convert's own.
  program.enablePositionalOptions();
  program
    .description('Check the tables of a 政府信息公开工作年度报告 (CSV, JSON, or the published text or web page).')
    .version(pkg.version)
    .argument('<files...>', 'report files, or directories of them')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file (whole or not at all)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default(defaultLang(process.env), 'from LANG'))
    .option('--quiet', 'report errors only')
    .option('--strict', 'warnings fail the check too')
    .option('--max-warnings <n>', 'fail when there are more warnings than this', nonNegativeInteger)
    .option('--no-color', 'no colours, even on a terminal')
    .action(async (inputs: string[], options: CheckOptions) => setExit(await runCheck(inputs, options)));
  program
    .command('convert')
    .description('write any readable report (CSV, JSON, text, HTML) as the canonical JSON or the spreadsheet CSV')
    .argument('<file>', 'the report to convert')
    .addOption(new Option('--to <kind>', 'what to write').choices(['json', 'csv']).makeOptionMandatory())
    .option('-o, --output <file>', 'write to a file (whole or not at all) instead of stdout')
    .action(async (file: string, options: { to: ConvertTarget; output?: string }) => setExit(await runConvert(file, options)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  // Commander's own usage errors, as one line like every other error (subcommands too).
  for (const command of [program, ...program.commands]) {
    command.exitOverride();
    command.configureOutput({
      outputError: (text, write) => write(`disclosure-check: ${text.split('\n')[0]!.replace(/^error: /, '')} (see --help)\n`),
    });
  }
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
