/**
 * The shapes the API answers with, shared between operations; each is a component of the OpenAPI
 * document. The tests check every response they get against them (test/support/openapi.ts).
 */
import { standardMetadataSchema } from '../../registry/standard-meta.js';
import { component } from './component.js';
import { AUDIT_ACTIONS } from '../../services/access.js';
import { MAX_COLUMNS } from '../../services/column-mappings.js';
import { MAX_RANKED } from '../../services/suggestions.js';

const STATUSES = ['draft', 'published', 'deprecated', 'retired'] as const;
const CONTENT_HASH = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } as const;

export const Problem = component('Problem', {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: {
      type: 'string',
      format: 'uri-reference',
      maxLength: 265,
      description:
        "The request's path (never its query), as sent while no segment is longer than 80 characters nor the path than 256; else each cut marked with %E2%80%A6 (an ellipsis, percent-encoded)",
    },
    errors: {
      type: 'array',
      description:
        'Each thing wrong, and where: a parameter (`in` path or query, its `name`), a field of the body (`in` body, `pointer` "" for the body as a whole) or a header (`in` header: Authorization, Content-Type, Content-Encoding, Transfer-Encoding, Host, Expect), and a JSON pointer to it. It lists at most 50 items; past that, its detail says how many there are (for a query of more than 10,000 parameters, at least how many). A refusal about one input (an unknown or retired version, an unknown standard or submission, a stale cursor) lists that parameter; any other 404 names the path as a whole (`in` path, `pointer` ""), a 405 the method (`in` method, its `name`, and the methods the path answers in `allow`), and a 429 or 503 the limit reached (`limit`, its `max`), which nothing in the request is at fault for',
      items: {
        type: 'object',
        properties: {
          in: { enum: ['path', 'query', 'body', 'header', 'method'] },
          name: { type: 'string' },
          pointer: { type: 'string' },
          detail: { type: 'string' },
          allow: { type: 'array', items: { type: 'string' }, description: 'A 405: the methods the path answers (as the Allow header lists them)' },
          limit: {
            type: 'string',
            description:
              'The limit reached: on a 429 or 503, `validations-per-organisation` (429) or `validations-per-process` (503), validations running at once, or `version-compiles` (503), versions compiled or waiting to be compiled on the main thread at once, or `validation thread` (503), the thread validating the file was stopped by another submission and nothing was stored (try again after Retry-After seconds); on a 422, the schema limit a published schema exceeds',
          },
          max: { type: 'integer', description: 'The most the limit allows' },
          unreadable: {
            enum: ['corrupt-gzip', 'encoding', 'csv-header', 'unreadable'],
            description:
              'A submitted body that cannot be read at all: what is wrong with it (the national pipeline answers such a file with an InfAck Failure)',
          },
        },
        required: ['detail'],
      },
    },
  },
});

const summaryRequired = ['id', 'title', 'owner', 'description', 'latestVersion', 'status'] as const;
const summaryProperties = {
  id: { type: 'string' },
  title: { type: 'string' },
  owner: { type: 'string' },
  description: { type: 'string' },
  latestVersion: { type: ['string', 'null'] },
  status: { type: ['string', 'null'], enum: [...STATUSES, null] },
} as const;

export const StandardSummary = component('StandardSummary', {
  type: 'object',
  required: [...summaryRequired],
  properties: summaryProperties,
  additionalProperties: false,
});

/** When a version was published: a bundled library version's is the day its `standard.yaml` says it was released. */
const PUBLISHED_AT = {
  type: 'string',
  format: 'date-time',
  description:
    'When the version was published. A version of the bundled standards library is dated the day its standard.yaml says it was released (midnight UTC), not the day this service loaded it; the audit log keeps the load.',
} as const;

export const VersionSummary = component('VersionSummary', {
  type: 'object',
  required: ['version', 'status', 'contentHash', 'publishedAt', 'changelog'],
  properties: {
    version: { type: 'string' },
    status: { enum: [...STATUSES] },
    contentHash: CONTENT_HASH,
    publishedAt: PUBLISHED_AT,
    changelog: { type: 'string' },
  },
  additionalProperties: false,
});

export const StandardOwner = component('StandardOwner', {
  type: 'object',
  description: 'Who may change the standard besides admins (its metadata, publishing, deprecating and retiring versions)',
  required: ['owner', 'grantedAt', 'grantedBy'],
  properties: {
    owner: {
      type: 'string',
      description:
        '`token:<token id>` (one author token), `org:<ODS code>` (every author token of that organisation) or `library` (the bundled library: admins)',
    },
    grantedAt: { type: 'string', format: 'date-time' },
    grantedBy: { type: 'string', description: 'Who created the standard or granted this ownership' },
  },
  additionalProperties: false,
});

