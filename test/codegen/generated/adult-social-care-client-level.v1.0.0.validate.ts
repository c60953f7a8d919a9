/*
 * Standalone validator of adult-social-care-client-level 1.0.0: the type guard isAdultSocialCareClientLevel and validate(), giving findings as Conform's engine does.
 * Standard: adult-social-care-client-level
 * Version: 1.0.0
 * Content hash: sha256:b03c49bf9ee43f3431bf2a1daf7f52946dc93b5e992f1bb9bef7a46ad3728657
 * Made by: conform types --standard adult-social-care-client-level@1.0.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { AdultSocialCareClientLevel } from './adult-social-care-client-level.v1.0.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import type { ValidationContext } from './conform-runtime/context.js';
import { toFindings, type EngineError, type FieldLabels } from './conform-runtime/findings.js';
import { consistencyRun } from './conform-runtime/consistency-rules.js';
import { check } from './adult-social-care-client-level.v1.0.0.ajv.js';

export type { AdultSocialCareClientLevel, Finding, ValidationContext };

/** The standard version this validator was generated from. */
export const standard = {"id":"adult-social-care-client-level","version":"1.0.0","contentHash":"sha256:b03c49bf9ee43f3431bf2a1daf7f52946dc93b5e992f1bb9bef7a46ad3728657"} as const;

/** The labels of the coded fields (`x-labels`), by field pointer (array items as `*`), for findings' messages. */
const labels: FieldLabels = new Map(Object.entries<Readonly<Record<string, string>>>({}));

/**
 * True when `value` is a valid adult-social-care-client-level 1.0.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules;
 * rules of severity warning do not count). `context` says when the data was received and the reporting
 * period it is for (default: now, no period).
 */
export function isAdultSocialCareClientLevel(value: unknown, context?: ValidationContext): value is AdultSocialCareClientLevel {
  return check.call(consistencyRun(context), value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message, severity; never a
 * value from the record), warnings included; empty when the record has none. `record` and `line`
 * number the findings (default 1 and 0); `context` says when the data was received and the reporting
 * period it is for (default: now, no period), as the engine's validate options do.
 */
export function validate(value: unknown, record = 1, line = 0, context?: ValidationContext): Finding[] {
  const run = consistencyRun(context);
  const valid = check.call(run, value);
  if (valid && run.warnings === null) return [];
  const errors: readonly EngineError[] = valid ? [] : (check.errors ?? []);
  return toFindings(run.warnings === null ? errors : errors.concat(run.warnings), record, line, labels, undefined, value);
}
