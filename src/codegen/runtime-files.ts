/**
 * The Conform runtime that standalone validators import, written to `conform-runtime/` beside them. It is
 * not a second implementation: the engine's own source files (health formats, fast dates and date-times,
 * JSON pointers, the validation context, the x-consistency check, Ajv errors -> findings, the file-name
 * convention (x-file-name), the rules across rows of x-record-actions with the fingerprint set they
 * keep identifiers in, and a finding's text as a report shows it: bounded, lone surrogates escaped) are
 * copied as they are,
 * so a generated validator checks and reports exactly as the engine does. Only `formats.ts` is written here: the formats
 * object Ajv's standalone code looks formats up in, shaped as createAjv (validation/ajv.ts) registers them.
 *
 * Run-time imports are limited to these files and `ajv-formats/dist/formats.js` (plain functions and
 * regular expressions); type-only imports from `ajv` are erased by the compiler. Anything else in a
 * copied file is refused when the runtime is made, naming the file.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeHeader } from './header.js';
import { RUNTIME_DIR } from './standalone.js';
import { CodegenError } from './source.js';

/** Engine files copied into the runtime, with the import rewrites they need there. */
const ENGINE_FILES: { file: string; rewrite?: [string, string] }[] = [
  { file: 'advice.ts' },
  { file: 'bounds.ts' },
  { file: 'code-hints.ts' },
  { file: 'consistency-rules.ts' },
  { file: 'context.ts' },
  { file: 'date-time.ts' },
  { file: 'decimal-digits.ts' },
  { file: 'file-name.ts' },
  { file: 'finding-text.ts' },
  { file: 'fingerprints.ts' },
  { file: 'findings.ts', rewrite: ["from './consistency.js'", "from './consistency-rules.js'"] },
  { file: 'format-hints.ts' },
  { file: 'health-formats.ts' },
  { file: 'lone-surrogates.ts' },
  { file: 'pointer.ts' },
  { file: 'record-actions.ts' },
  { file: 'record-condition.ts' },
  { file: 'report-types.ts' },
  { file: 'type-hints.ts' },
  { file: 'wire-formats.ts' },
];
const PACKAGES = new Set(['ajv-formats/dist/formats.js']);

const FORMATS = `/** Formats as Conform's engine registers them (validation/ajv.ts): ajv-formats' full set, the fast date and
 * date-time checks, and the health formats. Ajv's standalone code looks each format up here. */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isDate, isDateTime } from './date-time.js';
import { healthFormats } from './health-formats.js';

export const formats: Record<string, unknown> = {
  ...fullFormats,
  date: { type: 'string', validate: isDate },
  'date-time': { type: 'string', validate: isDateTime },
  ...Object.fromEntries(Object.entries(healthFormats).map(([name, format]) => [name, { type: 'string', validate: format.validate }])),
};
`;

/** The folder of the engine's TypeScript sources, found from this file whether it runs from src/ or dist/src/. */
export function engineSourceDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'src', 'validation');
    if (existsSync(join(dir, 'package.json')) && existsSync(join(candidate, 'health-formats.ts'))) return candidate;
    dir = dirname(dir);
  }
  throw new CodegenError("Conform's engine sources (src/validation) were not found next to package.json; the validator runtime is copied from them");
}

function checkImports(name: string, text: string, files: Set<string>): void {
  for (const match of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    const [, typeOnly, target = ''] = match;
    const allowed = target.startsWith('./')
      ? files.has(target.slice(2).replace(/\.js$/, '.ts'))
      : PACKAGES.has(target) || (typeOnly !== undefined && target === 'ajv');
    if (!allowed) throw new CodegenError(`the validator runtime cannot include src/validation/${name}: it imports "${target}"`);
  }
  if (/^import\s+['"]|\bimport\(|\brequire\(/m.test(text))
    throw new CodegenError(`the validator runtime cannot include src/validation/${name}: it has a side-effect or dynamic import`);
}

export interface GeneratedFile {
  /** Relative to the output folder, with `/` separators. */
  path: string;
  content: string;
}

let cached: Promise<GeneratedFile[]> | undefined;

/** The runtime's files, `conform-runtime/<name>.ts`, in name order. */
export function runtimeFiles(): Promise<GeneratedFile[]> {
  cached ??= (async () => {
    const dir = engineSourceDir();
    const names = new Set([...ENGINE_FILES.map((f) => f.file), 'formats.ts']);
    const files: GeneratedFile[] = [];
    for (const { file, rewrite } of ENGINE_FILES) {
      let text = await readFile(join(dir, file), 'utf8');
      if (rewrite) {
        if (!text.includes(rewrite[0])) throw new CodegenError(`src/validation/${file} no longer has ${rewrite[0]}; update codegen/runtime-files.ts`);
        text = text.replace(rewrite[0], rewrite[1]);
      }
      checkImports(file, text, names);
      files.push({ path: `${RUNTIME_DIR}/${file}`, content: `${runtimeHeader(`src/validation/${file}`)}${text}` });
    }
    checkImports('formats.ts', FORMATS, names);
    files.push({ path: `${RUNTIME_DIR}/formats.ts`, content: `${runtimeHeader('written by src/codegen/runtime-files.ts after validation/ajv.ts')}${FORMATS}` });
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