export const StandardOwners = component('StandardOwners', {
  type: 'object',
  required: ['standard', 'owners'],
  properties: { standard: { type: 'string' }, owners: { type: 'array', items: StandardOwner } },
  additionalProperties: false,
});

export const StandardDetail = component('StandardDetail', {
  type: 'object',
  required: [...summaryRequired, 'metadata', 'versions', 'owners', 'next'],
  properties: {
    ...summaryProperties,
    metadata: { type: 'object', description: 'Record key, event date, submission deadline, compatibility policy, sensitive fields' },
    versions: {
      type: 'array',
      items: VersionSummary,
      description: 'A page of the versions, oldest first (`limit`, default 100); `latestVersion` and `status` are those of the latest whatever the page',
    },
    next: {
      type: ['string', 'null'],
      format: 'uri-reference',
      description: 'The next page of the versions (the same query with `cursor`), or null on the last page',
    },
    owners: { type: 'array', items: StandardOwner, description: '`owner` above names who publishes the standard; these may change it in the registry' },
  },
  additionalProperties: false,
});

export const VersionDetail = component('VersionDetail', {
  type: 'object',
  required: ['standard', 'version', 'status', 'contentHash', 'publishedAt', 'changelog', 'schema'],
  properties: {
    standard: { type: 'string' },
    version: { type: 'string' },
    status: { enum: [...STATUSES] },
    contentHash: CONTENT_HASH,
    publishedAt: PUBLISHED_AT,
    changelog: { type: 'string' },
    schema: { type: 'object', description: 'The JSON Schema (2020-12) of one record' },
  },
  additionalProperties: false,
});

/** The body of `PUT /v1/standards/{id}`: the very schema `standard.yaml` is checked with (without id and versions). */
export const StandardMetadataInput = component('StandardMetadataInput', standardMetadataSchema);

export const Change = component('Change', {
  type: 'object',
  required: ['kind', 'path', 'breaksSuppliers', 'breaksConsumers', 'explanation'],
  properties: {
    kind: { type: 'string', description: 'e.g. property-added, required-added, enum-value-removed, pattern-changed' },
    path: { type: 'string', description: 'JSON pointer into the record; array items are /items' },
    breaksSuppliers: { type: 'boolean', description: 'data valid under the old version may be rejected' },
    breaksConsumers: { type: 'boolean', description: 'data valid under the new version may fall outside the old' },
    undecidable: { type: 'boolean', description: 'the rules cannot decide; treated as breaking' },
    explanation: { type: 'string' },
    before: { description: 'The schema value before' },
    after: { description: 'The schema value after' },
  },
  additionalProperties: false,
});

export const Finding = component('Finding', {
  type: 'object',
  required: ['record', 'line', 'path', 'rule', 'message', 'severity'],
  properties: {
    record: { type: 'integer', minimum: 0, description: '1-based record number; 0 for the file as a whole' },
    line: {
      type: 'integer',
      minimum: 0,
      description:
        'Line the record starts on; for a finding about the file as a whole (record 0), the line it is about when it has one (a byte that cannot be decoded); 0 when not applicable',
    },
    row: {
      type: 'integer',
      minimum: 2,
      description:
        'CSV only: the spreadsheet row the record is on, as a spreadsheet opens the file: empty lines are rows too, and a cell over several lines is one row (so after one, the row is less than the line)',
    },
    path: { type: 'string', description: 'JSON pointer to the field' },
    rule: { type: 'string', description: 'JSON Schema keyword, consistency rule id, or reading rule' },
    message: { type: 'string', description: 'Written from the schema; never contains a value from the data' },
    severity: { enum: ['error', 'warning'] },
  },
  additionalProperties: false,
});

const score = { type: ['number', 'null'], minimum: 0, maximum: 100 } as const;

