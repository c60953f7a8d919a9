/** The sink that validates each record a reader gives it and counts the result in a report builder. */
import type { ValidateFunction } from 'ajv';
import type { RecordSink } from './readers/types.js';
import type { ReportBuilder } from './report-builder.js';
import { toFindings } from './findings.js';
import type { RecordObserver } from './observer.js';

export function reportingSink(builder: ReportBuilder, validate: ValidateFunction, observer?: RecordObserver): RecordSink {
  return {
    record(value, line) {
      if (validate(value)) {
        builder.pass();
        observer?.observe(value, undefined);
      } else {
        const findings = toFindings(validate.errors ?? [], builder.records + 1, line);
        builder.fail(findings);
        observer?.observe(value, findings);
      }
    },
    unreadable(line, rule, message) {
      builder.fail([{ record: builder.records + 1, line, path: '', rule, message, severity: 'error' }]);
      observer?.unreadable();
    },
    fileProblem(rule, message) {
      builder.fileFinding(rule, message);
    },
  };
}
