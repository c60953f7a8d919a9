/**
 * Server-side rendering with Nunjucks: the NHS.UK frontend's templates and macros (nhsuk-frontend) and
 * Conform's own pages (src/web/templates). Output is escaped by default.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { bundledStandardsDir } from '../registry/bundled.js';
import { ukDay, ukTime } from './uk-time.js';
import { lateFileWords } from '../quality/explain.js';
import { humanDay } from '../quality/human-time.js';
import { ukOffset } from '../validation/date-time.js';
import { agree, countWords } from '../validation/count-words.js';
import { changelogBlocks } from './changelog-view.js';

const require = createRequire(import.meta.url);

/** The nhsuk-frontend package's dist folder (holds nhsuk/…njk, CSS, JS and assets). */
export const nhsukDist = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');
/** Conform's templates, beside the standards in the package (they are not compiled, so read from src/). */
export const templatesDir = join(dirname(bundledStandardsDir()), 'src', 'web', 'templates');

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([templatesDir, nhsukDist], { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
});
env.addFilter('number', (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : n));
/** A count and its noun, agreeing: `{{ n | counted('record') }}` is "1 record" or "4 records" (an irregular plural as a second argument). */
env.addFilter('counted', (n: unknown, one: string, many?: string) => (typeof n === 'number' ? countWords(n, one, many) : n));
/** The word agreeing with a count: `{{ n | agree('does', 'do') }}`. */
env.addFilter('agree', (n: unknown, one: string, many: string) => (typeof n === 'number' ? agree(n, one, many) : many));
env.addFilter('score', (n: unknown) => (typeof n === 'number' ? n.toFixed(1) : 'not measured'));
/**
 * The UK day of an ISO 8601 instant, or a date, as people read it: "5 June 2024" (quality/human-time.ts, the
 * house style). The machine form stays in `<time datetime>`, the CSV downloads and the API.
 */
env.addFilter('date', (s: unknown) => (typeof s === 'string' ? humanDay(ukDay(s)) : ''));
/** The time of day in the UK of an ISO 8601 instant, with its zone as the clocks were: "14:30 BST". */
env.addFilter('time', (s: unknown) => {
  const clock = typeof s === 'string' ? ukTime(s) : '';
  return clock === '' ? '' : `${clock} ${ukOffset(Date.parse(s as string)) === 0 ? 'GMT' : 'BST'}`;
});
// Beside "Arrived after the deadline": when, and why timeliness does not count it (the CLI's words).
env.addFilter('lateFile', (s: unknown) => (typeof s === 'string' ? `I${lateFileWords(s).slice(1)}.` : ''));

/** A changelog's paragraphs and bulleted items: `{% for b in text | changelogBlocks %}` (partials/changelog.njk). */
env.addFilter('changelogBlocks', (s: unknown) => (typeof s === 'string' ? changelogBlocks(s) : []));

export function render(template: string, context: Record<string, unknown>): string {
  return env.render(template, context);
}
