/**
 * `text.*`: numbers stated in a published report's prose against its tables. A reviewer reads
 * 「共收到政府信息公开申请7份」 and looks at 一 总计. The statements are data below: which words
 * name which cells. The prose is the page's own, so the matching is careful: a statement is compared
 * only when its words say unambiguously which cells it is about; anything else is left alone, because
 * a false alarm costs more than a miss.
 */
import type { Finding, LocatedReport, ProseLine, RuleClass, Severity } from '../model.js';
import { getAt } from '../pointer.js';
import { oncePer } from '../once.js';
import { identityOf } from './history.js';
import { APPLICANT_COLUMNS, formatDef, labelOf, withoutGloss, type FormatDef, type GroupDef, type RowDef, type Text } from '../tables/index.js';

export interface ProseRuleDef {
  id: string;
  class: RuleClass;
  severity: Severity;
  description: Text;
}

const rule = (id: string, zh: string, en: string): ProseRuleDef => ({ id, class: 'heuristic', severity: 'warning', description: { zh, en } });

/** The prose rules, for `rules` and for the messages. */
export const PROSE_RULES: ProseRuleDef[] = [
  rule('text.received-total', '正文所述收到申请数与表三 一、本年新收（总计）不符', 'the requests the prose says were received differ from table III row I (total)'),
  rule('text.carried-over', '正文所述上年结转数与表三 二 不符', 'the carried-over requests in the prose differ from table III row II'),
  rule('text.carried-forward', '正文所述结转下年度数与表三 四 不符', 'the requests carried forward in the prose differ from table III row IV'),
  rule('text.handled', '正文所述办结（答复）数与表三（七）总计不符', 'the requests handled in the prose differ from table III (7) total'),
  rule('text.granted', '正文所述予以公开数与表三（一）不符', 'the prose count of requests granted differs from table III (1)'),
  rule('text.partly-granted', '正文所述部分公开数与表三（二）不符', 'the prose count of requests partly granted differs from table III (2)'),
  rule('text.denied', '正文所述不予公开数（或某一理由）与表三（三）不符', 'the prose count of requests denied (or of one reason) differs from table III (3)'),
  rule('text.unable-to-provide', '正文所述无法提供数（或某一理由）与表三（四）不符', 'the prose count of requests that could not be met (or of one reason) differs from table III (4)'),
  rule('text.not-processed', '正文所述不予处理数（或某一理由）与表三（五）不符', 'the prose count of requests not processed (or of one reason) differs from table III (5)'),
  rule('text.other-handling', '正文所述其他处理数（或某一理由）与表三（六）不符', 'the prose count of other handling (or of one reason) differs from table III (6)'),
  rule('text.percentage', '正文所述百分比与 数量 ÷（七）总计 相差超过 0.05 个百分点', 'a percentage in the prose is more than 0.05 points from count ÷ (7) total'),
  rule('text.applicants', '正文所述申请人（均为自然人、自然人/法人申请数）与表三 一 不符', 'the applicants in the prose (all natural persons, counts of natural/legal persons) differ from table III row I'),
  rule('text.channels', '正文所述各渠道申请数之和与表三 一 总计不符', 'the requests by channel in the prose do not add up to table III row I total'),
  rule('text.appeals', '正文所述行政复议、行政诉讼情况与表四不符', 'what the prose says of reconsideration and litigation differs from table IV'),
  rule('text.review-outcome', '正文称复议、诉讼“均获维持”，表四却有其他结果', 'the prose says every case was upheld, table IV shows other outcomes'),
  rule('text.proactive', '正文所述主动公开情况（未制定规范性文件、未发生处理决定、收费为0）与表二不符', 'what the prose says of table II (no documents, no decisions, no fees) differs from the table'),
];

// ---------------------------------------------------------------------------------------------
// The statements, as data.

const RESULTS = '/requests/results';

/** Result categories: the words that name them, and the group or row of table 三 they count. */
const CATEGORIES: { rule: string; words: string[]; pointer: string }[] = [
  { rule: 'text.granted', words: ['予以公开', '全部公开'], pointer: `${RESULTS}/granted` },
  { rule: 'text.partly-granted', words: ['部分公开'], pointer: `${RESULTS}/partlyGranted` },
  { rule: 'text.denied', words: ['不予公开'], pointer: `${RESULTS}/denied` },
  { rule: 'text.unable-to-provide', words: ['无法提供'], pointer: `${RESULTS}/unavailable` },
  { rule: 'text.not-processed', words: ['不予处理'], pointer: `${RESULTS}/notProcessed` },
  { rule: 'text.other-handling', words: ['其他处理'], pointer: `${RESULTS}/otherHandling` },
];

