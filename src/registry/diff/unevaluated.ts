/**
 * `unevaluatedProperties` and `unevaluatedItems` apply to the fields (items) that no other keyword of
 * the schema evaluated, including keywords inside its in-place subschemas (allOf, anyOf, oneOf,
 * if/then/else, dependentSchemas, and, for items, contains). Where no such subschema is present, they
 * act exactly as `additionalProperties` (`items`) would, so they are compared as those keywords; where
 * one is, which fields the rest evaluated can change with any change to it, which the rules cannot
 * follow: any change to what is valid there then counts as breaking both ways, saying why.
 */
import { canonicalJson } from '../content-hash.js';
import { acceptsEverything, type SchemaObject } from './keywords.js';
import { isSemantic, undecidable, type RawChange } from './types.js';

const IN_PLACE = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', '$ref', '$dynamicRef'];

interface Pairing {
  keyword: 'unevaluatedProperties' | 'unevaluatedItems';
  /** The keyword it stands for when nothing else evaluates. */
  as: 'additionalProperties' | 'items';
  /** Keywords that evaluate fields (items) beside it, besides the in-place subschemas. */
  others: string[];
  what: string;
}

const PAIRINGS: Pairing[] = [
  { keyword: 'unevaluatedProperties', as: 'additionalProperties', others: [], what: 'fields' },
  { keyword: 'unevaluatedItems', as: 'items', others: ['contains'], what: 'items' },
];

/** True when the keyword is present and restricts something. */
const acts = (schema: SchemaObject, keyword: string): boolean => keyword in schema && !acceptsEverything(schema[keyword]);

export interface Unevaluated {
  /** The two schemas with the keyword read as its plain counterpart where that is exact. */
  before: SchemaObject;
  after: SchemaObject;
  /** Given every change found under these schemas, the undecidable ones this module adds. */
  judge(changes: readonly RawChange[], path: string): RawChange[];
}

export function readUnevaluated(a: SchemaObject, b: SchemaObject): Unevaluated {
  let before = a;
  let after = b;
  const opaque: Pairing[] = [];
  for (const p of PAIRINGS) {
    if (!acts(a, p.keyword) && !acts(b, p.keyword)) continue;
    const blockers = [...IN_PLACE, ...p.others];
    const plain = (s: SchemaObject): boolean => blockers.every((k) => !(k in s));
    if (plain(a) && plain(b)) {
      // Nothing else evaluates: where the counterpart is present every field (item) is evaluated and the keyword never applies.
      before = asCounterpart(before, p);
      after = asCounterpart(after, p);
    } else opaque.push(p);
  }
  return {
    before,
    after,
    judge(changes, path) {
      // A field described or no longer described is not semantic elsewhere, but here it decides what is evaluated.
      if (opaque.length === 0 || !changes.some((c) => isSemantic(c) || c.listing === true)) return [];
      // A changed keyword itself is already reported, undecidable, as a keyword the rules do not cover.
      const unchanged = opaque.filter((p) => canonicalJson(a[p.keyword]) === canonicalJson(b[p.keyword]));
      return unchanged.map((p) =>
        undecidable(
          'keyword-changed',
          path,
          `${p.keyword} rejects ${p.what} that no other keyword evaluated, and here subschemas (${[...IN_PLACE, ...p.others].filter((k) => k in a || k in b).join(', ')}) evaluate some of them; with what they accept changed, which ${p.what} it rejects cannot be followed`,
          { before: a[p.keyword], after: b[p.keyword] },
        ),
      );
    },
  };
}

function asCounterpart(schema: SchemaObject, p: Pairing): SchemaObject {
  if (!(p.keyword in schema)) return schema;
  const { [p.keyword]: value, ...rest } = schema;
  return p.as in rest ? rest : { ...rest, [p.as]: value };
}
