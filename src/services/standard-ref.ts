/**
 * What names a standard and a version, by one rule on every face: a standard id's shape and a version
 * spec's (exact, `latest`, a major or a major and minor), in words given once. The API's path parameters
 * say them (`id must be a standard id: …`), the service refuses with them (`"Emergency-Care" is not a
 * standard id: …`) for the pages and for `conform validate`, locally or against a server.
 */
import { MAX_STANDARD_ID_LENGTH } from '../registry/standard-meta.js';
import { VERSION_SPEC_WORDS, versionSpecProblem } from '../registry/resolve.js';
import { DomainError, type Subject } from './errors.js';

export { MAX_STANDARD_ID_LENGTH, VERSION_SPEC_WORDS };

export const STANDARD_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** What a standard id is, after "a standard id: ". */
export const STANDARD_ID_WORDS = `lower-case words joined by hyphens, at most ${MAX_STANDARD_ID_LENGTH} characters, such as patient-demographics`;

/** What is wrong with text given as a standard id, or undefined; text too long to be one is not echoed. */
export function standardIdProblem(id: string): string | undefined {
  if (id.length <= MAX_STANDARD_ID_LENGTH && STANDARD_ID.test(id)) return undefined;
  const shown = id.length <= MAX_STANDARD_ID_LENGTH ? `"${id}"` : `the id given (${id.length} characters)`;
  return `${shown} is not a standard id: ${STANDARD_ID_WORDS}`;
}

/** Refuses text that is not a standard id (invalid-input, about the standard). */
export function checkStandardId(id: string): void {
  const problem = standardIdProblem(id);
  if (problem) throw new DomainError('invalid-input', problem).about('standard');
}

/** Refuses a version spec that names no version (invalid-input, about `subject`), before any is looked for. */
export function checkVersionSpec(spec: string, subject: Subject = 'version'): void {
  const problem = versionSpecProblem(spec);
  if (problem) throw new DomainError('invalid-input', problem).about(subject);
}
