/** The audit log, the contract itself, and the probes. */
import { cursor, limit } from '../parameters.js';
import { json, link, pageOf } from '../responses.js';
import { AuditEntry } from '../schemas.js';
import type { Operation } from '../types.js';
import { ADMINS, PUBLIC } from './access.js';

export const listAudit: Operation = {
  operationId: 'listAudit',
  method: 'GET',
  path: '/v1/audit',
  summary: 'The audit log, newest first (admins)',
  tags: ['audit'],
  access: ADMINS,
  query: { limit, cursor },
  responses: { 200: json('A page of entries; `next` links to the next page', pageOf('entries', AuditEntry), { Link: link }) },
};

export const getOpenApi: Operation = {
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  summary: 'This document',
  tags: ['operations'],
  access: PUBLIC,
  responses: { 200: json('OpenAPI 3.1', { type: 'object' }) },
};

export const getHealth: Operation = {
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  summary: 'Liveness',
  tags: ['operations'],
  access: PUBLIC,
  responses: { 200: json('Up', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }) },
};

export const getReadiness: Operation = {
  operationId: 'getReadiness',
  method: 'GET',
  path: '/ready',
  summary: 'Readiness: the store answers and can store (a full disk makes it 503)',
  tags: ['operations'],
  access: PUBLIC,
  responses: {
    200: json('Ready', { type: 'object', required: ['status', 'store'], properties: { status: { const: 'ready' }, store: { enum: ['sqlite', 'postgres'] } } }),
    503: json('The store does not answer, or its storage is full', {
      type: 'object',
      required: ['status', 'store', 'detail'],
      properties: { status: { const: 'unavailable' }, store: { type: 'string' }, detail: { type: 'string' } },
    }),
  },
};
