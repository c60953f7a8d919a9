/**
 * The one rule for the format a submitted file is read in, for every face (the API, the web's upload form
 * and script, the CLI locally and against a server): the format declared (the API's Content-Type, the
 * CLI's --format) or, when none is, the one its name says (.json, .ndjson or .jsonl, .csv, each optionally
 * .gz: validation/input-format.ts), or one of the version's own: a version that declares a file-name
 * convention with extensions (`x-file-name.extensions`, e.g. the immunisation batch file's CSV and DAT) and
 * a CSV layout (`x-csv`) says its files are read in that layout, so a name ending in one of its extensions
 * (as its `upperCase` says, case-insensitively; optionally .gz) is read as CSV. A name that says another data
 * format than the declared one is refused (the file is misnamed or mislabelled: read as either it would be
 * wrong); an undeclared file whose name says none is refused, with what to send instead when its name is a
 * kind of file suppliers send by mistake (a workbook, an archive, a document). The same words on every
 * face; each face resolves the version before it chooses (services/submissions.ts `fileFormat`).
 */
import { adviceForFileName, formatFromFileName } from '../validation/input-format.js';
import type { InputFormat } from '../validation/report-types.js';
import type { FileNameRule } from '../validation/file-name.js';
import { DomainError } from './errors.js';

/** The format a name says by the usual extensions alone (.json, .ndjson or .jsonl, .csv, optionally .gz), before a version is known. */
export { formatFromFileName };

/** What a version says of its own files: the extensions its file names end in, and the format those are read in. */
export interface VersionFiles {
  /** Without the dot, as the convention lists them (`CSV`, `DAT`). */
  extensions: readonly string[];
  /** The convention upper-cases a name before checking it: its extensions are matched whatever their case. */
  upperCase: boolean;
  format: InputFormat;
}

/**
 * What a version says of its own files' formats: the extensions of its file-name convention, read in its
 * CSV layout, when it declares both (undefined otherwise: names say formats only by the usual extensions).
 */
export function versionFiles(version: { fileNameRule: FileNameRule | undefined; csvLayout: { declared?: boolean } }): VersionFiles | undefined {
  const rule = version.fileNameRule;
  if (rule === undefined || version.csvLayout.declared !== true) return undefined;
  return { extensions: rule.extensions, upperCase: rule.upperCase === true, format: 'csv' };
}

/** The format a name says: by the usual extensions, else by one of the version's own (each optionally .gz). */
export function formatOfName(fileName: string, files?: VersionFiles): InputFormat | undefined {
  const usual = formatFromFileName(fileName);
  if (usual !== undefined || files === undefined) return usual;
  const name = fileName.replace(/\.gz$/i, '');
  const dot = name.lastIndexOf('.');
  if (dot === -1) return undefined;
  const extension = name.slice(dot + 1);
  const own = files.extensions.some((e) => (files.upperCase ? e.toUpperCase() === extension.toUpperCase() : e === extension));
  return own ? files.format : undefined;
}

/** The names a format is told by, for the refusals. */
export const FORMAT_NAMES = '.json, .ndjson, .jsonl or .csv (optionally .gz)';

/**
 * The format to read a file in. `fileName` is the file's name as the face was given it (undefined when
 * it has none); `declared` the format the caller declared; `declareHint`, for a face that can declare a
 * format, how (appended to the refusal of a name that says none, e.g. `give --format json|ndjson|csv`);
 * `files` what the resolved version says of its own files' names (versionFiles); `delimiter` its CSV
 * delimiter, for the step to save a workbook as its CSV.
 */
export function submissionFormat(
  fileName: string | undefined,
  declared?: InputFormat,
  declareHint?: string,
  files?: VersionFiles,
  delimiter?: string,
): InputFormat {
  const named = fileName === undefined ? undefined : formatOfName(fileName, files);
  if (declared !== undefined) {
    if (named !== undefined && named !== declared) {
      throw new DomainError(
        'invalid-input',
        `the file's name "${fileName!}" says ${named}, but the file was declared ${declared}; rename the file if it holds ${declared}, or declare it ${named}`,
      ).about('filename');
    }
    return declared;
  }
  if (named !== undefined) return named;
  const name = fileName ?? '';
  const advice = adviceForFileName(name, delimiter);
  if (advice !== undefined) throw new DomainError('invalid-input', `"${name}": ${advice}`).about('filename');
  const hint = declareHint === undefined ? '' : `, or ${declareHint}`;
  const whose = name === '' ? 'the file has no name to tell its format by' : `cannot tell the format of "${name}" from its name`;
  throw new DomainError('invalid-input', `${whose}: name it ${FORMAT_NAMES}${hint}`).about('filename');
}
