/*
 * Conform runtime for standalone validators, copied from Conform's engine (written by src/codegen/runtime-files.ts after validation/ajv.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/** Formats as Conform's engine registers them (validation/ajv.ts): ajv-formats' full set, the fast date and
 * date-time checks, and the health formats. Ajv's standalone code looks each format up here. */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isDate, isDateTime } from './date-time.js';
import { healthFormats } from './health-formats.js';

export const formats: Record<string, unknown> = {
  ...fullFormats,
  date: { type: 'string', validate: isDate },
  'date-time': { type: 'string', validate: isDateTime },
  ...Object.fromEntries(Object.entries(healthFormats).map(([name, format]) => [name, { type: 'string', validate: format.validate }])),
};
