/**
 * How many problems a query really has when the parser read only part of it. Node's querystring, which
 * hapi parses a query with, reads the first 1,000 parameters and drops the rest, so a query of 2,000
 * unknown names was answered "and 950 more" (50 listed of the 1,000 read). Past that many, the query as
 * sent (the request line's target) is read again, up to MAX_COUNTED_PARAMETERS parameters (a request line
 * within Node's 16 KiB header limit holds fewer), and checked again: its problems are listed and counted
 * from that reading (a bad value past the thousandth parameter is named too), a longer query told as "at
 * least" that count. The answer lists no more than before.
 */
import { parse } from 'node:querystring';
import { ContractViolation, type Check, type FieldError } from './validation.js';

/** The parameters hapi's parser reads (Node's querystring `maxKeys` default). */
export const PARSED_PARAMETERS = 1_000;
/** The most parameters read again to count a query's problems. */
export const MAX_COUNTED_PARAMETERS = 10_000;

export interface QueryCount {
  /** The problems of the declared parameters and of the first unknown names, in the order the check gives them. */
  problems: FieldError[];
  /** The other unknown names, each one problem more. */
  more: number;
  /** True when the query has more parameters than were counted: there are at least `problems`. */
  atLeast: boolean;
}

/** The query part of a request target (`/path?query#fragment`), or ''. */
function queryOf(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return '';
  const h = target.indexOf('#', q);
  return h < 0 ? target.slice(q + 1) : target.slice(q + 1, h);
}

/** The number of `&`-separated parameters in `query`, counting no further than `limit + 1`. */
function parameters(query: string, limit: number): number {
  if (query === '') return 0;
  let count = 1;
  for (let i = query.indexOf('&'); i >= 0 && count <= limit; i = query.indexOf('&', i + 1)) count++;
  return count;
}

/**
 * The problems of the whole query at `target` by `check` (of the operation's `declared` parameters), the
 * first `listed` unknown names among them, when the parser read only part of it (more than
 * PARSED_PARAMETERS parameters); undefined when it read all of them (its count stands).
 */
export function countQueryProblems(target: string, check: Check, declared: readonly string[], listed: number): QueryCount | undefined {
  const query = queryOf(target);
  const sent = parameters(query, MAX_COUNTED_PARAMETERS);
  if (sent <= PARSED_PARAMETERS) return undefined;
  const all = parse(query, '&', '=', { maxKeys: MAX_COUNTED_PARAMETERS });
  // Every unknown name is one problem ("is not a parameter"), so only the declared ones and the first
  // `listed` unknown ones are checked, and the other unknown names counted: thousands of names cost no
  // thousands of errors made and sorted.
  const known = new Set(declared);
  const sample: Record<string, unknown> = {};
  let unchecked = 0;
  let unknown = 0;
  for (const [name, value] of Object.entries(all)) {
    if (!known.has(name) && unknown++ >= listed) unchecked++;
    else sample[name] = value;
  }
  let problems: FieldError[] = [];
  try {
    check(sample);
  } catch (error) {
    if (!(error instanceof ContractViolation)) throw error;
    problems = error.errors;
  }
  return { problems, more: unchecked, atLeast: sent > MAX_COUNTED_PARAMETERS };
}
