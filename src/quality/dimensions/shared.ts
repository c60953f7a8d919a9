/** Helpers for the dimension modules. */
import type { DimensionScore } from '../types.js';

export const round1 = (n: number): number => Math.round(n * 10) / 10;
/** "1 record without …", "2 records without …": a count with the noun it counts. */
export const records = (count: number, rest: string): string => `${count} ${count === 1 ? 'record' : 'records'} ${rest}`;
export const percent = (part: number, whole: number): number => round1((part / whole) * 100);

export function notMeasured(formula: string, note: string, counts: DimensionScore['counts'] = {}): DimensionScore {
  return { measured: false, score: null, formula, note, counts };
}
