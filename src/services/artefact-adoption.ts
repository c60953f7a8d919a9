/**
 * Which standards could adopt a new artefact version, and the bump each would need: every standard
 * whose latest version refers to an earlier version of the same artefact is diffed (registry/diff) against
 * its own schema with those references moved to the new version, under the standard's compatibility
 * policy. A code added to a list a standard uses is then MINOR for it, a code removed MAJOR, a label PATCH.
 */
import semver from 'semver';
import type { Store } from '../store/types.js';
import type { Artefact } from '../registry/artefacts/artefact.js';
import { artefactReferences } from '../registry/artefacts/refs.js';
import { versionSchemaId } from '../registry/library.js';
import { compareVersions } from '../registry/diff/history.js';
import { asPolicy } from '../registry/publish-rules.js';
import type { Bump } from '../registry/diff/compatibility.js';

export interface Adoption {
  standardId: string;
  /** The standard's latest version, which refers to `uses`. */
  version: string;
  /** The artefact version(s) it refers to now. */
  uses: string[];
  /** The smallest bump a version adopting the new artefact needs under the standard's policy. */
  bump: Bump;
  /** The version such an adoption would be, e.g. 2.0.2. */
  suggestedVersion: string;
  changes: { kind: string; path: string; explanation: string }[];
}

/** The schema with every reference to another version of the artefact moved to `target` (a copy). */
export function withArtefact(schema: unknown, schemaId: string, target: Artefact): unknown {
  const prefix = target.uri.slice(0, target.uri.lastIndexOf('/') + 1);
  const moved = new Set(
    artefactReferences(schema, schemaId)
      .filter((r) => r.document.startsWith(prefix) && r.document !== target.uri)
      .map((r) => r.ref),
  );
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k === '$ref' && typeof v === 'string' && moved.has(v)) {
          const hash = v.indexOf('#');
          return [k, hash < 0 ? target.uri : `${target.uri}${v.slice(hash)}`];
        }
        return [k, copy(v)];
      }),
    );
  };
  return copy(schema);
}

export async function adoptionsOf(store: Store, shared: ReadonlyMap<string, unknown>, target: Artefact): Promise<Adoption[]> {
  const prefix = target.uri.slice(0, target.uri.lastIndexOf('/') + 1);
  const adoptions: Adoption[] = [];
  for (const standard of await store.listStandards()) {
    const latest = (await store.listVersions(standard.id)).filter((v) => v.status === 'published' || v.status === 'deprecated').at(-1);
    if (!latest || !latest.schema.includes(prefix)) continue;
    const schemaId = versionSchemaId(standard.id, latest.version);
    const schema = JSON.parse(latest.schema) as unknown;
    const uses = [
      ...new Set(
        artefactReferences(schema, schemaId)
          .filter((r) => r.document.startsWith(prefix) && r.document !== target.uri)
          .map((r) => r.document),
      ),
    ];
    if (uses.length === 0) continue;
    const policy = asPolicy(standard.metadata.compatibility);
    const comparison = compareVersions(
      { version: latest.version, schema, schemaId },
      { version: latest.version, schema: withArtefact(schema, schemaId, target), schemaId },
      policy,
      shared,
    );
    const bump = comparison.needed;
    adoptions.push({
      standardId: standard.id,
      version: latest.version,
      uses: uses.map((u) => u.slice('conform:'.length)),
      bump,
      suggestedVersion: semver.inc(latest.version, bump === 'none' ? 'patch' : bump) ?? latest.version,
      changes: comparison.changes.map((c) => ({ kind: c.kind, path: c.path, explanation: c.explanation })),
    });
  }
  return adoptions;
}
