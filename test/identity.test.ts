/**
 * A batch pairs reports by agency and year before checking them; it reads the title from the first
 * rows without locating the tables (identify, titleOfRows). It must agree with the locator.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityOf } from '../src/check/history.js';
import { identify, loadReport } from '../src/pipeline.js';
import { ROOT, SEED_CSV, tempDir } from './helpers/cli.js';

const reportFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? reportFiles(path) : /\.(csv|tsv|json|txt|html?|xlsx)$/i.test(name) ? [path] : [];
  });

async function both(file: string) {
  return { quick: await identify(file), located: identityOf(await loadReport(file)) };
}

describe('identify agrees with the locator', () => {
  const files = reportFiles(join(ROOT, 'fixtures')).map((f) => f.slice(ROOT.length));
  it('covers every input kind', () => {
    for (const kind of ['.csv', '.json', '.txt', '.html', '.xlsx']) expect(files.some((f) => f.endsWith(kind))).toBe(true);
  });

  it.each(files.map((f) => [f]))('%s', async (file) => {
    let result;
    try {
      result = await both(join(ROOT, file));
    } catch {
      return; // a fixture that cannot be read or located has no identity either way
    }
    expect(result.quick).toEqual(result.located);
  });

  const dir = tempDir('identity');
  // The seed report's tables, without its title line.
  const table = readFileSync(SEED_CSV, 'utf8').split('\n').slice(1).join('\n');
  it.each([
    ['title first', '襄阳市经济和信息化局2021年政府信息公开工作年度报告\n\n'],
    ['agency on the line above', '洪泽区人民政府\n2023年政府信息公开工作年度报告\n'],
    ['a year alone before the title', '2021\n某某县某某局2021年度政府信息公开工作年度报告\n'],
    ['no title', ''],
    ['a title after the tables begin', ''],
  ])('%s', async (name, head) => {
    const file = join(dir, `${name}.csv`);
    const tables = name === 'a title after the tables begin' ? table.replace('规章,0,0,0', '规章,0,0,0\n某某局2021年政府信息公开工作年度报告') : table;
    writeFileSync(file, `${head}${tables}`);
    const { quick, located } = await both(file);
    expect(quick).toEqual(located);
  });

  it('a page whose title is in a layout table around the report: read whole', async () => {
    const page = readFileSync(join(ROOT, 'fixtures/html/xiangyang-jxj-2021.html'), 'utf8');
    const file = join(dir, 'layout.html');
    const title = '襄阳市经济和信息化局2021年政府信息公开工作年度报告';
    const laidOut = page
      .replace(`<title>${title}</title>`, '<title>信息公开</title>')
      .replace('<body>', `<body><table><tr><td><h1>${title}</h1>`)
      .replace('</body>', '</td></tr></table></body>');
    expect(laidOut).not.toBe(page);
    writeFileSync(file, laidOut);
    const { quick, located } = await both(file);
    expect(quick).toEqual({ agency: '襄阳市经济和信息化局', year: 2021 });
    expect(quick).toEqual(located);
  });

  // A head is decoded from the file's first 4,100 bytes: cut inside a character, in either encoding.
  it.each([
    ['utf-8', SEED_CSV],
    ['gb18030', join(ROOT, 'fixtures/encodings/xiangyang-jxj-2021.gbk.csv')],
  ])('a %s CSV longer than its head, cut inside a character', async (encoding, seed) => {
    const bytes = readFileSync(seed);
    const body = bytes.subarray(bytes.indexOf(0x0a) + 1); // the rows after the title, again
    for (let pad = 0; pad < 1000; pad++) {
      const long = Buffer.concat([bytes, Buffer.from('\n'.repeat(pad)), body, body]);
      if (!new TextDecoder(encoding).decode(long.subarray(0, 4100)).endsWith('\ufffd')) continue; // not cut inside a character
      const file = join(dir, `long-${encoding}.csv`);
      writeFileSync(file, long);
      const { quick, located } = await both(file);
      expect(quick).toEqual({ agency: '襄阳市经济和信息化局', year: 2021 });
      expect(quick).toEqual(located);
      return;
    }
    throw new Error('no padding puts the cut inside a character');
  });
});
