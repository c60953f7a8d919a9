import { describe, expect, it } from 'vitest';
import { ackFileName, ackTime, BUS_ACK_HEADER, busAck, busAckJson, infAck } from '../../src/validation/ack-file.js';
import { hasBusAck, infAckOutcome, noBusAckReason, UNREADABLE } from '../../src/validation/file-outcome.js';
import { setOutcomes } from '../../src/validation/row-outcomes.js';
import type { Report } from '../../src/validation/report-types.js';

const report = (findings: Report['findings']): Report =>
  ({
    standard: { id: 'immunisation-batch', version: '5.0.0', contentHash: 'h' },
    format: 'csv',
    gzip: false,
    valid: !findings.some((f) => f.severity === 'error'),
    stats: { records: 3, valid: 1, invalid: 2, findings: findings.length, bytes: 1, seconds: 0 },
    findings,
    summary: [],
    maxFindings: 1000,
    truncated: false,
  }) as unknown as Report;

const f = (record: number, path: string, rule: string, message: string, severity: 'error' | 'warning' = 'error') => ({
  record,
  line: record + 1,
  path,
  rule,
  message,
  severity,
});
const options = { messageId: 'a1b2', receivedAt: '2024-06-10T17:33:25.120Z' };

describe('acknowledgement files in the national pipeline shape', () => {
  it('BusAck: one row per failed record, numbered {message}^{n}, errors joined after their column; warnings and file findings left out', () => {
    const text = busAck(
      report([
        f(0, '', 'vaccine-type', 'a file-level warning', 'warning'),
        f(1, '/PERSON_POSTCODE', 'postcode-format', 'The postcode is not a valid UK postcode', 'warning'),
        f(2, '/PERSON_SURNAME', 'required', 'missing required field "PERSON_SURNAME", required when ACTION_FLAG is NEW or UPDATE'),
        f(2, '/DOSE_SEQUENCE', 'maximum', 'must be at most 9'),
        f(3, '/ACTION_FLAG', 'format', 'must be NEW, UPDATE or DELETE (any case, no spaces)'),
      ]),
      options,
    );
    expect(text.split('\n')).toEqual([
      'MESSAGE_HEADER_ID|HEADER_RESPONSE_CODE|ISSUE_SEVERITY|ISSUE_CODE|ISSUE_DETAILS_CODE|RESPONSE_TYPE|RESPONSE_CODE|RESPONSE_DISPLAY|RECEIVED_TIME|MAILBOX_FROM|LOCAL_ID|IMMS_ID|OPERATION_OUTCOME|MESSAGE_DELIVERY',
      'a1b2^2|Fatal Error|Fatal|Fatal Error|30002|Business|30002|Business Level Response Value - Processing Error|20240610T17332500||||"PERSON_SURNAME: missing required field ""PERSON_SURNAME"", required when ACTION_FLAG is NEW or UPDATE; DOSE_SEQUENCE: must be at most 9"|False',
      'a1b2^3|Fatal Error|Fatal|Fatal Error|30002|Business|30002|Business Level Response Value - Processing Error|20240610T17332500||||ACTION_FLAG: must be NEW, UPDATE or DELETE (any case, no spaces)|False',
      '',
    ]);
  });

  it('InfAck: Success, or Failure when the file itself has an error', () => {
    expect(infAck(report([f(2, '/X', 'format', 'bad')]), options)).toBe(
      'MESSAGE_HEADER_ID|HEADER_RESPONSE_CODE|ISSUE_SEVERITY|ISSUE_CODE|ISSUE_DETAILS_CODE|RESPONSE_TYPE|RESPONSE_CODE|RESPONSE_DISPLAY|RECEIVED_TIME|MAILBOX_FROM|LOCAL_ID|MESSAGE_DELIVERY\n' +
        'a1b2|Success|Information|OK|20013|Technical|20013|Success|20240610T17332500|||True\n',
    );
    expect(infAck(report([f(0, '', 'header-order', 'the header must be …')]), options).split('\n')[1]).toBe(
      'a1b2|Failure|Fatal|Fatal Error|10001|Technical|10002|Infrastructure Level Response Value - Processing Error|20240610T17332500|||False',
    );
  });

  it('a file that cannot be read: the InfAck Failure, and no BusAck at all (not even its header)', () => {
    expect(infAck(UNREADABLE, options)).toBe(
      'MESSAGE_HEADER_ID|HEADER_RESPONSE_CODE|ISSUE_SEVERITY|ISSUE_CODE|ISSUE_DETAILS_CODE|RESPONSE_TYPE|RESPONSE_CODE|RESPONSE_DISPLAY|RECEIVED_TIME|MAILBOX_FROM|LOCAL_ID|MESSAGE_DELIVERY\n' +
        'a1b2|Failure|Fatal|Fatal Error|10001|Technical|10002|Infrastructure Level Response Value - Processing Error|20240610T17332500|||False\n',
    );
    expect(busAck(UNREADABLE, options)).toBe('');
  });

  it('a file that fails its file-level checks: the InfAck Failure and no BusAck at all, though rows failed too', () => {
    const failed = report([f(0, '', 'file-name', 'the file name must be …'), f(2, '/PERSON_SURNAME', 'required', 'missing required field')]);
    expect(infAckOutcome(failed)).toBe('Failure');
    expect(hasBusAck(failed)).toBe(false);
    expect(noBusAckReason(failed)).toContain('failed its file-level checks');
    expect(busAck(failed, options)).toBe('');
    // Recorded in the row outcomes (the capped findings may have lost it): the same.
    const recorded = report([f(2, '/PERSON_SURNAME', 'required', 'missing required field')]);
    setOutcomes(recorded, { runs: [2, 1, 0], texts: ['PERSON_SURNAME: missing required field'], omitted: 0, fileFailed: true });
    expect(busAck(recorded, options)).toBe('');
  });

  it('an empty file (no records): the InfAck Success and no BusAck, as the pipeline answers "Not processed - Empty file"', () => {
    const empty = {
      ...report([f(0, '', 'empty', 'the file contains no records')]),
      stats: { records: 0, valid: 0, invalid: 0, findings: 1, bytes: 1, seconds: 0 },
    } as Report;
    expect(infAckOutcome(empty)).toBe('Success');
    expect(hasBusAck(empty)).toBe(false);
    expect(noBusAckReason(empty)).toContain('Not processed - Empty file');
    expect(busAck(empty, options)).toBe('');
  });

  it('a good file with no failed rows still gets its BusAck: the header alone', () => {
    const clean = report([f(1, '/PERSON_POSTCODE', 'postcode-format', 'not a valid UK postcode', 'warning')]);
    expect(hasBusAck(clean)).toBe(true);
    expect(busAck(clean, options)).toBe(`${BUS_ACK_HEADER.join('|')}\n`);
  });

  it('writes times as YYYYMMDDThhmmss00', () => {
    expect(ackTime('2024-01-02T03:04:05+01:00')).toBe('20240102T02040500');
  });
});

