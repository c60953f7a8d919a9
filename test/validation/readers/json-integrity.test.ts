import { describe, expect, it } from 'vitest';
import {
  DUPLICATE_KEY_MESSAGE,
  LONE_SURROGATE_KEY_MESSAGE,
  LONE_SURROGATE_MESSAGE,
  membersInBytes,
  membersInText,
  recordProblems,
  TOO_DEEP,
} from '../../../src/validation/readers/json-integrity.js';
import { MAX_RECORD_DEPTH } from '../../../src/validation/readers/types.js';
import { repeatedKeys } from '../../../src/validation/json-duplicates.js';
import { compile, err, PERSON_SCHEMA, run } from '../helpers.js';

/** A record's problems, when it is within the nesting limit (the tests below of a deeper one call recordProblems). */
function readable(found: ReturnType<typeof recordProblems>) {
  if (found === TOO_DEEP) throw new Error('the record is deeper than the limit');
  return found;
}
const problems = (text: string) => readable(recordProblems(text, JSON.parse(text)));
const paths = (text: string) => problems(text)?.map((p) => `${p.rule} ${p.path}`);

describe('recordProblems: keys given twice', () => {
  it('names each repeated key by its pointer, nested objects and arrays too, however the text is spaced', () => {
    expect(paths('{"nhsNumber":"9434765919","nhsNumber":"x"}')).toEqual(['json-duplicate-key /nhsNumber']);
    expect(paths('{"a":{"b":1,"b":2},"c":[{"d":1},{"d":1,"d":1,"d":3}]}')).toEqual(['json-duplicate-key /a/b', 'json-duplicate-key /c/1/d']);
    expect(paths('{ "a" : 1 ,\n "a" : 1 }')).toEqual(['json-duplicate-key /a']);
    expect(paths('{"a":1,"\\u0061":1}')).toEqual(['json-duplicate-key /a']);
    expect(paths('{"a/b":{"~":1,"~":2}}')).toEqual(['json-duplicate-key /a~1b/~0']);
    expect(problems('{"a":1,"a":2}')).toEqual([{ path: '/a', rule: 'json-duplicate-key', message: DUPLICATE_KEY_MESSAGE }]);
  });

  it('finds a repeat whatever else makes the text long or short: escapes, white space, numbers spelt short, deep nesting', () => {
    // 1e3 is shorter than 1000: the count from the value must never exceed the text, or a repeat could hide behind it.
    expect(paths(`{"n":[${'1e3,'.repeat(40)}1e3],"a":1,"a":1}`)).toEqual(['json-duplicate-key /a']);
    expect(paths(`{"n":[${'5e-1,'.repeat(40)}1E21],"a":"x","a":"y"}`)).toEqual(['json-duplicate-key /a']);
    // The repeat in the deepest object a record may have.
    const deep = `${'{"x":'.repeat(MAX_RECORD_DEPTH - 1)}{"a":1,"a":2}${'}'.repeat(MAX_RECORD_DEPTH - 1)}`;
    expect(paths(deep)).toEqual([`json-duplicate-key ${'/x'.repeat(MAX_RECORD_DEPTH - 1)}/a`]);
  });

  it('finds none in records whose values look like keys: quotes and colons in strings, escapes, formatted text', () => {
    for (const text of [
      '{"a":"x\\":1,\\"a\\":2","b":"\\"a\\":"}',
      '{"a":{"a":{"a":1}},"b":[{"a":1},{"a":1}]}',
      '{"a": 1, "b": [1, 2], "c": {"d": null}}',
      '  {"a":1}\r\n',
      '{"a":1000,"b":0.05,"c":-1.5,"d":1e21,"e":1.0,"f":-0,"g":true,"h":false,"i":null,"j":[],"k":{},"l":""}',
      '{"a":"\\\\ud800","b":"\\ud83d\\ude00","c":"caf\u00e9 \ud83d\ude00"}',
      '"a string record"',
      `${'['.repeat(MAX_RECORD_DEPTH)}${']'.repeat(MAX_RECORD_DEPTH)}`,
    ])
      expect(problems(text)).toBeUndefined();
  });

  it('agrees with the full scan on records built at random with repeats, escapes and spacing', () => {
    let seed = 7; // mulberry32
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const keys = ['a', 'b', '\\u0061', 'c\\"', 'd\\"e', 'x:y'];
    const values = ['1', '1e3', '0.5', '"s"', '"\\":"', 'true', 'null', '[]', '{}', '"\\u00e9"'];
    const value = (depth: number): string => {
      const kind = depth < 3 ? random(4) : 3;
      if (kind === 0) return `[${Array.from({ length: random(3) }, () => value(depth + 1)).join(random(2) ? ',' : ', ')}]`;
      if (kind === 1 || kind === 2)
        return `{${Array.from({ length: random(4) }, () => `"${keys[random(keys.length)]}"${random(4) ? ':' : ' : '}${value(depth + 1)}`).join(',')}}`;
      return values[random(values.length)]!;
    };
    let repeats = 0;
    for (let i = 0; i < 3000; i++) {
      const text = `{${Array.from({ length: 1 + random(4) }, () => `"${keys[random(keys.length)]}":${value(0)}`).join(',')}}`;
      const expected = repeatedKeys(text).map((r) => `json-duplicate-key ${r.pointer}`);
      repeats += expected.length;
      expect(paths(text) ?? [], text).toEqual(expected);
      // The same from the text's bytes, with other bytes around them (as a reader's chunk has).
      const bytes = Buffer.from(`:"${text}":`);
      expect(readable(recordProblems(text, JSON.parse(text), bytes, 2, bytes.length - 2))?.map((p) => `${p.rule} ${p.path}`) ?? [], text).toEqual(expected);
    }
    expect(repeats).toBeGreaterThan(500);
  });

  it('counts a text’s members as its colons outside strings, in its characters or its bytes', () => {
    const text = '{"a:":"b:\\":","c":{"d":[1,{"é:":2}]}}';
    expect(membersInText(text)).toBe(4);
    expect(membersInBytes(Buffer.from(text), 0, Buffer.byteLength(text))).toBe(4);
  });
});

