/** Which paths are the API's (problem details) and which are web pages (HTML errors): both faces ask. */
export const isApiPath = (path: string): boolean =>
  path === '/v1' || path.startsWith('/v1/') || path === '/openapi.json' || path === '/health' || path === '/ready';
