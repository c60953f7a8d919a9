/**
 * Imports point one way (docs/architecture.md): cli and http use the domain; the domain (registry,
 * validation, quality, codegen) never imports cli, http, hapi, a database driver or a store adapter
 * (only the Store interface, store/types.ts); validation does not import registry; store adapters import
 * no domain or delivery code.
 */
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const SRC = join(process.cwd(), 'src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

const RULES: { from: RegExp; forbidden: RegExp; why: string }[] = [
  { from: /^(registry|validation|quality|codegen|submissions)\//, forbidden: /\/(cli|http|web)\/|^@hapi\/|^(pg|better-sqlite3|kysely|nunjucks)$|\/store\/(?!types\.js$)/, why: 'domain modules never import cli, http, web, hapi, a database driver or a store adapter' },
  { from: /^store\//, forbidden: /\/(cli|http|registry|validation|quality|codegen|submissions)\/|^@hapi\//, why: 'the store knows nothing of the domain or delivery' },
  { from: /^validation\//, forbidden: /\/registry\//, why: 'validation is below registry' },
];

describe('import direction', () => {
  it('keeps the domain free of delivery and storage code', async () => {
    const violations: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const name = relative(SRC, file);
      const imports = [...(await readFile(file, 'utf8')).matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      for (const rule of RULES.filter((r) => r.from.test(name))) {
        for (const target of imports.filter((i) => rule.forbidden.test(i))) violations.push(`${name} imports ${target}: ${rule.why}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
