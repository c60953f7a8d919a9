/**
 * What the scorecard counts as a value given: present, not `null`, and not text that is empty or only
 * white space. A cell of spaces (a spreadsheet shows it empty) or a tab is as blank as an empty one, for
 * completeness, the per-field figures, default codes and the record key alike; it is the schema's to say
 * whether such text is valid (the record is judged as it is), the scorecard's only whether it was filled.
 * White space is JavaScript's: space, tab, line breaks, the no-break space and the other Unicode spaces.
 */

/** Whether text holds something other than white space; the first character settles most values. */
export function filledText(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first > 32 && first < 127) || text.trim() !== '';
}

/** Whether a field's value is given (see above). */
export const isGiven = (v: unknown): boolean => v !== undefined && v !== null && (typeof v !== 'string' || filledText(v));
