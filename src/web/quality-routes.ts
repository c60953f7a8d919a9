/**
 * The data-quality dashboard (/quality): filters (standard, days received), a ranking of suppliers (every
 * supplier for authors and admins; a supplier sees only itself), and one supplier per page: its overall
 * and validity scores on a time axis by reporting period, each dimension over time, the same figures as a
 * table, and its latest submission's fields. /quality.csv exports the figures with the same filters:
 * scores and counts, never a record value.
 */
import type { Server } from '@hapi/hapi';
import { stringify } from 'csv-stringify/sync';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import type { Principal } from '../services/access.js';
import { DomainError } from '../services/errors.js';
import { page, principalOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { timeChart, timeSummary, type TimePoint } from './time-chart.js';
import { qualityFilters, qualityLink, trendQuery } from './quality-filters.js';
import type { Scorecard } from '../quality/types.js';
import { fieldName, fieldShares, percentText } from '../quality/explain.js';
import { csvDownload } from '../downloads.js';
import { optionsHint, standardOptions } from './standard-options.js';
import { ukDay } from './uk-time.js';
import { humanDay } from '../quality/human-time.js';

const DIMENSIONS = ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const;
const capital = (s: string): string => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/** The per-field breakdown of a stored submission's scorecard: fill rate and valid share with their counts, default codes (as the CLI shows them), DQMI item score. */
async function latestFields(submissions: SubmissionService, principal: Principal, submissionId: string | undefined) {
  if (!submissionId) return [];
  const card = (await submissions.get(submissionId, principal)).scorecard as Scorecard | undefined;
  if (!card) return [];
  const byField = (d: keyof Scorecard['dimensions']) => new Map((card.dimensions[d].fields ?? []).map((f) => [f.field, f.score]));
  // The DQMI item scores (the defaults dimension held them before reporting periods and the validity gate).
  const item = card.dqmi ? new Map((card.dqmi.fields ?? []).map((f) => [f.field, f.score])) : byField('defaults');
  const defaults = card.dqmi ? new Map((card.dimensions.defaults.fields ?? []).map((f) => [f.field, Number(f.defaults)])) : new Map<string, number>();
  return card.plan.fields.map((f) => {
    const count = defaults.get(f.field);
    const { filled, valid } = fieldShares(card, f.field);
    return {
      // The field as a person names it (its CSV column), not the scorecard's JSON pointer.
      field: fieldName(f.field),
      filled: filled ?? null,
      valid: valid ?? null,
      defaults: count === undefined ? null : `${count.toLocaleString('en-GB')} (${percentText(f.threshold)} allowed)`,
      item: item.get(f.field) ?? null,
    };
  });
}

type Trends = Awaited<ReturnType<SubmissionService['trends']>>;
type Point = Trends['points'][number];

/** Where a point stands on the time axis, and what it is called: its period, or the UK day it was received. */
const timePoint = (p: Point, score: number | null): TimePoint => ({
  at: p.period?.start ?? ukDay(p.createdAt),
  label: p.period?.id ?? humanDay(ukDay(p.createdAt)),
  score,
});

export function registerQualityPages(server: Server, standards: StandardsService, submissions: SubmissionService): void {
  /** The standards, the filters and the trends they select (empty when the standard is unknown). */
  const select = async (query: Record<string, string | undefined>, principal: Principal) => {
    // The first standards by id, and the one the address chooses (read by itself when it is past them).
    const listed = await standardOptions(standards, (query.standard ?? '').trim() || undefined);
    const filters = qualityFilters(query, listed.options[0]?.id);
    const standard = listed.options.find((s) => s.id === filters.standard);
    const trends = standard ? await submissions.trends(principal, trendQuery(filters)) : undefined;
    return { listed, filters, standard, trends };
  };

  server.route([
    {
      method: 'GET',
      path: '/quality',
      options: { auth: SIGNED_IN },
      handler: async (request, h) => {
        const principal = principalOf(request)!;
        const { listed, filters, standard, trends } = await select(request.query as Record<string, string | undefined>, principal);
        const ranking = (trends?.suppliers ?? []).map((s) => ({ ...s, href: qualityLink('/quality', filters, s.supplier) }));
        // One supplier a page: the one asked for, or the first ranked.
        const shown = ranking.find((s) => s.supplier === filters.supplier) ?? (filters.supplier ? undefined : ranking[0]);
        let supplier;
        if (shown) {
          const points = trends!.points.filter((p) => (p.supplier ?? '(none)') === shown.supplier);
          const chart = (what: string, score: (p: Point) => number | null) => {
            const series = points.map((p) => timePoint(p, score(p)));
            const title = `${what} of ${shown.supplier} by reporting period`;
            return { svg: timeChart(title, series), summary: timeSummary(title, series) };
          };
          supplier = {
            ...shown,
            points,
            overall: chart('Overall score', (p) => p.overall),
            validity: chart('Validity', (p) => p.validity),
            dimensions: DIMENSIONS.filter((d) => d !== 'validity').map((d) => ({ name: capital(d), ...chart(capital(d), (p) => p.dimensions[d] ?? null) })),
            latestFields: await latestFields(submissions, principal, points.at(-1)?.submission),
          };
        }
        return page(request, h, 'quality.njk', {
          title: shown ? `Data quality of ${shown.supplier}` : 'Data quality',
          standards: listed.options,
          ...optionsHint(listed),
          filters,
          standard,
          ranking,
          supplier,
          missing: filters.supplier !== undefined && !shown ? filters.supplier : undefined,
          csv: qualityLink('/quality.csv', filters, filters.supplier),
          ranks: principal.role !== 'supplier',
        });
      },
    },
    {
      method: 'GET',
      path: '/quality.csv',
      options: { auth: SIGNED_IN },
      handler: async (request, h) => {
        const principal = principalOf(request)!;
        const { filters, standard, trends } = await select(request.query as Record<string, string | undefined>, principal);
        if (!standard) throw new DomainError('not-found', `There is no standard "${filters.standard}".`);
        const points = (trends?.points ?? []).filter((p) => filters.supplier === undefined || (p.supplier ?? '(none)') === filters.supplier);
        const header = [
          'supplier',
          'submission',
          'period',
          'period_start',
          'period_end',
          'deadline',
          'received',
          'after_deadline',
          'version',
          'records',
          'fails_validity',
          'overall',
          ...DIMENSIONS,
          // Last, so a spreadsheet that reads the columns by position still reads them: `received` is a UTC
          // instant, and its UK day is the day the pages, the filters and the deadlines count.
          'received_uk_date',
        ];
        const rows = points.map((p) => [
          p.supplier ?? '',
          p.submission,
          p.period?.id ?? '',
          p.period?.start ?? '',
          p.period?.end ?? '',
          p.period?.deadline ?? '',
          p.createdAt,
          p.period ? String(p.period.afterDeadline) : '',
          p.version,
          p.records,
          p.failsValidity === null ? '' : p.failsValidity ? 'true' : 'false',
          p.overall ?? '',
          ...DIMENSIONS.map((d) => p.dimensions[d] ?? ''),
          ukDay(p.createdAt),
        ]);
        const name = `quality-${filters.standard.replace(/[^A-Za-z0-9._-]/g, '_')}${filters.supplier ? `-${filters.supplier.replace(/[^A-Za-z0-9._-]/g, '_')}` : ''}.csv`;
        return csvDownload(h, stringify([header, ...rows], { escape_formulas: true }), name);
      },
    },
  ]);
}
