/**
 * The service as deployed: three `conform serve` replicas on PostgreSQL behind HAProxy (scripts/cluster.sh),
 * all on loopback. Mixed traffic through HAProxy (authors publishing, suppliers validating small files and
 * one of 50 MB, signed-in pages) while one replica is killed with SIGKILL and started again; afterwards
 * every acknowledged publish and submission is in the store exactly once, whole, and the audit log matches.
 * A web session signed in on one replica works on the others; a deprecation through one replica is seen by
 * the others within 1 s (measured); a trial report's address is answered through HAProxy, which keeps a
 * trial's caller on the replica holding it; the per-supplier admission bound is per replica (docs/deployment.md);
 * a replica sent SIGTERM leaves HAProxy's rotation before it closes, and an upload in flight on it finishes.
 * The figures are printed for docs/deployment.md. Runs when haproxy and TEST_DATABASE_URL are present
 * (.ci/run provides both and sets CONFORM_CLUSTER_TEST=1); skipped with its reason otherwise.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason, startCluster, type Cluster } from './cluster.js';
import { THREAD_HEAP_FLAGS } from '../../src/heap-tuning.js';

if (skipReason) console.warn(`test/cluster/cluster.test.ts skipped: ${skipReason}`);

const SAMPLE = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));
const SAMPLE_RECORDS = 10;
/** 50 MB of NDJSON (the sample repeated): validated on a replica's worker pool. */
const BIG_COPIES = Math.ceil(50e6 / SAMPLE.length);
const VALIDATE = '/v1/standards/emergency-care-attendance/versions/2/validate';
const SUPPLIERS = ['CL001', 'CL002', 'CL003', 'CL004'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const schemaFor = (n: number) =>
  JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    description: `revision ${n}`,
    type: 'object',
    additionalProperties: false,
    required: ['code'],
    properties: { code: { type: 'string', maxLength: 20 } },
  });

interface Outcome {
  status: number;
  body: string;
  headers: Headers;
}
/** One request; a network failure (a killed replica's connection) is status 0. */
async function send(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Outcome> {
  try {
    const response = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 120_000) });
    return { status: response.status, body: await response.text(), headers: response.headers };
  } catch {
    return { status: 0, body: '', headers: new Headers() };
  }
}

const cookiesOf = (headers: Headers): string =>
  headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Signs in through the pages of `base` (HAProxy or one replica): the browser's cookies. */
async function signIn(base: string, token: string): Promise<string> {
  const form = await send(`${base}/sign-in`);
  expect(form.status).toBe(200);
  const crumbCookie = cookiesOf(form.headers);
  const crumb = /name="crumb" value="([^"]+)"/.exec(form.body)![1]!;
  const response = await send(`${base}/sign-in`, {
    method: 'POST',
    headers: { cookie: crumbCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ crumb, token, next: '/validate' }).toString(),
  });
  expect(response.status).toBe(302);
  return `${crumbCookie}; ${cookiesOf(response.headers)}`;
}

