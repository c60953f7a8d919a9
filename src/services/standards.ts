/**
 * Standards and versions over the Store: the catalogue, reading a standard and a version (exact,
 * `latest`, a major or minor), compiling versions (once, by content hash), publishing with every check,
 * metadata checked by the one metadata schema and against the fields the versions have, deprecation, and
 * loading the bundled library at start. Reads go to the store each time, so a version published through
 * any replica is visible at once; only compiled validators are cached, by content hash.
 */
import semver from 'semver';
import { prereleaseProblem } from '../registry/release-rule.js';
import type { AnySchemaObject } from 'ajv';
import type { StandardOwner, Store, StoredStandard, StoredVersion, VersionSummary } from '../store/types.js';
import type { CompiledVersion } from '../validation/validators.js';
import type { Ajv } from '../validation/ajv.js';
import { contentHash } from '../registry/content-hash.js';
import { versionSchemaId, type Library } from '../registry/library.js';
import { VERSIONS_LISTED } from '../registry/resolve.js';
import { asPolicy } from '../registry/publish-rules.js';
import type { Comparison } from '../registry/diff/history.js';
import { codegenSource, type CodegenSource } from '../codegen/source.js';
import { DomainError, type Subject } from './errors.js';
import { requireOrdered } from './version-order.js';
import { requireRole, type Principal } from './access.js';
import type { ResolvedVersion, VersionSource } from './version-source.js';
import { checkMetadata } from './standard-input.js';
import { checkStandardId } from './standard-ref.js';
import { importLibrary } from './import-library.js';
import { publishProblems } from './publish-history.js';
import { PUBLISH_ATTEMPTS, publishesBusy } from './publish-attempts.js';
import { PatternVerdicts } from './pattern-gate.js';
import { preflight, refusalOf } from './publish-preflight.js';
import { comparisonLimits, Comparisons } from './comparisons.js';
import { BoundedCache } from '../validation/parallel/bounded-cache.js';
import { ArtefactReferences } from './artefact-references.js';
import { ArtefactsService, CHANGES_LISTED } from './artefacts.js';
import { ArtefactUsage } from './artefact-usage.js';
import { DEFAULT_MAX_OWNERS, LIBRARY_OWNER, ownerNames, ownerOf, parseOwner, requireOwner } from './ownership.js';
import { decodeCursor, pageOf, type Page } from './cursor.js';
import { versionPage, type VersionPageRequest } from './version-page.js';
import { pickByIndex, type VersionReads } from './version-pick.js';
import { NEAREST_SCANNED } from '../registry/nearest-names.js';
import { unknownStandard as unknownStandardError } from './unknown-standard.js';
import { checkCompiles, checkShape, DEFAULT_SCHEMA_GUARD, type SchemaGuard } from './schema-guard.js';
import { schemaPatterns } from '../validation/pattern-safety.js';
import { refCycles } from '../validation/ref-cycles.js';

/** The statuses `latest` and a major or minor choose among. */
const LIVE = ['published', 'deprecated'] as const;
/** Every status but draft: the versions a standard has released. */
const RELEASED = ['published', 'deprecated', 'retired'] as const;
const AUTHORS = ['author', 'admin'] as const;
/** The most words a catalogue search matches (each is one more condition on every standard the store scans). */
export const MAX_SEARCH_WORDS = 10;
/** How many standards, or one standard's versions, the pattern audit holds at once. */
const AUDIT_PAGE = 100;
/** Comparisons of two versions remembered (changes): each holds at most CHANGES_LISTED changes. */
const CHANGES_REMEMBERED = 32;
/** Loop-free content hashes remembered (requireNoLoop); past it the memo starts again. */
const LOOP_FREE_HASHES = 1_000;

export type PublishResult = { outcome: 'created' | 'identical'; version: StoredVersion };

/** A standard as a page of the catalogue shows it: its latest published (or deprecated) version alone. */
export interface CatalogueCard {
  standard: StoredStandard;
  latest: VersionSummary | undefined;
}

