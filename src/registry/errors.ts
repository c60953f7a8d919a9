/**
 * Domain errors the service raises for a request it refuses. The HTTP layer maps each to a problem
 * details response; none carries data from a submission.
 */
export class RegistryError extends Error {
  constructor(
    readonly kind: 'bad-request' | 'not-found' | 'conflict' | 'unprocessable' | 'gone' | 'too-large',
    message: string,
    /** Itemised problems (each change, each schema error), for the problem's `errors`. */
    readonly errors: { pointer?: string; detail: string; [key: string]: unknown }[] = [],
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
