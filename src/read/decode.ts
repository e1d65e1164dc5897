import { InputError } from '../model.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes → text. A BOM decides; otherwise strict UTF-8, and when that fails GB18030 (a superset of
 * GBK, which is what Chinese government sites and Excel on Chinese Windows still produce).
 */
export function decode(bytes: Uint8Array, file: string, options: { partial?: boolean } = {}): string {
  // `partial`: the bytes are the start of a file, perhaps cut inside a character, which is left out.
  const as = (encoding: string, from: number) => {
    const decoder = encoding === 'utf-8' && !options.partial ? utf8 : new TextDecoder(encoding, { fatal: true });
    return decoder.decode(bytes.subarray(from), { stream: options.partial === true });
  };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strictly(() => as('utf-8', 3), file, 'UTF-8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return strictly(() => as('utf-16le', 2), file, 'UTF-16LE');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return strictly(() => as('utf-16be', 2), file, 'UTF-16BE');
  try {
    return as('utf-8', 0);
  } catch {
    return strictly(() => as('gb18030', 0), file, 'UTF-8 or GB18030', 'UTF-8 或 GB18030');
  }
}

function strictly(decodeIt: () => string, file: string, encoding: string, zhEncoding = encoding): string {
  try {
    return decodeIt();
  } catch {
    throw new InputError('encoding', { zh: `${file}：无法按 ${zhEncoding} 编码读取文字`, en: `${file}: not readable as ${encoding} text` });
  }
}

/** Binary files (images, archives, PDFs) are refused before any reader guesses at them. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  // Control characters other than tab and line breaks; a regex, not a loop: fast from the first file.
  const control = sample.match(/[\u0001-\u0008\u000e-\u001f]/g)?.length ?? 0;
  return control > sample.length / 20;
}
