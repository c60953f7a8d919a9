/**
 * The lengths (in code points, as `minLength`/`maxLength` count them) of the strings an anchored
 * pattern matches, for simple patterns: `^[A-Z]{3}[0-9]{2,4}$` matches 5 to 7 characters. Literals,
 * `.`, character classes and escapes that match one character, groups, alternation and quantifiers are
 * understood; anything else (lookarounds, backreferences, word boundaries, anchors inside groups, a
 * pattern not anchored at both ends of every alternative) gives undefined, so a caller never relies on
 * what it cannot read. The pattern is read as the engine compiles it, with the `u` flag.
 */

export interface Lengths {
  min: number;
  max: number;
}

class Unreadable extends Error {}

const fail = (): never => {
  throw new Unreadable();
};

/** Escapes after `\` that match exactly one character. */
const ONE_CHARACTER = new Set([...'dDwWsStnrfv0.\\/^$|?*+()[]{}-']);

class Reader {
  private i = 0;
  private readonly chars: string[];

  constructor(pattern: string) {
    this.chars = [...pattern];
  }

  /** alternatives: `a|b`; at the top level each must begin with `^` and end with `$`. */
  alternation(top: boolean): Lengths {
    let result: Lengths | undefined;
    for (;;) {
      const part = this.sequence(top);
      result = result === undefined ? part : { min: Math.min(result.min, part.min), max: Math.max(result.max, part.max) };
      if (this.chars[this.i] !== '|') return result;
      this.i++;
    }
  }

  private sequence(top: boolean): Lengths {
    const total: Lengths = { min: 0, max: 0 };
    if (top) {
      if (this.chars[this.i] !== '^') fail();
      this.i++;
    }
    for (;;) {
      const c = this.chars[this.i];
      if (c === undefined || c === '|' || c === ')') break;
      if (c === '$') {
        if (!top) fail();
        this.i++;
        const next = this.chars[this.i];
        if (next !== undefined && next !== '|') fail();
        return total;
      }
      const atom = this.quantified(this.atom());
      total.min += atom.min;
      total.max += atom.max;
    }
    return top ? fail() : total;
  }

  private atom(): Lengths {
    const c = this.chars[this.i++];
    switch (c) {
      case '(': {
        if (this.chars[this.i] === '?') {
          if (this.chars[this.i + 1] !== ':') fail(); // lookarounds and named groups
          this.i += 2;
        }
        const inner = this.alternation(false);
        if (this.chars[this.i++] !== ')') fail();
        return inner;
      }
      case '[':
        this.characterClass();
        return { min: 1, max: 1 };
      case '\\':
        this.escape();
        return { min: 1, max: 1 };
      case '^':
      case '$':
      case '*':
      case '+':
      case '?':
      case '{':
      case ']':
      case '}':
      case undefined:
        return fail();
      default:
        return { min: 1, max: 1 };
    }
  }

  private escape(): void {
    const c = this.chars[this.i++];
    if (c === undefined) fail();
    if (ONE_CHARACTER.has(c!)) return;
    if (c === 'p' || c === 'P') return this.braced();
    if (c === 'u') return this.chars[this.i] === '{' ? this.braced() : this.hex(4);
    if (c === 'x') return this.hex(2);
    fail(); // \b, \B, backreferences, \k<name>, \c
  }

  private braced(): void {
    if (this.chars[this.i] !== '{') fail();
    while (this.chars[this.i] !== '}') if (this.chars[this.i++] === undefined) fail();
    this.i++;
  }

  private hex(count: number): void {
    for (let k = 0; k < count; k++) if (!/^[0-9a-fA-F]$/.test(this.chars[this.i++] ?? '')) fail();
  }

  private characterClass(): void {
    if (this.chars[this.i] === ']') fail(); // `[]` matches nothing, `[]a]` is not what it seems
    for (;;) {
      const c = this.chars[this.i++];
      if (c === undefined || c === '[') fail();
      if (c === ']') return;
      if (c === '\\') {
        const e = this.chars[this.i];
        if (e === 'b')
          this.i++; // a backspace inside a class
        else this.escape();
      }
    }
  }

  private quantified(atom: Lengths): Lengths {
    const c = this.chars[this.i];
    let range: [number, number] | undefined;
    if (c === '?') range = [0, 1];
    else if (c === '*') range = [0, Infinity];
    else if (c === '+') range = [1, Infinity];
    else if (c === '{') range = this.counts();
    if (range === undefined) return atom;
    if (c !== '{') this.i++;
    if (this.chars[this.i] === '?') this.i++; // lazy: the same lengths
    return { min: atom.min * range[0], max: range[1] === 0 || atom.max === 0 ? 0 : atom.max * range[1] };
  }

  private counts(): [number, number] {
    const rest = this.chars.slice(this.i).join('');
    const match = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!match) return fail();
    this.i += [...match[0]].length;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : match[3] === '' ? Infinity : Number(match[3]);
    if (high < low) fail();
    return [low, high];
  }

  done(): boolean {
    return this.i === this.chars.length;
  }
}

/** The lengths of the strings `pattern` matches, or undefined when it is not a simple anchored pattern. */
export function patternLengths(pattern: string): Lengths | undefined {
  try {
    new RegExp(pattern, 'u'); // what the engine would refuse, the reader must not read
    const reader = new Reader(pattern);
    const lengths = reader.alternation(true);
    return reader.done() ? lengths : undefined;
  } catch {
    return undefined;
  }
}
