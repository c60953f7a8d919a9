/**
 * Which standards could adopt a new artefact version, and the bump each would need: every standard
 * whose latest version refers to an earlier version of the same artefact (by its `conform:` URI or, for a
 * library `_common` definitions set, by `../_common/<name>`) is diffed (registry/diff) against its own
 * schema with those references moved to the new version, under the standard's compatibility policy. A
 * code added to a list a standard uses is then MINOR for it, a code removed MAJOR, a label PATCH. The
 * standards to look at are those the recorded uses name (artefact-usage.ts), not every standard.
 *
 * Each diff is a comparison of a standard's whole latest version (a 900-field version whose fields use a
 * 2,000-code list: some 2 s), so it runs off the event loop in the publish lane (comparisons.ts), one
 * standard after another, before the publish stores anything. A publish's comparisons queue full is a
 * 503 with Retry-After, and nothing is published (the lane is busy: a retry can succeed). A diff past the
 * comparison time budget, or that fails, does not refuse the publish: an adoption is advice to the
 * standards' authors, and the artefact version is sound whatever its users' diffs cost. That adoption is
 * listed not judged (`bump` null, `notJudged` saying why); a version of the standard that adopts it is
 * judged as any publish is.
 */
import semver from 'semver';
import type { Store } from '../store/types.js';
import type { Artefact } from '../registry/artefacts/artefact.js';
import { artefactUses, type DocumentArtefact } from '../registry/artefacts/usage.js';
import { versionSchemaId } from '../registry/library.js';
import type { Comparisons } from './comparisons.js';
import { DomainError } from './errors.js';
import { asPolicy } from '../registry/publish-rules.js';
import type { Bump } from '../registry/diff/compatibility.js';

export interface Adoption {
  standardId: string;
  /** The standard's latest version, which refers to `uses`. */
  version: string;
  /** The artefact version(s) it refers to now. */
  uses: string[];
  /** The smallest bump a version adopting the new artefact needs under the standard's policy; null when not judged. */
  bump: Bump | null;
  /** The version such an adoption would be, e.g. 2.0.2; null when not judged. */
  suggestedVersion: string | null;
  changes: { kind: string; path: string; explanation: string }[];
  /** Why the adoption was not judged (its diff took longer than the comparison time budget, or failed). */
  notJudged?: string;
}

/** The artefact versions other than `target`'s that the schema's `$ref`s name themselves, each with the `$ref`s (as written) that do. */
function otherVersionsNamed(schema: unknown, schemaId: string, target: Artefact, artefactOf: DocumentArtefact): Map<string, Set<string>> {
  const prefix = target.uri.slice(0, target.uri.lastIndexOf('/') + 1);
  const named = new Map<string, Set<string>>();
  for (const use of artefactUses(schema, schemaId, artefactOf, () => undefined)) {
    if (!use.artefact.startsWith(prefix) || use.artefact === target.uri) continue;
    named.set(use.artefact, (named.get(use.artefact) ?? new Set()).add(use.ref));
  }
  return named;
}

/** The schema with every reference to another version of the artefact moved to `target` (a copy). */
export function withArtefact(schema: unknown, schemaId: string, target: Artefact, artefactOf: DocumentArtefact): unknown {
  const moved = new Set([...otherVersionsNamed(schema, schemaId, target, artefactOf).values()].flatMap((refs) => [...refs]));
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

/** Every change an adoption lists (as it always has: an adoption names each change it would make). */
const ALL_CHANGES = Number.MAX_SAFE_INTEGER;

/**
 * The adoptions of `target` among `candidates` (the ids of the standards some version of which uses an
 * earlier version of it), by standard id. `shared` holds `target` itself, published or not.
 */
export async function adoptionsOf(
  store: Store,
  shared: ReadonlyMap<string, unknown>,
  target: Artefact,
  candidates: Iterable<string>,
  artefactOf: DocumentArtefact,
  comparisons: Comparisons,
): Promise<Adoption[]> {
  const adoptions: Adoption[] = [];
  for (const standardId of [...new Set(candidates)].sort()) {
    const standard = await store.getStandard(standardId);
    if (!standard) continue;
    // Its latest live version by index, then that one's schema: never every version's.
    const [summary] = await store.listVersionWindow(standard.id, { statuses: ['published', 'deprecated'], newestFirst: true, limit: 1 });
    const latest = summary && (await store.getVersion(standard.id, summary.version));
    if (!latest) continue;
    const schemaId = versionSchemaId(standard.id, latest.version);
    const schema = JSON.parse(latest.schema) as unknown;
    const uses = [...otherVersionsNamed(schema, schemaId, target, artefactOf).keys()];
    if (uses.length === 0) continue;
    const policy = asPolicy(standard.metadata.compatibility);
    const adopted = withArtefact(schema, schemaId, target, artefactOf);
    // Off the event loop, in the publish lane; the stored version's patterns are run only if shown safe (pattern-gate.ts).
    const comparison = await judged(
      comparisons.run(
        'publish',
        'versions',
        { from: { version: latest.version, schema, schemaId }, to: { version: latest.version, schema: adopted, schemaId }, policy, listed: ALL_CHANGES },
        [
          { schema, id: schemaId },
          { schema: adopted, id: schemaId },
        ],
        shared,
        undefined,
      ),
    );
    const found = { standardId: standard.id, version: latest.version, uses: uses.map((u) => u.slice('conform:'.length)) };
    if ('notJudged' in comparison) {
      adoptions.push({ ...found, bump: null, suggestedVersion: null, changes: [], notJudged: comparison.notJudged });
      continue;
    }
    const bump = comparison.needed;
    adoptions.push({
      ...found,
      bump,
      suggestedVersion: semver.inc(latest.version, bump === 'none' ? 'patch' : bump) ?? latest.version,
      changes: comparison.changes.map((c) => ({ kind: c.kind, path: c.path, explanation: c.explanation })),
    });
  }
  return adoptions;
}

/**
 * A diff's answer, or why it was not judged when it was refused as too long or failed (a 422: the same
 * two schemas would take as long again); a busy queue's 503 as it is.
 */
async function judged<T>(comparison: Promise<T>): Promise<T | { notJudged: string }> {
  try {
    return await comparison;
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'rejected') throw error;
    return { notJudged: `${error.message}; a version of the standard that adopts this one is judged when it is published` };
  }
}
