/** The file name kept with a submission: no folders, no control or bidirectional characters, at most 255 characters. */
import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME, sanitiseFileName, submitterName } from '../../src/services/submission-file.js';

describe('sanitiseFileName', () => {
  it('keeps the last part of a path, from either kind of separator', () => {
    expect(sanitiseFileName('C:\\Users\\me\\ecds 2026-11.csv')).toBe('ecds 2026-11.csv');
    expect(sanitiseFileName('/home/me/people.ndjson')).toBe('people.ndjson');
  });

  it('drops control, format and bidirectional characters and folds white space', () => {
    expect(sanitiseFileName('evil\u202Evsc.csv')).toBe('evilvsc.csv');
    expect(sanitiseFileName('a\u0000b\r\nc\t d.csv')).toBe('abc d.csv');
  });

  it('answers null for nothing usable', () => {
    for (const name of [undefined, null, '', '   ', '..', 'folder/', '\u0007']) expect(sanitiseFileName(name)).toBeNull();
  });

  it('keeps a long name to 255 characters with its extension', () => {
    const kept = sanitiseFileName(`${'x'.repeat(400)}.csv.gz`)!;
    expect([...kept].length).toBe(MAX_FILE_NAME);
    expect(kept.endsWith('….gz')).toBe(true);
    const emoji = sanitiseFileName('😀'.repeat(300))!;
    expect([...emoji].length).toBe(MAX_FILE_NAME);
  });
});

describe('submitterName', () => {
  it('reads the token name from a stored actor, never more', () => {
    expect(submitterName('supplier:Leeds upload (0b6a2c9e-1f7e-4d55-9f6a-2b1f3c4d5e6f)')).toBe('Leeds upload');
    expect(submitterName('supplier:x')).toBe('x');
  });
});
