/** The data-quality dashboard: per supplier, overall score over time (SVG) and the same figures as a table. */
import type { Server } from '@hapi/hapi';
import type { Store } from '../store/types.js';
import { qualityTrends } from '../quality/trends.js';
import { page, sessionOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { scoreLine } from './charts.js';

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
      const suppliers = (trends?.suppliers ?? []).map((s) => {
        const points = trends!.points.filter((p) => (p.supplier ?? '(none)') === s.supplier);
        return { ...s, points, chart: scoreLine(`Overall data quality of ${s.supplier} over time`, points.map((p) => ({ at: p.createdAt, score: p.overall }))) };
      });
      return page(request, h, 'quality.njk', { title: 'Data quality', standards, chosen, standard, suppliers });
    },
  });
}
