// Synthetic reports for `npm run bench`: valid and broken, every input kind, seeded so that two
// runs generate the same files. Built on the seed report: its CSV gives the layout, the table
// definition (dist/tables) gives the cells in template order.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cells, formatDef } from '../../dist/tables/index.js';

const fixture = (path) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url));
const SEED_CSV = fixture('seed/xiangyang-jxj-2021.csv').toString('utf8');
const SEED_TXT = fixture('seed/xiangyang-jxj-2021.txt').toString('utf8');
const SEED_HTML = fixture('html/xiangyang-jxj-2021.html').toString('utf8');
const SEED_HTML_GBK = fixture('html/xiangyang-jxj-2021-gbk.html');
const SEED_XLSX = fixture('xlsx/xiangyang-jxj-2021.xlsx');
const REAL_TXT = ['real/008.txt', 'real/011.txt', 'real/028.txt'].map(fixture);
const POINTERS = [...cells(formatDef('2021')).keys()];

/** A small seeded generator (mulberry32): the same seed gives the same reports. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

const APPLICANTS = ['natural', 'commercial', 'research', 'publicWelfare', 'legalService', 'other'];

/** Values that satisfy every rule: pointer → number, in template order. */
export function consistentValues(rng) {
  const v = new Map();
  const small = () => (rng.next() < 0.6 ? 0 : rng.int(rng.next() < 0.9 ? 5 : 400));
  for (const p of ['regulations', 'normativeDocuments']) {
    const issued = small();
    const repealed = rng.int(issued + 1);
    v.set(`/proactive/${p}/issued`, issued).set(`/proactive/${p}/repealed`, repealed).set(`/proactive/${p}/inForce`, issued - repealed + small());
  }
  for (const p of ['licensing', 'punishment', 'coercion']) v.set(`/proactive/${p}/decisions`, small());
  v.set('/proactive/fees/amount', rng.next() < 0.7 ? 0 : rng.int(10000) / 100);

  const items = POINTERS.filter((p) => p.startsWith('/requests/results/') && !p.startsWith('/requests/results/total/'))
    .map((p) => p.slice(0, p.lastIndexOf('/')))
    .filter((row, i, all) => all.indexOf(row) === i);
  const rows = [...items, '/requests/results/total', '/requests/newReceived', '/requests/carriedOver', '/requests/carriedForward'];
  const totals = Object.fromEntries(rows.map((row) => [row, 0]));
  for (const column of APPLICANTS) {
    let handled = 0;
    for (const row of items) {
      const n = column === 'natural' ? small() : rng.next() < 0.9 ? 0 : rng.int(3);
      v.set(`${row}/${column}`, n);
      handled += n;
    }
    const forward = rng.int(3);
    const over = Math.min(rng.int(3), handled + forward);
    v.set(`/requests/results/total/${column}`, handled);
    v.set(`/requests/carriedForward/${column}`, forward);
    v.set(`/requests/carriedOver/${column}`, over);
    v.set(`/requests/newReceived/${column}`, handled + forward - over);
    for (const row of rows) totals[row] += v.get(`${row}/${column}`);
  }
  for (const row of rows) v.set(`${row}/total`, totals[row]);

  for (const row of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration']) {
    let total = 0;
    for (const part of ['upheld', 'corrected', 'other', 'pending']) {
      const n = rng.next() < 0.8 ? 0 : rng.int(4);
      v.set(`/appeals/${row}/${part}`, n);
      total += n;
    }
    v.set(`/appeals/${row}/total`, total);
  }
  return new Map(POINTERS.map((p) => [p, v.get(p)]));
}

/** The seed CSV with its 200 numbers (in template order) replaced by `texts`. */
function csvWith(texts) {
  let i = 0;
  return SEED_CSV.split('\n')
    .map((line) =>
      line
        .split(',')
        .map((field) => (/^\d+$/.test(field) ? quoteCsv(texts[i++]) : field))
        .join(','),
    )
    .join('\n');
}
const quoteCsv = (text) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function jsonWith(values, extra = {}) {
  const data = { format: '2021', agency: '某某市某某局', year: 2024 };
  for (const [pointer, value] of values) {
    const keys = pointer.slice(1).split('/');
    let node = data;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys[keys.length - 1]] = value;
  }
  return `${JSON.stringify({ ...data, ...extra }, null, 2)}\n`;
}

