/**
 * Which standard a file is for, from its field names (registry/field-match.ts): the published versions
 * ranked by how many of the file's columns (or first records' fields) they know, for `POST /v1/suggest`;
 * and, after a validation, whether another standard matches the file much better than the one chosen
 * (the report's `suggestion`). Nothing is stored. Each version's fields are read from its schema once
 * (cached by content hash): a ranking reads the summary of the latest published version of each major of
 * each standard (one grouped query, however many minors and patches there are; a later version within a
 * major keeps the earlier's fields), and a version's schema text only when its fields are not in the cache,
 * so each validation's check does not read every version in the store.
 */
import type { AnySchemaObject } from 'ajv';
import semver from 'semver';
import { compareMatches, matchFields, muchBetter, versionFields, type FieldMatch, type VersionFields } from '../registry/field-match.js';
import { versionSchemaId } from '../registry/library.js';
import { sampleFieldNames } from '../validation/sample-fields.js';
import { InputError } from '../validation/errors.js';
import type { InputFormat, ReportSuggestion } from '../validation/report-types.js';
import type { VersionSummary } from '../store/types.js';
import type { StandardsService } from './standards.js';
import { DomainError } from './errors.js';

export interface Suggestion extends FieldMatch {
  standard: string;
  title: string;
  version: string;
}

export interface Suggestions {
  /** The distinct names read from the file. */
  columns: number;
  suggestions: Suggestion[];
}

/** The most versions whose fields are kept in memory. */
const CACHED_VERSIONS = 500;
/** The most suggestions returned. */
export const MAX_SUGGESTIONS = 10;

export class SuggestionService {
  private readonly fields = new Map<string, VersionFields>();

  constructor(private readonly standards: StandardsService) {}

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
    const ranked: Suggestion[] = [];
    for (const { standard, versions } of await this.standards.publishedMajors()) {
      for (const version of versions) {
        ranked.push({ standard: standard.id, title: standard.title, version: version.version, ...matchFields(names, await this.fieldsOf(version)) });
      }
    }
    ranked.sort((a, b) => compareMatches(a, b) || a.standard.localeCompare(b.standard) || semver.rcompare(a.version, b.version));
    return { columns: new Set(names).size, suggestions: ranked.filter((s) => s.matched > 0).slice(0, limit) };
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

  /** The fields of every version of a standard (for checking a column mapping's fields). */
  async standardFields(standardId: string): Promise<Set<string>> {
    const names = new Set<string>();
    for (const version of (await this.standards.summaries(standardId)).versions) {
      if (version.status === 'draft') continue;
      for (const name of (await this.fieldsOf(version)).names) names.add(name);
    }
    return names;
  }

  /** A version's fields: from the cache by its content hash, or read from its schema (the one read of its text). */
  private async fieldsOf(version: VersionSummary): Promise<VersionFields> {
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