/** Named reasons: words long enough to mean that item and nothing else. */
const REASONS: { words: string[]; pointer: string }[] = [
  { words: ['国家秘密'], pointer: `${RESULTS}/denied/stateSecret` },
  { words: ['法律行政法规禁止公开', '法律法规禁止公开'], pointer: `${RESULTS}/denied/lawProhibited` },
  { words: ['三安全一稳定'], pointer: `${RESULTS}/denied/threeSecurities` },
  { words: ['第三方合法权益'], pointer: `${RESULTS}/denied/thirdPartyRights` },
  { words: ['内部事务信息'], pointer: `${RESULTS}/denied/internalAffairs` },
  { words: ['过程性信息'], pointer: `${RESULTS}/denied/processInfo` },
  { words: ['行政执法案卷'], pointer: `${RESULTS}/denied/enforcementFiles` },
  { words: ['行政查询事项'], pointer: `${RESULTS}/denied/adminQueries` },
  { words: ['不掌握相关政府信息', '本机关不掌握'], pointer: `${RESULTS}/unavailable/notHeld` },
  { words: ['没有现成信息', '需要另行制作'], pointer: `${RESULTS}/unavailable/needsCreation` },
  { words: ['补正后申请内容仍不明确', '仍不明确'], pointer: `${RESULTS}/unavailable/stillUnclear` },
  { words: ['信访举报投诉'], pointer: `${RESULTS}/notProcessed/complaint` },
  { words: ['重复申请'], pointer: `${RESULTS}/notProcessed/repeated` },
  { words: ['公开出版物'], pointer: `${RESULTS}/notProcessed/publication` },
  { words: ['大量反复申请'], pointer: `${RESULTS}/notProcessed/excessive` },
  { words: ['重新出具已获取信息', '确认或重新出具'], pointer: `${RESULTS}/notProcessed/confirmation` },
  { words: ['逾期不补正'], pointer: `${RESULTS}/otherHandling/noCorrection` },
  { words: ['缴纳费用'], pointer: `${RESULTS}/otherHandling/feeUnpaid` },
];

/** Counts stated as「<head>N件」: the head's last words say which row (regular expressions, anchored at the end). */
const HEADED: { rule: string; head: RegExp; rows: string[]; unless?: RegExp }[] = [
  {
    rule: 'text.received-total',
    head: /(?:收到|受理|接收|接到|新收)[^，,]{0,20}?申请(?:共|总数|数量|数)?(?:为|是|达)?$/,
    rows: ['/requests/newReceived'],
    // a subset (by channel, by applicant) or the carried-over ones: not the total; nor requests of
    // another kind (行政许可申请, 热线转办申请): OTHER_KIND_HEAD
    unless: /结转|通过|网络|网上|信函|当面|电话|邮件|邮寄|传真|其中|自然人|法人|企业|答复|办结/,
  },
  { rule: 'text.carried-over', head: /(?:上年度?结转|结转上年度?|上年度?遗留)[^，,]{0,15}$/, rows: ['/requests/carriedOver'] },
  { rule: 'text.carried-forward', head: /(?:结转(?:到|至)?下一?年度?(?:继续办理)?|转入下一?年度?(?:办理)?)[^，,]{0,8}$/, rows: ['/requests/carriedForward'] },
  {
    rule: 'text.handled',
    head: /(?:办结|答复|办理)了?(?:政府信息公开|依申请公开|信息公开)?(?:申请)?(?:共|总数)?$/,
    rows: [`${RESULTS}/total`],
    // 「受理并办结3件，1件…不予受理」: the accepted ones, not every request handled
    unless: /受理并|受理后|受理且/,
  },
];

/**
 * Requests and cases of other kinds, which a sentence may count beside (or instead of) disclosure
 * requests: the words right before 申请 in a count's head (「受理行政许可申请185件」, not an agency's
 * name, 「市行政审批服务局共收到政府信息公开申请」), or counted themselves before a count of handled
 * ones (「人大代表建议12件、政协委员提案8件，20件均已办结」). Not 信访举报投诉类申请, a reason of table 三.
 */
const KINDS = '许可|审批|热线|转办|建议|提案|(?<!信访)举报(?!投诉)|(?<!举报)投诉(?!类)|信访(?!举报)|政务服务|办件';
const OTHER_KIND_HEAD = new RegExp(`(?:${KINDS})[^，,、]{0,4}申请(?:共|总数|数量|数)?(?:为|是|达)?$`);
const OTHER_KIND_COUNT = new RegExp(`(?:${KINDS})[^，,。；;]{0,6}?\\d+件`);

/** Every applicant at once (「公民、法人和其他组织」): the whole of 一, not the legal persons' part. */
const EVERY_APPLICANT = /公民、?法人(?:和|或|及|或者)其他组织/;

/** Statements that a row is zero: 「未收到政府信息公开申请」「无上年结转」「无结转下年度」. */
const ZERO: { rule: string; pattern: RegExp; rows: string[] }[] = [
  {
    rule: 'text.received-total',
    // not 「未收到政府信息公开申请引发的行政复议」
    pattern: /(?:未|没有)(?:收到|接到|受理)(?:任何|过)?(?:政府信息公开|信息公开|依申请公开)?申请(?![^，,；;。]{0,8}(?:复议|诉讼))/,
    rows: ['/requests/newReceived'],
  },
  { rule: 'text.carried-over', pattern: /无上年度?结转|上年度?无结转|没有上年度?结转/, rows: ['/requests/carriedOver'] },
  { rule: 'text.carried-forward', pattern: /无(?:结转(?:到|至)?下一?年度?|转入下一?年度?)|无需结转(?:到|至)?下一?年度?/, rows: ['/requests/carriedForward'] },
];

/** Counts stated as「N件<tail>」. */
const TAILED: { rule: string; tail: RegExp; rows: string[] }[] = [
  { rule: 'text.carried-forward', tail: /^(?:申请)?[^，,]{0,12}?(?:结转|顺延|转入)(?:到|至)?下一?年度?/, rows: ['/requests/carriedForward'] },
  { rule: 'text.handled', tail: /^(?:申请)?(?:均|全部)?(?:已经?|依法)*(?:办结|答复完毕)/, rows: [`${RESULTS}/total`] },
];

