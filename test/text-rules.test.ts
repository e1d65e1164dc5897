import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readText } from '../src/read/text.js';
import { locate } from '../src/locate/locate.js';
import { checkProse, sentences } from '../src/check/text.js';
import { fixture } from './helpers/cli.js';

const SEED = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').split('\n');

/** The seed report with line 31 (the paragraph on requests) replaced: the prose rules' findings. */
function withProse(paragraph: string, edit: (lines: string[]) => void = () => {}) {
  const lines = [...SEED];
  lines[30] = paragraph;
  edit(lines);
  const report = locate(readText(lines.join('\n')), 'report.txt');
  return checkProse(report);
}
const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('prose statements against the tables (seed: 2 received, both from natural persons; 1 不掌握, 1 确认)', () => {
  it('the seed itself: every statement agrees', () => {
    expect(withProse(SEED[30]!)).toEqual([]);
  });

  it('received total, quoting the sentence and giving its line', () => {
    const [f] = withProse('全年共收到政府信息公开申请3件，均已办结。');
    expect(f).toMatchObject({ rule: 'text.received-total', severity: 'warning', actual: 3, expected: 2, location: { line: 31 } });
    expect(f!.cells).toEqual(['/requests/newReceived/total']);
    expect(f!.message.zh).toContain('“全年共收到政府信息公开申请3件，均已办结。”');
  });

  it('received total including the carried-over ones when the prose says so', () => {
    expect(withProse('共收到政府信息公开申请2件（含上年结转0件）。')).toEqual([]);
    expect(rules(withProse('共收到政府信息公开申请5件（含上年结转3件）。'))).toEqual(['text.received-total', 'text.carried-over']);
  });

  it('carried over, carried forward, handled', () => {
    expect(rules(withProse('上年结转政府信息公开申请1件。结转下年度继续办理2件。办结政府信息公开申请3件。'))).toEqual([
      'text.carried-over',
      'text.carried-forward',
      'text.handled',
    ]);
    expect(withProse('2件均已办结。另有0件申请顺延到下年度答复。')).toEqual([]);
  });

  it('statements that a row is zero: no request received, none carried over or forward', () => {
    expect(rules(withProse('本年度未收到政府信息公开申请。'))).toEqual(['text.received-total']);
    expect(withProse('本年度无上年结转申请，无结转下年度办理的申请。')).toEqual([]);
    const carried = (l: string[]) => (l[58] = '四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||');
    expect(rules(withProse('无结转下年度办理的申请。', carried))).toEqual(['text.carried-forward']);
  });

  it('办理 may count the open requests too: either 一 + 二 or （七） is accepted', () => {
    const open = (l: string[]) => {
      l[35] = '二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||';
      l[58] = '四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||';
    };
    expect(withProse('共办理政府信息公开申请3件。', open)).toEqual([]);
    expect(withProse('共办理政府信息公开申请2件。', open)).toEqual([]);
    expect(rules(withProse('办结政府信息公开申请3件。', open))).toEqual(['text.handled']);
  });

  it('each result category, and combined categories', () => {
    expect(rules(withProse('予以公开1件，部分公开1件，不予公开1件，无法提供2件，不予处理0件，其他处理1件。'))).toEqual([
      'text.granted',
      'text.partly-granted',
      'text.denied',
      'text.unable-to-provide',
      'text.not-processed',
      'text.other-handling',
    ]);
    expect(rules(withProse('予以公开及部分公开1件。'))).toEqual(['text.granted']);
  });

  it('a named reason is its item; "等原因" is the whole group', () => {
    expect(rules(withProse('本机关不掌握相关政府信息无法提供2件。'))).toEqual(['text.unable-to-provide']);
    expect(withProse('因本机关不掌握等原因无法提供1件。')).toEqual([]);
    expect(rules(withProse('因重复申请不予处理1件。'))).toEqual(['text.not-processed']);
    expect(rules(withProse('2件属于“本机关不掌握相关政府信息”。'))).toEqual(['text.unable-to-provide']);
  });

  it('percentages of （七）总计, within 0.05 points', () => {
    expect(withProse('无法提供1件，占50%；不予处理1件，占50.04%。')).toEqual([]);
    expect(withProse('无法提供1件，占申请总数的50%。')).toEqual([]);
    const [f] = withProse('无法提供1件，占45%。');
    expect(f).toMatchObject({ rule: 'text.percentage' });
  });

  it('均为自然人, applicant and channel counts', () => {
    expect(rules(withProse('2件均为自然人。', (l) => (l[34] = '一、本年新收政府信息公开申请数量 | 1 | 1 | 0 | 0 | 0 | 0 | 2 | ||')))).toEqual([
      'text.applicants',
    ]);
    expect(rules(withProse('信函申请1件，网络申请2件，当面申请0件。'))).toEqual(['text.channels']);
    expect(withProse('信函申请0件，网络申请2件。')).toEqual([]);
    expect(rules(withProse('其中法人申请1件、自然人申请2件。'))).toEqual(['text.applicants']);
  });

  it('no reconsideration or litigation, counts of them, all upheld, against table 四', () => {
    const appeal = (l: string[]) => {
      l[64] = '1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
      l[60] = ''; // the seed's own 「本年度无行政复议、行政诉讼案件。」
    };
    expect(rules(withProse('本年度无行政复议、行政诉讼案件。', appeal))).toEqual(['text.appeals']);
    expect(withProse('本年度无行政诉讼案件。', appeal)).toEqual([]);
    expect(rules(withProse('行政复议3件，均获维持。', appeal))).toEqual(['text.appeals', 'text.review-outcome']);
    expect(rules(withProse('全年共收到政府信息公开申请2件，无行政复议。', appeal))).toEqual(['text.appeals']);
    expect(withProse('本年度未收到政府信息公开申请引发的行政复议。')).toEqual([]);
  });

  it('no case overturned is not no case; a count beside 「未发生行政诉讼」 is still compared', () => {
    const upheld = (l: string[]) => {
      l[64] = '2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
      l[60] = '';
    };
    for (const quiet of [
      '本年度发生行政复议2件、行政诉讼0件，均维持原答复，无被复议撤销或确认违法的情形。',
      '未发生行政复议决定撤销本机关答复的情况。',
      '没有被行政复议机关撤销的答复。',
      '无一例被复议改变。',
    ])
      expect([quiet, withProse(quiet, upheld)]).toEqual([quiet, []]);
    expect(rules(withProse('本年度发生行政复议3件，未发生行政诉讼。', upheld))).toEqual(['text.appeals']);
    // said once: 「无…」 and a count of the same cases in one sentence
    expect(rules(withProse('本年度无行政复议、行政诉讼案件，行政复议0件，行政诉讼0件。', upheld))).toEqual(['text.appeals']);
    expect(rules(withProse('本年度发生行政复议2件，均获维持，未发生行政诉讼。', upheld))).toEqual([]);
  });

  it("other requests, cases and years are not the disclosure requests of the report's year", () => {
    const titled = (l: string[]) => (l[0] = '襄阳市经济和信息化局2021年政府信息公开工作年度报告'); // the seed's text has no title: no year
    for (const quiet of [
      '全年共受理行政许可申请185件。',
      '全年共受理市民热线转办申请320件。',
      '2020年共收到政府信息公开申请5件。', // the year before, in a 2021 report
      '共承办人大代表建议12件、政协委员提案8件，20件均已办结。',
      '全年作出行政处罚决定0件，未发生行政处罚决定被复议纠错或诉讼败诉的情况。',
    ])
      expect([quiet, withProse(quiet, titled)]).toEqual([quiet, []]);
    expect(rules(withProse('2021年共收到政府信息公开申请3件。', titled))).toEqual(['text.received-total']);
    // another year elsewhere in the sentence, or an agency whose name has such a word, is no reason to keep quiet
    for (const loud of [
      '本年度共收到政府信息公开申请5件，较2020年增加3件，5件均已办结。',
      '与2020年相比，本年度共收到政府信息公开申请5件，5件均已办结。',
      '2021年，市行政审批服务局共收到政府信息公开申请5件，5件均已办结。',
      '共收到政府信息公开申请5件，申请内容主要涉及行政许可、征地补偿等，5件均已办结。',
    ])
      expect([loud, rules(withProse(loud, titled))]).toEqual([loud, ['text.received-total', 'text.handled']]);
    // 信访举报投诉类申请 is a reason of table 三, not another kind of request
    expect(rules(withProse('信访举报投诉类申请0件，3件均已办结。'))).toEqual(['text.handled']);
    // 「公民、法人和其他组织」 is every applicant: the whole of 一, not the legal persons' part
    expect(rules(withProse('共收到公民、法人和其他组织政府信息公开申请3件。'))).toEqual(['text.received-total']);
    expect(withProse('共收到公民、法人和其他组织政府信息公开申请2件。')).toEqual([]);
  });

  it('「其中上年结转」 after a total makes it 一 + 二; a channel not known here leaves the channels unsummed', () => {
    const carried = (l: string[]) => (l[35] = '二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||');
    expect(withProse('共收到政府信息公开申请3件，其中上年结转1件，本年新收2件。', carried)).toEqual([]);
    expect(withProse('当面申请0件，信函申请0件，通过政府网站申请2件。')).toEqual([]);
    expect(withProse('信函申请0件，网络申请1件，通过微信公众号申请1件。')).toEqual([]);
    expect(rules(withProse('信函申请0件，网络申请5件，当面申请0件，其中以个人名义申请5件。'))).toEqual(['text.channels']); // 以个人名义 is who, not a channel
    expect(rules(withProse('当面申请0件，信函申请1件，网络申请2件。'))).toEqual(['text.channels']);
  });

  it('table 二: no normative documents, no decisions, no fees', () => {
    const edit = (l: string[]) => {
      l[18] = '行政规范性文件 | 1 | 0 | 1 |';
      l[24] = '行政处罚 | 3 | ||';
    };
    expect(rules(withProse(SEED[30]!, edit))).toEqual(['text.proactive', 'text.proactive']);
    // a decision of reconsideration named beside them does not silence the others
    const line31 = (findings: { rule: string; location?: { line: number } }[]) => rules(findings.filter((f) => f.location?.line === 31));
    expect(line31(withProse('本年度未作出行政许可、行政处罚、行政强制及行政复议决定。', edit))).toEqual(['text.proactive']);
  });

  it('stays silent where the prose is silent or ambiguous', () => {
    for (const quiet of [
      '收到群众诉求348件，办结率100%。', // not requests
      '依申请公开信息数142条，不予公开信息数137条。', // information items, not requests
      '主动公开380份，依申请公开及不予公开319份。', // one of the things counted is not a category
      '共收到政府信息公开申请2件，受理并办结1件，1件不予受理。', // 办结 counts the accepted ones only
      '通过网络收到政府信息公开申请1件。', // a channel, not the total
      '行政复议和行政诉讼均无被纠错案件。',
      '上年结转的申请中，已办结1件。', // a part of the handled ones
      '本年度收到申请2件，其中通过网络受理政府信息公开申请1件。',
    ])
      expect(withProse(quiet)).toEqual([]);
  });
});

describe('prose sentences', () => {
  it('joins lines cut by a PDF line width, across page footers, and keeps the line a sentence starts on', () => {
    const list = sentences([
      { line: 19, text: '（二）依申请公开情况。进一步规范依申请公开流程，畅通' },
      { line: 20, text: '依申请公开受理渠。2023 年全区受理政府信息公开申请 21 件，' },
      { line: 21, text: '- 1 -' },
      { line: 22, text: '均在法定期限答复。' },
    ]);
    expect(list).toEqual([
      { line: 19, text: '（二）依申请公开情况。' },
      { line: 19, text: '进一步规范依申请公开流程，畅通依申请公开受理渠。' },
      { line: 20, text: '2023年全区受理政府信息公开申请21件，均在法定期限答复。' },
    ]);
  });
});
