/**
 * `conform template <id>[@<version>] [--out <file>] [--force]`: a CSV header and an example row that
 * validates, for suppliers. --out never replaces an existing file without --force, and the file appears
 * only complete (output-files.ts).
 */
import { basename, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { csvTemplate } from '../registry/csv-template.js';
import { validExamples } from '../registry/examples.js';
import { compiledVersion } from '../registry/library.js';
import { findStandard, parseStandardRef, resolveVersion } from '../registry/resolve.js';
import { checkFileName } from '../validation/file-name.js';
import { envOf, EXIT, UsageError, type CliIo } from './io.js';
import { libraryOnUse } from './local-library.js';
import { writeWholeFile } from './output-files.js';
import { countWords } from '../validation/count-words.js';

interface TemplateArgs {
  ref?: string;
  out?: string;
  force?: boolean;
  standards?: string;
}

interface Template {
  csv: string;
  /** What was written, for the line saying so. */
  what: string;
}

async function makeTemplate(ref: string, args: TemplateArgs, io: CliIo): Promise<Template> {
  const library = await libraryOnUse(args.standards, io.cwd, envOf(io));
  const { id, spec } = parseStandardRef(ref);
  const standard = findStandard(library, id);
  const version = resolveVersion(library, id, spec);
  // The header, dialect and file-name rule are walks of the schema, but a template of a version the engine
  // refuses is a file nobody can validate: it is compiled (this one alone), and a refusal names its file.
  compiledVersion(version);
  const template = csvTemplate(library.validators.ajv, version.schema, version.schemaId, await validExamples(standard.dir, version.version));
  // In the version's dialect: its delimiter (a comma unless the standard declares another, e.g. pipes).
  const csv = stringify(template.row ? [template.header, template.row] : [template.header], { delimiter: version.compiled.csvLayout.dialect.delimiter });
  const what = `${id}@${version.version}`;
  if (template.row === undefined) io.stderr.write(`conform: no valid example of ${what} fits one CSV row, so the template has the header alone\n`);
  // A version with a file-name convention fails a file named otherwise (a file-name error), so say how to name it.
  const nameRule = version.compiled.fileNameRule;
  if (nameRule !== undefined && (args.out === undefined || !checkFileName(nameRule, basename(args.out)).ok)) {
    io.stderr.write(
      `conform: ${what} checks the file's name: ${nameRule.description}; save the template under such a name, or validate it with --file-name <such a name>, else it fails with a file-name finding\n`,
    );
  }
  return {
    csv,
    what: `the header of ${what} (${countWords(template.header.length, 'column')})${template.row ? ` and the example "${template.exampleName ?? 'valid'}"` : ''}`,
  };
}

export async function templateCommand(args: TemplateArgs, io: CliIo): Promise<number> {
  const ref = args.ref;
  if (!ref) throw new UsageError('give the standard: conform template <id>[@<version>]');
  if (args.out === undefined) {
    io.stdout.write((await makeTemplate(ref, args, io)).csv);
    return EXIT.ok;
  }
  let what = '';
  await writeWholeFile(resolve(io.cwd, args.out), args.out, args.force === true, io, async () => {
    const made = await makeTemplate(ref, args, io);
    what = made.what;
    return made.csv;
  });
  io.stdout.write(`wrote ${args.out}: ${what}\n`);
  return EXIT.ok;
}
