/*
 * Standalone validator of immunisation-batch 6.0.0: the type guard isImmunisationBatch and validate(), giving findings as Conform's engine does.
 * Standard: immunisation-batch
 * Version: 6.0.0
 * Content hash: sha256:d0057fed6d1b208adfd0492fb415d7afc6ee9d93f6d6d879da2d8a22396a5b66
 * Made by: conform types --standard immunisation-batch@6.0.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { ImmunisationBatch } from './immunisation-batch.v6.0.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import type { ValidationContext } from './conform-runtime/context.js';
import { toFindings, type EngineError, type FieldLabels, type Conditions } from './conform-runtime/findings.js';
import { consistencyRun } from './conform-runtime/consistency-rules.js';
import { adviceCheck } from './conform-runtime/advice.js';
import { check } from './immunisation-batch.v6.0.0.ajv.js';

export type { ImmunisationBatch, Finding, ValidationContext };

/** The standard version this validator was generated from. */
export const standard = {"id":"immunisation-batch","version":"6.0.0","contentHash":"sha256:d0057fed6d1b208adfd0492fb415d7afc6ee9d93f6d6d879da2d8a22396a5b66"} as const;

/** The labels of the coded fields (`x-labels`), by field pointer (array items as `*`), for findings' messages. */
const labels: FieldLabels = new Map(Object.entries<Readonly<Record<string, string>>>({}));

/** The conditions of the conditional rules (`x-when`), by the schema path of their `then`, for findings' messages. */
const conditions: Conditions = new Map(Object.entries<string>({"#/allOf/0/then":"ACTION_FLAG is NEW or UPDATE"}));

/** The advice (`x-advice`): formats fields should have, reported as warnings. */
const advice = adviceCheck([{"id":"postcode-format","field":"/PERSON_POSTCODE","format":"uk-postcode","message":"The postcode is not a valid UK postcode (or ZZ99 pseudo-postcode); the national pipeline does not check its shape, but the person's address will not match."},{"id":"site-code-snomed","field":"/SITE_OF_VACCINATION_CODE","format":"sctid-concept","message":"The site of vaccination code is not a SNOMED CT concept id; the national pipeline accepts any text here, but the site cannot be read as a concept."},{"id":"route-code-snomed","field":"/ROUTE_OF_VACCINATION_CODE","format":"sctid-concept","message":"The route of vaccination code is not a SNOMED CT concept id; the national pipeline accepts any text here, but the route cannot be read as a concept."},{"id":"dose-unit-code-snomed","field":"/DOSE_UNIT_CODE","format":"sctid-concept","message":"The dose unit code is not a SNOMED CT concept id; the national pipeline accepts any text here, but the unit cannot be read as a concept."}])!;

/**
 * True when `value` is a valid immunisation-batch 6.0.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules;
 * rules of severity warning do not count). `context` says when the data was received and the reporting
 * period it is for (default: now, no period).
 */
export function isImmunisationBatch(value: unknown, context?: ValidationContext): value is ImmunisationBatch {
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
  const advised = advice(value);
  if (advised) run.warnings = [...(run.warnings ?? []), ...advised];
  if (valid && run.warnings === null) return [];
  const errors: readonly EngineError[] = valid ? [] : (check.errors ?? []);
  return toFindings(run.warnings === null ? errors : errors.concat(run.warnings), record, line, labels, conditions, value);
}
