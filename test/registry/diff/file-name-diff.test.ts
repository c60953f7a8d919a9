/**
 * The diff's judgement of `x-file-name` changes: the messages, the bundled immunisation batch file's 7.0.0
 * → 8.0.0 (a widening, so a MINOR would have done), and a property test holding the verdict to the
 * engine's own acceptance (checkFileName) of generated names: a change the diff lets through as a MINOR
 * never refuses a name the old convention accepted, and one it calls a narrowing never accepts a name the
 * old convention refused.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { requiredBump } from '../../../src/registry/diff/compatibility.js';
import { checkFileName, type FileNamePart, type FileNameRule } from '../../../src/validation/file-name.js';
import { loadLibrary } from '../../../src/registry/library.js';
import { bundledStandardsDir } from '../../../src/registry/bundled.js';
import { sharedDocuments, standardEvolution } from '../../../src/registry/diff/evolution.js';
import type { Change } from '../../../src/registry/diff/types.js';
import { convention } from './cases-extensions.js';

const record = (rule: unknown): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  properties: { a: { type: 'string' } },
  'x-file-name': rule,
});

function diff(before: unknown, after: unknown): Change[] {
  const shared = new Map<string, unknown>();
  return diffSchemas(
    { schema: record(before), id: 'https://conform.invalid/standards/t/1.0.0', shared },
    { schema: record(after), id: 'https://conform.invalid/standards/t/2.0.0', shared },
  );
}

const ods = (extra: Record<string, unknown>): Record<string, unknown> => convention({ minLength: 3, characters: 'letters-and-digits', ...extra });

describe('x-file-name changes, part by part', () => {
  it('a longer code allowed is a widening (MINOR), saying which part and what changed', () => {
    const changes = diff(ods({ maxLength: 5 }), ods({ maxLength: 10 }));
    expect(changes).toEqual([
      {
        kind: 'file-name-widened',
        path: '',
        breaksSuppliers: false,
        breaksConsumers: true,
        explanation:
          "file name part 3 'ods': maxLength 5 → 10: accepts every name the old convention accepted, and more (widening): every file name the old version accepted is still accepted; a new one may fall outside the old version",
        before: { name: 'ods', minLength: 3, characters: 'letters-and-digits', maxLength: 5 },
        after: { name: 'ods', minLength: 3, characters: 'letters-and-digits', maxLength: 10 },
      },
    ]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('minor');
  });

  it('a shorter limit is a narrowing (MAJOR), saying which names it refuses', () => {
    const changes = diff(ods({ maxLength: 10 }), ods({ maxLength: 5 }));
    expect(changes.map((c) => [c.kind, c.breaksSuppliers, c.breaksConsumers, c.explanation])).toEqual([
      [
        'file-name-narrowed',
        true,
        false,
        "file name part 3 'ods': maxLength 10 → 5: refuses values of more than 5 characters (narrowing): a file name the old version accepted may now be refused",
      ],
    ]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('major');
  });

  it('a value dropped from a list names the value; one added is a widening', () => {
    const vacc = (values: string[]) => ({
      ...ods({ maxLength: 8 }),
      parts: [{ name: 'vaccineType', values }, ...(ods({ maxLength: 8 }).parts as unknown[]).slice(1)],
    });
    expect(diff(vacc(['FLU', 'COVID']), vacc(['FLU'])).map((c) => c.explanation)).toEqual([
      "file name part 1 'vaccineType': values COVID removed: refuses COVID (narrowing): a file name the old version accepted may now be refused",
    ]);
    expect(diff(vacc(['FLU']), vacc(['FLU', 'RSV'])).map((c) => c.kind)).toEqual(['file-name-widened']);
    // A listed value no upper-cased name can carry is refused by neither.
    expect(diff(vacc(['FLU', 'flu']), vacc(['FLU'])).map((c) => [c.kind, c.breaksSuppliers])).toEqual([['annotation-changed', false]]);
  });

  it('an extension dropped, or one more part demanded, is a narrowing; an extension added, or extra parts allowed, a widening', () => {
    const base = ods({ maxLength: 8 });
    expect(diff({ ...base, extensions: ['CSV', 'DAT'] }, base).map((c) => c.explanation)).toEqual([
      'file name extensions: .CSV, .DAT → .CSV: refuses names ending .DAT (narrowing): a file name the old version accepted may now be refused',
    ]);
    expect(diff(base, { ...base, extensions: ['CSV', 'DAT'] }).map((c) => c.kind)).toEqual(['file-name-widened']);
    expect(diff(base, { ...base, extraParts: true }).map((c) => [c.kind, c.explanation])).toEqual([
      [
        'file-name-widened',
        'file name: 4 parts → at least 4 parts: accepts every name the old convention accepted, and more (widening): every file name the old version accepted is still accepted; a new one may fall outside the old version',
      ],
    ]);
    const more = { ...base, parts: [...(base.parts as unknown[]), { name: 'suffix', values: ['X'] }] };
    expect(diff(base, more).map((c) => c.explanation)).toEqual([
      "file name: 4 parts → 5 parts ('suffix' added): refuses names of 4 parts, and accepts names the old convention refused: a file name the old version accepted may now be refused, and one the new version accepts may fall outside the old",
    ]);
  });

  it('stays conservative when it cannot prove a widening, and says why', () => {
    // A compact date-time of any length checked on its first 15 characters: a 10-character date (2024-06-10) is not one.
    const before = {
      ...ods({ maxLength: 8 }),
      parts: [...(ods({ maxLength: 8 }).parts as unknown[]).slice(0, 3), { name: 'timestamp', format: 'compact-date-time' }],
    };
    const after = { ...before, parts: [...before.parts.slice(0, 3), { name: 'timestamp', format: 'compact-date-time', formatPrefix: 15 }] };
    const [change] = diff(before, after);
    expect(change).toMatchObject({ kind: 'file-name-changed', undecidable: true, breaksSuppliers: true, breaksConsumers: true });
    expect(change!.explanation).toBe(
      "file name part 4 'timestamp': formatPrefix 15 added: refuses values of fewer than 15 characters; may refuse values whose first 15 characters are not compact-date-time (the diff cannot tell that a compact-date-time value of 16 characters begins with one); the diff cannot prove it accepts every name the old convention accepted: the rules cannot decide, so it counts as breaking both ways",
    );
    const separator = diff(before, { ...before, separator: '-' });
    expect(separator).toMatchObject([{ kind: 'file-name-changed', undecidable: true }]);
    expect(separator[0]!.explanation).toMatch(/^file name convention: its separator "_" → "-"; the diff cannot compare names split or cased differently/);
  });

  it('the same names in other words is no change to what is valid (a PATCH)', () => {
    // ODS codes are 3 to 8 upper-case letters and digits, so a maxLength of 8 beside the format changes nothing.
    const changes = diff(convention({ format: 'ods-code' }), convention({ format: 'ods-code', maxLength: 8 }));
    expect(changes.map((c) => c.kind)).toEqual(['annotation-changed']);
    expect(requiredBump(changes, 'BACKWARD')).toBe('patch');
  });
});

describe('the bundled immunisation batch file', () => {
  it('7.0.0 → 8.0.0 only widened its file-name convention: a MINOR would have done', async () => {
    const lib = await loadLibrary(bundledStandardsDir());
    const standard = lib.standards.get('immunisation-batch')!;
    const v = (x: string) => standard.versions.find((y) => y.version === x)!;
    const changes = standardEvolution(standard, sharedDocuments(lib)).between(v('7.0.0'), v('8.0.0')).changes;
    expect(changes.filter((c) => c.kind !== 'annotation-changed').map((c) => c.explanation.split(':')[0])).toEqual([
      "file name part 4 'ODS code'",
      "file name part 5 'timestamp'",
    ]);
    expect(changes.filter((c) => c.kind !== 'annotation-changed').map((c) => c.kind)).toEqual(['file-name-widened', 'file-name-widened']);
    expect(requiredBump(changes, 'BACKWARD')).toBe('minor');
    const rule = (x: string) => (v(x).schema as { 'x-file-name': FileNameRule })['x-file-name'];
    for (const name of ['FLU_Vaccinations_v5_B86001_20240610T18332500.csv', 'COVID_Vaccinations_V5_RH8_20240610T18332501.dat'])
      expect([checkFileName(rule('7.0.0'), name).ok, checkFileName(rule('8.0.0'), name).ok]).toEqual([true, true]);
    expect(checkFileName(rule('8.0.0'), 'FLU_Vaccinations_v5_DPSREDUCED_20240610T183325.csv').ok).toBe(true);
  });

  it('8.0.0 → 9.0.0 narrowed the timestamp to 17 characters: a MAJOR, naming the part', async () => {
    const lib = await loadLibrary(bundledStandardsDir());
    const standard = lib.standards.get('immunisation-batch')!;
    const v = (x: string) => standard.versions.find((y) => y.version === x)!;
    const changes = standardEvolution(standard, sharedDocuments(lib))
      .between(v('8.0.0'), v('9.0.0'))
      .changes.filter((c) => c.kind !== 'annotation-changed');
    expect(changes.map((c) => c.explanation.split(':')[0])).toEqual(["file name part 5 'timestamp'"]);
    expect(changes[0]!.breaksSuppliers).toBe(true);
    expect(requiredBump(changes, 'BACKWARD')).toBe('major');
    const rule = (x: string) => (v(x).schema as { 'x-file-name': FileNameRule })['x-file-name'];
    for (const name of ['FLU_Vaccinations_v5_DPSREDUCED_20240610T183325.csv', 'FLU_Vaccinations_v5_B86001_20240610T18332509.csv'])
      expect([checkFileName(rule('8.0.0'), name).ok, checkFileName(rule('9.0.0'), name).ok]).toEqual([true, false]);
    expect(checkFileName(rule('9.0.0'), 'FLU_Vaccinations_v5_B86001_20240610T18332501.csv').ok).toBe(true);
  });
});

/** A small deterministic random source (tests must not be flaky). */
function randomSource(seed: number): { int: (n: number) => number; pick: <T>(list: readonly T[]) => T; maybe: (p?: number) => boolean } {
  let s = seed;
  const int = (n: number): number => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return s % n;
  };
  return { int, pick: (list) => list[int(list.length)]!, maybe: (p = 0.5) => int(1000) < p * 1000 };
}

