/**
 * JSON.parse keeps the last of two members of one object with the same key and says nothing, so
 * `{"required": ["nhsNumber"], "required": []}` would be published as a schema that requires nothing, and
 * a record `{"nhsNumber": "…", "nhsNumber": "…"}` would be judged by a value a system keeping the first
 * never reads. This finds such repeats in text JSON.parse has accepted, in one linear pass, by their JSON
 * pointers: the schemas and bodies the service refuses for it (YAML bodies are refused for it by the YAML
 * parser) and the records the engine reports (readers/json-integrity.ts, which runs it only when a cheap
 * test cannot rule a repeat out).
 */
import { escapeSegment } from './pointer.js';
import { visibleText } from './visible-text.js';

const QUOTE = 34,
  BACKSLASH = 92,
  COMMA = 44,
  BRACE_OPEN = 123,
  BRACE_CLOSE = 125,
  BRACKET_OPEN = 91,
  BRACKET_CLOSE = 93;

interface Frame {
  /** The keys met so far (objects); undefined for an array. */
  keys: Set<string> | undefined;
  /** The pointer of the container itself. */
  prefix: string;
  /** The current member's key (objects) or item index (arrays), as a pointer segment. */
  at: string;
  index: number;
  expectKey: boolean;
}

/** A key given twice in one object: the pointer of the member (the object's pointer and the key) and the key. */
export interface RepeatedKey {
  pointer: string;
  key: string;
}

/**
 * Every key repeated within one object, each pointer once (a key given three times is one repeat), in the
 * order the repeats are met, at most `limit` of them. Linear in the text: each container's pointer is built
 * once, when it opens. Text that is not JSON after all (a string not closed) ends the scan.
 */
export function repeatedKeys(text: string, limit = Infinity): RepeatedKey[] {
  const found: RepeatedKey[] = [];
  let reported: Set<string> | undefined;
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          end += 2;
        } else end++;
      }
      if (end >= text.length) return found;
      if (top?.keys !== undefined && top.expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        top.at = escapeSegment(key);
        if (top.keys.has(key)) {
          const pointer = `${top.prefix}/${top.at}`;
          reported ??= new Set();
          if (!reported.has(pointer)) {
            reported.add(pointer);
            found.push({ pointer, key });
            if (found.length >= limit) return found;
          }
        } else top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (c === BRACE_OPEN || c === BRACKET_OPEN) {
      const prefix = top === undefined ? '' : `${top.prefix}/${top.at}`;
      stack.push({ keys: c === BRACE_OPEN ? new Set() : undefined, prefix, at: '0', index: 0, expectKey: c === BRACE_OPEN });
    } else if (c === BRACE_CLOSE || c === BRACKET_CLOSE) {
      stack.pop();
    } else if (c === COMMA && top !== undefined) {
      if (top.keys !== undefined) top.expectKey = true;
      else top.at = String(++top.index);
    }
  }
  return found;
}

/** The pointer of the first repeated key and the key, or undefined when every object's keys are distinct. */
export function firstDuplicateKey(text: string): RepeatedKey | undefined {
  return repeatedKeys(text, 1)[0];
}

/** The longest key a refusal repeats. */
const SHOWN_KEY_LENGTH = 64;

/** A repeated key as a refusal shows it: JSON-quoted, cut at 64 characters, and its pointer, both escaped (visible-text.ts). */
export function shownDuplicate(repeated: RepeatedKey): { key: string; pointer: string } {
  const key = repeated.key.length > SHOWN_KEY_LENGTH ? `${repeated.key.slice(0, SHOWN_KEY_LENGTH)}…` : repeated.key;
  return { key: visibleText(JSON.stringify(key)), pointer: visibleText(repeated.pointer) };
}
