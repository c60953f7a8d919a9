/**
 * A new artefact version's adoptions, bounded: one publish reads the latest versions of at most
 * CONFORM_MAX_ADOPTION_READS standards and judges (diffs, in the shared publish lane) at most
 * CONFORM_MAX_JUDGED_ADOPTIONS of them, the first by standard id; past those an adoption is listed not
 * judged and a standard not read is counted. Each adoption lists its first ADOPTION_CHANGES_LISTED
 * changes and how many there are. The old code read and judged every standard and listed every change.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { counted } from '../support/counted-store.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { Comparisons } from '../../src/services/comparisons.js';
import { ADOPTION_CHANGES_LISTED } from '../../src/services/artefact-adoption.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

interface Answer {
  adoptions: {
    standardId: string;
    version: string;
    uses: string[];
    bump: string | null;
    suggestedVersion: string | null;
    changes: { kind: string; path: string }[];
    changesTotal: number | null;
    notJudged?: string;
  }[];
  adoptionsNotRead: number;
}

const list = (id: string, version: string, codes: string[]) => ({
  kind: 'code-list',
  id,
  version,
  title: 'Bounded',
  codes: codes.map((code) => ({ code, label: `Code ${code}` })),
});
/** A standard whose `fields` fields each use the list. */
const user = (ref: string, fields = 1) => ({
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: fields }, (_, f) => [`f${f}`, { $ref: ref }])),
});

let t: TestApp;
let calls: Map<string, number>;
let close: () => Promise<void>;
const put = async (url: string, body: unknown) => {
  const response = await t.call({
    method: 'PUT',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });
  expect(response.statusCode, response.payload).toBe(201);
  return JSON.parse(response.payload) as Answer;
};

beforeAll(async () => {
  const raw = await openSqliteStore(':memory:');
  const wrapped = counted(raw);
  calls = wrapped.calls;
  t = await startTestApp({ CONFORM_MAX_JUDGED_ADOPTIONS: '2', CONFORM_MAX_ADOPTION_READS: '4', PORT: '0', HOST: '127.0.0.1' }, wrapped.store);
  close = async () => {
    await t.stop();
    await raw.close();
  };
});
afterAll(() => close());

describe('a new code-list version used by more standards than one publish judges', () => {
  it('reads 4 of the 5 standards, judges 2 (two diffs), lists the next 2 not judged and counts the last', async () => {
    await put('/v1/artefacts/code-lists/bounded-list/versions/1.0.0', list('bounded-list', '1.0.0', ['A', 'B']));
    for (const s of [4, 2, 0, 3, 1]) await put(`/v1/standards/bounded-user-${s}/versions/1.0.0`, user('conform:code-lists/bounded-list/1.0.0'));
    const run = vi.spyOn(Comparisons.prototype, 'run');
    const readsBefore = calls.get('getVersion') ?? 0;
    const answer = await put('/v1/artefacts/code-lists/bounded-list/versions/1.1.0', list('bounded-list', '1.1.0', ['A', 'B', 'C']));
    const diffs = run.mock.calls.filter(([lane, kind]) => lane === 'publish' && kind === 'versions').length;
    run.mockRestore();
    // The old code: five diffs, five schemas read, five judged.
    expect(diffs).toBe(2);
    expect((calls.get('getVersion') ?? 0) - readsBefore).toBe(4);
    expect(answer.adoptions.map((a) => [a.standardId, a.version, a.uses, a.bump, a.suggestedVersion, a.changesTotal])).toEqual([
      ['bounded-user-0', '1.0.0', ['code-lists/bounded-list/1.0.0'], 'minor', '1.1.0', 2],
      ['bounded-user-1', '1.0.0', ['code-lists/bounded-list/1.0.0'], 'minor', '1.1.0', 2],
      ['bounded-user-2', '1.0.0', ['code-lists/bounded-list/1.0.0'], null, null, null],
      ['bounded-user-3', '1.0.0', ['code-lists/bounded-list/1.0.0'], null, null, null],
    ]);
    for (const a of answer.adoptions.slice(2)) {
      expect(a.changes).toEqual([]);
      expect(a.notJudged).toBe(
        'past the 2 adoptions one publish judges (the first by standard id); a version of the standard that adopts this one is judged when it is published',
      );
    }
    expect(answer.adoptionsNotRead).toBe(1);
  });
});

describe('an adoption with more changes than an answer lists', () => {
  it(`lists the first ${ADOPTION_CHANGES_LISTED} and says how many there are`, async () => {
    await put('/v1/artefacts/code-lists/wide-list/versions/1.0.0', list('wide-list', '1.0.0', ['A']));
    await put('/v1/standards/wide-user/versions/1.0.0', user('conform:code-lists/wide-list/1.0.0', 80));
    const answer = await put('/v1/artefacts/code-lists/wide-list/versions/1.1.0', list('wide-list', '1.1.0', ['A', 'B']));
    const [adoption] = answer.adoptions;
    expect(adoption?.bump).toBe('minor');
    // Each of the 80 fields gains the code (enum-value-added) and its label (annotation-changed): 160 changes; the old code listed all 160.
    expect(adoption?.changesTotal).toBe(160);
    expect(adoption?.changes).toHaveLength(ADOPTION_CHANGES_LISTED);
    expect(new Set(adoption?.changes.map((c) => c.kind))).toEqual(new Set(['enum-value-added', 'annotation-changed']));
    expect(answer.adoptionsNotRead).toBe(0);
  });
});

describe('conform publish --artefact, past the bounds', () => {
  it('prints the adoptions judged, those not judged and why, and how many standards were not read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conform-adoption-bounds-'));
    try {
      await t.server.start();
      await writeFile(join(dir, 'list.json'), JSON.stringify(list('bounded-list', '1.2.0', ['A', 'B', 'C', 'D'])));
      const c = captureIo(dir);
      const code = await main(['publish', 'list.json', '--artefact', '--server', t.server.info.uri, '--token', t.tokens.author], c.io);
      expect(code, c.err()).toBe(0);
      expect(c.out().split('\n').slice(1)).toEqual([
        '  bounded-user-0 1.0.0 uses code-lists/bounded-list/1.0.0: adopting it needs a MINOR version (1.1.0)',
        '  bounded-user-1 1.0.0 uses code-lists/bounded-list/1.0.0: adopting it needs a MINOR version (1.1.0)',
        '  bounded-user-2 1.0.0 uses code-lists/bounded-list/1.0.0: not judged (past the 2 adoptions one publish judges (the first by standard id); a version of the standard that adopts this one is judged when it is published)',
        '  bounded-user-3 1.0.0 uses code-lists/bounded-list/1.0.0: not judged (past the 2 adoptions one publish judges (the first by standard id); a version of the standard that adopts this one is judged when it is published)',
        "  and 1 more standard naming an earlier version, not read (past the standards one publish reads): the earlier versions' used-by lists them",
        '',
      ]);
    } finally {
      await t.server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
