/**
 * Shared artefacts over the Store: publish a code list or definitions set version (JSON or YAML), read
 * one by id and version (exact, a major or minor, `latest`), list them, deprecate or retire a version,
 * and find where a version is used. Publishing checks the document (artefacts/artefact.ts), its
 * references, and its semver against the version before it (artefacts/diff.ts); a new code-list version
 * answers with the standards that could adopt it and the bump each would need.
 */
import semver from 'semver';
import { prereleaseProblem } from '../registry/release-rule.js';
import type { ArtefactEntry, ArtefactStatus, ArtefactSummary, Store, StoredArtefact } from '../store/types.js';
import { SCHEMA_BASE, type Library } from '../registry/library.js';
import { parseArtefact, type Artefact } from '../registry/artefacts/artefact.js';
import type { ArtefactComparison } from '../registry/artefacts/diff.js';
import { ARTEFACT_ID, artefactUri, KIND_SEGMENT, MAX_ARTEFACT_ID_LENGTH, type ArtefactKind } from '../registry/artefacts/refs.js';
import { canonicalJson } from '../registry/content-hash.js';
import { PUBLISH_ATTEMPTS, publishesBusy } from './publish-attempts.js';
import { DomainError } from './errors.js';
import { decodeCursor, pageOf, type Page } from './cursor.js';
import { didYouMean, NEAREST_SCANNED, nearestNames } from '../registry/nearest-names.js';
import { isExactVersion, versionPage, type VersionPageRequest } from './version-page.js';
import { pickByIndex } from './version-pick.js';
import { requireOrdered } from './version-order.js';
import { requireRole, type Principal } from './access.js';
import { isOwner, LIBRARY_OWNER, ownerOf } from './ownership.js';
import { artefactPreflight } from './artefact-preflight.js';
import type { ArtefactReferences } from './artefact-references.js';
import type { ArtefactUsage, UsedBy } from './artefact-usage.js';
import { adoptionsOf, type Adoption } from './artefact-adoption.js';
import { PatternVerdicts } from './pattern-gate.js';
import { comparisonLimits, Comparisons } from './comparisons.js';
import { checkCompiles, DEFAULT_SCHEMA_GUARD, type SchemaGuard } from './schema-guard.js';
import { BoundedCache } from '../validation/parallel/bounded-cache.js';

const AUTHORS = ['author', 'admin'] as const;
/** Changes an answer about two versions lists at most (compare); it says how many there are. */
export const CHANGES_LISTED = 1_000;
/** Comparisons of two versions remembered (compare): each holds at most CHANGES_LISTED changes. */
const COMPARISONS_REMEMBERED = 32;

/**
 * Runs a check of a definitions set's schema (its size and loops, its patterns and compilation), whose
 * refusal points into that schema (`/$defs/a/enum`): made the body's pointer (`/schema/$defs/a/enum`), as
 * the reference check's are.
 */
async function inSchema(check: () => void | Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof DomainError) for (const item of error.errors) if (typeof item.pointer === 'string') item.pointer = `/schema${item.pointer}`;
    throw error;
  }
}

export interface ArtefactPublishResult {
  outcome: 'created' | 'identical';
  artefact: StoredArtefact;
  /** For a new code-list or definitions version: the standards that refer to an earlier version of it (artefact-adoption.ts). */
  adoptions: Adoption[];
  /** Further standards some version of which refers to an earlier version of it, past the reads one publish makes: not read. */
  adoptionsNotRead: number;
}

export type { UsedBy, WhereUsed } from './artefact-usage.js';

/** The version a cursor of the artefacts list names; invalid-input for one this service did not give. */
function artefactCursor(text: string): { kind: ArtefactKind; id: string; version: string } {
  const [kind, id, version] = decodeCursor('artefacts', text, ['string', 'string', 'string']) as [string, string, string];
  if (!Object.hasOwn(KIND_SEGMENT, kind) || !ARTEFACT_ID.test(id) || !isExactVersion(version)) {
    throw new DomainError('invalid-input', 'the cursor is not one this service gave for artefacts; start again without it').about('cursor');
  }
  return { kind: kind as ArtefactKind, id, version };
}

