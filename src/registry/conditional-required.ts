/**
 * The record fields a version requires only in some records, with the condition in words, for the field
 * dictionary: a field named in the `required` of a conditional rule (`if`/`then` or `if`/`else`, on the
 * record schema or an item of its `allOf`), or of `dependentRequired`. Without this a reader of the
 * dictionary sees PERSON_FORENAME as optional, where every NEW or UPDATE row of the batch file must carry
 * it, and an event type as optional in a client-level return where every row but a carer's needs one.
 *
 * The condition's words are, in order: the rule's `x-when` (the author's words, which findings use too);
 * else words read from its `if` when every part of it is a value test (`const`, `enum`) or "is given"
 * (`required`); else the rule's `description`; else "a condition of the standard holds". An `else` rule
 * applies "unless" the condition. The words are kept short (8 values of a list, 200 characters, 4
 * conditions a field): a page repeats them for every field a rule requires. Only the record's own fields are read (a nested object's conditional
 * rules are left out), and only schemas written in place (a `$ref`'d rule is left out).
 */
import type { AnySchemaObject } from 'ajv';
import { escapeSegment } from '../validation/pointer.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : []);
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
/** The most values a condition's words list (an `enum` of thousands would be repeated for every field the rule requires). */
const SHOWN_VALUES = 8;
/** The longest words of one condition, and the most conditions given for one field, for the same reason. */
const SHOWN_CHARACTERS = 200;
const SHOWN_CONDITIONS = 4;
const list = (values: readonly unknown[]): string => {
  if (values.length > SHOWN_VALUES) return `${values.slice(0, SHOWN_VALUES).map(shown).join(', ')} or one of ${values.length - SHOWN_VALUES} more`;
  return values.length === 1 ? shown(values[0]) : `${values.slice(0, -1).map(shown).join(', ')} or ${shown(values.at(-1))}`;
};
const cut = (words: string): string => (words.length > SHOWN_CHARACTERS ? `${words.slice(0, SHOWN_CHARACTERS - 1)}…` : words);
/** Keywords that say nothing about the value (an `if`'s property schema holding only these tests presence). */
const NOTES = new Set(['description', 'title', '$comment', 'examples']);

/** The words of an `if` schema made only of value tests and presence; undefined for anything else. */
export function conditionWords(condition: unknown): string | undefined {
  if (!isObject(condition)) return undefined;
  const required = new Set(names(condition.required));
  const properties = isObject(condition.properties) ? condition.properties : {};
  if (Object.keys(condition).some((k) => k !== 'properties' && k !== 'required' && !NOTES.has(k))) return undefined;
  const parts: string[] = [];
  const given: string[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    if (!isObject(schema)) return undefined;
    const tests = Object.keys(schema).filter((k) => !NOTES.has(k));
    let values: unknown[] | undefined;
    if (tests.length === 0) values = undefined;
    else if (tests.length === 1 && tests[0] === 'const') values = [schema.const];
    else if (tests.length === 1 && tests[0] === 'enum' && Array.isArray(schema.enum) && schema.enum.length > 0) values = schema.enum as unknown[];
    else return undefined;
    if (values === undefined) {
      if (required.has(name)) given.push(name);
      continue; // a property schema testing nothing, and not required: no part of the condition
    }
    parts.push(`${name} is ${list(values)}${required.has(name) ? '' : ' (or not given)'}`);
  }
  for (const name of required) if (!Object.hasOwn(properties, name)) given.push(name);
  if (given.length > 0) parts.push(given.length === 1 ? `${given[0]} is given` : `${given.slice(0, -1).join(', ')} and ${given.at(-1)} are given`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function ruleWords(rule: Record<string, unknown>): string {
  if (typeof rule['x-when'] === 'string' && rule['x-when'].trim() !== '') return cut(rule['x-when'].trim());
  const derived = conditionWords(rule.if);
  if (derived !== undefined) return cut(derived);
  if (typeof rule.description === 'string' && rule.description.trim() !== '') return cut(`this holds: ${rule.description.trim().replace(/\.$/, '')}`);
  return 'a condition of the standard holds';
}

/**
 * Per record field pointer (`/PERSON_FORENAME`), when it is required, in words: "when ACTION_FLAG is NEW
 * or UPDATE", "unless clientType is Carer known by association", several joined by "; or ".
 */
export function conditionalRequirements(root: AnySchemaObject | undefined): Map<string, string> {
  const found = new Map<string, string[]>();
  const add = (field: string, words: string): void => {
    const pointer = `/${escapeSegment(field)}`;
    const known = found.get(pointer) ?? [];
    if (!known.includes(words)) known.push(words);
    found.set(pointer, known);
  };
  const rule = (node: unknown): void => {
    if (!isObject(node) || node.if === undefined) return;
    const words = ruleWords(node);
    if (isObject(node.then)) for (const field of names(node.then.required)) add(field, `when ${words}`);
    if (isObject(node.else)) for (const field of names(node.else.required)) add(field, `unless ${words}`);
  };
  if (root !== undefined) {
    rule(root);
    if (Array.isArray(root.allOf)) root.allOf.forEach(rule);
    if (isObject(root.dependentRequired))
      for (const [trigger, fields] of Object.entries(root.dependentRequired)) for (const field of names(fields)) add(field, `when ${trigger} is given`);
  }
  return new Map(
    [...found].map(([pointer, words]) => [
      pointer,
      words.length > SHOWN_CONDITIONS
        ? `${words.slice(0, SHOWN_CONDITIONS).join('; or ')}; or under ${words.length - SHOWN_CONDITIONS} more conditions`
        : words.join('; or '),
    ]),
  );
}
