/**
 * The engine gives the same findings for the same records whether they arrive as a JSON array, NDJSON or
 * CSV: checked on every example of every version in the library (except those whose point is a JSON type
 * that CSV cannot carry, such as a number where a string is due, and those whose point is a field the
 * standard does not have, which CSV reports once for the file as a header finding). The CSV is written
 * in the version's dialect (delimiter, and every column in order when its header rule is exact).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary, type Library } from '../src/registry/library.js';
import { bundledStandardsDir } from '../src/registry/bundled.js';
import { validateStream } from '../src/validation/validate.js';
import { FILE_FORMAT_RULE } from '../src/validation/file-format.js';
import type { Finding, InputFormat } from '../src/validation/report-types.js';
import type { CsvLayout } from '../src/validation/readers/csv-dialect.js';

interface Example {
  record: Record<string, unknown>;
  expect?: { rule: string }[];
}

function flatten(record: Record<string, unknown>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = String(value);
  }
  return out;
}

function toCsv(records: Record<string, unknown>[], layout: CsvLayout): string {
  const { delimiter, header: rule } = layout.dialect;
  const quote = (cell: string): string => (/["\n\r]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const rows = records.map((r) => flatten(r));
  const header = rule === 'exact' ? [...layout.fields] : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [header.map(quote).join(delimiter), ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(delimiter))].join('\r\n') + '\r\n';
}

const NOT_A_FIELD = new Set(['additionalProperties', 'unevaluatedProperties']);

const representable = (value: unknown): boolean =>
  value !== null && !Array.isArray(value) && (typeof value !== 'object' || Object.values(value).every(representable)) && value !== '';

let library: Library;
beforeAll(async () => {
  library = await loadLibrary(bundledStandardsDir());
});

// Lines differ between formats (in findings and the summary's firstLines), and only a CSV finding (and summary) has spreadsheet rows.
// A message naming an earlier record says where it is ("record 1 (line 2, row 2)"): that part differs too.
const withoutLine = (findings: Finding[]) =>
  findings.map(({ line: _line, row: _row, message, ...rest }) => ({ ...rest, message: message.replace(/ \(line \d+(, row \d+)?\)/g, '') }));

describe('JSON, NDJSON and CSV give the same findings', () => {
  it('for every example in the library', async () => {
    let compared = 0;
    for (const standard of library.standards.values()) {
      for (const version of standard.versions) {
        const file = join(standard.dir, 'examples', `${version.version}.yaml`);
        const { valid, invalid } = parse(await readFile(file, 'utf8')) as { valid: Example[]; invalid: Example[] };
        const records = [...valid, ...invalid]
          .filter((e) => !e.expect?.some((x) => x.rule === 'type' || NOT_A_FIELD.has(x.rule)) && representable(e.record))
          .map((e) => e.record);
        const inputs: Record<InputFormat, string> = {
          json: JSON.stringify(records, null, 2),
          ndjson: records.map((r) => JSON.stringify(r)).join('\n') + '\n',
          csv: toCsv(records, version.compiled.csvLayout),
        };
        const reports = await Promise.all(
          (Object.keys(inputs) as InputFormat[]).map((format) => validateStream([Buffer.from(inputs[format])], version.compiled, { format })),
        );
        const where = `${standard.meta.id}@${version.version}`;
        // A standard whose files are CSV only (the batch file's .csv or .dat) warns once that a JSON or NDJSON
        // file is not one of its files (file-format.ts): the one difference the format may make.
        const csvOnly = version.compiled.fileNameRule !== undefined && !version.compiled.fileNameRule.extensions.some((e) => /^(json|ndjson|jsonl)$/i.test(e));
        expect(
          reports.map((r) => r.findings.filter((f) => f.rule === FILE_FORMAT_RULE).length),
          where,
        ).toEqual(csvOnly ? [1, 1, 0] : [0, 0, 0]);
        const [json, ndjson, csv] = reports.map((r) => {
          const formatFindings = r.findings.filter((f) => f.rule === FILE_FORMAT_RULE).length;
          return {
            stats: { ...r.stats, findings: r.stats.findings - formatFindings, bytes: 0, seconds: 0 },
            findings: withoutLine(r.findings.filter((f) => f.rule !== FILE_FORMAT_RULE)),
            summary: r.summary.filter((e) => e.rule !== FILE_FORMAT_RULE).map(({ firstRows: _rows, firstLines: _lines, ...s }) => s),
          };
        });
        expect(json!.stats.records, where).toBe(records.length);
        expect(json!.findings.length, where).toBeGreaterThan(0);
        expect(ndjson, where).toEqual(json);
        expect(csv, where).toEqual(json);
        compared += records.length;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });
});
