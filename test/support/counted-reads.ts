/** A record whose fields count their reads (a getter for each): how tests see how often validator code reads a field. */
export function countedReads(fields: Record<string, unknown>): { record: Record<string, unknown>; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const record = {};
  for (const [name, value] of Object.entries(fields)) {
    Object.defineProperty(record, name, {
      enumerable: true,
      get: () => {
        reads.set(name, (reads.get(name) ?? 0) + 1);
        return value;
      },
    });
  }
  return { record, reads };
}