type Random = ReturnType<typeof randomSource>;

const FORMATS = [
  'ods-code',
  'ods-code',
  'ods-code',
  'compact-date-time',
  'compact-date-time',
  'ods-trust',
  'ods-site',
  'ods-gp-practice',
  'compact-date-time',
  'compact-date',
  'nhs-number',
] as const;
const VALUES = ['FLU', 'COVID', 'RSV', 'flu', 'B86001', 'RH8', 'V5', 'X_Y', '8J1100001', 'DPSREDUCED'];

function randomPart(r: Random, name: string): FileNamePart {
  const part: FileNamePart = { name };
  if (r.maybe(0.25))
    part.values = VALUES.filter(() => r.maybe(0.4))
      .slice(0, 5)
      .concat(r.pick(VALUES))
      .filter((v, i, all) => all.indexOf(v) === i);
  if (r.maybe(0.2)) part.length = r.pick([3, 5, 6, 8, 10, 15, 17]);
  if (r.maybe(0.4)) part.minLength = 1 + r.int(6);
  if (r.maybe(0.4)) part.maxLength = 3 + r.int(15);
  if (r.maybe(0.4)) part.characters = r.pick(['digits', 'letters-and-digits'] as const);
  if (r.maybe(0.4)) {
    part.format = r.pick(FORMATS);
    if (r.maybe(0.4)) part.formatPrefix = r.pick([8, 10, 15]);
  }
  return part;
}

