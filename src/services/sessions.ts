/**
 * Web sessions, kept in the store so that every replica sharing it sees them and signing out ends them.
 * A session's id is 32 random bytes, given once to the browser (in the session cookie); the store keeps
 * only its SHA-256 hash with the token it was started with. A session is live until it is signed out,
 * unused for the idle time, older than the absolute time, or its token is revoked; every request checks.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';
import type { AccessService, Principal } from './access.js';

export interface SessionLimits {
  /** Unused this long, a session ends. */
  idleMs: number;
  /** This long after sign-in, a session ends whatever its use. */
  absoluteMs: number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashSessionId = (id: string): string => `sha256:${createHash('sha256').update(id).digest('hex')}`;
/**
 * The live sessions one token may have: signing in again beyond this ends its oldest. Without a bound, a
 * token's holder signing in in a loop (no cookie kept) left a live row per sign-in for the idle time.
 */
export const MAX_SESSIONS_PER_TOKEN = 20;
/** Ended and expired sessions are deleted at most this often (per replica), when someone signs in. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class SessionService {
  private lastPrune = 0;
  /** Last-seen times are written at most this often per session (idle expiry is this precise). */
  private readonly touchEveryMs: number;

  constructor(
    private readonly store: Store,
    private readonly access: AccessService,
    private readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.touchEveryMs = Math.min(60_000, Math.floor(limits.idleMs / 10));
  }

  /** Signs in with a token: a new session's id and the principal, or undefined for an unknown or revoked token. */
  async start(token: string): Promise<{ id: string; principal: Principal } | undefined> {
    const principal = await this.access.authenticate(token);
    if (!principal) return undefined;
    const id = randomBytes(32).toString('base64url');
    const at = new Date(this.now()).toISOString();
    const idHash = hashSessionId(id);
    await this.store.createSession({ idHash, tokenId: principal.tokenId, createdAt: at, lastSeenAt: at });
    await this.store.endSessionsBeyond(principal.tokenId, idHash, MAX_SESSIONS_PER_TOKEN, at);
    await this.prune();
    return { id, principal };
  }

  /** The principal of a live session, or undefined when it ended, expired, was never started or its token is revoked. */
  async resume(id: string): Promise<Principal | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const idHash = hashSessionId(id);
    const session = await this.store.getSession(idHash);
    if (!session || session.endedAt !== null) return undefined;
    const now = this.now();
    const lastSeen = Date.parse(session.lastSeenAt);
    if (now - lastSeen >= this.limits.idleMs || now - Date.parse(session.createdAt) >= this.limits.absoluteMs) return undefined;
    const principal = await this.access.principalOf(session.tokenId);
    if (!principal) return undefined;
    if (now - lastSeen >= this.touchEveryMs) await this.store.touchSession(idHash, new Date(now).toISOString());
    return principal;
  }

  /** Signs out: the session ends for every replica (a copy of its cookie no longer works). */
  async end(id: string): Promise<void> {
    if (ID_PATTERN.test(id)) await this.store.endSession(hashSessionId(id), new Date(this.now()).toISOString());
  }

  private async prune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.store.deleteSessions({
      lastSeen: new Date(now - this.limits.idleMs).toISOString(),
      created: new Date(now - this.limits.absoluteMs).toISOString(),
    });
  }
}
