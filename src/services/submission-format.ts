/**
 * The one rule for the format a submitted file is read in, for every face (the API, the web's upload form
 * and script, the CLI locally and against a server): the format declared (the API's Content-Type, the
 * CLI's --format) or, when none is, the one its name says (.json, .ndjson or .jsonl, .csv, each optionally
 * .gz: validation/input-format.ts). A name that says another data format than the declared one is refused
 * (the file is misnamed or mislabelled: read as either it would be wrong); an undeclared file whose name
 * says none is refused, with what to send instead when its name is a kind of file suppliers send by
 * mistake (a workbook, an archive, a document). The same words on every face.
 */
import { adviceForFileName, formatFromFileName } from '../validation/input-format.js';
import type { InputFormat } from '../validation/report-types.js';
import { DomainError } from './errors.js';

/** The names a format is told by, for the refusals. */
export const FORMAT_NAMES = '.json, .ndjson, .jsonl or .csv (optionally .gz)';

/**
 * The format to read a file in. `fileName` is the file's name as the face was given it (undefined when
 * it has none); `declared` the format the caller declared; `declareHint`, for a face that can declare a
 * format, how (appended to the refusal of a name that says none, e.g. `give --format json|ndjson|csv`).
 */
export function submissionFormat(fileName: string | undefined, declared?: InputFormat, declareHint?: string): InputFormat {
  const named = fileName === undefined ? undefined : formatFromFileName(fileName);
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
  const advice = adviceForFileName(name);
  if (advice !== undefined) throw new DomainError('invalid-input', `"${name}": ${advice}`).about('filename');
  const hint = declareHint === undefined ? '' : `, or ${declareHint}`;
  const whose = name === '' ? 'the file has no name to tell its format by' : `cannot tell the format of "${name}" from its name`;
  throw new DomainError('invalid-input', `${whose}: name it ${FORMAT_NAMES}${hint}`).about('filename');
}
