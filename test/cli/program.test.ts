/** The command line itself: --version, help per command, "did you mean", usage errors (exit 2, one line), completion scripts. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

const run = promisify(execFile);
const capture = () => captureIo(tmpdir());
const COMMANDS = ['validate', 'standards', 'template', 'check', 'serve', 'tokens', 'types', 'publish', 'completion'];

async function cli(argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('conform --version and --help', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r).toEqual({ code: 0, out: `${version}\n`, err: '' });
    }
  });

  it('lists every command in the global help, with the environment and exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const command of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(r.out).toContain('CONFORM_TOKEN');
    expect(r.out).toContain('Exit codes: 0 valid or done, 1 invalid data or a failed check, 2 bad usage');
  });

  it.each([
    ['validate', ['--output <format>', '--fail-on <level>', '--min-score', '--token-file <path>', '--period <id>', '$ conform validate attendances.csv']],
    ['standards', ['[standard]', '$ conform standards patient-demographics']],
    ['template', ['--out <file>', '$ conform template emergency-care-attendance --out attendances.csv']],
    ['publish', ['--version <version>', '--token-file <path>', '$ conform publish appointment.yaml']],
    ['types', ['--check', '$ conform types --all --out generated --check']],
    ['tokens', ['create [options]', '$ conform tokens list']],
    ['completion', ['$ source <(conform completion bash)']],
  ])('gives %s its own help with examples', async (command, expected) => {
    for (const argv of [
      [command, '--help'],
      ['help', command],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: conform ${command} `));
      for (const text of expected) expect(r.out).toContain(text);
      expect(r.out).toContain('Examples:');
    }
  });

  // It said "the reporting period the submission is for", leaving a supplier to guess how to write one.
  it("gives validate --period's forms in its help, as the refusal of a wrong one does", async () => {
    const help = (await cli(['validate', '--help'])).out.replace(/\s+/g, ' ');
    for (const form of ['2026-11', '2026-Q3', '2026-27', '2026-27-Q1', '2026-04-01/2026-06-30']) expect(help).toContain(`(${form})`);
  });

  it('shows the help on standard error and exits 2 when no command is given', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: conform <command> [options]');
  });
});

describe('usage errors', () => {
  it.each([
    [['valdate', 'x.csv'], "conform: unknown command 'valdate' (did you mean validate?)"],
    // `help` of a command that does not exist printed the global help (on stderr) and no word of the mistake
    [['help', 'valdate'], "conform: unknown command 'valdate' (did you mean validate?)"],
    [['help', 'nope'], "conform: unknown command 'nope'"],
    [['standrds'], "conform: unknown command 'standrds' (did you mean standards?)"],
    [['validate', 'x.csv', '--jsn'], "conform: unknown option '--jsn' (did you mean --json?)"],
    [['validate', 'x.csv', '--standrd', 'a'], "conform: unknown option '--standrd' (did you mean --standard?)"],
    [['tokens', 'lst'], "conform: unknown command 'lst' (did you mean list?)"],
    [
      ['validate', 'x.csv', '--output', 'xml'],
      "conform: option '--output <format>' argument 'xml' is invalid. Allowed choices are text, json, junit, sarif, ack, ack-json, infack.",
    ],
    [['validate', 'x.csv', '--fail-on', 'some'], "argument 'some' is invalid. Allowed choices are any, error, none."],
    [['validate', 'a.csv', 'b.csv'], "conform: too many arguments for 'validate'. Expected 1 argument but got 2."],
    [['validate', 'x.csv', '--standard'], "conform: option '-s, --standard <id[@version]>' argument missing"],
    [['completion', 'fish'], "conform: command-argument value 'fish' is invalid for argument 'shell'. Allowed choices are bash, zsh."],
    [['--bogus'], "conform: unknown option '--bogus'"],
  ])('exits 2 with one clear line: %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('keeps a command-line error one line from the installed command too', async () => {
    const error = await run('node', [join(process.cwd(), 'bin/conform.js'), 'valdate']).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2, stderr: "conform: unknown command 'valdate' (did you mean validate?)\n" });
  });
});

describe('conform completion', () => {
  it('prints a bash script naming every command and option, which bash accepts', async () => {
    const r = await cli(['completion', 'bash']);
    expect(r.code).toBe(0);
    for (const command of COMMANDS) expect(r.out).toContain(command);
    expect(r.out).toContain('"validate") words="--standard -s --format -f --output --json --fail-on');
    expect(r.out).toContain('"tokens create") words="--role --name --organisation --json');
    expect(r.out).toContain('complete -o default -F _conform conform');
    await expect(run('bash', ['-n', '-c', r.out])).resolves.toMatchObject({ stderr: '' });
    // Completing `conform val` offers validate.
    const { stdout } = await run('bash', ['-c', `${r.out}\nCOMP_WORDS=(conform val); COMP_CWORD=1; _conform; echo "\${COMPREPLY[@]}"`]);
    expect(stdout.trim()).toBe('validate');
    const options = await run('bash', ['-c', `${r.out}\nCOMP_WORDS=(conform validate x.csv --fail); COMP_CWORD=3; _conform; echo "\${COMPREPLY[@]}"`]);
    expect(options.stdout.trim()).toBe('--fail-on');
    const choices = await run('bash', ['-c', `${r.out}\nCOMP_WORDS=(conform validate x.csv --output j); COMP_CWORD=4; _conform; echo "\${COMPREPLY[@]}"`]);
    expect(choices.stdout.trim()).toBe('json junit');
  });

  it('prints a zsh script with every command described and compdef for conform', async () => {
    const r = await cli(['completion', 'zsh']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('#compdef conform\n')).toBe(true);
    expect(r.out).toContain("'validate:validate a JSON, NDJSON or CSV file plain or gzip'");
    expect(r.out).toContain("'--output[the report on standard output]:output:(text json junit sarif ack ack-json infack)'");
    expect(r.out).toContain('\'1:command:((create\\:"creates a token and prints it, once" list\\:');
    const zsh = await run('zsh', ['--version']).catch(() => undefined);
    if (zsh) await expect(run('zsh', ['-n', '-c', r.out])).resolves.toMatchObject({ stderr: '' });
  });
});

describe('the README', () => {
  it('shows the global help exactly as conform --help prints it', async () => {
    const readme = await readFile('README.md', 'utf8');
    const shown = /```text\n\$ conform --help\n([\s\S]*?)```/.exec(readme)?.[1];
    const c = captureIo(tmpdir());
    await main(['--help'], { ...c.io, stdout: Object.assign(c.io.stdout, { columns: 100 }) });
    expect(shown?.trimEnd()).toBe(c.out().trimEnd());
  });
});
