/**
 * Codegen sources from a Conform server: each version's bundle (its schema and the shared definitions it
 * reaches) from `GET /v1/standards/{id}/versions/{version}/bundle`. The content hash is checked again on
 * arrival (codegen/source.ts), so the files name the hash of what they were made from.
 */
import { fromBundle, type CodegenSource } from '../codegen/source.js';
import { UsageError } from './io.js';
import { fetchFrom, responseText } from './http-client.js';

async function getJson(server: string, path: string): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(path, server);
  } catch {
    throw new UsageError('--server must be a URL such as http://localhost:3000');
  }
  const response = await fetchFrom(url, { headers: { accept: 'application/json' } });
  const text = await responseText(response, url.origin, 'its answer');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UsageError(`${url.href} answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const detail = (body as { detail?: unknown }).detail;
    throw new UsageError(`the server answered ${response.status} for ${url.pathname}: ${typeof detail === 'string' ? detail : response.statusText}`);
  }
  return body;
}

const versionPath = (id: string, version: string): string => `/v1/standards/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}/bundle`;

/** One version (exact, `latest` or a major or minor) of one standard. */
export async function remoteSource(server: string, id: string, spec: string): Promise<CodegenSource> {
  return fromBundle(await getJson(server, versionPath(id, spec)));
}

/** Every version of every standard on the server. */
export async function remoteSources(server: string): Promise<CodegenSource[]> {
  const { standards } = (await getJson(server, '/v1/standards')) as { standards: { id: string }[] };
  const sources: CodegenSource[] = [];
  for (const { id } of standards) {
    const { versions } = (await getJson(server, `/v1/standards/${encodeURIComponent(id)}`)) as { versions: { version: string }[] };
    for (const { version } of versions) sources.push(await remoteSource(server, id, version));
  }
  return sources;
}
