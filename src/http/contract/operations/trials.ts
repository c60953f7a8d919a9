/** Trial reports: a trial run's report, held for a while in the memory of the server that ran it (never stored). */
import { problem, json } from '../responses.js';
import { Report } from '../schemas.js';
import type { Operation, ParameterSpec } from '../types.js';
import { SUPPLIERS } from './access.js';

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
  summary: "A held trial report's findings as CSV: record, spreadsheet row (CSV input), line, field, rule, severity, message; never a value",
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: trialId },
  responses: {
    200: { description: 'The findings, one row each, with a header row', content: { 'text/csv': { type: 'string' } } },
    404: problem(GONE),
  },
};
