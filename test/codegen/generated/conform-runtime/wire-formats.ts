/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/wire-formats.ts).
 * Made by: conform types (Conform code generation 1); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Wire formats: how a national file writes values that JSON would type, registered with Ajv as string
 * formats beside the health formats (health-formats.ts spreads them in, so generated validators have them
 * too). The dates and date-times are converted once for the cross-field rules and the scorecard
 * (date-time.ts compactToIso); these checks say whether a value is a real one.
 *
 * Each also takes the extended (RFC 3339) form, because the national immunisation pipeline accepts it.
 */
import { compactToIso, isDate, isDateTime } from './date-time.js';

const COMPACT_DATE = /^\d{8}$/;
const COMPACT_DATE_TIME = /^\d{8}T\d{6}(?:0[01])?$/;

/** `YYYYMMDD` (or `YYYY-MM-DD`), a real calendar date: 20240230 is refused. */
export function isCompactDate(value: string): boolean {
  if (COMPACT_DATE.test(value)) return isDate(compactToIso(value));
  return value.length === 10 && isDate(value);
}

/** A date-time offset a UK wire value may carry: GMT or BST. */
const ukOffset = (iso: string): boolean => iso.endsWith('Z') || iso.endsWith('+00:00') || iso.endsWith('+01:00');

/**
 * `YYYYMMDDThhmmss`, optionally followed by the offset `00` (GMT) or `01` (BST), a real date and time;
 * or an RFC 3339 date-time with a UK offset (Z, +00:00, +01:00).
 */
export function isCompactDateTime(value: string): boolean {
  if (COMPACT_DATE_TIME.test(value)) return isDateTime(compactToIso(value));
  return value.length > 10 && isDateTime(value) && ukOffset(value);
}

/** Text with at least one character that is not white space. */
export function isNonBlank(value: string): boolean {
  return value.trim().length > 0;
}

/**
 * 10 digits with a valid Modulus 11 check digit, and nothing more: the NHS number check the national
 * immunisation pipeline makes. (`nhs-number` also refuses placeholders such as 9999999999, which pass
 * Modulus 11; a standard for that pipeline must not refuse them, so it uses this one.)
 */
export function isNhsNumberCheckDigit(value: string): boolean {
  if (value.length !== 10) return false;
  let total = 0;
  for (let i = 0; i < 9; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    total += digit * (10 - i);
  }
  const last = value.charCodeAt(9) - 48;
  if (last < 0 || last > 9) return false;
  const check = (11 - (total % 11)) % 11;
  return check !== 10 && check === last;
}

const ACTION_FLAG = /^(?:new|update|delete)$/i;

/** The immunisation batch file's ACTION_FLAG: NEW, UPDATE or DELETE in any case, untrimmed. */
export function isActionFlag(value: string): boolean {
  return ACTION_FLAG.test(value);
}

export const wireFormats = {
  'compact-date': { validate: isCompactDate, describe: 'a real date written YYYYMMDD (or YYYY-MM-DD), e.g. 20240131' },
  'compact-date-time': {
    validate: isCompactDateTime,
    describe: 'a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501',
  },
  'nhs-number-check-digit': { validate: isNhsNumberCheckDigit, describe: 'a valid NHS number (10 digits with a Modulus 11 check digit)' },
  'non-blank': { validate: isNonBlank, describe: 'text that is not only spaces' },
  'action-flag': { validate: isActionFlag, describe: 'NEW, UPDATE or DELETE (any case, no spaces)' },
} as const;
