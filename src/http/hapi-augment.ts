/** What the API keeps in a route's `app` settings. */
import '@hapi/hapi';

declare module '@hapi/hapi' {
  interface RouteOptionsApp {
    /** A 413's detail: the route's limit and what it bounds (contract/route.ts, problems.ts). */
    tooLarge?: string;
    /** The body's charset is checked by the submission service once the version is known (body-text.ts). */
    charsetByVersion?: boolean;
    /** The media types the operation's successful answers take, from its contract (acceptable.ts). */
    produces?: readonly string[];
  }
}
