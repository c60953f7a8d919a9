/**
 * A comparison as a job a worker thread can run (compare-off-thread.ts): its inputs are plain data (the
 * schemas, the shared documents by id, the patterns the caller vouches for as a list), so that they can be
 * posted to a worker, and its answer is bounded before it is posted back (the first `listed` changes and
 * their count, never the 100,000 changes two large versions can differ by). The verdicts are those of the
 * functions it calls (compareVersions, compatibilityProblems, compareArtefacts): the same on any thread.
 */
import type { CompatibilityPolicy } from '../standard-meta.js';
import type { Artefact } from '../artefacts/artefact.js';
import { compareArtefacts, type ArtefactComparison } from '../artefacts/diff.js';
import { compatibilityProblems, type HistoricVersion, type PublishProblem } from '../publish-rules.js';
import { compareVersions, type Comparison, type VersionedSchema } from './history.js';
import type { PatternGate } from './pattern-runs.js';

interface Common {
  /** The shared documents by id (`_common` files and artefact versions). */
  shared: [string, unknown][];
  /** The patterns shown safe (pattern-runs.ts): the diff runs these and no other. */
  safePatterns: string[];
}

/** What each kind of job compares. */
export interface CompareInputs {
  versions: { from: VersionedSchema; to: VersionedSchema; policy: CompatibilityPolicy; listed: number };
  history: { history: HistoricVersion[]; candidate: HistoricVersion; policy: CompatibilityPolicy };
  artefacts: { before: Artefact; after: Artefact; listed: number };
}

export type CompareKind = keyof CompareInputs;

export type CompareJob = { [K in CompareKind]: Common & { kind: K } & CompareInputs[K] }[CompareKind];

/** What each kind of job answers. */
export interface CompareAnswers {
  versions: Comparison & { changesTotal: number };
  history: PublishProblem[];
  artefacts: ArtefactComparison & { changesTotal: number };
}

export type CompareAnswer = CompareAnswers[keyof CompareAnswers];

/** Runs a job on this thread. */
export function runCompareJob(job: CompareJob): CompareAnswer {
  const shared = new Map(job.shared);
  const safe = new Set(job.safePatterns);
  const gate: PatternGate = (source) => safe.has(source);
  switch (job.kind) {
    case 'versions': {
      const comparison = compareVersions(job.from, job.to, job.policy, shared, gate);
      return { ...comparison, changes: comparison.changes.slice(0, job.listed), changesTotal: comparison.changes.length };
    }
    case 'history':
      return compatibilityProblems(job.history, job.candidate, job.policy, shared, gate);
    case 'artefacts': {
      const comparison = compareArtefacts(job.before, job.after, shared, gate);
      return { ...comparison, changes: comparison.changes.slice(0, job.listed), changesTotal: comparison.changes.length };
    }
  }
}

/** Messages from the compare worker. */
export type CompareWorkerMessage = { answer: CompareAnswer } | { failed: string };
