/**
 * A caller's text repeated in an answer (a problem's detail, a finding): format and bidirectional
 * characters escaped as `\u` and four hex digits, since an override or isolate would reorder the text a client shows
 * around it, and lone surrogates (no character: JSON carries one only as an escape, which many clients
 * refuse or replace). The one escaper for every such answer.
 */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const escaped = (c: string): string => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/**
 * The text with format and bidirectional characters and lone surrogates escaped; with `controls`, control
 * characters too (for text not already JSON-quoted, which escapes those itself).
 */
export function visibleText(text: string, controls = false): string {
  return text.replace(controls ? INVISIBLE_OR_CONTROL : INVISIBLE, escaped);
}
