/**
 * The cluster under test: scripts/cluster.sh starts PostgreSQL (already running in CI), three
 * `conform serve` replicas and HAProxy on free loopback ports, over a fresh PostgreSQL schema that
 * this module drops afterwards. Whether the test can run here, and why not, is decided once.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { BIN } from './process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/cluster.sh');

const haproxy = (() => {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Why the cluster test cannot run here, or undefined when it can (and must, with CONFORM_CLUSTER_TEST=1). */
export const skipReason: string | undefined = (() => {
  const flag = process.env.CONFORM_CLUSTER_TEST;
  if (flag === '0') return 'CONFORM_CLUSTER_TEST=0';
  const missing = [
    ...(haproxy ? [] : ['haproxy (bash scripts/install-haproxy.sh)']),
    ...(process.env.TEST_DATABASE_URL ? [] : ['TEST_DATABASE_URL (PostgreSQL)']),
  ];
  if (missing.length === 0) return undefined;
  if (flag === '1' || process.env.CI) throw new Error(`the cluster test must run (CONFORM_CLUSTER_TEST=1 or CI) but ${missing.join(' and ')} is missing`);
  return `needs ${missing.join(' and ')}; .ci/run provides both`;
})();

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port whose HAProxy, replica and metrics ports (base, +1..+3, +11..+13) are all free. */
async function freeBase(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const base = 20_000 + Math.floor(Math.random() * 400) * 100;
    const ports = [base, base + 1, base + 2, base + 3, base + 11, base + 12, base + 13];
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free ports for the cluster');
}

export interface Cluster {
  url: string;
  replicaUrl(n: number): string;
  metricsUrl(n: number): string;
  admin: string;
  /** Issues a token with the CLI against the cluster's store. */
  token(role: 'author' | 'supplier', name: string, organisation?: string): string;
  /** Runs `scripts/cluster.sh <args>`. */
  run(...args: string[]): string;
  /** Replica n's latest 'conform is serving' log line, parsed. */
  servingLine(n: number): Record<string, unknown> | undefined;
  /** The cluster's database, for checking what was stored. */
  db: pg.Client;
  stop(): Promise<void>;
}

export async function startCluster(replicaEnv: string): Promise<Cluster> {
  const base = await freeBase();
  const dir = mkdtempSync(join(tmpdir(), 'conform-cluster-'));
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `cluster_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.query(`set search_path = ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const env = {
    ...process.env,
    CONFORM_CLUSTER_DIR: dir,
    CONFORM_CLUSTER_PORT: String(base),
    DATABASE_URL: scoped.toString(),
    CONFORM_CLUSTER_REPLICA_ENV: replicaEnv,
  };
  const run = (...args: string[]): string => execFileSync('bash', [SCRIPT, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    run('start');
  } catch (error) {
    try {
      run('stop');
    } catch {
      // reported below
    }
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
    throw error;
  }
  const clusterEnv = readFileSync(join(dir, 'cluster.env'), 'utf8');
  const adminToken = /^ADMIN_TOKEN='([^']+)'$/m.exec(clusterEnv)?.[1];
  if (!adminToken) throw new Error('the cluster made no admin token');
  return {
    url: `http://127.0.0.1:${base}`,
    replicaUrl: (n) => `http://127.0.0.1:${base + n}`,
    metricsUrl: (n) => `http://127.0.0.1:${base + 10 + n}/metrics`,
    admin: adminToken,
    token(role, name, organisation) {
      const out = execFileSync(
        process.execPath,
        [BIN, 'tokens', 'create', '--role', role, '--name', name, ...(organisation ? ['--organisation', organisation] : []), '--json'],
        { env: { ...process.env, DATABASE_URL: scoped.toString() }, encoding: 'utf8' },
      );
      return (JSON.parse(out) as { token: string }).token;
    },
    run,
    servingLine: (n) =>
      readFileSync(join(dir, `replica-${n}.log`), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .findLast((line) => line.msg === 'conform is serving'),
    db: admin,
    async stop() {
      try {
        run('stop');
      } finally {
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
    },
  };
}
