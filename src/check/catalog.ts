import type { RuleClass, Severity } from '../model.js';
import type { Text } from '../tables/index.js';

/**
 * The rule catalog is data. Pointers may hold placeholders that the evaluator expands over the
 * report's format: `{col}` each column of the rows involved, `{row}` each row of a table, and
 * `{items}` every row under `{group}` other than the target row.
 */
export interface EquationCheck {
  kind: 'equation' | 'at-least';
  /** What the placeholders range over. */
  each: { columnsOf?: string; rowsOf?: string };
  /** The cell a person corrects: target = Σ plus − Σ minus (or ≥, for `at-least`). */
  target: string;
  plus: string[];
  minus?: string[];
}

export interface BlankCheck {
  kind: 'blank';
}

export interface RuleDef {
  id: string;
  class: RuleClass;
  severity: Severity;
  description: Text;
  /** Shown before the arithmetic in a finding's message. */
  title: Text;
  check: EquationCheck | BlankCheck;
}

const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'publicWelfare', 'legalService', 'other'];
const APPEAL_PARTS = ['upheld', 'corrected', 'other', 'pending'];

export const CATALOG: RuleDef[] = [
  {
    id: 'requests.balance',
    class: 'official',
    severity: 'error',
    title: { zh: '一+二 应等于 三（七）+四', en: 'I + II must equal III(7) + IV' },
    description: {
      zh: '表三每一列：第一项加第二项之和，等于第三项加第四项之和（一 + 二 = （七）总计 + 四）',
      en: 'table III, each column: new + carried over = handled total + carried forward (I + II = III(7) + IV)',
    },
    check: {
      kind: 'equation',
      each: { columnsOf: '/requests/newReceived' },
      target: '/requests/carriedForward/{col}',
      plus: ['/requests/newReceived/{col}', '/requests/carriedOver/{col}'],
      minus: ['/requests/results/total/{col}'],
    },
  },
  {
    id: 'requests.row-total',
    class: 'derived',
    severity: 'error',
    title: { zh: '总计应等于各申请人之和', en: 'total must equal the sum of the applicant columns' },
    description: {
      zh: '表三每一行：总计 = 自然人 + 法人或其他组织的 5 列',
      en: 'table III, each row: total = natural persons + the 5 legal-person columns',
    },
    check: {
      kind: 'equation',
      each: { rowsOf: '/requests' },
      target: '{row}/total',
      plus: APPLICANT_COLUMNS.map((c) => `{row}/${c}`),
    },
  },
  {
    id: 'requests.results-total',
    class: 'derived',
    severity: 'error',
    title: { zh: '（七）总计应等于各项办理结果之和', en: 'III(7) total must equal the sum of the results' },
    description: {
      zh: '表三每一列：（七）总计 = （一）+（二）+（三）（四）（五）（六）各项',
      en: 'table III, each column: (7) total = (1) + (2) + every item of (3) to (6)',
    },
    check: {
      kind: 'equation',
      each: { columnsOf: '/requests/results/total' },
      target: '/requests/results/total/{col}',
      plus: ['/requests/results/{items}/{col}'],
    },
  },
  {
    id: 'appeals.total',
    class: 'derived',
    severity: 'error',
    title: { zh: '总计应等于维持、纠正、其他、尚未审结之和', en: 'total must equal upheld + corrected + other + pending' },
    description: {
      zh: '表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
      en: 'table IV, each group: total = upheld + corrected + other + pending',
    },
    check: {
      kind: 'equation',
      each: { rowsOf: '/appeals' },
      target: '{row}/total',
      plus: APPEAL_PARTS.map((c) => `{row}/${c}`),
    },
  },
  {
    id: 'proactive.in-force',
    class: 'heuristic',
    severity: 'warning',
    title: { zh: '现行有效件数少于本年净增', en: 'fewer in force than issued minus repealed this year' },
    description: {
      zh: '表二：现行有效件数 ≥ 本年制发件数 − 本年废止件数',
      en: 'table II: in force ≥ issued − repealed this year',
    },
    check: {
      kind: 'at-least',
      each: { rowsOf: '/proactive' },
      target: '{row}/inForce',
      plus: ['{row}/issued'],
      minus: ['{row}/repealed'],
    },
  },
  {
    id: 'cell.blank',
    class: 'heuristic',
    severity: 'warning',
    title: { zh: '空白单元格', en: 'blank cells' },
    description: {
      zh: '应填数字的单元格为空白或“/”“-”“—”等占位符；规则按 0 计算',
      en: 'a cell that needs a number is blank or a placeholder such as "/", "-", "—"; the rules read it as 0',
    },
    check: { kind: 'blank' },
  },
];

