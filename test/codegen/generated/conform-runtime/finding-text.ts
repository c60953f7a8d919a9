/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/finding-text.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * A finding's text as every report shows it, and as the standalone validators give it (this file is
 * copied into their runtime, codegen/runtime-files.ts): its path and message cut to a bound, and a lone
 * surrogate in its path written `\uXXXX` (lone-surrogates.ts). The report builder applies it to every
 * finding it keeps or counts; a generated validator to every finding it returns.
 */
import type { Finding } from './report-types.js';
import { isWellFormed, wellFormedText } from './lone-surrogates.js';

/**
 * The longest path and message a finding keeps. A field name is data (a record may invent a key of
 * megabytes), and a rule's message or `x-when` is an author's text: a report keeps up to 1,100 findings
 * and a summary entry per path, so without a bound the report (held, stored and shown) could outgrow the
 * submission itself. A longer one is cut, marked with "…".
 */
export const MAX_FINDING_PATH = 1_000;
export const MAX_FINDING_MESSAGE = 2_000;

/** `text` cut to at most `max` characters, the last "…"; never between the halves of a pair, nor after a pointer's lone `~`. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  if (text.charCodeAt(end - 1) === 126) end--; // a `~0`/`~1` escape's first half
  return `${text.slice(0, end)}…`;
}

const boundedFinding = (f: Finding): Finding => {
  const path = wellFormedText(cutText(f.path, MAX_FINDING_PATH));
  const message = cutText(f.message, MAX_FINDING_MESSAGE);
  return path === f.path && message === f.message ? f : { ...f, path, message };
};

/**
 * Findings as a report keeps them: paths well-formed (lone surrogates as `\uXXXX`) and bounded, messages
 * bounded; the same array when none needs it (nearly always).
 */
export function shownFindings(findings: Finding[]): Finding[];
export function shownFindings(findings: readonly Finding[]): readonly Finding[];
export function shownFindings(findings: readonly Finding[]): readonly Finding[] {
  return findings.every((f) => f.path.length <= MAX_FINDING_PATH && f.message.length <= MAX_FINDING_MESSAGE && isWellFormed(f.path))
    ? findings
    : findings.map(boundedFinding);
}
