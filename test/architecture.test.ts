/**
 * Imports point one way (docs/architecture.md): faces (cli, http, web) -> services -> domain (registry,
 * validation, quality, codegen) and the Store interface. The rules are in support/import-rules.ts; this
 * test applies them to src/ and proves that each rule catches what it forbids.
 */
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { faceLimitViolations, importsOf, namedImportsOf, ownedRuleViolations, violations } from './support/import-rules.js';

const SRC = join(process.cwd(), 'src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))),
  );
  return nested.flat();
}

const srcFiles = async () => Promise.all((await sourceFiles(SRC)).map(async (file) => ({ name: relative(SRC, file), source: await readFile(file, 'utf8') })));

describe('import direction', () => {
  it('holds in src/', async () => {
    const files = await srcFiles();
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

/**
 * One place for every rule: a face takes a rule a service owns from the service (never from the domain module
 * it wraps), and declares no limit of its own but those that bound its own transport or display
 * (FACE_OWN_LIMITS, each with why).
 */
describe('rules live in the services', () => {
  it('holds in src/', async () => {
    const files = await srcFiles();
    expect(ownedRuleViolations(files)).toEqual([]);
    expect(faceLimitViolations(files)).toEqual([]);
  });

  it('reads the names each import takes', () => {
    const source = [
      "import { a, b as c, type D } from '../x.js';",
      "import type { E } from '../y.js';",
      "import F, { g } from '../z.js';",
      "export { h } from '../w.js';",
      "import {\n  i,\n  j,\n} from '../v.js';",
    ].join('\n');
    expect(namedImportsOf(source)).toEqual([
      { specifier: '../x.js', names: ['a', 'b', 'D'] },
      { specifier: '../y.js', names: ['E'] },
      { specifier: '../z.js', names: ['g'] },
      { specifier: '../w.js', names: ['h'] },
      { specifier: '../v.js', names: ['i', 'j'] },
    ]);
  });

  it('fails when a face takes a rule from the domain, or declares a limit of its own', () => {
    const broken = [
      { name: 'cli/x.ts', source: "import { versionSpecProblem } from '../registry/resolve.js';" },
      { name: 'web/x.ts', source: "import { parsePeriod, ukDayBounds } from '../quality/period.js';" },
      { name: 'http/x.ts', source: "export { DEFAULT_MAX_FINDINGS } from '../validation/report-builder.js';" },
      { name: 'cli/y.ts', source: "import { startOfText } from '../validation/input.js';" },
      { name: 'web/y.ts', source: 'const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;' },
      { name: 'http/y.ts', source: 'export const FINDINGS_CAP = 100_000;\nconst WIDTH = 640;' },
      { name: 'cli/z.ts', source: 'const PERIOD_MAX_LENGTH: number = 40;' },
      // Allowed: the service's own, a limit in a service, a face's own limit with why, a name that is no limit.
      {
        name: 'cli/ok.ts',
        source: "import { checkVersionSpec } from '../services/standard-ref.js';\nimport { parseStandardRef } from '../registry/resolve.js';",
      },
      { name: 'services/ok.ts', source: "import { parsePeriod } from '../quality/period.js';\nexport const MAX_COLUMNS = 500;" },
      { name: 'web/next-path.ts', source: 'export const MAX_LENGTH = 2048;' },
    ];
    expect(ownedRuleViolations(broken)).toEqual([
      "cli/x.ts imports versionSpecProblem from ../registry/resolve.js: the rule is services/standard-ref.ts's; take it from there",
      "web/x.ts imports parsePeriod from ../quality/period.js: the rule is services/reporting-period.ts's; take it from there",
      "http/x.ts imports DEFAULT_MAX_FINDINGS from ../validation/report-builder.js: the rule is services/findings-cap.ts's; take it from there",
      "cli/y.ts imports startOfText from ../validation/input.js: the rule is services/file-start.ts's; take it from there",
    ]);
    expect(faceLimitViolations(broken)).toEqual([
      'web/y.ts declares MAX_UPLOAD_BYTES = 2 * 1024 * 1024: a limit is a rule every face shares; declare it in a service and take it from there',
      'http/y.ts declares FINDINGS_CAP = 100_000: a limit is a rule every face shares; declare it in a service and take it from there',
      'cli/z.ts declares PERIOD_MAX_LENGTH = 40: a limit is a rule every face shares; declare it in a service and take it from there',
    ]);
  });
});
