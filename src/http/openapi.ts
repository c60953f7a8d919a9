/**
 * The OpenAPI 3.1 contract of the HTTP API. Tests check every response they receive against it
 * (test/support/openapi.ts), so it cannot drift from what the service does.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The standard id, e.g. emergency-care-attendance' };
const versionParam = { name: 'version', in: 'path', required: true, schema: { type: 'string' }, description: 'An exact version, `latest`, or a major or minor such as `2`' };
const authors = [{ bearer: [] }];
const summaryRequired = ['id', 'title', 'owner', 'description', 'latestVersion', 'status'] as const;
const summaryProperties = {
  id: { type: 'string' },
  title: { type: 'string' },
  owner: { type: 'string' },
  description: { type: 'string' },
  latestVersion: { type: ['string', 'null'] },
  status: { type: ['string', 'null'], enum: ['draft', 'published', 'deprecated', 'retired', null] },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Conform',
    version: '1.0.0',
    description: 'Health and care data standards: a registry of versioned JSON Schema standards with semantic compatibility, and validation of submissions.',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `conform tokens create`; authors and admins publish.' } },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } }, required: ['detail'] } },
        },
      },
      StandardSummary: {
        type: 'object',
        required: [...summaryRequired],
        properties: summaryProperties,
        additionalProperties: false,
      },
      VersionSummary: {
        type: 'object',
        required: ['version', 'status', 'contentHash', 'publishedAt', 'changelog'],
        properties: {
          version: { type: 'string' },
          status: { enum: ['draft', 'published', 'deprecated', 'retired'] },
          contentHash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
          publishedAt: { type: 'string', format: 'date-time' },
          changelog: { type: 'string' },
        },
        additionalProperties: false,
      },
      StandardDetail: {
        type: 'object',
        required: [...summaryRequired, 'metadata', 'versions'],
        properties: {
          ...summaryProperties,
          metadata: { type: 'object', description: 'Record key, event date, submission deadline, compatibility policy, sensitive fields' },
          versions: { type: 'array', items: ref('VersionSummary') },
        },
        additionalProperties: false,
      },
      VersionDetail: {
        type: 'object',
        required: ['standard', 'version', 'status', 'contentHash', 'publishedAt', 'changelog', 'schema'],
        properties: {
          standard: { type: 'string' },
          version: { type: 'string' },
          status: { enum: ['draft', 'published', 'deprecated', 'retired'] },
          contentHash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
          publishedAt: { type: 'string', format: 'date-time' },
          changelog: { type: 'string' },
          schema: { type: 'object', description: 'The JSON Schema (2020-12) of one record' },
        },
        additionalProperties: false,
      },
      StandardMetadataInput: {
        type: 'object',
        required: ['title', 'owner', 'description'],
        properties: {
          title: { type: 'string' },
          owner: { type: 'string' },
          description: { type: 'string' },
          recordKey: { type: 'array', items: { type: 'string' } },
          eventDate: { type: 'string' },
          submissionDeadline: { type: 'string' },
          compatibility: { enum: ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] },
          sensitiveFields: { type: 'array', items: { type: 'string' } },
          quality: { type: 'object', properties: { defaultThresholds: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 } } } },
        },
        additionalProperties: false,
      },
      Change: {
        type: 'object',
        required: ['kind', 'path', 'breaksSuppliers', 'breaksConsumers', 'explanation'],
        properties: {
          kind: { type: 'string', description: 'e.g. property-added, required-added, enum-value-removed, pattern-changed' },
          path: { type: 'string', description: 'JSON pointer into the record; array items are /items' },
          breaksSuppliers: { type: 'boolean', description: 'data valid under the old version may be rejected' },
          breaksConsumers: { type: 'boolean', description: 'data valid under the new version may fall outside the old' },
          undecidable: { type: 'boolean', description: 'the rules cannot decide; treated as breaking' },
          explanation: { type: 'string' },
          before: {},
          after: {},
        },
        additionalProperties: false,
      },
      Finding: {
        type: 'object',
        required: ['record', 'line', 'path', 'rule', 'message', 'severity'],
        properties: {
          record: { type: 'integer', minimum: 0, description: '1-based record number; 0 for the file as a whole' },
          line: { type: 'integer', minimum: 0, description: 'Line the record starts on; 0 when not applicable' },
          path: { type: 'string', description: 'JSON pointer to the field' },
          rule: { type: 'string', description: 'JSON Schema keyword, consistency rule id, or reading rule' },
          message: { type: 'string', description: 'Written from the schema; never contains a value from the data' },
          severity: { enum: ['error', 'warning'] },
        },
        additionalProperties: false,
      },
      Report: {
        type: 'object',
        required: ['standard', 'format', 'gzip', 'valid', 'stats', 'findings', 'maxFindings', 'truncated', 'summary', 'summaryTruncated'],
        properties: {
          standard: { type: 'object', required: ['id', 'version', 'contentHash'], properties: { id: { type: 'string' }, version: { type: 'string' }, contentHash: { type: 'string' } }, additionalProperties: false },
          format: { enum: ['json', 'ndjson', 'csv'] },
          gzip: { type: 'boolean' },
          valid: { type: 'boolean' },
          stats: {
            type: 'object',
            required: ['records', 'valid', 'invalid', 'findings', 'bytes', 'seconds'],
            properties: {
              records: { type: 'integer' }, valid: { type: 'integer' }, invalid: { type: 'integer' }, findings: { type: 'integer' },
              bytes: { type: 'integer' }, compressedBytes: { type: 'integer' }, seconds: { type: 'number' },
            },
            additionalProperties: false,
          },
          findings: { type: 'array', items: ref('Finding') },
          maxFindings: { type: 'integer' },
          truncated: { type: 'boolean' },
          summary: {
            type: 'array',
            items: {
              type: 'object',
              required: ['path', 'rule', 'severity', 'count', 'firstRecords'],
              properties: { path: { type: 'string' }, rule: { type: 'string' }, severity: { enum: ['error', 'warning'] }, count: { type: 'integer' }, firstRecords: { type: 'array', items: { type: 'integer' }, maxItems: 5 } },
              additionalProperties: false,
            },
          },
          summaryTruncated: { type: 'boolean' },
          warnings: { type: 'array', items: { type: 'string' } },
          scorecard: ref('Scorecard'),
          submission: { type: 'object', required: ['id', 'createdAt'], properties: { id: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } }, additionalProperties: false },
        },
        additionalProperties: false,
      },
      Scorecard: {
        type: 'object',
        required: ['overall', 'weights', 'dimensions', 'accuracy', 'plan', 'counts'],
        description: 'Data quality per dimension (docs/quality.md); recomputable from its plan and counts',
        properties: {
          overall: { type: ['number', 'null'], minimum: 0, maximum: 100 },
          weights: { type: 'object', additionalProperties: { type: 'number' } },
          dimensions: {
            type: 'object',
            required: ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'],
            additionalProperties: {
              type: 'object',
              required: ['measured', 'score', 'formula', 'counts'],
              properties: {
                measured: { type: 'boolean' },
                score: { type: ['number', 'null'], minimum: 0, maximum: 100 },
                formula: { type: 'string' },
                note: { type: 'string' },
                counts: { type: 'object' },
                fields: { type: 'array', items: { type: 'object', required: ['field', 'score'] } },
              },
            },
          },
          accuracy: { type: 'object', required: ['measured', 'note'], properties: { measured: { const: false }, note: { type: 'string' } } },
          plan: { type: 'object' },
          counts: { type: 'object' },
        },
      },
      OperationOutcome: {
        type: 'object',
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
      },
      SubmissionSummary: {
        type: 'object',
        required: ['id', 'organisation', 'standard', 'version', 'createdAt', 'valid', 'records'],
        properties: {
          id: { type: 'string' }, organisation: { type: ['string', 'null'] }, standard: { type: 'string' }, version: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' }, valid: { type: 'boolean' }, records: { type: 'integer' },
        },
        additionalProperties: false,
      },
      AuditEntry: {
        type: 'object',
        required: ['id', 'at', 'actor', 'action', 'standardId', 'version', 'contentHash'],
        properties: {
          id: { type: 'integer' },
          at: { type: 'string', format: 'date-time' },
          actor: { type: 'string' },
          action: { enum: ['publish', 'deprecate', 'retire', 'standard-update', 'token-create', 'token-revoke'] },
          standardId: { type: ['string', 'null'] },
          version: { type: ['string', 'null'] },
          contentHash: { type: ['string', 'null'] },
        },
        additionalProperties: false,
      },
    },
  },
  paths: {
    '/v1/standards': {
      get: {
        summary: 'List standards with their latest version',
        responses: { 200: { description: 'The standards', content: json({ type: 'object', required: ['standards'], properties: { standards: { type: 'array', items: ref('StandardSummary') } }, additionalProperties: false }) } },
      },
    },
    '/v1/standards/{id}': {
      parameters: [idParam],
      get: {
        summary: 'A standard: metadata and versions',
        responses: { 200: { description: 'The standard', content: json(ref('StandardDetail')) }, 404: problem('No such standard; the detail lists those that exist') },
      },
      put: {
        summary: 'Create or update a standard\'s metadata',
        security: authors,
        requestBody: { required: true, content: json(ref('StandardMetadataInput')) },
        responses: {
          200: { description: 'Updated', content: json(ref('StandardDetail')) },
          201: { description: 'Created', content: json(ref('StandardDetail')) },
          400: problem('Not a JSON object, or not a valid id'),
          401: problem('No valid token'),
          403: problem('Not an author or admin token'),
          415: problem('Not application/json'),
          422: problem('Invalid metadata, each problem listed'),
        },
      },
    },
    '/v1/standards/{id}/versions/{version}': {
      parameters: [idParam, versionParam],
      get: {
        summary: 'A version and its schema',
        responses: { 200: { description: 'The version', content: json(ref('VersionDetail')) }, 404: problem('No such standard or version; the detail lists what exists') },
      },
      put: {
        summary: 'Publish a version (JSON or YAML schema)',
        description: 'The version must be exact. The first version of an unknown id creates the standard.',
        security: authors,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object' } }, 'application/yaml': { schema: { type: 'string' } } },
        },
        responses: {
          200: { description: 'The same content was already published under this version', content: json(ref('VersionDetail')) },
          201: { description: 'Published', content: json(ref('VersionDetail')) },
          400: problem('Not JSON or YAML, or not a semantic version'),
          401: problem('No valid token'),
          403: problem('Not an author or admin token'),
          409: problem('This version is published with other content'),
          413: problem('The schema is larger than the limit'),
          415: problem('Not a JSON or YAML content type'),
          422: problem('Does not compile in strict mode, or breaks semver or the compatibility policy; each change listed'),
        },
      },
    },
    '/v1/standards/{id}/changes': {
      parameters: [idParam],
      get: {
        summary: 'Classified changes between two versions',
        parameters: [
          { name: 'from', in: 'query', schema: { type: 'string' }, description: 'Default: the version before `to`' },
          { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Default: latest' },
        ],
        responses: {
          200: {
            description: 'The changes, each with whom it breaks and why, and the bump they need under the policy',
            content: json({
              type: 'object',
              required: ['standard', 'from', 'to', 'policy', 'requiredBump', 'problems', 'changes'],
              properties: {
                standard: { type: 'string' },
                from: { type: 'string' },
                to: { type: 'string' },
                policy: { type: 'string' },
                requiredBump: { enum: ['major', 'minor', 'patch', 'none'] },
                problems: { type: 'array', items: { type: 'string' }, description: 'Where the versions as published break semver under the policy' },
                changes: { type: 'array', items: ref('Change') },
              },
              additionalProperties: false,
            }),
          },
          400: problem('No earlier version to compare with'),
          404: problem('No such standard or version'),
        },
      },
    },
    '/v1/standards/{id}/versions/{version}/deprecate': {
      parameters: [idParam, versionParam],
      post: {
        summary: 'Mark a version deprecated',
        security: authors,
        responses: {
          200: { description: 'Deprecated', content: json(ref('VersionDetail')) },
          400: problem('Not an exact version'),
          401: problem('No valid token'),
          403: problem('Not an author or admin token'),
          404: problem('No such standard or version'),
          409: problem('The version is retired'),
        },
      },
    },
    '/v1/standards/{id}/versions/{version}/types.ts': {
      parameters: [idParam, versionParam],
      get: {
        summary: 'TypeScript types of a version (the same file `conform types` writes), with an ETag from its content hash',
        responses: {
          200: { description: 'The types', content: { 'application/typescript': { schema: { type: 'string' } } } },
          304: { description: 'Not modified (If-None-Match matched the ETag)' },
          404: problem('No such standard or version'),
        },
      },
    },
    '/v1/standards/{id}/versions/{version}/bundle': {
      parameters: [idParam, versionParam],
      get: {
        summary: 'A version\'s schema with the shared definitions it uses, for generating validators elsewhere (`conform types --server`)',
        responses: {
          200: { description: 'The bundle', content: json({ type: 'object', required: ['standard', 'version', 'contentHash', 'schemaId', 'schema', 'shared'] }) },
          304: { description: 'Not modified' },
          404: problem('No such standard or version'),
        },
      },
    },
    '/v1/standards/{id}/versions/{version}/validate': {
      parameters: [idParam, versionParam],
      post: {
        summary: 'Validate a submission (JSON record or array, NDJSON, CSV; optionally gzip) and store its report',
        description: 'The body is streamed record by record. The size limit counts bytes after decompression. Accept: application/fhir+json returns a FHIR R4 OperationOutcome.',
        security: authors,
        parameters: [{ name: 'maxFindings', in: 'query', schema: { type: 'integer', minimum: 0 } }],
        requestBody: { required: true, content: { 'application/json': {}, 'application/x-ndjson': {}, 'text/csv': {} } },
        responses: {
          201: { description: 'The report, with the stored submission id', content: { ...json(ref('Report')), 'application/fhir+json': { schema: ref('OperationOutcome') } } },
          400: problem('The body cannot be read (corrupt gzip, UTF-16, unusable CSV header) or a bad maxFindings'),
          401: problem('No valid token'),
          403: problem('Not a supplier or admin token'),
          404: problem('No such standard or version; the detail lists what exists'),
          410: problem('The version is retired'),
          413: problem('The data is larger than the limit (after decompression)'),
          415: problem('Not application/json, application/x-ndjson or text/csv'),
        },
      },
    },
    '/v1/submissions': {
      get: {
        summary: 'Stored submissions, newest first: a supplier sees its own, authors and admins all',
        security: authors,
        parameters: [{ name: 'standard', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }],
        responses: {
          200: { description: 'Submissions', content: json({ type: 'object', required: ['submissions'], properties: { submissions: { type: 'array', items: ref('SubmissionSummary') } }, additionalProperties: false }) },
          401: problem('No valid token'),
        },
      },
    },
    '/v1/submissions/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        summary: 'A stored report (another supplier\'s answers exactly like one that does not exist)',
        security: authors,
        responses: { 200: { description: 'The report', content: json(ref('Report')) }, 401: problem('No valid token'), 404: problem('No such submission') },
      },
    },
    '/v1/quality': {
      get: {
        summary: 'Quality over time: scorecards of stored submissions of a standard, and suppliers ranked by overall score',
        description: 'Suppliers see only their own submissions; authors and admins all (optionally one supplier).',
        security: authors,
        parameters: [
          { name: 'standard', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'supplier', in: 'query', schema: { type: 'string' }, description: 'ODS code' },
          { name: 'from', in: 'query', schema: { type: 'string' }, description: 'Date or date-time, inclusive' },
          { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Date or date-time, inclusive' },
        ],
        responses: {
          200: {
            description: 'Points oldest first, and the supplier ranking',
            content: json({
              type: 'object',
              required: ['standard', 'points', 'suppliers'],
              properties: {
                standard: { type: 'string' },
                points: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['submission', 'supplier', 'version', 'createdAt', 'records', 'overall', 'dimensions'],
                    properties: {
                      submission: { type: 'string' }, supplier: { type: ['string', 'null'] }, version: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' },
                      records: { type: 'integer' }, overall: { type: ['number', 'null'] }, dimensions: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
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
                      rank: { type: 'integer' }, supplier: { type: 'string' }, submissions: { type: 'integer' },
                      latestOverall: { type: ['number', 'null'] }, meanOverall: { type: ['number', 'null'] }, latestAt: { type: 'string', format: 'date-time' },
                    },
                    additionalProperties: false,
                  },
                },
              },
              additionalProperties: false,
            }),
          },
          400: problem('No standard given, or a bad date'),
          401: problem('No valid token'),
          404: problem('No such standard'),
        },
      },
    },
    '/v1/audit': {
      get: {
        summary: 'The audit log, newest first (admins)',
        security: authors,
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }],
        responses: {
          200: { description: 'Entries', content: json({ type: 'object', required: ['entries'], properties: { entries: { type: 'array', items: ref('AuditEntry') } }, additionalProperties: false }) },
          401: problem('No valid token'),
          403: problem('Not an admin token'),
        },
      },
    },
    '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } } },
    '/health': { get: { summary: 'Liveness', responses: { 200: { description: 'Up', content: json({ type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }) } } } },
    '/ready': {
      get: {
        summary: 'Readiness: the store answers',
        responses: {
          200: { description: 'Ready', content: json({ type: 'object', required: ['status', 'store'], properties: { status: { const: 'ready' }, store: { enum: ['sqlite', 'postgres'] } } }) },
          503: { description: 'The store does not answer', content: json({ type: 'object', required: ['status', 'store'], properties: { status: { const: 'unavailable' }, store: { type: 'string' } } }) },
        },
      },
    },
  },
} as const;
