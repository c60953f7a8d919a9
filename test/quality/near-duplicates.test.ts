import { describe, expect, it } from 'vitest';
import { KeyHasher, PART_LOWER_ASCII, PART_NON_ASCII } from '../../src/validation/fingerprints.js';
import { heldInNormalForm, normalForm, normalised } from '../../src/quality/near-duplicates.js';

describe('KeyHasher.partUpperAscii', () => {
  it('adds an ASCII part exactly as part() adds it trimmed of spaces and tabs and in upper case', () => {
    const texts = ['rk9a0001', ' Rk9a0001\t', '\t\t', '', 'a b', '  x-y_z.0 ', 'ALREADY', 'mixed Case 42', '~!@#$%^&*()[]{}'];
    for (const text of texts) {
      const direct = new KeyHasher();
      expect(direct.partUpperAscii(text, 1)).toBe(true);
      direct.part('second', 0);
      const viaString = new KeyHasher();
      viaString.part(normalised(text), 1);
      viaString.part('second', 0);
      expect([direct.high, direct.low], JSON.stringify(text)).toEqual([viaString.high, viaString.low]);
    }
  });

  it('adds nothing and says so for a part outside ASCII, whose upper case only toUpperCase knows', () => {
    for (const text of ['straße', ' café', 'ǆ']) {
      const hasher = new KeyHasher();
      expect(hasher.partUpperAscii(text, 1)).toBe(false);
      expect([hasher.high, hasher.low]).toEqual([new KeyHasher().high, new KeyHasher().low]);
    }
  });
});

describe('normalForm', () => {
  it('is true only for a part trimmed of spaces and tabs with no lower-case letter, in any script', () => {
    expect(['', 'RK9A0001', 'A B', '42', 'STRASSE', 'ÉCOLE'].map(normalForm)).toEqual([true, true, true, true, true, true]);
    expect(['rk9a0001', 'Rk9A', ' RK9', 'RK9\t', 'straße', 'école', 'ÉCOLe'].map(normalForm)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('heldInNormalForm', () => {
  it('agrees with normalForm from what KeyHasher.part saw in the part, without looking at it again', () => {
    const texts = [
      '',
      'RK9A0001',
      'rk9a0001',
      'RK9a',
      ' RK9',
      'RK9\t',
      '\tRK9 ',
      'A B',
      '42',
      'STRASSE',
      'straße',
      'ÉCOLE',
      'école',
      'ÉCOLe',
      'Ǆ',
      'ǆ',
      '~{}|',
    ];
    for (const text of texts) {
      const held = new KeyHasher().part(text, 1);
      expect(heldInNormalForm(text, held), JSON.stringify(text)).toBe(normalForm(text));
    }
  });

  it('says what a part held: a lower-case ASCII letter, a character outside ASCII, or neither', () => {
    expect([' RK9 ', 'RK9', 'rK9', 'RÉ9', 'ré9'].map((text) => new KeyHasher().part(text, 1))).toEqual([
      0,
      0,
      PART_LOWER_ASCII,
      PART_NON_ASCII,
      PART_LOWER_ASCII | PART_NON_ASCII,
    ]);
  });
});
