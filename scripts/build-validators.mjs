// Compiles each committed JSON Schema into a standalone ajv validator in dist/, so that the CLI
// does not pay for compiling schemas at start-up.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const schemas = new URL('../schemas/', import.meta.url);
const out = new URL('../dist/validate/generated/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const name of readdirSync(schemas).filter((n) => /^report-\d+\.schema\.json$/.test(n))) {
  const schema = JSON.parse(readFileSync(new URL(name, schemas), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: true } });
  const code = standaloneCode.default(ajv, ajv.compile(schema));
  writeFileSync(new URL(name.replace('.schema.json', '.js'), out), code);
}
