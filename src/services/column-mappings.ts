/**
 * Column mappings: a supplier organisation's CSV header names -> a standard's fields (dotted, as a CSV
 * header writes nested fields), saved per standard and applied to that organisation's CSV validations
 * (column-rename.ts renames the header before the engine reads it). Bounded: at most MAX_COLUMNS entries,
 * each name 1 to MAX_NAME characters; every field must be a field of some version of the standard, and
 * no two names may map to one field. Mappings belong to organisations, so a token without one has none.
 */
import type { Store, StoredColumnMapping } from '../store/types.js';
import { DomainError, type ErrorItem } from './errors.js';
import { requireRole, type Principal } from './access.js';
import type { SuggestionService } from './suggestions.js';

export const MAX_COLUMNS = 500;
/** The largest column mapping body, on the API and the page alike (500 names and fields of 200 characters, with room for JSON or a form's encoding). */
export const MAPPING_MAX_BYTES = 256 * 1024;
export const MAX_NAME = 200;

export interface ColumnMappingView {
  standard: string;
  organisation: string;
  columns: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

const view = (m: StoredColumnMapping): ColumnMappingView => ({
  standard: m.standardId,
  organisation: m.organisation,
  columns: m.columns,
  updatedAt: m.updatedAt,
  updatedBy: m.updatedBy,
});

/**
 * Names may not be empty, too long, or hold control characters (a line break would break the header),
 * format or bidirectional characters (an override would reorder the text a page shows around the name;
 * no header read from a file keeps one that matters), or a lone surrogate (no UTF-8 header can hold one,
 * so it could never match).
 */
const badName = (name: string): boolean => name.trim() !== name || name.length < 1 || name.length > MAX_NAME || /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(name);

export class ColumnMappingService {
  constructor(
    private readonly store: Store,
    private readonly fields: Pick<SuggestionService, 'standardFields'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async get(standardId: string, principal: Principal): Promise<ColumnMappingView> {
    const organisation = this.organisationOf(principal);
    await this.fields.standardFields(standardId);
    const found = await this.store.getColumnMapping(organisation, standardId);
    if (!found) throw new DomainError('not-found', `${organisation} has no column mapping for ${standardId}`);
    return view(found);
  }

  /** Saves (creates or replaces) the organisation's mapping; `created` when there was none. */
  async put(standardId: string, columns: Record<string, string>, principal: Principal): Promise<{ mapping: ColumnMappingView; created: boolean }> {
    const organisation = this.organisationOf(principal);
    const known = await this.fields.standardFields(standardId);
    const entries = Object.entries(columns);
    if (entries.length > MAX_COLUMNS) throw new DomainError('too-large', `a column mapping has at most ${MAX_COLUMNS} columns; this one has ${entries.length}`);
    const errors: ErrorItem[] = [];
    const targets = new Map<string, string>();
    for (const [name, field] of entries) {
      const pointer = `/columns/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (badName(name))
        errors.push({
          pointer,
          detail: `a column name is 1 to ${MAX_NAME} characters, without surrounding spaces, control, format or bidirectional characters`,
        });
      else if (!known.has(field)) errors.push({ pointer, detail: `"${field.slice(0, MAX_NAME)}" is not a field of ${standardId}` });
      else if (targets.has(field)) errors.push({ pointer, detail: `"${targets.get(field)}" maps to ${field} already` });
      else targets.set(field, name);
    }
    if (errors.length > 0) throw new DomainError('rejected', `the column mapping is not valid: ${errors.map((e) => e.detail).join('; ')}`, errors);
    const created = (await this.store.getColumnMapping(organisation, standardId)) === undefined;
    const mapping: StoredColumnMapping = { organisation, standardId, columns, updatedAt: this.clock().toISOString(), updatedBy: principal.actor };
    await this.store.saveColumnMapping(mapping);
    return { mapping: view(mapping), created };
  }

  async delete(standardId: string, principal: Principal): Promise<void> {
    const organisation = this.organisationOf(principal);
    await this.fields.standardFields(standardId);
    if (!(await this.store.deleteColumnMapping(organisation, standardId))) {
      throw new DomainError('not-found', `${organisation} has no column mapping for ${standardId}`);
    }
  }

  /** The mapping a validation of this organisation's CSV applies (names that map to themselves left out); undefined for none. */
  async forValidation(organisation: string | null, standardId: string): Promise<ReadonlyMap<string, string> | undefined> {
    if (!organisation) return undefined;
    const found = await this.store.getColumnMapping(organisation, standardId);
    const entries = Object.entries(found?.columns ?? {}).filter(([name, field]) => name !== field);
    return entries.length > 0 ? new Map(entries) : undefined;
  }

  private organisationOf(principal: Principal): string {
    requireRole(principal, ['supplier', 'admin'], 'keep column mappings');
    if (!principal.organisation) throw new DomainError('forbidden', 'column mappings belong to an organisation, and this token has none');
    return principal.organisation;
  }
}
