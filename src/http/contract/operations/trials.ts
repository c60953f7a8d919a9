/** Trial reports: a trial run's report, held for a while in the memory of the server that ran it (never stored). */
import { problem, json } from '../responses.js';
import { BusAckJson, Report } from '../schemas.js';
import type { Operation, ParameterSpec } from '../types.js';
import { SUPPLIERS } from './access.js';
import { NO_BUS_ACK } from './submissions.js';

/** A held trial report's id. */
const trialId: ParameterSpec = {
  description: "The trial report's id (a UUID) from the trial run's Location or `trial.url`",
  schema: { type: 'string', format: 'uuid' },
  required: true,
  message: 'must be a trial report id (a UUID)',
};

const GONE =
  'No such trial report for this caller: it expired (trial reports are held for `CONFORM_TRIAL_REPORT_MINUTES`, 60), was dropped to make room, was run by another organisation, or is held by another replica (trial reports live only in the memory of the server that ran them and are never stored); run the trial again';

export const getTrial: Operation = {
  operationId: 'getTrial',
  method: 'GET',
  path: '/v1/trials/{id}',
  summary: "A trial run's report, while the server that ran it holds it (never stored)",
  description:
    "The same report the trial run answered, with `trial` (its id, when it is dropped, its address). Only the caller's organisation (or, for a caller without one, its token) sees it; anyone else is answered exactly as for an unknown id. " +
    'Trial reports live in the memory of the replica that ran them: behind a load balancer, use session affinity (docs/deployment.md) or run the trial again.',
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: trialId },
  responses: { 200: json('The trial report', Report), 404: problem(GONE) },
};

export const getTrialFindings: Operation = {
  operationId: 'getTrialFindings',
  method: 'GET',
  path: '/v1/trials/{id}/findings.csv',
  summary:
    "A held trial report's findings as CSV: record, spreadsheet row (CSV input), line, field (the JSON pointer), rule, severity, message, fieldLabel (the field's label, with its array item in words; else the pointer); never a value",
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: trialId },
  responses: {
    200: { description: 'The findings, one row each, with a header row', content: { 'text/csv': { type: 'string' } } },
    404: problem(GONE),
  },
};

const NO_ACK = `${GONE}; or its report has no acknowledgement files (they are held only for national batch files: standards with a file-name convention, or a run asked for \`Accept: text/csv\`)`;

export const getTrialBusAck: Operation = {
  operationId: 'getTrialBusAck',
  method: 'GET',
  path: '/v1/trials/{id}/busack.csv',
  summary: "A held trial batch file's BusAck, as the national immunisation pipeline would answer: one row per failed record, every one; never a value",
  description:
    "As `GET /v1/submissions/{id}/busack.csv`, for a trial run while its report is held (the report's `trial.busAckUrl`): rows `{trial id}^{row}`, written from the row outcomes held with the report, so every failed record whatever `maxFindings` was. " +
    'A held report without row outcomes (another standard) answers 404, as an unknown id does. ' +
    NO_BUS_ACK,
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: trialId },
  responses: {
    200: { description: 'The BusAck file: a header and one row per failed record', content: { 'text/csv': { type: 'string' } } },
    404: problem(`${NO_ACK}; or the file has no BusAck (failed at file level, or empty)`),
  },
};

export const getTrialBusAckJson: Operation = {
  operationId: 'getTrialBusAckJson',
  method: 'GET',
  path: '/v1/trials/{id}/busack.json',
  summary: "A held trial batch file's BusAck in the pipeline's JSON form: the same failed rows as busack.csv, with a summary; never a value",
  description:
    "As `GET /v1/submissions/{id}/busack.json`, for a trial run while its report is held (the report's `trial.busAckJsonUrl`), under the trial id. " +
    'A held report without row outcomes (another standard) answers 404, as an unknown id does. ' +
    NO_BUS_ACK,
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: trialId },
  responses: {
    200: { description: 'The BusAck JSON report', content: { 'application/json': BusAckJson } },
    404: problem(`${NO_ACK}; or the file has no BusAck (failed at file level, or empty)`),
  },
};

export const getTrialInfAck: Operation = {
  operationId: 'getTrialInfAck',
  method: 'GET',
  path: '/v1/trials/{id}/infack.csv',
  summary: "A held trial batch file's InfAck, as the national immunisation pipeline would answer: Success, or Failure when the file itself has an error",
  description:
    "As `GET /v1/submissions/{id}/infack.csv`, for a trial run while its report is held (the report's `trial.infAckUrl`), under the trial id; a held report without row outcomes answers 404.",
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: trialId },
  responses: {
    200: { description: 'The InfAck file: a header and one row', content: { 'text/csv': { type: 'string' } } },
    404: problem(NO_ACK),
  },
};