export function checkArtefactId(id: string): void {
  if (id.length > MAX_ARTEFACT_ID_LENGTH || !ARTEFACT_ID.test(id)) {
    throw new DomainError(
      'invalid-input',
      `an artefact id is lower-case words joined by hyphens (at most ${MAX_ARTEFACT_ID_LENGTH} characters), such as ethnic-category`,
    );
  }
}

/** The artefact a stored version holds (its document, checked again: it was checked when published). */
export function artefactOf(stored: StoredArtefact): Artefact {
  return parseArtefact(JSON.parse(stored.document));
}

export class ArtefactsService {
  /** The last comparisons answered (compare), by the two versions' content hashes. */
  private readonly answered = new BoundedCache<ArtefactComparison & { changesTotal: number }>(COMPARISONS_REMEMBERED);

  constructor(
    private readonly store: Store,
    private readonly library: Library,
    private readonly references: ArtefactReferences,
    private readonly usage: ArtefactUsage,
    private readonly guard: SchemaGuard = DEFAULT_SCHEMA_GUARD,
    /** Which stored patterns the compatibility diff may run (pattern-gate.ts). */
    private readonly patterns: PatternVerdicts = new PatternVerdicts(library.validators, guard),
    /** Every comparison, off the event loop and bounded (comparisons.ts). */
    private readonly comparisons: Comparisons = new Comparisons(patterns, comparisonLimits(guard)),
  ) {}

  /** A page of artefact versions (by kind, id, then semver), from after the cursor's version. */
  async page(page: { kind?: ArtefactKind; limit: number; cursor?: string }): Promise<Page<ArtefactSummary>> {
    const after = page.cursor === undefined ? undefined : artefactCursor(page.cursor);
    const rows = await this.store.listArtefactsPage({ limit: page.limit + 1, ...(page.kind ? { kind: page.kind } : {}), ...(after ? { after } : {}) });
    return pageOf(rows, page.limit, 'artefacts', (a) => [a.kind, a.id, a.version]);
  }

  /** A page of one kind's artefacts by id, each once with its number of versions and its latest live version (else its latest). */
  async entries(kind: ArtefactKind, page: { limit: number; cursor?: string }): Promise<Page<ArtefactEntry>> {
    const list = `the ${KIND_SEGMENT[kind]}`;
    const after = page.cursor === undefined ? undefined : String(decodeCursor(list, page.cursor, ['string'], ([id]) => ARTEFACT_ID.test(String(id)))[0]);
    const rows = await this.store.listArtefactEntries(kind, { limit: page.limit + 1, ...(after !== undefined ? { after } : {}) });
    return pageOf(rows, page.limit, list, (e) => [e.id]);
  }

  /** How many versions an artefact has; a not-found (naming the nearest ids) when it has none. */
  async count(kind: ArtefactKind, id: string): Promise<number> {
    checkArtefactId(id);
    const count = await this.store.countArtefactVersions(kind, id);
    if (count === 0) throw await this.unknown(kind, id);
    return count;
  }

  /** An artefact's newest `count` versions without their text, oldest first (a compare form's choices). */
  async newestVersions(kind: ArtefactKind, id: string, count: number): Promise<ArtefactSummary[]> {
    checkArtefactId(id);
    const newest = await this.store.listArtefactWindow(kind, id, { newestFirst: true, limit: count });
    if (newest.length === 0) throw await this.unknown(kind, id);
    return newest.reverse();
  }

  /**
   * The not-found of an artefact: the few names nearest it of the NEAREST_SCANNED ids of its kind either side
   * of it in id order (two indexed reads), never the whole catalogue, which grows with the store; as for a
   * standard (standards.ts unknownStandard).
   */
  private async unknown(kind: ArtefactKind, id: string): Promise<DomainError> {
    const nearest = nearestNames(id, await this.store.listArtefactIdsAround(kind, id, NEAREST_SCANNED));
    const none = nearest.length === 0 ? `; no ${kind} has a name near it` : '';
    return new DomainError('not-found', `there is no ${kind} "${id}"${didYouMean(nearest)}${none}`).about('artefact');
  }