export const DimensionScore = component('DimensionScore', {
  type: 'object',
  required: ['measured', 'score', 'formula', 'counts'],
  properties: {
    measured: { type: 'boolean' },
    score: { ...score, description: '0-100, one decimal; null when not measured' },
    formula: { type: 'string' },
    note: { type: 'string', description: 'Why the dimension is not measured, or what to know about its figure' },
    counts: {
      type: 'object',
      description:
        'The counts behind the figure (docs/quality.md): for timeliness `assessed`, `onTime`, `unassessable` and `afterSubmission` (records dated after the submission, not judged); for completeness `filled`, `cells`, `fields` (the fields measured) and `fieldsApplyingToNone` (fields that apply to no record, not measured)',
      additionalProperties: { type: ['number', 'boolean'] },
    },
    fields: {
      type: 'array',
      description: 'Per field, where the dimension is measured field by field',
      items: {
        type: 'object',
        required: ['field', 'score'],
        properties: { field: { type: 'string', description: 'JSON pointer to the field' }, score: { type: 'number' } },
        additionalProperties: { type: ['number', 'string'] },
      },
    },
  },
});

const DIMENSIONS = ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const;

export const Scorecard = component('Scorecard', {
  type: 'object',
  required: ['validity', 'status', 'failsValidity', 'validityGate', 'overall', 'weightedMean', 'weights', 'dimensions', 'dqmi', 'accuracy', 'plan', 'counts'],
  description:
    'Data quality per dimension (docs/quality.md); recomputable from its plan and counts. Validity comes first: below the gate the overall score is capped at validity and the status is `fails-validity`',
  properties: {
    validity: { ...score, description: 'The share of records that pass the schema (the validity dimension); the first figure of the headline' },
    status: { enum: ['meets-validity-gate', 'fails-validity', 'not-measured'], description: 'Validity against the gate' },
    failsValidity: { type: 'boolean', description: 'True when validity is below the gate: the overall score is then capped at validity' },
    validityGate: { type: 'number', minimum: 0, maximum: 100, description: 'The gate, out of 100 (standard.yaml quality.validityGate × 100; default 95)' },
    overall: { ...score, description: 'Weighted mean of the measured dimensions, capped at validity when validity fails the gate; null when none is measured' },
    weightedMean: { ...score, description: 'The weighted mean before the validity cap' },
    weights: { type: 'object', additionalProperties: { type: 'number' } },
    dimensions: {
      type: 'object',
      required: [...DIMENSIONS],
      properties: Object.fromEntries(DIMENSIONS.map((name) => [name, DimensionScore])),
      additionalProperties: false,
    },
    dqmi: DimensionScore,
    accuracy: { type: 'object', required: ['measured', 'note'], properties: { measured: { const: false }, note: { type: 'string' } } },
    plan: { type: 'object' },
    counts: { type: 'object' },
  },
});

const WITHDRAWAL = {
  type: 'object',
  description: 'When, by whom and why the submission was withdrawn: it no longer counts in quality trends and aggregates',
  required: ['at', 'by', 'reason'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    by: { type: 'string', description: 'The token that withdrew it' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: "The submitter's own words" },
  },
  additionalProperties: false,
} as const;

export const Withdrawal = component('Withdrawal', WITHDRAWAL);

export const WithdrawalRequest = component('WithdrawalRequest', {
  type: 'object',
  required: ['reason'],
  properties: {
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      pattern: '\\S',
      description: 'Why the submission is withdrawn: 1 to 500 characters, not only spaces',
    },
  },
  additionalProperties: false,
});

