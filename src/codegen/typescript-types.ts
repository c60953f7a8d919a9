/**
 * The TypeScript types of one version, made with json-schema-to-typescript: the record type (named after
 * the standard) first, then each definition it reaches, declared once, in name order. Self-contained (no
 * imports), so the HTTP route can serve it as one file.
 */
import { compile, type Options } from 'json-schema-to-typescript';
import { versionHeader } from './header.js';
import { visibleSource } from './literal.js';
import { recordTypeName, type CodegenSource } from './source.js';
import { TypeSchemas } from './ts-schema.js';

const OPTIONS: Partial<Options> = {
  bannerComment: '',
  format: true,
  additionalProperties: true, // as JSON Schema: a field not listed is allowed unless additionalProperties is false
  ignoreMinAndMaxItems: true,
  unknownAny: true,
  strictIndexSignatures: true,
  declareExternallyReferenced: false,
  unreachableDefinitions: false,
  $refOptions: { resolve: { external: false } },
};

export async function generateTypes(source: CodegenSource): Promise<string> {
  const root = recordTypeName(source);
  const schemas = new TypeSchemas(source, root);
  const definitions = [...schemas.definitions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts = await Promise.all([compile(schemas.root(), root, OPTIONS), ...definitions.map((d) => compile(schemas.definition(d), d.name, OPTIONS))]);
  const header = versionHeader(source, `TypeScript types of ${source.standardId} ${source.version}: the record type ${root} and the definitions it uses.`);
  return visibleSource(`${header}\n${parts.map((p) => p.trim()).join('\n\n')}\n`);
}
