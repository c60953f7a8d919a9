/**
 * Public pages for code lists: one page per version (codes, labels, defaults with DQMI thresholds,
 * effective dates, sources, where it is used), a comparison of two versions, and the codes as CSV and JSON.
 */
import type { Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import { artefactOf } from '../services/artefacts.js';
import type { CodeListDocument } from '../registry/artefacts/artefact.js';
import { DomainError } from '../services/errors.js';
import { page } from './page.js';
import { ARTEFACT_VERSIONS_PER_PAGE } from './artefact-versions-routes.js';
import { usedByRows } from './used-by-view.js';
import { csvDownload } from '../downloads.js';

const CSV_COLUMNS = ['code', 'label', 'default', 'dqmiThreshold', 'effectiveFrom', 'effectiveTo', 'source'] as const;

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function codesCsv(list: CodeListDocument): string {
  const rows = list.codes.map((c) =>
    [c.code, c.label, c.default === true ? 'yes' : '', c.dqmiThreshold, c.effectiveFrom, c.effectiveTo, c.source ?? list.source].map(cell).join(','),
  );
  return `${CSV_COLUMNS.join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
}

export function registerCodeListRoutes(server: Server, standards: StandardsService): void {
  const artefacts = standards.artefacts;
  const codeList = async (id: string, spec: string) => {
    const stored = await artefacts.version('code-list', id, spec);
    const document = artefactOf(stored).document;
    if (document.kind !== 'code-list') throw new DomainError('not-found', `${id} is not a code list`);
    return { stored, document };
  };
  server.route([
    {
      method: 'GET',
      path: '/code-lists/{id}/compare',
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        const { from = '', to = 'latest' } = request.query as { from?: string; to?: string };
        const newest = await artefacts.newestVersions('code-list', id, 2);
        const base = from || newest.at(-2)?.version || newest[0]!.version;
        const [a, b] = [await codeList(id, base), await codeList(id, to || 'latest')];
        const comparison = await artefacts.compare('code-list', id, a.stored.version, b.stored.version);
        const before = new Map(a.document.codes.map((c) => [c.code, c]));
        const after = new Map(b.document.codes.map((c) => [c.code, c]));
        const codes = [...new Set([...before.keys(), ...after.keys()])];
        const rows = codes.map((code) => {
          const x = before.get(code);
          const y = after.get(code);
          const change = !x ? 'added' : !y ? 'removed' : JSON.stringify(x) === JSON.stringify(y) ? 'same' : 'changed';
          return { code, before: x?.label, after: y?.label, change };
        });
        return page(request, h, 'code-list-compare.njk', {
          title: b.document.title,
          id,
          from: comparison.from,
          to: comparison.to,
          bump: comparison.needed,
          problems: comparison.problems.map((p) => p.message),
          changes: comparison.changes,
          changesTotal: comparison.changesTotal,
          rows,
        });
      },
    },
    {
      method: 'GET',
      path: '/code-lists/{id}/{version}/codes.csv',
      handler: async (request, h) => {
        const { id, version } = request.params as { id: string; version: string };
        const { stored, document } = await codeList(id, version);
        return csvDownload(h, codesCsv(document), `${id}-${stored.version}.csv`);
      },
    },
    {
      method: 'GET',
      path: '/code-lists/{id}/{version}/codes.json',
      handler: async (request, h) => {
        const { id, version } = request.params as { id: string; version: string };
        const { stored, document } = await codeList(id, version);
        return h
          .response({ id, version: stored.version, status: stored.status, contentHash: stored.contentHash, source: document.source, codes: document.codes })
          .type('application/json; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${id}-${stored.version}.json"`);
      },
    },
    {
      method: 'GET',
      path: '/code-lists/{id}/{version}',
      handler: async (request, h) => {
        const { id, version } = request.params as { id: string; version: string };
        const { stored, document } = await codeList(id, version);
        return page(request, h, 'code-list.njk', {
          title: `${document.title} ${stored.version}`,
          artefact: stored,
          list: document,
          // The compare form's choices: the newest versions, as many as the code list's own page shows.
          versions: (await artefacts.newestVersions('code-list', id, ARTEFACT_VERSIONS_PER_PAGE)).map((v) => v.version),
          versionCount: await artefacts.count('code-list', id),
          ...usedByRows(await artefacts.whereUsed('code-list', id, stored.version)),
        });
      },
    },
  ]);
}
