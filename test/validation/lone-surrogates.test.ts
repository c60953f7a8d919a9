import { describe, expect, it } from 'vitest';
import { loneSurrogateKeys, wellFormedText } from '../../src/validation/lone-surrogates.js';

describe('wellFormedText', () => {
  it('writes each lone surrogate as \\uXXXX and keeps pairs and other text', () => {
    expect(wellFormedText('/a/\ud800')).toBe('/a/\\ud800');
    expect(wellFormedText('\udc00x\ud83d\ude00y\udbff')).toBe('\\udc00x\ud83d\ude00y\\udbff');
    expect(wellFormedText('\ude00\ud83d')).toBe('\\ude00\\ud83d'); // a low then a high: no pair
    const plain = '/vaccinations/3/code';
    expect(wellFormedText(plain)).toBe(plain);
  });
});

describe('loneSurrogateKeys', () => {
  it('names each key holding one, at any depth and in arrays, by its pointer', () => {
    const value = { a: { '\ud800': 1, 'b/\udc00': [{ '~\ud801': 2 }] }, '\ud83d\ude00': 3 };
    const { pointers, count } = loneSurrogateKeys(value);
    expect(count).toBe(3);
    expect(pointers.sort()).toEqual(['/a/\\ud800', '/a/b~1\\udc00', '/a/b~1\\udc00/0/~0\\ud801']);
  });

  it('counts past the names it lists', () => {
    const value = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}\ud800`, i]));
    const { pointers, count } = loneSurrogateKeys(value, 50);
    expect(count).toBe(60);
    expect(pointers).toHaveLength(50);
  });
});
