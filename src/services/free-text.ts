/**
 * Text a person writes that is stored and shown (a standard's title, owner and description, a withdrawal
 * reason, a token's name) may hold tabs and line breaks but no other control character and no
 * bidirectional control. NUL in particular: PostgreSQL's text refuses it (a 500 there, while SQLite
 * stored it); and an override or isolate would reorder the text a page shows around it. Nor a lone
 * surrogate (`"\ud800"` in JSON: half of a UTF-16 pair, no character): both stores write text as UTF-8,
 * which cannot hold one, so it was stored as U+FFFD, not the text that was accepted.
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

export const FREE_TEXT_RULE =
  'must not hold control characters (other than tabs and line breaks), bidirectional controls or lone surrogates (half of a UTF-16 pair, which is no character)';

/** Whether the text holds a character that stored text may not. */
export const badFreeText = (text: string): boolean => FORBIDDEN.test(text);

/** The JSON pointers of every string in a value (at any depth) that holds such a character. */
export function badFreeTextPointers(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return badFreeText(value) ? [at] : [];
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    found.push(...badFreeTextPointers(child, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`));
  }
  return found;
}
