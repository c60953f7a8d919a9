/** The one rule for a submitted file's format: declared, else told by its name; a name that says another is refused. */
import { describe, expect, it } from 'vitest';
import { formatOfName, submissionFormat, versionFiles, type VersionFiles } from '../../src/services/submission-format.js';
import { DomainError } from '../../src/services/errors.js';

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('not refused');
};

describe('submissionFormat', () => {
  it('takes the declared format, or the one the name says (gzip or not)', () => {
    expect(submissionFormat('a.csv', 'csv')).toBe('csv');
    expect(submissionFormat('a.txt', 'json')).toBe('json');
    expect(submissionFormat(undefined, 'ndjson')).toBe('ndjson');
    expect(submissionFormat('a.JSONL.gz')).toBe('ndjson');
    expect(submissionFormat('COVID_Vaccinations_v5_B86001_20240612T12000001.csv')).toBe('csv');
  });

  it('refuses a name that says another format than the declared one, about the file name', () => {
    const error = refusal(() => submissionFormat('attendances.csv.gz', 'json'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('invalid-input');
    expect(error.subject).toBe('filename');
    expect(error.message).toBe(
      `the file's name "attendances.csv.gz" says csv, but the file was declared json; rename the file if it holds json, or declare it csv`,
    );
  });

  it('refuses an undeclared file its name says nothing of, saying what to send (and how to declare, where a face can)', () => {
    expect(refusal(() => submissionFormat('Returns Q1.xlsx', undefined, undefined, undefined, ',')).message).toBe(
      '"Returns Q1.xlsx": a spreadsheet workbook (.xlsx) cannot be validated: save the sheet as CSV (in Excel: File, Save As, "CSV UTF-8 (Comma delimited)") and send that file',
    );
    expect(refusal(() => submissionFormat('data.txt')).message).toBe(
      'cannot tell the format of "data.txt" from its name: name it .json, .ndjson, .jsonl or .csv (optionally .gz)',
    );
    expect(refusal(() => submissionFormat('data', undefined, 'give --format json|ndjson|csv')).message).toBe(
      'cannot tell the format of "data" from its name: name it .json, .ndjson, .jsonl or .csv (optionally .gz), or give --format json|ndjson|csv',
    );
    expect(refusal(() => submissionFormat('')).message).toBe(
      'the file has no name to tell its format by: name it .json, .ndjson, .jsonl or .csv (optionally .gz)',
    );
    // A declared format is read whatever the name's kind: the content itself is checked (a workbook's bytes are refused by the engine).
    expect(submissionFormat('Returns Q1.xlsx', 'csv')).toBe('csv');
  });

  it("tells how to save a workbook as the standard's own CSV: its delimiter, not always Excel's comma", () => {
    const advice = (delimiter?: string): string => refusal(() => submissionFormat('Returns Q1.xlsx', undefined, undefined, undefined, delimiter)).message;
    expect(advice(',')).toContain('save the sheet as CSV (in Excel: File, Save As, "CSV UTF-8 (Comma delimited)") and send that file');
    // Where the standard is not known (the CLI before a server resolves it), its delimiter, with Excel's step for commas.
    expect(advice(undefined)).toContain('save the sheet as CSV with the delimiter the standard uses and send that file (in Excel, for commas:');
    expect(advice('\t')).toBe(
      '"Returns Q1.xlsx": a spreadsheet workbook (.xlsx) cannot be validated: save the sheet as text with tabs (tab) between values and send that file: from Excel, save as "Text (Tab delimited)"',
    );
    for (const delimiter of ['|', ';']) {
      expect(advice(delimiter)).toContain(`between values and send that file: from Excel, set the list separator to ${delimiter} `);
      expect(advice(delimiter)).toContain(`${delimiter} as the field delimiter`);
      expect(advice(delimiter)).not.toContain('Comma delimited');
    }
  });

  describe("a version's own file names (x-file-name extensions with an x-csv layout)", () => {
    const batch: VersionFiles = { extensions: ['CSV', 'DAT'], upperCase: true, format: 'csv' };
    const DAT = 'COVID_Vaccinations_v5_B86001_20240612T12000001.dat';

    it('reads a name ending in one of them, in any case when the convention upper-cases, optionally .gz, in the layout', () => {
      expect(submissionFormat(DAT, undefined, undefined, batch)).toBe('csv');
      expect(submissionFormat('covid.dat', undefined, undefined, batch)).toBe('csv');
      expect(submissionFormat('covid.Dat.GZ', undefined, undefined, batch)).toBe('csv');
      expect(submissionFormat(DAT, 'csv', undefined, batch)).toBe('csv');
      // The usual extensions keep their meaning whatever the version lists.
      expect(submissionFormat('covid.json', undefined, undefined, batch)).toBe('json');
    });

    it('is case-sensitive when the convention does not upper-case', () => {
      const exact: VersionFiles = { ...batch, upperCase: false };
      expect(formatOfName('covid.DAT', exact)).toBe('csv');
      expect(formatOfName('covid.dat', exact)).toBeUndefined();
    });

    it('still refuses, in the same words, a name ending in an extension the version does not list, or any without the version', () => {
      expect(refusal(() => submissionFormat('covid.txt', undefined, undefined, batch)).message).toBe(
        'cannot tell the format of "covid.txt" from its name: name it .json, .ndjson, .jsonl or .csv (optionally .gz)',
      );
      expect(refusal(() => submissionFormat(DAT)).message).toBe(
        `cannot tell the format of "${DAT}" from its name: name it .json, .ndjson, .jsonl or .csv (optionally .gz)`,
      );
      expect(refusal(() => submissionFormat('covid.dat.zip', undefined, undefined, batch)).message).toMatch(/^"covid\.dat\.zip": an archive \(\.zip\)/);
    });

    it('refuses a name the version says is CSV declared as another format', () => {
      const error = refusal(() => submissionFormat(DAT, 'json', undefined, batch));
      expect(error.subject).toBe('filename');
      expect(error.message).toBe(`the file's name "${DAT}" says csv, but the file was declared json; rename the file if it holds json, or declare it csv`);
    });

    it('comes from a version that declares both a file-name convention with extensions and a CSV layout, not either alone', () => {
      const rule = { description: 'x', extensions: ['CSV', 'DAT'], upperCase: true, separator: '_', parts: [{ name: 'a' }] };
      expect(versionFiles({ fileNameRule: rule, csvLayout: { declared: true } })).toEqual(batch);
      expect(versionFiles({ fileNameRule: rule, csvLayout: {} })).toBeUndefined();
      expect(versionFiles({ fileNameRule: undefined, csvLayout: { declared: true } })).toBeUndefined();
    });
  });
});