const CHANNELS: [RegExp, string][] = [
  [/信函(?:申请|方式)?(?:共|为)?$/, '信函'],
  [/(?:网络|网上|互联网|(?:政府|门户)?网站|在线|依申请公开平台|申请平台)(?:申请|方式|平台)?(?:共|为)?$/, '网络'],
  [/当面(?:申请|方式)?(?:共|为)?$/, '当面'],
  [/(?:电子邮件|邮件)(?:申请|方式)?(?:共|为)?$/, '邮件'],
  [/传真(?:申请|方式)?(?:共|为)?$/, '传真'],
];

const LEGAL_COLUMNS = APPLICANT_COLUMNS.map((c) => c.key).filter((k) => k !== 'natural' && k !== 'total');

// ---------------------------------------------------------------------------------------------
// Reading the prose.

interface Sentence {
  line: number;
  text: string;
}

const PAGE_FOOTER = /^[-—\s]*\d+[-—\s]*$|^第\s*\d+\s*页/;
const SENTENCE = /[^。；;！？!?]+[。；;！？!?]*/g;

/**
 * Prose lines → sentences, each with the line it starts on. Lines cut by a PDF's line width (no
 * closing punctuation, the next line straight after, page footers between) are joined first.
 */
export function sentences(prose: ProseLine[]): Sentence[] {
  // each line tidied once: the joining looks at the line before, the sentences at all of them
  const lines = prose.filter((p) => !PAGE_FOOTER.test(p.text.trim())).map((p) => ({ line: p.line, text: tidy(p.text) }));
  const out: Sentence[] = [];
  let paragraph: { line: number; text: string }[] = [];
  const flush = () => {
    let text = '';
    const starts: { at: number; line: number }[] = [];
    for (const part of paragraph) {
      starts.push({ at: text.length, line: part.line });
      text += part.text;
    }
    let start = 0; // the part the sentence starts in: sentences come in order
    SENTENCE.lastIndex = 0;
    for (let m = SENTENCE.exec(text); m; m = SENTENCE.exec(text)) {
      while (start + 1 < starts.length && starts[start + 1]!.at <= m.index) start++;
      if (m[0].trim()) out.push({ line: starts[start]!.line, text: m[0] });
    }
    paragraph = [];
  };
  lines.forEach((p, i) => {
    const previous = lines[i - 1];
    const wrapped = previous && p.line - previous.line <= 2 && previous.text.length >= 20 && !/[。；;！？!?：:]$/.test(previous.text);
    if (!wrapped && paragraph.length) flush();
    paragraph.push(p);
  });
  if (paragraph.length) flush();
  return out;
}

const UNTIDY = /[\s\u00a0\u3000０-９．％]/;

