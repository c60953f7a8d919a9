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
 *
 * However many standards use the artefact, one publish holds the shared publish lane for a bounded time
 * and reads a bounded number of schemas: the candidates are taken by standard id; the latest versions of
 * the first `maxReads` are read (each read and parsed on the event loop), and the adoptions among them
 * judged up to `maxJudged`. An adoption past that is listed not judged (`bump` null, `notJudged` naming the
 * bound); a candidate past `maxReads` is counted (`notRead`), not read: its latest version may no longer
 * use the artefact, so it is not named as an adoption (the artefact's used-by lists who uses which
 * version). Each adoption lists its first ADOPTION_CHANGES_LISTED changes, and how many there are.
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
  /** The first ADOPTION_CHANGES_LISTED changes adopting it makes; none when not judged. */
  changes: { kind: string; path: string; explanation: string }[];
  /** How many changes adopting it makes (`changes` lists the first ADOPTION_CHANGES_LISTED); null when not judged. */
  changesTotal: number | null;
  /** Why the adoption was not judged (past the adoptions one publish judges, its diff past the comparison time budget, or failed). */
  notJudged?: string;
}

/** A new artefact version's adoptions, and how many further candidates were not read (past the bound). */
export interface Adoptions {
  adoptions: Adoption[];
  /** Standards some version of which names an earlier version of the artefact, past the reads one publish makes: not read, not named. */
  notRead: number;
}

/** How much one publish spends on its adoptions (services/schema-guard.ts, from the configuration). */
export interface AdoptionBounds {
  /** Adoptions judged (a diff each, in the publish lane); past it listed not judged. */
  maxJudged: number;
  /** Candidates whose latest version is read; past it counted, not read. */
  maxReads: number;
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

/** How an adoption not judged will be: as any version is, when one adopting the artefact is published. */
const JUDGED_LATER = 'a version of the standard that adopts this one is judged when it is published';

/** Changes an adoption lists at most (the first, in the diff's order); `changesTotal` says how many there are. */
export const ADOPTION_CHANGES_LISTED = 50;

/**
 * The adoptions of `target` among `candidates` (the ids of the standards some version of which uses an
 * earlier version of it, the first by id, and how many there are in all: the store reads no more than
 * `bounds.maxReads` of them), by standard id, within `bounds`. `shared` holds `target` itself, published or not.
 */
export async function adoptionsOf(
  store: Store,
  shared: ReadonlyMap<string, unknown>,
  target: Artefact,
  candidates: { standardIds: readonly string[]; total: number },
  artefactOf: DocumentArtefact,
  comparisons: Comparisons,
  bounds: AdoptionBounds,
): Promise<Adoptions> {
  const adoptions: Adoption[] = [];
  const ids = [...new Set(candidates.standardIds)].sort();
  let judgedCount = 0;
  for (const standardId of ids.slice(0, bounds.maxReads)) {
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
    const found = { standardId: standard.id, version: latest.version, uses: uses.map((u) => u.slice('conform:'.length)) };
    if (judgedCount >= bounds.maxJudged) {
      adoptions.push({ ...found, ...notJudged(pastBound(bounds.maxJudged)) });
      continue;
    }
    judgedCount += 1;
    const policy = asPolicy(standard.metadata.compatibility);
    const adopted = withArtefact(schema, schemaId, target, artefactOf);
    // Off the event loop, in the publish lane; the stored version's patterns are run only if shown safe (pattern-gate.ts).
    const comparison = await judged(
      comparisons.run(
        'publish',
        'versions',
        {
          from: { version: latest.version, schema, schemaId },
          to: { version: latest.version, schema: adopted, schemaId },
          policy,
          listed: ADOPTION_CHANGES_LISTED,
        },
        [
          { schema, id: schemaId },
          { schema: adopted, id: schemaId },
        ],
        shared,
        undefined,
      ),
    );
    if ('notJudged' in comparison) {
      adoptions.push({ ...found, ...notJudged(comparison.notJudged) });
      continue;
    }
    const bump = comparison.needed;
    adoptions.push({
      ...found,
      bump,
      suggestedVersion: semver.inc(latest.version, bump === 'none' ? 'patch' : bump) ?? latest.version,
      changes: comparison.changes.map((c) => ({ kind: c.kind, path: c.path, explanation: c.explanation })),
      changesTotal: comparison.changesTotal,
    });
  }
  return { adoptions, notRead: Math.max(0, Math.max(candidates.total, ids.length) - bounds.maxReads) };
}

/** An adoption's fields when it was not judged, saying why. */
function notJudged(why: string): Pick<Adoption, 'bump' | 'suggestedVersion' | 'changes' | 'changesTotal' | 'notJudged'> {
  return { bump: null, suggestedVersion: null, changes: [], changesTotal: null, notJudged: why };
}

/** Why an adoption past the bound was not judged (the standards are taken by id). */
function pastBound(max: number): string {
  return `past the ${max} adoptions one publish judges (the first by standard id); ${JUDGED_LATER}`;
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
    return { notJudged: `${error.message}; ${JUDGED_LATER}` };
  }
}
