/**
 * Which standard a file is for, from its field names (registry/field-match.ts): the published versions
 * ranked by how many of the file's columns (or first records' fields) they know, for `POST /v1/suggest`;
 * and, after a validation, whether another standard matches the file much better than the one chosen
 * (the report's `suggestion`). Nothing is stored. Each version's fields are read from its schema once
 * (cached by content hash): a ranking reads the summary of the latest published version of each major of
 * each standard (one grouped query, however many minors and patches there are; a later version within a
 * major keeps the earlier's fields), at most MAX_RANKED of them (the first by standard id; the answer
 * says when there were more), a version's schema text only when its fields are not in the cache, and the
 * records of the suggested standards alone (their titles), so each validation's check reads neither every
 * version nor every standard in the store. The versions come from the store
 * (StandardsService) or, for the CLI's local run, the library on disk.
 */
import type { AnySchemaObject } from 'ajv';
import semver from 'semver';
import { compareMatches, matchFields, muchBetter, versionFields, type FieldMatch, type VersionFields } from '../registry/field-match.js';
import { versionSchemaId } from '../registry/library.js';
import { sampleFieldNames } from '../validation/sample-fields.js';
import { InputError } from '../validation/errors.js';
import type { InputFormat, ReportSuggestion } from '../validation/report-types.js';
import type { StoredStandard, VersionSummary } from '../store/types.js';
import type { Ajv } from '../validation/ajv.js';
import type { Library } from '../registry/library.js';

import { DomainError } from './errors.js';

/** The most bytes of a file's start a suggestion reads (`POST /v1/suggest`). */
export const SUGGEST_MAX_BYTES = 64 * 1024;

/** A version as the suggestions read it: which it is, its status, and the hash its fields are cached by. */
export type VersionRef = Pick<VersionSummary, 'standardId' | 'version' | 'status' | 'contentHash'>;
type StandardRef = Pick<StoredStandard, 'id' | 'title'>;

/**
 * Where the suggestions read the versions: the store (StandardsService, the service) or the standards
 * library on disk (librarySuggestionSource, the CLI's local mode); the rule is the same either way.
 */
export interface SuggestionSource {
  readonly ajv: Ajv;
  /**
   * The latest published version of each major of each standard (without schema text), by standard id then
   * semver: the first `limit`, and whether there are more.
   */
  publishedMajors(limit: number): Promise<{ versions: VersionRef[]; more: boolean }>;
  /** The titles of these standards, by id (a standard there is not has none). */
  titles(ids: readonly string[]): Promise<Map<string, string>>;
  /** A standard and one of its versions (undefined when it has no such version); not found when there is no such standard. */
  summaryOf(id: string, version: string): Promise<{ standard: StandardRef; version: VersionRef | undefined }>;
  /** A standard with the latest released (not draft) version of each of its majors (without schema text). */
  releasedMajors(id: string): Promise<{ standard: StandardRef; versions: VersionRef[] }>;
  /** A version's schema as JSON text. */
  stored(version: VersionRef): Promise<{ schema: string }>;
}

/** The standards library on disk as the suggestions' source (the CLI's local mode): nothing is stored or fetched. */
export function librarySuggestionSource(library: Library): SuggestionSource {
  const entry = (id: string) => {
    const standard = library.standards.get(id);
    if (!standard) throw new DomainError('not-found', `there is no standard "${id}"`).about('standard');
    return {
      standard: { id, title: standard.meta.title },
      versions: standard.versions.map((v) => ({ standardId: id, version: v.version, status: v.meta.status, contentHash: v.contentHash })),
    };
  };
  /** The latest of each major among `versions` that `keep` keeps. */
  const latestPerMajor = (versions: readonly VersionRef[], keep: (v: VersionRef) => boolean): VersionRef[] => {
    const latest = new Map<number, VersionRef>();
    for (const v of versions) {
      if (!keep(v)) continue;
      const major = semver.major(v.version);
      const kept = latest.get(major);
      if (!kept || semver.gt(v.version, kept.version)) latest.set(major, v);
    }
    return [...latest.values()].sort((a, b) => semver.compare(a.version, b.version));
  };
  const versionOf = (ref: VersionRef) => library.standards.get(ref.standardId)?.versions.find((v) => v.version === ref.version);
  return {
    ajv: library.validators.ajv,
    publishedMajors: (limit) => {
      const all = [...library.standards.keys()].sort().flatMap((id) => latestPerMajor(entry(id).versions, (v) => v.status === 'published'));
      return Promise.resolve({ versions: all.slice(0, limit), more: all.length > limit });
    },
    titles: (ids) => Promise.resolve(new Map(ids.flatMap((id) => (library.standards.has(id) ? [[id, library.standards.get(id)!.meta.title] as const] : [])))),
    // An unknown standard's not-found (thrown by entry) becomes the promise's rejection.
    summaryOf: (id, version) =>
      Promise.resolve().then(() => {
        const { standard, versions } = entry(id);
        return { standard, version: versions.find((v) => v.version === version) };
      }),
    releasedMajors: (id) =>
      Promise.resolve().then(() => {
        const { standard, versions } = entry(id);
        return { standard, versions: latestPerMajor(versions, (v) => v.status !== 'draft') };
      }),
    stored: (ref) => {
      const version = versionOf(ref);
      if (!version) return Promise.reject(new DomainError('not-found', `${ref.standardId} has no version ${ref.version}`).about('version'));
      return Promise.resolve({ schema: JSON.stringify(version.schema) });
    },
  };
}

