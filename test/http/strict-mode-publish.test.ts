/**
 * An author's first conditional rule often meets strict mode: a field required in a `then` must be declared
 * there too, and a keyword of one type (`minimum`) needs its `type` beside it, inside an `if` as well. The
 * refusal names the place by its JSON pointer and says what to write.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const record = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', description: 'Id' }, kind: { enum: ['A', 'B'], description: 'Kind' }, depth: { type: 'integer', description: 'Depth' } },
};
const put = (version: string, schema: object) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/wound-visit/versions/${version}`,
    payload: JSON.stringify(schema),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });
const refusal = (payload: string) => JSON.parse(payload) as { detail: string; errors: { pointer?: string; detail: string }[] };

it('a field required in a then but not declared there: the then’s required list named by its pointer, and how to declare it', async () => {
  expect((await put('1.0.0', record)).statusCode).toBe(201);
  const undeclared = await put('2.0.0', { ...record, if: { properties: { kind: { const: 'A' } }, required: ['kind'] }, then: { required: ['depth'] } });
  expect(undeclared.statusCode).toBe(422);
  const body = refusal(undeclared.payload);
  expect(body.errors).toEqual([
    {
      in: 'body',
      pointer: '/then/required',
      detail:
        'strict mode: required property "depth" is not defined at "https://conform.invalid/standards/wound-visit/2.0.0#/then" (strictRequired); declare it in the same schema as the required list, as strict mode asks (properties: { "depth": { description: … } }): a field declared on the record is not declared inside a then, else or allOf member',
    },
  ]);
  const declared = await put('2.0.0', {
    ...record,
    if: { properties: { kind: { const: 'A' } }, required: ['kind'] },
    then: { properties: { depth: { description: 'Depth is needed for kind A' } }, required: ['depth'] },
  });
  expect(declared.statusCode).toBe(201);
});

it('a keyword of one type inside an if with no type beside it: the schema named by its pointer, and the type to add', async () => {
  const untyped = await put('3.0.0', {
    ...record,
    if: { properties: { depth: { minimum: 1 } }, required: ['depth'] },
    then: { properties: { kind: { description: 'K' } }, required: ['kind'] },
  });
  expect(untyped.statusCode).toBe(422);
  expect(refusal(untyped.payload).errors).toEqual([
    {
      in: 'body',
      pointer: '/if/properties/depth',
      detail: expect.stringMatching(
        /\(strictTypes\); add type: number beside minimum in that schema \(inside an if or then too\), as strict mode asks of a keyword that applies to one type$/,
      ),
    },
  ]);
});