/** How people write numbers in a spreadsheet: full-width digits, 件, a stray ?, 1,234, fees in 元. */
function asWritten(rng, pointer, value) {
  if (pointer === '/proactive/fees/amount') return value === 0 ? '0' : `${Math.round(value * 10000)}元`;
  const forms = [
    () => String(value),
    () => String(value).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    () => `${value}件`,
    () => `?${value}`,
    () => ` ${value} `,
    () => value.toLocaleString('en-US'),
  ];
  return rng.pick(forms)();
}

let gbkTable;
/** Text → GBK bytes, from the table Node's own GB18030 decoder implies (GBK is its 2-byte part). */
export function encodeGbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const pairs = [];
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail);
    const decoded = [...new TextDecoder('gb18030').decode(Uint8Array.from(pairs))];
    decoded.forEach((char, i) => gbkTable.has(char) || gbkTable.set(char, [pairs[2 * i], pairs[2 * i + 1]]));
  }
  const out = [];
  for (const char of text) {
    const code = char.codePointAt(0);
    if (code < 0x80) out.push(code);
    else if (gbkTable.has(char)) out.push(...gbkTable.get(char));
    else throw new Error(`no GBK code for ${char}`);
  }
  return Uint8Array.from(out);
}

const utf16 = (text, bigEndian) => {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (bigEndian) bytes.swap16();
  return bytes;
};

/**
 * The variants, each a function of a seeded generator → { ext, bytes }. Weights say how often each
 * appears in a batch. A new input kind plugs in here with its own renderers.
 */
