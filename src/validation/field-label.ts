/**
 * A finding's field as a person reads it: the label the version gives the field (its schema `title`),
 * and for a field inside an array, which item, in words ("Vaccine code, in item 4 of Vaccinations"; in a
 * summary, whose paths fold array indexes to `*`, "in an item of Vaccinations"). Undefined where the
 * version gives the field no label: the faces then show the JSON pointer, which they keep beside the label
 * for machines in any case. Built from the schema's titles and the pointer's structure only, never from a
 * record value (a pointer's array indexes are positions, not values).
 *
 * A title is an author's text, shown once a finding on every face (a findings.csv row, a web table row, a
 * CLI line): it is shown as one line of plain text (control, format and bidirectional characters dropped
 * or made spaces, white space collapsed) and at most MAX_TITLE characters, and a whole label at most
 * MAX_LABEL, so a 1 MB title, or a title on each of many nested arrays, costs a report's faces no more
 * than a short one (100,000 findings' CSV grows by at most about 20 MB, not 100 GB).
 */
import { escapeSegment, pointerSegments, toPointer } from './pointer.js';
import type { Report } from './report-types.js';

/** The labels (`title`) of a version's fields, by pointer with array items as `*` (labels.ts finds them). */
export type FieldTitles = ReadonlyMap<string, string>;

/** The most characters of one title shown (the rest cut, with an ellipsis). */
export const MAX_TITLE = 100;
/** The most characters of a whole label ("Dose, in item 2 of Doses, in item 1 of Vaccinations"). */
export const MAX_LABEL = 200;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BREAKS = /[\u0000-\u001f\u007f-\u009f\p{Zl}\p{Zp}\s]+/gu;
const INVISIBLE = /[\p{Cf}\p{Cs}]/gu;

/** Text cut to `max` characters (code points, never half a pair), an ellipsis marking the cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max
    ? text
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * A title as a label shows it: one line of plain text, at most MAX_TITLE characters. Only its start is
 * read (a stored report may hold a title of any length, from before titles were bounded).
 */
export function shownTitle(title: string): string {
  return cut(
    title
      .slice(0, 4 * MAX_TITLE)
      .replace(INVISIBLE, '')
      .replace(BREAKS, ' ')
      .trim(),
    MAX_TITLE,
  );
}

const INDEX = /^\d+$/;
const ITEMS = '*';
const isItem = (segment: string): boolean => segment === ITEMS || INDEX.test(segment);
const folded = (segments: readonly string[]): string => toPointer(segments.map((s) => (INDEX.test(s) ? ITEMS : s)));

/** "item 4" (a pointer counts from 0, people from 1), or "an item" for a summary's `*`. */
const itemWords = (segment: string): string => (segment === ITEMS ? 'an item' : `item ${Number(segment) + 1}`);

function segmentsOf(path: string): string[] | undefined {
  try {
    return pointerSegments(path);
  } catch {
    return undefined; // not a pointer: nothing to label
  }
}

/** The field's label with its place in arrays in words, or undefined where the version gives it none. */
export function fieldLabel(path: string, titles: Readonly<Record<string, string>> | undefined): string | undefined {
  if (titles === undefined || path === '') return undefined;
  const segments = segmentsOf(path);
  if (segments === undefined || segments.length === 0) return undefined;
  const titleAt = (end: number): string | undefined => {
    const key = folded(segments.slice(0, end));
    const title = Object.hasOwn(titles, key) ? shownTitle(titles[key]!) : '';
    return title === '' ? undefined : title;
  };
  /** The array whose item is at `at`: its label, else its name as written (a nested array's is "a list"). */
  const arrayName = (at: number): string => titleAt(at) ?? (at > 0 && !isItem(segments[at - 1]!) ? segments[at - 1]! : 'a list');
  let last = segments.length - 1;
  let head: string | undefined = titleAt(segments.length);
  if (head === undefined) {
    // An array's item with no label of its own: named by its place in the array, when the array has a label.
    if (!isItem(segments[last]!) || titleAt(last) === undefined) return undefined;
    const words = `${itemWords(segments[last]!)} of ${titleAt(last)!}`;
    head = words[0]!.toUpperCase() + words.slice(1);
    last--;
  }
  const places: string[] = [];
  for (let i = last; i >= 0; i--) if (isItem(segments[i]!)) places.push(`in ${itemWords(segments[i]!)} of ${arrayName(i)}`);
  return cut(places.length === 0 ? head : `${head}, ${places.join(', ')}`, MAX_LABEL);
}

/**
 * The titles a report needs: those of the fields its findings and summary name and of the arrays they are
 * in, by folded pointer (array indexes as `*`). Bounded by the report's own findings and summary; undefined
 * when the version labels none of them.
 */
export function reportFieldTitles(report: Pick<Report, 'findings' | 'summary'>, titles: FieldTitles): Record<string, string> | undefined {
  if (titles.size === 0) return undefined;
  let longest = 0;
  for (const key of titles.keys()) longest = Math.max(longest, key.length);
  const needed: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { path } of [...report.summary, ...report.findings]) {
    if (path === '' || seen.has(path)) continue;
    seen.add(path);
    const segments = segmentsOf(path);
    if (segments === undefined) continue;
    // Each ancestor's folded pointer built on the last, never past the longest labelled pointer: linear in
    // the path, however deep a recursive record nests (rebuilding each prefix was quadratic: 200 findings
    // 4,000 segments deep held the event loop for some 240 seconds).
    let key = '';
    for (const segment of segments) {
      key += `/${INDEX.test(segment) ? ITEMS : escapeSegment(segment)}`;
      if (key.length > longest) break;
      const title = titles.get(key);
      if (title !== undefined) needed[key] = title;
    }
  }
  return Object.keys(needed).length === 0 ? undefined : needed;
}
