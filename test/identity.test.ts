/**
 * A batch pairs reports by agency and year before checking them; for CSV it reads the title from
 * the first rows without locating the tables (titleOfRows). It must agree with the locator.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityOf } from '../src/check/history.js';
import { titleOfRows } from '../src/locate/title.js';
import { loadReport } from '../src/pipeline.js';
import { readInput } from '../src/read/index.js';
import { ROOT, SEED_CSV, tempDir } from './helpers/cli.js';

const csvFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? csvFiles(path) : /\.(csv|tsv)$/i.test(name) ? [path] : [];
  });

async function both(file: string) {
  const input = await readInput(file);
  if (input.kind !== 'grid') throw new Error(`${file} is not a grid`);
  const quick = titleOfRows(input.grid.rows);
  const located = identityOf(await loadReport(file));
  return { quick: quick ? { ...(quick.agency ? { agency: quick.agency } : {}), year: quick.year } : {}, located };
}

describe('titleOfRows agrees with the locator', () => {
  it.each(csvFiles(join(ROOT, 'fixtures')).map((f) => [f.slice(ROOT.length)]))('%s', async (file) => {
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
});
