/** GET /v1/quality: scorecards over time, and suppliers ranked. */
import { dateBound, standardFilter } from '../parameters.js';
import { ORGANISATION_CODE_SOURCE, ORGANISATION_CODE_WORDS } from '../../../validation/health-formats.js';
import { json, problem } from '../responses.js';
import type { Operation } from '../types.js';
import { READERS } from './access.js';

export const getQuality: Operation = {
  operationId: 'getQuality',
  method: 'GET',
  path: '/v1/quality',
  summary: 'Quality over time: scorecards of stored submissions of a standard, and suppliers ranked by overall score',
  description:
    "Suppliers see only their own submissions; authors and admins all (optionally one supplier). `points` are the latest 1,000 scored submissions made between `from` and `to`, ordered by reporting period (a submission without one by when it was made), validity first; each supplier's figures cover all of its submissions made in that time, its latest being that of the latest period. Computed by the database from stored scores, never from the reports.",
  tags: ['quality'],
  access: READERS,
  query: {
    standard: standardFilter('The standard', true),
    supplier: {
      description: `The code of one supplier, an ODS code or supplier code (${ORGANISATION_CODE_WORDS}, such as B86001 or DPSREDUCED; authors and admins)`,
      schema: { type: 'string', pattern: `^${ORGANISATION_CODE_SOURCE}$` },
      message: `must be an ODS code or supplier code (${ORGANISATION_CODE_WORDS})`,
    },
    from: dateBound('Received from: a date (the UK day, from midnight UK time) or date-time, inclusive'),
    to: dateBound('Received to: a date (the UK day, to midnight UK time at its end) or date-time, inclusive'),
  },
  responses: {
    200: json('Points oldest first, and the supplier ranking', {
      type: 'object',
      required: ['standard', 'points', 'suppliers'],
      properties: {
        standard: { type: 'string' },
        points: {
          type: 'array',
          items: {
            type: 'object',
            required: ['submission', 'supplier', 'version', 'createdAt', 'period', 'records', 'validity', 'failsValidity', 'overall', 'dimensions'],
            properties: {
              submission: { type: 'string' },
              supplier: { type: ['string', 'null'] },
              version: { type: 'string' },
              createdAt: { type: 'string', format: 'date-time' },
              period: {
                description:
                  "The reporting period the submission declared, its deadline and whether the file arrived after it (UK time; timeliness scores the records against the period, not the file's arrival); null when none",
                oneOf: [
                  {
                    type: 'object',
                    required: ['id', 'start', 'end', 'deadline', 'afterDeadline'],
                    properties: {
                      id: { type: 'string' },
                      start: { type: 'string', format: 'date' },
                      end: { type: 'string', format: 'date' },
                      deadline: {
                        type: 'string',
                        format: 'date',
                        description:
                          "The last day on which the period's file is on time, under the standard's deadline when the submission was stored (for submissions stored before store migration 0018, the deadline as it stands now)",
                      },
                      afterDeadline: { type: 'boolean', description: 'The file arrived after the deadline: shown, not scored' },
                    },
                    additionalProperties: false,
                  },
                  { type: 'null' },
                ],
              },
              records: { type: 'integer' },
              validity: { type: ['number', 'null'] },
              failsValidity: { type: ['boolean', 'null'], description: 'Validity below the gate (null for submissions stored before the gate)' },
              overall: { type: ['number', 'null'] },
              dimensions: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
            },
            additionalProperties: false,
          },
        },
        suppliers: {
          type: 'array',
          items: {
            type: 'object',
            required: ['rank', 'supplier', 'submissions', 'latestOverall', 'meanOverall', 'latestAt'],
            properties: {
              rank: { type: 'integer' },
              supplier: { type: 'string' },
              submissions: { type: 'integer' },
              latestOverall: { type: ['number', 'null'] },
              meanOverall: { type: ['number', 'null'] },
              latestAt: { type: 'string', format: 'date-time' },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    }),
    404: problem('No such standard'),
  },
};
