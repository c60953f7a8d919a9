/**
 * The first admin token of `conform serve` on an empty store goes to `<data dir>/first-admin-token`
 * (mode 0600, created exclusively), never to the output a container collects into its log store: it was
 * printed to standard error, whatever that was. The terminal shows it only when the output is one; the
 * notice always says where the file is and how to delete it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServe } from '../cluster/process.js';
import { firstAdminNotice, keepFirstAdminToken } from '../../src/cli/first-admin-token.js';

const dir = mkdtempSync(join(tmpdir(), 'conform-first-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'cfm_testtokentesttokentesttoken12';

describe('conform serve on an empty store', () => {
  it('writes the token to a file only its owner reads, and prints it to no piped output or log line', async () => {
    const data = join(dir, 'serve');
    const env = { CONFORM_DATA_DIR: data, PORT: '0', CONFORM_SHUTDOWN_DRAIN_SECONDS: '0', LOG_LEVEL: 'debug' };
    const serve = await startServe(env);
    let out: string;
    try {
      // The notice is written just after the 'serving' line.
      for (let i = 0; i < 100 && !serve.stderr().includes('conform tokens create'); i++) await new Promise((r) => setTimeout(r, 50));
      const file = join(data, 'first-admin-token');
      const token = readFileSync(file, 'utf8').trim();
      expect(token).toMatch(/^cfm_/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // The token works: the audit log is an admin's.
      const audit = await fetch(`http://127.0.0.1:${serve.port}/v1/audit?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      expect(audit.status).toBe(200);
      out = serve.stderr();
      expect(out).toContain(`It is in ${file} (readable by this user only)`);
      expect(out).toContain(`  rm ${file}`);
      expect(out).toContain('It is not shown here, as this output is not a terminal');
      expect(out).not.toContain(token);
      expect(JSON.stringify(serve.lines())).not.toContain(token);
      expect(JSON.stringify(serve.lines())).not.toContain('cfm_');
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    // A second start has tokens: no new one, no notice, the file as it was.
    const again = await startServe(env);
    try {
      expect(again.stderr()).not.toContain('admin token');
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 60_000);
});

describe('keepFirstAdminToken', () => {
  it('creates the data folder and the file, mode 0600', () => {
    const data = join(dir, 'new', 'folder');
    expect(keepFirstAdminToken(TOKEN, data, '/')).toEqual({ file: join(data, 'first-admin-token') });
    expect(readFileSync(join(data, 'first-admin-token'), 'utf8')).toBe(`${TOKEN}\n`);
    expect(statSync(join(data, 'first-admin-token')).mode & 0o777).toBe(0o600);
  });

  it('never overwrites a file there, nor follows a link there', () => {
    const data = join(dir, 'taken');
    keepFirstAdminToken('cfm_old', data, '/');
    const kept = keepFirstAdminToken(TOKEN, data, '/');
    expect(kept).toEqual({ notWritten: `${join(data, 'first-admin-token')} already exists (left from an earlier first start?); it was not overwritten` });
    expect(readFileSync(join(data, 'first-admin-token'), 'utf8')).toBe('cfm_old\n');
    const linked = join(dir, 'linked');
    keepFirstAdminToken('cfm_x', linked, '/');
    rmSync(join(linked, 'first-admin-token'));
    symlinkSync(join(dir, 'elsewhere'), join(linked, 'first-admin-token'));
    expect(keepFirstAdminToken(TOKEN, linked, '/')).toHaveProperty('notWritten');
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });

  it('resolves a relative data folder against the working folder, and writes nothing for an in-memory store', () => {
    expect(keepFirstAdminToken(TOKEN, 'rel', dir)).toEqual({ file: join(dir, 'rel', 'first-admin-token') });
    expect(keepFirstAdminToken(TOKEN, ':memory:', dir)).toEqual({
      notWritten: 'the store is in memory (CONFORM_DATA_DIR=:memory:), so there is no data folder to write it to',
    });
  });
});

describe('firstAdminNotice', () => {
  const file = '/data/first-admin-token';
  it('shows the token on a terminal only, and always where the file is and how to delete it', () => {
    const terminal = firstAdminNotice(TOKEN, { file }, true);
    expect(terminal).toContain(`\n  ${TOKEN}\n`);
    expect(terminal).toContain(`It is also in ${file} (readable by this user only)`);
    const piped = firstAdminNotice(TOKEN, { file }, false);
    expect(piped).not.toContain(TOKEN);
    expect(piped).toContain(`  cat ${file}\n`);
    expect(piped).toContain(`  rm ${file}\n`);
    // A fresh clone has no conform on the PATH: the notice says how to run it there, and that a supplier
    // code (DPSREDUCED) is an organisation too.
    expect(piped).toContain('--organisation <ODS or supplier code>');
    expect(piped).toContain('(in a clone of the repository, where conform is not installed: npm run conform -- tokens create …)');
  });

  it('says how to make an admin token when none was written and the output is not a terminal', () => {
    const piped = firstAdminNotice(TOKEN, { notWritten: 'why' }, false);
    expect(piped).not.toContain(TOKEN);
    expect(piped).toContain('It was not written to a file: why.');
    expect(piped).toContain('conform tokens create --role admin --name <name>');
  });
});