/** Whitespace out (PDF text spaces every word), full-width digits and signs to ASCII. */
function tidy(text: string): string {
  if (!UNTIDY.test(text)) return text; // most lines: one look, no copies
  return text.replace(/[\s\u00a0\u3000]+/g, '').replace(/[０-９．％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `12`, `十二`, `二十一`, `两`: the numbers prose writes counts with. */
function numberOf(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return undefined;
  let total = 0;
  let digit = 0;
  for (const c of text) {
    if (c === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (c === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = DIGITS[c]!;
  }
  return total + digit;
}

/** `21件`, `7份`, `两件`; not the 一 of 统一件, 逐一件, 第一件, nor 一件事 (一件事一次办). */
const COUNT = /(\d+|(?<![统逐每单唯同第])[零〇一二两三四五六七八九十百]+)(件|份)(?!事)/g;

interface Clause {
  text: string;
  /** The count the clause states, the words before it and after it. */
  count?: { value: number; head: string; tail: string; unit: string };
}

/** Whether a text may state a count: most sentences and clauses have neither unit, and need no more reading. */
const hasUnit = (text: string) => text.includes('件') || text.includes('份');

/** The counts in a text. */
function countsIn(text: string): RegExpExecArray[] {
  if (!hasUnit(text)) return [];
  const out: RegExpExecArray[] = [];
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(text); m; m = COUNT.exec(text)) out.push(m);
  return out;
}

const CLAUSE_BREAK = /[，,；;：:（）()【】。！？!?]/;

/** A sentence → its clauses (cut at commas, semicolons, colons, brackets; at 、 between counts). */
function clausesOf(sentence: string): Clause[] {
  const out: Clause[] = [];
  for (const part of sentence.split(CLAUSE_BREAK)) {
    const counts = countsIn(part);
    const pieces = counts.length > 1 ? part.split('、') : [part];
    for (const piece of pieces) {
      const found = pieces.length === 1 ? counts : countsIn(piece);
      const clause: Clause = { text: piece };
      if (found.length === 1) {
        const m = found[0]!;
        const value = numberOf(m[1]!);
        if (value !== undefined) clause.count = { value, head: piece.slice(0, m.index), tail: piece.slice(m.index + m[0].length), unit: m[2]! };
      }
      out.push(clause);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading the tables.

/** A format's rows and groups by pointer (the first of a pointer, in template order), and each group's items. */
interface RowIndex {
  rows: Map<string, RowDef>;
  groups: Map<string, GroupDef>;
  items: Map<string, string[]>;
}

/** The rules look rows up for every count they compare: each format's index is built once. */
const rowIndex = oncePer((format: FormatDef): RowIndex => {
  const index: RowIndex = { rows: new Map(), groups: new Map(), items: new Map() };
  for (const table of format.tables) {
    for (const row of table.rows) {
      if (!index.rows.has(row.pointer)) index.rows.set(row.pointer, row);
      if (!row.group) continue;
      const items = index.items.get(row.group.pointer);
      if (items) items.push(row.pointer);
      else index.items.set(row.group.pointer, [row.pointer]);
    }
    for (const group of table.groups) if (!index.groups.has(group.pointer)) index.groups.set(group.pointer, group);
  }
  return index;
});

/** The applicant cells a blank 总计 is summed from. */
const APPLICANT_CELLS = APPLICANT_COLUMNS.map((c) => c.key).filter((k) => k !== 'total');

class Tables {
  constructor(
    readonly report: LocatedReport,
    readonly format: FormatDef,
  ) {}

  /**
   * The cell `<row>/<column>`. The row is looked up and the column read from it: a pointer put
   * together for each read would be a new string to split and hash every time, and the rules read
   * a few hundred cells per report.
   */
  private cell(row: string, column: string): number | null | undefined {
    const node = getAt(this.report.data, row);
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, column)) return undefined;
    const v = (node as Record<string, unknown>)[column];
    if (v === null) return null;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  /** A row's count: its 总计, or the sum of its applicant cells when the 总计 is blank. */
  rowCount(row: string): number | undefined {
    const total = this.cell(row, 'total');
    if (typeof total === 'number') return total;
    if (total === undefined) return undefined;
    let sum = 0;
    for (const key of APPLICANT_CELLS) {
      const v = this.cell(row, key);
      if (v === undefined) return undefined;
      sum += v ?? 0;
    }
    return sum;
  }

  /** The rows a pointer counts: the row itself, a group written as one row, or the group's items (the index's own array: not to be changed). */
  rowsOf(pointer: string): string[] | undefined {
    const index = rowIndex(this.format);
    if (index.rows.has(pointer) || this.report.singleRowGroups?.includes(pointer)) return [pointer];
    return index.items.get(pointer);
  }

  /** Σ of the counts of the rows the pointers name, or undefined when any is absent. */
  count(pointers: string[]): { value: number; rows: string[] } | undefined {
    // a loop, not flatMap: this runs for every count the prose states, and flatMap is slow in V8
    const rows: string[] = [];
    for (const pointer of pointers) {
      const of = this.rowsOf(pointer);
      if (!of) return undefined;
      rows.push(...of);
    }
    let value = 0;
    for (const row of rows) {
      const v = this.rowCount(row);
      if (v === undefined) return undefined;
      value += v;
    }
    return { value, rows };
  }

  value(row: string, column: string): number | undefined {
    const v = this.cell(row, column);
    return v === null ? 0 : v;
  }

  has(row: string, column: string): boolean {
    return this.cell(row, column) !== undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The checks.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CATEGORY_WORDS = CATEGORIES.flatMap((c) => c.words).map(escape).join('|');
/** `予以公开及部分公开` at the end of a head, with what comes before it. */
const CATEGORY_HEAD = new RegExp(`((?:${CATEGORY_WORDS})(?:(?:及|和|与|、)(?:${CATEGORY_WORDS}))*)(?:的)?(?:申请)?(?:共|为|了)?$`);

interface Statement {
  rule: string;
  sentence: Sentence;
  /** What the prose says, in words. */
  what: Text;
  stated: number;
  unit: string;
  table: number;
  cells: string[];
  /** The table's words for what was compared, when not a single cell. */
  tableWords?: Text;
}

export function checkProse(report: LocatedReport): Finding[] {
  if (!report.prose || report.prose.length === 0) return [];
  const format = formatDef(report.format);
  const tables = new Tables(report, format);
  const { year } = identityOf(report);
  const findings: Finding[] = [];
  const mismatch = (s: Statement) => {
    if (s.stated !== s.table) findings.push(finding(s, format));
  };
  for (const sentence of sentences(report.prose)) {
    // the rules read the clauses that state a count (and the clause after one): a sentence without a unit has none
    const clauses = hasUnit(sentence.text) ? clausesOf(sentence.text) : [];
    const channels = new Map<string, { value: number }>();
    let unknownChannel = false;
    clauses.forEach((clause, i) => {
      const c = clause.count;
      if (!c) return;
      // 一, 二, 四, （七）: the head or the tail names the row.
      for (const h of HEADED) {
        if (!h.head.test(c.head) || h.unless?.test(c.head.replace(EVERY_APPLICANT, ''))) continue;
        // 「受理行政许可申请185件」「2020年共收到申请5件」: other requests, or another year's
        if ((h.rule === 'text.received-total' || h.rule === 'text.handled') && (OTHER_KIND_HEAD.test(c.head) || otherYear(c.head, year))) continue;
        if (h.rule === 'text.handled' && /不予受理|未予受理|未受理/.test(sentence.text)) continue;
        // 「上年结转的申请中，已办结3件」「其中…受理申请5件」: a part, not the whole
        if ((h.rule === 'text.handled' || h.rule === 'text.received-total') && /结转|其中/.test(before(sentence.text, clause.text))) continue;
        let rows = h.rows;
        // 「共收到申请21件（含上年结转3件）」
        if (h.rule === 'text.received-total' && /^(?:含|包括|其中(?:含|包括)?)上年度?结转/.test(clauses[i + 1]?.text ?? '')) rows = ['/requests/newReceived', '/requests/carriedOver'];
        const t = tables.count(rows);
        // 「共办理17件」: 办理 may count the ones still open (一 + 二) as well as those finished (（七）).
        const alsoOpen = h.rule === 'text.handled' && !/办结|答复/.test(c.head) ? tables.count(['/requests/newReceived', '/requests/carriedOver']) : undefined;
        if (t && alsoOpen?.value !== c.value)
          mismatch({ rule: h.rule, sentence, what: words(h.rule, c.head), stated: c.value, unit: c.unit, table: t.value, cells: t.rows.map((r) => `${r}/total`) });
        return;
      }
      if (c.head === '' || /^(?:其中|另有|有|另)$/.test(c.head)) {
        for (const t of TAILED) {
          if (!t.tail.test(c.tail)) continue;
          if (t.rule === 'text.handled' && /结转|其中|不予受理|未予受理|未受理/.test(before(sentence.text, clause.text))) return;
          // 「承办人大代表建议12件、政协委员提案8件，20件均已办结」
          if (t.rule === 'text.handled' && OTHER_KIND_COUNT.test(before(sentence.text, clause.text))) return;
          const v = tables.count(t.rows);
          if (v) mismatch({ rule: t.rule, sentence, what: words(t.rule, c.tail), stated: c.value, unit: c.unit, table: v.value, cells: v.rows.map((r) => `${r}/total`) });
          return;
        }
      }
      // Result categories and named reasons.
      const result = category(c, tables);
      if (result) {
        const v = tables.count(result.pointers);
        if (!v) return;
        mismatch({
          rule: result.rule,
          sentence,
          what: { zh: result.phrase, en: result.phrase },
          stated: c.value,
          unit: c.unit,
          table: v.value,
          cells: v.rows.map((r) => `${r}/total`),
          tableWords: tableWords(result.pointers, tables.format),
        });
        // 「…258件，占33.9%」: the share of （七）总计, when the count itself agrees. 「占申请总数的…」 may
        // mean 一 (or 一 + 二): a share that fits any of them is not questioned.
        const share = /^占(?:比|(?:申请)?总数的?|全部的?|全部申请的?)?(?:为)?(\d+(?:\.\d+)?)%$/.exec(clauses[i + 1]?.text ?? '');
        const all = tables.count([`${RESULTS}/total`]);
        if (share && all && all.value > 0 && c.value === v.value) {
          const percent = (c.value / all.value) * 100;
          const stated = Number(share[1]);
          const others = [tables.count(['/requests/newReceived']), tables.count(['/requests/newReceived', '/requests/carriedOver'])];
          const fits = (total: number | undefined) => total !== undefined && total > 0 && Math.abs((c.value / total) * 100 - stated) <= 0.05 + 1e-9;
          if (!fits(all.value) && !others.some((o) => fits(o?.value)))
            findings.push(
              base('text.percentage', sentence, [`${RESULTS}/total/total`, ...v.rows.map((r) => `${r}/total`)], {
                zh: `正文称${result.phrase}${c.value}件占 ${stated}%，按（七）总计 ${all.value} 计算应为 ${round2(percent)}%`,
                en: `the prose gives ${result.phrase} ${c.value} as ${stated}%; of the (7) total ${all.value} it is ${round2(percent)}%`,
              }),
            );
        }
        return;
      }
      // Applicants: 「自然人申请6件」「法人申请1件」.
      const natural = /自然人(?:申请)?(?:共|为)?$/.test(c.head);
      const legal = /法人(?:或|和|及)?(?:其他组织)?(?:申请)?(?:共|为)?$/.test(c.head);
      if (natural || legal) {
        const keys = natural ? ['natural'] : LEGAL_COLUMNS;
        if (!keys.every((k) => tables.has('/requests/newReceived', k))) return;
        const cells = keys.map((k) => `/requests/newReceived/${k}`);
        const table = keys.reduce((a, k) => a + (tables.value('/requests/newReceived', k) ?? 0), 0);
        mismatch({
          rule: 'text.applicants',
          sentence,
          what: { zh: natural ? '自然人申请' : '法人或其他组织申请', en: natural ? 'requests from natural persons' : 'requests from legal persons' },
          stated: c.value,
          unit: c.unit,
          table,
          cells,
          tableWords: natural
            ? { zh: '表三 一、本年新收 自然人', en: 'table III row I natural persons' }
            : { zh: '表三 一、本年新收 法人或其他组织（5 列之和）', en: 'table III row I legal persons and other organisations (the 5 columns)' },
        });
        return;
      }
      const channel = CHANNELS.find(([pattern]) => pattern.test(c.head));
      if (channel) channels.set(channel[1], { value: c.value });
      // 「通过微信公众号申请1件」: a channel not known here; the sum would leave it out
      else if (/(?:通过|经由)[^，,]{1,16}(?:申请|提交|提出|方式)(?:共|为)?$/.test(c.head)) unknownChannel = true;
    });
    // 「信函申请0件，网络申请2件，当面申请0件」: the channels add up to 一 总计.
    if (channels.size >= 2 && !unknownChannel) {
      const t = tables.count(['/requests/newReceived']);
      const stated = [...channels.values()].reduce((a, v) => a + v.value, 0);
      if (t && stated !== t.value)
        findings.push(
          base('text.channels', sentence, ['/requests/newReceived/total'], {
            zh: `正文各渠道申请（${[...channels.entries()].map(([k, v]) => `${k}${v.value}件`).join('、')}）合计 ${stated} 件，表三 一、本年新收 总计为 ${t.value}`,
            en: `the requests by channel (${[...channels.entries()].map(([k, v]) => `${k} ${v.value}`).join(', ')}) add up to ${stated}; table III row I total is ${t.value}`,
          }, stated, t.value),
        );
    }
    for (const z of ZERO) {
      const m = z.pattern.exec(sentence.text);
      const t = m ? tables.count(z.rows) : undefined;
      if (m && t) mismatch({ rule: z.rule, sentence, what: { zh: m[0], en: m[0] }, stated: 0, unit: '件', table: t.value, cells: t.rows.map((r) => `${r}/total`) });
    }
    findings.push(...applicantsAll(sentence, tables), ...appeals(sentence, clauses, tables), ...proactive(sentence, tables, format));
  }
  return findings;
}

/** Whether a count's own words name a year other than the report's (「2020年共收到申请5件」 in a 2021 report). */
function otherYear(text: string, year: number | undefined): boolean {
  if (year === undefined || !text.includes('年')) return false;
  for (const m of text.matchAll(/((?:19|20)\d{2})年/g)) if (Number(m[1]) !== year) return true;
  return false;
}

/** The words of a sentence before one of its clauses. */
const before = (sentence: string, clause: string) => sentence.slice(0, Math.max(0, sentence.indexOf(clause)));

/** Each named reason's rule: its category's. */
const REASON_RULES = new Map(REASONS.map((r) => [r.pointer, CATEGORIES.find((k) => r.pointer.startsWith(`${k.pointer}/`) || r.pointer === k.pointer)!.rule]));

/** A result category or a named reason the head (or, for 「1件属于“…”」, the tail) names. */
function category(c: NonNullable<Clause['count']>, tables: Tables): { rule: string; pointers: string[]; phrase: string } | undefined {
  const reasonIn = (text: string) => REASONS.find((r) => r.words.some((w) => text.includes(w)));
  const head = CATEGORY_HEAD.exec(c.head);
  if (head) {
    // 「依申请公开及不予公开319份」: one of the things counted is not a category.
    if (/(?:及|和|与|、)$/.test(c.head.slice(0, head.index))) return undefined;
    const named = head[1]!.split(/及|和|与|、/).map((w) => CATEGORIES.find((k) => k.words.includes(w))!);
    const before = c.head.slice(0, head.index);
    const reason = named.length === 1 ? reasonIn(before) : undefined;
    // 「本机关不掌握相关政府信息无法提供1件」 is the item; 「因本机关不掌握等原因无法提供265件」 the whole group.
    if (reason && !/等/.test(before.slice(before.indexOf(reason.words.find((w) => before.includes(w))!))) && tables.rowsOf(reason.pointer))
      return { rule: REASON_RULES.get(reason.pointer)!, pointers: [reason.pointer], phrase: `${before}${head[1]}` };
    return { rule: named[0]!.rule, pointers: named.map((k) => k.pointer), phrase: c.head };
  }
  // 「1件属于“本机关不掌握相关政府信息”」
  if (c.head === '' || /^(?:其中|另有|有|另)$/.test(c.head)) {
    const m = /^(?:申请)?(?:属于|为|系|因)“?"?([^”"]*)/.exec(c.tail);
    const reason = m ? reasonIn(m[1]!) : undefined;
    if (reason && tables.rowsOf(reason.pointer)) return { rule: REASON_RULES.get(reason.pointer)!, pointers: [reason.pointer], phrase: m![1]! };
  }
  return undefined;
}

/** 「均为自然人」: no request of 一 came from a legal person. */
function applicantsAll(sentence: Sentence, tables: Tables): Finding[] {
  // most sentences do not name the applicants: the words first, the expression only where they are
  if (!sentence.text.includes('自然人') || !/(?:均为|全部为|都是|均系|全部是|均是)自然人/.test(sentence.text)) return [];
  if (!LEGAL_COLUMNS.every((k) => tables.has('/requests/newReceived', k))) return [];
  const nonzero = LEGAL_COLUMNS.filter((k) => (tables.value('/requests/newReceived', k) ?? 0) !== 0);
  if (nonzero.length === 0) return [];
  const sum = nonzero.reduce((a, k) => a + (tables.value('/requests/newReceived', k) ?? 0), 0);
  return [
    base('text.applicants', sentence, nonzero.map((k) => `/requests/newReceived/${k}`), {
      zh: `正文称申请人均为自然人，表三 一、本年新收 中法人或其他组织有 ${sum} 件`,
      en: `the prose says every applicant was a natural person; table III row I has ${sum} from legal persons or other organisations`,
    }, 0, sum),
  ];
}

const APPEAL_GROUPS = { reconsideration: '/appeals/reconsideration', litigation: ['/appeals/litigationDirect', '/appeals/litigationAfterReconsideration'] };

/** Table 四: 「无行政复议、行政诉讼」, 「行政复议7件，诉讼9件」, 「均获维持」. */
function appeals(sentence: Sentence, clauses: Clause[], tables: Tables): Finding[] {
  // every statement below names 复议 or 诉讼 (the words of 「无…」, a clause's head, 「均获维持」's sentence)
  if (!sentence.text.includes('复议') && !sentence.text.includes('诉讼')) return [];
  const out: Finding[] = [];
  const groupCount = (row: string): number | undefined => {
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((k) => tables.value(row, k));
    const total = tables.value(row, 'total');
    if (total === undefined || parts.includes(undefined)) return undefined;
    return Math.max(total, parts.reduce<number>((a, b) => a + (b ?? 0), 0));
  };
  // 「本年度无行政复议、行政诉讼案件」「未发生…行政复议和行政诉讼」
  const saidNone = new Set<string>(); // the rows 「无…」 was found wrong about: not again by a count
  const none = [...sentence.text.matchAll(/(?:无|未发生|未收到|没有|未有|未产生)([^，,；;。]{0,24})/g)].find((m) => /复议|诉讼/.test(m[1]!));
  // (not 「无被复议撤销或确认违法的情形」「无一例被复议改变」: no case lost, rather than none)
  if (none && !/纠错|败诉|撤销|纠正|确认违法|改变|变更/.test(none[0])) {
    const rows = [
      ...(/复议/.test(none[1]!.replace(/复议后/, '')) ? [APPEAL_GROUPS.reconsideration] : []),
      ...(/诉讼/.test(none[1]!) ? APPEAL_GROUPS.litigation : []),
    ];
    const counts = rows.map((r) => [r, groupCount(r)] as const);
    const nonzero = counts.filter(([, v]) => v !== undefined && v > 0);
    if (rows.length && counts.every(([, v]) => v !== undefined) && nonzero.length) {
      for (const [row] of nonzero) saidNone.add(row);
      out.push(
        base('text.appeals', sentence, nonzero.map(([r]) => `${r}/total`), {
          zh: `正文称无行政复议或行政诉讼，表四却有 ${nonzero.map(([r, v]) => `${labelOf(tables.format, r).zh} ${v} 件`).join('、')}`,
          en: `the prose says there was no reconsideration or litigation; table IV has ${nonzero.map(([r, v]) => `${labelOf(tables.format, r).en} ${v}`).join(', ')}`,
        }),
      );
    }
    // the sentence may count the other kind too: 「行政复议3件，未发生行政诉讼」
  }
  let mentioned = false;
  for (const clause of clauses) {
    const c = clause.count;
    if (!c) continue;
    const reconsideration = /(?:行政)?复议(?:案件)?(?:共|为)?$/.test(c.head) && !/复议后/.test(c.head);
    const litigation = /(?:行政)?诉讼(?:案件)?(?:共|为)?$/.test(c.head);
    if (!reconsideration && !litigation) continue;
    mentioned = true;
    const rows = reconsideration ? [APPEAL_GROUPS.reconsideration] : APPEAL_GROUPS.litigation;
    if (rows.some((r) => saidNone.has(r))) continue;
    const counts = rows.map(groupCount);
    if (counts.includes(undefined)) continue;
    const table = counts.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (table !== c.value)
      out.push(
        base('text.appeals', sentence, rows.map((r) => `${r}/total`), {
          zh: `正文称${reconsideration ? '行政复议' : '行政诉讼'} ${c.value} 件，表四为 ${table} 件`,
          en: `the prose says ${reconsideration ? 'reconsideration' : 'litigation'} ${c.value}; table IV has ${table}`,
        }, c.value, table),
      );
  }
  // 「…均获维持」: every case with an outcome upheld.
  if ((mentioned || /复议|诉讼/.test(sentence.text)) && /(?:均|全部|皆|都)(?:获|被|予以|得到)?维持/.test(sentence.text)) {
    const rows = [APPEAL_GROUPS.reconsideration, ...APPEAL_GROUPS.litigation];
    const not: string[] = [];
    const parts: Text[] = [];
    for (const row of rows) {
      const total = groupCount(row);
      const upheld = tables.value(row, 'upheld');
      if (total === undefined || upheld === undefined) return out;
      if (total > upheld) {
        not.push(row);
        const other = ['corrected', 'other', 'pending'].filter((k) => (tables.value(row, k) ?? 0) > 0);
        const label = labelOf(tables.format, row);
        parts.push({
          zh: `${label.zh}：维持 ${upheld} / 共 ${total}（${other.map((k) => `${labelOf(tables.format, `${row}/${k}`).zh.split(' · ').pop()} ${tables.value(row, k)}`).join('、')}）`,
          en: `${label.en}: upheld ${upheld} of ${total} (${other.map((k) => `${labelOf(tables.format, `${row}/${k}`).en.split(' · ').pop()} ${tables.value(row, k)}`).join(', ')})`,
        });
      }
    }
    if (not.length)
      out.push(
        base('text.review-outcome', sentence, not.flatMap((r) => [`${r}/upheld`, `${r}/total`]), {
          zh: `正文称均获维持，表四：${parts.map((p) => p.zh).join('；')}`,
          en: `the prose says every case was upheld; table IV: ${parts.map((p) => p.en).join('; ')}`,
        }),
      );
  }
  return out;
}

/** Table 二: 「未制定行政规范性文件」「未发生行政许可、行政处罚、行政强制处理决定」「行政事业性收费金额为0」. */
function proactive(sentence: Sentence, tables: Tables, format: FormatDef): Finding[] {
  // every statement below says 未… or names 行政事业性收费
  if (!sentence.text.includes('未') && !sentence.text.includes('行政事业性收费')) return [];
  const out: Finding[] = [];
  const zero = (row: string, column: string, said: string) => {
    if (!tables.has(row, column)) return;
    const pointer = `${row}/${column}`;
    const v = tables.value(row, column)!;
    if (v !== 0)
      out.push(
        base('text.proactive', sentence, [pointer], {
          zh: `正文称“${said}”，表二 ${labelOf(format, pointer).zh} 为 ${v}`,
          en: `the prose says "${said}"; table II ${labelOf(format, pointer).en} is ${v}`,
        }, 0, v),
      );
  };
  const firstColumn = (row: string) => rowIndex(format).rows.get(row)?.columns[0]?.key;
  for (const clause of sentence.text.split(/[，,；;。]/)) {
    const made = /未(?:制定|制发|出台|新制定)(?:任何)?((?:行政)?规范性文件|规章)/.exec(clause);
    if (made) {
      const row = made[1] === '规章' ? '/proactive/regulations' : '/proactive/normativeDocuments';
      const key = firstColumn(row);
      if (key) zero(row, key, made[0]);
    }
    const decided = /未(?:发生|作出|产生|实施)(.*)/.exec(clause);
    // (not 「未发生行政处罚决定被复议纠错或诉讼败诉」: decisions made, none overturned)
    if (decided && /决定/.test(decided[1]!) && !/决定[^，,；;。]*(?:被|纠错|败诉|撤销)/.test(decided[1]!))
      for (const [word, row] of [['行政许可', '/proactive/licensing'], ['行政处罚', '/proactive/punishment'], ['行政强制', '/proactive/coercion']] as const)
        if (decided[1]!.includes(word)) zero(row, 'decisions', decided[0]);
    const fee = /行政事业性收费(?:金额)?(?:为|是)(?:0|零)(?:元|万元)?$/.exec(clause);
    if (fee) zero('/proactive/fees', 'amount', fee[0]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Findings.

const round2 = (n: number) => Math.round(n * 100) / 100;

const TABLE_WORDS: Record<string, Text> = {
  'text.received-total': { zh: '表三 一、本年新收 总计', en: 'table III row I total' },
  'text.carried-over': { zh: '表三 二、上年结转 总计', en: 'table III row II total' },
  'text.carried-forward': { zh: '表三 四、结转下年度 总计', en: 'table III row IV total' },
  'text.handled': { zh: '表三（七）总计', en: 'table III (7) total' },
};

function words(ruleId: string, phrase: string): Text {
  return { zh: phrase, en: PROSE_RULES.find((r) => r.id === ruleId)!.description.en.replace(/^the /, '') };
}

function quote(sentence: Sentence): string {
  return sentence.text.length > 80 ? `${sentence.text.slice(0, 80)}…` : sentence.text;
}

function base(ruleId: string, sentence: Sentence, cells: string[], what: Text, stated?: number, table?: number): Finding {
  const def = PROSE_RULES.find((r) => r.id === ruleId)!;
  return {
    rule: def.id,
    severity: def.severity,
    message: {
      zh: `第 ${sentence.line} 行“${quote(sentence)}”：${what.zh}`,
      en: `line ${sentence.line} "${quote(sentence)}": ${what.en}`,
    },
    cells,
    ...(table !== undefined ? { expected: table } : {}),
    ...(stated !== undefined ? { actual: stated, difference: stated - (table ?? 0) } : {}),
    location: { line: sentence.line, column: 1 },
    raw: sentence.text,
  };
}

/** `表三（一）予以公开 + （二）部分公开`, `表三（四）无法提供（各项之和）`. */
function tableWords(pointers: string[], format: FormatDef): Text {
  const { rows, groups } = rowIndex(format);
  const one = (p: string): Text => {
    const row = rows.get(p);
    if (row) {
      const group = row.group && row.group.pointer !== RESULTS ? row.group.label : undefined;
      const label = { zh: withoutGloss(row.label.zh), en: row.label.en };
      return group ? { zh: `${group.zh} ${label.zh}`, en: `${group.en} ${label.en}` } : label;
    }
    const group = groups.get(p)?.label ?? labelOf(format, p);
    return { zh: `${group.zh}（各项之和）`, en: `${group.en} (all items)` };
  };
  const parts = pointers.map(one);
  return { zh: `表三 ${parts.map((p) => p.zh).join(' + ')}`, en: `table III ${parts.map((p) => p.en).join(' + ')}` };
}

function finding(s: Statement, format: FormatDef): Finding {
  const table = TABLE_WORDS[s.rule] ?? s.tableWords ?? {
    zh: s.cells.length === 1 ? labelOf(format, s.cells[0]!).zh : `表三 ${s.cells.map((c) => labelOf(format, c).zh.split(' · ')[0]).join(' + ')}`,
    en: s.cells.length === 1 ? labelOf(format, s.cells[0]!).en : `table III ${s.cells.map((c) => labelOf(format, c).en.split(' · ')[0]).join(' + ')}`,
  };
  return base(s.rule, s.sentence, s.cells, {
    zh: `正文所述“${s.what.zh}”为 ${s.stated} ${s.unit}，${table.zh}为 ${s.table}`,
    en: `the prose states ${s.stated} (${s.what.zh}); ${table.en} is ${s.table}`,
  }, s.stated, s.table);
}
