/**
 * A progress bar for long batches, on stderr only, so that stdout stays the report. Shown only when
 * stderr is a terminal and the batch is large enough for it to matter.
 */
export interface Progress {
  tick(file: string): void;
  done(): void;
}

import { printable } from './printable.js';
import { columnsOf } from './width.js';

export { columnsOf };

export const PROGRESS_THRESHOLD = 20;

interface Stream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const silent: Progress = { tick: () => {}, done: () => {} };

export function startProgress(total: number, stream: Stream): Progress {
  if (stream.isTTY !== true || total <= PROGRESS_THRESHOLD) return silent;
  let count = 0;
  const width = () => Math.max(20, (stream.columns || 80) - 1); // a pty may say 0 columns
  return {
    tick(file) {
      count += 1;
      const bar = 24;
      const filled = Math.round((count / total) * bar);
      const head = `[${'#'.repeat(filled)}${'-'.repeat(bar - filled)}] ${count}/${total} `;
      stream.write(`\r\x1b[2K${head}${fit(printable(file), width() - head.length)}`);
    },
    done() {
      if (count > 0) stream.write('\r\x1b[2K');
    },
  };
}

/** The end of a file name that fits in `room` terminal columns (CJK characters take two). */
function fit(name: string, room: number): string {
  if (room < 2) return '';
  const chars = [...name];
  let used = 0;
  let start = chars.length;
  while (start > 0) {
    const w = columnsOf(chars[start - 1]!);
    if (used + w > room - 1) break;
    used += w;
    start -= 1;
  }
  return start === 0 ? name : `…${chars.slice(start).join('')}`;
}