describe('recordProblems: nesting', () => {
  /** Objects and arrays taking turns, `levels` of them, with `inner` in the deepest. */
  const nested = (levels: number, inner = '1'): string => {
    let text = inner;
    for (let i = levels; i > 0; i--) text = i % 2 === 0 ? `[0,${text}]` : `{"k":${text},"s":"x"}`;
    return text;
  };
  const depthOf = (text: string) => recordProblems(text, JSON.parse(text));

  it('is TOO_DEEP past MAX_RECORD_DEPTH levels of objects and arrays, and not at it', () => {
    expect(MAX_RECORD_DEPTH).toBe(64);
    expect(depthOf(nested(MAX_RECORD_DEPTH))).toBeUndefined();
    expect(depthOf(nested(MAX_RECORD_DEPTH - 1, '{}'))).toBeUndefined();
    expect(depthOf(nested(MAX_RECORD_DEPTH, '"a string is no level"'))).toBeUndefined();
    expect(depthOf(nested(MAX_RECORD_DEPTH + 1))).toBe(TOO_DEEP);
    expect(depthOf(nested(MAX_RECORD_DEPTH, '{}'))).toBe(TOO_DEEP);
    expect(depthOf(nested(MAX_RECORD_DEPTH, '[]'))).toBe(TOO_DEEP);
    expect(depthOf(nested(10_000))).toBe(TOO_DEEP);
    // The depth of the deepest branch, wherever it is, and whatever the text's spacing or faults.
    expect(depthOf(`{"a":1,"b":[${nested(MAX_RECORD_DEPTH - 2)}],"c":2}`)).toBeUndefined();
    expect(depthOf(`{"a":1,"b":[${nested(MAX_RECORD_DEPTH - 1)}],"c":2}`)).toBe(TOO_DEEP);
    expect(depthOf(`{ "a" : 1, "a" : [ ${nested(MAX_RECORD_DEPTH - 1)} ] }`)).toBe(TOO_DEEP);
    // Within the limit, a repeat or an unpaired surrogate at the deepest level is still found.
    const repeat = nested(MAX_RECORD_DEPTH - 1, '{"a":1,"a":2}');
    expect(readable(recordProblems(repeat, JSON.parse(repeat)))?.map((p) => p.rule)).toEqual(['json-duplicate-key']);
    const surrogate = nested(MAX_RECORD_DEPTH, '"\\ud800"');
    expect(readable(recordProblems(surrogate, JSON.parse(surrogate)))?.map((p) => p.rule)).toEqual(['json-lone-surrogate']);
  });
});

