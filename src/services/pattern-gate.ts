/**
 * Which stored patterns the compatibility diff may run (registry/diff/pattern-runs.ts): those that pass the
 * pattern-safety check publish applies to a candidate (validation/pattern-safety.ts). A version stored
 * before that check existed, or written straight into the store, may hold a pattern that takes exponential
 * time; the diff runs patterns (on the compare worker: comparisons.ts), so before it compares stored schemas their patterns are
 * analysed on the compile worker (off the event loop, within the compile time budget), and only those
 * shown safe are run: those of the two schemas and of the shared documents they reach, not of every shared
 * document (one no comparison reads costs nothing and makes nothing undecidable). Verdicts are kept by pattern text (a pattern's safety is the text's alone), at most
 * MAX_VERDICTS of them; a pattern not analysed in time is not run and not remembered.
 */
import type { AnySchemaObject } from 'ajv';
import type { PatternGate } from '../registry/diff/pattern-runs.js';
import { schemaPatterns } from '../validation/pattern-safety.js';
import { reachedDocuments } from '../validation/schema-refs.js';
import type { Validators } from '../validation/validators.js';
import { BoundedCache } from '../validation/parallel/bounded-cache.js';
import { checksBusy, type SchemaGuard } from './schema-guard.js';

/** The most pattern verdicts kept (the oldest forgotten first). */
export const MAX_VERDICTS = 10_000;

const PROBE_ID = 'https://conform.invalid/pattern-probe';

export class PatternVerdicts {
  private readonly safe = new BoundedCache<boolean>(MAX_VERDICTS);

  constructor(
    private readonly validators: Validators,
    private readonly guard: SchemaGuard,
  ) {}

  /** Every pattern of a schema that has just passed the pattern-safety check (a candidate, at publish). */
  vouch(schema: unknown): void {
    for (const { source } of schemaPatterns(schema)) this.safe.set(source, true);
  }

  /**
   * The gate for comparing these schemas (each with its id, the base of its `$ref`s): their patterns and
   * those of the shared documents they reach through `$ref` (schema-refs.ts reachedDocuments), no other
   * shared document's, each not yet judged analysed first.
   */
  async gate(schemas: readonly { schema: unknown; id: string }[], shared: ReadonlyMap<string, unknown>): Promise<PatternGate> {
    const safe = new Set(await this.safeSources([...schemas.map((s) => s.schema), ...reachedDocuments(schemas, shared).values()]));
    return (source) => safe.has(source);
  }

  /** The patterns of these documents shown safe (the gate's, as a list a worker can be given). */
  async safeSources(documents: Iterable<unknown>): Promise<string[]> {
    const sources = new Set<string>();
    for (const document of documents) for (const { source } of schemaPatterns(document)) sources.add(source);
    const unknown = [...sources].filter((s) => this.safe.get(s) === undefined);
    const now = new Map<string, boolean>();
    if (unknown.length > 0) {
      const probe: AnySchemaObject = { allOf: unknown.map((pattern) => ({ pattern })) };
      const result = await this.validators.check(PROBE_ID, probe, {
        timeoutMs: this.guard.compileTimeoutMs,
        patternTimeoutMs: this.guard.patternTimeoutMs,
        compile: false,
      });
      // The queue of checks is full: no comparison now (one judged without these patterns would be cautious for no reason of its own).
      if (result.kind === 'busy') throw checksBusy(result.max);
      if (result.kind === 'ok' || result.kind === 'patterns') {
        const refused = new Set(result.kind === 'patterns' ? result.problems.map((p) => p.pointer) : []);
        unknown.forEach((source, i) => this.safe.set(source, !refused.has(`/allOf/${i}/pattern`)));
      }
      // Not analysed in time (or the worker failed): none of these runs, and they are asked again next time.
      else for (const source of unknown) now.set(source, false);
    }
    return [...sources].filter((source) => (now.get(source) ?? this.safe.get(source)) === true);
  }
}