  /** A page of an artefact's versions without their text (oldest first unless `newestFirst`), read by index: bounded however many there are. */
  async versionPage(kind: ArtefactKind, id: string, page: VersionPageRequest): Promise<Page<ArtefactSummary>> {
    checkArtefactId(id);
    const found = await versionPage((window) => this.store.listArtefactWindow(kind, id, window), `the versions of ${KIND_SEGMENT[kind]}/${id}`, page);
    if (found.items.length === 0 && (await this.store.countArtefactVersions(kind, id)) === 0) throw await this.unknown(kind, id);
    return found;
  }

  /** An exact version, `latest`, or a major or minor (`1`, `1.0`), by the same rule as standards, picked by index (version-pick.ts). */
  async version(kind: ArtefactKind, id: string, spec: string): Promise<StoredArtefact> {
    checkArtefactId(id);
    const read = async (version: string): Promise<StoredArtefact> => {
      const found = await this.store.getArtefact(kind, id, version);
      // Versions are never deleted; one lost between the two reads answers as for any missing version.
      if (!found) throw new DomainError('not-found', `${KIND_SEGMENT[kind]}/${id} has no version ${version}`).about('version');
      return found;
    };
    try {
      return await pickByIndex(`${KIND_SEGMENT[kind]}/${id}`, spec, {
        exact: (version) => this.store.getArtefact(kind, id, version),
        window: (window) => this.store.listArtefactWindow(kind, id, window),
        read: (summary) => read(summary.version),
        count: () => this.store.countArtefactVersions(kind, id),
      });
    } catch (error) {
      // An artefact with no versions at all is not there: say so, with the nearest names.
      if (error instanceof DomainError && error.kind === 'not-found' && (await this.store.countArtefactVersions(kind, id)) === 0)
        throw await this.unknown(kind, id);
      throw error;
    }
  }

  /**
   * The classified changes between two versions of an artefact; `from` later than `to` is refused
   * (invalid-input naming both). As a standard's (StandardsService.changes): the first CHANGES_LISTED
   * changes with their count, the bump judged on all, and each pair of versions compared once.
   */
  async compare(kind: ArtefactKind, id: string, from: string, to: string): Promise<ArtefactComparison & { changesTotal: number }> {
    const [a, b] = [await this.version(kind, id, from), await this.version(kind, id, to)];
    requireOrdered(a.version, b.version);
    const key = `${kind} ${id} ${a.version} ${a.contentHash} ${b.version} ${b.contentHash}`;
    const known = this.answered.get(key);
    if (known) return known;
    await this.references.ensure(JSON.parse(a.schema), artefactUri(a));
    await this.references.ensure(JSON.parse(b.schema), artefactUri(b));
    const [before, after] = [artefactOf(a), artefactOf(b)];
    // Off the event loop, bounded, identical ones shared (comparisons.ts).
    const answer = await this.comparisons.run(
      'public',
      'artefacts',
      { before, after, listed: CHANGES_LISTED },
      [
        { schema: before.schema, id: before.uri },
        { schema: after.schema, id: after.uri },
      ],
      this.references.shared,
      key,
    );
    this.answered.set(key, answer);
    return answer;
  }

  /**
   * The standard versions that use this exact artefact version: by its `conform:` URI, by the library's
   * relative `_common` reference, or through another artefact they refer to (`direct: false`), each with
   * the `$ref`s that lead to it (artefact-usage.ts; recorded at publish, so no schema is read here): those
   * of its first USED_BY_REFERENCES_LISTED references, and how many are not listed.
   */
  async whereUsed(kind: ArtefactKind, id: string, version: string): Promise<UsedBy> {
    const artefact = await this.version(kind, id, version);
    return this.usage.usersOf(artefactUri(artefact));
  }

