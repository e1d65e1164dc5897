import { rename, rm, writeFile } from 'node:fs/promises';
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
