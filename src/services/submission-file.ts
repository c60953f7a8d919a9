/**
 * What a stored submission keeps of the file it came from and of who sent it: the file's name as the
 * supplier gave it, made safe to show and store (no folders, no control or bidirectional characters, at
 * most 255 characters), and the submitter's token name (never the token) read from the stored actor.
 */

/** The longest file name kept (characters); a longer one keeps its start and its extension. */
export const MAX_FILE_NAME = 255;

/** A file name safe to store and show, or null when nothing of it is left. */
export function sanitiseFileName(name: string | undefined | null): string | null {
  if (typeof name !== 'string') return null;
  // A browser or client may send a path: only the last part is the file's name.
  const base = name.split(/[\\/]/).at(-1) ?? '';
  // Control characters, bidirectional overrides and other format characters never reach a page.
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (clean === '' || clean === '.' || clean === '..') return null;
  const chars = [...clean];
  if (chars.length <= MAX_FILE_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? [...clean.slice(dot)].slice(0, 20).join('') : '';
  return chars.slice(0, MAX_FILE_NAME - extension.length - 1).join('') + '…' + extension;
}

/** The token name in a stored actor (`role:name (tokenId)`), or the actor itself when it has another form. */
export function submitterName(actor: string): string {
  return actor.match(/^[a-z]+:(.*) \([0-9a-f-]+\)$/)?.[1] ?? actor.replace(/^[a-z]+:/, '');
}
