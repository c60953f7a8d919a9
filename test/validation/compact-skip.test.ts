/**
 * The cross-field rules skip compactToIso for text with a hyphen after four characters (consistency-rules.ts):
 * such text is never a compact wire date in any digits, so compactToIso gives it back as it is.
 */
import { describe, expect, it } from 'vitest';
import { compactToIso } from '../../src/validation/date-time.js';

const DIGITS = ['0', '1', '2', '9', '٣', '३', '০', '๑', '１', 'T', '-', ':', '+', 'Z', ' ', 'x'];

describe('compactToIso and text with a hyphen after four characters', () => {
  it('gives such text back as it is, at every length a compact form has and around it', () => {
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    let checked = 0;
    for (const length of [5, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19, 20, 25]) {
      for (let round = 0; round < 2_000; round++) {
        const chars = Array.from({ length }, () => DIGITS[next(DIGITS.length)]!);
        chars[4] = '-';
        const text = chars.join('');
        expect(compactToIso(text), text).toBe(text);
        checked++;
      }
    }
    // The same with compact forms whose fifth character is not a hyphen: converted (the test can tell).
    expect(compactToIso('20240102')).toBe('2024-01-02');
    expect(compactToIso('2024-0102')).toBe('2024-0102');
    expect(checked).toBe(26_000);
  });
});