  /**
   * For a definitions set the library made of a `_common` file: the relative reference its own versions
   * use for it (`../_common/identifiers`), which is a use of this artefact as much as its `conform:` URI.
   */
  libraryReference(uri: string): string | undefined {
    const alias = this.library.artefacts.get(uri)?.alias;
    return alias?.startsWith(SCHEMA_BASE) ? `../${alias.slice(SCHEMA_BASE.length)}` : undefined;
  }

  /** Publishes the document in `body`; `expected` (the API's path) must be the kind, id and version it declares. */
  /** `attempt`: as for a standard's publish (publish-attempts.ts), checked again when another version was published since its check. */
  async publish(
    body: string,
    principal: Principal,
    expected?: { kind: ArtefactKind; id: string; version: string },
    attempt = 1,
  ): Promise<ArtefactPublishResult> {
    requireRole(principal, AUTHORS, 'publish artefacts');
    const prerelease = expected && prereleaseProblem(expected.version);
    if (prerelease) throw new DomainError('rejected', prerelease).about('version');
    // Parsed and read as an artefact off the event loop, bounded (artefact-preflight.ts).
    const artefact = await artefactPreflight(body, this.references.shared, this.guard);
    if (expected && (expected.kind !== artefact.kind || expected.id !== artefact.id || expected.version !== artefact.version)) {
      throw new DomainError(
        'invalid-input',
        `the document is ${KIND_SEGMENT[artefact.kind]}/${artefact.id} ${artefact.version} but the path names ${KIND_SEGMENT[expected.kind]}/${expected.id} ${expected.version}`,
      );
    }
    // Its first version (whose owner it keeps), this version, and its latest: by index, never its whole history.
    const [first] = await this.store.listArtefactWindow(artefact.kind, artefact.id, { limit: 1 });
    if (first && principal.role !== 'admin' && (first.owner === LIBRARY_OWNER || !isOwner(principal, [{ owner: first.owner }]))) {
      throw new DomainError(
        'forbidden',
        `only the owner of ${KIND_SEGMENT[artefact.kind]}/${artefact.id} (${first.owner}) or an admin may publish its versions`,
      );
    }
    const existing = first && (await this.store.getArtefact(artefact.kind, artefact.id, artefact.version));
    if (existing) return { outcome: this.repeat(existing, artefact), artefact: existing, adoptions: [], adoptionsNotRead: 0 };
    if (artefact.kind === 'definitions') {
      await this.references.check(artefact.schema, artefact.uri, '/schema');
      await inSchema(() => checkCompiles(this.library.validators, artefact.uri, artefact.schema, this.guard, true));
      this.patterns.vouch(artefact.schema); // its patterns passed the check just made
    }
    const [latest] = first ? await this.store.listArtefactWindow(artefact.kind, artefact.id, { newestFirst: true, limit: 1 }) : [];
    if (latest && !semver.gt(artefact.version, latest.version)) {
      throw new DomainError(
        'incompatible',
        `${artefact.version} is not higher than ${latest.version}, the latest version of ${KIND_SEGMENT[artefact.kind]}/${artefact.id}; publish a higher version`,
      );
    }
    // The version before this one is the latest, as this one is higher.
    const previous = latest && (await this.store.getArtefact(artefact.kind, artefact.id, latest.version));
    if (previous) {
      await this.references.ensure(JSON.parse(previous.schema), artefactUri(previous));
      const before = artefactOf(previous);
      // Off the event loop and bounded, in the publish lane (comparisons.ts); only the problems are read, so no change is listed.
      const comparison = await this.comparisons.run(
        'publish',
        'artefacts',
        { before, after: artefact, listed: 0 },
        [
          { schema: before.schema, id: before.uri },
          { schema: artefact.schema, id: artefact.uri },
        ],
        this.references.shared,
        undefined,
      );
      if (comparison.problems.length > 0) {
        throw new DomainError(
          'incompatible',
          `${KIND_SEGMENT[artefact.kind]}/${artefact.id} ${artefact.version} needs a ${comparison.needed.toUpperCase()} release after ${previous.version}`,
          comparison.problems.map((p) => ({ pointer: p.change?.path ?? '', kind: p.change?.kind, detail: p.message })),
        );
      }
    }
    // The standards that could adopt it, judged before anything is stored (artefact-adoption.ts: off the event
    // loop, at most maxJudgedAdoptions of them and maxAdoptionReads read; a full lane's 503 leaves nothing
    // published, a diff past the budget is listed not judged); the diffs reach this version as if published.
    const { adoptions, notRead } = latest
      ? await adoptionsOf(
          this.store,
          new Map(this.references.shared).set(artefact.uri, artefact.schema),
          artefact,
          await this.usage.standardsNaming(artefact.kind, artefact.id, this.guard.maxAdoptionReads),
          this.usage.artefactOf,
          this.comparisons,
          { maxJudged: this.guard.maxJudgedAdoptions, maxReads: this.guard.maxAdoptionReads },
        )
      : { adoptions: [], notRead: 0 };
    const result = await this.store.publishArtefact(
      {
        kind: artefact.kind,
        id: artefact.id,
        version: artefact.version,
        status: 'published',
        title: artefact.title,
        document: canonicalJson(artefact.document),
        schema: JSON.stringify(artefact.schema),
        contentHash: artefact.contentHash,
        changelog: artefact.document.changelog ?? '',
        owner: first?.owner ?? ownerOf(principal),
        publishedBy: principal.actor,
      },
      { latest: latest?.version }, // written only while the version it was checked against is still the latest
    );
    if (result.outcome === 'moved') {
      // Another version was published since the check (through another replica, say): checked again, against it.
      if (attempt < PUBLISH_ATTEMPTS) return this.publish(body, principal, expected, attempt + 1);
      throw publishesBusy(`${KIND_SEGMENT[artefact.kind]}/${artefact.id} ${artefact.version}`);
    }
    if (result.outcome === 'conflict')
      return { outcome: this.repeat(result.artefact, artefact), artefact: result.artefact, adoptions: [], adoptionsNotRead: 0 };
    this.references.register(artefact.uri, artefact.schema);
    const created = result.outcome === 'created';
    return { outcome: result.outcome, artefact: result.artefact, adoptions: created ? adoptions : [], adoptionsNotRead: created ? notRead : 0 };
  }

