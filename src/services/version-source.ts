/**
 * Where a submission's version comes from: one interface, two adapters. The service reads the store
 * (StandardsService); the CLI reads the standards library on disk (libraryVersions below). Either way a
 * version is resolved from a spec (exact, `latest`, a major or minor) by the same rule (pickVersion), and
 * comes compiled, with the metadata its scorecard needs and the status of its sibling versions.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import type { CompiledVersion } from '../validation/validators.js';
import type { QualityDeclarations } from '../quality/plan.js';
import type { Library } from '../registry/library.js';
import { NotFoundError, resolveVersion } from '../registry/resolve.js';
import type { VersionStatus } from '../store/types.js';
import { DomainError } from './errors.js';
import { unknownStandard } from './unknown-standard.js';
import { checkStandardId, checkVersionSpec } from './standard-ref.js';

export interface ResolvedVersion {
  standardId: string;
  version: string;
  status: VersionStatus;
  schema: AnySchemaObject;
  schemaId: string;
  compiled: CompiledVersion;
  /** What the standard declares for its scorecard (record key, event date, deadline, thresholds). */
  declarations: QualityDeclarations;
  /** Every version of the standard with its status, oldest first. */
  siblings: { version: string; status: VersionStatus }[];
}

export interface VersionSource {
  /** The Ajv instance versions are compiled in (schema walks such as the quality plan read it). */
  readonly ajv: Ajv;
  resolve(standardId: string, spec: string): Promise<ResolvedVersion>;
}

/** The standards library on disk as a version source (the CLI's local mode). */
export function libraryVersions(library: Library): VersionSource {
  return {
    ajv: library.validators.ajv,
    async resolve(standardId, spec) {
      // The standard id's and the spec's shape by the service's rule, then an unknown id in the service's
      // words (the library's own lists every id, for `conform standards`).
      checkStandardId(standardId);
      checkVersionSpec(spec);
      if (!library.standards.has(standardId)) throw unknownStandard(standardId, library.standards.keys());
      let found;
      try {
        found = resolveVersion(library, standardId, spec);
      } catch (error) {
        throw error instanceof NotFoundError
          ? new DomainError('not-found', error.message).about(/ has no version /.test(error.message) ? 'version' : 'standard')
          : error;
      }
      const standard = library.standards.get(standardId)!;
      const { id: _id, versions: _versions, ...declarations } = standard.meta;
      return {
        standardId,
        version: found.version,
        status: found.meta.status,
        schema: found.schema,
        schemaId: found.schemaId,
        compiled: found.compiled,
        declarations,
        siblings: standard.versions.map((v) => ({ version: v.version, status: v.meta.status })),
      };
    },
  };
}
