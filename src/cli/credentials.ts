/**
 * Where `conform validate --server` and `conform publish` find the service and the token: the flags
 * (--server; --token-file or --token), then CONFORM_SERVER and CONFORM_TOKEN (config.ts). A token is
 * never printed, not even in an error about the file it comes from.
 */
import { resolve } from 'node:path';
import { loadClientConfig } from '../config.js';
import { envOf, UsageError, type CliIo } from './io.js';
import { fileError, readAtMost } from './files.js';
import { sizeWords } from '../validation/size-words.js';

export interface CredentialFlags {
  server?: string;
  token?: string;
  tokenFile?: string;
}

/** The most a token file may hold: a token is a few dozen characters. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

async function tokenFromFile(path: string, cwd: string): Promise<string> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readAtMost(resolve(cwd, path), MAX_TOKEN_FILE_BYTES);
  } catch (error) {
    throw fileError(error, 'read', `the token file ${path}`);
  }
  if (bytes === undefined) throw new UsageError(`the token file ${path} holds more than ${sizeWords(MAX_TOKEN_FILE_BYTES)}; it should hold the token alone`);
  const text = bytes.toString('utf8');
  const token = text.trim();
  if (token === '') throw new UsageError(`the token file ${path} is empty; it should hold the token alone`);
  if (/\s/.test(token)) throw new UsageError(`the token file ${path} should hold the token alone, on one line`);
  return token;
}

/** The service to use, if any (a flag, then CONFORM_SERVER). */
export function serverOf(flags: CredentialFlags, io: CliIo): string | undefined {
  return flags.server ?? loadClientConfig(envOf(io)).server;
}

/** The token to send (--token, --token-file, then CONFORM_TOKEN), or undefined. */
export async function tokenOf(flags: CredentialFlags, io: CliIo): Promise<string | undefined> {
  if (flags.token !== undefined && flags.tokenFile !== undefined) throw new UsageError('give --token-file or --token, not both');
  if (flags.token !== undefined) return flags.token;
  if (flags.tokenFile !== undefined) return tokenFromFile(flags.tokenFile, io.cwd);
  return loadClientConfig(envOf(io)).token;
}
