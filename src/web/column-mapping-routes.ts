/**
 * The column mapping page: a supplier organisation's header names -> a standard's fields, one a line
 * (`NHS Number = nhsNumber`), saved through the same service as the API's (services/column-mappings.ts).
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import { MAPPING_MAX_BYTES, type ColumnMappingService } from '../services/column-mappings.js';
import { DomainError } from '../services/errors.js';
import { page, principalOf, shownMessage } from './page.js';
import { SIGNED_IN } from './session.js';
import { optionsHint, standardOptions } from './standard-options.js';
import { countWords } from '../validation/count-words.js';

/** The mapping as the text area shows it. */
const asText = (columns: Record<string, string>): string =>
  Object.entries(columns)
    .map(([name, field]) => `${name} = ${field}`)
    .join('\n');

/** The text area's lines as a mapping; a line without " = " is an error naming it. */
function parseText(text: string): Record<string, string> {
  const columns: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const at = line.lastIndexOf('=');
    if (at <= 0) throw new DomainError('invalid-input', `Line ${index + 1} has no "=": write your header name = the standard's field`);
    columns[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  });
  return columns;
}

export function registerColumnMappingPages(server: Server, standards: StandardsService, mappings: ColumnMappingService): void {
  const show = async (request: Request, h: ResponseToolkit, extra: Record<string, unknown> = {}, status = 200) => {
    const standard = (request.query as { standard?: string }).standard || undefined;
    // The first standards by id, and the one the address chooses (read by itself when it is past them).
    const listed = await standardOptions(standards, standard);
    const { chosen } = listed;
    if (standard && !chosen) throw new DomainError('not-found', `unknown standard "${standard}"`);
    let text = '';
    if (chosen && extra.text === undefined) {
      try {
        text = asText((await mappings.get(chosen.id, principalOf(request)!)).columns);
      } catch (error) {
        if (!(error instanceof DomainError && error.kind === 'not-found')) throw error;
      }
    }
    return page(
      request,
      h,
      'column-mappings.njk',
      {
        title: 'Column mappings',
        standards: listed.options.map((s) => ({ id: s.id, title: s.title })),
        ...optionsHint(listed),
        standard: chosen?.id,
        standardTitle: chosen?.title,
        text,
        ...extra,
      },
      status,
    );
  };

  server.route([
    { method: 'GET', path: '/column-mappings', options: { auth: SIGNED_IN }, handler: (request, h) => show(request, h) },
    {
      method: 'POST',
      path: '/column-mappings',
      options: { auth: SIGNED_IN, payload: { maxBytes: MAPPING_MAX_BYTES } },
      handler: async (request, h) => {
        const standard = (request.query as { standard?: string }).standard ?? '';
        const given = (request.payload as { columns?: unknown } | null)?.columns;
        const text = typeof given === 'string' ? given : '';
        try {
          const columns = parseText(text);
          if (Object.keys(columns).length === 0) {
            await mappings.delete(standard, principalOf(request)!).catch((error: unknown) => {
              if (!(error instanceof DomainError && error.kind === 'not-found')) throw error;
            });
            return show(request, h, { saved: 'The mapping is removed: your CSV headers are read as they are.' });
          }
          const { mapping } = await mappings.put(standard, columns, principalOf(request)!);
          return show(request, h, {
            saved: `Saved: ${countWords(Object.keys(mapping.columns).length, 'column is', 'columns are')} renamed in your CSV files.`,
          });
        } catch (error) {
          if (!(error instanceof DomainError) || !['invalid-input', 'rejected', 'too-large'].includes(error.kind)) throw error;
          const message = shownMessage(error.message[0]!.toUpperCase() + error.message.slice(1));
          return show(request, h, { text, mappingError: message, errors: [{ text: message, href: '#columns' }] }, 400);
        }
      },
    },
  ]);
}
