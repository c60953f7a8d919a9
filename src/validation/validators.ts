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
 * its validator refers to its own generation's Ajv, never to the current one.
 *
 * Compiling a large version takes long (0.3 to 1.5 s for 1,000 fields), and on the service's main thread
 * nothing else is served meanwhile. So the service only prepares a version (`prepare`): everything a
 * submission needs of it on the main thread (labels, CSV layout, file-name rule, titles) is a walk of its
 * schema, and its validator is compiled when `validate` is first read, which happens on the main thread
 * only where it validates records itself (services/compile-gate.ts bounds those compiles). The library,
 * the CLI and the pool's threads `compile` at once.
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
  /** Its validator, compiled on this thread when first read (Validators.prepare), if it was not already. */
  readonly validate: ValidateFunction;
  /** Whether its validator has been compiled (reading `validate` would not compile). */
  readonly hasValidator: boolean;
  /**
   * Whether its validator reads fields as own properties only: true only for a version naming a field
   * like an inherited member (`constructor`, `__proto__`, …; own-properties.ts). Found on first use, once.
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
  /** Each version held, and the generation its validator was compiled in (undefined: not compiled yet). */
  private readonly cache: BoundedCache<{ version: CompiledVersion; generation: number | undefined }>;
  private compileCount = 0;
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
    budget: { timeoutMs: number; patternTimeoutMs: number; compile?: boolean; maxWaiting?: number; eachDefinition?: boolean },
  ): Promise<CandidateResult> {
    const job = {
      schemaId,
      schema,
      shared: [...this.shared],
      patternTimeoutMs: budget.patternTimeoutMs,
      compile: budget.compile ?? true,
      eachDefinition: budget.eachDefinition === true, // a definitions set: each definition compiled on its own too (candidate.ts)
    };
    return checkCandidate(job, budget.timeoutMs, budget.maxWaiting);
  }

  /** Whether the version of this content hash is held here with its validator compiled. */
  isCompiled(contentHash: string): boolean {
    return this.cache.peek(contentHash)?.version.hasValidator === true;
  }

  /** Versions held compiled now, and their estimated size in characters (for operators and tests). */
  get held(): { versions: number; weight: number } {
    return { versions: this.cache.size, weight: this.cache.weight };
  }

  /**
   * A version ready for use, its validator compiled now: what the library, the CLI and the pool's threads
   * use. A schema that does not compile throws SchemaCompileError here, and nothing of it is held.
   */
  compile(ref: VersionRef, schemaId: string, schema: AnySchemaObject): CompiledVersion {
    const version = this.prepare(ref, schemaId, schema);
    try {
      void version.validate;
    } catch (error) {
      if (this.cache.peek(ref.contentHash)?.version === version) this.cache.delete(ref.contentHash);
      throw error;
    }
    return version;
  }

  /**
   * A version ready for use, its validator compiled only when `validate` is first read: what the service
   * resolves for a submission. Its labels, CSV layout, file-name rule and the rest are walks of its schema
   * that need no compile, and a submission validated on the pool's threads is compiled there (their own
   * copy), so the main thread compiles a version only where it validates records itself. Held in the same
   * cache as compiled versions (by content hash); one not compiled yet holds no Ajv.
   */
  prepare(ref: VersionRef, schemaId: string, schema: AnySchemaObject): CompiledVersion {
    const cached = this.cache.get(ref.contentHash);
    if (cached) return cached.version;
    const root = { ...schema, $id: schemaId };
    const text = JSON.stringify(schema).length;
    const columns = new Map<string, CsvColumn>();
    let validate: ValidateFunction | undefined;
    let ownProperties: boolean | undefined;
    let labels: FieldLabels | undefined;
    let titles: FieldTitles | undefined;
    let layout: CsvLayout | undefined;
    let conditions: Conditions | undefined;
    let ranges: Ranges | undefined;
    let advice: { check: AdviceCheck | undefined } | undefined;
    // The walks look up only the shared schemas in an Ajv (schema-walk.ts): every generation holds them
    // all, so the current one serves, and a version not compiled yet refers to no Ajv of its own.
    const walks = (): Ajv => this.ajv;
    const shared = this.shared;
    const compileValidator = (): ValidateFunction => this.compileValidator(compiled, schemaId, root, text);
    const compiled: CompiledVersion = {
      ref,
      get validate() {
        return (validate ??= compileValidator());
      },
      get hasValidator() {
        return validate !== undefined;
      },
      get ownProperties() {
        // Decided once per version: own-property reads only where a field is named like an inherited member.
        return (ownProperties ??= needsOwnProperties(schemaId, root, shared));
      },
      source: { ref, schemaId, schema, shared: [...this.shared] },
      get labels() {
        return (labels ??= fieldLabels(walks(), root, schemaId));
      },
      get titles() {
        return (titles ??= fieldTitles(walks(), root, schemaId));
      },
      get fileNameRule() {
        return fieldSchema(walks(), root, schemaId, [])?.[FILE_NAME_KEYWORD] as FileNameRule | undefined;
      },
      get recordActions() {
        return fieldSchema(walks(), root, schemaId, [])?.[RECORD_ACTIONS_KEYWORD] as RecordActionsRule | undefined;
      },
      get advice() {
        return (advice ??= { check: adviceCheck(fieldSchema(walks(), root, schemaId, [])?.[ADVICE_KEYWORD] as AdviceRule[] | undefined) }).check;
      },
      get conditions() {
        return (conditions ??= ruleConditions(root));
      },
      get ranges() {
        return (ranges ??= fieldRanges(root));
      },
      get csvLayout() {
        return (layout ??= csvLayout(fieldSchema(walks(), root, schemaId, []), recordFields(walks(), root, schemaId)));
      },
      column: (header) => {
        let column = columns.get(header);
        if (!column) columns.set(header, (column = csvColumn(walks(), root, schemaId, header)));
        return column;
      },
    };
    this.cache.set(ref.contentHash, { version: compiled, generation: undefined }, text);
    return compiled;
  }

  /** Compiles done in this process so far (for operators and tests: a count, not a clock). */
  get compiles(): number {
    return this.compileCount;
  }

  /**
   * Compiles a version's validator in the current generation (a new one first if it is full), counts it
   * there, and, while the cache still holds the version, weighs it with its code. A schema that does not
   * compile throws SchemaCompileError; what the attempt left in the Ajv counts towards its generation too.
   */
  private compileValidator(version: CompiledVersion, schemaId: string, root: AnySchemaObject, text: number): ValidateFunction {
    this.nextGenerationIfFull();
    const generation = this.current;
    const ownProperties = version.ownProperties;
    const engine = ownProperties ? this.ownPropertiesAjv() : generation.ajv;
    const { ref } = version;
    let validate: ValidateFunction;
    this.compileCount++;
    // Never reuse what an Ajv holds under this $id: it may be other content (compiled by content hash).
    generation.ajv.removeSchema(schemaId);
    generation.ownAjv?.removeSchema(schemaId);
    try {
      validate = engine.compile(ownProperties ? protoFieldsForAjv(root) : root);
    } catch (error) {
      engine.removeSchema(schemaId);
      generation.versions++;
      generation.weight += text;
      throw new SchemaCompileError(`${ref.id}@${ref.version}`, error);
    }
    // The estimate of its size: its schema's text and its generated code's (a `$ref`'s own functions not
    // included), in characters.
    const weight = text + validate.toString().length;
    generation.versions++;
    generation.weight += weight;
    generation.hashes.push(ref.contentHash);
    if (this.cache.peek(ref.contentHash)?.version === version) this.cache.set(ref.contentHash, { version, generation: generation.id }, weight);
    return validate;
  }
}
