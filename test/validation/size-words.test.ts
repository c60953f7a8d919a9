import { describe, expect, it } from 'vitest';
import { sizeWords } from '../../src/validation/size-words.js';

describe('sizeWords: one readable size', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1000, '1,000 bytes'],
    [1024, '1 KiB'],
    [6144, '6 KiB'],
    [100_000, '97.7 KiB'],
    [1024 * 1024 - 1, '1 MiB'],
    [1024 * 1024, '1 MiB'],
    [1_500_000, '1.4 MiB'],
    [2 * 1024 ** 3, '2 GiB'],
    [5 * 1024 ** 4, '5120 GiB'],
  ])('%d is %s', (bytes, words) => {
    expect(sizeWords(bytes)).toBe(words);
  });
});
