/** `conform standards <id>[@<version>]`: a standard and the fields of one version, as the web's field dictionary shows them. */
import { fieldDictionary, type FieldEntry } from '../registry/field-dictionary.js';
import { libraryArtefactOf, type Library } from '../registry/library.js';
import { findStandard, listVersions, parseStandardRef, resolveVersion } from '../registry/resolve.js';
import { EXIT, type CliIo } from './io.js';
import { textTable } from './text-table.js';

const SHOWN_CODES = 8;

function codes(field: FieldEntry): string {
  if (field.codes.length === 0) return '';
  const shown = field.codes.slice(0, SHOWN_CODES).map((c) => c.code);
  return field.codes.length > SHOWN_CODES ? `${shown.join(', ')}, … (${field.codes.length} codes)` : shown.join(', ');
}

export function standardDetail(library: Library, ref: string, json: boolean | undefined, io: CliIo): number {
  const { id, spec } = parseStandardRef(ref);
  const standard = findStandard(library, id);
  const version = resolveVersion(library, id, spec);
  const fields = fieldDictionary(library.validators.ajv, version.schema, version.schemaId, standard.meta.sensitiveFields, libraryArtefactOf(library));
  if (json) {
    io.stdout.write(
      JSON.stringify({ id, title: standard.meta.title, owner: standard.meta.owner, version: version.version, status: version.meta.status, fields }, null, 2) +
        '\n',
    );
    return EXIT.ok;
  }
  const rows = [['field', 'type', 'use', 'format', 'codes']];
  for (const f of fields) rows.push([`${f.name}${f.sensitive ? ' (sensitive)' : ''}`, f.type, f.use.toLowerCase(), f.format, codes(f)]);
  io.stdout.write(
    [
      `${id}@${version.version}  ${standard.meta.title} (${version.meta.status})`,
      `  owner: ${standard.meta.owner}`,
      `  versions: ${listVersions(standard.versions, (v) => v.meta.status)}`,
      '',
      `${fields.length} fields (conform standards ${id}@${version.version} --json for descriptions and code labels):`,
      ...textTable(rows),
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}
