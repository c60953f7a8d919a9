/**
 * The last line of defence: a record within the nesting limit (MAX_RECORD_DEPTH, 64 levels) that still
 * needs more stack than the calling thread has (a service or a CLI run with no pool threads; the CLI
 * otherwise validates a recursive version's file on a pool thread, as the service does:
 * test/parity/deep-record.test.ts). A recursive version's validator calls itself once a level, each
 * call's frame as large as the recursive schema's code: with 999 fields beside the recursive one (the most properties an object may have is 1,000), about
 * 30 levels fit V8's default stack of about 1 MiB. The run ends with StackExceeded, which the services
 * answer as a 422 naming the validation stack, never V8's RangeError; the same compiled version then
 * validates other files as before. A record deeper than the limit never reaches the validator: it is one
 * unreadable record (readers/record-depth.test.ts), however fat the schema.
 */
import { describe, expect, it } from 'vitest';
import { StackExceeded } from '../../src/validation/errors.js';
import { MAX_RECORD_DEPTH } from '../../src/validation/readers/types.js';
import { compile, run } from './helpers.js';

const fields: Record<string, object> = { a: { $ref: '#/$defs/node' } };
for (let i = 0; i < 999; i++) fields[`p${i}`] = { type: 'string', pattern: `^x${i}$`, maxLength: 5 };
const version = compile({ $defs: { node: { type: 'object', properties: fields } }, $ref: '#/$defs/node' });
const nested = (levels: number): string => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

describe('a record within the nesting limit but too deep for the stack of the thread validating it', () => {
  it('ends the run with StackExceeded, in each format, and the version validates the next file as before', async () => {
    const deep = nested(MAX_RECORD_DEPTH);
    const inputs = [
      ['ndjson', `{}\n${deep}\n`],
      ['json', `[{},${deep}]`],
      ['csv', `${Array.from({ length: MAX_RECORD_DEPTH - 1 }, () => 'a').join('.')}.p1\nnope\n`],
    ] as const;
    for (const [format, text] of inputs) {
      const failure = await run([text], version, { format }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure, format).toBeInstanceOf(StackExceeded);
      expect((failure as StackExceeded).maxMiB).toBeUndefined();
    }
    const report = await run([`${nested(10)}\n{"p1":"nope"}\n${nested(5_000)}\n`], version, { format: 'ndjson' });
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2 });
    expect(report.findings.map((f) => [f.record, f.path, f.rule])).toEqual([
      [2, '/p1', 'pattern'],
      [3, '', 'record-too-deep'],
    ]);
  });
});
