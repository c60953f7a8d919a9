/**
 * Validating a submission against a stored version and keeping its report (never its data): resolves
 * the version (a retired one is gone, a deprecated one validates with a warning naming the newer
 * versions), streams the body through the engine, and stores the report under a random id for the
 * caller's organisation. A submission that does not finish (client gone, input unreadable) stores nothing.
 */
import { randomUUID } from 'node:crypto';
import semver from 'semver';
import type { RegistryService } from '../registry/service.js';
import { RegistryError } from '../registry/errors.js';
import type { Store, StoredSubmission, StoredVersion } from '../store/types.js';
import { validateStream } from '../validation/validate.js';
import type { InputFormat, Report } from '../validation/report-types.js';
import type { AnySchemaObject } from 'ajv';
import { scorecardPass } from '../quality/observer.js';
import type { Scorecard } from '../quality/types.js';
import { versionSchemaId } from '../registry/library.js';

export interface SubmissionRequest {
  standardId: string;
  versionSpec: string;
  format: InputFormat;
  source: AsyncIterable<Buffer | string>;
  maxFindings?: number;
  /** Bytes accepted after decompression. */
  maxBytes: number;
  workers: number;
  caller: { actor: string; organisation: string | null };
}

/** A note for a deprecated version, naming the published versions after it. */
export function deprecationWarning(standardId: string, version: string, all: { version: string; status: string }[]): string {
  const newer = all.filter((v) => v.status === 'published' && semver.gt(v.version, version)).map((v) => v.version);
  return `${standardId} ${version} is deprecated; ${newer.length > 0 ? `use ${newer.join(' or ')}` : 'no newer version is published yet'}`;
}

export class SubmissionService {
  constructor(
    private readonly registry: RegistryService,
    private readonly store: Store,
  ) {}

  /** The version a submission would use, refusing a retired one (410). */
  async version(standardId: string, spec: string): Promise<{ version: StoredVersion; warnings: string[] }> {
    const version = await this.registry.resolve(standardId, spec);
    const { versions } = await this.registry.getStandard(standardId);
    if (version.status === 'retired') {
      const live = versions.filter((v) => v.status === 'published').map((v) => v.version);
      throw new RegistryError('gone', `${standardId} ${version.version} is retired and no longer validates submissions${live.length ? `; use ${live.join(' or ')}` : ''}`);
    }
    return { version, warnings: version.status === 'deprecated' ? [deprecationWarning(standardId, version.version, versions)] : [] };
  }

  async validate(request: SubmissionRequest): Promise<Report> {
    const { version, warnings } = await this.version(request.standardId, request.versionSpec);
    const { standard } = await this.registry.getStandard(version.standardId);
    const submittedAt = new Date();
    const quality = scorecardPass(this.registry.ajv, JSON.parse(version.schema) as AnySchemaObject, versionSchemaId(version.standardId, version.version), standard.metadata, submittedAt);
    const report = await validateStream(request.source, this.registry.compile(version), {
      format: request.format,
      observer: quality.observer,
      maxBytes: request.maxBytes,
      workers: request.workers,
      ...(request.maxFindings !== undefined ? { maxFindings: request.maxFindings } : {}),
    });
    report.scorecard = quality.scorecard();
    if (warnings.length > 0) report.warnings = warnings;
    const stored: StoredSubmission = {
      id: randomUUID(),
      organisation: request.caller.organisation,
      submittedBy: request.caller.actor,
      standardId: version.standardId,
      version: version.version,
      createdAt: submittedAt.toISOString(),
      valid: report.valid,
      records: report.stats.records,
      report: '',
      quality: null,
    };
    report.submission = { id: stored.id, createdAt: stored.createdAt };
    const card = report.scorecard as Scorecard;
    const scores = { overall: card.overall, dimensions: Object.fromEntries(Object.entries(card.dimensions).map(([k, d]) => [k, d.score])) };
    await this.store.saveSubmission({ ...stored, report: JSON.stringify(report), quality: JSON.stringify(scores) });
    return report;
  }

  /**
   * A stored report as the caller may see it: a supplier sees only its own organisation's, and another
   * organisation's id answers exactly like an id that does not exist.
   */
  async get(id: string, caller: { role: string; organisation: string | null }): Promise<Report> {
    const stored = await this.store.getSubmission(id);
    if (!stored || (caller.role === 'supplier' && stored.organisation !== caller.organisation)) {
      throw new RegistryError('not-found', `no submission has id ${id}`);
    }
    return JSON.parse(stored.report) as Report;
  }

  async list(caller: { role: string; organisation: string | null }, filter: { standardId?: string; limit: number }) {
    const rows = await this.store.listSubmissions({
      ...filter,
      ...(caller.role === 'supplier' ? { organisation: caller.organisation ?? '' } : {}),
    });
    return rows.map((s) => ({ id: s.id, organisation: s.organisation, standard: s.standardId, version: s.version, createdAt: s.createdAt, valid: s.valid, records: s.records }));
  }
}
