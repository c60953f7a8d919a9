/**
 * JSON.parse keeps the last of two members of one object with the same key and says nothing, so
 * `{"required": ["nhsNumber"], "required": []}` would be published as a schema that requires nothing. This
 * finds the first such repeat in text JSON.parse has accepted, in one linear pass, by its JSON pointer
 * (YAML bodies are refused for it by the YAML parser).
 */
import { escapeSegment } from '../validation/pointer.js';
import { visibleText } from '../validation/visible-text.js';

interface Frame {
  object: boolean;
  keys: Set<string>;
  /** The current member's key (objects) or item index (arrays), as a pointer segment. */
  at: string;
  index: number;
  expectKey: boolean;
}

/** The pointer of the first repeated key and the key, or undefined when every object's keys are distinct. */
export function firstDuplicateKey(text: string): { pointer: string; key: string } | undefined {
  const stack: Frame[] = [];
  const pointer = (): string => stack.map((f) => `/${f.at}`).join('');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack.at(-1);
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) return undefined; // not JSON after all: nothing to say about its keys
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        top.at = escapeSegment(key);
        if (top.keys.has(key)) return { pointer: pointer(), key };
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      stack.push({ object: c === '{', keys: new Set(), at: '0', index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.object) top.expectKey = true;
      else top.at = String(++top.index);
    }
  }
  return undefined;
}

/** The longest key a refusal repeats. */
const SHOWN_KEY_LENGTH = 64;

/** A repeated key as a refusal shows it: JSON-quoted, cut at 64 characters, and its pointer, both escaped (visible-text.ts). */
export function shownDuplicate(repeated: { pointer: string; key: string }): { key: string; pointer: string } {
  const key = repeated.key.length > SHOWN_KEY_LENGTH ? `${repeated.key.slice(0, SHOWN_KEY_LENGTH)}…` : repeated.key;
  return { key: visibleText(JSON.stringify(key)), pointer: visibleText(repeated.pointer) };
}
