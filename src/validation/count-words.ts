/**
 * A count and its noun, agreeing in number, as every sentence built from a count says it: "1 record",
 * "4 records", "1,250 findings"; `many` for a noun whose plural is not the singular and an s ("1 entry",
 * "2 entries") or for a phrase whose verb agrees ("1 record passes", "2 records pass"). The web pages use
 * it as the `counted` filter, and `agree` for a word alone ("1 of 4 records does not", "2 of 4 … do not").
 */
export function countWords(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** The word of the two that agrees with a count: `one` for exactly 1, else `many` (0 takes the plural). */
export function agree(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