/** One keyword of one part changed, or the extensions, the count of parts or extraParts. */
function mutate(r: Random, rule: FileNameRule): FileNameRule {
  const next: FileNameRule = { ...rule, parts: rule.parts.map((p) => ({ ...p })), extensions: [...rule.extensions] };
  for (let k = 1 + r.int(2); k > 0; k--) {
    const what = r.int(10);
    const part = next.parts[r.int(next.parts.length)]!;
    const fresh = randomPart(r, part.name);
    if (what === 0) next.extensions = r.maybe() ? [...next.extensions, 'DAT'].filter((e, i, a) => a.indexOf(e) === i) : ['CSV'];
    else if (what === 1) next.extraParts = !next.extraParts;
    else if (what === 2 && next.parts.length > 1) next.parts.pop();
    else if (what === 3) next.parts.push(randomPart(r, `p${next.parts.length + 1}`));
    else if (what === 4) next.parts[next.parts.indexOf(part)] = fresh;
    else {
      const key = r.pick(['values', 'length', 'minLength', 'maxLength', 'characters', 'format', 'formatPrefix'] as const);
      if (fresh[key] === undefined || r.maybe(0.3)) delete part[key];
      else (part as unknown as Record<string, unknown>)[key] = fresh[key];
      if (part.formatPrefix !== undefined && part.format === undefined) delete part.formatPrefix;
    }
  }
  return next;
}

