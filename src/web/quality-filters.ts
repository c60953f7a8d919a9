/**
 * The dashboard's filters, read once for the page and its CSV: the standard (the first in the catalogue
 * when none is given), a range of days received (inclusive, YYYY-MM-DD) and one supplier (its ODS code).
 * A wrong value is a mistake said as such (400), never a 500, and never an empty page: the standard and the
 * supplier follow the API's rules (a standard id; an ODS code), so `supplier=../..` is refused, not a file of nothing.
 */
import { DomainError } from '../services/errors.js';
import { STANDARD_ID_WORDS, standardIdProblem } from '../services/standard-ref.js';
import { isOrganisationCode, ORGANISATION_CODE_WORDS } from '../validation/health-formats.js';
import { ukDayBounds } from '../quality/period.js';

export interface QualityFilters {
  standard: string;
  from?: string;
  to?: string;
  supplier?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(name: 'from' | 'to', text: string | undefined): string | undefined {
  const value = text?.trim();
  if (value === undefined || value === '') return undefined;
  const date = new Date(`${value}T00:00:00.000Z`);
  if (!DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new DomainError(
      'invalid-input',
      `The ${name === 'from' ? '"Received from"' : '"Received to"'} date must be a day written as YYYY-MM-DD, e.g. 2026-04-01.`,
    );
  }
  return value;
}

export function qualityFilters(query: Record<string, string | undefined>, firstStandard: string | undefined): QualityFilters {
  const standard = (query.standard ?? '').trim() || firstStandard || '';
  if (standard !== '' && standardIdProblem(standard) !== undefined) {
    throw new DomainError('invalid-input', `The standard in the address must be a standard id: ${STANDARD_ID_WORDS}.`);
  }
  const from = day('from', query.from);
  const to = day('to', query.to);
  if (from !== undefined && to !== undefined && from > to) throw new DomainError('invalid-input', 'The "Received from" date is after the "Received to" date.');
  // The one rule for an organisation's code (validation/health-formats.ts), which a token's organisation follows
  // too; as in the API's filter, the code is as the service keeps it, in upper case.
  const supplier = (query.supplier ?? '').trim();
  if (supplier !== '' && !isOrganisationCode(supplier)) {
    throw new DomainError(
      'invalid-input',
      `The supplier in the address must be an ODS code or supplier code: ${ORGANISATION_CODE_WORDS}, e.g. 8KR01 or DPSREDUCED.`,
    );
  }
  return { standard, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(supplier ? { supplier } : {}) };
}

/** The filters as the service takes them: UK days become instants, "to" inclusive of its whole day. */
export function trendQuery(filters: QualityFilters) {
  return {
    standardId: filters.standard,
    ...(filters.from ? { from: ukDayBounds(filters.from).first } : {}),
    ...(filters.to ? { to: ukDayBounds(filters.to).last } : {}),
  };
}

/** An address of the dashboard (or its CSV) with these filters, and a supplier. */
export function qualityLink(path: '/quality' | '/quality.csv', filters: QualityFilters, supplier?: string): string {
  const query = new URLSearchParams({ standard: filters.standard });
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (supplier) query.set('supplier', supplier);
  return `${path}?${query.toString()}`;
}
