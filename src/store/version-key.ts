/**
 * A version's sort key: text whose order (SQL's, byte by byte) is semver order, so a query can pick the
 * latest version, a major's or a minor's newest, or a page of versions by index without reading every
 * version of a standard or artefact. Each number is zero-padded to 16 digits (semver's numbers are at most
 * Number.MAX_SAFE_INTEGER, 16 digits): `1.10.0` is `0000000000000001.0000000000000010.0000000000000000`.
 * Registry versions are MAJOR.MINOR.PATCH (the contract and the publish rules allow nothing else).
 */
const WIDTH = 16;

const pad = (n: number): string => String(n).padStart(WIDTH, '0');

export function versionKey(version: string): string {
  const parts = version.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^(0|[1-9][0-9]{0,15})$/.test(p))) {
    throw new Error(`not a MAJOR.MINOR.PATCH version: ${JSON.stringify(version.slice(0, 32))}`);
  }
  return parts.map((p) => p.padStart(WIDTH, '0')).join('.');
}

/**
 * The keys bounding a major (`2`) or a major and minor (`2.1`): every version within it has a key `from` <=
 * key < `to`, where `to` is the next major's or minor's `from` (none past the largest number). Both bounds
 * are digits and dots at the places every key has them, so the order holds under any collation: a
 * locale's (PostgreSQL's default for a database made with one) ignores punctuation at first, and a bound
 * made with another character after the prefix would sort among the keys it should end.
 */
export function keyRange(within: { major: number; minor?: number }): { from: string; to?: string } {
  const { major, minor } = within;
  const prefix = minor === undefined ? `${pad(major)}.` : `${pad(major)}.${pad(minor)}.`;
  const next = (minor ?? major) + 1;
  if (String(next).length > WIDTH) return { from: prefix };
  return { from: prefix, to: minor === undefined ? `${pad(next)}.` : `${pad(major)}.${pad(next)}.` };
}
