/**
 * The layer rules of src/ (docs/architecture.md), as data, and a checker over source texts. Every way a
 * module can reach another counts: `import`, `import type`, `export … from`, and dynamic `import()`.
 */
export interface Rule {
  /** Files (relative to src/) the rule applies to. */
  from: RegExp;
  /** Import specifiers they may not use. */
  forbidden: RegExp;
  /** Whether a type-only import of the target is allowed (types carry no behaviour). */
  typesAllowed?: RegExp;
  why: string;
}

const DRIVERS = /^(pg|better-sqlite3|kysely)$/;
const HAPI = /^@hapi\//;

export const RULES: Rule[] = [
  {
    from: /^(registry|validation|quality|codegen)\//,
    forbidden: /\/(cli|http|web|services)\/|\/app\.js$|\/store\/|^@hapi\/|^(pg|better-sqlite3|kysely|nunjucks)$/,
    why: 'the domain never imports a face, the services, the store, hapi or a database driver',
  },
  {
    from: /^(cli|http|web)\//,
    forbidden: /\/store\//,
    typesAllowed: /\/store\/types\.js$/,
    why: 'faces reach the store only through the services (record types excepted)',
  },
  { from: /^(cli|http|web)\//, forbidden: DRIVERS, why: 'faces never open a database' },
  { from: /^http\//, forbidden: /\/web\//, why: 'the API and the web pages never import each other' },
  { from: /^web\//, forbidden: /\/http\//, why: 'the API and the web pages never import each other' },
  { from: /^cli\//, forbidden: /\/(http|web)\//, why: 'the CLI uses services, not another face' },
  { from: /^services\//, forbidden: /\/(cli|http|web)\/|\/app\.js$/, why: 'services never import a face or the composition root' },
  { from: /^services\//, forbidden: HAPI, why: 'services know nothing of HTTP' },
  {
    from: /^store\//,
    forbidden: /\/(cli|http|web|services|registry|validation|quality|codegen)\/|^@hapi\//,
    why: 'the store knows nothing of the domain or delivery',
  },
  { from: /^validation\//, forbidden: /\/registry\//, why: 'validation is below registry' },
];

export interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

/** Every module a source text reaches, with whether the reference is type-only. */
export function importsOf(source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    refs.push({ specifier: m[3]!, typeOnly: m[2] !== undefined });
  }
  for (const m of source.matchAll(/\bimport\(\s*['"`]([^'"`]+)['"`]/g)) refs.push({ specifier: m[1]!, typeOnly: /typeof\s+$/.test(source.slice(0, m.index)) });
  return refs;
}

/** The rule violations of a set of source files (paths relative to src/). */
export function violations(files: readonly { name: string; source: string }[], rules: readonly Rule[] = RULES): string[] {
  const out: string[] = [];
  for (const { name, source } of files) {
    for (const rule of rules.filter((r) => r.from.test(name))) {
      for (const ref of importsOf(source)) {
        if (!rule.forbidden.test(ref.specifier)) continue;
        if (ref.typeOnly && rule.typesAllowed?.test(ref.specifier)) continue;
        out.push(`${name} imports ${ref.specifier}: ${rule.why}`);
      }
    }
  }
  return out;
}
