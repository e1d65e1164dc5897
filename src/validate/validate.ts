import { readFileSync } from 'node:fs';
import type { Finding, LocatedReport, SourcePos } from '../model.js';
import { formatDef, labelOf, cells, type FormatDef, type FormatVersion, type RowDef } from '../tables/index.js';
import { getAt } from '../pointer.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const validators = new Map<FormatVersion, Validator>();

/**
 * The validator generated at build time (ajv standalone, in dist/), or, when running from source,
 * the schema compiled on first use.
 */
async function validatorFor(version: FormatVersion): Promise<Validator> {
  let validate = validators.get(version);
  if (validate) return validate;
  try {
    // A template literal, not a URL: esbuild bundles every generated validator (a glob import).
    const generated = (await import(`./generated/report-${version}.js`)) as { default: Validator };
    validate = generated.default;
  } catch {
    const { Ajv } = await import('ajv');
    const schema = JSON.parse(readFileSync(new URL(`../../schemas/report-${version}.schema.json`, import.meta.url), 'utf8'));
    validate = new Ajv({ allErrors: true, strict: true }).compile(schema) as Validator;
  }
  validators.set(version, validate);
  return validate;
}

/** Checks the report against its format's JSON Schema; errors become findings in the table's words. */
export async function validate(report: LocatedReport): Promise<Finding[]> {
  const validate = await validatorFor(report.format);
  if (validate(report.data)) return [];
  return (validate.errors ?? []).map((error) => toFinding(error, report));
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function toFinding(error: AjvError, report: LocatedReport): Finding {
  const format = formatDef(report.format);
  const tableIds = new Set(format.tables.map((t) => `/${t.id}`));
  const location = (pointer: string) => {
    const at = placeOf(report, format, pointer);
    return at ? { location: at } : {};
  };
  const words = (pointer: string) => labelOf(format, pointer);

  if (error.keyword === 'required') {
    const pointer = `${error.instancePath}/${escape(String(error.params.missingProperty))}`;
    const label = words(pointer);
    const isCell = cells(format).has(pointer);
    const rule = tableIds.has(pointer) ? 'structure.missing-table' : isCell ? 'schema.missing-cell' : 'structure.missing-row';
    const what = tableIds.has(pointer) ? ['表格', 'table'] : isCell ? ['单元格', 'cell'] : ['行', 'row'];
    return {
      rule,
      severity: 'error',
      message: { zh: `缺少${what[0]}“${label.zh}”`, en: `the ${what[1]} "${label.en}" is missing` },
      cells: [pointer],
      ...location(pointer),
    };
  }
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    const pointer = `${error.instancePath}/${escape(key)}`;
    return {
      rule: 'schema.unknown-key',
      severity: 'error',
      message: { zh: `未知的键“${key}”（位于 ${error.instancePath || '/'}）`, en: `unknown key "${key}" at ${error.instancePath || '/'}` },
      cells: [pointer],
      ...location(pointer),
    };
  }
  const pointer = error.instancePath;
  const value = getAt(report.data, pointer);
  const label = words(pointer);
  const raw = report.raw.get(pointer) ?? (typeof value === 'string' ? value : JSON.stringify(value));
  const base = { severity: 'error' as const, cells: [pointer], ...location(pointer) };
  if (cells(format).has(pointer)) {
    const kind = cells(format).get(pointer)!.column.kind;
    if (typeof value === 'string')
      return {
        ...base,
        rule: 'value.not-a-number',
        message: { zh: `${label.zh}：“${raw}”不是数字`, en: `${label.en}: "${raw}" is not a number` },
        raw,
      };
    if (typeof value === 'number' && value < 0 && error.keyword === 'minimum')
      return {
        ...base,
        rule: 'value.negative',
        message: { zh: `${label.zh}为 ${value}，不能为负数`, en: `${label.en} is ${value}; it cannot be negative` },
        actual: value,
      };
    if (typeof value === 'number' && kind !== 'amount')
      return {
        ...base,
        rule: 'value.not-integer',
        message: { zh: `${label.zh}为 ${value}，件数应为整数`, en: `${label.en} is ${value}; a count must be a whole number` },
        actual: value,
      };
    return {
      ...base,
      rule: 'value.not-a-number',
      message: { zh: `${label.zh}：${raw} 不是数字`, en: `${label.en}: ${raw} is not a number` },
      raw,
    };
  }
  if (pointer === '/format')
    return {
      ...base,
      rule: 'schema.format-version',
      message: { zh: `格式版本 ${raw} 与表格不符`, en: `format ${raw} does not match the tables` },
    };
  const found = typeof value === 'string' ? JSON.stringify(value) : raw; // "2021", the string, is not 2021
  return {
    ...base,
    rule: 'schema.type',
    message: {
      zh: `“${label.zh}”应为${error.keyword === 'type' ? String(error.params.type) : error.keyword}，实为 ${found}`,
      en: `"${label.en}" must be ${error.keyword === 'type' ? String(error.params.type) : error.keyword}; found ${found}`,
    },
  };
}

/**
 * Where a finding about `pointer` is in the file: its own place, or the nearest enclosing one the
 * reader recorded (a JSON object's). A row or a group a spreadsheet or a page does not have at all
 * (its cells are the only places recorded there) is placed at the row read just before it in its
 * table, or else just after it: where it should have been.
 */
function placeOf(report: LocatedReport, format: FormatDef, pointer: string): SourcePos | undefined {
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const at = report.sources.get(p);
    if (at) return at;
  }
  const under = (row: RowDef, p: string) => row.pointer === p || row.pointer.startsWith(`${p}/`) || p.startsWith(`${row.pointer}/`);
  const table = format.tables.find((t) => t.rows.some((row) => under(row, pointer)));
  if (!table) return undefined;
  const rowAt = (row: RowDef | undefined) => row && row.columns.map((c) => report.sources.get(`${row.pointer}/${c.key}`)).find((at) => at !== undefined);
  const first = table.rows.findIndex((row) => under(row, pointer));
  const own = table.rows.filter((row) => under(row, pointer));
  // its own rows first (a cell missing from a row that is there), then the rows before it, nearest first, then after
  const order = [...own, ...table.rows.slice(0, first).reverse(), ...table.rows.slice(first + own.length)];
  for (const row of order) {
    const at = rowAt(row);
    if (at) return at;
  }
  return undefined;
}
