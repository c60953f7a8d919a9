/**
 * The OpenAPI 3.1 document, generated from the operation declarations: paths, parameters from the
 * params and query schemas, request bodies with every accepted content type, responses (with the
 * problems every contract route can give added from its declaration), the named schemas as components,
 * and one bearer security scheme per role so each operation says which roles may call it.
 */
import type { Role } from '../../store/types.js';
import { componentName } from './component.js';
import { negotiates, problem, producedTypes, retryAfter, wwwAuthenticate } from './responses.js';
import type { Operation, ParameterSpec, ResponseSpec } from './types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, { description: string; headers?: Json; content?: Record<string, { schema: Json }> }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Json;
  servers: Json;
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, Json>; schemas: Record<string, Json> };
}

const ROLES: readonly Role[] = ['supplier', 'author', 'admin'];

const SECURITY_SCHEMES: Record<Role, string> = {
  supplier:
    "A supplier's token (`conform tokens create --role supplier --organisation <ODS code>`): validates submissions, and reads its own organisation's reports and quality.",
  author:
    "A standards author's token (`conform tokens create --role author`): edits standards' metadata, publishes and deprecates versions, reads every supplier's reports and quality.",
  admin:
    "An administrator's token (`conform tokens create --role admin`; the first is printed at the first start): everything an author may do, validating submissions, and the audit log.",
};

const TAGS: Record<string, string> = {
  standards: 'The standards in the registry and their metadata',
  versions: 'Versions of a standard: read, publish, deprecate, compare',
  artefacts: 'Shared code lists and definitions sets that standard versions refer to by exact version (conform:code-lists/<id>/<version>)',
  codegen: 'Generated code and bundles for generating it elsewhere',
  submissions: 'Validating datasets against a version, and the stored reports',
  quality: 'Data-quality scorecards over time',
  audit: 'Who published or deprecated what, and when',
  operations: 'The contract and the probes',
};

const BAD_PARAMETER = "a path or query parameter is malformed, repeated, not UTF-8 or not one of this operation's (`errors` names each)";

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
const either = (words: readonly string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`);

/** Copies a schema as JSON, writing named schemas as `$ref`s and collecting them. */
function schemaOf(schema: unknown, components: Map<string, Json>, root = false): Json {
  const name = root ? undefined : componentName(schema);
  if (name !== undefined) {
    if (!components.has(name)) {
      components.set(name, null); // reserve the place (and stop recursion) before the body is written
      components.set(name, schemaOf(schema, components, true));
    }
    return { $ref: `#/components/schemas/${name}` };
  }
  if (Array.isArray(schema)) return schema.map((item) => schemaOf(item, components));
  if (schema !== null && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, schemaOf(v, components)]),
    );
  }
  return schema as Json;
}

function parameters(where: 'path' | 'query' | 'header', specs: { readonly [name: string]: ParameterSpec } | undefined, components: Map<string, Json>): Json[] {
  return Object.entries(specs ?? {}).map(([name, spec]) => ({
    name,
    in: where,
    ...(where === 'path' || spec.required ? { required: true } : {}),
    description: spec.description,
    schema: schemaOf(spec.schema, components),
  }));
}

