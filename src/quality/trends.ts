/**
 * Quality over time: scorecard points of one standard's submissions, oldest first, and a summary per
 * supplier ranked by its latest overall score (ties by mean). Pure: the submission service reads the
 * rows (under its one visibility rule) and hands them here.
 */

/** One stored submission's scores, as the trends need them. */
export interface TrendRow {
  id: string;
  organisation: string | null;
  version: string;
  createdAt: string;
  records: number;
  /** The scores as JSON text (overall and per dimension), or null when there is no scorecard. */
  quality: string | null;
}

interface Scores {
  overall: number | null;
  dimensions: Record<string, number | null>;
}

export function qualityTrends(standardId: string, rows: readonly TrendRow[]) {
  const points = rows
    .filter((r) => r.quality !== null)
    .map((r) => {
      const scores = JSON.parse(r.quality!) as Scores;
      return {
        submission: r.id,
        supplier: r.organisation,
        version: r.version,
        createdAt: r.createdAt,
        records: r.records,
        overall: scores.overall,
        dimensions: scores.dimensions,
      };
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
  suppliers.sort(
    (a, b) => (b.latestOverall ?? -1) - (a.latestOverall ?? -1) || (b.meanOverall ?? -1) - (a.meanOverall ?? -1) || a.supplier.localeCompare(b.supplier),
  );
  return { standard: standardId, points, suppliers: suppliers.map((s, i) => ({ rank: i + 1, ...s })) };
}

export type QualityTrends = ReturnType<typeof qualityTrends>;
