/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/lone-surrogates.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Lone surrogates (`"\ud800"` in JSON: half of a UTF-16 pair, no character) in names a report or an answer
 * repeats. JSON can carry one only as an escape, UTF-8 not at all, and a URI never (encodeURIComponent
 * throws "URI malformed" on one), so such a name is shown with each lone surrogate as `\u` and four hex
 * digits (`/\ud800` for the field `"\ud800"`): a finding's path, in every face, and the CSV and pages
 * made from it. The verdict is unchanged: the reader still reports the name (json-lone-surrogate).
 */
import { toPointer } from './pointer.js';

/** A lone surrogate: with the `u` flag a pair is one character, so only an unpaired half is `Cs`. */
const LONE = /\p{Cs}/gu;

/** Whether the text holds no lone surrogate (String.prototype.isWellFormed, Node 20). */
export const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** `text` with each lone surrogate written `\uXXXX` (lower-case hex); `text` itself when it has none. */
export function wellFormedText(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The pointers (shown by wellFormedText) of the object keys in `value` that hold a lone surrogate, the
 * first `max` of them, and how many there are. One iterative walk: linear, whatever the depth.
 */
export function loneSurrogateKeys(value: unknown, max = 50): { pointers: string[]; count: number } {
  const pointers: string[] = [];
  let count = 0;
  const stack: { node: unknown; path: string[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const entries: [string, unknown][] = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
    for (const [key, child] of entries) {
      const at = [...path, key];
      if (!Array.isArray(node) && !isWellFormed(key)) {
        count++;
        if (pointers.length < max) pointers.push(wellFormedText(toPointer(at)));
      }
      if (child !== null && typeof child === 'object') stack.push({ node: child, path: at });
    }
  }
  return { pointers, count };
}
