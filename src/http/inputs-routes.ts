/** Suggestions of the standard a file is for (nothing stored), and an organisation's column mappings. */
import type { Server } from '@hapi/hapi';
import type { SuggestionService } from '../services/suggestions.js';
import type { ColumnMappingService } from '../services/column-mappings.js';
import { principalOf } from './auth.js';
import { headerText } from './headers.js';
import { contractRoute } from './contract/route.js';
import {
  deleteColumnMapping,
  getColumnMapping,
  MAPPING_MAX_BYTES,
  putColumnMapping,
  SUBMISSION_MEDIA_TYPES,
  SUGGEST_MAX_BYTES,
  suggestStandards,
} from './contract/operations/index.js';
import { countWords } from '../validation/count-words.js';

const FORMATS: Record<string, (typeof SUBMISSION_MEDIA_TYPES)[keyof typeof SUBMISSION_MEDIA_TYPES]> = SUBMISSION_MEDIA_TYPES;

export function registerInputsRoutes(server: Server, suggestions: SuggestionService, mappings: ColumnMappingService): void {
  server.route([
    contractRoute(suggestStandards, {
      // A body over the bound is refused by hapi with 413 before it is read whole.
      options: { payload: { parse: false, output: 'data', maxBytes: SUGGEST_MAX_BYTES } },
      handler: async (request) => {
        const mime = headerText(request, 'content-type').split(';')[0]!.trim().toLowerCase();
        const body = request.payload as Buffer;
        // A body shorter than the bound may be the whole file: a CSV header row without a line feed is then whole.
        const names = await suggestions.names(body, FORMATS[mime]!, body.length < SUGGEST_MAX_BYTES);
        const ranked = await suggestions.rank(names);
        return {
          columns: ranked.columns,
          suggestions: ranked.suggestions.map((s) => ({
            ...s,
            summary: `matches ${s.title} ${s.version}: ${s.matched} of ${countWords(s.columns, 'column')}`,
          })),
          ...(ranked.partial ? { partial: true } : {}),
        };
      },
    }),
    contractRoute(getColumnMapping, {
      handler: async (request) => mappings.get((request.params as { id: string }).id, principalOf(request)),
    }),
    contractRoute(putColumnMapping, {
      options: { payload: { maxBytes: MAPPING_MAX_BYTES } },
      handler: async (request, h) => {
        const { columns } = request.payload as { columns: Record<string, string> };
        const saved = await mappings.put((request.params as { id: string }).id, columns, principalOf(request));
        return h.response(saved.mapping).code(saved.created ? 201 : 200);
      },
    }),
    contractRoute(deleteColumnMapping, {
      handler: async (request, h) => {
        await mappings.delete((request.params as { id: string }).id, principalOf(request));
        return h.response().code(204);
      },
    }),
  ]);
}
