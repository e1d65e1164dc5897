/**
 * Workbooks written by hand for the XLSX reader's tests: a tiny ZIP writer (deflated or stored
 * entries, sizes in the local header or in data descriptors after the data) and the few parts of
 * SpreadsheetML a workbook needs, so that a test says exactly what the file holds.
 */
import { deflateRawSync } from 'node:zlib';

/** CRC-32 (the ZIP polynomial), by table: independent of the zlib the reader uses. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipOptions {
  /** Method 0: entries stored as they are, not deflated. */
  store?: boolean;
  /** Zeros in the local headers, the sizes and CRC in a data descriptor after each entry's data (as streaming writers do). */
  descriptors?: boolean;
}

export function zip(entries: [name: string, content: string | Uint8Array][], options: ZipOptions = {}): Buffer {
  const method = options.store ? 0 : 8;
  const flags = options.descriptors ? 0x08 : 0;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const packed = options.store ? data : deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    if (!options.descriptors) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(packed.length, 18);
      local.writeUInt32LE(data.length, 22);
    }
    local.writeUInt16LE(nameBytes.length, 26);
    const parts = [local, nameBytes, packed];
    if (options.descriptors) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(packed.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
      parts.push(descriptor);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    locals.push(...parts);
    offset += parts.reduce((sum, part) => sum + part.length, 0);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface Sheet {
  name: string;
  /** The content of `<sheetData>`: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`… */
  rows: string;
  /** A chart sheet (a chart on a sheet of its own, no cells): `rows` is ignored. */
  chart?: true;
}

export interface WorkbookParts extends ZipOptions {
  /** The content of `<sst>`: `<si><t>…</t></si>`…; no shared strings part when absent. */
  sharedStrings?: string;
  /** The content of `<styleSheet>`; no styles part when absent. */
  styles?: string;
}

/** A workbook of the given sheets (worksheets/sheet1.xml, …), as Excel lays one out. */
export function workbook(sheets: Sheet[], parts: WorkbookParts = {}): Buffer {
  const relationship = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/>`;
  const relationships = sheets.map((sheet, i) =>
    sheet.chart ? relationship(`rId${i + 1}`, 'chartsheet', `chartsheets/sheet${i + 1}.xml`) : relationship(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`),
  );
  const entries: [string, string][] = sheets.map((sheet, i) =>
    sheet.chart
      ? [`xl/chartsheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><drawing r:id="rId1"/></chartsheet>`]
      : [
          `xl/worksheets/sheet${i + 1}.xml`,
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><dimension ref="A1"/><sheetData>${sheet.rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
        ],
  );
  if (parts.sharedStrings !== undefined) {
    relationships.push(relationship('rIdS', 'sharedStrings', 'sharedStrings.xml'));
    entries.push(['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}">${parts.sharedStrings}</sst>`]);
  }
  if (parts.styles !== undefined) {
    relationships.push(relationship('rIdT', 'styles', 'styles.xml'));
    entries.push(['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}">${parts.styles}</styleSheet>`]);
  }
  const sheetList = sheets.map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return zip(
    [
      ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
      ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>${sheetList}</sheets></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`],
      ...entries,
    ],
    parts,
  );
}
