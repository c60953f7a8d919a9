import { describe, it, expect } from 'vitest';
import { validateValue } from '../../src/validation/validate.js';
import { compile, run } from './helpers.js';

const version = compile({
  type: 'object',
  required: ['ACTION_FLAG', 'UNIQUE_ID'],
  properties: { ACTION_FLAG: { type: 'string', format: 'action-flag' }, UNIQUE_ID: { type: 'string' }, PERSON_SURNAME: { type: 'string', maxLength: 35 } },
  allOf: [
    {
      'x-when': 'ACTION_FLAG is NEW or UPDATE',
      if: { required: ['ACTION_FLAG'], properties: { ACTION_FLAG: { type: 'string', pattern: '^(?:[Nn][Ee][Ww]|[Uu][Pp][Dd][Aa][Tt][Ee])$' } } },
      then: { required: ['PERSON_SURNAME'], properties: { PERSON_SURNAME: { type: 'string', minLength: 2 } } },
    },
  ],
});

describe('conditional rules name their condition (x-when)', () => {
  it('a field required for one action says so; another action does not need it', () => {
    expect(validateValue(version, { ACTION_FLAG: 'new', UNIQUE_ID: 'a' })).toEqual([
      {
        record: 1,
        line: 0,
        path: '/PERSON_SURNAME',
        rule: 'required',
        message: 'missing required field "PERSON_SURNAME", required when ACTION_FLAG is NEW or UPDATE',
        severity: 'error',
      },
    ]);
    expect(validateValue(version, { ACTION_FLAG: 'DELETE', UNIQUE_ID: 'a' })).toEqual([]);
  });

  it('any other rule under the condition names it too, and a rule outside it does not', () => {
    const findings = validateValue(version, { ACTION_FLAG: 'UPDATE', UNIQUE_ID: 'a', PERSON_SURNAME: 'X' });
    expect(findings.map((f) => f.message)).toEqual(['must be at least 2 characters (when ACTION_FLAG is NEW or UPDATE)']);
    expect(
      validateValue(version, { ACTION_FLAG: 'NEW' })
        .map((f) => f.message)
        .sort(),
    ).toEqual(['missing required field "PERSON_SURNAME", required when ACTION_FLAG is NEW or UPDATE', 'missing required field "UNIQUE_ID"']);
  });

  it("an author's sentence ending in a remark in brackets takes the condition inside them, not in a second pair", () => {
    const remarked = compile({
      type: 'object',
      properties: { ACTION_FLAG: { type: 'string' }, PERSON_SURNAME: { type: 'string' } },
      allOf: [
        {
          'x-when': 'ACTION_FLAG is NEW',
          if: { required: ['ACTION_FLAG'], properties: { ACTION_FLAG: { const: 'NEW' } } },
          then: {
            'x-consistency': [
              { id: 'a', field: '/A', notBefore: '/B', message: 'A is before B (the pipeline does not check this).' },
              { id: 'b', field: '/A', notBefore: '/B', message: 'A is before B (unchecked)' },
              { id: 'c', field: '/A', notBefore: '/B', message: 'A is before B.' },
            ],
          },
        },
      ],
    });
    expect(validateValue(remarked, { ACTION_FLAG: 'NEW', A: '2026-01-01', B: '2026-02-01' }).map((f) => f.message)).toEqual([
      'A is before B (the pipeline does not check this; when ACTION_FLAG is NEW).',
      'A is before B (unchecked) (when ACTION_FLAG is NEW)',
      'A is before B (when ACTION_FLAG is NEW).',
    ]);
  });

  it('the stream gives the same messages', async () => {
    const report = await run(['{"ACTION_FLAG":"NEW","UNIQUE_ID":"a"}\n'], version, { format: 'ndjson' });
    expect(report.findings.map((f) => f.message)).toEqual(['missing required field "PERSON_SURNAME", required when ACTION_FLAG is NEW or UPDATE']);
  });
});
