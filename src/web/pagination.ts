/**
 * The links of a paged list page (the catalogue, a standard's versions): the first page and the next one,
 * as the NHS.UK pagination component (nhsuk-frontend's `pagination` macro) takes them. Each link is the
 * page's own path with the query it was asked with (a search) and the cursor the service gave: no session
 * state, so the same link works signed in and signed out.
 */

/**
 * A link to the page at `cursor` (the first page without one), keeping `kept`. A page with more than one
 * paged list names each list's cursor (`param`, `cursor` by default) and may lead back to the list (`anchor`).
 */
export function pageLink(path: string, kept: Record<string, string>, options: { param?: string; anchor?: string } = {}): (cursor?: string) => string {
  const param = options.param ?? 'cursor';
  const anchor = options.anchor === undefined ? '' : `#${options.anchor}`;
  return (cursor) => {
    const query = new URLSearchParams(kept);
    query.delete(param);
    if (cursor !== undefined) query.set(param, cursor);
    const text = query.toString();
    return `${text === '' ? path : `${path}?${text}`}${anchor}`;
  };
}

/**
 * `previous` (to the first page, when this is a later one) and `next`, or undefined when the list is one
 * page; `texts` words the two links for the list (the submissions' "Newest" and "Older submissions").
 */
export function pagesOf(
  link: (cursor?: string) => string,
  cursor: string | undefined,
  next: string | undefined,
  texts: { previous: string; next: string } = { previous: 'First page', next: 'Next page' },
) {
  if (cursor === undefined && next === undefined) return undefined;
  return {
    ...(cursor !== undefined ? { previous: { href: link(), text: texts.previous } } : {}),
    ...(next !== undefined ? { next: { href: link(next), text: texts.next } } : {}),
  };
}
