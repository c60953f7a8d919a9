/**
 * The documents versions reach by `$ref`, shared by the standards and artefacts services: the library's
 * (`_common` files and bundled artefacts) and every artefact version read from the store, each added once
 * to the compiler (artefact versions never change, so what is loaded stays right). A reference to an
 * artefact published through another replica is loaded from the store on first use. Before a version is
 * published its references are checked: each must name an artefact at an exact version that exists and
 * is not retired; every one that does not is named in one 422.
 */
import type { AnySchemaObject } from 'ajv';
import type { Store } from '../store/types.js';
import type { Library } from '../registry/library.js';
import { artefactReferences, artefactUri, type ArtefactKey } from '../registry/artefacts/refs.js';
import { DomainError, type ErrorItem } from './errors.js';

export class ArtefactReferences {
  /** Every shared document by id (the map content hashes, diffs and reference rules read). */
  readonly shared: Map<string, unknown>;

  constructor(
    private readonly store: Store,
    private readonly library: Library,
  ) {
    this.shared = new Map([...library.shared].map(([id, s]) => [id, s.schema as unknown]));
  }

  /** Makes an artefact version reachable by `$ref` (idempotent). */
  register(uri: string, schema: AnySchemaObject): void {
    if (this.shared.has(uri)) return;
    this.library.validators.addShared(uri, schema);
    this.shared.set(uri, schema);
  }

  /** Loads every stored artefact version (at start), so versions referring to them compile. */
  async loadAll(): Promise<number> {
    const documents: [string, AnySchemaObject][] = [];
    for (const summary of await this.store.listArtefacts()) {
      const uri = artefactUri(summary);
      if (this.shared.has(uri)) continue;
      const stored = await this.store.getArtefact(summary.kind, summary.id, summary.version);
      if (stored) documents.push([uri, JSON.parse(stored.schema) as AnySchemaObject]);
    }
    this.registerAll(documents);
    return documents.length;
  }

  /** Loads the stored artefacts a schema refers to that this process has not seen yet. */
  async ensure(schema: unknown, schemaId: string): Promise<void> {
    // A definitions set may refer to other artefacts: those are loaded too (each once; published
    // artefacts refer only to versions published before them, so this ends).
    const queue = [{ schema, schemaId }];
    const found = new Map<string, AnySchemaObject>();
    while (queue.length > 0) {
      const next = queue.pop()!;
      for (const r of artefactReferences(next.schema, next.schemaId)) {
        if (!('key' in r.parsed) || this.shared.has(r.document)) continue;
        const { kind, id, version } = r.parsed.key;
        const stored = await this.store.getArtefact(kind, id, version);
        if (!stored) continue;
        const loaded = JSON.parse(stored.schema) as AnySchemaObject;
        if (found.has(r.document)) continue;
        found.set(r.document, loaded);
        queue.push({ schema: loaded, schemaId: r.document });
      }
    }
    this.registerAll([...found]);
  }

  /**
   * Registers documents that may refer to one another, each after those it refers to (the compiler
   * resolves a document's references when it is added): in passes, until none is left or none can be.
   */
  private registerAll(documents: [string, AnySchemaObject][]): void {
    let left = documents;
    while (left.length > 0) {
      const failed: [string, AnySchemaObject][] = [];
      let firstError: unknown;
      for (const [uri, schema] of left) {
        try {
          this.register(uri, schema);
        } catch (error) {
          failed.push([uri, schema]);
          firstError ??= error;
        }
      }
      if (failed.length === left.length) throw firstError instanceof Error ? firstError : new Error(String(firstError));
      left = failed;
    }
  }

  /**
   * Refuses a candidate whose artefact references are not exact, unknown or retired (422 naming each),
   * after loading any it names from the store.
   */
  async check(schema: unknown, schemaId: string, pointerPrefix = ''): Promise<ArtefactKey[]> {
    await this.ensure(schema, schemaId);
    const problems: ErrorItem[] = [];
    const keys = new Map<string, ArtefactKey>();
    for (const r of artefactReferences(schema, schemaId)) {
      const pointer = `${pointerPrefix}${r.pointer}`;
      if ('problem' in r.parsed) {
        problems.push({ pointer, reference: r.ref, detail: `${r.ref}: ${r.parsed.problem}` });
        continue;
      }
      const { kind, id, version } = r.parsed.key;
      const status = await this.statusOf(r.parsed.key);
      if (status === undefined) problems.push({ pointer, reference: r.ref, detail: `${r.ref}: there is no ${kind} ${id} version ${version}` });
      else if (status === 'retired')
        problems.push({ pointer, reference: r.ref, detail: `${r.ref}: ${kind} ${id} ${version} is retired; refer to a live version` });
      else keys.set(r.document, r.parsed.key);
    }
    if (problems.length > 0) {
      throw new DomainError('rejected', `the schema refers to artefacts that cannot be used: ${problems.map((p) => String(p.reference)).join(', ')}`, problems);
    }
    return [...keys.values()];
  }

  private async statusOf(key: ArtefactKey): Promise<string | undefined> {
    const stored = await this.store.getArtefact(key.kind, key.id, key.version);
    if (stored) return stored.status;
    const bundled = this.library.artefacts.get(artefactUri(key));
    return bundled && bundled.status !== 'draft' ? bundled.status : undefined;
  }
}
