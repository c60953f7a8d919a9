/**
 * A large JSON answer written a piece at a time as the client reads it, not whole on the event loop: a
 * report of 100,000 findings is 12 to 26 MB of JSON, which hapi's one JSON.stringify wrote in a single
 * stretch of 0.2 to 2.4 s, holding every other request (and /health) meanwhile, and then held whole while
 * it was sent. The pieces join to exactly JSON.stringify's text: an object's own enumerable properties in
 * order, each written whole, except an array of more than ITEMS_PER_PIECE items, written that many at a
 * time. A small value is one piece.
 */
import type { Readable } from 'node:stream';
import { piecesStream } from '../downloads.js';

export const ITEMS_PER_PIECE = 500;

/** JSON.stringify(value) in pieces (no piece holds more than ITEMS_PER_PIECE items of a large top-level array). */
export function* jsonPieces(value: unknown, perPiece = ITEMS_PER_PIECE): Generator<string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(value);
    return;
  }
  let head = '{';
  for (const [key, field] of Object.entries(value)) {
    if (Array.isArray(field) && field.length > perPiece) {
      yield `${head}${JSON.stringify(key)}:[`;
      for (let at = 0; at < field.length; at += perPiece) {
        const slice = JSON.stringify(field.slice(at, at + perPiece));
        yield `${at === 0 ? '' : ','}${slice.slice(1, -1)}`;
      }
      head = '],';
      continue;
    }
    const text = JSON.stringify(field);
    // JSON.stringify leaves out a property whose value it cannot write (undefined, a function).
    if (text === undefined) continue;
    yield `${head}${JSON.stringify(key)}:${text}`;
    head = ',';
  }
  yield head === '{' ? '{}' : head === '],' ? ']}' : '}';
}

/** Whether `jsonPieces` would write the value in more than one piece: one of its properties is an array of more than ITEMS_PER_PIECE items. */
export const isLarge = (value: object, perPiece = ITEMS_PER_PIECE): boolean =>
  Object.values(value).some((field) => Array.isArray(field) && field.length > perPiece);

/** The value as JSON: a large one (`isLarge`) as a stream of `jsonPieces(value)`, another as itself, for hapi to write whole. */
export const jsonAnswer = (value: object): object | Readable => (isLarge(value) ? piecesStream(jsonPieces(value)) : value);
