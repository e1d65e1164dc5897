/**
 * Labels as published vary in width, spacing, numbering, script and typos. Normalising them to one
 * spelling lets the locator match on key words: `（一）` and `(一)` and `一、` keep their meaning, and
 * `商业 企业` reads as `商业企业`.
 */

/** Traditional characters seen on mirror sites, for the words the locator matches on. */
const TRADITIONAL: Record<string, string> = {
  與: '与', 開: '开', 請: '请', 數: '数', 題: '题', 結: '结', 轉: '转', 辦: '办', 處: '处',
  據: '据', 係: '系', 關: '关', 項: '项', 總: '总', 計: '计', 機: '机', 構: '构', 業: '业', 組: '组',
  織: '织', 務: '务', 權: '权', 護: '护', 國: '国', 規: '规', 過: '过', 執: '执', 檢: '检',
  詢: '询', 現: '现', 複: '复', 覆: '复', 訴: '诉', 訟: '讼', 維: '维', 糾: '纠', 審: '审', 費: '费',
  許: '许', 罰: '罚', 強: '强', 發: '发', 廢: '废', 號: '号', 會: '会', 體: '体', 單: '单', 價: '价',
  決: '决', 類: '类', 內: '内', 義: '义', 產: '产', 舉: '举', 報: '报', 訪: '访', 問: '问',
  獲: '获', 製: '制', 徵: '征', 補: '补', 確: '确', 認: '认', 證: '证', 應: '应',
  經: '经', 齊: '齐', 穩: '稳', 險: '险', 衛: '卫', 學: '学', 團: '团', 實: '实', 際: '际',
  濟: '济', 靈: '灵', 繳: '缴', 納: '纳', 則: '则', 條: '条', 對: '对', 們: '们',
  當: '当', 網: '网', 絡: '络', 訊: '讯', 無: '无', 為: '为', 個: '个', 寫: '写', 屬: '属', 於: '于',
  復: '复', 議: '议', 範: '范', 後: '后', 採: '采', 購: '购', 萬: '万', 兩: '两', 餘: '余', 況: '况',
  減: '减', 動: '动', 區: '区', 換: '换', 斷: '断', 標: '标', 樣: '样', 沒: '没', 繼: '继', 續: '续',
  讀: '读', 這: '这', 連: '连', 鉤: '钩', 頁: '页', 額: '额', 狀: '状', 態: '态', 稱: '称', 參: '参',
  統: '统', 歸: '归', 檔: '档', 階: '阶', 貫: '贯',
};

/** Published typos that would otherwise defeat a key word. */
const TYPOS: [RegExp, string][] = [
  [/内容事务/g, '内部事务'],
  [/行政止公开/g, '行政法规禁止公开'],
  [/钩稽/g, '勾稽'],
];

/** Labels repeat from report to report: a batch normalises each distinct one once. */
const normalized = new Map<string, string>();

export function normalizeLabel(raw: string): string {
  let s = normalized.get(raw);
  if (s === undefined) {
    if (normalized.size > 50_000) normalized.clear(); // bounded: memory must not grow with the batch
    normalized.set(raw, (s = normalizeUncached(raw)));
  }
  return s;
}

function normalizeUncached(raw: string): string {
  let s = raw.normalize('NFKC');
  s = s.replace(/[\s\u00a0\u3000]+/g, '');
  s = s.replace(/&nbsp;?/g, '');
  s = s.replace(/[“”"「」『』]/g, '"').replace(/[‘’']/g, "'");
  s = s.replace(/[，]/g, ',').replace(/、/g, '、');
  s = s.replace(/[\u4e00-\u9fff]/g, (c) => TRADITIONAL[c] ?? c);
  for (const [pattern, fix] of TYPOS) s = s.replace(pattern, fix);
  // `1、` and `1．` are how some reports number items; the template writes `1.`.
  s = s.replace(/^(\d+)[、．。]/, '$1.');
  // `（一）`, `(一)`, `一)` all mean item 一.
  s = s.replace(/^([一二三四五六七八九十])\)/, '($1)');
  return s;
}

/** The numbering a label starts with, normalised: `一、`, `(三)`, `2.`; or `` when it has none. */
export function numberingOf(label: string): string {
  const m = /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/.exec(label);
  return m ? m[0] : '';
}
