/** Helpers for the web's hostile tests: signing in through the pages, multipart bodies, requests over real sockets. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { Server } from '@hapi/hapi';
import { expect } from 'vitest';

export const cookiesOf = (headers: Record<string, unknown>): string =>
  ([] as string[])
    .concat((headers['set-cookie'] as string[] | string | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
export const crumbOf = (html: string): string => /name="crumb" value="([^"]+)"/.exec(html)![1]!;

/** Signs in through the form and returns the browser's cookies (crumb and session) and a crumb for forms. */
export async function signIn(server: Server, token: string, remoteAddress?: string): Promise<{ cookie: string; crumb: string }> {
  const form = await server.inject({ method: 'GET', url: '/sign-in' });
  const crumbCookie = cookiesOf(form.headers);
  const crumb = crumbOf(form.payload);
  const response = await server.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: crumbCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ crumb, token, next: '/validate' }).toString(),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  expect(response.statusCode, response.payload.slice(0, 300)).toBe(302);
  return { cookie: `${crumbCookie}; ${cookiesOf(response.headers)}`, crumb };
}

export const BOUNDARY = '----conformhostile';

/** The parts of a multipart/form-data body: fields, then a file whose content is `repeat` copies of `chunk`. */
export function multipartParts(fields: [string, string][], file: { name: string; chunk: Buffer; repeat: number }, after: [string, string][] = []): Buffer[] {
  const field = ([k, v]: [string, string]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return [
    ...fields.map(field),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    ...Array.from({ length: file.repeat }, () => file.chunk),
    Buffer.from('\r\n'),
    ...after.map(field),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ];
}

export interface SocketResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** POSTs a body given as parts (the same buffer may repeat: nothing is copied) over a real socket. */
export function postParts(baseUrl: string, path: string, headers: Record<string, string>, parts: Buffer[]): Promise<SocketResponse> {
  const length = parts.reduce((n, p) => n + p.length, 0);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-length': String(length) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    Readable.from(parts, { objectMode: false }).pipe(req);
  });
}

/** Milliseconds GET /health takes over a real socket (it must answer 200). */
export async function healthMs(baseUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
  expect(response.status).toBe(200);
  await response.text();
  return performance.now() - started;
}
