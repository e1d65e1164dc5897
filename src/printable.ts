/**
 * Text from a report or a file name made safe for a terminal, and kept on one line: control
 * characters (an escape sequence in a downloaded page's cell could clear the screen or retitle the
 * window), line breaks (U+2028 and U+2029 too) and bidirectional marks and overrides are written as
 * escapes (`\x1b`, `\n`, `\u2028`, `\u202e`).
 * For stylish output and stderr; the machine formats escape by their own rules.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

const escape = (c: string): string => {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

export const printable = (text: string): string => (UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE_ALL, escape) : text);
