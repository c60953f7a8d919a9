/**
 * The `title` of every schema node of a version to publish (a field's title is its label in every report,
 * field-label.ts; the root's is the standard's title): at most MAX_SCHEMA_TITLE characters, and under the
 * free-text rule (free-text.ts: no control character but tabs and line breaks, no bidirectional control,
 * no lone surrogate). The faces bound and clean what they show in any case; this tells the author, with
 * each title's pointer in the schema, instead of publishing what would be shown cut. The titles are never
 * quoted back.
 */
import { forEachSchemaNode } from '../validation/schema-refs.js';
import { badFreeText, FREE_TEXT_RULE } from './free-text.js';
import type { ErrorItem } from './errors.js';

/** The most characters (code points) of a schema node's title. */
export const MAX_SCHEMA_TITLE = 200;
/** The most titles one refusal names. */
const NAMED = 20;

/** What is wrong with each title of the schema that breaks a rule, the first NAMED, and how many in all. */
export function schemaTitleProblems(schema: unknown): { problems: ErrorItem[]; count: number } {
  const problems: ErrorItem[] = [];
  let count = 0;
  forEachSchemaNode(schema, '', (node, place) => {
    const title: unknown = (node as Record<string, unknown>).title;
    if (typeof title !== 'string') return;
    const length = title.length > MAX_SCHEMA_TITLE ? Array.from(title).length : title.length;
    const detail =
      length > MAX_SCHEMA_TITLE
        ? `is ${length} characters long; a title is at most ${MAX_SCHEMA_TITLE} (put more in the description)`
        : badFreeText(title)
          ? FREE_TEXT_RULE
          : undefined;
    if (detail === undefined) return;
    count++;
    if (problems.length < NAMED) problems.push({ pointer: `${place.pointer}/title`, detail });
  });
  return { problems, count };
}
