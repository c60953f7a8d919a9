/**
 * `conform backup <file>`: an online copy of a live SQLite store (standards, submissions, tokens) that a
 * new app serves from with the same content; a refusal on PostgreSQL naming pg_dump; never overwriting.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp } from '../support/test-app.js';
import { backupCommand } from '../../src/cli/backup-command.js';
import { loadConfig } from '../../src/config.js';
import { main } from '../../src/cli/main.js';
import { HealthService } from '../../src/services/health.js';
import { DomainError } from '../../src/services/errors.js';
import type { Store } from '../../src/store/types.js';
import { captureIo } from '../support/cli-io.js';

const root = mkdtempSync(join(tmpdir(), 'conform-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: { code: { type: 'string', maxLength: 10 } },
});

describe('conform backup', () => {
  it('copies a live store that a new app serves with the same standards, submissions and tokens', async () => {
    const live = join(root, 'live');
    const t = await startTestApp({ CONFORM_DATA_DIR: live });
    let backupFile: string;
    let submissionId: string;
    let standardBefore: string;
    let submissionBefore: string;
    try {
      const published = await t.call({
        method: 'PUT',
        url: '/v1/standards/backup-codes/versions/1.0.0',
        headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
        payload: SCHEMA,
      });
      expect(published.statusCode).toBe(201);
      const submitted = await t.call({
        method: 'POST',
        url: '/v1/standards/backup-codes/versions/1.0.0/validate',
        headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
        payload: '{"code":"A1"}\n{"code":"far too long a code"}\n',
      });
      expect(submitted.statusCode).toBe(201);
      submissionId = (JSON.parse(submitted.payload) as { submission: { id: string } }).submission.id;
      standardBefore = (await t.call({ method: 'GET', url: '/v1/standards/backup-codes/versions/1.0.0' })).payload;
      submissionBefore = (await t.call({ method: 'GET', url: `/v1/submissions/${submissionId}`, headers: bearer(t.tokens.supplier) })).payload;

      // The backup is taken while the app keeps the store open (and serving).
      backupFile = join(root, 'conform-backup.sqlite');
      const io = captureIo(root);
      expect(await backupCommand({ file: backupFile }, io.io, loadConfig({ CONFORM_DATA_DIR: live }))).toBe(0);
      expect(io.out()).toMatch(/^backed up the SQLite store to .*conform-backup\.sqlite \([\d,]+ bytes\)\n$/);
      expect((await t.call({ method: 'GET', url: '/v1/standards/backup-codes' })).statusCode).toBe(200);
    } finally {
      await t.stop();
    }

    const restored = join(root, 'restored');
    mkdirSync(restored);
    copyFileSync(backupFile, join(restored, 'conform.sqlite'));
    const r = await startTestApp({ CONFORM_DATA_DIR: restored });
    try {
      // The same standard, byte for byte, and the same stored report, read with the same supplier token.
      expect((await r.call({ method: 'GET', url: '/v1/standards/backup-codes/versions/1.0.0' })).payload).toBe(standardBefore);
      const report = await r.call({ method: 'GET', url: `/v1/submissions/${submissionId}`, headers: bearer(t.tokens.supplier) });
      expect(report.statusCode).toBe(200);
      expect(report.payload).toBe(submissionBefore);
      // The old tokens still work: the admin's reads the audit, which holds the publish.
      const audit = await r.call({ method: 'GET', url: '/v1/audit', headers: bearer(t.tokens.admin) });
      expect(audit.statusCode).toBe(200);
      expect(JSON.parse(audit.payload)).toMatchObject({
        entries: expect.arrayContaining([expect.objectContaining({ action: 'publish', standardId: 'backup-codes', version: '1.0.0' })]),
      });
      const authorRead = await r.call({ method: 'GET', url: '/v1/submissions', headers: bearer(t.tokens.author) });
      expect(JSON.parse(authorRead.payload)).toMatchObject({
        submissions: [expect.objectContaining({ id: submissionId, organisation: '8KR01', valid: false })],
      });
    } finally {
      await r.stop();
    }
  });

  it('never overwrites a file', async () => {
    const dir = join(root, 'overwrite');
    const config = loadConfig({ CONFORM_DATA_DIR: dir });
    const file = join(root, 'once.sqlite');
    expect(await backupCommand({ file }, captureIo(root).io, config)).toBe(0);
    await expect(backupCommand({ file }, captureIo(root).io, config)).rejects.toThrow(/already exists; a backup never overwrites a file/);
  });

  // SQLite's "Cannot save backup because the directory does not exist" named no path; a folder was "already exists".
  it('names a folder that does not exist, a file in the way, or a folder given as the file', async () => {
    const refusal = async (file: string) => {
      const io = captureIo(root);
      const saved = process.env.CONFORM_DATA_DIR;
      process.env.CONFORM_DATA_DIR = join(root, 'where');
      try {
        const code = await main(['backup', file], io.io);
        return { code, err: io.err() };
      } finally {
        if (saved === undefined) delete process.env.CONFORM_DATA_DIR;
        else process.env.CONFORM_DATA_DIR = saved;
      }
    };
    writeFileSync(join(root, 'a-file'), 'x');
    expect(await refusal('nowhere/copy.sqlite')).toEqual({
      code: 2,
      err: `conform: ${join(root, 'nowhere')} does not exist; create the folder first, or give a file in another\n`,
    });
    expect(await refusal('a-file/copy.sqlite')).toEqual({
      code: 2,
      err: `conform: ${join(root, 'a-file')} is a file, not a folder; create the folder first, or give a file in another\n`,
    });
    expect(await refusal('.')).toEqual({ code: 2, err: `conform: ${root} is a folder; give the name of a new file in it\n` });
  });

  // SQLite's "unable to open database file (SQLITE_CANTOPEN)" named neither the file nor the reason.
  it('a place that cannot be written to: names the file and why, in one line', async () => {
    const io = captureIo(root);
    const saved = process.env.CONFORM_DATA_DIR;
    process.env.CONFORM_DATA_DIR = join(root, 'where');
    try {
      expect(await main(['backup', '/sys/copy.sqlite'], io.io)).toBe(2);
      expect(await main(['backup', '/proc/copy.sqlite'], io.io)).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.CONFORM_DATA_DIR;
      else process.env.CONFORM_DATA_DIR = saved;
    }
    expect(io.err()).toBe(
      'conform: cannot write /sys/copy.sqlite: permission denied\nconform: cannot write /proc/copy.sqlite: no file can be made in that folder\n',
    );
  });

  it("a copy that fails part-way leaves no file by the destination's name, and no partial file", async () => {
    const dir = join(root, 'part-way');
    mkdirSync(dir);
    const failing = {
      kind: 'sqlite',
      backup: async (path: string) => {
        writeFileSync(path, 'the first pages');
        await Promise.resolve();
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
    } as unknown as Store;
    await expect(new HealthService(failing).backup(join(dir, 'copy.sqlite'))).rejects.toThrow('database or disk is full');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('Ctrl-C part-way through the copy: exit 130, one line, and neither the file nor a partial copy left', { timeout: 60_000 }, async () => {
    const dataDir = join(root, 'interrupted');
    const config = loadConfig({ CONFORM_DATA_DIR: dataDir });
    expect(await backupCommand({ file: join(root, 'made.sqlite') }, captureIo(root).io, config)).toBe(0);
    // A store large enough that its copy is still being written when the signal comes.
    const db = new Database(join(dataDir, 'conform.sqlite'));
    db.exec('CREATE TABLE filler (b BLOB)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 300; i++) insert.run(Buffer.alloc(1 << 20, i));
    })();
    db.close();
    const out = join(root, 'stopped');
    mkdirSync(out);
    const child = spawn(process.execPath, [join(process.cwd(), 'bin/conform.js'), 'backup', join(out, 'copy.sqlite')], {
      env: { ...process.env, CONFORM_DATA_DIR: dataDir },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    for (let waited = 0; !readdirSync(out).some((f) => f.includes('partial')); waited += 10) {
      if (waited > 30_000) throw new Error('no copy was started in 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(err).toBe(`conform: the backup was stopped (SIGINT); nothing was written to ${join(out, 'copy.sqlite')}\n`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses PostgreSQL, pointing to pg_dump', async () => {
    const postgres = { kind: 'postgres', backup: undefined } as unknown as Store;
    const refusal = await new HealthService(postgres).backup(join(root, 'pg.sqlite')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/postgres store is not backed up by conform; use pg_dump/) });
    expect(existsSync(join(root, 'pg.sqlite'))).toBe(false);
  });

  it('is a command: usage and the refusal are one line with exit code 2', async () => {
    const io = captureIo(root);
    expect(await main(['backup'], io.io)).toBe(2);
    expect(io.err()).toBe('conform: backup needs the file to write: conform backup <file>\n');
    const pg = captureIo(root);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
    try {
      if (process.env.TEST_DATABASE_URL) {
        expect(await main(['backup', join(root, 'pg-cli.sqlite')], pg.io)).toBe(2);
        expect(pg.err()).toMatch(/^conform: the postgres store is not backed up by conform; use pg_dump .*\n$/);
      }
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    const help = captureIo(root);
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.out()).toMatch(/^ {2}backup \[file\] +copy the SQLite store to a new file, online$/m);
  });
});