export const VARIANTS = {
  'csv-valid': { weight: 30, make: (rng) => ({ ext: '.csv', bytes: csvWith([...consistentValues(rng).values()].map(String)) }) },
  'csv-as-written': {
    weight: 10,
    make: (rng) => ({ ext: '.csv', bytes: csvWith([...consistentValues(rng)].map(([p, v]) => asWritten(rng, p, v))) }),
  },
  'csv-blanks': {
    weight: 5,
    make: (rng) => ({ ext: '.csv', bytes: csvWith([...consistentValues(rng).values()].map((v) => (v === 0 && rng.next() < 0.3 ? rng.pick(['', '/', '—']) : String(v)))) }),
  },
  'csv-arithmetic-error': {
    weight: 10,
    make: (rng) => {
      const texts = [...consistentValues(rng).values()].map(String);
      const i = 10 + rng.int(175);
      texts[i] = String(Number(texts[i]) + 1 + rng.int(5));
      return { ext: '.csv', bytes: csvWith(texts) };
    },
  },
  'csv-text-in-cell': {
    weight: 5,
    make: (rng) => {
      const texts = [...consistentValues(rng).values()].map(String);
      texts[rng.int(200)] = rng.pick(['约3', '三', 'n/a?', '1.2.3', '十件']);
      return { ext: '.csv', bytes: csvWith(texts) };
    },
  },
  'csv-gbk': { weight: 8, make: (rng) => ({ ext: '.csv', bytes: encodeGbk(csvWith([...consistentValues(rng).values()].map(String))) }) },
  'csv-utf8-bom': { weight: 3, make: (rng) => ({ ext: '.csv', bytes: `\ufeff${csvWith([...consistentValues(rng).values()].map(String))}` }) },
  'csv-utf16le': { weight: 2, make: (rng) => ({ ext: '.csv', bytes: utf16(csvWith([...consistentValues(rng).values()].map(String)), false) }) },
  'csv-utf16be': { weight: 2, make: (rng) => ({ ext: '.csv', bytes: utf16(csvWith([...consistentValues(rng).values()].map(String)), true) }) },
  'csv-unclosed-quote': {
    weight: 1,
    make: (rng) => ({ ext: '.csv', bytes: csvWith([...consistentValues(rng).values()].map(String)).replace('行政许可,', '"行政许可,') }),
  },
  'csv-duplicated-rows': {
    weight: 2,
    make: (rng) => {
      const lines = csvWith([...consistentValues(rng).values()].map(String)).split('\n');
      const at = 25 + rng.int(20);
      lines.splice(at, 0, lines[at]);
      return { ext: '.csv', bytes: lines.join('\n') };
    },
  },
  'csv-missing-columns': {
    weight: 2,
    make: (rng) => {
      const lines = csvWith([...consistentValues(rng).values()].map(String)).split('\n');
      const at = 25 + rng.int(20);
      lines[at] = lines[at].split(',').slice(0, -2).join(',');
      return { ext: '.csv', bytes: lines.join('\n') };
    },
  },
  binary: { weight: 1, make: (rng) => ({ ext: '.csv', bytes: Uint8Array.from({ length: 2048 }, () => rng.int(256)) }) },
  empty: { weight: 1, make: () => ({ ext: '.csv', bytes: '' }) },
  'json-valid': { weight: 12, make: (rng) => ({ ext: '.json', bytes: jsonWith(consistentValues(rng)) }) },
  'json-arithmetic-error': {
    weight: 4,
    make: (rng) => {
      const values = consistentValues(rng);
      values.set('/requests/newReceived/natural', values.get('/requests/newReceived/natural') + 1);
      return { ext: '.json', bytes: jsonWith(values) };
    },
  },
  'json-proto-keys': {
    weight: 1,
    make: (rng) => ({ ext: '.json', bytes: jsonWith(consistentValues(rng)).replace('{', '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } },') }),
  },
  'json-syntax-error': { weight: 1, make: (rng) => ({ ext: '.json', bytes: jsonWith(consistentValues(rng)).slice(0, 300 + rng.int(1000)) }) },
  // The published kinds: the seed as text and as a page (UTF-8 and GBK), published reports as
  // text, and the seed workbook; with a number changed, as an arithmetic error.
  'txt-seed': { weight: 4, make: () => ({ ext: '.txt', bytes: SEED_TXT }) },
  'txt-arithmetic-error': { weight: 2, make: (rng) => ({ ext: '.txt', bytes: SEED_TXT.replace(/\| 2 \|/, `| ${3 + rng.int(5)} |`) }) },
  'txt-real': { weight: 3, make: (rng) => ({ ext: '.txt', bytes: rng.pick(REAL_TXT) }) },
  'html-seed': { weight: 3, make: () => ({ ext: '.html', bytes: SEED_HTML }) },
  'html-gbk': { weight: 1, make: () => ({ ext: '.html', bytes: SEED_HTML_GBK }) },
  'html-arithmetic-error': { weight: 1, make: (rng) => ({ ext: '.html', bytes: SEED_HTML.replace(/>2</, `>${3 + rng.int(5)}<`) }) },
  xlsx: { weight: 1, make: () => ({ ext: '.xlsx', bytes: SEED_XLSX }) },
};

/** The input kind of a variant, for `--kinds`: its file extension (binary and empty files are CSV). */
const kindOf = (name) => (/^(json|txt|html|xlsx)/.exec(name)?.[1] ?? 'csv').replace('txt', 'text');

/** Writes `count` reports into `dir` (files named by number and variant); returns the names. */
export function generate(dir, count, seed = 2021, kinds = undefined) {
  mkdirSync(dir, { recursive: true });
  const rng = random(seed);
  const names = Object.keys(VARIANTS).filter((name) => !kinds || kinds.includes(kindOf(name)));
  const total = names.reduce((sum, name) => sum + VARIANTS[name].weight, 0);
  const files = [];
  for (let i = 0; i < count; i++) {
    let r = rng.int(total);
    const name = names.find((n) => (r -= VARIANTS[n].weight) < 0);
    const { ext, bytes } = VARIANTS[name].make(rng);
    const file = join(dir, `${String(i).padStart(5, '0')}-${name}${ext}`);
    writeFileSync(file, bytes);
    files.push(file);
  }
  return files;
}

/** One file of one variant, for the single-file measurements. */
export function generateOne(dir, variant, seed = 1) {
  mkdirSync(dir, { recursive: true });
  const { ext, bytes } = VARIANTS[variant].make(random(seed));
  const file = join(dir, `${variant}${ext}`);
  writeFileSync(file, bytes);
  return file;
}
