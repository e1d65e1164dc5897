import type { CellKind } from '../tables/index.js';

/** What a cell's text means. `text` is anything that is not a number: a `value.*` finding. */
export type ParsedCell =
  | { kind: 'number'; value: number; note?: 'yuan' }
  | { kind: 'blank'; placeholder?: string }
  | { kind: 'text'; raw: string };

const PLACEHOLDERS = new Set(['/', '-', '--', '—', '——', '–', '无', '\\', 'N/A', 'n/a', '×']);

/** Reads a number the way people write one in a report; never turns text into a silent 0. */
export function parseCell(raw: string, kind: CellKind = 'count'): ParsedCell {
  let s = raw.normalize('NFKC').replace(/&nbsp;?/gi, ' ').replace(/[\s\u00a0]+/g, '');
  if (s === '') return { kind: 'blank' };
  if (PLACEHOLDERS.has(s)) return { kind: 'blank', placeholder: raw.trim() };
  s = s.replace(/^\?+/, '');
  let yuan = false;
  if (s.endsWith('万元')) s = s.slice(0, -2);
  else if (s.endsWith('元')) {
    s = s.slice(0, -1);
    yuan = kind === 'amount';
  } else s = s.replace(/[件个条项次份]$/, '');
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { kind: 'text', raw };
  const value = Number(s);
  if (yuan) return { kind: 'number', value: value / 10000, note: 'yuan' };
  return { kind: 'number', value };
}

/** Whether a cell reads as a value (number or placeholder), as opposed to a label. */
export function isValueLike(raw: string): boolean {
  return parseCell(raw).kind !== 'text';
}
