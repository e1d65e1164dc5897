import type { ColumnDef, FormatDef, GroupDef, RowDef, TableDef } from './types.js';
import { t, w } from './words.js';


/** The note in table 三's header cell: the template states its own balance rule. */
export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Table 三's applicant columns, in the template's order. */
export const APPLICANT_COLUMNS: ColumnDef[] = [
  { key: 'natural', label: t('自然人', 'natural persons'), kind: 'count' },
  { key: 'commercial', label: t('商业企业', 'commercial enterprises'), kind: 'count' },
  { key: 'research', label: t('科研机构', 'research institutions'), kind: 'count' },
  { key: 'publicWelfare', label: t('社会公益组织', 'public-welfare organisations'), kind: 'count' },
  { key: 'legalService', label: t('法律服务机构', 'legal-service organisations'), kind: 'count' },
  { key: 'other', label: t('其他', 'others'), kind: 'count' },
  { key: 'total', label: t('总计', 'total'), kind: 'count' },
];

/** Table 四's five columns, repeated for each of its three groups. */
export const APPEAL_COLUMNS: ColumnDef[] = [
  { key: 'upheld', label: t('结果维持', 'upheld'), kind: 'count' },
  { key: 'corrected', label: t('结果纠正', 'corrected'), kind: 'count' },
  { key: 'other', label: t('其他结果', 'other outcome'), kind: 'count' },
  { key: 'pending', label: t('尚未审结', 'pending'), kind: 'count' },
  { key: 'total', label: t('总计', 'total'), kind: 'count' },
];

const DOC_COLUMNS: ColumnDef[] = [
  { key: 'issued', label: t('本年制发件数', 'issued this year'), kind: 'count' },
  { key: 'repealed', label: t('本年废止件数', 'repealed this year'), kind: 'count' },
  { key: 'inForce', label: t('现行有效件数', 'in force'), kind: 'count' },
];
const DECISION_COLUMNS: ColumnDef[] = [
  { key: 'decisions', label: t('本年处理决定数量', 'decisions this year'), kind: 'count' },
];
const FEE_COLUMNS: ColumnDef[] = [
  { key: 'amount', label: t('本年收费金额（单位：万元）', 'fees collected (10,000 yuan)'), kind: 'amount' },
];


const proactive: TableDef = {
  id: 'proactive',
  label: t('二、主动公开政府信息情况', 'II. Proactive disclosure'),
  headingWords: w('主动公开政府信息情况', '第二十条'),
  groups: [],
  rows: [
    { pointer: '/proactive/regulations', label: t('规章', 'rules (规章)'), columns: DOC_COLUMNS, match: { words: w('规章') }, section: '第二十条第（一）项' },
    {
      pointer: '/proactive/normativeDocuments',
      label: t('行政规范性文件', 'normative documents'),
      columns: DOC_COLUMNS,
      match: { words: w('规范性文件') },
      section: '第二十条第（一）项',
    },
    { pointer: '/proactive/licensing', label: t('行政许可', 'administrative licensing'), columns: DECISION_COLUMNS, match: { words: w('行政许可') }, section: '第二十条第（五）项' },
    { pointer: '/proactive/punishment', label: t('行政处罚', 'administrative penalties'), columns: DECISION_COLUMNS, match: { words: w('行政处罚') }, section: '第二十条第（六）项' },
    { pointer: '/proactive/coercion', label: t('行政强制', 'administrative coercion'), columns: DECISION_COLUMNS, match: { words: w('行政强制') }, section: '第二十条第（六）项' },
    { pointer: '/proactive/fees', label: t('行政事业性收费', 'administrative fees'), columns: FEE_COLUMNS, match: { words: w('事业性收费', '收费金额') }, section: '第二十条第（八）项' },
  ],
};

const group = (key: string, zh: string, en: string, number: string, words: string[][]): GroupDef => ({
  pointer: `/requests/results/${key}`,
  label: t(zh, en),
  match: { number, words },
});

const results = group('', '三、本年度办理结果', 'III. results this year', '三、', w('办理结果'));
results.pointer = '/requests/results';
const denied = group('denied', '（三）不予公开', '(3) not disclosed', '(三)', w('不予公开'));
const unavailable = group('unavailable', '（四）无法提供', '(4) cannot be provided', '(四)', w('无法提供'));
const notProcessed = group('notProcessed', '（五）不予处理', '(5) not processed', '(五)', w('不予处理'));
const otherHandling = group('otherHandling', '（六）其他处理', '(6) other handling', '(六)', w('其他处理'));

const row = (pointer: string, zh: string, en: string, number: string, words: string[][], parent?: GroupDef): RowDef => ({
  pointer,
  label: t(zh, en),
  columns: APPLICANT_COLUMNS,
  match: { number, words },
  ...(parent ? { group: parent } : {}),
});

