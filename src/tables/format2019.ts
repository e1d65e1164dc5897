import { APPLICANT_COLUMNS, FORMAT_2021 } from './format2021.js';
import type { ColumnDef, FormatDef, RowDef, TableDef } from './types.js';
import { t, w } from './words.js';

/**
 * The 2019 trial format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports and by some
 * later ones. Tables 三 and 四 are the 2021 tables except that （六）其他处理 is one row with numbers
 * of its own; table 二 has other rows and columns.
 */


const DOC_COLUMNS: ColumnDef[] = [
  { key: 'newlyMade', label: t('本年新制作数量', 'newly made this year'), kind: 'count' },
  { key: 'newlyPublished', label: t('本年新公开数量', 'newly published this year'), kind: 'count' },
  { key: 'totalPublished', label: t('对外公开总数量', 'published in total'), kind: 'count' },
];
const ITEM_COLUMNS: ColumnDef[] = [
  { key: 'previousYear', label: t('上一年项目数量', 'items last year'), kind: 'count' },
  { key: 'change', label: t('本年增/减', 'change this year'), kind: 'delta' },
  { key: 'decisions', label: t('处理决定数量', 'decisions'), kind: 'count' },
];
const FEE_COLUMNS: ColumnDef[] = [
  { key: 'previousYear', label: t('上一年项目数量', 'items last year'), kind: 'count' },
  { key: 'change', label: t('本年增/减', 'change this year'), kind: 'delta' },
];
const PROCUREMENT_COLUMNS: ColumnDef[] = [
  { key: 'projects', label: t('采购项目数量', 'procurement projects'), kind: 'count' },
  { key: 'amount', label: t('采购总金额（单位：万元）', 'procurement total (10,000 yuan)'), kind: 'amount' },
];

const proactiveRow = (key: string, zh: string, en: string, columns: ColumnDef[], words: string[][], section: string): RowDef => ({
  pointer: `/proactive/${key}`,
  label: t(zh, en),
  columns,
  match: { words },
  section,
});

const proactive: TableDef = {
  id: 'proactive',
  label: t('二、主动公开政府信息情况', 'II. Proactive disclosure'),
  headingWords: w('主动公开政府信息情况', '第二十条'),
  groups: [],
  rows: [
    proactiveRow('regulations', '规章', 'rules (规章)', DOC_COLUMNS, w('规章'), '第二十条第（一）项'),
    proactiveRow('normativeDocuments', '规范性文件', 'normative documents', DOC_COLUMNS, w('规范性文件'), '第二十条第（一）项'),
    proactiveRow('licensing', '行政许可', 'administrative licensing', ITEM_COLUMNS, w('行政许可'), '第二十条第（五）项'),
    proactiveRow('otherServices', '其他对外管理服务事项', 'other external management services', ITEM_COLUMNS, w('对外管理服务'), '第二十条第（五）项'),
    proactiveRow('punishment', '行政处罚', 'administrative penalties', ITEM_COLUMNS, w('行政处罚'), '第二十条第（六）项'),
    proactiveRow('coercion', '行政强制', 'administrative coercion', ITEM_COLUMNS, w('行政强制'), '第二十条第（六）项'),
    proactiveRow('fees', '行政事业性收费', 'administrative fees', FEE_COLUMNS, w('事业性收费'), '第二十条第（八）项'),
    proactiveRow('procurement', '政府集中采购', 'centralised government procurement', PROCUREMENT_COLUMNS, w('集中采购', '政府采购'), '第二十条第（九）项'),
  ],
};

const requests2021 = FORMAT_2021.tables.find((table) => table.id === 'requests')!;
const otherHandling = requests2021.groups.find((g) => g.pointer === '/requests/results/otherHandling')!;
const results = requests2021.groups.find((g) => g.pointer === '/requests/results')!;

/** （六）其他处理 as the 2019 template prints it: one row of numbers under 三、本年度办理结果. */
const otherHandlingRow: RowDef = {
  pointer: otherHandling.pointer,
  label: otherHandling.label,
  columns: APPLICANT_COLUMNS,
  match: otherHandling.match,
  group: results,
};

const rows2019: RowDef[] = [];
for (const row of requests2021.rows) {
  if (row.group === otherHandling) continue;
  if (row.pointer === '/requests/results/total') rows2019.push(otherHandlingRow);
  rows2019.push(row);
}

const requests: TableDef = {
  ...requests2021,
  groups: requests2021.groups.filter((g) => g !== otherHandling),
  rows: rows2019,
};

const appeals = FORMAT_2021.tables.find((table) => table.id === 'appeals')!;

export const FORMAT_2019: FormatDef = { version: '2019', tables: [proactive, requests, appeals] };

/** Header words that only one version's table 二 has: how the locator tells the versions apart. */
export const VERSION_WORDS: Record<FormatDef['version'], string[]> = {
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '对外管理服务事项', '政府集中采购', '采购项目数量', '采购总金额'],
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数'],
};
