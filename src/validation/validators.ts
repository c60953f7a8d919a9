/**
 * Compiles each version once (cached by content hash) in one Ajv instance that also holds the shared
 * definitions. A schema that does not compile is a setup error naming the version. A compiled schema's
 * identity is its content hash: a candidate (a version not yet accepted) is compiled in a scratch Ajv
 * (on a worker thread, candidate.ts) that is thrown away, so a refused candidate can never validate anything, and the shared Ajv holds under
 * a version's `$id` only the content that was last compiled for it there.
 *
 * The cache is bounded (CompiledLimits: versions, and an estimate of their size), least recently used out
 * first; an evicted version is compiled again on its next use. Evicting alone would free nothing: an Ajv
 * keeps what each compile adds to its code scope (every pattern's RegExp, every compiled function a `$ref`
 * reaches) for as long as it lives, and `removeSchema` does not take it back (200 versions of 300 patterned
 * fields: 140 MiB held after the cache was cleared). So versions are compiled by generations: once the
 * Ajv of this generation has compiled as many versions, or as much, as the cache holds, the next version
 * starts a new generation with a fresh Ajv (the shared schemas added again: about 0.15 s), and the versions
 * still cached from the generation before the last are evicted with it. At most two generations are
 * held by the cache, and an old Ajv goes with the last compiled version that refers to it. A compiled
 * version held elsewhere meanwhile (a validation in progress, the library's own versions) keeps working:
 * it refers to its own generation's Ajv, never to the current one.
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
import { BoundedCache } from './parallel/bounded-cache.js';
import { DEFAULT_COMPILED_LIMITS, type CompiledLimits } from './compiled-limits.js';

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

const MIB = 1024 * 1024;

/** One Ajv (and its own-properties twin) and what it has compiled: a generation of the cache. */
interface Generation {
  id: number;
  ajv: Ajv;
  ownAjv: Ajv | undefined;
  /** Versions compiled in it and their estimated size, counted whether or not they are still cached. */
  versions: number;
  weight: number;
  /** The content hashes compiled in it (some may have been evicted since). */
  hashes: string[];
}

export class SchemaCompileError extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what} does not compile: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SchemaCompileError';
  }
}

export class Validators {
  private readonly cache: BoundedCache<{ version: CompiledVersion; generation: number }>;
  private readonly shared = new Map<string, AnySchemaObject>();
  private current: Generation;
  /** The generation before the current one: its versions stay cached until the next generation starts. */
  private previous: Generation | undefined;

  constructor(readonly limits: Readonly<CompiledLimits> = DEFAULT_COMPILED_LIMITS) {
    this.cache = new BoundedCache(limits.versions, limits.mib * MIB);
    this.current = { id: 0, ajv: createAjv(), ownAjv: undefined, versions: 0, weight: 0, hashes: [] };
  }

  /** The Ajv of the current generation: it holds every shared schema (and versions compiled in it). */
  get ajv(): Ajv {
    return this.current.ajv;
  }

  /** Generations started so far, the first included (for operators and tests). */
  get generations(): number {
    return this.current.id + 1;
  }

  /** The Ajv with `ownProperties` of the current generation, made on first need, holding the shared schemas too (own-properties.ts). */
  private ownPropertiesAjv(): Ajv {
    if (this.current.ownAjv) return this.current.ownAjv;
    const ajv = createAjv({ ownProperties: true });
    for (const [id, schema] of this.shared) ajv.addSchema(protoFieldsForAjv({ ...schema, $id: id }));
    return (this.current.ownAjv = ajv);
  }

  /**
   * Starts a new generation when the current one has compiled as many versions, or as much, as the cache
   * holds; the versions still cached from the one before it are evicted, so its Ajv can go.
   */
  private nextGenerationIfFull(): void {
    const { current } = this;
    if (current.versions < this.limits.versions && current.weight < this.limits.mib * MIB) return;
    for (const hash of this.previous?.hashes ?? []) {
      if (this.cache.peek(hash)?.generation === this.previous!.id) this.cache.delete(hash);
    }
    const ajv = createAjv();
    for (const [id, schema] of this.shared) ajv.addSchema({ ...schema, $id: id });
    this.previous = current;
    this.current = { id: current.id + 1, ajv, ownAjv: undefined, versions: 0, weight: 0, hashes: [] };
  }

  /** Adds a shared schema (such as a `_common` file) that versions reach through `$ref`. */
  addShared(id: string, schema: AnySchemaObject): void {
    if (this.ajv.getSchema(id)) return;
    try {
      this.ajv.addSchema({ ...schema, $id: id });
      this.ajv.getSchema(id); // compiles now, so a bad shared schema fails here and not on first use
      this.current.ownAjv?.addSchema(protoFieldsForAjv({ ...schema, $id: id }));
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

  /** Versions held compiled now, and their estimated size in characters (for operators and tests). */
  get held(): { versions: number; weight: number } {
    return { versions: this.cache.size, weight: this.cache.weight };
  }

  /** The compiled validator for a version, compiling it on first use. */
  compile(ref: VersionRef, schemaId: string, schema: AnySchemaObject): CompiledVersion {
    const cached = this.cache.get(ref.contentHash);
    if (cached) return cached.version;
    this.nextGenerationIfFull();
    const generation = this.current;
    const root = { ...schema, $id: schemaId };
    // Decided once per version: own-property reads only where a field is named like an inherited member.
    const ownProperties = needsOwnProperties(schemaId, root, this.shared);
    const engine = ownProperties ? this.ownPropertiesAjv() : generation.ajv;
    let validate: ValidateFunction;
    // Never reuse what an Ajv holds under this $id: it may be other content (compiled by content hash).
    generation.ajv.removeSchema(schemaId);
    generation.ownAjv?.removeSchema(schemaId);
    try {
      validate = engine.compile(ownProperties ? protoFieldsForAjv(root) : root);
    } catch (error) {
      engine.removeSchema(schemaId);
      // What a failed compile left in the Ajv's scope counts towards its generation too.
      generation.versions++;
      generation.weight += JSON.stringify(schema).length;
      throw new SchemaCompileError(`${ref.id}@${ref.version}`, error);
    }
    const columns = new Map<string, CsvColumn>();
    let labels: FieldLabels | undefined;
    let titles: FieldTitles | undefined;
    let layout: CsvLayout | undefined;
    let conditions: Conditions | undefined;
    let ranges: Ranges | undefined;
    let advice: { check: AdviceCheck | undefined } | undefined;
    // Its own generation's Ajv, for every lookup after this: the current one may be another by then.
    const ajv = generation.ajv;
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
        if (!column) columns.set(header, (column = csvColumn(ajv, root, schemaId, header)));
        return column;
      },
    };
    // The estimate of its size: its schema's text and its generated code's (a `$ref`'s own functions not
    // included), in characters.
    const weight = JSON.stringify(schema).length + validate.toString().length;
    generation.versions++;
    generation.weight += weight;
    generation.hashes.push(ref.contentHash);
    this.cache.set(ref.contentHash, { version: compiled, generation: generation.id }, weight);
    return compiled;
  }
}
