/**
 * Compiles each version once (cached by content hash) in one Ajv instance that also holds the shared
 * definitions. A schema that does not compile is a setup error naming the version.
 */
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import { createAjv, type Ajv } from './ajv.js';
import { csvColumn } from './schema-walk.js';
import type { CsvColumn } from './readers/csv.js';

export interface VersionRef {
  id: string;
  version: string;
  contentHash: string;
}

export interface CompiledVersion {
  ref: VersionRef;
  validate: ValidateFunction;
  /** The CSV column for a header name, typed from the schema. */
  column(header: string): CsvColumn;
  /** What another thread needs to compile the same validator. */
  source: VersionSource;
}

/** A version's schema with the shared schemas it may reach: plain data, so it can go to a worker thread. */
export interface VersionSource {
  ref: VersionRef;
  schemaId: string;
  schema: AnySchemaObject;
  shared: [string, AnySchemaObject][];
}

export class SchemaCompileError extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what} does not compile: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SchemaCompileError';
  }
}

export class Validators {
  private readonly cache = new Map<string, CompiledVersion>();
  private readonly shared = new Map<string, AnySchemaObject>();

  constructor(readonly ajv: Ajv = createAjv()) {}

  /** Adds a shared schema (such as a `_common` file) that versions reach through `$ref`. */
  addShared(id: string, schema: AnySchemaObject): void {
    if (this.ajv.getSchema(id)) return;
    try {
      this.ajv.addSchema({ ...schema, $id: id });
      this.ajv.getSchema(id); // compiles now, so a bad shared schema fails here and not on first use
      this.shared.set(id, schema);
    } catch (error) {
      this.ajv.removeSchema(id);
      throw new SchemaCompileError(`shared schema ${id}`, error);
    }
  }

  /** The compiled validator for a version, compiling it on first use. */
  compile(ref: VersionRef, schemaId: string, schema: AnySchemaObject): CompiledVersion {
    const cached = this.cache.get(ref.contentHash);
    if (cached) return cached;
    const root = { ...schema, $id: schemaId };
    let validate: ValidateFunction;
    try {
      validate = this.ajv.getSchema(schemaId) ?? this.ajv.compile(root);
    } catch (error) {
      this.ajv.removeSchema(schemaId);
      throw new SchemaCompileError(`${ref.id}@${ref.version}`, error);
    }
    const columns = new Map<string, CsvColumn>();
    const compiled: CompiledVersion = {
      ref,
      validate,
      source: { ref, schemaId, schema, shared: [...this.shared] },
      column: (header) => {
        let column = columns.get(header);
        if (!column) columns.set(header, (column = csvColumn(this.ajv, root, schemaId, header)));
        return column;
      },
    };
    this.cache.set(ref.contentHash, compiled);
    return compiled;
  }
}
