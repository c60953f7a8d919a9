/**
 * Proofs that one file-name convention (`x-file-name`, src/validation/file-name.ts) accepts every name
 * another accepts, part by part, for the diff (file-name.ts beside this one). Each proof returns the
 * reasons it fails: empty when it holds. A reason is `unknown` when the diff cannot tell (two formats it
 * knows nothing about), else it names values the first accepts and the second may refuse. The proofs
 * follow what the engine checks (checkFileName): a part's value is never empty and never holds the
 * separator; with `values`, the old list is run through the engine's own check of the new part.
 */
import { checkFileName, type FileNamePart, type FileNameRule } from '../../validation/file-name.js';
import { formatShape, formatWithin, prefixKept } from '../../validation/format-subsets.js';

export interface Reason {
  text: string;
  unknown?: boolean;
}

type Characters = 'digits' | 'letters-and-digits' | 'any';
const RANK: Record<Characters, number> = { digits: 0, 'letters-and-digits': 1, any: 2 };
const CHARACTER_WORDS: Record<Characters, string> = { digits: 'digits', 'letters-and-digits': 'letters and digits', any: 'any characters' };

/** The longest base name the engine checks. */
const MAX_NAME = 255;

const defined = (...values: (number | undefined)[]): number[] => values.filter((v): v is number => v !== undefined);

/** Whether the engine accepts `value` (as checked: upper-cased already when the rule upper-cases) for `part`. */
export function partAccepts(part: FileNamePart, value: string, separator: string): boolean {
  const rule: FileNameRule = { description: '', extensions: ['x'], separator, parts: [part] };
  return checkFileName(rule, `${value}.x`).ok;
}

/** A listed value a name can carry: not empty, no separator or folder, in upper case when names are upper-cased. */
function reachable(value: string, separator: string, upperCase: boolean): boolean {
  return value !== '' && !value.includes(separator) && !/[\\/]/.test(value) && value.length < MAX_NAME && (!upperCase || value === value.toUpperCase());
}

/** The lengths and characters every value a part accepts has, from its own limits and its format's declared shape. */
function guarantee(part: FileNamePart): { min: number; max: number; characters: Characters } {
  let min = Math.max(1, ...defined(part.length, part.minLength, part.formatPrefix));
  let max = Math.min(MAX_NAME, ...defined(part.length, part.maxLength));
  let characters: Characters = part.characters ?? 'any';
  const shape = part.format !== undefined && part.formatPrefix === undefined ? formatShape(part.format) : undefined;
  if (shape) {
    min = Math.max(min, shape.minLength);
    max = Math.min(max, shape.maxLength);
    const declared = shape.characters ?? 'any';
    if (RANK[declared] < RANK[characters]) characters = declared;
  }
  return { min, max, characters };
}

/** Why the format check of `outer` may refuse a value `inner` accepts (values `min` to `max` characters long). */
function formatReasons(inner: FileNamePart, outer: FileNamePart, min: number, max: number): Reason[] {
  if (outer.format === undefined) return [];
  if (inner.format === undefined) return [{ text: `refuses values that are not ${outer.format}` }];
  if (!formatWithin(inner.format, outer.format))
    return [
      {
        text: `may refuse ${inner.format} values that are not ${outer.format} (the diff does not know that every ${inner.format} value is one)`,
        unknown: true,
      },
    ];
  const [pi, po] = [inner.formatPrefix, outer.formatPrefix];
  if (po === undefined) {
    return pi === undefined
      ? []
      : [{ text: `may refuse values that are not ${outer.format} as a whole (only their first ${pi} characters were checked)`, unknown: true }];
  }
  if (pi !== undefined) {
    return pi === po || (po < pi && prefixKept(outer.format, po, pi))
      ? []
      : [{ text: `may refuse values whose first ${po} characters are not ${outer.format} (their first ${pi} were checked as ${inner.format})`, unknown: true }];
  }
  for (let length = Math.max(min, po); length <= max; length++) {
    if (!prefixKept(outer.format, po, length))
      return [
        {
          text: `may refuse values whose first ${po} characters are not ${outer.format} (the diff cannot tell that a ${inner.format} value of ${length} characters begins with one)`,
          unknown: true,
        },
      ];
  }
  return [];
}

/** Why `outer` may refuse a value `inner` accepts, for one part (empty: every such value is still accepted). */
export function partWithin(inner: FileNamePart, outer: FileNamePart, separator: string, upperCase: boolean): Reason[] {
  if (inner.values) {
    const refused = inner.values.filter((v) => reachable(v, separator, upperCase) && partAccepts(inner, v, separator) && !partAccepts(outer, v, separator));
    return refused.length === 0 ? [] : [{ text: `refuses ${refused.join(', ')}` }];
  }
  if (outer.values) return [{ text: `accepts only ${outer.values.join(', ')}` }];
  const { min, max, characters } = guarantee(inner);
  if (min > max) return []; // the part accepts nothing, so nothing can be refused
  const reasons: Reason[] = [];
  const least = Math.max(1, ...defined(outer.length, outer.minLength, outer.formatPrefix));
  const most = Math.min(MAX_NAME, ...defined(outer.length, outer.maxLength));
  if (min < least) reasons.push({ text: `refuses values of fewer than ${least} characters` });
  if (max > most) reasons.push({ text: `refuses values of more than ${most} characters` });
  const allowed: Characters = outer.characters ?? 'any';
  if (RANK[characters] > RANK[allowed]) reasons.push({ text: `refuses values with characters other than ${CHARACTER_WORDS[allowed]}` });
  return [...reasons, ...formatReasons(inner, outer, min, max)];
}

/** How many parts a name may have: exactly `parts.length`, or at least that many with `extraParts`. */
export function countWithin(inner: FileNameRule, outer: FileNameRule): Reason[] {
  const [n, m] = [inner.parts.length, outer.parts.length];
  if (inner.extraParts && !outer.extraParts) return [{ text: `refuses names of more than ${m} parts` }];
  if (m > n) return [{ text: `refuses names of ${n}${inner.extraParts ? ` to ${m - 1}` : ''} parts` }];
  if (m < n && !outer.extraParts) return [{ text: `refuses names of ${n} parts` }];
  return [];
}

/** Why `outer` may refuse an extension `inner` accepts. */
export function extensionsWithin(inner: FileNameRule, outer: FileNameRule): Reason[] {
  const refused = inner.extensions.filter((e) => (!inner.upperCase || e === e.toUpperCase()) && !outer.extensions.includes(e));
  return refused.length === 0 ? [] : [{ text: `refuses names ending ${refused.map((e) => `.${e}`).join(' or ')}` }];
}