/** The declared responses plus the problems the contract itself gives. */
function responsesOf(operation: Operation): Record<number, ResponseSpec> {
  const responses: Record<number, ResponseSpec> = { ...operation.responses };
  const declared400 = responses[400];
  responses[400] = declared400
    ? { ...declared400, description: `${declared400.description}; or ${BAD_PARAMETER}` }
    : problem(BAD_PARAMETER.charAt(0).toUpperCase() + BAD_PARAMETER.slice(1));
  if (operation.access !== 'public') {
    responses[401] = problem('No valid bearer token', { 'WWW-Authenticate': wwwAuthenticate });
    // http/auth.ts: too many tokens that are not valid from the caller's address (or from everyone) this minute.
    const own429 = responses[429];
    responses[429] = problem(
      `${own429 ? `${own429.description}; or ` : ''}Too many requests with a token that is not valid from this address, or from all together (CONFORM_TOKEN_FAILURES_PER_ADDRESS, CONFORM_TOKEN_FAILURES_TOTAL), and this token is not valid either (a valid token is always served): try again after Retry-After`,
      { 'Retry-After': retryAfter },
    );
    const roles = operation.access;
    const own = responses[403];
    if (!ROLES.every((role) => roles.includes(role))) responses[403] = problem(`Not ${article(either(roles))} token${own ? `; or ${own.description}` : ''}`);
  }
  const produces = producedTypes(operation);
  // http/acceptable.ts: an Accept header that accepts none of the operation's answers.
  if (negotiates(produces)) responses[406] = problem(`The Accept header accepts none of ${produces.join(', ')}, the types this operation answers in`);
  if (operation.method !== 'GET') {
    // Every body is bounded: by the operation's own limit where it declares one, else by the server's default.
    responses[413] ??= problem('The body is larger than this operation reads (1 MiB, the server default; the detail names it)');
    responses[507] = problem('The storage is full: nothing was stored; retry after the time given', { 'Retry-After': retryAfter });
  }
  if (operation.payload) {
    const types = Object.keys(operation.payload.content);
    // body-coding.ts: a Content-Encoding other than one layer of gzip, or (where the type picks the format) no Content-Type;
    // body-text.ts: a charset other than UTF-8 (validation/readers/charset.ts); a CSV validated against a
    // version whose dialect reads Windows-1252 may be declared so.
    const byVersion = operation.path.includes('{version}') && types.includes('text/csv');
    const own415 = operation.responses[415];
    responses[415] = problem(
      `${own415 ? `${own415.description}; or not` : 'Not'} ${either(types)}${types.length > 1 ? ', or no Content-Type' : ''}; or a Content-Encoding other than none or one layer of gzip; or a charset other than utf-8 or us-ascii under a label the WHATWG Encoding Standard gives them (utf8, ascii …)${byVersion ? ", or windows-1252 under any of its labels (cp1252, iso-8859-1, latin1 …) for a CSV whose version's dialect reads Windows-1252 (x-csv encoding utf-8-or-windows-1252)" : ''}`,
    );
    // body-text.ts: a body the service parses whole (JSON, YAML: not a submission, whose reader reports such bytes itself).
    if (types.every((type) => /(json|yaml)$/.test(type))) {
      const own = responses[400];
      responses[400] = {
        ...own,
        description: `${own.description}; or the body has bytes that are not UTF-8 (the offset named), or a JSON object with a key twice (the pointer named)`,
      };
    }
    if (operation.payload.schema) {
      const own = responses[422];
      responses[422] = problem(`${own ? `${own.description}; or the` : 'The'} body breaks the schema (\`errors\` names each field)`);
    }
  }
  return responses;
}

function operationOf(operation: Operation, components: Map<string, Json>): OpenApiOperation {
  const params = [
    ...parameters('path', operation.params, components),
    ...parameters('query', operation.query, components),
    ...parameters('header', operation.headers, components),
  ];
  const responses = Object.fromEntries(
    Object.entries(responsesOf(operation)).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([name, h]) => [name, { description: h.description, schema: schemaOf(h.schema, components) }]),
              ),
            }
          : {}),
        ...(response.content
          ? { content: Object.fromEntries(Object.entries(response.content).map(([type, schema]) => [type, { schema: schemaOf(schema, components) }])) }
          : {}),
      },
    ]),
  );
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [...operation.tags],
    security: operation.access === 'public' ? [] : operation.access.map((role) => ({ [role]: [] })),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(operation.payload
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(Object.entries(operation.payload.content).map(([type, schema]) => [type, { schema: schemaOf(schema, components) }])),
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(operations: readonly Operation[], info: { title: string; version: string; description: string }): OpenApiDocument {
  const components = new Map<string, Json>();
  const paths: OpenApiDocument['paths'] = {};
  const ids = new Set<string>();
  for (const operation of operations) {
    if (ids.has(operation.operationId)) throw new Error(`operationId ${operation.operationId} is declared twice`);
    ids.add(operation.operationId);
    const method = operation.method.toLowerCase();
    const path = (paths[operation.path] ??= {});
    if (path[method]) throw new Error(`${operation.method} ${operation.path} is declared twice`);
    path[method] = operationOf(operation, components);
  }
  const used = new Set(operations.flatMap((o) => o.tags));
  const unknown = [...used].filter((tag) => !(tag in TAGS));
  if (unknown.length > 0) throw new Error(`undescribed tags: ${unknown.join(', ')}`);
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: '/' }],
    tags: Object.entries(TAGS)
      .filter(([name]) => used.has(name))
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: Object.fromEntries(ROLES.map((role) => [role, { type: 'http', scheme: 'bearer', description: SECURITY_SCHEMES[role] }])),
      schemas: Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