export const Report = component('Report', {
  type: 'object',
  required: ['standard', 'format', 'gzip', 'valid', 'stats', 'findings', 'maxFindings', 'truncated', 'summary', 'summaryTruncated'],
  properties: {
    standard: {
      type: 'object',
      required: ['id', 'version', 'contentHash'],
      properties: { id: { type: 'string' }, version: { type: 'string' }, contentHash: { type: 'string' } },
      additionalProperties: false,
    },
    format: { enum: ['json', 'ndjson', 'csv'] },
    gzip: { type: 'boolean' },
    valid: { type: 'boolean' },
    stats: {
      type: 'object',
      required: ['records', 'valid', 'invalid', 'findings', 'bytes', 'seconds'],
      properties: {
        records: { type: 'integer' },
        valid: { type: 'integer' },
        invalid: { type: 'integer' },
        findings: { type: 'integer' },
        bytes: { type: 'integer' },
        compressedBytes: { type: 'integer' },
        seconds: { type: 'number' },
      },
      additionalProperties: false,
    },
    findings: { type: 'array', items: Finding },
    maxFindings: { type: 'integer' },
    truncated: { type: 'boolean' },
    summary: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'rule', 'severity', 'count', 'firstRecords'],
        properties: {
          path: { type: 'string' },
          rule: { type: 'string' },
          severity: { enum: ['error', 'warning'] },
          count: { type: 'integer' },
          firstRecords: { type: 'array', items: { type: 'integer' }, maxItems: 5 },
          firstLines: {
            type: 'array',
            items: { type: 'integer' },
            maxItems: 5,
            description:
              "The lines of firstRecords (where each record starts in the file, as its findings' line), in the same order; 0 where not known. Every format (reports stored before it have none)",
          },
          firstRows: {
            type: 'array',
            items: { type: 'integer' },
            maxItems: 5,
            description:
              'CSV only: the spreadsheet rows of firstRecords, index-aligned with them (one for each, in the same order); 0 where not known, as for a finding about the file (record 0). Absent when none is known. Reports stored before it was aligned leave record 0 out, so theirs can be fewer than firstRecords',
          },
        },
        additionalProperties: false,
      },
    },
    summaryTruncated: { type: 'boolean' },
    fieldTitles: {
      type: 'object',
      description:
        'The labels (schema `title`) of the fields the findings and summary name, and of the arrays they are in, by JSON pointer with array indexes as `*`: only those the version labels. A face names a finding\'s field by it ("Vaccine code, in item 4 of Vaccinations"), the pointer beside it. Absent when the version labels none of them, and in reports stored before it was kept',
      additionalProperties: { type: 'string' },
      examples: [{ '/vaccinations/*/code': 'Vaccine code', '/vaccinations': 'Vaccinations' }],
    },
    warnings: { type: 'array', items: { type: 'string' } },
    period: {
      type: 'object',
      description: 'The reporting period the submission declared (docs/quality.md)',
      required: ['id', 'kind', 'start', 'end', 'deadline', 'submittedAt', 'afterDeadline'],
      properties: {
        id: { type: 'string', examples: ['2026-27-Q1'] },
        kind: { enum: ['month', 'quarter', 'financial-year', 'range'] },
        start: { type: 'string', format: 'date' },
        end: { type: 'string', format: 'date' },
        deadline: { type: 'string', format: 'date', description: "The last day the period's file is on time" },
        submittedAt: { type: 'string', format: 'date-time' },
        afterDeadline: { type: 'boolean', description: 'The file arrived after the deadline (UK time): shown, not scored' },
      },
      additionalProperties: false,
    },
    scorecard: Scorecard,
    submission: {
      type: 'object',
      description: 'The stored submission: when it was received, who sent it and from which file',
      required: ['id', 'createdAt'],
      properties: {
        id: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time', description: 'When the file was received' },
        organisation: { type: ['string', 'null'], description: "The submitting organisation's ODS code; null for a caller without one" },
        submitter: { type: 'string', description: 'The name of the token that submitted (never the token)' },
        fileName: {
          type: ['string', 'null'],
          maxLength: 255,
          description:
            'The file name given with the submission (`?name=`, or the uploaded file), without folders or control characters; null when none was given',
        },
        size: {
          type: ['integer', 'null'],
          minimum: 0,
          description: 'The size of the file in bytes as received (compressed when gzip); null for submissions stored before it was kept',
        },
      },
      additionalProperties: false,
    },
    trial: {
      type: 'object',
      description:
        "A trial run's report as this server holds it for a while (never stored): its id, when it is dropped, the file's name, its address (`GET /v1/trials/{id}`) and its downloads'. Absent when the report was too large to hold.",
      required: ['id', 'expiresAt', 'fileName', 'url', 'findingsUrl'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        expiresAt: { type: 'string', format: 'date-time', description: 'When the server drops the report' },
        fileName: { type: ['string', 'null'], maxLength: 255, description: 'The file name given (`?filename=`), sanitised; null when none was given' },
        url: { type: 'string', format: 'uri-reference', description: 'The report, as the Location header gives it' },
        findingsUrl: { type: 'string', format: 'uri-reference', description: 'Its findings as CSV (`GET /v1/trials/{id}/findings.csv`)' },
        busAckUrl: {
          type: 'string',
          format: 'uri-reference',
          description:
            "Its BusAck (`GET /v1/trials/{id}/busack.csv`); only when the report's row outcomes are held with it (a standard with a file-name convention, or a run asked for `Accept: text/csv`). A file without a BusAck (failed at file level, so its InfAck is a Failure; or empty) is named too, and answers 404 saying why",
        },
        busAckJsonUrl: {
          type: 'string',
          format: 'uri-reference',
          description: "Its BusAck in the pipeline's JSON form (`GET /v1/trials/{id}/busack.json`), the same rows; only beside `busAckUrl`",
        },
        infAckUrl: { type: 'string', format: 'uri-reference', description: 'Its InfAck (`GET /v1/trials/{id}/infack.csv`); only beside `busAckUrl`' },
      },
      additionalProperties: false,
    },
    withdrawn: Withdrawal,
    columnMapping: {
      type: 'object',
      description: "The CSV header cells the organisation's saved column mapping renamed before validation",
      required: ['renamed'],
      properties: {
        renamed: {
          type: 'array',
          items: {
            type: 'object',
            required: ['column', 'field'],
            properties: { column: { type: 'string' }, field: { type: 'string' } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    suggestion: {
      type: 'object',
      description: "Another standard whose fields the data's columns (CSV) or first records' fields (JSON, NDJSON) match much better than the chosen one",
      required: ['standard', 'title', 'version', 'columns', 'matched', 'chosen'],
      properties: {
        standard: { type: 'string' },
        title: { type: 'string' },
        version: { type: 'string' },
        columns: { type: 'integer', description: 'Columns or fields read' },
        matched: { type: 'integer', description: 'How many are fields of the suggested version' },
        chosen: {
          type: 'object',
          required: ['standard', 'title', 'version', 'matched'],
          properties: { standard: { type: 'string' }, title: { type: 'string' }, version: { type: 'string' }, matched: { type: 'integer' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
});

const COLUMN_NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const ColumnMappingInput = component('ColumnMappingInput', {
  type: 'object',
  required: ['columns'],
  properties: {
    columns: {
      type: 'object',
      description: "Your CSV header name -> the standard's field (dotted for nested fields, e.g. `address.postcode`)",
      maxProperties: MAX_COLUMNS,
      propertyNames: COLUMN_NAME,
      additionalProperties: COLUMN_NAME,
      examples: [{ nhs_number: 'nhsNumber', postcode: 'address.postcode' }],
    },
  },
  additionalProperties: false,
});

export const ColumnMapping = component('ColumnMapping', {
  type: 'object',
  required: ['standard', 'organisation', 'columns', 'updatedAt', 'updatedBy'],
  properties: {
    standard: { type: 'string' },
    organisation: { type: 'string', description: 'The ODS code whose CSV files it renames' },
    columns: { type: 'object', additionalProperties: { type: 'string' } },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
  additionalProperties: false,
});

export const Suggestions = component('Suggestions', {
  type: 'object',
  required: ['columns', 'suggestions'],
  properties: {
    columns: { type: 'integer', description: 'Distinct column names (or JSON fields) read from the file' },
    suggestions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['standard', 'title', 'version', 'columns', 'matched', 'unknown', 'missing', 'summary'],
        properties: {
          standard: { type: 'string' },
          title: { type: 'string' },
          version: { type: 'string' },
          columns: { type: 'integer' },
          matched: { type: 'integer', description: 'Names that are fields of this version' },
          unknown: { type: 'integer', description: 'Names that are not' },
          missing: { type: 'integer', description: 'Fields this version requires (at the top level) that no name gives' },
          summary: { type: 'string', examples: ['matches Emergency care attendance 3.0.0: 18 of 18 columns'] },
        },
        additionalProperties: false,
      },
    },
    partial: {
      const: true,
      description: `Present when the registry has more than ${MAX_RANKED} versions to rank (the latest published of each major of each standard): the first ${MAX_RANKED}, by standard id, were ranked`,
    },
  },
  additionalProperties: false,
});

export const OperationOutcome = component('OperationOutcome', {
  type: 'object',
  description: 'A FHIR R4 OperationOutcome: one issue per finding, then one with the totals',
  required: ['resourceType', 'issue'],
  properties: {
    resourceType: { const: 'OperationOutcome' },
    issue: {
      type: 'array',
      items: {
        type: 'object',
        required: ['severity', 'code', 'diagnostics', 'expression'],
        properties: {
          severity: { enum: ['fatal', 'error', 'warning', 'information'] },
          code: { type: 'string' },
          details: { type: 'object', properties: { text: { type: 'string' } } },
          diagnostics: { type: 'string' },
          expression: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
});

export const SubmissionSummary = component('SubmissionSummary', {
  type: 'object',
  required: ['id', 'organisation', 'standard', 'version', 'createdAt', 'valid', 'records'],
  properties: {
    id: { type: 'string' },
    organisation: { type: ['string', 'null'] },
    standard: { type: 'string' },
    version: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    valid: { type: 'boolean' },
    records: { type: 'integer' },
    period: { type: ['string', 'null'], description: 'The reporting period the submission declared (docs/quality.md); null when none' },
    fileName: { type: ['string', 'null'], maxLength: 255, description: 'The file name given with the submission; null when none' },
    size: { type: ['integer', 'null'], minimum: 0, description: 'The size of the file in bytes as received; null when not kept' },
    submitter: { type: 'string', description: 'The name of the token that submitted (never the token)' },
    withdrawn: { oneOf: [Withdrawal, { type: 'null' }], description: 'The withdrawal; null while the submission stands' },
  },
  additionalProperties: false,
});

export const AuditEntry = component('AuditEntry', {
  type: 'object',
  required: ['id', 'at', 'actor', 'action', 'standardId', 'version', 'contentHash', 'detail'],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string' },
    action: { enum: [...AUDIT_ACTIONS] },
    standardId: { type: ['string', 'null'] },
    version: { type: ['string', 'null'] },
    contentHash: { type: ['string', 'null'] },
    detail: {
      type: ['string', 'null'],
      description: 'The owner granted or revoked, the first owner of a created standard, the count of reports pruned, a withdrawn submission and its reason',
    },
  },
  additionalProperties: false,
});

export const Bundle = component('Bundle', {
  type: 'object',
  description:
    "A version's schema with the shared definitions it reaches, from which `conform types --server` generates the same files as from the local library",
  required: ['standard', 'version', 'contentHash', 'schemaId', 'schema', 'shared'],
  properties: {
    standard: { type: 'string' },
    version: { type: 'string' },
    contentHash: CONTENT_HASH,
    schemaId: { type: 'string', description: 'The `$id` the schema is compiled under' },
    schema: { type: 'object', description: 'The JSON Schema (2020-12) of one record' },
    shared: { type: 'object', description: 'Each shared definition the schema reaches, by its `$id`', additionalProperties: { type: 'object' } },
  },
  additionalProperties: false,
});

/** The national immunisation pipeline's BusAck JSON (validation/ack-file.ts busAckJson). */
export const BusAckJson = {
  type: 'object',
  description:
    "The national immunisation pipeline's BusAck JSON report: the same failed rows as the BusAck CSV, and a summary counted from the whole report whatever `maxFindings` was. `provider` is the submitting organisation's ODS code (the pipeline gives its supplier system), `localId` always empty (never a value)",
  required: ['system', 'version', 'generatedDate', 'provider', 'filename', 'messageHeaderId', 'summary', 'failures'],
  additionalProperties: false,
  properties: {
    system: { const: 'Immunisation FHIR API Batch Report' },
    version: { const: 1 },
    generatedDate: { type: 'string', description: 'When it was written, YYYY-MM-DDThh:mm:ss.000Z' },
    provider: { type: 'string' },
    filename: { type: 'string', description: "The file's name up to its first dot ('' when none was given)" },
    messageHeaderId: { type: 'string', description: 'The submission (or trial) id the rows are numbered under' },
    summary: {
      type: 'object',
      required: ['totalRecords', 'succeeded', 'failed', 'ingestionTime'],
      additionalProperties: false,
      properties: {
        totalRecords: { type: 'integer', minimum: 0, description: "The records read (the report's stats.records)" },
        succeeded: { type: 'integer', minimum: 0, description: 'Records without an error (stats.valid)' },
        failed: { type: 'integer', minimum: 0, description: 'Records with an error (stats.invalid)' },
        ingestionTime: {
          type: 'object',
          required: ['start', 'end'],
          additionalProperties: false,
          properties: {
            start: { type: 'integer', description: 'When the file was received, seconds since 1970' },
            end: { type: 'integer', description: 'When its validation ended, seconds since 1970' },
          },
        },
      },
    },
    failures: {
      type: 'array',
      description: "One per failed record, in row order; past the row outcomes' bound, a last one with rowId null says how many are not listed",
      items: {
        type: 'object',
        required: ['rowId', 'responseCode', 'responseDisplay', 'severity', 'localId', 'operationOutcome'],
        additionalProperties: false,
        properties: {
          rowId: { type: ['integer', 'null'], description: 'The data row as the pipeline numbers it (header and blank lines not counted)' },
          responseCode: { const: '30002' },
          responseDisplay: { const: 'Business Level Response Value - Processing Error' },
          severity: { const: 'Fatal' },
          localId: { const: '' },
          operationOutcome: { type: 'string', description: 'Each error as "column: message", joined with "; "' },
        },
      },
    },
  },
} as const;
