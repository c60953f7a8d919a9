/** The audit log, the contract itself, and the probes. */
import { limit } from '../parameters.js';
import { json, listOf } from '../responses.js';
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
  query: { limit },
  responses: { 200: json('Entries', listOf('entries', AuditEntry)) },
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
  summary: 'Readiness: the store answers',
  tags: ['operations'],
  access: PUBLIC,
  responses: {
    200: json('Ready', { type: 'object', required: ['status', 'store'], properties: { status: { const: 'ready' }, store: { enum: ['sqlite', 'postgres'] } } }),
    503: json('The store does not answer', {
      type: 'object',
      required: ['status', 'store'],
      properties: { status: { const: 'unavailable' }, store: { type: 'string' } },
    }),
  },
};
