import type { FileResult } from '../model.js';
import type { Lang, Text } from '../tables/index.js';

export interface Summary {
  /** Files checked (the unreadable among them); not the skipped ones. */
  files: number;
  passed: number;
  failed: number;
  /** Files that could not be read or recognised (counted in `failed` too). */
  unreadable: number;
  errors: number;
  warnings: number;
  /** Files a folder or a pattern found that were not checked: no report at all, or an old .xls. */
  skipped: number;
  /** With `--strict` or `--max-warnings`: the warnings the run allows and whether it had more (then exit 1). */
  gate?: Gate;
}

/**
 * The warning gate: `--strict` (no warning allowed) or `--max-warnings N`. `warnings` counts every
 * warning, those `--quiet` does not show too; `failed` when there are more than `maxWarnings`, and
 * then every file with a warning fails it.
 */
export interface Gate {
  by: '--strict' | '--max-warnings';
  maxWarnings: number;
  warnings: number;
  failed: boolean;
}

/** A file a folder or a pattern found and the batch passed over, and why (`not-a-report`, `xls`). */
export interface SkippedFile {
  file: string;
  code: string;
  message: Text;
}

export interface FormatOptions {
  lang: Lang;
  /** Colour escapes allowed (stdout is a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** `--strict`: a file with warnings fails, those --quiet does not show too (`FileResult.hiddenWarnings`). */
  strict?: boolean;
}

/** A formatter is a function of the results (and the files skipped beside them) and nothing else. */
export type Formatter = (results: FileResult[], summary: Summary, options: FormatOptions, skipped?: readonly SkippedFile[]) => string;

/**
 * A formatter that prints file by file, so that a batch of any size keeps no results in memory.
 * Joined, its pieces are exactly the whole formatter's output.
 */
export interface FormatStream {
  start: string;
  file(result: FileResult): string;
  end(summary: Summary, skipped?: readonly SkippedFile[]): string;
}
export type StreamingFormatter = (options: FormatOptions) => FormatStream;

/** The whole formatter of a streaming one. */
export const whole =
  (stream: StreamingFormatter): Formatter =>
  (results, summary, options, skipped) => {
    const s = stream(options);
    return s.start + results.map((r) => s.file(r)).join('') + s.end(summary, skipped);
  };

export function summarize(results: FileResult[]): Summary {
  const summary: Summary = { files: 0, passed: 0, failed: 0, unreadable: 0, errors: 0, warnings: 0, skipped: 0 };
  for (const r of results) addToSummary(summary, r);
  return summary;
}

/** Counts one more file into a summary (for streaming: no need to keep the results). */
export function addToSummary(summary: Summary, r: FileResult): Summary {
  summary.files++;
  if (r.ok) summary.passed++;
  else summary.failed++;
  if (r.fatal) summary.unreadable++;
  summary.errors += r.errorCount;
  summary.warnings += r.warningCount;
  return summary;
}
