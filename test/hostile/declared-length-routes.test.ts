/**
 * Hostile: a Content-Length over a route's limit on the routes that parse their body (the API's JSON
 * routes, publishes, /v1/suggest, the pages' forms). hapi said 413 only after reading the whole declared
 * body and dropping it: declaring 100 GB and sending at full speed, a client had 6 GB read for it in
 * 6 s, with no answer. Now the 413 (the same problem, or the same page) comes while the client has sent
 * only its headers, and the connection closes. Real sockets (the app from dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startLiveApp, type LiveApp } from './support.js';

let live: LiveApp;
let author: string;
beforeAll(async () => {
  live = await startLiveApp({});
  author = (await live.app.services.access.issue({ name: 'author', role: 'author', organisation: null }, 'test')).token;
});
afterAll(async () => live.stop());

const DECLARED = 100 * 1024 ** 3; // 100 GiB, never sent
const head = (method: string, path: string, headers: Record<string, string>) =>
  `${method} ${path} HTTP/1.1\r\nHost: x\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}Content-Length: ${DECLARED}\r\n\r\n`;

describe('a declared length over the route limit', () => {
  it.each([
    ['PUT', '/v1/standards/patient-demographics/column-mappings', 'supplier', 'the body is larger than 256 KiB'],
    ['PUT', '/v1/standards/new-standard', 'author', 'the body is larger than 64 KiB'],
    ['PUT', '/v1/standards/new-standard/versions/1.0.0', 'author', 'the schema is larger than this service publishes: at most 1 MiB'],
    ['PUT', '/v1/artefacts/code-lists/new-list/versions/1.0.0', 'author', 'the document is larger than this service publishes: at most 1 MiB'],
    ['POST', '/v1/suggest', 'supplier', 'the body is larger than 64 KiB'],
    ['POST', '/v1/standards/patient-demographics/versions/2.0.1/deprecate', 'author', 'the body is larger than 1 MiB'],
  ])('%s %s is a 413 problem before the body is sent', async (method, path, role, detail) => {
    const token = role === 'author' ? author : await live.supplier('8KR01');
    const type = path === '/v1/suggest' ? 'text/csv' : 'application/json';
    const request = rawRequest(live.port, head(method, path, { Authorization: `Bearer ${token}`, 'Content-Type': type }));
    const answer = await request.answer; // the body is never written: the answer cannot wait for it
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((JSON.parse(answer.body) as { detail: string }).detail).toContain(detail);
    expect(answer.ms).toBeLessThan(5000);
  });

  it('the sign-in form is a 413 page before the body is sent', async () => {
    const request = rawRequest(live.port, head('POST', '/sign-in', { 'Content-Type': 'application/x-www-form-urlencoded' }));
    const answer = await request.answer;
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
  });
});
