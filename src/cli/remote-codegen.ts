/**
 * Codegen sources from a Conform server: each version's bundle (its schema and the shared definitions it
 * reaches) from `GET /v1/standards/{id}/versions/{version}/bundle`. The content hash is checked again on
 * arrival (codegen/source.ts), so the files name the hash of what they were made from.
 */
import { CodegenError, fromBundle, type CodegenSource } from '../codegen/source.js';
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
  const bundle = await getJson(server, versionPath(id, spec));
  let source: CodegenSource;
  try {
    source = fromBundle(bundle);
  } catch (error) {
    // A bundle the command cannot trust (a hash that does not check out, an id or version that is not one) is the server's fault: exit 2, named.
    if (error instanceof CodegenError) throw new UsageError(error.message);
    throw error;
  }
  if (source.standardId !== id) throw new UsageError(`asked for ${id}, the server sent ${source.standardId}@${source.version}`);
  return source;
}

/** Most pages of one list followed, so a server whose `next` links loop cannot keep the command going. */
const MAX_PAGES = 10_000;

/** Every item of a paged list (`{ <key>: [...], next }`), following `next` from page to page. */
export async function allPages<T>(server: string, path: string, key: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = path;
  for (let pages = 0; next !== null; pages++) {
    if (pages === MAX_PAGES) throw new UsageError(`${path} on ${server} had more than ${MAX_PAGES} pages`);
    const page = (await getJson(server, next)) as Record<string, unknown> & { next?: string | null };
    items.push(...((page[key] as T[] | undefined) ?? []));
    next = typeof page.next === 'string' ? page.next : null;
  }
  return items;
}

/** Every version of every standard on the server (both lists a page at a time). */
export async function remoteSources(server: string): Promise<CodegenSource[]> {
  const standards = await allPages<{ id: string }>(server, '/v1/standards?limit=1000', 'standards');
  const sources: CodegenSource[] = [];
  for (const { id } of standards) {
    const versions = await allPages<{ version: string }>(server, `/v1/standards/${encodeURIComponent(id)}?limit=1000`, 'versions');
    for (const { version } of versions) sources.push(await remoteSource(server, id, version));
  }
  return sources;
}
