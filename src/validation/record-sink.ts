/** The sink that validates each record a reader gives it and counts the result in a report builder. */
import type { ValidateFunction } from 'ajv';
import type { RecordProblem, RecordSink } from './readers/types.js';
import type { ReportBuilder } from './report-builder.js';
import type { Finding } from './report-types.js';
import { toFindings, type Conditions, type EngineError, type FieldLabels } from './findings.js';
import type { RecordObserver } from './observer.js';
import { consistencyRun, type ConsistencyRun } from './consistency-rules.js';
import type { ValidationContext } from './context.js';
import type { Ranges } from './bounds.js';
import type { CompiledVersion } from './validators.js';
import { fileNameVerdict, type RecordCodeCheck } from './file-name.js';
import { recordActions, type RecordActions } from './record-actions.js';
import { isStackOverflow, StackExceeded } from './errors.js';

/** What a record is checked with: the compiled validator, its fields' labels, and the run it is part of. */
export interface RecordCheck {
  validate: ValidateFunction;
  labels?: FieldLabels;
  conditions?: Conditions;
  /** The numeric ranges of the version's schemas, for findings' messages. */
  ranges?: Ranges;
  /** The coded fields checked against the lists the file's name chooses (warnings). */
  codes?: RecordCodeCheck;
  /** The version's advice (x-advice: warnings). */
  advice?: RecordCodeCheck;
  /** The run (consistencyRun(context)): passed to the validator as `this`; it collects warnings. */
  run: ConsistencyRun;
  /** What the run's rows do to the records they identify (x-record-actions), followed in record order by the sink. */
  actions?: RecordActions;
}

/** The check of each record of a run: the version's validator and labels, and the run made from the context. */
export function recordCheck(
  version: Pick<CompiledVersion, 'validate' | 'labels'> & Partial<Pick<CompiledVersion, 'conditions' | 'ranges' | 'fileNameRule' | 'advice' | 'recordActions'>>,
  context?: ValidationContext,
): RecordCheck {
  const check: RecordCheck = {
    validate: version.validate,
    labels: version.labels,
    conditions: version.conditions,
    ranges: version.ranges,
    run: consistencyRun(context),
  };
  if (version.advice) check.advice = version.advice;
  const actions = recordActions(version.recordActions);
  if (actions) check.actions = actions;
  const rule = version.fileNameRule;
  if (rule?.codes) {
    const { codes } = fileNameVerdict(rule, context?.fileName);
    if (codes) check.codes = codes;
  }
  return check;
}

/**
 * The findings of one record, or undefined when it has none. A record with warnings only is valid: the
 * validator returns true and the warnings are in the run. `messages: false`: the findings' messages are
 * left empty (only counted, see toFindings).
 */
export function checkRecord(check: RecordCheck, value: unknown, record: number, line: number, messages = true): ReturnType<typeof toFindings> | undefined {
  const { validate, run } = check;
  run.warnings = null;
  const valid = validate.call(run, value);
  let warnings: EngineError[] | null = run.warnings;
  if (check.advice !== undefined || check.codes !== undefined) {
    const advice = check.advice?.(value);
    const codes = check.codes?.(value);
    if (advice || codes) warnings = [...(warnings ?? []), ...(advice ?? []), ...(codes ?? [])];
  }
  if (valid && warnings === null) return undefined;
  const errors: readonly EngineError[] = valid ? [] : (validate.errors ?? []);
  run.warnings = null;
  return toFindings(warnings === null ? errors : errors.concat(warnings), record, line, check.labels, check.conditions, value, messages, check.ranges);
}

/** The faults of a record's text (RecordSink.record's `problems`) as error findings, before the record's other findings. */
function withProblems(problems: readonly RecordProblem[], findings: Finding[] | undefined, record: number, line: number): Finding[] {
  const found: Finding[] = problems.map(({ path, rule, message }) => ({ record, line, path, rule, message, severity: 'error' }));
  return findings === undefined ? found : found.concat(findings);
}

/** Gives each finding the spreadsheet row of its record (CSV), read from the reader's position. */
function atRow(findings: ReturnType<typeof toFindings>, row: number | undefined): ReturnType<typeof toFindings> {
  if (row !== undefined) for (const f of findings) f.row = row;
  return findings;
}

export function reportingSink(builder: ReportBuilder, check: RecordCheck, observer?: RecordObserver): RecordSink {
  let muted: ReadonlySet<string> | undefined;
  return {
    record(value, line, row, problems) {
      try {
        checked(value, line, row, problems);
      } catch (error) {
        // A record nested deeper than a recursive schema's validator can follow on this thread's stack.
        throw isStackOverflow(error) ? new StackExceeded() : error;
      }
    },
    muteRequired(pointers) {
      muted = pointers;
    },
    unreadable(line, rule, message, row) {
      const finding: Finding = { record: builder.records + 1, line, path: '', rule, message, severity: 'error' };
      if (row !== undefined) finding.row = row;
      builder.fail([finding]);
      observer?.unreadable();
    },
    fileProblem(rule, message, severity, line) {
      builder.fileFinding(rule, message, severity, line);
    },
  };

  function checked(value: unknown, line: number, row: number | undefined, problems: readonly RecordProblem[] | undefined): void {
    const record = builder.records + 1;
    let findings = checkRecord(check, value, record, line, builder.wantsMessages);
    if (problems !== undefined) findings = withProblems(problems, findings, record, line);
    if (check.actions) findings = check.actions.check(value, findings, record, line, row);
    if (findings === undefined) {
      builder.pass();
      observer?.observe(value, undefined, line, row);
      return;
    }
    atRow(findings, row);
    if (muted === undefined) {
      builder.fail(findings);
      observer?.observe(value, findings, line, row);
    } else {
      const kept = findings.filter((f) => !(f.rule === 'required' && muted!.has(f.path)));
      builder.fail(kept, kept.length !== findings.length || undefined, findings);
      observer?.observe(value, findings, line, row);
    }
  }
}
