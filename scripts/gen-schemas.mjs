// Writes schemas/report-<format>.schema.json from the table definition (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { FORMAT_VERSIONS, formatDef } from '../dist/tables/index.js';
import { reportSchema } from '../dist/validate/schema.js';

for (const version of FORMAT_VERSIONS) {
  const file = new URL(`../schemas/report-${version}.schema.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(reportSchema(formatDef(version)), null, 2)}\n`);
  console.log(`wrote ${file.pathname}`);
}
