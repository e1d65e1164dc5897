/** Terminal columns of a character: two for CJK and full-width forms, one otherwise. */
export function columnsOf(char: string): number {
  const c = char.codePointAt(0)!;
  const wide =
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000;
  return wide ? 2 : 1;
}

/** Terminal columns of a string. */
export const widthOf = (text: string): number => [...text].reduce((n, c) => n + columnsOf(c), 0);

/** Pads to a number of terminal columns. */
export const padColumns = (text: string, columns: number): string => text + ' '.repeat(Math.max(0, columns - widthOf(text)));
