import { rename, rm, writeFile } from 'node:fs/promises';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes a file whole or not at all: a temporary file beside it, then an atomic rename. */
export async function writeWhole(file: string, text: string, options: { exclusive?: boolean } = {}): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    if (options.exclusive) {
      const { link } = await import('node:fs/promises');
      await link(temporary, file); // fails if the file exists: never overwrites
      await rm(temporary);
    } else await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** An output written piece by piece, still whole or not at all: a temporary file until `commit`. */
export interface WholeWriter {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

export function openWhole(file: string): WholeWriter {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'wx');
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (text) => void writeSync(fd, text),
    commit() {
      close();
      renameSync(temporary, file);
    },
    abort() {
      close();
      rmSync(temporary, { force: true });
    },
  };
}
