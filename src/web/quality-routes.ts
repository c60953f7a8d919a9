/** The data-quality dashboard: per supplier, overall score over time (SVG) and the same figures as a table. */
import type { Server } from '@hapi/hapi';
import type { Store } from '../store/types.js';
import { qualityTrends } from '../quality/trends.js';
import { page, sessionOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { scoreLine } from './charts.js';
import type { Scorecard } from '../quality/types.js';

const DIMENSIONS = ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const;

/** The per-field breakdown of a stored submission's scorecard: fill rate, valid share, DQMI item score. */
async function latestFields(store: Store, submissionId: string | undefined) {
  if (!submissionId) return [];
  const stored = await store.getSubmission(submissionId);
  const card = stored ? ((JSON.parse(stored.report) as { scorecard?: Scorecard }).scorecard) : undefined;
  if (!card) return [];
  const byField = (d: keyof Scorecard['dimensions']) => new Map((card.dimensions[d].fields ?? []).map((f) => [f.field, f.score]));
  const filled = byField('completeness');
  const valid = byField('validity');
  const item = byField('defaults');
  return card.plan.fields.map((f) => ({ field: f.field, filled: filled.get(f.field) ?? null, valid: valid.get(f.field) ?? null, item: item.get(f.field) ?? null }));
}

export function registerQualityPages(server: Server, store: Store): void {
  server.route({
    method: 'GET',
    path: '/quality',
    options: { auth: SIGNED_IN },
    handler: async (request, h) => {
      const session = sessionOf(request)!;
      const standards = await store.listStandards();
      const chosen = String((request.query as { standard?: string }).standard ?? standards[0]?.id ?? '');
      const standard = standards.find((s) => s.id === chosen);
      const trends = standard ? await qualityTrends(store, { standardId: standard.id, caller: { role: session.role, organisation: session.organisation } }) : undefined;
      const suppliers = await Promise.all((trends?.suppliers ?? []).map(async (s) => {
        const points = trends!.points.filter((p) => (p.supplier ?? '(none)') === s.supplier);
        const dimensionCharts = DIMENSIONS.map((d) => ({
          name: d,
          chart: scoreLine(`${d[0]!.toUpperCase()}${d.slice(1)} of ${s.supplier} over time`, points.map((p) => ({ at: p.createdAt, score: p.dimensions[d] ?? null }))),
        }));
        return {
          ...s,
          points,
          chart: scoreLine(`Overall data quality of ${s.supplier} over time`, points.map((p) => ({ at: p.createdAt, score: p.overall }))),
          dimensionCharts,
          latestFields: await latestFields(store, points.at(-1)?.submission),
        };
      }));
      return page(request, h, 'quality.njk', { title: 'Data quality', standards, chosen, standard, suppliers });
    },
  });
}
