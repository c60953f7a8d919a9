/** What @hapi/cookie adds to a request (it ships no types). */
import '@hapi/hapi';

declare module '@hapi/hapi' {
  interface Request {
    cookieAuth: { set(session: object): void; clear(): void };
  }
}
