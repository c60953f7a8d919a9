/** The sink that validates each record a reader gives it and counts the result in a report builder. */
import type { ValidateFunction } from 'ajv';
import type { RecordSink } from './readers/types.js';
import type { ReportBuilder } from './report-builder.js';
import { toFindings } from './findings.js';

export function reportingSink(builder: ReportBuilder, validate: ValidateFunction): RecordSink {
  return {
    record(value, line) {
      if (validate(value)) builder.pass();
      else builder.fail(toFindings(validate.errors ?? [], builder.records + 1, line));
    },
    unreadable(line, rule, message) {
      builder.fail([{ record: builder.records + 1, line, path: '', rule, message, severity: 'error' }]);
    },
    fileProblem(rule, message) {
      builder.fileFinding(rule, message);
    },
  };
}
