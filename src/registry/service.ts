/**
 * The registry over a Store: reading standards and versions, resolving `latest` and majors, compiling
 * versions (once, by content hash), publishing with every check, and loading the bundled library at
 * start. Reads go to the store each time, so a version published through any replica is visible at once.
 */
import semver from 'semver';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { AnySchemaObject } from 'ajv';
import type { Store, StoredStandard, StoredVersion, VersionStatus } from '../store/types.js';
import type { CompiledVersion } from '../validation/validators.js';
import { SchemaCompileError } from '../validation/validators.js';
import { contentHash } from './content-hash.js';
import { versionSchemaId, type Library } from './library.js';
import { RegistryError } from './errors.js';
import { listVersions, pickVersion } from './resolve.js';
import { asPolicy, compatibilityProblems } from './publish-rules.js';
import { compareVersions, type Comparison } from './diff/history.js';

const selectable = (v: StoredVersion): boolean => v.status === 'published' || v.status === 'deprecated';

export interface PublishRequest {
  standardId: string;
  version: string;
  /** The request body as text, JSON or YAML. */
  body: string;
  actor: string;
}

export type PublishResult = { outcome: 'created' | 'identical'; version: StoredVersion };

export class RegistryService {
  private readonly shared: Map<string, unknown>;

  constructor(
    readonly store: Store,
    private readonly library: Library,
  ) {
    this.shared = new Map([...library.shared].map(([id, s]) => [id, s.schema as unknown]));
  }

  /** The Ajv instance every version is compiled in (for schema walks such as the quality plan). */
  get ajv() {
    return this.library.validators.ajv;
  }

  listStandards(): Promise<StoredStandard[]> {
    return this.store.listStandards();
  }

  async getStandard(id: string): Promise<{ standard: StoredStandard; versions: StoredVersion[] }> {
    const standard = await this.store.getStandard(id);
    if (!standard) {
      const known = (await this.store.listStandards()).map((s) => s.id);
      throw new RegistryError('not-found', `unknown standard "${id}"; the registry has: ${known.join(', ') || 'none'}`);
    }
    return { standard, versions: await this.store.listVersions(id) };
  }

  /** The newest published or deprecated version, or undefined when there is none. */
  latest(versions: StoredVersion[]): StoredVersion | undefined {
    return versions.filter(selectable).at(-1);
  }

  /** An exact version, `latest`, or a major or minor (`2`, `2.1`), as for the CLI. */
  async resolve(id: string, spec: string): Promise<StoredVersion> {
    const { versions } = await this.getStandard(id);
    const status = (v: StoredVersion): string => v.status;
    const found = pickVersion(versions, status, spec);
    if (!found) throw new RegistryError('not-found', `${id} has no version matching "${spec}"; its versions are: ${listVersions(versions, status) || 'none'}`);
    return found;
  }

  /** The compiled validator of a stored version (compiled once per content hash). */
  compile(version: StoredVersion): CompiledVersion {
    const schema = JSON.parse(version.schema) as AnySchemaObject;
    return this.library.validators.compile(
      { id: version.standardId, version: version.version, contentHash: version.contentHash },
      versionSchemaId(version.standardId, version.version),
      schema,
    );
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const { standardId, version } = request;
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(standardId)) {
      throw new RegistryError('bad-request', `"${standardId}" is not a standard id: lower-case words joined by hyphens, such as patient-demographics`);
    }
    if (semver.valid(version) !== version) {
      throw new RegistryError('bad-request', `"${version}" is not a semantic version MAJOR.MINOR.PATCH, such as 1.2.0`);
    }
    const schema = parseSchema(request.body);
    if ('$id' in schema) throw new RegistryError('unprocessable', 'the schema must not declare $id: the registry gives each version its own', [{ pointer: '/$id', detail: 'remove $id' }]);
    const schemaId = versionSchemaId(standardId, version);
    const hash = contentHash(schema, schemaId, this.shared);

    const existing = await this.store.getVersion(standardId, version);
    if (existing) return this.repeat(existing, hash);

