/**
 * The quality dashboard: a ranking of suppliers for authors and admins (a supplier sees only itself), one
 * supplier a page with charts on a time axis and their text equivalents, filters by standard and days
 * received, and the CSV export of the same figures (scores and counts, never a record value).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from '../hostile/web-support.js';
import type { StoredSubmission } from '../../src/store/types.js';

const STANDARD = 'emergency-care-attendance';
/** A CSV body as rows of cells. */
function csvRows(text: string): string[][] {
  const rows: unknown = parse(text);
  return rows as string[][];
}

/** A value that would be a record value if it ever leaked into a page or the CSV. */
const SECRET = '9434765919';

let t: TestApp;
const cookies: Record<'author' | 'admin' | 'supplier', string> = { author: '', admin: '', supplier: '' };

const row = (id: string, organisation: string, createdAt: string, overall: number, period: StoredSubmission['period'] = null): StoredSubmission => ({
  id,
  organisation,
  submittedBy: `supplier:${organisation} (00000000-0000-4000-8000-000000000000)`,
  standardId: STANDARD,
  version: '2.0.0',
  createdAt,
  valid: overall > 50,
  records: 10,
  report: JSON.stringify({ valid: false, findings: [{ path: '/nhsNumber', message: `value ${SECRET}` }] }),
  quality: JSON.stringify({ validity: overall, failsValidity: false, overall, dimensions: { validity: overall, completeness: 100, uniqueness: 90 } }),
  period,
});

beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  const store = t.app.store;
  await store.saveSubmission(row('s1', '8KR01', '2026-02-10T09:00:00.000Z', 60, { id: '2026-01', start: '2026-01-01', end: '2026-01-31' }));
  await store.saveSubmission(row('s2', '8KR01', '2026-03-05T09:00:00.000Z', 80, { id: '2026-02', start: '2026-02-01', end: '2026-02-28' }));
  await store.saveSubmission(row('y1', 'YORK1', '2026-03-06T09:00:00.000Z', 90, { id: '2026-02', start: '2026-02-01', end: '2026-02-28' }));
  await store.saveSubmission(row('r1', 'RR8', '2026-04-01T09:00:00.000Z', 40));
  for (const role of ['author', 'admin', 'supplier'] as const) ({ cookie: cookies[role] } = await signIn(t.server, t.tokens[role]));
});
afterAll(async () => t.stop());

const get = (url: string, role: keyof typeof cookies) => t.server.inject({ method: 'GET', url, headers: { cookie: cookies[role] } });

/** The ranking table's rows as [rank, supplier, submissions, latest, mean]. */
const ranking = (html: string): string[][] => {
  const table = /<table class="nhsuk-table-responsive" role="table" id="ranking">([^]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr class="nhsuk-table__row" role="row">\s*(<td[^]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<td[^>]*>([^]*?)<\/td>/g)]
      .map((c) =>
        c[1]!
          .replace(/<span class="nhsuk-table-responsive__heading"[^>]*>[^<]*<\/span>/, '')
          .replace(/<[^>]+>/g, '')
          .trim(),
      )
      .slice(0, 5),
  );
};

describe('the ranking', () => {
  it('ranks every supplier for an author and an admin, and shows the first ranked only', async () => {
    for (const role of ['author', 'admin'] as const) {
      const page = await get(`/quality?standard=${STANDARD}`, role);
      expect(page.statusCode).toBe(200);
      expect(page.payload).toContain('<caption class="nhsuk-table__caption">Suppliers ranked by latest overall score</caption>');
      expect(ranking(page.payload)).toEqual([
        ['1', 'YORK1', '1', '90.0', '90.0'],
        ['2', '8KR01', '2', '80.0', '70.0'],
        ['3', 'RR8', '1', '40.0', '40.0'],
      ]);
      // One supplier a page: YORK1's figures, and links to the others.
      expect(page.payload).toContain('<h1>Data quality of YORK1</h1>');
      expect(page.payload).toContain('<caption class="nhsuk-table__caption">Submissions of YORK1</caption>');
      expect(page.payload).not.toContain('Submissions of 8KR01');
      expect(page.payload).toContain(`<a href="/quality?standard=${STANDARD}&amp;supplier=8KR01">8KR01</a>`);
    }
  });

  it('shows a supplier only itself, and nothing of another supplier it asks for', async () => {
    const own = await get(`/quality?standard=${STANDARD}`, 'supplier');
    expect(own.payload).toContain('<caption class="nhsuk-table__caption">Your organisation</caption>');
    expect(ranking(own.payload)).toEqual([['1', '8KR01', '2', '80.0', '70.0']]);
    expect(own.payload).not.toMatch(/YORK1|RR8/);
    const other = await get(`/quality?standard=${STANDARD}&supplier=YORK1`, 'supplier');
    expect(other.statusCode).toBe(200);
    expect(other.payload).toContain('No scored submissions of YORK1 match these filters.');
    expect(other.payload).not.toContain('90.0');
    expect(other.payload).not.toContain('/submissions/y1');
  });
});

