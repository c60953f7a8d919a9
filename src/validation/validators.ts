/**
 * Compiles each version once (cached by content hash) in one Ajv instance that also holds the shared
 * definitions. A schema that does not compile is a setup error naming the version. A compiled schema's
 * identity is its content hash: a candidate (a version not yet accepted) is compiled in a scratch Ajv
 * (on a worker thread, candidate.ts) that is thrown away, so a refused candidate can never validate anything, and the shared Ajv holds under
 * a version's `$id` only the content that was last compiled for it there.
 */
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import { createAjv, type Ajv } from './ajv.js';
import { csvColumn, fieldSchema, recordFields } from './schema-walk.js';
import type { CsvColumn } from './readers/csv.js';
import { csvLayout, type CsvLayout } from './readers/csv-dialect.js';
import { FILE_NAME_KEYWORD, type FileNameRule } from './file-name.js';
import { ADVICE_KEYWORD, adviceCheck, type AdviceCheck, type AdviceRule } from './advice.js';
import { RECORD_ACTIONS_KEYWORD, type RecordActionsRule } from './record-actions.js';
import { checkCandidate, type CandidateResult } from './candidate.js';
import { needsOwnProperties, protoFieldsForAjv } from './own-properties.js';
import { fieldLabels, fieldRanges, fieldTitles, ruleConditions } from './labels.js';
import type { Ranges } from './bounds.js';
import type { FieldTitles } from './field-label.js';
import type { Conditions, FieldLabels } from './findings.js';

export interface VersionRef {
  id: string;
  version: string;
  contentHash: string;
}

export interface CompiledVersion {
  ref: VersionRef;
  validate: ValidateFunction;
  /**
   * Whether its validator reads fields as own properties only: true only for a version naming a field
   * like an inherited member (`constructor`, `__proto__`, …; own-properties.ts).
   */
  readonly ownProperties: boolean;
  /** The CSV column for a header name, typed from the schema. */
  column(header: string): CsvColumn;
  /** The CSV dialect and the fields a header may and must name (found on first use, once). */
  readonly csvLayout: CsvLayout;
  /** The labels of the version's coded fields, for findings (found on first use, once). */
  readonly labels: FieldLabels;
  /** The labels (`title`) of the fields the version gives one, for the faces (found on first use, once). */
  readonly titles: FieldTitles;
  /** Its file-name convention (`x-file-name`), when it declares one. */
  readonly fileNameRule: FileNameRule | undefined;
  /** What its rows do to the records they identify (`x-record-actions`), when it declares it: a rule across rows. */
  readonly recordActions: RecordActionsRule | undefined;
  /** The conditions (`x-when`) of its conditional rules, for findings. */
  readonly conditions: Conditions;
  /** The numeric ranges of its schemas, for findings (found on first use, once). */
  readonly ranges: Ranges;
  /** The check of its advice (`x-advice`, warnings), when it has any. */
  readonly advice: AdviceCheck | undefined;
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
  /** The Ajv with `ownProperties`, made on first need, holding the shared schemas too (own-properties.ts). */
  private ownAjv: Ajv | undefined;

  constructor(readonly ajv: Ajv = createAjv()) {}

  private ownPropertiesAjv(): Ajv {
    if (this.ownAjv) return this.ownAjv;
    const ajv = createAjv({ ownProperties: true });
    for (const [id, schema] of this.shared) ajv.addSchema(protoFieldsForAjv({ ...schema, $id: id }));
    return (this.ownAjv = ajv);
  }

  /** Adds a shared schema (such as a `_common` file) that versions reach through `$ref`. */
  addShared(id: string, schema: AnySchemaObject): void {
    if (this.ajv.getSchema(id)) return;
    try {
      this.ajv.addSchema({ ...schema, $id: id });
      this.ajv.getSchema(id); // compiles now, so a bad shared schema fails here and not on first use
      this.ownAjv?.addSchema(protoFieldsForAjv({ ...schema, $id: id }));
      this.shared.set(id, schema);
    } catch (error) {
      this.ajv.removeSchema(id);
      throw new SchemaCompileError(`shared schema ${id}`, error);
    }
  }

  /**
   * Checks a candidate: its patterns are safe and it compiles in strict mode against the shared
   * definitions, in a scratch Ajv (nothing of it stays in this instance), on a worker thread with a time
   * budget when running from the build (candidate.ts). With `compile: false`, only the patterns.
   */
  check(
    schemaId: string,
    schema: AnySchemaObject,
    budget: { timeoutMs: number; patternTimeoutMs: number; compile?: boolean; maxWaiting?: number },
  ): Promise<CandidateResult> {
    const job = { schemaId, schema, shared: [...this.shared], patternTimeoutMs: budget.patternTimeoutMs, compile: budget.compile ?? true };
    return checkCandidate(job, budget.timeoutMs, budget.maxWaiting);
  }

  /** Whether the version of this content hash has been compiled (and is held) here. */
  isCompiled(contentHash: string): boolean {
    return this.cache.has(contentHash);
  }

  /** The compiled validator for a version, compiling it on first use. */
  compile(ref: VersionRef, schemaId: string, schema: AnySchemaObject): CompiledVersion {
    const cached = this.cache.get(ref.contentHash);
    if (cached) return cached;
    const root = { ...schema, $id: schemaId };
    // Decided once per version: own-property reads only where a field is named like an inherited member.
    const ownProperties = needsOwnProperties(schemaId, root, this.shared);
    const engine = ownProperties ? this.ownPropertiesAjv() : this.ajv;
    let validate: ValidateFunction;
    // Never reuse what an Ajv holds under this $id: it may be other content (compiled by content hash).
    this.ajv.removeSchema(schemaId);
    this.ownAjv?.removeSchema(schemaId);
    try {
      validate = engine.compile(ownProperties ? protoFieldsForAjv(root) : root);
    } catch (error) {
      engine.removeSchema(schemaId);
      throw new SchemaCompileError(`${ref.id}@${ref.version}`, error);
    }
    const columns = new Map<string, CsvColumn>();
    let labels: FieldLabels | undefined;
    let titles: FieldTitles | undefined;
    let layout: CsvLayout | undefined;
    let conditions: Conditions | undefined;
    let ranges: Ranges | undefined;
    let advice: { check: AdviceCheck | undefined } | undefined;
    const ajv = this.ajv;
    const compiled: CompiledVersion = {
      ref,
      validate,
      ownProperties,
      source: { ref, schemaId, schema, shared: [...this.shared] },
      get labels() {
        return (labels ??= fieldLabels(ajv, root, schemaId));
      },
      get titles() {
        return (titles ??= fieldTitles(ajv, root, schemaId));
      },
      get fileNameRule() {
        return fieldSchema(ajv, root, schemaId, [])?.[FILE_NAME_KEYWORD] as FileNameRule | undefined;
      },
      get recordActions() {
        return fieldSchema(ajv, root, schemaId, [])?.[RECORD_ACTIONS_KEYWORD] as RecordActionsRule | undefined;
      },
      get advice() {
        return (advice ??= { check: adviceCheck(fieldSchema(ajv, root, schemaId, [])?.[ADVICE_KEYWORD] as AdviceRule[] | undefined) }).check;
      },
      get conditions() {
        return (conditions ??= ruleConditions(root));
      },
      get ranges() {
        return (ranges ??= fieldRanges(root));
      },
      get csvLayout() {
        return (layout ??= csvLayout(fieldSchema(ajv, root, schemaId, []), recordFields(ajv, root, schemaId)));
      },
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
