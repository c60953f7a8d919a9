/**
 * The few names nearest one that was not found, for a not-found's "did you mean": at most `MAX_NEAREST`,
 * so the answer stays a line however many names the store holds. A name holding the one asked for (or
 * held in it) comes first, then by edit distance, then alphabetically; a name far from every known one
 * gets none.
 */
import { distance } from 'fastest-levenshtein';

export const MAX_NEAREST = 3;
/**
 * How many names either side of an unknown one (in id order) its nearest names are chosen from: a bounded
 * read however many names the store holds. A name sharing the unknown one's beginning is always among them.
 */
export const NEAREST_SCANNED = 50;

export function nearestNames(wanted: string, names: Iterable<string>, max = MAX_NEAREST): string[] {
  const near = Math.max(2, Math.floor(wanted.length / 3));
  const scored: { name: string; contains: boolean; d: number }[] = [];
  for (const name of names) {
    const d = distance(wanted, name);
    const contains = name.includes(wanted) || wanted.includes(name);
    if (d <= near || contains) scored.push({ name, contains, d });
  }
  return scored
    .sort((a, b) => Number(b.contains) - Number(a.contains) || a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, max)
    .map((s) => s.name);
}

/** `; did you mean a, b or c?`, or `` when none is near. */
export function didYouMean(nearest: readonly string[]): string {
  if (nearest.length === 0) return '';
  const quoted = nearest.map((n) => `"${n}"`);
  return `; did you mean ${quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)!}`}?`;
}
