/** `conform publish <file> --standard <id> --version <v>`: publishes over HTTP to --server or CONFORM_SERVER, with CONFORM_TOKEN, --token-file or --token. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, UsageError, type CliIo } from './io.js';
import { serverOf, tokenOf } from './credentials.js';

export interface PublishArgs {
  file?: string;
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

export async function publishCommand(args: PublishArgs, io: CliIo): Promise<number> {
  if (!args.file) throw new UsageError('give the schema file: conform publish <file.yaml|file.json> --standard <id> --version <v> --server <url> --token <t>');
  for (const flag of ['standard', 'version'] as const) {
    if (!args[flag]) throw new UsageError(`--${flag} is required`);
  }
  const server = serverOf(args, io);
  if (!server) throw new UsageError('give the service: --server <url> or CONFORM_SERVER');
  const token = await tokenOf(args, io);
  if (!token) throw new UsageError('give an author token: CONFORM_TOKEN, --token-file <path> or --token <token>');
  const type = /\.ya?ml$/i.test(args.file) ? 'application/yaml' : /\.json$/i.test(args.file) ? 'application/json' : undefined;
  if (!type) throw new UsageError(`cannot tell whether ${args.file} is YAML or JSON from its name (.yaml, .yml or .json)`);
  let body: Buffer;
  try {
    body = await readFile(resolve(io.cwd, args.file));
  } catch (error) {
    throw new UsageError(`cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let url: URL;
  try {
    url = new URL(`/v1/standards/${encodeURIComponent(args.standard!)}/versions/${encodeURIComponent(args.version!)}`, server);
  } catch {
    throw new UsageError(`--server must be a URL such as http://localhost:3000`);
  }
  let response: Response;
  try {
    response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': type, authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new UsageError(`cannot reach ${url.origin}: ${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`);
  }
  const text = await response.text();
  if (response.status === 201 || response.status === 200) {
    const { contentHash } = JSON.parse(text) as { contentHash: string };
    io.stdout.write(
      `${response.status === 201 ? 'published' : 'already published with the same content:'} ${args.standard} ${args.version} (${contentHash})\n`,
    );
    return EXIT.ok;
  }
  let problem: ProblemBody = {};
  try {
    problem = JSON.parse(text) as ProblemBody;
  } catch {
    // not problem details: report the status alone
  }
  io.stderr.write(`conform: the server refused the publish (${response.status}): ${problem.detail ?? response.statusText}\n`);
  for (const e of problem.errors ?? []) io.stderr.write(`  ${e.pointer ? `${e.pointer}: ` : ''}${e.detail}\n`);
  return response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 403 ? EXIT.invalid : EXIT.usage;
}