function randomRule(r: Random): FileNameRule {
  const parts = Array.from({ length: 1 + r.int(3) }, (_, i) => randomPart(r, `p${i + 1}`));
  return { description: 'generated', upperCase: r.maybe(), extensions: r.maybe() ? ['CSV', 'DAT'] : ['CSV'], separator: '_', parts, extraParts: r.maybe(0.3) };
}

/** Values a part might be given: those the rules accept (from their lists and shapes) and near misses. */
const POOL = [
  ...VALUES,
  'A',
  'AB',
  'ABC',
  'ab1',
  'A81001',
  'RH802',
  'RH8020000',
  'G9999981',
  'RH80200',
  'ABCDEFGHIJK',
  '12345',
  '1234567890',
  '9434765919',
  '9434765918',
  '20240610',
  '2024-06-10',
  '20240230',
  '20240610T183325',
  '20240610T18332500',
  '20240610T18332501',
  '20240610T18332599',
  '20240610T183325XYZ',
  '20240610T1833250',
  '2024-06-10T18:33:25+01:00',
  '20241310T18332500',
  'a.b',
  '',
];

/** Whether the engine accepts `value` for `part` on its own (a one-part name). */
const accepts = (part: FileNamePart, value: string): boolean =>
  checkFileName({ description: '', extensions: ['x'], separator: '_', parts: [part] }, `${value}.x`).ok;

function randomValue(r: Random): string {
  if (r.maybe(0.7)) return r.pick(POOL);
  let s = '';
  for (let n = 1 + r.int(12); n > 0; n--) s += r.pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abc']);
  return s;
}

function randomName(r: Random, rules: FileNameRule[]): string {
  const count = Math.max(1, Math.max(...rules.map((x) => x.parts.length)) - 1 + r.int(3));
  const values = Array.from({ length: count }, (_, i) => {
    // Mostly a value one of the rules accepts at this position, so that whole names are often accepted.
    const parts = rules.map((x) => x.parts[i]).filter((p): p is FileNamePart => p !== undefined);
    for (let tries = 0; tries < 40 && parts.length > 0 && r.maybe(0.9); tries++) {
      const value = randomValue(r);
      if (parts.some((p) => accepts(p, value))) return value;
    }
    return randomValue(r);
  });
  return `${values.join('_')}.${r.pick(['csv', 'CSV', 'DAT', 'dat', 'txt'])}`;
}

describe('the verdict holds for the names the engine accepts (property test)', () => {
  it('a change not breaking suppliers refuses no name the old convention accepted, and one not breaking consumers accepts no new one', () => {
    const r = randomSource(20261204);
    const tally = { pairs: 0, widened: 0, narrowed: 0, checkedOld: 0, checkedNew: 0 };
    for (let i = 0; i < 1200; i++) {
      const before = randomRule(r);
      const after = mutate(r, before);
      const changes = diff(before, after);
      const suppliersSafe = !changes.some((c) => c.breaksSuppliers);
      const consumersSafe = !changes.some((c) => c.breaksConsumers);
      if (changes.some((c) => c.kind === 'file-name-widened') && suppliersSafe) tally.widened++;
      if (changes.some((c) => c.kind === 'file-name-narrowed') && consumersSafe) tally.narrowed++;
      tally.pairs++;
      // Names built from values the parts of either rule accept, so both verdicts are met often.
      for (let j = 0; j < 150; j++) {
        const name = randomName(r, [before, after]);
        const [old, now] = [checkFileName(before, name).ok, checkFileName(after, name).ok];
        if (suppliersSafe && old) {
          tally.checkedOld++;
          expect(now, `${JSON.stringify(before)} → ${JSON.stringify(after)}: ${changes.map((c) => c.explanation).join(' | ')}; refuses ${name}`).toBe(true);
        }
        if (consumersSafe && now) {
          tally.checkedNew++;
          expect(old, `${JSON.stringify(before)} → ${JSON.stringify(after)}: ${changes.map((c) => c.explanation).join(' | ')}; newly accepts ${name}`).toBe(
            true,
          );
        }
      }
      if (suppliersSafe) expect(requiredBump(changes, 'BACKWARD')).not.toBe('major');
    }
    // The test means something only if the diff often proves a widening or a narrowing, and names are often accepted.
    expect(tally.widened).toBeGreaterThan(100);
    expect(tally.narrowed).toBeGreaterThan(100);
    expect(tally.checkedOld).toBeGreaterThan(2000);
    expect(tally.checkedNew).toBeGreaterThan(2000);
  });
});