describe("a supplier's page", () => {
  it('charts the scores on a time axis with dates, labelled values and a text summary', async () => {
    const html = (await get(`/quality?standard=${STANDARD}&supplier=8KR01`, 'author')).payload;
    expect(html).toContain('<h1>Data quality of 8KR01</h1>');
    expect(html).toContain('<strong aria-current="page">8KR01</strong>');
    const figure = /<figure class="conform-figure">\s*(<svg[^]*?<\/svg>)\s*<figcaption class="nhsuk-body-s">([^<]*)<\/figcaption>/.exec(html)!;
    expect(figure[2]).toBe('Overall score of 8KR01 by reporting period, 2026-01 to 2026-02: 2 submissions, from 60.0 to 80.0; latest 80.0 (2026-02).');
    expect(figure[1]).toContain('font-weight="600" fill="#212b32">60.0</text>');
    expect(figure[1]).toContain('font-weight="600" fill="#212b32">80.0</text>');
    expect(figure[1]).toMatch(/fill="#4c6272">(\d{1,2} )?(Jan|Feb) 2026<\/text>/);
    expect(html).toContain('<td class="nhsuk-table__cell">2026-02</td>');
    expect(html).not.toContain(SECRET);
  });

  it('filters by the days received, the last day included', async () => {
    const march = ranking((await get(`/quality?standard=${STANDARD}&from=2026-03-01&to=2026-03-05`, 'author')).payload);
    expect(march).toEqual([['1', '8KR01', '1', '80.0', '80.0']]);
    const withSixth = ranking((await get(`/quality?standard=${STANDARD}&from=2026-03-01&to=2026-03-06`, 'author')).payload);
    expect(withSixth.map((r) => r[1])).toEqual(['YORK1', '8KR01']);
    const form = (await get(`/quality?standard=${STANDARD}&from=2026-03-01&to=2026-03-05`, 'author')).payload;
    expect(form).toContain('id="from" name="from" type="date" value="2026-03-01"');
    expect(form).toContain(`href="/quality.csv?standard=${STANDARD}&amp;from=2026-03-01&amp;to=2026-03-05"`);
    const none = (await get('/quality?standard=patient-demographics', 'author')).payload;
    expect(none).toContain('No scored submissions of Patient demographics match these filters.');
  });

  it('says what is wrong with a date', async () => {
    const bad = await get(`/quality?standard=${STANDARD}&from=2026-02-30`, 'author');
    expect(bad.statusCode).toBe(400);
    expect(bad.payload).toContain('The &quot;Received from&quot; date must be a day written as YYYY-MM-DD, e.g. 2026-04-01.');
    const backwards = await get(`/quality?standard=${STANDARD}&from=2026-03-02&to=2026-03-01`, 'author');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.payload).toContain('The &quot;Received from&quot; date is after the &quot;Received to&quot; date.');
  });

  it('refuses a supplier or standard that is no ODS code or standard id, as the API does, rather than an empty page or file', async () => {
    for (const url of [`/quality?standard=${STANDARD}&supplier=..%2F..`, `/quality.csv?standard=${STANDARD}&supplier=8kr01`]) {
      const bad = await get(url, 'author');
      expect(bad.statusCode, url).toBe(400);
      expect(bad.headers['content-disposition']).toBeUndefined();
      expect(bad.payload).toContain(
        'The supplier in the address must be an ODS code or supplier code: 3 to 10 upper-case letters and digits, e.g. 8KR01 or DPSREDUCED.',
      );
    }
    const standard = await get('/quality?standard=%E2%80%AEx', 'author');
    expect(standard.statusCode).toBe(400);
    expect(standard.payload).toContain(
      'The standard in the address must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics.',
    );
  });
});