/** Rules the schema and the locator report (listed so that `rules` shows the whole catalog). */
export const INPUT_RULES: Pick<RuleDef, 'id' | 'class' | 'severity' | 'description'>[] = [
  { id: 'value.not-a-number', class: 'derived', severity: 'error', description: { zh: '单元格内容不是数字', en: 'a cell holds text that is not a number' } },
  { id: 'value.negative', class: 'derived', severity: 'error', description: { zh: '件数或金额为负数', en: 'a count or amount is negative' } },
  { id: 'value.not-integer', class: 'derived', severity: 'error', description: { zh: '件数不是整数', en: 'a count is not a whole number' } },
  { id: 'value.unit-converted', class: 'heuristic', severity: 'warning', description: { zh: '收费金额以元填写，已换算为万元', en: 'a fee written in yuan was converted to 10,000 yuan' } },
  { id: 'schema.missing-cell', class: 'derived', severity: 'error', description: { zh: '缺少单元格', en: 'a cell of the template is missing' } },
  { id: 'schema.unknown-key', class: 'derived', severity: 'error', description: { zh: 'JSON 中有模板以外的键', en: 'the JSON has a key the template does not' } },
  { id: 'schema.type', class: 'derived', severity: 'error', description: { zh: 'JSON 的结构类型不对', en: 'a JSON value has the wrong type' } },
  { id: 'schema.format-version', class: 'derived', severity: 'error', description: { zh: '格式版本与表格不符', en: 'the format version does not match the tables' } },
  { id: 'structure.missing-table', class: 'derived', severity: 'error', description: { zh: '缺少整张表格', en: 'a whole table is missing' } },
  { id: 'structure.missing-row', class: 'derived', severity: 'error', description: { zh: '缺少表格中的一行', en: 'a row of a table is missing' } },
  { id: 'structure.missing-column', class: 'derived', severity: 'error', description: { zh: '表三缺少一个申请人列（如“其他”“总计”）', en: 'table III lacks an applicant column (such as 其他 or 总计)' } },
  { id: 'structure.duplicate-row', class: 'derived', severity: 'error', description: { zh: '同一行（JSON 中同一格）出现两次', en: 'a row (in JSON, a cell) appears twice' } },
  { id: 'structure.extra-cells', class: 'derived', severity: 'error', description: { zh: '一行的数值多于模板的列数', en: 'a row has more numbers than the template has columns' } },
  { id: 'structure.unknown-row', class: 'heuristic', severity: 'warning', description: { zh: '不属于官方表格的行', en: 'a row that is not in the official tables' } },
  {
    id: 'structure.subtotal',
    class: 'derived',
    severity: 'error',
    description: { zh: '分项一组自带的小计行（官方表格没有）不等于其下各项之和', en: "a group's own subtotal row (not in the official tables) differs from the sum of its items" },
  },
  {
    id: 'structure.single-row-group',
    class: 'derived',
    severity: 'error',
    description: { zh: '分项的一组（如 2021 年格式的（六）其他处理）只写了一行数字（其他版本的格式）', en: 'a group with items (the 2021 （六）其他处理) is published as one row, as the other format version has it' },
  },
];