  /** Deprecates or retires an exact version (retired is for good: new standard versions cannot refer to it). */
  async setStatus(kind: ArtefactKind, id: string, version: string, status: ArtefactStatus, principal: Principal): Promise<StoredArtefact> {
    requireRole(principal, AUTHORS, 'change the status of artefacts');
    const current = await this.version(kind, id, version);
    if (current.version !== version) throw new DomainError('invalid-input', `give the exact version (for example ${current.version})`).about('version');
    if (principal.role !== 'admin' && (current.owner === LIBRARY_OWNER || !isOwner(principal, [{ owner: current.owner }]))) {
      throw new DomainError('forbidden', `only the owner of ${KIND_SEGMENT[kind]}/${id} (${current.owner}) or an admin may change its status`);
    }
    if (status === 'published' && current.status !== 'published')
      throw new DomainError('conflict', `${KIND_SEGMENT[kind]}/${id} ${version} is ${current.status}; a version is never published again`).about('version');
    if (current.status === 'retired') throw new DomainError('conflict', `${KIND_SEGMENT[kind]}/${id} ${version} is retired`).about('version');
    if (current.status !== status) await this.store.setArtefactStatus(kind, id, version, status, principal.actor);
    return (await this.store.getArtefact(kind, id, version))!;
  }

  private repeat(existing: StoredArtefact, artefact: Artefact): 'identical' {
    if (existing.contentHash === artefact.contentHash) return 'identical';
    throw new DomainError(
      'conflict',
      `${KIND_SEGMENT[artefact.kind]}/${artefact.id} ${artefact.version} is already published with other content (${existing.contentHash}); published artefacts never change: publish a new version`,
    );
  }
}
