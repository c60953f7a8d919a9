/** Getting a file's columns right before it counts: suggestions of the standard a file is for, and column mappings. */
import { standardId } from '../parameters.js';
import { json, problem } from '../responses.js';
import { ColumnMapping, ColumnMappingInput, Suggestions } from '../schemas.js';
import type { Operation } from '../types.js';
import { READERS, SUPPLIERS } from './access.js';
import { SUBMISSION_MEDIA_TYPES } from './submissions.js';
import { MAPPING_MAX_BYTES, MAX_COLUMNS } from '../../../services/column-mappings.js';
import { MAX_RANKED, SUGGEST_MAX_BYTES } from '../../../services/suggestions.js';
import { MAX_RECORD_DEPTH } from '../../../validation/readers/types.js';

export { MAPPING_MAX_BYTES, SUGGEST_MAX_BYTES };

export const suggestStandards: Operation = {
  operationId: 'suggestStandards',
  method: 'POST',
  path: '/v1/suggest',
  summary: "Which standard a file is for: each standard's latest published version of each major, ranked by how many of its columns they know",
  description:
    `Send the first part of a file (at most ${SUGGEST_MAX_BYTES / 1024} KiB; more is 413): a CSV's header row, or the first JSON or NDJSON records (a cut-off last record is ignored, and a record nested more than ${MAX_RECORD_DEPTH} levels deep names no fields, as it is unreadable when validated), plain or gzip. ` +
    "The latest published version of each major of each standard (a later version within a major keeps an earlier one's fields) is matched against the column names (nested JSON fields dotted, as a CSV header writes them): `matched` name its fields, `unknown` do not, `missing` counts the fields it requires that are absent. Best first; nothing is stored. " +
    `At most ${MAX_RANKED} versions are ranked, the first by standard id (then semver): with more, the answer says \`partial: true\`; a standard past them is checked by validating against it.`,
  tags: ['submissions'],
  access: READERS,
  payload: {
    content: Object.fromEntries(Object.keys(SUBMISSION_MEDIA_TYPES).map((type) => [type, { description: `The start of a file, as for validate (${type})` }])),
  },
  responses: {
    200: json('The versions whose fields the names match, best first (at most 10)', Suggestions),
    400: problem('The start of the file cannot be read (corrupt gzip, UTF-16)'),
    413: problem(`The body is larger than ${SUGGEST_MAX_BYTES / 1024} KiB, or the CSV header row does not end within it`),
  },
};

const NOT_SUPPLIER = problem('Column mappings belong to an organisation: this token has none, or is an author token');

export const getColumnMapping: Operation = {
  operationId: 'getColumnMapping',
  method: 'GET',
  path: '/v1/standards/{id}/column-mappings',
  summary: "The caller's organisation's column mapping for this standard (its CSV header names -> the standard's fields)",
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: standardId },
  responses: { 200: json('The mapping', ColumnMapping), 403: NOT_SUPPLIER, 404: problem('No such standard, or the organisation has no mapping for it') },
};

export const putColumnMapping: Operation = {
  operationId: 'putColumnMapping',
  method: 'PUT',
  path: '/v1/standards/{id}/column-mappings',
  summary: "Save the caller's organisation's column mapping for this standard; its CSV validations and trial runs then rename those header cells",
  description:
    `The whole mapping is replaced. At most ${MAX_COLUMNS} columns, names and fields of 1 to 200 characters; every field must be a field of the latest released version of one of the standard's majors (dotted for nested fields; within a major a later version keeps the earlier's fields), and no two names may map to one field (422 naming each). ` +
    'Validate and trial apply it to CSV files unless `?mapping=none`.',
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: standardId },
  payload: {
    content: { 'application/json': ColumnMappingInput },
    schema: ColumnMappingInput,
    invalid: `a column mapping is { "columns": { "<your header name>": "<field>" } }, at most ${MAX_COLUMNS} columns`,
  },
  responses: {
    200: json('Replaced', ColumnMapping),
    201: json('Created', ColumnMapping),
    400: problem('The body is not JSON'),
    403: NOT_SUPPLIER,
    404: problem('No such standard'),
    413: problem(
      `The body is larger than ${MAPPING_MAX_BYTES / 1024} KiB: a column mapping has at most ${MAX_COLUMNS} columns, each name and field of 1 to 200 characters`,
    ),
  },
};

export const deleteColumnMapping: Operation = {
  operationId: 'deleteColumnMapping',
  method: 'DELETE',
  path: '/v1/standards/{id}/column-mappings',
  summary: "Delete the caller's organisation's column mapping for this standard",
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: standardId },
  responses: { 204: { description: 'Deleted' }, 403: NOT_SUPPLIER, 404: problem('No such standard, or no mapping for it') },
};
