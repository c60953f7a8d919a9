/**
 * A page's standard drop-down (column mappings, quality, submissions), bounded as the validate form's: the
 * first STANDARDS_LISTED standards by id, however many the registry has, plus the one the page's address
 * chooses (`?standard=<id>`) when it is past them, read by itself. So a page reads at most
 * STANDARDS_LISTED + 2 standards' records, and says when more standards are not listed.
 */
import type { StandardsService } from '../services/standards.js';
import type { StoredStandard } from '../store/types.js';
import { STANDARDS_LISTED } from './validate-choices.js';

export interface StandardOptions {
  /** The drop-down's standards, by id, the chosen one last when it is past the first STANDARDS_LISTED. */
  options: StoredStandard[];
  /** The standard the address chooses, when there is one by that id. */
  chosen: StoredStandard | undefined;
  /** Whether the registry has standards the drop-down does not list. */
  more: boolean;
}

export async function standardOptions(standards: StandardsService, chosen: string | undefined): Promise<StandardOptions> {
  const read = await standards.standardChoices(STANDARDS_LISTED, chosen);
  const past = read.chosen !== undefined && !read.listed.includes(read.chosen);
  return { options: past ? [...read.listed, read.chosen!] : read.listed, chosen: read.chosen, more: read.more };
}

/** What a template's drop-down hint needs (`partials/standard-options-hint.njk`). */
export const optionsHint = (options: StandardOptions) => ({ moreStandards: options.more, standardsListed: STANDARDS_LISTED });
