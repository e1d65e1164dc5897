import type { FileResult } from '../model.js';
import type { Lang } from '../tables/index.js';

export interface Summary {
  files: number;
  passed: number;
  failed: number;
  /** Files that could not be read or recognised (counted in `failed` too). */
  unreadable: number;
  errors: number;
  warnings: number;
}

export interface FormatOptions {
  lang: Lang;
  /** Colour escapes allowed (stdout is a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
}

/** A formatter is a function of the results and nothing else. */
export type Formatter = (results: FileResult[], summary: Summary, options: FormatOptions) => string;

export function summarize(results: FileResult[]): Summary {
  const summary: Summary = { files: results.length, passed: 0, failed: 0, unreadable: 0, errors: 0, warnings: 0 };
  for (const r of results) {
    if (r.ok) summary.passed++;
    else summary.failed++;
    if (r.fatal) summary.unreadable++;
    summary.errors += r.errorCount;
    summary.warnings += r.warningCount;
  }
  return summary;
}
