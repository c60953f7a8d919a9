/*
 * Standalone validator of adult-social-care-client-level 1.2.0: the type guard isAdultSocialCareClientLevel and validate(), giving findings as Conform's engine does.
 * Standard: adult-social-care-client-level
 * Version: 1.2.0
 * Content hash: sha256:3e8ba6f602f06fd26a8e85cfe4f3700c1ac0476783a6bcbbfe9d24bd68c435b5
 * Made by: conform types --standard adult-social-care-client-level@1.2.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { AdultSocialCareClientLevel } from './adult-social-care-client-level.v1.2.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import { toFindings } from './conform-runtime/findings.js';
import { check } from './adult-social-care-client-level.v1.2.0.ajv.js';

export type { AdultSocialCareClientLevel, Finding };

/** The standard version this validator was generated from. */
export const standard = {"id":"adult-social-care-client-level","version":"1.2.0","contentHash":"sha256:3e8ba6f602f06fd26a8e85cfe4f3700c1ac0476783a6bcbbfe9d24bd68c435b5"} as const;

/**
 * True when `value` is a valid adult-social-care-client-level 1.2.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules).
 */
export function isAdultSocialCareClientLevel(value: unknown): value is AdultSocialCareClientLevel {
  return check(value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message; never a value from
 * the record); empty when the record is valid. `record` and `line` number the findings (default 1 and 0).
 */
export function validate(value: unknown, record = 1, line = 0): Finding[] {
  return check(value) ? [] : toFindings(check.errors ?? [], record, line);
}
