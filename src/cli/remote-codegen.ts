/**
 * Codegen sources from a Conform server: each version's bundle (its schema and the shared definitions it
 * reaches) from `GET /v1/standards/{id}/versions/{version}/bundle`. The content hash is checked again on
 * arrival (codegen/source.ts), so the files name the hash of what they were made from.
 */
import { CodegenError, fromBundle, type CodegenSource } from '../codegen/source.js';
import { UsageError } from './io.js';
import { fetchFrom, parsedJson, serverUrl, problemDetail, responseText } from './http-client.js';

/**
 * The time one answer (its headers and its whole body) may take: a server that answers a byte at a time,
 * each within the connection's 300 s, would otherwise hold the command for ever.
 */
export const ANSWER_DEADLINE_MS = 300_000;

export async function getJson(server: string, path: string, deadlineMs = ANSWER_DEADLINE_MS): Promise<unknown> {
  const url = serverUrl(server, path);
  const signal = AbortSignal.timeout(deadlineMs);
  const late = (): UsageError =>
    new UsageError(`${url.origin} did not send its answer to ${url.pathname} within ${deadlineMs / 1000} s; run the command again later`);
  let text: string;
  let response: Response;
  try {
    response = await fetchFrom(url, { headers: { accept: 'application/json' }, signal });
    text = await responseText(response, url.origin, `its answer to ${url.pathname}`);
  } catch (error) {
    throw signal.aborted ? late() : error;
  }
  const body = parsedJson(text);
  if (body === undefined) throw new UsageError(`${url.origin} answered ${response.status} for ${url.pathname} without JSON; is --server a Conform server?`);
  if (!response.ok) throw new UsageError(`the server answered ${response.status} for ${url.pathname}: ${problemDetail(body) ?? response.statusText}`);
  return body;
}

/** A list's page as the server sent it, or a one-line error naming what is wrong with it. */
function pageOf(page: unknown, path: string, key: string): { items: unknown[]; next: string | null } {
  const wrong = (what: string): UsageError => new UsageError(`the server's answer to ${path} is not a list of ${key}: ${what}; is --server a Conform server?`);
  if (typeof page !== 'object' || page === null || Array.isArray(page)) throw wrong('it is not a JSON object');
  const { [key]: items, next } = page as Record<string, unknown>;
  if (items !== undefined && !Array.isArray(items)) throw wrong(`its ${key} is not an array`);
  if (next !== undefined && next !== null && typeof next !== 'string') throw wrong('its next is not a link');
  return { items: items ?? [], next: typeof next === 'string' ? next : null };
}

/** A list item's text field (a standard's id, a version's version), or a one-line error. */
function field(item: unknown, name: string, path: string): string {
  const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`the server's answer to ${path} lists an item whose ${name} is not text; is --server a Conform server?`);
  return value;
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
/** Most versions `--all` generates from a server (each is an answer to fetch and a set of files to write). */
export const MAX_REMOTE_VERSIONS = 10_000;

/** Every item of a paged list (`{ <key>: [...], next }`), following `next` from page to page, at most `max` items. */
export async function allPages<T = unknown>(server: string, path: string, key: string, max = MAX_REMOTE_VERSIONS): Promise<T[]> {
  const items: unknown[] = [];
  let next: string | null = path;
  for (let pages = 0; next !== null; pages++) {
    if (pages === MAX_PAGES) throw new UsageError(`${path} on ${server} had more than ${MAX_PAGES} pages`);
    const page = pageOf(await getJson(server, next), path, key);
    items.push(...page.items);
    if (items.length > max) throw new UsageError(`${path} on ${server} lists more than ${max} ${key}, more than the command generates at once; use --standard`);
    next = page.next;
  }
  return items as T[];
}

/** A standard's versions and their statuses (published, deprecated, …) as the server lists them. */
export type VersionStatuses = { version: string; status: string }[];

/** The versions of the standard `id` on the server with their statuses, at most `max`. */
export async function remoteStatuses(server: string, id: string, max = MAX_REMOTE_VERSIONS): Promise<VersionStatuses> {
  const path = `/v1/standards/${encodeURIComponent(id)}?limit=1000`;
  return (await allPages(server, path, 'versions', max)).map((v) => {
    const status = (v as Record<string, unknown> | null)?.status;
    return { version: field(v, 'version', path), status: typeof status === 'string' ? status : 'published' };
  });
}

/**
 * Every version of every standard on the server (both lists a page at a time), at most MAX_REMOTE_VERSIONS,
 * with each standard's versions and their statuses.
 */
export async function remoteSources(server: string): Promise<{ sources: CodegenSource[]; statuses: Map<string, VersionStatuses> }> {
  const listed = '/v1/standards?limit=1000';
  const standards = (await allPages(server, listed, 'standards')).map((s) => field(s, 'id', listed));
  const sources: CodegenSource[] = [];
  const statuses = new Map<string, VersionStatuses>();
  for (const id of standards) {
    const versions = await remoteStatuses(server, id, MAX_REMOTE_VERSIONS - sources.length);
    statuses.set(id, versions);
    for (const { version } of versions) sources.push(await remoteSource(server, id, version));
  }
  return { sources, statuses };
}
