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

/**
 * Rules whose one place is a service: a face (cli, http, web) takes them from that service, never from the
 * domain module the service wraps, so that a rule and its words change in one place for every face.
 */
export interface OwnedRule {
  /** The domain module (import specifier ending). */
  module: RegExp;
  /** The names a face may not take from it. */
  names: readonly string[];
  /** The service that owns the rule (relative to src/). */
  service: string;
}

export const OWNED_RULES: OwnedRule[] = [
  { module: /\/registry\/resolve\.js$/, names: ['versionSpecProblem', 'VERSION_SPEC_WORDS'], service: 'services/standard-ref.ts' },
  { module: /\/registry\/standard-meta\.js$/, names: ['MAX_STANDARD_ID_LENGTH'], service: 'services/standard-ref.ts' },
  { module: /\/validation\/report-builder\.js$/, names: ['DEFAULT_MAX_FINDINGS'], service: 'services/findings-cap.ts' },
  {
    module: /\/quality\/period\.js$/,
    names: ['parsePeriod', 'PeriodError', 'PERIOD_EXAMPLES', 'MAX_PERIOD_ID_LENGTH'],
    service: 'services/reporting-period.ts',
  },
  { module: /\/validation\/input\.js$/, names: ['startOfText', 'TEXT_HEAD_BYTES'], service: 'services/file-start.ts' },
  { module: /\/validation\/input-format\.js$/, names: ['formatFromFileName', 'adviceForFileName'], service: 'services/submission-format.ts' },
];

/** The names a source text imports (or re-exports) from each module: `{ a, b as c, type D }` gives a, b, D. */
export function namedImportsOf(source: string): { specifier: string; names: string[] }[] {
  const found: { specifier: string; names: string[] }[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s+['"]([^'"]+)['"]/gm)) {
    const names = m[1]!
      .split(',')
      .map(
        (part) =>
          part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!,
      )
      .filter((name) => name !== '');
    found.push({ specifier: m[2]!, names });
  }
  return found;
}

const FACES = /^(cli|http|web)\//;

/** Faces taking a rule from the domain module a service wraps. */
export function ownedRuleViolations(files: readonly { name: string; source: string }[], rules: readonly OwnedRule[] = OWNED_RULES): string[] {
  const out: string[] = [];
  for (const { name, source } of files.filter((f) => FACES.test(f.name))) {
    for (const { specifier, names } of namedImportsOf(source)) {
      for (const rule of rules.filter((r) => r.module.test(specifier))) {
        for (const taken of names.filter((n) => rule.names.includes(n))) {
          out.push(`${name} imports ${taken} from ${specifier}: the rule is ${rule.service}'s; take it from there`);
        }
      }
    }
  }
  return out;
}

/**
 * A limit's name: a bound, a cap, a count of bytes, a page's size, a time allowed. A face that declares one
 * as a number of its own is making a rule the other faces do not share.
 */
const LIMIT_NAME = /(^|_)(MAX|MIN|LIMIT|CAP|BYTES|PER_PAGE|LISTED|DEADLINE|TIMEOUT|SECONDS|MS|CACHED)(_|$)/;
const NUMERIC_CONSTANT = /^\s*(?:export\s+)?const\s+([A-Z][A-Z0-9_]*)\s*(?::\s*number\s*)?=\s*([0-9][0-9_]*(?:\s*[*+/-]\s*[0-9][0-9_]*)*)\s*;/gm;

/**
 * The limits a face keeps as its own, each for why it is not a rule another face shares: it bounds the
 * face's own transport (a request's header, a query's parameters, a path), what a client reads from a
 * server, or what a page or a terminal shows at once. Any other limit belongs to a service.
 */
export const FACE_OWN_LIMITS: Readonly<Record<string, string>> = {
  'cli/credentials.ts MAX_TOKEN_FILE_BYTES': 'the token file the command reads',
  'cli/publish-command.ts MAX_PUBLISH_BYTES': 'the files the command reads before it sends them (the server bounds what it takes)',
  'cli/http-client.ts MAX_ANSWER_BYTES': "a server's answer, as the client reads it",
  'cli/remote-codegen.ts ANSWER_DEADLINE_MS': "a server's answer, as the client waits for it",
  'cli/remote-codegen.ts MAX_PAGES': "pages of a server's list the client reads",
  'cli/remote-codegen.ts MAX_REMOTE_VERSIONS': "versions of a server's list the client reads",
  'cli/progress.ts MIN_BYTES': 'when the terminal shows progress',
  'cli/progress.ts EVERY_MS': 'when the terminal shows progress',
  'http/contract/query-count.ts MAX_COUNTED_PARAMETERS': "the query's parameters, counted (transport)",
  'http/problems.ts MAX_LISTED_ERRORS': "a problem's list (transport)",
  'http/types-routes.ts MAX_CACHED': "the API's cache of generated types (held by the route)",
  'http/types-routes.ts MAX_CACHED_CHARACTERS': "the API's cache of generated types (held by the route)",
  'http/types-routes.ts RETRY_AFTER_SECONDS': "the API's answer while types are generated",
  'http/types-routes.ts MAX_REASON': "the API's answer when types cannot be generated",
  'web/static-names.ts MAX_SEGMENT_BYTES': "a static file's path (transport)",
  'web/static-names.ts MAX_PATH_BYTES': "a static file's path (transport)",
  'web/part-charset.ts MAX_HEADER_BYTES': "a multipart part's header (transport)",
  'web/sign-in-limit.ts MAX_ADDRESSES': "the sign-in page's memory of addresses (the API has no sign-in)",
  'web/validate-choices.ts STANDARDS_LISTED': 'what the form shows at once',
  'web/next-path.ts MAX_LENGTH': 'the address a sign-in returns to (transport)',
  'web/catalogue-routes.ts STANDARDS_PER_PAGE': 'what a page lists at once',
  'web/catalogue-routes.ts VERSIONS_PER_PAGE': 'what a page lists at once',
  'web/catalogue-routes.ts ARTEFACTS_PER_PAGE': 'what a page lists at once',
  'web/artefact-versions-routes.ts ARTEFACT_VERSIONS_PER_PAGE': 'what a page lists at once',
  'web/submissions-routes.ts SUBMISSIONS_PER_PAGE': 'what a page lists at once',
};

/** Numeric constants with a limit's name that a face declares, other than those `allowed` (FACE_OWN_LIMITS). */
export function faceLimitViolations(files: readonly { name: string; source: string }[], allowed: Readonly<Record<string, string>> = FACE_OWN_LIMITS): string[] {
  const out: string[] = [];
  for (const { name, source } of files.filter((f) => FACES.test(f.name))) {
    for (const m of source.matchAll(NUMERIC_CONSTANT)) {
      const constant = m[1]!;
      if (!LIMIT_NAME.test(constant) || allowed[`${name} ${constant}`] !== undefined) continue;
      out.push(`${name} declares ${constant} = ${m[2]!.trim()}: a limit is a rule every face shares; declare it in a service and take it from there`);
    }
  }
  return out;
}
