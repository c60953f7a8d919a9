/**
 * The validate form's standard drop-down, bounded: the first STANDARDS_LISTED standards by id (however many
 * the registry has), each with its newest published or deprecated versions (VERSIONS_PER_STANDARD, newest
 * first; one query however many versions there are), plus the one the person asked for when it is not
 * listed (an older version, or a standard past the first STANDARDS_LISTED): by the page's address
 * (`/validate?standard=<id>@<version>`, as a version's page links to it), or chosen on a form that came
 * back with an error (listed only when it is a published or deprecated version). So any standard's version
 * can be reached from its page, and the form reads at most STANDARDS_LISTED + 1 standards' records.
 */
import type { StandardsService } from '../services/standards.js';
import { parseStandardRef } from '../registry/resolve.js';
import { DomainError } from '../services/errors.js';

/** The most versions of one standard the drop-down lists. */
export const VERSIONS_PER_STANDARD = 5;
/** The most standards the drop-down lists (the first by id); another is reached from its version's page. */
export const STANDARDS_LISTED = 100;

export interface Choice {
  value: string;
  text: string;
}

const LIVE = new Set(['published', 'deprecated']);

const choiceText = (title: string, version: string, status?: string): string => `${title} ${version}${status === 'deprecated' ? ' (deprecated)' : ''}`;

/** The drop-down's options, and whether the registry has more standards than it lists. */
export interface Choices {
  choices: Choice[];
  more: boolean;
}

/**
 * The options, each standard's newest first; `wanted` (an `id@version` the person chose) among its
 * standard's when that standard is listed and it is not already there, else after the others, with its
 * standard's title (read by itself: one row each for the standard and the version) when it is a live
 * version of one.
 */
export async function validateChoices(standards: StandardsService, wanted?: { ref: string; status?: string; title?: string }): Promise<Choices> {
  // A choice is an id (at most 64 characters) and a version: anything longer was never one of the options.
  const want = wanted && wanted.ref.length <= 100 ? parseStandardRef(wanted.ref) : undefined;
  const out: Choice[] = [];
  let placed = false;
  const { entries, more } = await standards.newestLive(VERSIONS_PER_STANDARD, STANDARDS_LISTED);
  for (const { standard, versions } of entries) {
    const listed = versions.map((v) => ({ value: `${standard.id}@${v.version}`, text: choiceText(standard.title, v.version, v.status) }));
    if (wanted && want && want.id === standard.id) {
      placed = true;
      if (!listed.some((c) => c.value === wanted.ref)) {
        // An older version: listed when it is a live one (its status read by itself, one row), as a form
        // that came back with an error may hold any text, a draft's or a retired version's included.
        const found = wanted.status === undefined ? await askedVersion(standards, { standard: wanted.ref }) : wanted;
        if (found && !('refusal' in found)) listed.push({ value: found.ref, text: choiceText(standard.title, want.spec, found.status) });
      }
    }
    out.push(...listed);
  }
  if (wanted && want && !placed) {
    // A standard past the listed ones: its title and the version's status read by themselves, and only a live version listed.
    const found = wanted.title === undefined ? await askedVersion(standards, { standard: wanted.ref }) : { ...wanted, title: wanted.title };
    if (found && !('refusal' in found)) out.push({ value: found.ref, text: choiceText(found.title, want.spec, found.status) });
  }
  return { choices: out, more };
}

/**
 * The version the page's address asks for (`?standard=<id>@<version>`, an exact version), when it is a
 * published or deprecated version of a standard: read by itself, one row. Undefined when the address asks
 * for none; a refusal's words when it asks for one there is not.
 */
export async function askedVersion(
  standards: StandardsService,
  query: unknown,
): Promise<{ ref: string; status: string; title: string } | { refusal: string } | undefined> {
  const asked = (query as { standard?: unknown } | undefined)?.standard;
  if (typeof asked !== 'string' || asked === '') return undefined;
  const { id, spec } = parseStandardRef(asked);
  const none = { refusal: `There is no published or deprecated version ${spec.slice(0, 32)} of the standard ${id.slice(0, 64)}; choose one from the list` };
  if (!/^[0-9]{1,16}\.[0-9]{1,16}\.[0-9]{1,16}$/.test(spec) || id.length > 64) return none;
  try {
    const { standard, version } = await standards.summaryOf(id, spec);
    return version && LIVE.has(version.status) ? { ref: `${id}@${version.version}`, status: version.status, title: standard.title } : none;
  } catch (error) {
    // An unknown standard, or an id that is not one.
    if (error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'invalid-input')) return none;
    throw error;
  }
}
