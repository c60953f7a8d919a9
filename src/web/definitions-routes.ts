/**
 * Public pages for definitions sets: one page per version with each definition (its title, description
 * and rule), how standards refer to it, and where it is used (the standard versions and their fields).
 */
import type { Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import { artefactOf } from '../services/artefacts.js';
import { artefactUri, parseArtefactUri } from '../registry/artefacts/refs.js';
import { DomainError } from '../services/errors.js';
import { page } from './page.js';
import { usedByRows } from './used-by-view.js';
import { countWords } from '../validation/count-words.js';

export interface DefinitionRow {
  name: string;
  title?: string;
  description?: string;
  /** The rule in words: type, format, pattern, lengths, codes. */
  rule: string[];
  /** The code list the definition is (`code-lists/<id>/<version>`), when it refers to one. */
  codeList?: { id: string; version: string };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** One row per `$defs` entry, in the set's order. */
export function definitionRows(defs: Record<string, unknown>): DefinitionRow[] {
  return Object.entries(defs).map(([name, value]) => {
    const d = (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    const rule: string[] = [];
    const types = (Array.isArray(d.type) ? d.type : [d.type]).filter((t): t is string => typeof t === 'string');
    if (types.length > 0) rule.push(`type ${types.join(' or ')}`);
    if (text(d.format)) rule.push(`format ${String(d.format)}`);
    if (text(d.pattern)) rule.push(`pattern ${String(d.pattern)}`);
    if (typeof d.minLength === 'number') rule.push(`at least ${d.minLength} characters`);
    if (typeof d.maxLength === 'number') rule.push(`at most ${d.maxLength} characters`);
    if (Array.isArray(d.enum)) rule.push(countWords(d.enum.length, 'code'));
    if (Array.isArray(d['x-default-codes']) && d['x-default-codes'].length > 0) rule.push(`default codes ${d['x-default-codes'].map(String).join(', ')}`);
    const row: DefinitionRow = {
      name,
      rule,
      ...(text(d.title) ? { title: String(d.title) } : {}),
      ...(text(d.description) ? { description: String(d.description) } : {}),
    };
    if (typeof d.$ref === 'string') {
      const parsed = parseArtefactUri(d.$ref.split('#')[0]!);
      if (parsed && 'key' in parsed && parsed.key.kind === 'code-list') row.codeList = { id: parsed.key.id, version: parsed.key.version };
      else rule.push(`refers to ${d.$ref}`);
    }
    return row;
  });
}

export function registerDefinitionsRoutes(server: Server, standards: StandardsService): void {
  const artefacts = standards.artefacts;
  server.route({
    method: 'GET',
    path: '/definitions/{id}/{version}',
    handler: async (request, h) => {
      const { id, version } = request.params as { id: string; version: string };
      const stored = await artefacts.version('definitions', id, version);
      const document = artefactOf(stored).document;
      if (document.kind !== 'definitions') throw new DomainError('not-found', `${id} is not a definitions set`);
      const uri = artefactUri(stored);
      const definitions = definitionRows(document.schema.$defs);
      const reference = artefacts.libraryReference(uri);
      return page(request, h, 'definitions.njk', {
        title: `${stored.title} ${stored.version}`,
        artefact: stored,
        document,
        uri,
        reference,
        example: definitions[0]?.name,
        definitions,
        versionCount: await artefacts.count('definitions', id),
        ...usedByRows(await artefacts.whereUsed('definitions', id, stored.version)),
      });
    },
  });
}
