/**
 * Failed sign-ins, counted per client address and for all addresses together in fixed one-minute windows:
 * once either count reaches its limit, a sign-in with a token that is not valid (from that address, or
 * from anyone) answers 429 with Retry-After until the window is over; a valid token always signs in
 * (services/failure-limit.ts, which the API's bearer tokens use too, with limits of their own;
 * docs/security.md).
 */
export { FailureLimiter as SignInLimiter, type FailureLimits as SignInLimits } from '../services/failure-limit.js';