describe('the CSV export', () => {
  const HEADER = [
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
    'validity',
    'completeness',
    'uniqueness',
    'consistency',
    'timeliness',
    'defaults',
    'received_uk_date',
  ];

  it('has the figures with the same filters, as an attachment, never a record value', async () => {
    const response = await get(`/quality.csv?standard=${STANDARD}&from=2026-02-01&to=2026-03-31`, 'author');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="quality-${STANDARD}.csv"`);
    expect(response.payload).not.toContain(SECRET);
    const rows = csvRows(response.payload);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1)).toEqual([
      [
        '8KR01',
        's1',
        '2026-01',
        '2026-01-01',
        '2026-01-31',
        '2026-02-28',
        '2026-02-10T09:00:00.000Z',
        'false',
        '2.0.0',
        '10',
        'false',
        '60',
        '60',
        '100',
        '90',
        '',
        '',
        '',
        '2026-02-10',
      ],
      [
        '8KR01',
        's2',
        '2026-02',
        '2026-02-01',
        '2026-02-28',
        '2026-03-31',
        '2026-03-05T09:00:00.000Z',
        'false',
        '2.0.0',
        '10',
        'false',
        '80',
        '80',
        '100',
        '90',
        '',
        '',
        '',
        '2026-03-05',
      ],
      [
        'YORK1',
        'y1',
        '2026-02',
        '2026-02-01',
        '2026-02-28',
        '2026-03-31',
        '2026-03-06T09:00:00.000Z',
        'false',
        '2.0.0',
        '10',
        'false',
        '90',
        '90',
        '100',
        '90',
        '',
        '',
        '',
        '2026-03-06',
      ],
    ]);
    const one = csvRows((await get(`/quality.csv?standard=${STANDARD}&supplier=RR8`, 'admin')).payload);
    // Without a period: no deadline, nor whether it was met.
    expect(one.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[7]])).toEqual([['RR8', 'r1', '', '', '']]);
  });

  it('gives each period its deadline and whether the file arrived after it, in the CSV and the table', async () => {
    // Adult social care: quarters, due a month after (P1M). Q1's file came in June, after 30 April; Q2's in time.
    const CLD = 'adult-social-care-client-level';
    const quarter = (id: string, start: string, end: string) => ({ id, start, end });
    await t.app.store.saveSubmission({
      ...row('late', 'LATE1', '2026-06-01T09:00:00.000Z', 95, quarter('2026-Q1', '2026-01-01', '2026-03-31')),
      standardId: CLD,
    });
    await t.app.store.saveSubmission({
      ...row('kept', 'LATE1', '2026-07-10T09:00:00.000Z', 95, quarter('2026-Q2', '2026-04-01', '2026-06-30')),
      standardId: CLD,
    });
    const rows = csvRows((await get(`/quality.csv?standard=${CLD}&supplier=LATE1`, 'admin')).payload);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[5], r[6], r[7]])).toEqual([
      ['late', '2026-Q1', '2026-04-30', '2026-06-01T09:00:00.000Z', 'true'],
      ['kept', '2026-Q2', '2026-07-31', '2026-07-10T09:00:00.000Z', 'false'],
    ]);
    // Received at 23:30 UTC on the deadline's last day is 00:30 BST the next day: the UK day is the one counted.
    await t.app.store.saveSubmission({
      ...row('evening', 'LATE2', '2026-07-31T23:30:00.000Z', 95, quarter('2026-Q2', '2026-04-01', '2026-06-30')),
      standardId: CLD,
    });
    const evening = csvRows((await get(`/quality.csv?standard=${CLD}&supplier=LATE2`, 'admin')).payload);
    const column = (name: string) => evening[1]![evening[0]!.indexOf(name)];
    expect([column('deadline'), column('received'), column('received_uk_date'), column('after_deadline')]).toEqual([
      '2026-07-31',
      '2026-07-31T23:30:00.000Z',
      '2026-08-01',
      'true',
    ]);
    const page = (await get(`/quality?standard=${CLD}&supplier=LATE1`, 'admin')).payload;
    expect(page).toContain('<a href="/submissions/late">1 June 2026</a> <strong class="nhsuk-tag nhsuk-tag--red">Arrived after the deadline</strong>');
    expect(page).toMatch(/<a href="\/submissions\/kept">10 July 2026<\/a><\/td>/);
  });

  it('gives a supplier its own figures only, whatever it asks for', async () => {
    const own = csvRows((await get(`/quality.csv?standard=${STANDARD}`, 'supplier')).payload);
    expect(own.slice(1).map((r) => r[1])).toEqual(['s1', 's2']);
    const other = csvRows((await get(`/quality.csv?standard=${STANDARD}&supplier=YORK1`, 'supplier')).payload);
    expect(other).toEqual([HEADER]);
  });

  it('answers an unknown standard with 404, and needs a session', async () => {
    expect((await get('/quality.csv?standard=nope', 'author')).statusCode).toBe(404);
    const anonymous = await t.server.inject({ method: 'GET', url: `/quality.csv?standard=${STANDARD}` });
    expect(anonymous.statusCode).toBe(302);
  });
});