const item = (parent: GroupDef, key: string, number: number, zh: string, en: string, words: string[][]): RowDef =>
  row(`${parent.pointer}/${key}`, `${number}.${zh}`, en, `${number}.`, words, parent);

const requests: TableDef = {
  id: 'requests',
  label: t('三、收到和处理政府信息公开申请情况', 'III. Requests received and handled'),
  headingWords: w('收到和处理政府信息公开申请', '申请人情况', '勾稽关系', '钩稽关系'),
  groups: [results, denied, unavailable, notProcessed, otherHandling],
  rows: [
    row('/requests/newReceived', '一、本年新收政府信息公开申请数量', 'I. new requests received this year', '一、', w('本年新收', '新收')),
    row('/requests/carriedOver', '二、上年结转政府信息公开申请数量', 'II. carried over from last year', '二、', w('上年结转')),
    row('/requests/results/granted', '（一）予以公开', '(1) disclosed', '(一)', w('予以公开'), results),
    row(
      '/requests/results/partlyGranted',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '(2) partly disclosed',
      '(二)',
      w('部分公开'),
      results,
    ),
    item(denied, 'stateSecret', 1, '属于国家秘密', 'state secret', w('国家秘密')),
    item(denied, 'lawProhibited', 2, '其他法律行政法规禁止公开', 'prohibited by other laws', w('其他法律', '法规禁止', '禁止公开')),
    item(denied, 'threeSecurities', 3, '危及“三安全一稳定”', 'endangers the "three securities and one stability"', w('三安全', '一稳定')),
    item(denied, 'thirdPartyRights', 4, '保护第三方合法权益', "protects a third party's rights", w('第三方')),
    item(denied, 'internalAffairs', 5, '属于三类内部事务信息', 'internal affairs', w('三类', '内部事务')),
    item(denied, 'processInfo', 6, '属于四类过程性信息', 'process information', w('四类', '过程性')),
    item(denied, 'enforcementFiles', 7, '属于行政执法案卷', 'law-enforcement files', w('执法案卷')),
    item(denied, 'adminQueries', 8, '属于行政查询事项', 'administrative queries', w('查询事项')),
    item(unavailable, 'notHeld', 1, '本机关不掌握相关政府信息', 'not held by this agency', w('不掌握')),
    item(unavailable, 'needsCreation', 2, '没有现成信息需要另行制作', 'would have to be created', w('另行制作', '没有现成')),
    item(unavailable, 'stillUnclear', 3, '补正后申请内容仍不明确', 'still unclear after correction', w('仍不明确', '补正后')),
    item(notProcessed, 'complaint', 1, '信访举报投诉类申请', 'petitions and complaints', w('信访', '举报', '投诉')),
    item(notProcessed, 'repeated', 2, '重复申请', 'repeated requests', w('重复申请')),
    item(notProcessed, 'publication', 3, '要求提供公开出版物', 'asks for publications', w('出版物')),
    item(notProcessed, 'excessive', 4, '无正当理由大量反复申请', 'excessive repeated requests', w('大量反复', '反复申请')),
    item(notProcessed, 'confirmation', 5, '要求行政机关确认或重新出具已获取信息', 'asks to confirm or reissue information', w('重新出具', '确认')),
    item(
      otherHandling,
      'noCorrection',
      1,
      '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      'applicant did not complete the request in time',
      w('不补正', '逾期不'),
    ),
    item(
      otherHandling,
      'feeUnpaid',
      2,
      '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      'applicant did not pay the fee in time',
      w('缴纳费用', '收费通知'),
    ),
    item(otherHandling, 'other', 3, '其他', 'other', []),
    row('/requests/results/total', '（七）总计', '(7) total', '(七)', w('总计'), results),
    row('/requests/carriedForward', '四、结转下年度继续办理', 'IV. carried forward to next year', '四、', w('结转下年', '继续办理')),
  ],
};

const appealRow = (key: string, zh: string, en: string, words: string[][]): RowDef => ({
  pointer: `/appeals/${key}`,
  label: t(zh, en),
  columns: APPEAL_COLUMNS,
  match: { words },
});

const appeals: TableDef = {
  id: 'appeals',
  label: t('四、政府信息公开行政复议、行政诉讼情况', 'IV. Administrative reconsideration and litigation'),
  headingWords: w('行政复议 行政诉讼'),
  groups: [],
  rows: [
    appealRow('reconsideration', '行政复议', 'administrative reconsideration', w('行政复议')),
    appealRow('litigationDirect', '行政诉讼 · 未经复议直接起诉', 'litigation without reconsideration', w('直接起诉', '未经复议')),
    appealRow('litigationAfterReconsideration', '行政诉讼 · 复议后起诉', 'litigation after reconsideration', w('复议后起诉')),
  ],
};

export const FORMAT_2021: FormatDef = { version: '2021', tables: [proactive, requests, appeals] };
