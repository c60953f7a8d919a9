/**
 * The refusal of a standard id no standard has, in the same words wherever the standards come from (the
 * store, or for the CLI's local validation the library on disk): the few ids nearest it among `candidates`
 * (nearest-names.ts), or that none is near.
 */
import { didYouMean, nearestNames } from '../registry/nearest-names.js';
import { DomainError } from './errors.js';

export function unknownStandard(id: string, candidates: Iterable<string>): DomainError {
  const nearest = nearestNames(id, candidates);
  const none = nearest.length === 0 ? '; no standard has an id near it' : '';
  return new DomainError('not-found', `unknown standard "${id}"${didYouMean(nearest)}${none}`).about('standard');
}
