import type { CellKind } from '../tables/index.js';

/** What a cell's text means. `text` is anything that is not a number: a `value.*` finding. */
export type ParsedCell =
  | { kind: 'number'; value: number; note?: 'yuan' }
  | { kind: 'blank'; placeholder?: string }
  | { kind: 'text'; raw: string };

const PLACEHOLDERS = new Set(['/', '-', '--', '—', '——', '–', '无', '\\', 'N/A', 'n/a', '×']);

/** Cells repeat (`0` most of all): a batch reads each distinct text once. Results are shared: read-only. */
const parsed = new Map<CellKind | undefined, Map<string, ParsedCell>>();

/**
 * Reads a number the way people write one in a report: full-width digits, thousands separators,
 * spaces, a trailing 件/个/条, a stray `?`, 万元 (and, for an amount, 元, converted to 万元 and
 * noted). Anything else is `text`, quoted in a `value.*` finding: never a silent 0.
 */
export function parseCell(raw: string, kind?: CellKind): ParsedCell {
  let byText = parsed.get(kind);
  if (!byText) parsed.set(kind, (byText = new Map()));
  let cell = byText.get(raw);
  if (cell === undefined) {
    if (byText.size > 20_000) byText.clear(); // bounded: memory must not grow with the batch
    byText.set(raw, (cell = parseUncached(raw, kind)));
  }
  return cell;
}

/** Without a `kind` (is this cell a value or a label?), a number with a money unit is a value. */
function parseUncached(raw: string, kind: CellKind | undefined): ParsedCell {
  // NFKC: full-width digits, commas and spaces (and U+3000, U+00A0) become ASCII.
  // (and U+2212, the minus sign of typeset text, which NFKC leaves as it is: −3 is -3)
  let s = raw.normalize('NFKC').replace(/&nbsp;?/gi, ' ').replace(/^(\s*)\u2212(?=\s*\d)/, '$1-').trim();
  if (s === '') return { kind: 'blank' };
  if (PLACEHOLDERS.has(s)) return { kind: 'blank', placeholder: raw.trim() };
  // A stray `?` (a character the page's encoding lost) before or after the number.
  s = s.replace(/^\?/, '').replace(/\?$/, '').trim();
  let yuan = false;
  if (s.endsWith('万元')) {
    if (kind && kind !== 'amount') return { kind: 'text', raw }; // money in a count: not a count
    s = s.slice(0, -2);
  } else if (s.endsWith('元')) {
    if (kind && kind !== 'amount') return { kind: 'text', raw };
    s = s.slice(0, -1);
    yuan = kind === 'amount';
  } else s = s.replace(/[件个条项次份]$/, '');
  s = s.trim();
  // Thousands separators, commas or spaces, in whole groups only: `3 4 5` is not 345.
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || /^[+-]?\d{1,3}( \d{3})+(\.\d+)?$/.test(s)) s = s.replace(/[, ]/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { kind: 'text', raw };
  // More than 15 digits before the point is no count or fee, and a double cannot hold it exactly
  // (9007199254740993 would read …992, 400 nines Infinity): quoted as written, never rounded.
  if (/^[+-]?0*[1-9]\d{15}/.test(s)) return { kind: 'text', raw };
  const value = Number(s);
  // Fees in 元 → 万元; 12 significant digits keep 123.45元 from reading 0.012345000000000001.
  if (yuan) return { kind: 'number', value: Number((value / 10000).toPrecision(12)), note: 'yuan' };
  return { kind: 'number', value };
}
