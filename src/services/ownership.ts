/**
 * Who owns a standard, and so may change it: its metadata, its versions (publish, deprecate, retire).
 * An owner is stable text, never a display name:
 * - `token:<token id>`: the author token that created the standard (or was granted it);
 * - `org:<ODS code>`: an organisation, when the creating author's token carries one, so every author
 *   token of that organisation (today's and tomorrow's) owns it;
 * - `library`: the bundled standards library (no token is the library: admins manage those standards,
 *   and may grant authors co-ownership of them).
 * Admins may change every standard and alone grant and revoke co-ownership.
 */
import type { StandardOwner } from '../store/types.js';
import { DomainError } from './errors.js';
import { isOrganisationCode } from '../validation/health-formats.js';
import { requireRole, type Principal } from './access.js';

export const LIBRARY_OWNER = 'library';

/**
 * The most owners one standard may have (CONFORM_MAX_OWNERS_PER_STANDARD): a grant past it is refused, so the
 * owners every read of the standard lists (its API answer, its page) stay few. Each owner is a grant an admin made.
 */
export const DEFAULT_MAX_OWNERS = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The owner a standard created by this caller gets. */
export function ownerOf(principal: Pick<Principal, 'organisation' | 'tokenId'>): string {
  return principal.organisation ? `org:${principal.organisation}` : `token:${principal.tokenId}`;
}

/** The owner names that stand for this caller: its token, and its organisation when it has one. */
export function ownerNames(principal: Pick<Principal, 'organisation' | 'tokenId'>): string[] {
  return [`token:${principal.tokenId}`, ...(principal.organisation !== null ? [`org:${principal.organisation}`] : [])];
}

/** Whether the caller is one of these owners (admins are not owners, they are allowed anyway). */
export function isOwner(principal: Pick<Principal, 'organisation' | 'tokenId'>, owners: readonly Pick<StandardOwner, 'owner'>[]): boolean {
  return owners.some((o) => o.owner === `token:${principal.tokenId}` || (principal.organisation !== null && o.owner === `org:${principal.organisation}`));
}

/** Refuses a caller that is neither an admin nor an owner of the standard (`owns`: whether it is one of its owners). */
export function requireOwner(principal: Principal, standardId: string, owns: boolean, what: string): void {
  requireRole(principal, ['author', 'admin'], what);
  if (principal.role === 'admin' || owns) return;
  throw new DomainError('forbidden', `only the owners of ${standardId} or an admin may ${what}; ask an admin to grant this token co-ownership`);
}

/** An owner as given in a request: `token:<id>` (or the bare token id), `org:<ODS code>`. */
export function parseOwner(text: string): { kind: 'token'; tokenId: string; owner: string } | { kind: 'org'; organisation: string; owner: string } {
  const tokenId = text.startsWith('token:') ? text.slice('token:'.length) : text;
  if (UUID.test(tokenId)) return { kind: 'token', tokenId, owner: `token:${tokenId}` };
  if (text.startsWith('org:') && isOrganisationCode(text.slice(4))) return { kind: 'org', organisation: text.slice(4), owner: text };
  throw new DomainError('invalid-input', 'an owner is token:<token id> (or the token id) or org:<ODS code>').about('owner');
}
