/**
 * The header every generated file starts with: what it is, which standard, version and content hash it
 * was made from, the command that makes it again, and not to edit it. It names nothing that varies
 * between runs (no date, no path, no status), so the same source gives byte-identical files.
 */
import type { CodegenSource } from './source.js';

/** Bump when generated output changes for the same source; part of the HTTP ETag. */
export const CODEGEN_VERSION = 5;

/** The line every generated file carries. */
export const GENERATED_MARK = 'Generated file: do not edit it; generate it again instead.';

export const regenerateCommand = (source: CodegenSource): string => `conform types --standard ${source.standardId}@${source.version} --out <dir>`;

/** A comment for a file generated from one version. */
export function versionHeader(source: CodegenSource, what: string): string {
  return [
    '/*',
    ` * ${what}`,
    ` * Standard: ${source.standardId}`,
    ` * Version: ${source.version}`,
    ` * Content hash: ${source.contentHash}`,
    ` * Made by: ${regenerateCommand(source)} (Conform code generation ${CODEGEN_VERSION})`,
    ` * ${GENERATED_MARK}`,
    ' */',
    '',
  ].join('\n');
}

/** A comment for a runtime file copied from Conform's engine. */
export function runtimeHeader(origin: string): string {
  return [
    '/*',
    ` * Conform runtime for standalone validators, copied from Conform's engine (${origin}).`,
    ` * Made by: conform types (Conform code generation ${CODEGEN_VERSION}); shared by every generated validator.`,
    ` * ${GENERATED_MARK}`,
    ' */',
    '',
  ].join('\n');
}
