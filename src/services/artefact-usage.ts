/**
 * Where artefact versions are used, recorded once per standard version (registry/artefacts/usage.ts
 * finds the uses: `conform:` URIs, the library's relative `_common` references, and artefacts reached
 * through another artefact). A version's uses are recorded when it is published; versions published
 * before uses were recorded, or by an older replica, or whose recording was cut short, carry no mark and
 * are recorded by the next start or used-by question (one indexed query finds them; normally none). A
 * used-by answer is one indexed read joined with each version's current status: nothing is cached per
 * replica, and a version's uses never change (neither its schema nor the exact artefact versions it names).
 */
import type { AnySchemaObject } from 'ajv';
import type { Store, StoredArtefactUse, VersionStatus } from '../store/types.js';
import { libraryArtefactOf, versionSchemaId, type Library } from '../registry/library.js';
import { artefactUses } from '../registry/artefacts/usage.js';
import { KIND_SEGMENT, type ArtefactKind } from '../registry/artefacts/refs.js';
import type { ArtefactReferences } from './artefact-references.js';

/** One standard version that uses an artefact version, and every `$ref` of it that does. */
export interface WhereUsed {
  standardId: string;
  version: string;
  status: VersionStatus;
  /** True when some `$ref` names the artefact itself; false when it is reached only through another artefact. */
  direct: boolean;
  /** Each `$ref` that leads to the artefact: its pointer, as written, and `via` the document it names when that is not the artefact. */
  references: { pointer: string; ref: string; via?: string }[];
}

/**
 * References one used-by answer lists at most (the first by standard, version and pointer): a public read,
 * so however many standard versions refer to an artefact version, one answer reads a bounded number of rows.
 */
export const USED_BY_REFERENCES_LISTED = 1000;

/** Where an artefact version is used: the standard versions of its first references, and how many references are not listed. */
export interface UsedBy {
  usedBy: WhereUsed[];
  /** References past the USED_BY_REFERENCES_LISTED listed (0 when every one is). */
  referencesNotListed: number;
}

export class ArtefactUsage {
  /** The artefact URI a document id is (a `conform:` URI, or a library `_common` file's id). */
  readonly artefactOf: (documentId: string) => string | undefined;

  constructor(
    private readonly store: Store,
    library: Library,
    private readonly references: ArtefactReferences,
  ) {
    this.artefactOf = libraryArtefactOf(library);
  }

  /** Records the uses of a stored version (idempotent: a version already recorded is left alone). */
  async record(standardId: string, version: string, schemaText: string): Promise<void> {
    const schema = JSON.parse(schemaText) as AnySchemaObject;
    const schemaId = versionSchemaId(standardId, version);
    await this.references.ensure(schema, schemaId); // artefacts published through another replica
    const uses = artefactUses(schema, schemaId, this.artefactOf, (id) => this.references.shared.get(id));
    await this.store.recordArtefactUses(standardId, version, uses);
  }

  /** Records every stored version not recorded yet; returns how many were. */
  async recordPending(): Promise<number> {
    let recorded = 0;
    for (const { standardId, version } of await this.store.listVersionsWithoutUses()) {
      const stored = await this.store.getVersion(standardId, version);
      if (!stored) continue;
      await this.record(standardId, version, stored.schema);
      recorded++;
    }
    return recorded;
  }

  /**
   * The ids of the standards some version of which names some version of this artefact itself (not through
   * another), the first `limit` by id, and how many there are in all: one query, a row a standard, however
   * many versions the artefact has, at most `limit` rows however many standards name it.
   */
  async standardsNaming(kind: ArtefactKind, id: string, limit: number): Promise<{ standardIds: string[]; total: number }> {
    await this.recordPending();
    return this.store.listArtefactNamers(kind, id, `conform:${KIND_SEGMENT[kind]}/${id}/`, limit);
  }

  /**
   * The standard versions using an artefact version (by URI), by standard then semver: those of its first
   * `limit` references (USED_BY_REFERENCES_LISTED), read with a LIMIT, and how many references are past them.
   */
  async usersOf(artefact: string, limit = USED_BY_REFERENCES_LISTED): Promise<UsedBy> {
    await this.recordPending();
    const { uses, total } = await this.store.listArtefactUses(artefact, limit);
    return { usedBy: groupUses(uses), referencesNotListed: Math.max(0, total - uses.length) };
  }
}

/** Rows (sorted by standard, version) grouped into one entry per standard version. */
export function groupUses(rows: readonly StoredArtefactUse[]): WhereUsed[] {
  const entries: WhereUsed[] = [];
  for (const row of rows) {
    let entry = entries.at(-1);
    if (!entry || entry.standardId !== row.standardId || entry.version !== row.version) {
      entry = { standardId: row.standardId, version: row.version, status: row.status, direct: false, references: [] };
      entries.push(entry);
    }
    if (row.via === undefined) entry.direct = true;
    entry.references.push({ pointer: row.pointer, ref: row.ref, ...(row.via !== undefined ? { via: row.via } : {}) });
  }
  return entries;
}