    try {
      this.library.validators.compile({ id: standardId, version, contentHash: hash }, schemaId, schema);
    } catch (error) {
      const detail = error instanceof SchemaCompileError ? error.message.replace(/^.*? does not compile: /, '') : String(error);
      throw new RegistryError('unprocessable', `the schema does not compile in strict mode: ${detail}`, [{ detail }]);
    }
    const standard = await this.store.getStandard(standardId);
    const stored = standard ? await this.store.listVersions(standardId) : [];
    // Another request may have published this very version since the check above.
    const raced = stored.find((v) => v.version === version);
    if (raced) return this.repeat(raced, hash);
    const history = stored.filter((v) => v.status !== 'draft');
    const policy = asPolicy(standard?.metadata.compatibility);
    const problems = compatibilityProblems(
      history.map((v) => ({ version: v.version, schema: JSON.parse(v.schema) as AnySchemaObject, schemaId: versionSchemaId(standardId, v.version) })),
      { version, schema, schemaId },
      policy,
      this.shared,
    );
    if (problems.length > 0) {
      throw new RegistryError('unprocessable', `${standardId} ${version} does not follow semver under its ${policy} compatibility policy`, problems);
    }
    if (!standard) {
      await this.store.saveStandard(
        {
          id: standardId,
          title: typeof schema.title === 'string' ? schema.title.replace(/\s+\d+\.\d+\.\d+$/, '') : standardId,
          owner: request.actor,
          description: typeof schema.description === 'string' ? schema.description : '',
          metadata: { compatibility: 'BACKWARD' },
        },
        request.actor,
      );
    }
    const result = await this.store.publishVersion({
      standardId,
      version,
      status: 'published',
      schema: JSON.stringify(schema), // as authored (key order kept for display); the hash is over canonical JSON
      contentHash: hash,
      changelog: typeof schema.$comment === 'string' ? schema.$comment : '',
      publishedBy: request.actor,
    });
    return result.outcome === 'conflict' ? this.repeat(result.version, hash) : { outcome: result.outcome, version: result.version };
  }

  private repeat(existing: StoredVersion, hash: string): PublishResult {
    if (existing.contentHash === hash) return { outcome: 'identical', version: existing };
    throw new RegistryError(
      'conflict',
      `${existing.standardId} ${existing.version} is already published with other content (${existing.contentHash}); published versions never change: publish a new version`,
    );
  }

  /** The classified changes between two versions (by default the latest and the one before it). */
  async changes(standardId: string, from: string | undefined, to: string | undefined): Promise<Comparison & { policy: string }> {
    const { standard, versions } = await this.getStandard(standardId);
    const target = await this.resolve(standardId, to ?? 'latest');
    const base = from !== undefined ? await this.resolve(standardId, from) : versions.filter((v) => semver.lt(v.version, target.version) && v.status !== 'draft').at(-1);
    if (!base) throw new RegistryError('bad-request', `${standardId} ${target.version} has no earlier version to compare with; give from=`);
    const policy = asPolicy(standard.metadata.compatibility);
    const side = (v: StoredVersion) => ({ version: v.version, schema: JSON.parse(v.schema) as unknown, schemaId: versionSchemaId(standardId, v.version) });
    return { ...compareVersions(side(base), side(target), policy, this.shared), policy };
  }

  async setStatus(standardId: string, version: string, status: VersionStatus, actor: string): Promise<StoredVersion> {
    await this.resolve(standardId, version); // 404 with the list when unknown
    await this.store.setVersionStatus(standardId, version, status, actor);
    return (await this.store.getVersion(standardId, version))!;
  }
}

function parseSchema(body: string): AnySchemaObject {
  let value: unknown;
  try {
    value = parseYaml(body); // YAML 1.2 is a superset of JSON, so one parser reads both
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      throw new RegistryError('bad-request', `the body is not valid JSON or YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RegistryError('unprocessable', 'the body must be a JSON Schema object');
  }
  return value as AnySchemaObject;
}
