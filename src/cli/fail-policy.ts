/**
 * What fails a build (`conform validate` exits 1): `--fail-on any` (any finding, or a warning such as a
 * deprecated version), `error` (the default: any error finding, i.e. the report is invalid) or `none`;
 * and each `--min-score <dimension>=<score>`, a floor on the report's scorecard (0 to 100, as the
 * scorecard prints it; a dimension that was not measured fails its floor).
 */
import type { DimensionName, Scorecard } from '../quality/types.js';
import type { Report } from '../validation/report-types.js';
import { UsageError } from './io.js';
import { nearestNames } from '../registry/nearest-names.js';

export type FailOn = 'any' | 'error' | 'none';
export const FAIL_ON: readonly FailOn[] = ['any', 'error', 'none'];

const DIMENSIONS: readonly (DimensionName | 'overall')[] = ['overall', 'validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'];
export type ScoreName = (typeof DIMENSIONS)[number];

export interface MinScore {
  dimension: ScoreName;
  min: number;
}

export interface FailPolicy {
  failOn: FailOn;
  minScores: MinScore[];
}

export function parseMinScore(text: string): MinScore {
  const match = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(text.trim());
  const dimension = match?.[1] as ScoreName | undefined;
  const min = Number(match?.[2]);
  if (!match || !DIMENSIONS.includes(dimension!) || min > 100) {
    // A misspelt dimension (overal=90, Validity=95) is told the one it may mean.
    const written = /^([^=]*)=/.exec(text.trim())?.[1]?.trim() ?? '';
    const near = written === '' || DIMENSIONS.includes(written as ScoreName) ? [] : nearestNames(written.toLowerCase(), DIMENSIONS, 1);
    const meant = near.length === 0 ? '' : `; did you mean ${near[0]!}${text.trim().slice(text.trim().indexOf('='))}?`;
    throw new UsageError(`--min-score takes <dimension>=<0 to 100>, such as overall=90; the dimensions are ${DIMENSIONS.join(', ')}${meant}`);
  }
  return { dimension: dimension!, min };
}

export function parseFailPolicy(failOn: string | undefined, minScores: readonly string[] | undefined): FailPolicy {
  const on = (failOn ?? 'error') as FailOn;
  if (!FAIL_ON.includes(on)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  return { failOn: on, minScores: (minScores ?? []).map(parseMinScore) };
}

export interface ScoreCheck extends MinScore {
  /** The figure (null when not measured) and whether it meets the floor. */
  score: number | null;
  met: boolean;
}

export function scoreChecks(report: Report, policy: FailPolicy): ScoreCheck[] {
  const card = report.scorecard as Scorecard | undefined;
  return policy.minScores.map((floor) => {
    const score = card === undefined ? null : floor.dimension === 'overall' ? card.overall : card.dimensions[floor.dimension].score;
    return { ...floor, score, met: score !== null && score >= floor.min };
  });
}

/** Whether a finding of this severity fails the build under the policy. */
export const failsOn = (severity: 'error' | 'warning', failOn: FailOn): boolean => failOn === 'any' || (failOn === 'error' && severity === 'error');

/** The reasons the build fails (none: it passes). Never a record value. */
export function failureReasons(report: Report, policy: FailPolicy): string[] {
  const reasons: string[] = [];
  if (policy.failOn === 'error' && !report.valid) reasons.push(`${report.stats.invalid} invalid record${report.stats.invalid === 1 ? '' : 's'}`);
  if (policy.failOn === 'any') {
    if (report.stats.findings > 0) reasons.push(`${report.stats.findings} finding${report.stats.findings === 1 ? '' : 's'}`);
    if ((report.warnings ?? []).length > 0) reasons.push(`${report.warnings!.length} warning${report.warnings!.length === 1 ? '' : 's'}`);
  }
  for (const check of scoreChecks(report, policy)) {
    if (check.met) continue;
    reasons.push(
      check.score === null
        ? `the ${check.dimension} score was not measured (--min-score ${check.dimension}=${check.min})`
        : `the ${check.dimension} score ${check.score.toFixed(1)} is below ${check.min} (--min-score)`,
    );
  }
  return reasons;
}
