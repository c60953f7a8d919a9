/** Changes to array items: prefixItems (by position), items (the rest) and contains. */
import { childPath, type DiffContext } from './context.js';
import type { SchemaObject } from './keywords.js';
import { BOTH, isSemantic, LOOSENS, raw, TIGHTENS, within, type RawChange } from './types.js';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function diffArray(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const changes: RawChange[] = [];
  const before = list(a.prefixItems);
  const after = list(b.prefixItems);
  // Position i is checked by prefixItems[i] where there is one, else by items.
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    changes.push(...ctx.sub(i < before.length ? before[i] : (a.items ?? true), i < after.length ? after[i] : (b.items ?? true), childPath(path, i)));
  }
  if (a.items !== undefined || b.items !== undefined) {
    changes.push(...ctx.sub(a.items ?? true, b.items ?? true, childPath(path, 'items')));
  }
  const itemsPath = childPath(path, 'items');
  if (a.contains !== undefined && b.contains !== undefined) {
    const compared = within('contains', ctx.sub(a.contains, b.contains, itemsPath));
    // Under maxContains an item that now matches may push the count over the cap, and one that no longer matches under minContains.
    const capped = a.maxContains !== undefined || b.maxContains !== undefined;
    changes.push(
      ...(capped
        ? compared.map((c) => (isSemantic(c) ? { ...c, effect: BOTH, what: `${c.what}, where maxContains caps how many items may match` } : c))
        : compared),
    );
  } else if (b.contains !== undefined) {
    changes.push(raw('subschema-added', itemsPath, TIGHTENS, 'contains added: the array must now hold a matching item'));
  } else if (a.contains !== undefined) {
    changes.push(raw('subschema-removed', itemsPath, LOOSENS, 'contains removed: the array no longer needs a matching item'));
  }
  return changes;
}
