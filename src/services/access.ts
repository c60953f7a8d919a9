/**
 * Tokens and who a caller is. Bearer tokens are random, shown once to their owner and stored only as
 * their SHA-256 hash; a principal is what every other service is told about the caller. Tokens are never
 * logged.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, Store, StoredToken } from '../store/types.js';
import { DomainError } from './errors.js';
import { badFreeText, FREE_TEXT_RULE } from './free-text.js';
import { decodeCursor, pageOf } from './cursor.js';
import { ORGANISATION_CODE_WORDS, organisationCodeOf } from '../validation/health-formats.js';

export type { Role, StoredToken };
export { AUDIT_ACTIONS } from '../store/types.js';

/** The caller, as every service sees it. */
export interface Principal {
  role: Role;
  /** The supplier's ODS code (null for authors and admins without one). */
  organisation: string | null;
  /** The token's name (who or what it is for). */
  name: string;
  /** The name used in audit entries and stored reports. */
  actor: string;
  tokenId: string;
}

export const ROLES: readonly Role[] = ['admin', 'author', 'supplier'];

export const hashToken = (token: string): string => `sha256:${createHash('sha256').update(token).digest('hex')}`;

const principalOf = (token: StoredToken): Principal => ({
  role: token.role,
  organisation: token.organisation,
  name: token.name,
  actor: `${token.role}:${token.name} (${token.id})`,
  tokenId: token.id,
});

/** How every token begins, so a person can tell a token from its id or a name. */
export const TOKEN_PREFIX = 'cfm_';

export class AccessService {
  constructor(private readonly store: Store) {}

  /** A new token: the text is returned once; the store keeps its hash. */
  async issue(spec: { name: string; role: Role; organisation: string | null }, actor: string): Promise<{ token: string; stored: StoredToken }> {
    if (!ROLES.includes(spec.role)) throw new DomainError('invalid-input', `the role must be one of ${ROLES.join(', ')}`);
    if (spec.name.trim() === '') throw new DomainError('invalid-input', 'a token needs a name: who or what it is for');
    if (badFreeText(spec.name)) throw new DomainError('invalid-input', `a token's name ${FREE_TEXT_RULE}`);
    // An ODS code is upper case wherever it is read (the quality pages' and the API's supplier filter, a
    // batch file's name): "b86001" is kept as B86001, not as an organisation no filter can name.
    // One rule for the code's shape (validation/health-formats.ts: an ODS code or a supplier code such as
    // DPSREDUCED), the one the quality filters and owners follow; migration 0020 upper-cased the
    // organisations stored before.
    const given = spec.organisation === null || spec.organisation.trim() === '' ? null : spec.organisation;
    if (spec.role === 'supplier' && given === null) throw new DomainError('invalid-input', "a supplier token needs the supplier's organisation (ODS code)");
    const organisation = given === null ? null : organisationCodeOf(given);
    if (organisation === undefined)
      throw new DomainError(
        'invalid-input',
        `the organisation must be its ODS code or supplier code: ${ORGANISATION_CODE_WORDS.replace('upper-case ', '')}, e.g. B86001, 8KR01 or DPSREDUCED`,
      );
    const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const stored = await this.store.createToken({ id: randomUUID(), hash: hashToken(token), ...spec, organisation }, actor);
    return { token, stored };
  }

  /** On a store without tokens, an admin token for the first start (returned once); otherwise undefined. */
  async firstAdminToken(actor: string): Promise<string | undefined> {
    if ((await this.store.countTokens()) > 0) return undefined;
    return (await this.issue({ name: 'first admin', role: 'admin', organisation: null }, actor)).token;
  }

  /** The principal of a live token, or undefined for an unknown or revoked one. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const found = await this.store.findToken(hashToken(token.trim()));
    return found ? principalOf(found) : undefined;
  }

  /** The principal of a live token by its id (what a web session keeps), or undefined once it is revoked. */
  async principalOf(tokenId: string): Promise<Principal | undefined> {
    const found = await this.store.findTokenById(tokenId);
    return found ? principalOf(found) : undefined;
  }

  list(): Promise<StoredToken[]> {
    return this.store.listTokens();
  }

  async revoke(id: string, actor: string): Promise<void> {
    if (!(await this.store.revokeToken(id, actor))) throw new DomainError('not-found', `no live token has id ${id}`);
  }

  /** Who published, deprecated or granted what, newest first, a page from after the cursor's entry. */
  async audit(principal: Principal, page: { limit: number; cursor?: string }) {
    requireRole(principal, ['admin'], 'read the audit log');
    const before = page.cursor === undefined ? undefined : Number(decodeCursor('audit', page.cursor, ['number'])[0]);
    const rows = await this.store.listAudit(page.limit + 1, before);
    return pageOf(rows, page.limit, 'audit', (e) => [e.id]);
  }
}

/** Refuses a caller whose role may not do `what` (the faces declare the same roles for their routes). */
export function requireRole(principal: Principal, roles: readonly Role[], what: string): void {
  if (!roles.includes(principal.role)) throw new DomainError('forbidden', `a ${principal.role} token may not ${what}; this needs ${roles.join(' or ')}`);
}
