/**
 * Which paths are the API's (problem details) and which are web pages (HTML errors): both faces ask.
 * Repeated slashes do not move a path to the other face (`//v1//standards` is the API's 404, in problem
 * details, as `/v1/standards` would be): a client that joins a base URL and a path badly reads JSON.
 */
export const isApiPath = (given: string): boolean => {
  const path = given.includes('//') ? given.replace(/\/{2,}/g, '/') : given;
  return path === '/v1' || path.startsWith('/v1/') || path === '/openapi.json' || path === '/health' || path === '/ready';
};
