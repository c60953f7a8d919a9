/**
 * Quality over time: the scorecards of stored submissions of one standard, oldest first, and a summary
 * per supplier ranked by its latest overall score (ties by mean). Suppliers see only their own.
 */
import type { Store } from '../store/types.js';

export interface TrendQuery {
  standardId: string;
  supplier?: string;
  from?: string;
  to?: string;
  caller: { role: string; organisation: string | null };
}

interface Scores {
  overall: number | null;
  dimensions: Record<string, number | null>;
}

const MAX_POINTS = 5000;

export async function qualityTrends(store: Store, query: TrendQuery) {
  const organisation = query.caller.role === 'supplier' ? (query.caller.organisation ?? '') : query.supplier;
  const rows = await store.listSubmissions({
    standardId: query.standardId,
    ...(organisation !== undefined ? { organisation } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    ascending: true,
    limit: MAX_POINTS,
  });
  const points = rows
    .filter((r) => r.quality !== null)
    .map((r) => {
      const scores = JSON.parse(r.quality!) as Scores;
      return { submission: r.id, supplier: r.organisation, version: r.version, createdAt: r.createdAt, records: r.records, overall: scores.overall, dimensions: scores.dimensions };
    });
  const bySupplier = new Map<string, typeof points>();
  for (const p of points) {
    const key = p.supplier ?? '(none)';
    bySupplier.set(key, [...(bySupplier.get(key) ?? []), p]);
  }
  const suppliers = [...bySupplier.entries()].map(([supplier, list]) => {
    const scored = list.filter((p) => p.overall !== null).map((p) => p.overall!);
    return {
      supplier,
      submissions: list.length,
      latestOverall: list.at(-1)!.overall,
      meanOverall: scored.length ? Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 10) / 10 : null,
      latestAt: list.at(-1)!.createdAt,
    };
  });
  suppliers.sort((a, b) => (b.latestOverall ?? -1) - (a.latestOverall ?? -1) || (b.meanOverall ?? -1) - (a.meanOverall ?? -1) || a.supplier.localeCompare(b.supplier));
  return { standard: query.standardId, points, suppliers: suppliers.map((s, i) => ({ rank: i + 1, ...s })) };
}