describe.skipIf(skipReason !== undefined)('three replicas behind HAProxy on PostgreSQL', () => {
  let cluster: Cluster;
  let authors: string[];
  let suppliers: string[];
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    const started = Date.now();
    cluster = await startCluster('CONFORM_WORKERS=1 CONFORM_MAX_VALIDATIONS_PER_SUPPLIER=1 CONFORM_RETRY_AFTER_SECONDS=1 LOG_LEVEL=info');
    authors = [cluster.token('author', 'cluster author 1', 'CLA01'), cluster.token('author', 'cluster author 2', 'CLA02')];
    suppliers = SUPPLIERS.map((ods) => cluster.token('supplier', `cluster supplier ${ods}`, ods));
    figures.startSeconds = (Date.now() - started) / 1000;
  }, 150_000);

  afterAll(async () => {
    await cluster?.stop();
    console.log(`cluster figures: ${JSON.stringify(figures)}`);
  }, 60_000);

  it('keeps every acknowledged write exactly once through a SIGKILL and a restart', async () => {
    const counts = { requests: 0, failed: 0, refused: 0 };
    const publishes = new Map<string, string>(); // "standard@version" -> content hash acknowledged
    const submissions = new Map<string, number>(); // id -> records acknowledged
    const pages = { ok: 0, signedOut: 0 };
    let running = true;
    const tally = (o: Outcome): Outcome => {
      counts.requests++;
      if (o.status === 0 || o.status >= 500) counts.failed++;
      if (o.status === 429) counts.refused++;
      return o;
    };

    const author = async (i: number) => {
      const standard = `cluster-${i + 1}`;
      for (let n = 0; running; n++) {
        const version = `1.0.${n}`;
        // A client whose request failed tries the same publish again: identical content answers 200.
        for (let attempt = 0; attempt < 20; attempt++) {
          const o = tally(
            await send(`${cluster.url}/v1/standards/${standard}/versions/${version}`, {
              method: 'PUT',
              headers: { authorization: `Bearer ${authors[i]!}`, 'content-type': 'application/json' },
              body: schemaFor(n),
            }),
          );
          if (o.status === 201 || o.status === 200) {
            publishes.set(`${standard}@${version}`, (JSON.parse(o.body) as { contentHash: string }).contentHash);
            break;
          }
          expect([0, 502, 503]).toContain(o.status);
          await sleep(100);
        }
        await sleep(50);
      }
    };
    const supplier = async (i: number) => {
      while (running) {
        const o = tally(
          await send(`${cluster.url}${VALIDATE}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${suppliers[i]!}`, 'content-type': 'application/x-ndjson' },
            body: SAMPLE,
          }),
        );
        if (o.status === 201) {
          const report = JSON.parse(o.body) as { submission: { id: string }; stats: { records: number } };
          expect(submissions.has(report.submission.id)).toBe(false);
          submissions.set(report.submission.id, report.stats.records);
        } else expect([0, 429, 502, 503]).toContain(o.status);
        await sleep(o.status === 201 ? 20 : 200);
      }
    };
    let big: { status: number; records: number; attempts: number; seconds: number } | undefined;
    const bigUpload = async () => {
      const body = Buffer.concat(Array.from({ length: BIG_COPIES }, () => SAMPLE));
      for (let attempt = 1; attempt <= 5; attempt++) {
        const started = Date.now();
        const o = tally(
          await send(`${cluster.url}${VALIDATE}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${suppliers[3]!}`, 'content-type': 'application/x-ndjson' },
            body,
            timeoutMs: 150_000,
          }),
        );
        if (o.status === 201) {
          const report = JSON.parse(o.body) as { submission: { id: string }; stats: { records: number } };
          submissions.set(report.submission.id, report.stats.records);
          big = { status: 201, records: report.stats.records, attempts: attempt, seconds: (Date.now() - started) / 1000 };
          return;
        }
        await sleep(1000);
      }
    };
    const reader = async () => {
      let cookie = await signIn(cluster.url, suppliers[0]!);
      while (running) {
        const o = tally(await send(`${cluster.url}/validate`, { headers: { cookie } }));
        if (o.status === 200 && o.body.includes('Signed in as cluster supplier CL001')) pages.ok++;
        else if (o.status === 302) {
          // Only a lost session would send the browser back to sign in; it must not happen.
          pages.signedOut++;
          cookie = await signIn(cluster.url, suppliers[0]!);
        } else expect([0, 502, 503]).toContain(o.status);
        await sleep(50);
      }
    };

    const started = Date.now();
    const workers = [author(0), author(1), supplier(0), supplier(1), supplier(2), bigUpload(), reader()];
    await sleep(4_000);
    cluster.run('kill', '2');
    const killedAt = Date.now();
    await sleep(4_000);
    const restarting = Date.now();
    cluster.run('restart', '2');
    figures.restartSeconds = (Date.now() - restarting) / 1000;
    await sleep(4_000);
    running = false;
    await Promise.all(workers);
    figures.trafficSeconds = (Date.now() - started) / 1000;
    figures.killAfterSeconds = (killedAt - started) / 1000;

    expect(big).toMatchObject({ status: 201, records: BIG_COPIES * SAMPLE_RECORDS });
    expect(pages.signedOut).toBe(0);
    expect(pages.ok).toBeGreaterThan(10);
    expect(publishes.size).toBeGreaterThan(4);
    expect(submissions.size).toBeGreaterThan(10);

    // Every acknowledged publish once, as acknowledged; every stored version audited exactly once.
    const versions = await cluster.db.query<{ standard_id: string; version: string; content_hash: string; schema_json: string; n: string }>(
      `select v.standard_id, v.version, v.content_hash, v.schema_json,
              (select count(*) from audit_log a where a.action = 'publish' and a.standard_id = v.standard_id and a.version = v.version) as n
         from versions v where v.standard_id like 'cluster-%'`,
    );
    const stored = new Map(versions.rows.map((r) => [`${r.standard_id}@${r.version}`, r]));
    for (const [key, hash] of publishes) {
      expect(stored.get(key)?.content_hash, key).toBe(hash);
    }
    for (const row of versions.rows) {
      expect(Number(row.n), `${row.standard_id}@${row.version} audited once`).toBe(1);
      expect(() => JSON.parse(row.schema_json) as unknown).not.toThrow();
    }
    const audited = await cluster.db.query<{ n: string }>(`select count(*) as n from audit_log where action = 'publish' and standard_id like 'cluster-%'`);
    expect(Number(audited.rows[0]!.n)).toBe(versions.rows.length);
    // Stored but never acknowledged: a publish whose answer was lost with the killed replica (at most one per author).
    figures.versionsStoredNotAcknowledged = versions.rows.length - publishes.size;
    expect(versions.rows.length - publishes.size).toBeLessThanOrEqual(2);

    // Every acknowledged submission once, whole: its report parses and counts what was acknowledged.
    const ids = [...submissions.keys()];
    const rows = await cluster.db.query<{ id: string; records: number; report: string; q_overall: number | null }>(
      'select id, records, report, q_overall from submissions where id = any($1)',
      [ids],
    );
    expect(rows.rows.length).toBe(ids.length);
    for (const row of rows.rows) {
      expect(Number(row.records)).toBe(submissions.get(row.id));
      expect((JSON.parse(row.report) as { stats: { records: number } }).stats.records).toBe(submissions.get(row.id));
      expect(row.q_overall).not.toBeNull();
    }
    const all = await cluster.db.query<{ n: string; whole: string }>(
      `select count(*) as n, count(*) filter (where report like '{%}' and quality is not null) as whole from submissions`,
    );
    expect(all.rows[0]!.whole).toBe(all.rows[0]!.n);
    figures.submissionsStoredNotAcknowledged = Number(all.rows[0]!.n) - ids.length;

    Object.assign(figures, {
      requests: counts.requests,
      failedDuringKill: counts.failed,
      refused429: counts.refused,
      killsSurvived: 1,
      publishesChecked: publishes.size,
      submissionsChecked: submissions.size,
      pagesSignedIn: pages.ok,
      big,
    });
    // Replica 2 is back in HAProxy's rotation and serving.
    const back = await send(`${cluster.replicaUrl(2)}/ready`);
    expect(back.status).toBe(200);
  }, 150_000);

  it("starts every replica with the service's heap flags, and says so in its serving line", () => {
    for (const n of [1, 2, 3]) {
      expect(cluster.servingLine(n), `replica ${n}`).toMatchObject({
        v8Flags: ['--heap-growing-percent=100', ...THREAD_HEAP_FLAGS],
        semiSpaceMiB: '2',
        mallocMmapThreshold: 'glibc default',
        mallocArenaMax: '2',
      });
    }
  });

  it('keeps a web session signed in on one replica working on the others', async () => {
    const cookie = await signIn(cluster.replicaUrl(1), suppliers[1]!);
    for (const n of [2, 3, 1]) {
      const page = await send(`${cluster.replicaUrl(n)}/validate`, { headers: { cookie } });
      expect(page.status, `replica ${n}`).toBe(200);
      expect(page.body).toContain('Signed in as cluster supplier CL002');
    }
    // Signing out on replica 3 ends the session on all of them.
    const crumb = /name="crumb" value="([^"]+)"/.exec((await send(`${cluster.replicaUrl(3)}/validate`, { headers: { cookie } })).body)![1]!;
    const out = await send(`${cluster.replicaUrl(3)}/sign-out`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ crumb }).toString(),
    });
    expect(out.status).toBe(302);
    for (const n of [1, 2]) expect((await send(`${cluster.replicaUrl(n)}/validate`, { headers: { cookie } })).status).toBe(302);
  });

  it("answers a trial report's address through HAProxy (the API by token, the browser by cookie); only the replica that ran it holds it", async () => {
    // Replica 2, restarted above, back in HAProxy's rotation (2 checks of 500 ms), so the hash stays put.
    await sleep(1500);
    const trial = await send(`${cluster.url}/v1/standards/emergency-care-attendance/versions/2/trial`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suppliers[3]!}`, 'content-type': 'application/x-ndjson' },
      body: SAMPLE,
    });
    expect(trial.status).toBe(200);
    const location = trial.headers.get('location')!;
    expect(location).toMatch(/^\/v1\/trials\/[0-9a-f-]{36}$/);
    const api = { authorization: `Bearer ${suppliers[3]!}` };
    for (let i = 0; i < 4; i++) expect((await send(`${cluster.url}${location}`, { headers: api })).status, `GET ${i + 1} through HAProxy`).toBe(200);
    const direct = await Promise.all([1, 2, 3].map(async (n) => (await send(`${cluster.replicaUrl(n)}${location}`, { headers: api })).status));
    expect([...direct].sort()).toEqual([200, 404, 404]);

    // A browser: the upload's answer sets HAProxy's cookie, and the report's page follows it.
    let cookie = await signIn(cluster.url, suppliers[3]!);
    const form = await send(`${cluster.url}/validate`, { headers: { cookie } });
    cookie = `${cookie}; ${cookiesOf(form.headers)}`;
    const crumb = /name="crumb" value="([^"]+)"/.exec(form.body)![1]!;
    const upload = await send(`${cluster.url}/validate/upload?standard=emergency-care-attendance%402.0.0&name=sample.ndjson&act=trial`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': crumb, 'content-type': 'application/octet-stream' },
      body: SAMPLE,
    });
    expect(upload.status).toBe(201);
    cookie = `${cookie}; ${cookiesOf(upload.headers)}`;
    expect(cookie).toMatch(/conform_replica=r\d/);
    const page = upload.headers.get('location')!;
    expect(page).toMatch(/^\/trials\/[0-9a-f-]{36}$/);
    for (let i = 0; i < 4; i++) {
      const shown = await send(`${cluster.url}${page}`, { headers: { cookie } });
      expect(shown.status, `page ${i + 1} through HAProxy`).toBe(200);
      expect(shown.body).toContain('Trial run — not stored.');
    }
  });

  it('shows a version deprecated through one replica as deprecated on the others within 1 s', async () => {
    const version = await send(`${cluster.replicaUrl(1)}/v1/standards/cluster-1/versions/1.0.0`);
    expect(JSON.parse(version.body)).toMatchObject({ status: 'published' });
    const deprecated = await send(`${cluster.replicaUrl(1)}/v1/standards/cluster-1/versions/1.0.0/deprecate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${authors[0]!}` },
    });
    expect(deprecated.status).toBe(200);
    const at = performance.now();
    const seen: Record<number, number> = {};
    for (const n of [2, 3]) {
      for (;;) {
        const o = await send(`${cluster.replicaUrl(n)}/v1/standards/cluster-1/versions/1.0.0`);
        if ((JSON.parse(o.body) as { status: string }).status === 'deprecated') break;
        expect(performance.now() - at).toBeLessThan(1000);
      }
      seen[n] = Math.round(performance.now() - at);
    }
    figures.deprecationSeenMs = seen;
    expect(Math.max(...Object.values(seen))).toBeLessThan(1000);
    // And a submission on another replica is warned.
    const report = await send(`${cluster.replicaUrl(3)}/v1/standards/cluster-1/versions/1.0.0/validate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suppliers[2]!}`, 'content-type': 'application/x-ndjson' },
      body: '{"code":"A"}\n',
    });
    expect(report.status).toBe(201);
    expect((JSON.parse(report.body) as { warnings: string[] }).warnings[0]).toMatch(/^cluster-1 1\.0\.0 is deprecated/);
  });

  it('bounds one supplier per replica: replicas × CONFORM_MAX_VALIDATIONS_PER_SUPPLIER at once in the cluster', async () => {
    const port = Number(new URL(cluster.url).port);
    const held: net.Socket[] = [];
    const answers: Promise<string>[] = [];
    const open = () => {
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += String(d)));
      socket.on('error', () => undefined);
      answers.push(new Promise((resolve) => socket.on('close', () => resolve(received))));
      socket.write(
        `POST ${VALIDATE} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${suppliers[1]!}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000000\r\n\r\n{`,
      );
      held.push(socket);
      return socket;
    };
    // Round robin sends three uploads to three replicas: each holds the supplier's one slot.
    for (let i = 0; i < 3; i++) {
      open();
      await sleep(300);
    }
    const fourth = await send(`${cluster.url}${VALIDATE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suppliers[1]!}`, 'content-type': 'application/x-ndjson' },
      body: SAMPLE,
    });
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(fourth.body)).toMatchObject({ status: 429, detail: expect.stringMatching(/at most 1 at once/) });
    // Another supplier is not held back.
    const other = await send(`${cluster.url}${VALIDATE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suppliers[2]!}`, 'content-type': 'application/x-ndjson' },
      body: SAMPLE,
    });
    expect(other.status).toBe(201);
    for (const socket of held) socket.destroy();
    await Promise.all(answers);
    // The slots are freed when the uploads end: the supplier validates again.
    await sleep(500);
    const again = await send(`${cluster.url}${VALIDATE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suppliers[1]!}`, 'content-type': 'application/x-ndjson' },
      body: SAMPLE,
    });
    expect(again.status).toBe(201);
  });

  it('takes a replica sent SIGTERM out of rotation first, and lets its in-flight upload finish', async () => {
    // An upload to replica 3 directly, taking a few seconds (it is sent slowly), then SIGTERM to replica 3.
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (let i = 0; i < 12; i++) {
          controller.enqueue(new Uint8Array(SAMPLE));
          await sleep(250);
        }
        controller.close();
      },
    });
    const upload = send(`${cluster.replicaUrl(3)}${VALIDATE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suppliers[0]!}`, 'content-type': 'application/x-ndjson' },
      body: slow,
      duplex: 'half',
    });
    await sleep(500);
    const status = cluster.run('status');
    const pid = Number(/replica 3: pid (\d+)/.exec(status)![1]);
    process.kill(pid, 'SIGTERM');
    const at = Date.now();
    let notReadyMs = -1;
    while (Date.now() - at < 2000) {
      if ((await send(`${cluster.replicaUrl(3)}/ready`)).status === 503) {
        notReadyMs = Date.now() - at;
        break;
      }
      await sleep(20);
    }
    expect(notReadyMs).toBeGreaterThanOrEqual(0);
    // Meanwhile requests through HAProxy keep being answered, by replica 3 until HAProxy takes it out.
    const during: number[] = [];
    while (Date.now() - at < 3500) {
      during.push((await send(`${cluster.url}/v1/standards/cluster-1`)).status);
      await sleep(50);
    }
    const done = await upload;
    expect(done.status).toBe(201);
    expect((JSON.parse(done.body) as { stats: { records: number } }).stats.records).toBe(12 * SAMPLE_RECORDS);
    figures.sigterm = { notReadyMs, requestsDuringDrain: during.length, failedDuringDrain: during.filter((s) => s !== 200).length };
    expect(during.filter((s) => s !== 200)).toEqual([]);
    // The replica exits by itself once its upload is answered.
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        break;
      }
      await sleep(100);
    }
    expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
