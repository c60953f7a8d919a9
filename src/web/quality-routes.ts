/**
 * The data-quality dashboard: per supplier, scores by reporting period (a submission without one by the
 * day it was made) as SVG lines and the same figures as a table, validity first and "fails validity" tagged.
 */
import type { Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import type { Principal } from '../services/access.js';
import { page, principalOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { scoreLine } from './charts.js';
import type { Scorecard } from '../quality/types.js';

const DIMENSIONS = ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const;

/** The per-field breakdown of a stored submission's scorecard: fill rate, valid share, DQMI item score. */
async function latestFields(submissions: SubmissionService, principal: Principal, submissionId: string | undefined) {
  if (!submissionId) return [];
  const card = (await submissions.get(submissionId, principal)).scorecard as Scorecard | undefined;
  if (!card) return [];
  const byField = (d: keyof Scorecard['dimensions']) => new Map((card.dimensions[d].fields ?? []).map((f) => [f.field, f.score]));
  const filled = byField('completeness');
  const valid = byField('validity');
  // The DQMI item scores (the defaults dimension held them before reporting periods and the validity gate).
  const item = card.dqmi ? new Map((card.dqmi.fields ?? []).map((f) => [f.field, f.score])) : byField('defaults');
  return card.plan.fields.map((f) => ({
    field: f.field,
    filled: filled.get(f.field) ?? null,
    valid: valid.get(f.field) ?? null,
    item: item.get(f.field) ?? null,
  }));
}

export function registerQualityPages(server: Server, standards: StandardsService, submissions: SubmissionService): void {
  server.route({
    method: 'GET',
    path: '/quality',
    options: { auth: SIGNED_IN },
    handler: async (request, h) => {
      const principal = principalOf(request)!;
      const all = (await standards.catalogue()).map((entry) => entry.standard);
      const chosen = String((request.query as { standard?: string }).standard ?? all[0]?.id ?? '');
      const standard = all.find((s) => s.id === chosen);
      const trends = standard ? await submissions.trends(principal, { standardId: standard.id }) : undefined;
      const suppliers = await Promise.all(
        (trends?.suppliers ?? []).map(async (s) => {
          const points = trends!.points.filter((p) => (p.supplier ?? '(none)') === s.supplier);
          const dimensionCharts = DIMENSIONS.map((d) => ({
            name: d,
            chart: scoreLine(
              `${d[0]!.toUpperCase()}${d.slice(1)} of ${s.supplier} by reporting period`,
              points.map((p) => ({ at: p.period?.id ?? p.createdAt, score: p.dimensions[d] ?? null })),
            ),
          }));
          return {
            ...s,
            points,
            chart: scoreLine(
              `Overall data quality of ${s.supplier} by reporting period`,
              points.map((p) => ({ at: p.period?.id ?? p.createdAt, score: p.overall })),
            ),
            dimensionCharts,
            latestFields: await latestFields(submissions, principal, points.at(-1)?.submission),
          };
        }),
      );
      return page(request, h, 'quality.njk', { title: 'Data quality', standards: all, chosen, standard, suppliers });
    },
  });
}
