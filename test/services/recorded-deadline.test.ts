/**
 * A stored submission's late flag (quality trends and /quality.csv: `deadline`, `afterDeadline`) is judged
 * by the deadline that applied when it was stored (migration 0018), on both stores: an edit of the
 * standard's deadline afterwards changes the flag of the submissions stored after it, never of those
 * before; one stored before the deadline was kept (no recorded deadline) is judged by the current
 * deadline, as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { StandardsService } from '../../src/services/standards.js';
import { SubmissionService } from '../../src/services/submissions.js';
import type { Principal } from '../../src/services/access.js';
import type { Store } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

const STANDARD = 'emergency-care-attendance';
const supplier: Principal = { role: 'supplier', organisation: 'RX1', name: 'pipeline', actor: 'supplier:pipeline (t-s)', tokenId: 't-s' };
const admin: Principal = { role: 'admin', organisation: null, name: 'admin', actor: 'admin:admin (t-a)', tokenId: 't-a' };
const RECORD = JSON.stringify({ attendanceId: 'A1' }) + '\n'; // invalid, but scored: lateness is about the file, not its records

describe.each(storeFactories)('the late flag of a stored submission on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let standards: StandardsService;
  let submissions: SubmissionService;
  let now: Date;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
    standards = new StandardsService(store, await loadLibrary(bundledStandardsDir()));
    await standards.importLibrary();
    submissions = new SubmissionService(standards, store, undefined, () => now);
  });
  afterEach(async () => dispose());

  /** Submits a file for `period` at `at`; its submission id. */
  async function submit(period: string, at: string): Promise<string> {
    now = new Date(at);
    const report = await submissions.submit({ standardId: STANDARD, versionSpec: '3.0.2', format: 'ndjson', source: [Buffer.from(RECORD)], period }, supplier);
    return report.submission!.id;
  }

  /** Changes the standard's deadline after a period's end (reportingPeriod.deadline), as its owner would. */
  async function setDeadline(deadline: string): Promise<void> {
    const { title, owner, description, metadata } = (await store.getStandard(STANDARD))!;
    const reportingPeriod = { ...(metadata.reportingPeriod as object), deadline };
    await standards.saveMetadata(STANDARD, { title, owner, description, ...metadata, reportingPeriod }, admin);
  }

  const flags = async () =>
    Object.fromEntries(
      (await submissions.trends(admin, { standardId: STANDARD })).points.map((p) => [
        p.submission,
        { deadline: p.period?.deadline, late: p.period?.afterDeadline },
      ]),
    );

  it('keeps an earlier submission on time after the deadline is shortened, and late after it is lengthened', async () => {
    // February 2025's file is due a month after the month ends (P1M): by the end of 31 March.
    const onTime = await submit('2025-02', '2025-03-20T10:00:00Z');
    const late = await submit('2025-01', '2025-03-20T10:00:00Z'); // January's was due by 28 February
    expect(await flags()).toEqual({ [onTime]: { deadline: '2025-03-31', late: false }, [late]: { deadline: '2025-02-28', late: true } });
    // The report stored with each says the same.
    expect((await submissions.get(onTime, admin)).period).toMatchObject({ deadline: '2025-03-31', afterDeadline: false });

    // Shortened to the period's last day: the February file would now be late; stored before, it is not.
    await setDeadline('P0D');
    expect(await flags()).toEqual({ [onTime]: { deadline: '2025-03-31', late: false }, [late]: { deadline: '2025-02-28', late: true } });
    // A file stored after the edit is judged by the new deadline.
    const after = await submit('2025-02', '2025-03-21T10:00:00Z');
    expect((await flags())[after]).toEqual({ deadline: '2025-02-28', late: true });

    // Lengthened to three months: the January file stays late.
    await setDeadline('P3M');
    expect((await flags())[late]).toEqual({ deadline: '2025-02-28', late: true });
    expect((await flags())[onTime]).toEqual({ deadline: '2025-03-31', late: false });
  });

  it('judges a submission stored before the deadline was kept by the current deadline, as before', async () => {
    // As a row written before migration 0018: the period, no recorded deadline.
    const old = await submit('2025-02', '2025-03-20T10:00:00Z');
    await store.saveSubmission({ ...(await store.getSubmission(old))!, id: 'before-0018', periodDeadline: null });
    expect((await flags())['before-0018']).toEqual({ deadline: '2025-03-31', late: false });
    await setDeadline('P0D');
    expect((await flags())['before-0018']).toEqual({ deadline: '2025-02-28', late: true });
    expect((await flags())[old]).toEqual({ deadline: '2025-03-31', late: false });
  });
});
