/** The JSON shapes the API returns for standards and versions (see openapi.ts). */
import type { StandardOwner, StoredStandard, StoredVersion, VersionSummary } from '../store/types.js';

const ownerView = (o: StandardOwner) => ({ owner: o.owner, grantedAt: o.grantedAt, grantedBy: o.grantedBy });

export const ownersView = (standardId: string, owners: StandardOwner[]) => ({ standard: standardId, owners: owners.map(ownerView) });

export const versionSummary = (v: VersionSummary) => ({
  version: v.version,
  status: v.status,
  contentHash: v.contentHash,
  publishedAt: v.publishedAt,
  changelog: v.changelog,
});

export const standardSummary = (s: StoredStandard, latest: Pick<StoredVersion, 'version' | 'status'> | undefined) => ({
  id: s.id,
  title: s.title,
  owner: s.owner,
  description: s.description,
  latestVersion: latest?.version ?? null,
  status: latest?.status ?? null,
});

/** A standard with one page of its versions (the route adds the page's `next`). */
export const standardDetail = (s: StoredStandard, versions: VersionSummary[], latest: VersionSummary | undefined, owners: StandardOwner[]) => ({
  ...standardSummary(s, latest),
  metadata: s.metadata,
  versions: versions.map(versionSummary),
  owners: owners.map(ownerView),
});

export const versionDetail = (v: StoredVersion) => ({
  standard: v.standardId,
  ...versionSummary(v),
  schema: JSON.parse(v.schema) as unknown,
});
