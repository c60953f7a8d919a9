/**
 * Regular expressions an author writes into a schema (`pattern`, and each `patternProperties` name) run
 * against every record, on a backtracking engine. A pattern whose matching time grows faster than the
 * length of the text (`^(a+)+$` is exponential, `\s+$` quadratic) lets one record stall the process, so
 * every pattern is analysed before a schema is accepted, with recheck (automata-based ReDoS analysis, its
 * pure JavaScript backend, bounded by its timeout). A pattern that is vulnerable, or that cannot be shown
 * safe within the time, is refused, named by its JSON pointer. See docs/authoring-standards.md.
 */
import { forEachSchemaNode } from './schema-refs.js';
import { escapeSegment } from './pointer.js';

export interface SchemaPattern {
  /** The JSON pointer of the pattern: `/properties/code/pattern`, or a `patternProperties` name. */
  pointer: string;
  source: string;
}

export interface PatternProblem {
  pointer: string;
  detail: string;
}

/** Every regular expression the schema holds, with its pointer. */
export function schemaPatterns(schema: unknown): SchemaPattern[] {
  const patterns: SchemaPattern[] = [];
  forEachSchemaNode(schema, 'https://conform.invalid/', (node, place) => {
    if (typeof node.pattern === 'string') patterns.push({ pointer: `${place.pointer}/pattern`, source: node.pattern });
    const map = node.patternProperties;
    if (map !== null && typeof map === 'object' && !Array.isArray(map)) {
      for (const name of Object.keys(map)) patterns.push({ pointer: `${place.pointer}/patternProperties/${escapeSegment(name)}`, source: name });
    }
  });
  return patterns;
}

/** Counts above this in `{n}`, `{m,n}` are analysed as `{m,}` (see boundedForAnalysis). */
const LARGE_COUNT = 20;

/**
 * The pattern as analysed: each repetition with a large count (`{1,1000}`, `{500}`) becomes unbounded
 * (`{1,}`). Analysing large counts literally takes recheck seconds; and a backtracking matcher explores
 * no more paths for `x{m,n}` than for `x{m,}`, so a pattern whose unbounded form is linear is linear too.
 * The rewrite only ever makes the analysis stricter. Escapes and character classes are left as they are.
 */
export function boundedForAnalysis(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      // An escape; \u{…}, \p{…} and \P{…} hold braces that are not counts.
      const braced = /^\\[upP]\{[^}]*\}/.exec(source.slice(i));
      const escape = braced ? braced[0] : source.slice(i, i + 2);
      out += escape;
      i += escape.length - 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (c === '{') {
      const count = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (count) {
        const min = Number(count[1]);
        const max = count[2] === undefined ? min : count[3] === '' ? Infinity : Number(count[3]);
        const large = max > LARGE_COUNT && max !== Infinity;
        out += large ? `{${Math.min(min, LARGE_COUNT)},}` : count[0];
        i += count[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

type Recheck = typeof import('recheck');
let recheck: Recheck | undefined;

async function loadRecheck(): Promise<Recheck> {
  // The pure JavaScript backend, run synchronously in this thread (a worker's, at publish): no child
  // process, no Java, no native binary. recheck reads the variable on each call.
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  recheck ??= (await import('recheck')) as Recheck;
  return recheck;
}

/**
 * Analyses each distinct pattern (at most `timeoutMs` each) and lists the ones refused, at every pointer
 * where they occur. Synchronous work after the module is loaded: run it off the event loop.
 */
export async function patternProblems(patterns: readonly SchemaPattern[], timeoutMs: number): Promise<PatternProblem[]> {
  if (patterns.length === 0) return [];
  const { checkSync } = await loadRecheck();
  const verdicts = new Map<string, string | undefined>();
  const problems: PatternProblem[] = [];
  for (const { pointer, source } of patterns) {
    if (!verdicts.has(source)) verdicts.set(source, verdict(checkSync, source, timeoutMs));
    const why = verdicts.get(source);
    if (why !== undefined) problems.push({ pointer, detail: `the pattern ${JSON.stringify(source)} ${why}` });
  }
  return problems;
}

/** Why a pattern is refused, or undefined when it is safe. */
function verdict(checkSync: Recheck['checkSync'], source: string, timeoutMs: number): string | undefined {
  const result = checkSync(boundedForAnalysis(source), 'u', { timeout: timeoutMs });
  if (result.status === 'safe') return undefined;
  if (result.status === 'vulnerable') {
    const kind = result.complexity.type === 'exponential' ? 'exponential' : `polynomial (degree ${result.complexity.degree})`;
    return `can take ${kind} time in the length of the text (ReDoS): rewrite it so that no part of the text can be matched in more than one way, for example without nested or adjacent repetitions of overlapping characters`;
  }
  switch (result.error.kind) {
    case 'timeout':
      return `could not be shown to run in linear time within ${timeoutMs} ms: simplify it`;
    case 'invalid':
      return `is not a valid regular expression: ${result.error.message}`;
    case 'unsupported':
      return `uses a feature that cannot be shown safe (${result.error.message}): back-references and the like are not allowed`;
    default:
      return 'could not be analysed: simplify it';
  }
}