export class StandardsService implements VersionSource {
  private readonly shared: Map<string, unknown>;
  /** The shared documents versions reach (`_common` files and artefact versions), with the artefact checks. */
  readonly references: ArtefactReferences;
  /** The shared artefacts (code lists, definitions sets), over the same store and compiler. */
  readonly artefacts: ArtefactsService;
  /** Which artefact versions each version uses, recorded at publish. */
  private readonly usage: ArtefactUsage;
  /** Which stored patterns the compatibility diff may run (pattern-gate.ts). */
  private readonly patterns: PatternVerdicts;
  /** Every comparison, off the event loop and bounded (comparisons.ts). */
  private readonly compare: Comparisons;
  /** The last comparisons answered (changes), by the two versions' content hashes and the policy. */
  private readonly comparisons = new BoundedCache<Comparison & { policy: string; changesTotal: number }>(CHANGES_REMEMBERED);
  /** Content hashes of stored versions found free of loops (requireNoLoop), bounded. */
  private readonly loopFree = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly library: Library,
    private readonly guard: SchemaGuard = DEFAULT_SCHEMA_GUARD,
    /** The most owners a standard may have (ownership.ts). */
    private readonly maxOwners: number = DEFAULT_MAX_OWNERS,
  ) {
    this.references = new ArtefactReferences(store, library);
    this.shared = this.references.shared;
    this.usage = new ArtefactUsage(store, library, this.references);
    this.patterns = new PatternVerdicts(library.validators, guard);
    this.compare = new Comparisons(this.patterns, comparisonLimits(guard));
    this.artefacts = new ArtefactsService(store, library, this.references, this.usage, guard, this.patterns, this.compare);
  }

  /** The Ajv instance every version is compiled in (for schema walks such as the quality plan). */
  get ajv(): Ajv {
    return this.library.validators.ajv;
  }

  /** The artefact URI a document id is (a `conform:` URI, or a library `_common` file's id), for field dictionaries. */
  get artefactOf(): (documentId: string) => string | undefined {
    return this.usage.artefactOf;
  }

  /** Loads the standards library into the store (idempotent, by content hash). */
  async importLibrary(): Promise<{ created: number; unchanged: number }> {
    const imported = await importLibrary(this.store, this.library);
    await this.references.loadAll();
    await this.usage.recordPending();
    return imported;
  }

  /**
   * The latest published version of each major of each standard (without schema text), by standard id then
   * semver, the first `limit` of them, and whether there are more: one grouped query, one row a standard and
   * major, however many minors and patches there are, and no standard's record. What a file is ranked
   * against (suggestions.ts): within a major a later version keeps the earlier's fields (the publish rules),
   * so the latest stands for the major.
   */
  async publishedMajors(limit: number): Promise<{ versions: VersionSummary[]; more: boolean }> {
    const read = await this.store.listLatestPerMajor(['published'], { limit: limit + 1 });
    return { versions: read.slice(0, limit), more: read.length > limit };
  }

  /**
   * The titles of these standards (of those there are), by id: one query for the set, a row each, never a
   * standard's whole record. The callers bound the set: a page of submissions, a few suggested standards.
   */
  async titles(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await this.store.listStandardTitles([...new Set(ids)]);
    return new Map(found.map((s) => [s.id, s.title]));
  }

  /**
   * A standard with the latest released (published, deprecated or retired) version of each of its majors,
   * without schema text: one row a major, however many minors and patches there are. The fields a column
   * mapping may name (suggestions.ts): within a major a later version keeps the earlier's fields.
   */
  async releasedMajors(id: string): Promise<{ standard: StoredStandard; versions: VersionSummary[] }> {
    const standard = await this.standardOf(id);
    return { standard, versions: await this.store.listLatestPerMajor(RELEASED, { standardIds: [id] }) };
  }

  /**
   * The first `standards` standards by id, each with its newest `perStandard` published or deprecated
   * versions, newest first (without schema text), and whether there are more standards: two queries, at most
   * `standards + 1` standards' records and `perStandard` version rows a standard (the validate form's choices).
   */
  async newestLive(perStandard: number, standards: number): Promise<{ entries: { standard: StoredStandard; versions: VersionSummary[] }[]; more: boolean }> {
    const read = await this.store.listStandards({ limit: standards + 1 });
    const listed = read.slice(0, standards);
    const newest = await this.store.listNewestVersions(
      listed.map((s) => s.id),
      LIVE,
      perStandard,
    );
    return { entries: listed.map((standard) => ({ standard, versions: newest.filter((v) => v.standardId === standard.id) })), more: read.length > standards };
  }

  /** One version of a standard without its schema text (undefined when there is no such version), one row. */
  async summaryOf(id: string, version: string): Promise<{ standard: StoredStandard; version: VersionSummary | undefined }> {
    const standard = await this.standardOf(id);
    return { standard, version: await this.store.getVersionSummary(id, version) };
  }

  /**
   * A page of the catalogue by id, from after the cursor's standard, each with its latest version; only the
   * standards whose id, title, owner and description hold every one of `words` when they are given (a
   * search: at most MAX_SEARCH_WORDS, matched in the store, which reads one page's records alone).
   */
  async cataloguePage(page: { limit: number; cursor?: string; words?: readonly string[] }): Promise<Page<CatalogueCard>> {
    const after = page.cursor === undefined ? undefined : String(decodeCursor('standards', page.cursor, ['string'])[0]);
    const words = page.words ?? [];
    if (words.length > MAX_SEARCH_WORDS) throw new DomainError('invalid-input', `a search has at most ${MAX_SEARCH_WORDS} words: leave some out`);
    const window = { limit: page.limit + 1, ...(after !== undefined ? { after } : {}) };
    const standards = words.length > 0 ? await this.store.searchStandards(words, window) : await this.store.listStandards(window);
    const { items, next } = pageOf(standards, page.limit, 'standards', (s) => [s.id]);
    // One indexed row per standard on the page: its latest, never every version's summary.
    const latest = new Map(
      (
        await this.store.listLatestVersions(
          items.map((s) => s.id),
          LIVE,
        )
      ).map((v) => [v.standardId, v]),
    );
    return { items: items.map((standard) => ({ standard, latest: latest.get(standard.id) })), next };
  }

  /**
   * The first `limit` standards by id (a drop-down's), whether there are more, and the one `chosen` names
   * (read by itself when it is not among them; undefined when there is none): at most `limit + 2` records.
   */
  async standardChoices(limit: number, chosen?: string): Promise<{ listed: StoredStandard[]; more: boolean; chosen: StoredStandard | undefined }> {
    const read = await this.store.listStandards({ limit: limit + 1 });
    const listed = read.slice(0, limit);
    const found =
      chosen === undefined ? undefined : (listed.find((s) => s.id === chosen) ?? (chosen.length <= 64 ? await this.store.getStandard(chosen) : undefined));
    return { listed, more: read.length > limit, chosen: found };
  }

  /** A standard's record alone (its id checked; an unknown one a not-found naming the nearest ids). */
  async standardOf(id: string): Promise<StoredStandard> {
    checkStandardId(id);
    const standard = await this.store.getStandard(id);
    if (!standard) throw await this.unknownStandard(id);
    return standard;
  }

  /**
   * A standard and the version `spec` names with its schema, picked by index (version-pick.ts): an exact
   * version read by itself, else one summary row then that version's text, however many versions the
   * standard has.
   */
  async versionIn(id: string, spec: string, subject: Subject = 'version'): Promise<{ standard: StoredStandard; version: StoredVersion }> {
    const standard = await this.standardOf(id);
    return { standard, version: await pickByIndex(id, spec, this.versionReads(id), subject) };
  }

  /** The reads a version of this standard is picked by. */
  private versionReads(id: string): VersionReads<VersionSummary, StoredVersion> {
    return {
      exact: (version) => this.store.getVersion(id, version),
      window: (window) => this.store.listVersionWindow(id, window),
      read: (summary) => this.read(id, summary),
      count: () => this.store.countVersions(id),
    };
  }

  /** A standard's newest `count` versions without their schema text, oldest first (a compare form's choices). */
  async newestVersions(id: string, count: number): Promise<VersionSummary[]> {
    return (await this.store.listVersionWindow(id, { newestFirst: true, limit: count })).reverse();
  }

  /** A standard's latest published (or deprecated) version, one row read. */
  private async latest(id: string): Promise<VersionSummary | undefined> {
    return (await this.store.listVersionWindow(id, { statuses: LIVE, newestFirst: true, limit: 1 }))[0];
  }

  /** The stored version (with its schema text) of a summary read from the store. */
  async stored(summary: VersionSummary): Promise<StoredVersion> {
    return this.read(summary.standardId, summary);
  }

  /** The stored version (with its schema text) of a summary picked from this standard's. */
  private async read(id: string, picked: VersionSummary): Promise<StoredVersion> {
    const stored = await this.store.getVersion(id, picked.version);
    // Versions are never deleted; a store that lost one between the two reads answers as for any missing version.
    if (!stored) throw new DomainError('not-found', `${id} has no version ${picked.version}`).about('version');
    return stored;
  }

  /**
   * A standard with a page of its versions (without their schema text; oldest first unless `newestFirst`)
   * and its latest published (or deprecated) version, whichever page is asked for.
   */
  async versionPage(
    id: string,
    page: VersionPageRequest,
  ): Promise<{ standard: StoredStandard; latest: VersionSummary | undefined; versions: Page<VersionSummary> }> {
    const standard = await this.standardOf(id);
    const versions = await versionPage((window) => this.store.listVersionWindow(id, window), `the versions of ${id}`, page);
    return { standard, latest: await this.latest(id), versions };
  }

  /**
   * The not-found of a standard id (checked: at most 64 characters) that is not in the store: the few ids
   * nearest it (nearest-names.ts) of the NEAREST_SCANNED ids either side of it in id order (two indexed
   * reads), never the whole catalogue, which grows with the store. So an id that shares the unknown one's
   * beginning is found however many standards there are; with more than 2 * NEAREST_SCANNED, one that
   * differs in its first characters may not be.
   */
  private async unknownStandard(id: string): Promise<DomainError> {
    return unknownStandardError(id, await this.store.listStandardIdsAround(id, NEAREST_SCANNED));
  }

  /** An exact version, `latest`, or a major or minor (`2`, `2.1`), by the same rule as the CLI's. */
  async version(id: string, spec: string): Promise<StoredVersion> {
    const found = (await this.versionIn(id, spec)).version;
    // A version that refers to artefacts compiles only once they are loaded (published through another replica).
    if (found.schema.includes('conform:')) await this.references.ensure(JSON.parse(found.schema), versionSchemaId(id, found.version));
    return found;
  }

  /** Whether this process holds the compiled validator of the version of this content hash (for operators and tests). */
  isCompiled(contentHash: string): boolean {
    return this.library.validators.isCompiled(contentHash);
  }

  /**
   * A stored version ready for a submission (held once per content hash), its validator compiled only
   * when a validation on this thread first needs it (validators.ts, prepare).
   */
  prepared(version: StoredVersion, schema = JSON.parse(version.schema) as AnySchemaObject): CompiledVersion {
    return this.library.validators.prepare(
      { id: version.standardId, version: version.version, contentHash: version.contentHash },
      versionSchemaId(version.standardId, version.version),
      schema,
    );
  }

  /** A version as a submission needs it (the store as a VersionSource): the standard, its summaries, and this version's schema. */
  async resolve(standardId: string, spec: string): Promise<ResolvedVersion> {
    const { standard, version } = await this.versionIn(standardId, spec);
    const schema = JSON.parse(version.schema) as AnySchemaObject;
    this.requireNoLoop(version, schema);
    // What a retired or deprecated version's answer names: the newest published versions, a bounded few.
    const published = await this.store.listVersionWindow(standardId, { statuses: ['published'], newestFirst: true, limit: VERSIONS_LISTED });
    await this.references.ensure(schema, versionSchemaId(standardId, version.version));
    return {
      standardId,
      version: version.version,
      status: version.status,
      schema,
      schemaId: versionSchemaId(standardId, version.version),
      compiled: this.prepared(version, schema),
      declarations: standard.metadata,
      siblings: published.reverse().map((v) => ({ version: v.version, status: v.status })),
    };
  }

  /**
   * A version stored before publishing refused loops that apply a schema to the same value without end
   * (ref-cycles.ts) cannot validate a record: its validator overflows the stack (a 500 on every
   * submission). Refused naming the version instead; each content hash is checked once.
   */
  private requireNoLoop(version: StoredVersion, schema: AnySchemaObject): void {
    if (this.loopFree.has(version.contentHash)) return;
    const [loop] = refCycles(schema, versionSchemaId(version.standardId, version.version), this.shared);
    if (loop) {
      throw new DomainError(
        'rejected',
        `${version.standardId} ${version.version} cannot validate records: its schema applies itself to the same value without end (${loop.loop}); publish a corrected version`,
      ).about('version');
    }
    if (this.loopFree.size >= LOOP_FREE_HASHES) this.loopFree.clear();
    this.loopFree.add(version.contentHash);
  }

  /**
   * What code generation needs for a stored version: its schema and the shared documents it reaches (those
   * `version()` loaded). The version is not compiled for it: compiling a large version holds the event
   * loop for most of a second, and anyone may ask for a version's types or bundle.
   */
  codegenSource(version: StoredVersion): CodegenSource {
    return codegenSource(
      { standardId: version.standardId, version: version.version, contentHash: version.contentHash, schema: JSON.parse(version.schema) as AnySchemaObject },
      this.shared,
    );
  }

  /**
   * `attempt`: how many times this publish was checked before and found, at the write, that another version
   * had been released since its check read the latest (publish-order.ts); it is then checked again, against
   * the versions as they are, at most PUBLISH_ATTEMPTS times in all.
   */
  async publish(request: { standardId: string; version: string; body: string }, principal: Principal, attempt = 1): Promise<PublishResult> {
    requireRole(principal, AUTHORS, 'publish standards');
    const { standardId, version } = request;
    checkStandardId(standardId);
    const prerelease = prereleaseProblem(version);
    if (prerelease) throw new DomainError('rejected', prerelease).about('version');
    if (semver.valid(version) !== version) {
      throw new DomainError('invalid-input', `"${version}" is not a semantic version MAJOR.MINOR.PATCH, such as 1.2.0`).about('version');
    }
    if (await this.store.getStandard(standardId)) await this.requireOwner(principal, standardId, 'publish its versions');
    const schemaId = versionSchemaId(standardId, version);
    // Parsed and checked (texts, titles, size, loops, names; then references and the content hash) off the
    // event loop (publish-preflight.ts): linear, and before anything recursive reads the schema.
    const known = this.shared.size;
    const checked = await preflight({ body: request.body, schemaId, shared: [...this.shared], guard: this.guard });
    const { schema } = checked;
    // Artefact references: exact, known and not retired (each that is not is named in one 422), loading any
    // published through another replica.
    await this.references.check(schema, schemaId);
    let hash = checked.hash;
    if (this.shared.size === known) {
      if (checked.shape) throw refusalOf(checked.shape);
    } else {
      // Shared documents were loaded meanwhile: the shape and the hash against them.
      checkShape(schema, schemaId, this.shared, this.guard);
      hash = contentHash(schema, schemaId, this.shared);
    }

    const existing = await this.store.getVersion(standardId, version);
    if (existing) return repeat(existing, hash);

    await checkCompiles(this.library.validators, schemaId, schema, this.guard);
    this.patterns.vouch(schema); // its patterns passed the check just made
    const standard = await this.store.getStandard(standardId);
    // Another request may have published this very version since the check above.
    const raced = standard ? await this.store.getVersion(standardId, version) : undefined;
    if (raced) return repeat(raced, hash);
    const policy = asPolicy(standard?.metadata.compatibility);
    // The versions the check compares with alone, by index (publish-history.ts), never every version's schema.
    const { problems, latest } = standard
      ? await publishProblems(this.store, standardId, { version, schema, schemaId }, policy, this.shared, this.compare)
      : { problems: [], latest: undefined };
    if (problems.length > 0) {
      // This very version published by another request between the reads above is its latest, not a version to refuse.
      const meanwhile = await this.store.getVersion(standardId, version);
      if (meanwhile) return repeat(meanwhile, hash);
      throw new DomainError('incompatible', `${standardId} ${version} does not follow semver under its ${policy} compatibility policy`, problems);
    }
    if (!standard) {
      const created = await this.store.createStandard(
        {
          id: standardId,
          title: typeof schema.title === 'string' ? schema.title.replace(/\s+\d+\.\d+\.\d+$/, '') : standardId,
          owner: principal.actor,
          description: typeof schema.description === 'string' ? schema.description : '',
          metadata: { compatibility: 'BACKWARD' },
        },
        ownerOf(principal),
        principal.actor,
      );
      // Another request created it first: publishing under it is theirs to allow (and its history to check).
      if (!created) return this.publish(request, principal, attempt);
    }
    const result = await this.store.publishVersion(
      {
        standardId,
        version,
        status: 'published',
        schema: JSON.stringify(schema), // as authored (key order kept for display); the hash is over canonical JSON
        contentHash: hash,
        changelog: typeof schema.$comment === 'string' ? schema.$comment : '',
        publishedBy: principal.actor,
      },
      { latest }, // written only while the version it was checked against is still the latest
    );
    if (result.outcome === 'moved') {
      // Another version was released since the check (through another replica, say): checked again, against it.
      if (attempt < PUBLISH_ATTEMPTS) return this.publish(request, principal, attempt + 1);
      throw publishesBusy(`${standardId} ${version}`);
    }
    if (result.outcome === 'conflict') return repeat(result.version, hash);
    if (result.outcome === 'created') await this.usage.record(standardId, version, result.version.schema);
    return { outcome: result.outcome, version: result.version };
  }

  /**
   * Re-checks the patterns of stored versions that are not the bundled library's (versions published
   * before patterns were analysed at publish), off the event loop, one version at a time. Returns each
   * refused pattern for the caller to log; the versions stay as they are (published versions never change).
   * It pages through the standards and each one's versions (AUDIT_PAGE at a time, without schema text), and
   * reads the schema of a version that is not the library's alone: it holds a page and one schema at once,
   * however many versions there are.
   */
  async auditStoredPatterns(): Promise<{ standardId: string; version: string; pointer: string; detail: string }[]> {
    const bundled = new Set([...this.library.standards.values()].flatMap((s) => s.versions.map((v) => v.contentHash)));
    const found: { standardId: string; version: string; pointer: string; detail: string }[] = [];
    for (let after: string | undefined, standards: StoredStandard[]; ; after = standards.at(-1)!.id) {
      standards = await this.store.listStandards({ limit: AUDIT_PAGE, ...(after !== undefined ? { after } : {}) });
      for (const standard of standards) {
        for (let later: string | undefined, versions: VersionSummary[]; ; later = versions.at(-1)!.version) {
          versions = await this.store.listVersionWindow(standard.id, { limit: AUDIT_PAGE, ...(later !== undefined ? { after: later } : {}) });
          for (const summary of versions) {
            if (bundled.has(summary.contentHash)) continue;
            found.push(...(await this.auditPatterns(await this.read(standard.id, summary))));
          }
          if (versions.length < AUDIT_PAGE) break;
        }
      }
      if (standards.length < AUDIT_PAGE) break;
    }
    return found;
  }

  /** One stored version's refused patterns (none when it has no pattern). */
  private async auditPatterns(version: StoredVersion): Promise<{ standardId: string; version: string; pointer: string; detail: string }[]> {
    const schema = JSON.parse(version.schema) as AnySchemaObject;
    if (schemaPatterns(schema).length === 0) return [];
    const at = { standardId: version.standardId, version: version.version };
    const result = await this.library.validators.check(versionSchemaId(version.standardId, version.version), schema, {
      timeoutMs: this.guard.compileTimeoutMs * 4,
      patternTimeoutMs: this.guard.patternTimeoutMs,
      compile: false,
    });
    if (result.kind === 'patterns') return result.problems.map((p) => ({ ...at, ...p }));
    if (result.kind === 'busy')
      return [
        { ...at, pointer: '', detail: 'its patterns could not be checked now: the registry was checking as many schemas as it queues; run the audit again' },
      ];
    if (result.kind !== 'ok') return [{ ...at, pointer: '', detail: `its patterns could not be checked (${result.kind})` }];
    return [];
  }

  /**
   * Creates a standard or replaces its metadata. The body is checked by the one metadata schema, and every
   * pointer in it (record key, event date, sensitive fields, default-code thresholds) must name a field
   * of the latest released (published, deprecated or retired) version of one of the standard's majors:
   * one row a major and those versions' schemas alone, however many minors and patches there are (within
   * a major a later version keeps the earlier's fields, as for column mappings).
   */
  async saveMetadata(id: string, body: unknown, principal: Principal): Promise<{ created: boolean; standard: StoredStandard }> {
    requireRole(principal, AUTHORS, 'change standards');
    checkStandardId(id);
    const existed = (await this.store.getStandard(id)) !== undefined;
    if (existed) await this.requireOwner(principal, id, 'change its metadata');
    const majors = existed ? await this.store.listLatestPerMajor(RELEASED, { standardIds: [id] }) : [];
    const versions = await Promise.all(majors.map((summary) => this.read(id, summary)));
    const input = checkMetadata(
      this.ajv,
      id,
      body,
      versions.map((v) => ({ schema: JSON.parse(v.schema) as AnySchemaObject, schemaId: versionSchemaId(id, v.version) })),
    );
    if (!existed && (await this.store.createStandard(input, ownerOf(principal), principal.actor))) {
      return { created: true, standard: (await this.store.getStandard(id))! };
    }
    if (!existed) return this.saveMetadata(id, body, principal); // created meanwhile by another request: its owners decide
    return { created: false, standard: await this.store.saveStandard(input, principal.actor) };
  }

  /**
   * The classified changes between two versions (by default the latest and the one before it); `from`
   * later than `to` is refused (invalid-input naming both), not compared backwards.
   */
  /**
   * The classified changes between two versions: the first CHANGES_LISTED of them, with their count
   * (`changesTotal`) and the bump and problems judged on all. Two versions within every schema limit can
   * differ by some 100,000 changes (20 MB of JSON, 0.6 s of diffing on the event loop, for anyone who
   * asks), so an answer lists a bounded few and each pair of versions (by content hash: published
   * versions never change) is compared once, the last CHANGES_REMEMBERED kept. The comparison runs off the
   * event loop, one at a time behind a bounded queue, within a time budget (comparisons.ts).
   */
  async changes(standardId: string, from: string | undefined, to: string | undefined): Promise<Comparison & { policy: string; changesTotal: number }> {
    // Each version picked by index, and the schema text of those two alone.
    const standard = await this.standardOf(standardId);
    const reads = this.versionReads(standardId);
    const target = await pickByIndex(standardId, to ?? 'latest', reads, 'to');
    let base: StoredVersion;
    if (from !== undefined) base = await pickByIndex(standardId, from, reads, 'from');
    else {
      const [earlier] = await this.store.listVersionWindow(standardId, { before: target.version, statuses: RELEASED, newestFirst: true, limit: 1 });
      if (!earlier) throw new DomainError('invalid-input', `${standardId} ${target.version} has no earlier version to compare with; give from=`).about('from');
      base = await this.read(standardId, earlier);
    }
    requireOrdered(base.version, target.version);
    const policy = asPolicy(standard.metadata.compatibility);
    const key = `${standardId} ${base.version} ${base.contentHash} ${target.version} ${target.contentHash} ${policy}`;
    const known = this.comparisons.get(key);
    if (known) return known;
    const side = (v: StoredVersion) => ({ version: v.version, schema: JSON.parse(v.schema) as unknown, schemaId: versionSchemaId(standardId, v.version) });
    const [before, after] = [side(base), side(target)];
    // Off the event loop, bounded, identical ones shared; stored versions' patterns are run only if shown safe (comparisons.ts).
    const comparison = await this.compare.run(
      'public',
      'versions',
      { from: before, to: after, policy, listed: CHANGES_LISTED },
      [
        { schema: before.schema, id: before.schemaId },
        { schema: after.schema, id: after.schemaId },
      ],
      this.shared,
      key,
    );
    // A version against itself: no changes, and no semver problem (it is not a new version).
    const answer = { ...comparison, problems: base.version === target.version ? [] : comparison.problems, policy };
    this.comparisons.set(key, answer);
    return answer;
  }

  /** Marks an exact, live version deprecated (suppliers are warned when they use it). */
  deprecate(standardId: string, version: string, principal: Principal): Promise<StoredVersion> {
    return this.setStatus(standardId, version, 'deprecated', principal);
  }

  /** Retires an exact version for good: submissions to it answer `gone` from then on. */
  retire(standardId: string, version: string, principal: Principal): Promise<StoredVersion> {
    return this.setStatus(standardId, version, 'retired', principal);
  }

  private async setStatus(standardId: string, version: string, status: 'deprecated' | 'retired', principal: Principal): Promise<StoredVersion> {
    const verb = status === 'retired' ? 'retire' : 'deprecate';
    requireRole(principal, AUTHORS, `${verb} versions`);
    const current = await this.version(standardId, version);
    await this.requireOwner(principal, standardId, `${verb} its versions`);
    if (current.version !== version)
      throw new DomainError('invalid-input', `give the exact version to ${verb} (for example ${current.version})`).about('version');
    if (current.status === 'retired') throw new DomainError('conflict', `${standardId} ${version} is retired`).about('version');
    if (current.status !== status) await this.store.setVersionStatus(standardId, version, status, principal.actor);
    return (await this.store.getVersion(standardId, version))!;
  }

  /** The owners of a standard (who may change it besides admins): at most `maxOwners`, the earliest granted. */
  async owners(standardId: string): Promise<StandardOwner[]> {
    await this.standardOf(standardId);
    return this.store.listOwners(standardId, this.maxOwners);
  }

  /** Grants co-ownership (admins only): to a live author or admin token, or to an organisation. */
  async grantOwner(standardId: string, ownerText: string, principal: Principal): Promise<{ granted: boolean; owners: StandardOwner[] }> {
    requireRole(principal, ['admin'], 'grant ownership of standards');
    await this.standardOf(standardId);
    const owner = parseOwner(ownerText);
    if (owner.kind === 'token') {
      const token = await this.store.findTokenById(owner.tokenId);
      if (!token) throw new DomainError('not-found', `no live token has id ${owner.tokenId}`).about('owner');
      if (token.role === 'supplier') throw new DomainError('rejected', 'a supplier token cannot own a standard: grant an author token').about('owner');
    } else {
      // The service knows an organisation only by the tokens issued to it (it holds no ODS reference data). An
      // organisation owner is every author token of it, today's and later ones; but a grant to an organisation
      // no live token belongs to would own nothing now, and is far more often a mistyped code than a plan: so
      // the organisation must have a live author (or admin) token first, as a granted token must be live.
      // The roles of its live tokens, each once: by index, never every token issued.
      const live = await this.store.liveTokenRoles(owner.organisation);
      if (live.length === 0) {
        throw new DomainError(
          'not-found',
          `no live token belongs to organisation ${owner.organisation}: issue one of its authors a token first (conform tokens create --role author --organisation ${owner.organisation}), then grant`,
        ).about('owner');
      }
      if (!live.some((role) => role !== 'supplier')) {
        throw new DomainError(
          'rejected',
          `organisation ${owner.organisation} has only supplier tokens, which cannot own a standard: issue one of its authors a token first, then grant`,
        ).about('owner');
      }
    }
    const owners = await this.store.listOwners(standardId, this.maxOwners);
    if (owners.length >= this.maxOwners && !owners.some((o) => o.owner === owner.owner)) {
      throw new DomainError(
        'rejected',
        `${standardId} has ${this.maxOwners} owners, the most a standard may have (CONFORM_MAX_OWNERS_PER_STANDARD): revoke one first, or grant an organisation (org:<ODS code>), which makes every author token of it an owner`,
      ).about('owner');
    }
    const granted = await this.store.grantOwner(standardId, owner.owner, principal.actor);
    return { granted, owners: await this.store.listOwners(standardId, this.maxOwners) };
  }

  /** Revokes co-ownership (admins only); a standard left without owners is managed by admins. */
  async revokeOwner(standardId: string, ownerText: string, principal: Principal): Promise<StandardOwner[]> {
    requireRole(principal, ['admin'], 'revoke ownership of standards');
    await this.standardOf(standardId);
    const owner = ownerText === LIBRARY_OWNER ? LIBRARY_OWNER : parseOwner(ownerText).owner;
    if (!(await this.store.revokeOwner(standardId, owner, principal.actor)))
      throw new DomainError('not-found', `${owner} is not an owner of ${standardId}`).about('owner');
    return this.store.listOwners(standardId, this.maxOwners);
  }

  private async requireOwner(principal: Principal, standardId: string, what: string): Promise<void> {
    if (principal.role === 'admin') return;
    // Only whether the caller is an owner: never every owner (a standard may have many).
    requireOwner(principal, standardId, principal.role === 'author' && (await this.store.isAnOwner(standardId, ownerNames(principal))), what);
  }
}

function repeat(existing: StoredVersion, hash: string): PublishResult {
  if (existing.contentHash === hash) return { outcome: 'identical', version: existing };
  throw new DomainError(
    'conflict',
    `${existing.standardId} ${existing.version} is already published with other content (${existing.contentHash}); published versions never change: publish a new version`,
  ).about('version');
}
