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
env.addFilter('score', (n: unknown) => (typeof n === 'number' ? n.toFixed(1) : 'not measured'));
/** The UK day (YYYY-MM-DD) of an ISO 8601 instant (a date stays as it is). */
env.addFilter('date', (s: unknown) => (typeof s === 'string' ? ukDay(s) : ''));
/** The time of day in the UK (HH:MM, GMT or BST) of an ISO 8601 instant. */
env.addFilter('time', (s: unknown) => (typeof s === 'string' ? ukTime(s) : ''));
// Beside "Arrived after the deadline": when, and why timeliness does not count it (the CLI's words).
env.addFilter('lateFile', (s: unknown) => (typeof s === 'string' ? `I${lateFileWords(s).slice(1)}.` : ''));

export function render(template: string, context: Record<string, unknown>): string {
  return env.render(template, context);
}
