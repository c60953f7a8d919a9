/**
 * Migration 0018-submission-deadline over a store that already holds submissions: they keep their period
 * and get no recorded deadline (null), so trends judge them by the standard's current deadline, as before;
 * a submission stored afterwards keeps the deadline it was stored with.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { migrationProvider } from '../../src/store/migrations.js';
import { KyselyStore } from '../../src/store/kysely-store.js';

describe('migration 0018-submission-deadline over existing data (SQLite)', () => {
  it('leaves earlier submissions without a recorded deadline, and keeps that of later ones', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
    expect((await migrator.migrateTo('0017-version-keys-missing')).error).toBeUndefined();
    const quality = JSON.stringify({ overall: 90, dimensions: { validity: 90 } });
    await sql`insert into submissions (id, organisation, submitted_by, standard_id, version, created_at, valid, records, report, quality, q_overall, period, period_start, period_end, trend_key)
      values ('old', '8KR01', 'x', 's', '1.0.0', '2025-03-20T10:00:00.000Z', 1, 3, '{}', ${quality}, 90, '2025-02', '2025-02-01', '2025-02-28', '2025-02-01 2025-03-20T10:00:00.000Z')`.execute(
      db,
    );
    const store = new KyselyStore('sqlite', db);
    await store.migrate();
    await store.saveSubmission({
      id: 'new',
      organisation: '8KR01',
      submittedBy: 'x',
      standardId: 's',
      version: '1.0.0',
      createdAt: '2025-03-21T10:00:00.000Z',
      valid: true,
      records: 3,
      report: '{}',
      quality,
      period: { id: '2025-02', start: '2025-02-01', end: '2025-02-28' },
      periodDeadline: '2025-03-31',
    });
    const points = await store.qualityPoints({ standardId: 's', limit: 10 });
    expect(points.map((p) => [p.id, p.period?.id, p.periodDeadline])).toEqual([
      ['old', '2025-02', null],
      ['new', '2025-02', '2025-03-31'],
    ]);
    expect((await store.getSubmission('new'))!.periodDeadline).toBe('2025-03-31');
    await store.close();
  });
});
