import { parseCell } from './value.js';
/**
 * The report's title names who published it and for which year:
 * `襄阳市经济和信息化局2021年政府信息公开工作年度报告`, `平潭综合实验区自然资源与生态环境局2020年政府信息公开年度报告`,
 * or year first, `2021年度襄阳市经济和信息化局政府信息公开工作年度报告`. The cross-year rules pair reports by it.
 */
const TITLE = /^(.*?)((?:19|20)\d{2})年度?(.*?)政府信息公开(?:工作)?(?:年度)?报告/;

const clean = (text: string) => text.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/[《》"“”]/g, '');

/** `before`: the line above, which holds the agency when the title is split (`洪泽区人民政府` / `2023 年…报告`). */
export function titleOf(text: string, before = ''): { agency?: string; year: number } | undefined {
  // Every line before the tables comes here, prose paragraphs too: one far longer than a title
  // cleans to is not normalised at all.
  if (text.length > 400) return undefined;
  const s = clean(text);
  if (s.length > 80) return undefined; // prose that mentions a report, not a title
  const m = TITLE.exec(s);
  if (!m) return undefined;
  const above = clean(before);
  const agency = (m[1] || m[3] || (above.length <= 30 && !/\d|报告/.test(above) ? above : '')).replace(/^关于/, '').replace(/的$/, '');
  return { ...(agency ? { agency } : {}), year: Number(m[2]) };
}

/**
 * The title in a grid's rows, read as the locator reads it (Locator.titleLine) but without locating
 * the tables: the rows before the first labelled row of numbers (a row of numbers alone, like
 * `2021`, is skipped, as the locator skips it). A batch pairs its reports by agency and year before
 * checking them; this spares it locating every report twice. The tests hold it to the locator's
 * answer on every fixture.
 */
export function titleOfRows(rows: readonly { cells: readonly { text: string }[]; text?: true }[]): { agency?: string; year: number } | undefined {
  let before = '';
  for (const row of rows) {
    if (!row.text) {
      const kinds = row.cells.map((c) => parseCell(c.text).kind);
      if (kinds.includes('number')) {
        if (kinds.includes('text')) return undefined; // the tables have begun
        continue;
      }
    }
    const text = row.cells.map((c) => c.text).join('');
    const title = titleOf(text, before);
    if (title) return title;
    if (text.trim()) before = text;
  }
  return undefined;
}
