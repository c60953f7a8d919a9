/**
 * Imports point one way (docs/architecture.md): faces (cli, http, web) -> services -> domain (registry,
 * validation, quality, codegen) and the Store interface. The rules are in support/import-rules.ts; this
 * test applies them to src/ and proves that each rule catches what it forbids.
 */
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { importsOf, violations } from './support/import-rules.js';

const SRC = join(process.cwd(), 'src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))),
  );
  return nested.flat();
}

describe('import direction', () => {
  it('holds in src/', async () => {
    const files = await Promise.all((await sourceFiles(SRC)).map(async (file) => ({ name: relative(SRC, file), source: await readFile(file, 'utf8') })));
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it('reads every kind of import', () => {
    const source = [
      "import { a } from '../store/sqlite.js';",
      "import type { B } from '../store/types.js';",
      "export { c } from '../http/auth.js';",
      "export * from '../web/page.js';",
      "import '../web/hapi-augment.js';",
      "const d = await import('../store/postgres.js');",
      "import {\n  e,\n  f,\n} from '../services/errors.js';",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: '../store/sqlite.js', typeOnly: false },
      { specifier: '../store/types.js', typeOnly: true },
      { specifier: '../http/auth.js', typeOnly: false },
      { specifier: '../web/page.js', typeOnly: false },
      { specifier: '../web/hapi-augment.js', typeOnly: false },
      { specifier: '../services/errors.js', typeOnly: false },
      { specifier: '../store/postgres.js', typeOnly: false },
    ]);
  });

  it('fails when a rule is broken', () => {
    const broken = [
      { name: 'http/routes.ts', source: "import { openSqliteStore } from '../store/sqlite.js';" },
      { name: 'web/page.ts', source: "export { problem } from '../http/problems.js';" },
      { name: 'cli/x.ts', source: "const store = await import('../store/kysely-store.js');" },
      { name: 'quality/trends.ts', source: "import type { Store } from '../store/types.js';" },
      { name: 'validation/x.ts', source: "import { loadLibrary } from '../registry/library.js';" },
      { name: 'services/x.ts', source: "import Boom from '@hapi/boom';" },
      { name: 'registry/x.ts', source: "import { DomainError } from '../services/errors.js';" },
      // Allowed: a face may name the store's record types.
      { name: 'http/views.ts', source: "import type { StoredVersion } from '../store/types.js';" },
    ];
    expect(violations(broken)).toEqual([
      'http/routes.ts imports ../store/sqlite.js: faces reach the store only through the services (record types excepted)',
      'web/page.ts imports ../http/problems.js: the API and the web pages never import each other',
      'cli/x.ts imports ../store/kysely-store.js: faces reach the store only through the services (record types excepted)',
      'quality/trends.ts imports ../store/types.js: the domain never imports a face, the services, the store, hapi or a database driver',
      'validation/x.ts imports ../registry/library.js: validation is below registry',
      'services/x.ts imports @hapi/boom: services know nothing of HTTP',
      'registry/x.ts imports ../services/errors.js: the domain never imports a face, the services, the store, hapi or a database driver',
    ]);
  });
});
