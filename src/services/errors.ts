/**
 * Domain errors, named by meaning: what the application layer says when it refuses a request. Each face
 * maps them once to its own form (an HTTP status and problem details, a page, an exit code). None carries
 * data from a submission.
 */
export type ErrorKind =
  /** The request itself is malformed: a bad id, version, parameter or body syntax. */
  | 'invalid-input'
  /** Well-formed, but its content breaks a rule: a schema that does not compile, metadata naming no field. */
  | 'rejected'
  /** A version that breaks semver or the standard's compatibility policy. */
  | 'incompatible'
  | 'not-found'
  /** It exists with other content, or its state does not allow this. */
  | 'conflict'
  /** It existed and is withdrawn for good (a retired version). */
  | 'gone'
  | 'too-large'
  /** The body is in a form the service does not read (a charset its reader does not read). */
  | 'unsupported-media-type'
  /** The caller's token is no longer live (revoked while its request was under way). */
  | 'unauthorized'
  /** The caller may not do this. */
  | 'forbidden'
  /** The database has no room left: nothing was stored; the replica is not ready until writes succeed again. */
  | 'storage-full'
  /** The caller has as much running as it may at once (its share of the service); try again later. */
  | 'over-limit'
  /** The service is as busy as it may be; try again later. */
  | 'unavailable'
  /** The request's body stopped arriving for too long. */
  | 'timeout'
  /** The caller went away (its connection closed) before the answer: the work for it stopped, and nobody reads this. */
  | 'client-closed';

export interface ErrorItem {
  pointer?: string;
  detail: string;
  [key: string]: unknown;
}

/**
 * What a refusal is about, in the services' words: the input it names (`standard`, `version`, `from`, `to`,
 * `owner`, `submission`, `trial`, `artefact`, `cursor`, `period`, `filename`). A face says where that input was in the
 * request (the API: a path or query parameter in the problem's `errors`); the message is the same on every face.
 */
export type Subject = 'standard' | 'version' | 'from' | 'to' | 'owner' | 'submission' | 'trial' | 'artefact' | 'cursor' | 'period' | 'filename';

export class DomainError extends Error {
  /** The input this refusal is about, when it is about one (see `about`). */
  subject?: Subject;

  /** Names the input this refusal is about, e.g. `throw new DomainError('not-found', …).about('version')`. */
  about(subject: Subject): this {
    this.subject = subject;
    return this;
  }

  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Itemised problems (each change, each schema error, each bad field). */
    readonly errors: ErrorItem[] = [],
    /** For `over-limit` and `unavailable`: seconds after which to try again (the faces' Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * The client stopped sending before the body it declared was whole (it closed its side of the connection):
 * a 400 for a client still reading the answer, and for the work the same as a client that went away (the
 * validation stops and is counted as abandoned). The wire cannot tell the two apart.
 */
export class BodyCutShort extends DomainError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'BodyCutShort';
  }
}

/** The HTTP status each kind answers with, for both HTTP faces (the API's problems and the pages). */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  'invalid-input': 400,
  rejected: 422,
  incompatible: 422,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'unsupported-media-type': 415,
  unauthorized: 401,
  forbidden: 403,
  'storage-full': 507,
  'over-limit': 429,
  unavailable: 503,
  timeout: 408,
  // nginx's and hapi's status for a request whose client closed the connection first (never sent: nobody is there).
  'client-closed': 499,
};

/** Seconds a client is told to wait before retrying, for kinds that are temporary. */
export const RETRY_AFTER: Partial<Record<ErrorKind, number>> = { 'storage-full': 60 };
