/** The JSON shapes the API returns for standards and versions (see openapi.ts). */
import type { StoredStandard, StoredVersion } from '../store/types.js';

export const versionSummary = (v: StoredVersion) => ({
  version: v.version,
  status: v.status,
  contentHash: v.contentHash,
  publishedAt: v.publishedAt,
  changelog: v.changelog,
});

export const standardSummary = (s: StoredStandard, latest: StoredVersion | undefined) => ({
  id: s.id,
  title: s.title,
  owner: s.owner,
  description: s.description,
  latestVersion: latest?.version ?? null,
  status: latest?.status ?? null,
});

export const standardDetail = (s: StoredStandard, versions: StoredVersion[], latest: StoredVersion | undefined) => ({
  ...standardSummary(s, latest),
  metadata: s.metadata,
  versions: versions.map(versionSummary),
});

export const versionDetail = (v: StoredVersion) => ({
  standard: v.standardId,
  ...versionSummary(v),
  schema: JSON.parse(v.schema) as unknown,
});
