import { describe, expect, it } from 'vitest';
import { agree, countWords } from '../../src/validation/count-words.js';

describe('countWords: a count and its noun agree', () => {
  it('says the singular for exactly one and the plural otherwise, the count grouped in thousands', () => {
    expect(countWords(1, 'record')).toBe('1 record');
    expect(countWords(0, 'record')).toBe('0 records');
    expect(countWords(4, 'record')).toBe('4 records');
    expect(countWords(1250, 'finding')).toBe('1,250 findings');
    expect(countWords(1, 'entry', 'entries')).toBe('1 entry');
    expect(countWords(2, 'entry', 'entries')).toBe('2 entries');
    expect(countWords(1, 'column is', 'columns are')).toBe('1 column is');
  });

  it('agree picks the word for a count', () => {
    expect(agree(1, 'does', 'do')).toBe('does');
    expect(agree(0, 'does', 'do')).toBe('do');
    expect(agree(3, 'does', 'do')).toBe('do');
  });
});
