/** The input format a file name implies (.json, .ndjson or .jsonl, .csv; each optionally .gz). */
import type { InputFormat } from './report-types.js';
import { saveSheetAdvice } from './readers/csv-dialect.js';

export function formatFromFileName(name: string): InputFormat | undefined {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  if (n.endsWith('.ndjson') || n.endsWith('.jsonl')) return 'ndjson';
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.csv')) return 'csv';
  return undefined;
}

/**
 * What to do with a file of a kind suppliers often send by mistake, told by its name; undefined for any
 * other name. `delimiter` is the standard's CSV delimiter, for the step to save a workbook as its CSV.
 */
export function adviceForFileName(name: string, delimiter?: string): string | undefined {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  switch (extension) {
    case 'xlsx':
    case 'xlsm':
    case 'xlsb':
    case 'xls':
    case 'ods':
    case 'numbers':
      return `a spreadsheet workbook (.${extension}) cannot be validated: ${saveSheetAdvice(delimiter)}`;
    case 'zip':
    case '7z':
    case 'rar':
      return `an archive (.${extension}) cannot be validated: send the data file inside it (a .gz file is read as it is)`;
    case 'pdf':
    case 'doc':
    case 'docx':
    case 'odt':
      return `a document (.${extension}) holds no records to validate: send the data as CSV, JSON or NDJSON`;
    default:
      return undefined;
  }
}

/**
 * What a file is when its first bytes are the signature of a binary document rather than text (an Excel
 * workbook, a zip archive, a PDF), whatever it is called; undefined for anything else. Told from the
 * signature alone, so nothing of the content is ever quoted. Told before any face knows the standard's
 * delimiter (`conform validate --server` looks before the server resolves the version), so its advice is
 * for any delimiter, in the same words on every face.
 */
export function binaryDocumentKind(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    return `a zip archive (an Excel .xlsx workbook is one), not text: ${saveSheetAdvice()}`;
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return `an Excel 97-2003 workbook (.xls), not text: ${saveSheetAdvice()}`;
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'a PDF document, not data: send the data as CSV, JSON or NDJSON';
  return undefined;
}
