/**
 * `conform publish <file> --standard <id> --version <v>`: publishes over HTTP to --server or
 * CONFORM_SERVER, with CONFORM_TOKEN, --token-file or --token. With `--artefact`, the file is a code list or
 * definitions set that names its own kind, id and version, and the answer lists the standards that could
 * adopt it with the bump each needs.
 */
import { terminalText } from './terminal-text.js';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { EXIT, UsageError, type CliIo } from './io.js';
import { fileError, readAtMost } from './files.js';
import { fetchFrom, parsedJson, serverUrl, responseText } from './http-client.js';
import { serverOf, tokenOf } from './credentials.js';
import { sizeWords } from '../validation/size-words.js';

export interface PublishArgs {
  file?: string;
  artefact?: boolean;
  standard?: string;
  version?: string;
  server?: string;
  token?: string;
  tokenFile?: string;
}

interface ProblemBody {
  detail?: string;
  errors?: { pointer?: string; detail: string }[];
}

interface Adoption {
  standardId: string;
  version: string;
  uses: string[];
  bump: string | null;
  suggestedVersion: string | null;
  notJudged?: string;
}

/** The objects of what a server's answer says is a list (nothing when it is not one). */
const listOf = <T extends object>(value: T[] | undefined): Partial<T>[] =>
  Array.isArray(value) ? value.filter((item): item is T => typeof item === 'object' && item !== null) : [];

/** The largest schema or artefact a service can be configured to take (CONFORM_MAX_SCHEMA_BYTES at its most). */
const MAX_PUBLISH_BYTES = 64 * 1024 * 1024;

const SEGMENTS: Record<string, string> = { 'code-list': 'code-lists', definitions: 'definitions' };

/** Where an artefact document goes, from the kind, id and version it declares. */
function artefactTarget(body: Buffer, file: string): { path: string; name: string } {
  let document: unknown;
  try {
    document = parseYaml(body.toString('utf8'));
  } catch {
    throw new UsageError(`${file} is not valid YAML or JSON`);
  }
  const { kind, id, version } = (document ?? {}) as { kind?: unknown; id?: unknown; version?: unknown };
  const segment = typeof kind === 'string' ? SEGMENTS[kind] : undefined;
  if (!segment || typeof id !== 'string' || typeof version !== 'string') {
    throw new UsageError(`${file} must name its kind (code-list or definitions), id and version`);
  }
  return { path: `/v1/artefacts/${segment}/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`, name: `${segment}/${id} ${version}` };
}

export async function publishCommand(args: PublishArgs, io: CliIo): Promise<number> {
  if (!args.file) throw new UsageError('give the schema file: conform publish <file.yaml|file.json> --standard <id> --version <v> --server <url> --token <t>');
  if (!args.artefact) {
    for (const flag of ['standard', 'version'] as const) {
      if (!args[flag]) throw new UsageError(`--${flag} is required (or --artefact for a code list or definitions set)`);
    }
  }
  const server = serverOf(args, io);
  if (!server) throw new UsageError('give the service: --server <url> or CONFORM_SERVER');
  const token = await tokenOf(args, io);
  if (!token) throw new UsageError('give an author token: CONFORM_TOKEN, --token-file <path> or --token <token>');
  const type = /\.ya?ml$/i.test(args.file) ? 'application/yaml' : /\.json$/i.test(args.file) ? 'application/json' : undefined;
  if (!type) throw new UsageError(`cannot tell whether ${args.file} is YAML or JSON from its name (.yaml, .yml or .json)`);
  let body: Buffer | undefined;
  try {
    body = await readAtMost(resolve(io.cwd, args.file), MAX_PUBLISH_BYTES);
  } catch (error) {
    throw fileError(error, 'read', args.file);
  }
  if (body === undefined)
    throw new UsageError(
      `${args.file} holds more than ${sizeWords(MAX_PUBLISH_BYTES)}, more than any service takes (CONFORM_MAX_SCHEMA_BYTES, 1 MiB unless raised)`,
    );
  const target = args.artefact
    ? artefactTarget(body, args.file)
    : { path: `/v1/standards/${encodeURIComponent(args.standard!)}/versions/${encodeURIComponent(args.version!)}`, name: `${args.standard} ${args.version}` };
  const url = serverUrl(server, target.path);
  const response = await fetchFrom(url, { method: 'PUT', body, headers: { 'content-type': type, authorization: `Bearer ${token}` } });
  const text = await responseText(response, url.origin, 'its answer');
  if (response.status === 201 || response.status === 200) {
    const answer = parsedJson(text) as
      { contentHash?: string; artefact?: { contentHash: string }; adoptions?: Adoption[]; adoptionsNotRead?: number } | undefined;
    if (typeof answer !== 'object' || answer === null)
      throw new UsageError(`${url.origin} answered ${response.status} without JSON; is --server a Conform server? (the version may have been published)`);
    const contentHash = answer.artefact?.contentHash ?? answer.contentHash ?? '';
    io.stdout.write(`${response.status === 201 ? 'published' : 'already published with the same content:'} ${target.name} (${contentHash})\n`);
    for (const a of listOf(answer.adoptions)) {
      if (!Array.isArray(a.uses)) continue;
      const needs =
        typeof a.bump !== 'string'
          ? `not judged (${terminalText(String(a.notJudged ?? ''))})`
          : `adopting it needs a ${a.bump.toUpperCase()} version (${a.suggestedVersion})`;
      io.stdout.write(terminalText(`  ${a.standardId} ${a.version} uses ${a.uses.join(', ')}: ${needs}`) + '\n');
    }
    const notRead = typeof answer.adoptionsNotRead === 'number' ? answer.adoptionsNotRead : 0;
    if (notRead > 0) {
      io.stdout.write(
        `  and ${notRead} more standard${notRead === 1 ? '' : 's'} naming an earlier version, not read (past the standards one publish reads): the earlier versions' used-by lists them\n`,
      );
    }
    return EXIT.ok;
  }
  const parsed = parsedJson(text);
  // Not problem details: the status alone.
  const problem: ProblemBody = typeof parsed === 'object' && parsed !== null ? parsed : {};
  const detail = typeof problem.detail === 'string' ? problem.detail : response.statusText;
  io.stderr.write(`conform: the server refused the publish (${response.status}): ${terminalText(detail)}\n`);
  // An item that only says where the refusal is (its detail the problem's own) is not repeated.
  for (const e of listOf(problem.errors).filter((e) => typeof e.detail === 'string'))
    if (e.detail !== problem.detail) io.stderr.write(terminalText(`  ${e.pointer ? `${e.pointer}: ` : ''}${e.detail}`) + '\n');
  return response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 403 ? EXIT.invalid : EXIT.usage;
}