export interface Suggestion extends FieldMatch {
  standard: string;
  title: string;
  version: string;
}

export interface Suggestions {
  /** The distinct names read from the file. */
  columns: number;
  suggestions: Suggestion[];
  /** True when there were more than MAX_RANKED versions to rank: the first MAX_RANKED (by standard id) were. */
  partial?: true;
}

/** The most versions whose fields are kept in memory. */
const CACHED_VERSIONS = 500;
/**
 * The most versions one ranking reads and matches (the latest published of each major, by standard id then
 * semver): its rows and its work are bounded however many standards the registry has, and the fields of
 * every version it ranks stay in the cache from one ranking to the next.
 */
export const MAX_RANKED = CACHED_VERSIONS;
/** The most suggestions returned. */
export const MAX_SUGGESTIONS = 10;

export class SuggestionService {
  private readonly fields = new Map<string, VersionFields>();

  constructor(private readonly standards: SuggestionSource) {}

  /** The field names at the start of a file (its first bytes), as the suggestions read them. */
  async names(head: Buffer, format: InputFormat, complete: boolean): Promise<string[]> {
    try {
      return await sampleFieldNames(head, format, complete);
    } catch (error) {
      if (error instanceof InputError)
        throw new DomainError(error.code === 'too-large' ? 'too-large' : 'invalid-input', `the file cannot be read: ${error.message}`);
      throw error;
    }
  }

  /**
   * The latest published version of each major of each standard, ranked by how well they match the names
   * (best first, at most `limit`); of versions that match equally, the newest first. An earlier version
   * within a major is not ranked (a file that fits 3.0.0 and 3.0.2 alike is pointed to 3.0.2, not to a
   * superseded version).
   */
  async rank(names: readonly string[], limit = MAX_SUGGESTIONS): Promise<Suggestions> {
    const { versions, more } = await this.standards.publishedMajors(MAX_RANKED);
    const ranked: Omit<Suggestion, 'title'>[] = [];
    for (const version of versions)
      ranked.push({ standard: version.standardId, version: version.version, ...matchFields(names, await this.fieldsOf(version)) });
    ranked.sort((a, b) => compareMatches(a, b) || a.standard.localeCompare(b.standard) || semver.rcompare(a.version, b.version));
    const best = ranked.filter((s) => s.matched > 0).slice(0, limit);
    // The records of the suggested standards alone (their titles), never every standard's.
    const titles = await this.standards.titles([...new Set(best.map((s) => s.standard))]);
    return {
      columns: new Set(names).size,
      suggestions: best.map((s) => ({ ...s, title: titles.get(s.standard) ?? s.standard })),
      ...(more ? { partial: true as const } : {}),
    };
  }

  /**
   * Another standard the names match much better than the chosen version does, for the report; undefined
   * when the chosen one matches well, or none is much better.
   */
  async betterThan(names: readonly string[], chosen: { standardId: string; version: string }): Promise<ReportSuggestion | undefined> {
    if (names.length === 0) return undefined;
    const { standard, version } = await this.standards.summaryOf(chosen.standardId, chosen.version);
    if (!version) return undefined;
    const own = matchFields(names, await this.fieldsOf(version));
    if (own.matched === own.columns) return undefined;
    const best = (await this.rank(names, MAX_SUGGESTIONS)).suggestions.find((s) => s.standard !== chosen.standardId);
    if (!best || !muchBetter(best, own)) return undefined;
    return {
      standard: best.standard,
      title: best.title,
      version: best.version,
      columns: best.columns,
      matched: best.matched,
      chosen: { standard: standard.id, title: standard.title, version: version.version, matched: own.matched },
    };
  }

  /**
   * The fields of a standard (for checking a column mapping's fields): of the latest released version of
   * each of its majors, one summary row a major and their schemas once (cached), however many minors and
   * patches there are; within a major a later version keeps the earlier's fields (the publish rules).
   */
  async standardFields(standardId: string): Promise<Set<string>> {
    const names = new Set<string>();
    for (const version of (await this.standards.releasedMajors(standardId)).versions) {
      for (const name of (await this.fieldsOf(version)).names) names.add(name);
    }
    return names;
  }

  /** A version's fields: from the cache by its content hash, or read from its schema (the one read of its text). */
  private async fieldsOf(version: VersionRef): Promise<VersionFields> {
    let fields = this.fields.get(version.contentHash);
    if (!fields) {
      const stored = await this.standards.stored(version);
      fields = versionFields(this.standards.ajv, JSON.parse(stored.schema) as AnySchemaObject, versionSchemaId(version.standardId, version.version));
      if (this.fields.size >= CACHED_VERSIONS) this.fields.delete(this.fields.keys().next().value!);
      this.fields.set(version.contentHash, fields);
    }
    return fields;
  }
}
