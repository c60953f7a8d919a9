/** Helpers for the dimension modules. */
import type { DimensionScore } from '../types.js';
import { countWords } from '../../validation/count-words.js';

export const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * A 0–100 score to one decimal that reads 100 only when nothing counted against it and 0 only when
 * nothing counted for it: 2,499 of 2,500 (99.96) is 99.9, not 100.0, and 1 of 2,500 (0.04) is 0.1, not
 * 0.0. Every other figure rounds to the nearest tenth.
 */
export function score1(n: number): number {
  const rounded = round1(n);
  if (rounded >= 100 && n < 100) return 99.9;
  if (rounded <= 0 && n > 0) return 0.1;
  return rounded;
}

/** "1 record without …", "2 records without …": a count with the noun it counts. */
export const records = (count: number, rest: string): string => `${countWords(count, 'record')} ${rest}`;
export const percent = (part: number, whole: number): number => score1((part / whole) * 100);

export function notMeasured(formula: string, note: string, counts: DimensionScore['counts'] = {}): DimensionScore {
  return { measured: false, score: null, formula, note, counts };
}
