/**
 * A JSON or NDJSON file sent to a version whose file-name convention names its files by other extensions
 * (the immunisation batch file's .csv or .dat: pipe-delimited, every cell text) gets one warning about the
 * file (rule file-format), saying what the standard's files are and how to read the row findings, which
 * are made on the JSON values. A CSV file, or a version without a convention, or one whose convention
 * names JSON files, gets none.
 */
import { describe, expect, it } from 'vitest';
import { compile, run } from './helpers.js';

const convention = (extensions: string[]) => ({
  description: '{VACC}_{n}',
  upperCase: true,
  extensions,
  separator: '_',
  parts: [{ name: 'vaccineType' }, { name: 'n' }],
});
const schema = (extensions?: string[]) =>
  compile({
    type: 'object',
    properties: { id: { type: 'string' }, dose: { type: 'integer' } },
    ...(extensions ? { 'x-file-name': convention(extensions) } : {}),
  });

describe('file-format: JSON sent to a standard whose files are CSV', () => {
  it('is one warning about the file, naming the formats, on JSON and NDJSON alike; the records are still checked', async () => {
    const version = schema(['CSV', 'DAT']);
    for (const [format, data, name] of [
      ['ndjson', '{"id":"A","dose":"1"}\n', 'NDJSON'],
      ['json', '[{"id":"A","dose":"1"}]', 'JSON'],
    ] as const) {
      const report = await run([data], version, { format });
      const file = report.findings.filter((f) => f.record === 0);
      expect(file.map((f) => [f.rule, f.severity])).toEqual([['file-format', 'warning']]);
      expect(file[0]!.message).toMatch(new RegExp(`^this standard's files are \\.csv or \\.dat files \\(CSV, where every cell is text\\), not ${name}: `));
      expect(file[0]!.message).toContain('send the records as a CSV file in the standard');
      expect(report.findings.filter((f) => f.record === 1).map((f) => [f.path, f.rule])).toEqual([['/dose', 'type']]);
    }
  });

  it('is not made for a CSV file, a version without a convention, or one whose files may be JSON', async () => {
    expect((await run(['id,dose\nA,1\n'], schema(['CSV', 'DAT']), { format: 'csv' })).findings).toEqual([]);
    expect((await run(['{"id":"A","dose":1}\n'], schema(), { format: 'ndjson' })).findings).toEqual([]);
    expect((await run(['{"id":"A","dose":1}\n'], schema(['json', 'ndjson']), { format: 'ndjson' })).findings).toEqual([]);
    expect((await run(['{"id":"A","dose":1}\n'], schema(['JSONL']), { format: 'ndjson' })).findings).toEqual([]);
  });
});
