/**
 * Ajv tests an `enum` of plain values as a chain of comparisons, one per value: `((data9 ===
 * "1048031000000100") || (data9 === "1048041000000109")) || …`. Text longer than a few characters is
 * compared character by character, so a value of the bench stream's arrivalMode (nine SNOMED CT codes of
 * 16 digits sharing their first five) cost about 380 instructions a record, though its sixth character
 * alone tells the nine apart. A chain of at least three texts (see FEWEST) is rewritten to find the one text the value
 * could be, by its length and then by the character codes at the places that tell the texts of that
 * length apart (a binary search on each), and to compare the value with that text alone:
 * `(typeof data9 === "string" ? (data9.length === 16 ? (data9.charCodeAt(5) < 53 ? … : data9 ===
 * "1048081000000101") : false) : false)`. Every verdict is the same: a value that is not text equals none
 * of the texts, and text equals one exactly when it has its length, its character codes, and is equal
 * to it. The other values of the enum (numbers, `true`, `false`, `null`) are compared as before.
 *
 * Only a whole chain Ajv wrote (each value compared with the same data name, parenthesised as Ajv's `or`
 * writes it, alone inside a pair of parentheses) is rewritten; anything else is left as it is.
 */

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const OTHER = String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null`;
const LITERAL = `(?:${STRING}|${OTHER})`;
/** The comparisons of a chain after its first (`X === a)`): ` || (X === b))` for each but the last, ` || (X === z)` for it. */
const CHAIN = new RegExp(String.raw`(data\d*) === (${LITERAL})\)((?: \|\| \(\1 === ${LITERAL}\)\))*) \|\| \(\1 === (${LITERAL})\)`, 'g');
const LINK = new RegExp(String.raw` \|\| \(data\d* === (${LITERAL})\)\)`, 'g');

/**
 * A chain is rewritten when it compares at least FEWEST texts of which one is longer than a character, or at
 * least MANY texts. Counted over 100,000 values each (callgrind): nine 16-digit codes 1,213 -> 887
 * instructions a value, 17 letters and `99` 979 -> 880, but four single characters 901 -> 991 (V8 compares
 * one-character texts by reference, a few instructions each).
 */
const FEWEST = 3;
const MANY = 8;

/** The place (code unit) where the most of these texts, all of one length, have different codes. */
function tellingPlace(texts: readonly string[]): number {
  let best = 0;
  let most = 0;
  for (let p = 0; p < texts[0]!.length; p++) {
    const codes = new Set(texts.map((t) => t.charCodeAt(p))).size;
    if (codes > most) {
      most = codes;
      best = p;
    }
  }
  return best;
}

/** Which of `texts` (distinct, of one length) `x` is, as an expression: by its codes, then compared with that one. */
function amongSameLength(x: string, texts: readonly string[]): string {
  // In parentheses: a text before a `:` would read as an object's key to codegen's check for `"__proto__":`.
  if (texts.length === 1) return `(${x} === ${JSON.stringify(texts[0])})`;
  const p = tellingPlace(texts);
  const byCode = new Map<number, string[]>();
  for (const t of texts) {
    const same = byCode.get(t.charCodeAt(p));
    if (same) same.push(t);
    else byCode.set(t.charCodeAt(p), [t]);
  }
  const codes = [...byCode.keys()].sort((a, b) => a - b);
  const search = (lo: number, hi: number): string => {
    if (lo === hi) return amongSameLength(x, byCode.get(codes[lo]!)!);
    const mid = (lo + hi + 1) >> 1;
    return `(${x}.charCodeAt(${p}) < ${codes[mid]} ? ${search(lo, mid - 1)} : ${search(mid, hi)})`;
  };
  return search(0, codes.length - 1);
}

/** Whether `x` is one of `texts`, as an expression (`x` known to be a string): by length, then amongSameLength. */
function amongTexts(x: string, texts: readonly string[]): string {
  const byLength = new Map<number, string[]>();
  for (const t of texts) {
    const same = byLength.get(t.length);
    if (same) same.push(t);
    else byLength.set(t.length, [t]);
  }
  const branches = [...byLength.entries()].sort(([a], [b]) => a - b).map(([length, same]) => `${x}.length === ${length} ? ${amongSameLength(x, same)} : `);
  return `(${branches.join('')}false)`;
}

/** Ajv's code with each chain of comparisons of one value with three texts or more written as a search (see above). */
export function enumsBySearch(code: string): string {
  let out = '';
  let at = 0;
  for (const match of code.matchAll(CHAIN)) {
    const [whole, x, first, middle, last] = match as unknown as [string, string, string, string, string];
    const literals = [first, ...[...middle.matchAll(LINK)].map((m) => m[1]!), last];
    // Ajv's `or` opens one parenthesis before the first comparison and one per comparison after the second.
    const opens = literals.length - 1;
    const start = match.index - opens;
    const end = match.index + whole.length;
    if (start < 1 || code.slice(start, match.index) !== '('.repeat(opens) || code[start - 1] !== '(' || code[end] !== ')') continue;
    const texts = new Set<string>();
    const others = new Set<string>();
    for (const literal of literals) {
      if (literal.startsWith('"')) texts.add(JSON.parse(literal) as string);
      else others.add(literal);
    }
    if (texts.size < MANY && (texts.size < FEWEST || [...texts].every((t) => t.length <= 1))) continue;
    const rest = others.size === 0 ? 'false' : [...others].map((o) => `${x} === ${o}`).join(' || ');
    out += `${code.slice(at, start)}(typeof ${x} === "string" ? ${amongTexts(x, [...texts])} : ${rest})`;
    at = end;
  }
  return at === 0 ? code : out + code.slice(at);
}
