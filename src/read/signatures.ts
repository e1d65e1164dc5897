/** The first bytes of an OLE2 compound file: an old .xls workbook, or an .xlsx saved with a password. */
export const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** The first bytes of a ZIP archive's first entry: an .xlsx, whatever its name says. */
export const ZIP = [0x50, 0x4b, 0x03, 0x04] as const;

export const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean => signature.every((byte, i) => bytes[i] === byte);
