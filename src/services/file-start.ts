/**
 * What the service refuses from a file's first bytes whatever its name says (a workbook, an archive or a
 * PDF; UTF-16), for a face that can look before it sends a file (`conform validate --server`): how many
 * bytes to look at, and the refusal in the service's words (the submission cannot be read: …).
 */
import { InputError } from '../validation/errors.js';
import { startOfText, TEXT_HEAD_BYTES } from '../validation/input.js';
import { inputRefusal } from './submissions.js';

/** The first bytes of a file the service reads its kind from. */
export const START_BYTES = TEXT_HEAD_BYTES;

/** Throws the service's refusal for a file that begins as no text the service reads; `head`: its first START_BYTES (or all, if fewer). */
export function refuseUnreadableStart(head: Buffer): void {
  try {
    startOfText(head);
  } catch (error) {
    throw error instanceof InputError ? inputRefusal(error) : error;
  }
}
