/**
 * The validate form's standard drop-down, bounded: each standard's newest published or deprecated versions
 * (VERSIONS_PER_STANDARD, newest first; one query however many versions there are), plus the one the
 * person asked for when it is older: by the page's address (`/validate?standard=<id>@<version>`, as a
 * version's page links to it), or chosen on a form that came back with an error.
 */
import type { StandardsService } from '../services/standards.js';
import { parseStandardRef } from '../registry/resolve.js';
import { DomainError } from '../services/errors.js';

/** The most versions of one standard the drop-down lists. */
export const VERSIONS_PER_STANDARD = 5;

export interface Choice {
  value: string;
  text: string;
}

const LIVE = new Set(['published', 'deprecated']);

const choiceText = (title: string, version: string, status?: string): string => `${title} ${version}${status === 'deprecated' ? ' (deprecated)' : ''}`;

/**
 * The options, each standard's newest first; `wanted` (an `id@version` the person chose) among its
 * standard's when that standard is listed and it is not already there.
 */
export async function validateChoices(standards: StandardsService, wanted?: { ref: string; status?: string }): Promise<Choice[]> {
  // A choice is an id (at most 64 characters) and a version: anything longer was never one of the options.
  const want = wanted && wanted.ref.length <= 100 ? parseStandardRef(wanted.ref) : undefined;
  const out: Choice[] = [];
  for (const { standard, versions } of await standards.newestLive(VERSIONS_PER_STANDARD)) {
    const listed = versions.map((v) => ({ value: `${standard.id}@${v.version}`, text: choiceText(standard.title, v.version, v.status) }));
    if (wanted && want && want.id === standard.id && !listed.some((c) => c.value === wanted.ref)) {
      listed.push({ value: wanted.ref, text: choiceText(standard.title, want.spec, wanted.status) });
    }
    out.push(...listed);
  }
  return out;
}

/**
 * The version the page's address asks for (`?standard=<id>@<version>`, an exact version), when it is a
 * published or deprecated version of a standard: read by itself, one row. Undefined when the address asks
 * for none; a refusal's words when it asks for one there is not.
 */
export async function askedVersion(standards: StandardsService, query: unknown): Promise<{ ref: string; status: string } | { refusal: string } | undefined> {
  const asked = (query as { standard?: unknown } | undefined)?.standard;
  if (typeof asked !== 'string' || asked === '') return undefined;
  const { id, spec } = parseStandardRef(asked);
  const none = { refusal: `There is no published or deprecated version ${spec.slice(0, 32)} of the standard ${id.slice(0, 64)}; choose one from the list` };
  if (!/^[0-9]{1,16}\.[0-9]{1,16}\.[0-9]{1,16}$/.test(spec) || id.length > 64) return none;
  try {
    const { version } = await standards.summaryOf(id, spec);
    return version && LIVE.has(version.status) ? { ref: `${id}@${version.version}`, status: version.status } : none;
  } catch (error) {
    // An unknown standard, or an id that is not one.
    if (error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'invalid-input')) return none;
    throw error;
  }
}
