/*
 * Standalone validator of patient-demographics 2.0.0: the type guard isPatientDemographics and validate(), giving findings as Conform's engine does.
 * Standard: patient-demographics
 * Version: 2.0.0
 * Content hash: sha256:e0395eea0c771c08afe9a1cb85d216e51f7718c66eafa8e4407d885eee15823b
 * Made by: conform types --standard patient-demographics@2.0.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { PatientDemographics } from './patient-demographics.v2.0.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import type { ValidationContext } from './conform-runtime/context.js';
import { toFindings, type EngineError, type FieldLabels } from './conform-runtime/findings.js';
import { consistencyRun } from './conform-runtime/consistency-rules.js';
import { check } from './patient-demographics.v2.0.0.ajv.js';

export type { PatientDemographics, Finding, ValidationContext };

/** The standard version this validator was generated from. */
export const standard = {"id":"patient-demographics","version":"2.0.0","contentHash":"sha256:e0395eea0c771c08afe9a1cb85d216e51f7718c66eafa8e4407d885eee15823b"} as const;

/** The labels of the coded fields (`x-labels`), by field pointer (array items as `*`), for findings' messages. */
const labels: FieldLabels = new Map(Object.entries<Readonly<Record<string, string>>>({"/personStatedGender":{"1":"Male","2":"Female","9":"Indeterminate (unable to be classified as either male or female)","X":"Not Known (not recorded)"},"/genderIdentity":{"1":"Male (including trans man)","2":"Female (including trans woman)","3":"Non-binary","4":"Other (not listed)","Z":"Not stated","X":"Not known"},"/ethnicCategory":{"99":"Not known","A":"White - British","B":"White - Irish","C":"White - Any other White background","D":"Mixed - White and Black Caribbean","E":"Mixed - White and Black African","F":"Mixed - White and Asian","G":"Mixed - Any other mixed background","H":"Asian or Asian British - Indian","J":"Asian or Asian British - Pakistani","K":"Asian or Asian British - Bangladeshi","L":"Asian or Asian British - Any other Asian background","M":"Black or Black British - Caribbean","N":"Black or Black British - African","P":"Black or Black British - Any other Black background","R":"Other Ethnic Groups - Chinese","S":"Other Ethnic Groups - Any other ethnic group","Z":"Not stated"}}));

/**
 * True when `value` is a valid patient-demographics 2.0.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules;
 * rules of severity warning do not count). `context` says when the data was received and the reporting
 * period it is for (default: now, no period).
 */
export function isPatientDemographics(value: unknown, context?: ValidationContext): value is PatientDemographics {
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
