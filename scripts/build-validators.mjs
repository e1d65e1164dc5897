// Compiles each committed JSON Schema into a standalone ajv validator in dist/, so that the CLI
// does not pay for compiling schemas at start-up.
//
// The schema spells out every row of the tables; compiled as it is, ajv inlines all of them into
// one function of ~500 KB that costs ~20 ms to load and compile on every start. Rows of the same
// shape are therefore moved to `definitions` and compiled once each (`inlineRefs: false`): the
// same checks and the same errors (instancePath, keyword, params), a tenth of the code.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** Replaces each object subschema whose properties are all `$ref`s (a table row) by a shared one. */
function shareRows(schema) {
  const definitions = { ...schema.definitions };
  const names = new Map();
  const visit = (node) => {
    if (!node || typeof node !== 'object' || !node.properties) return node;
    const values = Object.values(node.properties);
    if (values.length > 0 && values.every((v) => v && typeof v.$ref === 'string')) {
      const key = JSON.stringify(node);
      if (!names.has(key)) {
        const name = `row${names.size}`;
        names.set(key, name);
        definitions[name] = node;
      }
      return { $ref: `#/definitions/${names.get(key)}` };
    }
    return { ...node, properties: Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, visit(v)])) };
  };
  return { ...visit(schema), definitions };
}

const schemas = new URL('../schemas/', import.meta.url);
const out = new URL('../dist/validate/generated/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const name of readdirSync(schemas).filter((n) => /^report-\d+\.schema\.json$/.test(n))) {
  const schema = shareRows(JSON.parse(readFileSync(new URL(name, schemas), 'utf8')));
  const ajv = new Ajv({ allErrors: true, strict: true, inlineRefs: false, code: { source: true, esm: true } });
  const code = standaloneCode.default(ajv, ajv.compile(schema));
  writeFileSync(new URL(name.replace('.schema.json', '.js'), out), code);
}
