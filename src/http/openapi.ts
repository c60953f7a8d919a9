/**
 * The OpenAPI 3.1 contract of the HTTP API, generated from the operation declarations
 * (src/http/contract/operations) that the routes are registered from. Tests check every response they
 * receive against it (test/support/openapi.ts), so it cannot drift from what the service does.
 */
import { buildOpenApiDocument } from './contract/openapi.js';
import { API_OPERATIONS } from './contract/operations/index.js';

export const openApiDocument = buildOpenApiDocument(API_OPERATIONS, {
  title: 'Conform',
  version: '1.0.0',
  description:
    'Health and care data standards: a registry of versioned JSON Schema standards with semantic compatibility, and validation of submissions. ' +
    'Errors are RFC 9457 problem details. Every parameter takes one value: a repeated or unknown query parameter is a 400 naming it. ' +
    'A path the API serves, asked with a method it does not answer there, is a 405 with an `Allow` header listing the methods it does answer (HEAD wherever GET); a path nothing serves is a 404.',
});
