/**
 * Opaque page cursors for list endpoints: the keyset of the last row a page held (base64url JSON,
 * tagged with the list it belongs to). The next page starts strictly after that key, so rows inserted
 * while a client walks the list never shift a page: every row present when the walk began is seen once.
 */
import { DomainError } from './errors.js';

export type CursorKey = readonly (string | number)[];

const MAX_CURSOR_LENGTH = 512;

export function encodeCursor(list: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/**
 * The key of a cursor given for `list`, with `arity` parts of these types (and passing `valid`, when
 * given); invalid-input otherwise.
 */
export function decodeCursor(list: string, text: string, types: readonly ('string' | 'number')[], valid?: (key: CursorKey) => boolean): CursorKey {
  const refuse = () => new DomainError('invalid-input', `the cursor is not one this service gave for ${list}; start again without it`).about('cursor');
  if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed[0] !== list || parsed.length !== types.length + 1) throw refuse();
  const key = parsed.slice(1) as unknown[];
  if (!key.every((part, i) => typeof part === types[i])) throw refuse();
  if (valid && !valid(key as CursorKey)) throw refuse();
  return key as CursorKey;
}

/** A page of items, and the cursor of the next page when there may be one. */
export interface Page<T> {
  items: T[];
  next: string | undefined;
}

/** Cuts `rows` (fetched with limit + 1) to a page of `limit`, with the next cursor from the last kept row. */
export function pageOf<T>(rows: T[], limit: number, list: string, keyOf: (row: T) => CursorKey): Page<T> {
  if (rows.length <= limit) return { items: rows, next: undefined };
  const items = rows.slice(0, limit);
  return { items, next: encodeCursor(list, keyOf(items.at(-1)!)) };
}