describe('recordProblems: unpaired surrogates', () => {
  it('names each value and key holding one, high or low, in either case of escape', () => {
    const text = '{"a":"x\\ud800y","b":"\\uDC00","c":["ok","\\udbff"],"\\uDfFf":1,"d":{"e":"\\ud83d\\ude00\\ud83d"}}';
    expect(problems(text)).toEqual([
      { path: '/a', rule: 'json-lone-surrogate', message: LONE_SURROGATE_MESSAGE },
      { path: '/b', rule: 'json-lone-surrogate', message: LONE_SURROGATE_MESSAGE },
      { path: '/c/1', rule: 'json-lone-surrogate', message: LONE_SURROGATE_MESSAGE },
      { path: '/\udfff', rule: 'json-lone-surrogate', message: LONE_SURROGATE_KEY_MESSAGE },
      { path: '/d/e', rule: 'json-lone-surrogate', message: LONE_SURROGATE_MESSAGE },
    ]);
  });

  it('finds none in pairs, in a backslash followed by "ud800", or in other escapes', () => {
    expect(problems('{"a":"\\ud83d\\ude00","b":"\\\\ud800","c":"\\u00e9\\n\\t"}')).toBeUndefined();
  });
});

describe('the engine reports them as findings, the record validated all the same', () => {
  const person = compile(PERSON_SCHEMA);
  const lines = [
    '{"id":"a","nhsNumber":"9434765919","nhsNumber":"x"}',
    '{"id":"b","address":{"town":"T","town":"U"},"age":-1}',
    '{"id":"c\\ud800","name":"\\udc00"}',
    '{"id":"d","name":"\\ud83d\\ude00"}',
  ];
  const expected = [
    err(1, 1, '/nhsNumber', 'json-duplicate-key', DUPLICATE_KEY_MESSAGE),
    // The value JSON.parse kept (the last) is validated too.
    err(
      1,
      1,
      '/nhsNumber',
      'format',
      'must be a valid NHS number (10 digits with a Modulus 11 check digit); it has characters other than digits: write it as 10 digits with no spaces',
    ),
    err(2, 2, '/address/town', 'json-duplicate-key', DUPLICATE_KEY_MESSAGE),
    err(2, 2, '/age', 'minimum', 'must be at least 0'),
    err(3, 3, '/id', 'json-lone-surrogate', LONE_SURROGATE_MESSAGE),
    err(3, 3, '/name', 'json-lone-surrogate', LONE_SURROGATE_MESSAGE),
  ];

  it('in NDJSON', async () => {
    const report = await run([`${lines.join('\n')}\n`], person, { format: 'ndjson' });
    expect(report.findings).toEqual(expected);
    expect(report.stats).toMatchObject({ records: 4, valid: 1, invalid: 3, findings: 6 });
    expect(report.summary.find((s) => s.rule === 'json-duplicate-key' && s.path === '/nhsNumber')).toMatchObject({ count: 1, firstRecords: [1] });
    expect(JSON.stringify(report)).not.toContain('9434765919');
  });

  it('in a JSON array, pretty-printed or not', async () => {
    const compact = await run([`[${lines.join(',')}]`], person, { format: 'json' });
    const pretty = await run([`[\n  ${lines.join(',\n  ')}\n]\n`], person, { format: 'json' });
    const lineless = (findings: readonly { record: number; path: string; rule: string }[]) => findings.map((f) => `${f.record} ${f.path} ${f.rule}`);
    expect(lineless(compact.findings)).toEqual(lineless(expected));
    expect(pretty.findings.map((f) => `${f.record} ${f.path} ${f.rule}`)).toEqual(expected.map((f) => `${f.record} ${f.path} ${f.rule}`));
  });
});
