import type { CellKind, FormatDef } from '../tables/index.js';
import { tokens } from '../pointer.js';

type Schema = Record<string, unknown>;

const CELL: Record<CellKind, Schema> = {
  count: { type: ['integer', 'null'], minimum: 0 },
  amount: { type: ['number', 'null'], minimum: 0 },
  delta: { type: ['integer', 'null'] },
};

const objectSchema = (): Schema => ({ type: 'object', additionalProperties: false, required: [], properties: {} });

/**
 * The JSON Schema of a format's canonical report, derived from the table definition so that the
 * locator, the schema and the messages cannot disagree. `npm run schemas` writes it to schemas/.
 */
export function reportSchema(format: FormatDef): Schema {
  const root = objectSchema();
  root.$schema = 'http://json-schema.org/draft-07/schema#';
  root.$id = `https://disclosure-check.invalid/schemas/report-${format.version}.schema.json`;
  root.title = `政府信息公开工作年度报告 (${format.version} format)`;
  const props = root.properties as Record<string, Schema>;
  props.$schema = { type: 'string' };
  props.format = { const: format.version };
  props.agency = { type: 'string' };
  props.year = { type: 'integer', minimum: 1900, maximum: 2200 };
  for (const table of format.tables) {
    for (const row of table.rows) {
      let node = root;
      for (const key of tokens(row.pointer)) {
        const properties = node.properties as Record<string, Schema>;
        if (!properties[key]) {
          properties[key] = objectSchema();
          (node.required as string[]).push(key);
        }
        node = properties[key]!;
      }
      for (const column of row.columns) {
        (node.properties as Record<string, Schema>)[column.key] = { $ref: `#/definitions/${column.kind}` };
        (node.required as string[]).push(column.key);
      }
    }
  }
  root.definitions = CELL;
  return root;
}
