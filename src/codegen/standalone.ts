/**
 * Ajv standalone code for one version, as an ES module. The validator is compiled by the engine's own
 * Ajv factory (createAjv: the same options, formats and keywords) with standalone source switched on, so
 * it is the engine's validator written out. Ajv's code `require`s what it calls at run time; each
 * `require` becomes an import:
 *   - `ajv/dist/runtime/<helper>` (ucs2length, equal, uri): Ajv's small run-time helpers, not its compiler;
 *   - `conform-runtime/formats` and `conform-runtime/consistency-rules`: Conform's runtime, copied next to
 *     the validators (runtime-files.ts).
 * Any other `require` is refused, so a validator can never import the compiler or Conform's sources.
 */
import { _ } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { processCode, scopeValuesOf, versionAjv } from '../validation/ajv.js';
import { CONSISTENCY_RUNTIME_MODULE } from '../validation/consistency.js';
import { versionHeader } from './header.js';
import { literalSchemaValues, visibleSource } from './literal.js';
import { CodegenError, type CodegenSource } from './source.js';

/** The module standalone format code requires; it exports `formats`, shaped as createAjv registers them. */
export const FORMATS_RUNTIME_MODULE = 'conform-runtime/formats';
export const RUNTIME_DIR = 'conform-runtime';

// ajv/dist/standalone is CommonJS with `exports.default`; take the function from either shape (see ajv.ts).
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;

const KNOWN_RUNTIME = new Set([FORMATS_RUNTIME_MODULE, CONSISTENCY_RUNTIME_MODULE]);

/** Ajv's module text for the version, with `require`s still in it. */
function ajvModule(source: CodegenSource): string {
  // Compiled as the engine compiles it (own-property reads only where a field needs them), by the
  // factory's instance, told to keep each function's source and to write format references as code.
  const { ajv, root } = versionAjv(source.schemaId, source.schema, source.shared);
  Object.assign(ajv.opts.code, { source: true, esm: true, formats: _`require(${FORMATS_RUNTIME_MODULE}).formats` });
  const validate = ajv.compile(root);
  literalSchemaValues(ajv);
  // Ajv gives the source as it was before its code.process hook: the engine's rewrites made here too.
  const code = processCode(standaloneCode(ajv, validate), scopeValuesOf(ajv));
  // Anything Ajv wrote as JSON itself (not a schema value) with a `__proto__` key would hold another value
  // than the engine's: refused, never written (codeLiteral writes the key as `["__proto__"]`).
  if (/(^|[^\\])(\\\\)*"__proto__"\s*:/.test(code)) {
    throw new CodegenError(
      `${source.standardId}@${source.version}: Ajv's code holds an object with a "__proto__" key that the generated module could not hold as the engine does`,
    );
  }
  return code;
}

/** Replaces every `require(...)` with an imported name; returns the import lines, their set-up and the code. */
function importRequires(code: string): { imports: string[]; setup: string[]; body: string } {
  const imports = new Map<string, { line: string; setup?: string }>();
  const body = code.replace(/require\("([^"]+)"\)(\.default)?/g, (_match, module: string, dotDefault: string | undefined) => {
    const helper = /^ajv\/dist\/runtime\/([a-z0-9_]+)$/.exec(module);
    if (helper && dotDefault) {
      const name = `ajvRuntime_${helper[1]}`;
      // Node gives a CommonJS module's exports (with __esModule and .default); a bundler may give .default itself.
      imports.set(name, {
        line: `import ${name}_module from "${module}.js";`,
        setup: `const ${name} = ${name}_module.__esModule ? ${name}_module.default : ${name}_module;`,
      });
      return name;
    }
    if (KNOWN_RUNTIME.has(module)) {
      const file = module.slice(module.indexOf('/') + 1);
      const name = `conformRuntime_${file.replace(/[^a-z0-9]/gi, '_')}`;
      imports.set(name, { line: `import * as ${name} from "./${RUNTIME_DIR}/${file}.js";` });
      return `${name}${dotDefault ?? ''}`;
    }
    throw new CodegenError(`standalone code requires "${module}", which a generated validator may not import`);
  });
  const names = [...imports.keys()].sort();
  return {
    imports: names.map((n) => imports.get(n)!.line),
    setup: names.flatMap((n) => imports.get(n)!.setup ?? []),
    body,
  };
}

/**
 * The `.ajv.ts` module: Ajv's standalone code (type-checking off for it alone, as it is machine-written
 * JavaScript) exporting `check`, typed for the module that wraps it.
 */
export function standaloneValidatorCode(source: CodegenSource): string {
  const code = ajvModule(source);
  const exported = /^"use strict";export const validate = (validate\d+);export default \1;/.exec(code);
  if (!exported) throw new CodegenError('unexpected standalone code from Ajv: no `export const validate`');
  const { imports, setup, body } = importRequires(code.slice(exported[0].length));
  return visibleSource(
    [
      versionHeader(source, `Ajv standalone code validating one ${source.standardId} ${source.version} record; used by the .validate.ts module beside it.`),
      '// @ts-nocheck -- machine-written JavaScript; the typed API is the .validate.ts module.',
      'import type { ErrorObject } from "ajv";',
      ...imports,
      '',
      ...setup,
      body,
      '',
      "/** Ajv's validation function: true for a valid record; after a failed call, `check.errors` holds Ajv's errors. Call it with the run as `this` (consistencyRun(context)). */",
      `export const check: ((this: unknown, data: unknown) => boolean) & { errors?: ErrorObject[] | null } = ${exported[1]!};`,
      '',
    ].join('\n'),
  );
}