describe("the BusAck JSON, the pipeline's JSON report of the same failed rows", () => {
  const json = (subject: Parameters<typeof busAckJson>[0], extra = {}) =>
    [...busAckJson(subject, { ...options, generatedAt: '2024-06-10T17:40:01.789Z', ...extra })].join('');

  it("is laid out as the pipeline's json.dumps(indent=2): the same rows and outcomes as the CSV, totals from the report's stats", () => {
    const r = report([
      f(1, '/PERSON_POSTCODE', 'postcode-format', 'The postcode is not a valid UK postcode', 'warning'),
      f(2, '/PERSON_SURNAME', 'required', 'missing required field "PERSON_SURNAME"'),
      f(3, '/ACTION_FLAG', 'format', 'must be NEW, UPDATE or DELETE'),
    ]);
    r.stats.seconds = 1.2;
    const text = json(r, { fileName: 'uploads/FLU_Vaccinations_v5_B86001_20240610T18332500.csv', provider: 'B86001' });
    expect(text).toBe(
      [
        '{',
        '  "system": "Immunisation FHIR API Batch Report",',
        '  "version": 1,',
        '  "generatedDate": "2024-06-10T17:40:01.000Z",',
        '  "provider": "B86001",',
        '  "filename": "FLU_Vaccinations_v5_B86001_20240610T18332500",',
        '  "messageHeaderId": "a1b2",',
        '  "summary": {',
        '    "totalRecords": 3,',
        '    "succeeded": 1,',
        '    "failed": 2,',
        '    "ingestionTime": {',
        '      "start": 1718040805,',
        '      "end": 1718040807',
        '    }',
        '  },',
        '  "failures": [',
        '    {',
        '      "rowId": 2,',
        '      "responseCode": "30002",',
        '      "responseDisplay": "Business Level Response Value - Processing Error",',
        '      "severity": "Fatal",',
        '      "localId": "",',
        '      "operationOutcome": "PERSON_SURNAME: missing required field \\"PERSON_SURNAME\\""',
        '    },',
        '    {',
        '      "rowId": 3,',
        '      "responseCode": "30002",',
        '      "responseDisplay": "Business Level Response Value - Processing Error",',
        '      "severity": "Fatal",',
        '      "localId": "",',
        '      "operationOutcome": "ACTION_FLAG: must be NEW, UPDATE or DELETE"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    const rows = busAck(r, options)
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split('|')[0]!.split('^')[1]));
    expect((JSON.parse(text) as { failures: { rowId: number }[] }).failures.map((x) => x.rowId)).toEqual(rows);
    expect(ackFileName({ id: 'a1b2', createdAt: options.receivedAt, fileName: 'FLU_Vaccinations_v5_B86001_20240610T18332500.csv' }, 'busack-json')).toBe(
      'FLU_Vaccinations_v5_B86001_20240610T18332500_BusAck_20240610T17332500.json',
    );
  });

  it('lists every failed row from the row outcomes whatever the findings cap, and says so when a bound left rows out', () => {
    const capped = report([f(1, '/A', 'type', 'must be a string')]);
    capped.stats = { ...capped.stats, records: 5000, valid: 1000, invalid: 4000 };
    capped.truncated = true;
    setOutcomes(capped, { runs: [1, 3999, 0], texts: ['A: must be a string'], omitted: 1, fileFailed: false });
    const body = JSON.parse(json(capped)) as {
      summary: { totalRecords: number; succeeded: number; failed: number };
      failures: { rowId: number | null; operationOutcome: string }[];
    };
    expect(body.summary).toMatchObject({ totalRecords: 5000, succeeded: 1000, failed: 4000 });
    expect(body.failures).toHaveLength(4000);
    expect(body.failures[3998]!.rowId).toBe(3999);
    expect(body.failures[3999]!).toMatchObject({
      rowId: null,
      operationOutcome: expect.stringMatching(/^Conform: this acknowledgement is incomplete: 1 more failed row is not listed after row 3999/),
    });
  });

  it('a good file: no failures; a file without a BusAck (unreadable, failed at file level, empty): nothing at all', () => {
    const good = report([]);
    good.stats = { ...good.stats, valid: 3, invalid: 0 };
    expect(JSON.parse(json(good))).toMatchObject({ summary: { totalRecords: 3, succeeded: 3, failed: 0 }, failures: [] });
    expect(json(UNREADABLE)).toBe('');
    expect(json(report([f(0, '', 'file-name', 'the file name must be …'), f(2, '/A', 'type', 'x')]))).toBe('');
    const empty = report([f(0, '', 'empty', 'the file contains no records')]);
    empty.stats = { ...empty.stats, records: 0, valid: 0, invalid: 0 };
    expect(json(empty)).toBe('');
  });
});
