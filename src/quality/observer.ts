/**
 * Hooks the scorecard into a validation pass: an observer spec for validateStream (this thread, and
 * worker threads through collector.ts), and the scorecard once the pass is over.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import type { ObserverSpec } from '../validation/observer.js';
import { QualityCollector } from './collector.js';
import { qualityPlan, type QualityDeclarations } from './plan.js';
import { computeScorecard } from './scorecard.js';
import type { ReportingPeriod } from './period.js';
import type { Scorecard } from './types.js';
import type { Finding } from '../validation/report-types.js';

export interface ScorecardPass {
  observer: ObserverSpec;
  scorecard(): Scorecard;
  /**
   * Warnings for records whose record key an earlier record has (quality/duplicates.ts), and for those whose
   * key differs from an earlier one's only in letter case or surrounding spaces (near-duplicates.ts), and for
   * those whose key is given but blank (blank-keys.ts); none without a declared key.
   */
  duplicateFindings(): Finding[];
}

export function scorecardPass(
  ajv: Ajv,
  schema: AnySchemaObject,
  schemaId: string,
  declared: QualityDeclarations,
  submittedAt = new Date(),
  period?: ReportingPeriod,
  sentAt?: string,
): ScorecardPass {
  const plan = qualityPlan(ajv, schema, schemaId, declared, submittedAt, period, sentAt);
  const main = new QualityCollector(plan);
  return {
    observer: { main, module: new URL('./collector.js', import.meta.url).href, plan },
    scorecard: () => computeScorecard(plan, main.counts),
    duplicateFindings: () => {
      if (!plan.recordKey) return [];
      const key = plan.recordKey.map((segments) => segments.join('.'));
      return [...main.duplicates.findings(key), ...main.nearDuplicates.findings(key), ...main.blankKeys.findings(key)].sort((a, b) => a.record - b.record);
    },
  };
}
