/**
 * Hostile: names on the file routes (`/assets/{path*}`, `/web/{file}`) that no file system can hold. A
 * segment over 255 bytes, or a path over 1,024 bytes, is a 404 page like any unknown file; inert opened
 * it and answered ENAMETOOLONG as a 500, logging the whole name as an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('file routes with names the file system cannot hold', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  const long = 'x'.repeat(5000);
  const accented = '%C3%A9'.repeat(130); // 130 characters, 260 bytes: over a segment's 255
  const deep = `${'a/'.repeat(3000)}x`; // short segments, 6,001 bytes in all

  it.each([
    ['/web/', long],
    ['/web/', accented],
    ['/assets/', long],
    ['/assets/', accented],
    ['/assets/', deep],
    ['/assets/fonts/', long],
  ])('%s<%#> is a 404 page, never a 500, and logs no error', async (prefix, name) => {
    const before = t.logs().length;
    const response = await t.server.inject({ method: 'GET', url: `${prefix}${name}` });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.payload).toContain('Page not found');
    const logged = t.logs().slice(before);
    expect(logged).not.toContain('"level":50');
    expect(logged).not.toContain('ENAMETOOLONG');
  });

  it('names that fit are served or not found as before', async () => {
    expect((await t.server.inject({ method: 'GET', url: '/web/init.js' })).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: `/web/${'x'.repeat(255)}` })).statusCode).toBe(404);
    expect((await t.server.inject({ method: 'GET', url: `/assets/${'x'.repeat(255)}` })).statusCode).toBe(404);
    expect((await t.server.inject({ method: 'GET', url: '/assets/nhsuk-frontend.min.js' })).statusCode).toBe(200);
  });
});
