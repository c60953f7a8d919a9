/**
 * A service for HTTP tests: the real app over an in-memory SQLite store (or a given store), with logs
 * captured so tests can assert what they never contain, and tokens for each role.
 */
import { Writable } from 'node:stream';
import type { Server, ServerInjectOptions, ServerInjectResponse } from '@hapi/hapi';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { assertMatchesContract } from './openapi.js';
import type { Store } from '../../src/store/types.js';

export interface TestApp {
  app: App;
  server: Server;
  tokens: { admin: string; author: string; supplier: string };
  logs: () => string;
  /** Injects a request and checks the response against the OpenAPI document. */
  call(options: ServerInjectOptions): Promise<ServerInjectResponse>;
  stop(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, store?: Store): Promise<TestApp> {
  let logText = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      logText += String(chunk);
      done();
    },
  });
  const app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'info', ...env }), {
    logger: createLogger('info', sink),
    ...(store ? { store } : {}),
  });
  const admin = app.firstAdminToken ?? (await app.services.access.issue({ name: 'test admin', role: 'admin', organisation: null }, 'test')).token;
  const author = (await app.services.access.issue({ name: 'test author', role: 'author', organisation: null }, 'test')).token;
  const supplier = (await app.services.access.issue({ name: 'test supplier', role: 'supplier', organisation: '8KR01' }, 'test')).token;
  return {
    app,
    server: app.server,
    tokens: { admin, author, supplier },
    logs: () => logText,
    async call(options) {
      const response = await app.server.inject(options);
      const body = response.payload === '' ? undefined : (JSON.parse(response.payload) as unknown);
      assertMatchesContract(
        String(options.method ?? 'GET'),
        String(options.url),
        response.statusCode,
        response.headers['content-type'] as string | undefined,
        body,
      );
      return response;
    },
    stop: () => app.stop(),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
