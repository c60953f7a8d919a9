/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/pointer.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/** JSON Pointer (RFC 6901) helpers. */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The JSON pointer of a list of segments (the inverse of pointerSegments). */
export function toPointer(segments: readonly string[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** Object.prototype's members (constructor, toString, valueOf, hasOwnProperty, __proto__, …), which every record inherits. */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether a field of this name would be found on any record by inheritance: such a field is read as an own property only. */
export const isInheritedName = (name: string): boolean => INHERITED_NAMES.has(name);

/** The value at the segments, own properties only (a record's `constructor` is its own field or nothing). */
export function pointerGet(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * A function reading the value at a pointer, own properties only. A one-segment pointer (the common case)
 * reads directly, and a pointer naming no inherited member reads without own-property checks (a plain
 * property read finds nothing inherited there).
 */
export function pointerGetter(pointer: string): (value: unknown) => unknown {
  const segments = pointerSegments(pointer);
  if (segments.some(isInheritedName)) return (value) => pointerGet(value, segments);
  if (segments.length === 1) {
    const key = segments[0]!;
    return (value) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);
  }
  return (value) => {
    let current = value;
    for (const segment of segments) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
}

/**
 * The node a URI fragment names in a document: the document itself for an empty fragment, the node at
 * the JSON pointer otherwise (the fragment is percent-decoded first, as in a `$ref`). Undefined when the
 * fragment is not a pointer (an anchor) or names nothing; only own properties are followed.
 */
export function fragmentGet(document: unknown, fragment: string): unknown {
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  if (decoded === '') return document;
  if (!decoded.startsWith('/')) return undefined;
  let current = document;
  for (const segment of pointerSegments(decoded)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
