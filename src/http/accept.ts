/**
 * Which of the media types an answer can take the caller prefers, from its `Accept` header (RFC 9110
 * 12.5.1): case-insensitive, with q-values, a type refused with `q=0` never chosen, and a type named
 * exactly preferred to a wildcard at the same q. Ties go to the type listed first in the header, then to
 * the first offered (the default). No header, or one that names no media range, gets the default; one
 * whose ranges all refuse what a route offers gets nothing (`acceptedType`), which the API answers with a
 * 406 (acceptable.ts). `application/problem+json` in the header is about the refusals a caller reads: it
 * says nothing of the answer it wants when the request succeeds, so it is left out of the choice.
 */

interface Range {
  type: string;
  q: number;
  /** 2 for type/subtype, 1 for type/*, 0 for *\/*. */
  specificity: number;
  position: number;
}

function ranges(header: string): Range[] {
  return header
    .split(',')
    .slice(0, 64) // a header of thousands of ranges is read no further than this
    .map((part, position) => {
      const [type = '', ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
      const qParameter = parameters.find((p) => /^q\s*=/.test(p));
      const qText = qParameter?.replace(/^q\s*=\s*/, '') ?? '1';
      const q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qText) ? Number(qText) : 1;
      const specificity = type === '*/*' ? 0 : type.endsWith('/*') ? 1 : 2;
      return { type, q, specificity, position };
    })
    .filter((range) => range.type.includes('/'));
}

/** How well `range` matches `offered`: its q and specificity, or undefined when it does not match. */
const matches = (range: Range, offered: string): boolean =>
  range.type === offered || range.type === '*/*' || (range.specificity === 1 && offered.startsWith(range.type.slice(0, -1)));

const PROBLEM = 'application/problem+json';

/** The offered type the caller prefers (`offered[0]` when it says nothing that decides). */
export function preferredType<T extends string>(header: string, offered: readonly [T, ...T[]]): T {
  return acceptedType(header, offered) ?? offered[0];
}

/**
 * The offered type the caller prefers, `offered[0]` when its header names no range (but problem+json), or
 * undefined when every range it names refuses every type offered (`application/xml`, `text/*`, `*\/*;q=0`).
 */
export function acceptedType<T extends string>(header: string, offered: readonly [T, ...T[]]): T | undefined {
  const given = ranges(header).filter((range) => range.type !== PROBLEM || offered.includes(PROBLEM as T));
  if (given.length === 0) return offered[0];
  let best: { type: T; q: number; specificity: number; position: number; order: number } | undefined;
  offered.forEach((type, order) => {
    // The most specific range that matches decides this type's q (RFC 9110: text/csv;q=0 beats */*).
    const range = given.filter((r) => matches(r, type)).sort((a, b) => b.specificity - a.specificity || a.position - b.position)[0];
    if (!range || range.q === 0) return;
    const candidate = { type, q: range.q, specificity: range.specificity, position: range.position, order };
    if (
      !best ||
      candidate.q > best.q ||
      (candidate.q === best.q && candidate.specificity > best.specificity) ||
      (candidate.q === best.q && candidate.specificity === best.specificity && candidate.position < best.position)
    )
      best = candidate;
  });
  return best?.type;
}
