/** The field dictionary of a version, from its schema: name, type, use, format, description, codes with labels. */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import { deref } from '../validation/schema-walk.js';

export interface FieldEntry {
  name: string;
  pointer: string;
  type: string;
  use: 'Required' | 'Expected' | 'Optional';
  format: string;
  description: string;
  codes: { code: string; label: string; isDefault: boolean }[];
  sensitive: boolean;
}

function typeOf(s: AnySchemaObject): string {
  if (Array.isArray(s.enum)) return 'code';
  if (Array.isArray(s.type)) return s.type.join(' or ');
  return typeof s.type === 'string' ? s.type : 'any';
}

export function fieldDictionary(ajv: Ajv, schema: AnySchemaObject, schemaId: string, sensitive: readonly string[]): FieldEntry[] {
  const out: FieldEntry[] = [];
  const walk = (node: AnySchemaObject, base: string, prefix: string, namePrefix: string): void => {
    const resolved = deref(ajv, node, base);
    if (!resolved) return;
    const required = new Set<string>(Array.isArray(resolved.schema.required) ? resolved.schema.required : []);
    const expected = new Set<string>(Array.isArray(resolved.schema['x-expected']) ? resolved.schema['x-expected'] : []);
    for (const [name, own] of Object.entries((resolved.schema.properties ?? {}) as Record<string, AnySchemaObject>)) {
      const child = deref(ajv, own, resolved.base);
      if (!child) continue;
      // Keywords written beside a $ref (an enum narrowing a shared code, a description) apply too.
      const { $ref: _ref, ...ownKeywords } = own;
      const s = { ...child.schema, ...ownKeywords } as AnySchemaObject;
      const pointer = `${prefix}/${name}`;
      const labels = { ...((child.schema['x-labels'] ?? {}) as Record<string, string>), ...((own['x-labels'] ?? {}) as Record<string, string>) };
      const defaults = new Set((s['x-default-codes'] ?? []) as unknown[]);
      out.push({
        name: `${namePrefix}${name}`,
        pointer,
        type: typeOf(s),
        use: required.has(name) ? 'Required' : expected.has(name) ? 'Expected' : 'Optional',
        format: typeof s.format === 'string' ? s.format : typeof s.pattern === 'string' ? `pattern ${s.pattern}` : '',
        description: String(s.description ?? ''),
        codes: Array.isArray(s.enum) ? s.enum.map((c: unknown) => ({ code: String(c), label: labels[String(c)] ?? '', isDefault: defaults.has(c) })) : [],
        sensitive: sensitive.includes(pointer),
      });
      if (s.type === 'object') walk(own, resolved.base, pointer, `${namePrefix}${name}.`);
    }
  };
  walk(schema, schemaId, '', '');
  return out;
}
