/** Checks the body of `PUT /v1/standards/{id}` (standard metadata) and names what is wrong. */
import { RegistryError } from '../registry/errors.js';
import { COMPATIBILITY_POLICIES } from '../registry/standard-meta.js';
import type { StoredStandard } from '../store/types.js';

const TEXT_FIELDS = ['title', 'owner', 'description'] as const;
const OPTIONAL = ['recordKey', 'eventDate', 'submissionDeadline', 'compatibility', 'sensitiveFields', 'quality'] as const;

export function metadataInput(id: string, payload: unknown): Omit<StoredStandard, 'createdAt' | 'updatedAt'> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new RegistryError('bad-request', `"${id}" is not a standard id: lower-case words joined by hyphens`);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new RegistryError('bad-request', 'the body must be a JSON object');
  const body = payload as Record<string, unknown>;
  const errors: { pointer: string; detail: string }[] = [];
  for (const field of TEXT_FIELDS) {
    if (typeof body[field] !== 'string' || (body[field] as string).trim() === '') errors.push({ pointer: `/${field}`, detail: `${field} is required text` });
  }
  for (const key of Object.keys(body)) {
    if (!(TEXT_FIELDS as readonly string[]).includes(key) && !(OPTIONAL as readonly string[]).includes(key)) errors.push({ pointer: `/${key}`, detail: `${key} is not a metadata field` });
  }
  if (body.compatibility !== undefined && !(COMPATIBILITY_POLICIES as readonly unknown[]).includes(body.compatibility)) {
    errors.push({ pointer: '/compatibility', detail: `compatibility must be one of ${COMPATIBILITY_POLICIES.join(', ')}` });
  }
  if (errors.length > 0) throw new RegistryError('unprocessable', 'the standard metadata is not valid', errors);
  const metadata = Object.fromEntries(OPTIONAL.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
  return { id, title: body.title as string, owner: body.owner as string, description: body.description as string, metadata: { compatibility: 'BACKWARD', ...metadata } };
}
