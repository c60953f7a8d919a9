/** `conform standards <id>[@<version>]`: a standard and the fields of one version, as the web's field dictionary shows them. */
import { fieldDictionary, type FieldEntry } from '../registry/field-dictionary.js';
import { compiledVersion, libraryArtefactOf, type Library } from '../registry/library.js';
import { findStandard, listVersions, parseStandardRef, resolveVersion } from '../registry/resolve.js';
import { EXIT, type CliIo } from './io.js';
import { textTable } from './text-table.js';
import { countWords } from '../validation/count-words.js';

const SHOWN_CODES = 8;

function codes(field: FieldEntry): string {
  if (field.codes.length === 0) return '';
  const shown = field.codes.slice(0, SHOWN_CODES).map((c) => c.code);
  return field.codes.length > SHOWN_CODES ? `${shown.join(', ')}, … (${countWords(field.codes.length, 'code')})` : shown.join(', ');
}

/** Fields sharing a condition, one line each condition (after a blank line): "Required when …: A, B, C". */
function grouped(fields: readonly FieldEntry[], condition: (f: FieldEntry) => string | undefined, line: (when: string, names: string) => string): string[] {
  const byCondition = new Map<string, string[]>();
  for (const f of fields) {
    const when = condition(f);
    if (when !== undefined) byCondition.set(when, [...(byCondition.get(when) ?? []), f.name]);
  }
  return [...byCondition].flatMap(([when, names]) => ['', line(when, names.join(', '))]);
}

export function standardDetail(library: Library, ref: string, json: boolean | undefined, io: CliIo): number {
  const { id, spec } = parseStandardRef(ref);
  const standard = findStandard(library, id);
  const version = resolveVersion(library, id, spec);
  // A description of a version the engine refuses would describe a standard nobody can validate: the one
  // shown is compiled (the others are not), and a refusal names its file, as `validate` reports it.
  compiledVersion(version);
  const fields = fieldDictionary(library.validators.ajv, version.schema, version.schemaId, standard.meta.sensitiveFields, libraryArtefactOf(library));
  if (json) {
    io.stdout.write(
      JSON.stringify({ id, title: standard.meta.title, owner: standard.meta.owner, version: version.version, status: version.meta.status, fields }, null, 2) +
        '\n',
    );
    return EXIT.ok;
  }
  const rows = [['field', 'type', 'use', 'format', 'codes']];
  for (const f of fields)
    rows.push([
      `${f.name}${f.sensitive ? ' (sensitive)' : ''}`,
      f.type,
      f.requiredWhen !== undefined ? 'conditional' : f.use.toLowerCase(),
      f.format,
      codes(f),
    ]);
  io.stdout.write(
    [
      `${id}@${version.version}  ${standard.meta.title} (${version.meta.status})`,
      `  owner: ${standard.meta.owner}`,
      `  versions: ${listVersions(standard.versions, (v) => v.meta.status)}`,
      '',
      `${countWords(fields.length, 'field')} (conform standards ${id}@${version.version} --json for descriptions and code labels):`,
      ...textTable(rows),
      ...grouped(
        fields,
        (f) => f.requiredWhen,
        (when, names) => `Required ${when}: ${names}`,
      ),
      ...grouped(
        fields,
        (f) => f.appliesWhen,
        (when, names) => `Counted in the scorecard only when ${when}: ${names}`,
      ),
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}
