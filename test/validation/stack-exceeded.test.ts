/**
 * A record nested deeper than a recursive version's validator can follow on the calling thread's stack
 * (the CLI's, or a service with no worker pool): the run ends with StackExceeded, which the services
 * answer as a 422 naming the validation stack, never V8's RangeError; the same compiled version then
 * validates other files as before.
 */
import { describe, expect, it } from 'vitest';
import { StackExceeded } from '../../src/validation/errors.js';
import { compile, run } from './helpers.js';

const fields: Record<string, object> = { a: { $ref: '#/$defs/node' } };
for (let i = 0; i < 100; i++) fields[`p${i}`] = { type: 'string', pattern: `^x${i}$`, maxLength: 5 };
const version = compile({ $defs: { node: { type: 'object', properties: fields } }, $ref: '#/$defs/node' });
const nested = (levels: number): string => '{"a":'.repeat(levels) + '{}' + '}'.repeat(levels);

describe('a record too deep for the stack of the thread validating it', () => {
  it('ends the run with StackExceeded, in each format, and the version validates the next file as before', async () => {
    const deep = nested(5000);
    const inputs = [
      ['ndjson', `{}\n${deep}\n`],
      ['json', `[{},${deep}]`],
      ['csv', `${Array.from({ length: 5001 }, () => 'a').join('.')}\n1\n`],
    ] as const;
    for (const [format, text] of inputs) {
      const failure = await run([text], version, { format }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure, format).toBeInstanceOf(StackExceeded);
      expect((failure as StackExceeded).maxMiB).toBeUndefined();
    }
    const report = await run([`${nested(100)}\n{"p1":"nope"}\n`], version, { format: 'ndjson' });
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
    expect(report.findings.map((f) => [f.record, f.path])).toEqual([[2, '/p1']]);
  });
});
