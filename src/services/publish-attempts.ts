/**
 * A publish is written only while the latest version its check read is still the latest (store
 * publish-order.ts). When another version was released in between, it is checked again against the
 * versions as they are; publishes of one standard or artefact that keep overtaking it end that after
 * PUBLISH_ATTEMPTS checks, with a 503 and Retry-After: nothing of it was stored.
 */
import { DomainError } from './errors.js';

export const PUBLISH_ATTEMPTS = 3;
const RETRY_AFTER_SECONDS = 5;

/** `what`: the version being published, in words (`referral 1.2.0`). */
export function publishesBusy(what: string): DomainError {
  return new DomainError(
    'unavailable',
    `${what} was checked ${PUBLISH_ATTEMPTS} times, and each time another version was published before it could be stored; nothing was stored: try again shortly`,
    [],
    RETRY_AFTER_SECONDS,
  );
}
