/**
 * The diff runs an author's regular expression in two places: a `pattern` against the values an `enum` or
 * `const` lists (value-checks.ts), and a `patternProperties` name against the names of fields
 * (objects.ts). It runs on the caller's thread, so it runs only patterns the caller vouches for: those
 * that passed the pattern-safety check publish applies (validation/pattern-safety.ts; the services
 * analyse a stored version's patterns off the event loop first, services/pattern-gate.ts). Any other
 * pattern (a version stored before the check, or written straight into the store) is never run, and the
 * change that needed it is undecidable, saying so. The work is bounded too: at most MAX_PATTERN_WORK
 * characters tested (values × patterns, each value by its length) in one comparison.
 */

/** Whether a pattern passed the pattern-safety check (and so may be run). */
export type PatternGate = (source: string) => boolean;

/** No pattern may run: the default, for a caller that has not had the patterns checked. */
export const NO_PATTERN: PatternGate = () => false;
/** Every pattern may run: for the library on disk, whose patterns `conform check` analyses (check-rules.ts), and tests. */
export const EVERY_PATTERN: PatternGate = () => true;

/** The most characters one comparison tests against patterns (each test counts its text's length, plus one). */
export const MAX_PATTERN_WORK = 1_000_000;

/** Why a pattern was not run: the words the change's explanation carries. */
export interface NotRun {
  notRun: string;
}

export const isNotRun = (value: unknown): value is NotRun => typeof value === 'object' && value !== null && 'notRun' in value;

/** The pattern tests of one comparison: only gated patterns, within the work bound. */
export class PatternRuns {
  private readonly compiled = new Map<string, RegExp | undefined>();
  private work = 0;

  constructor(
    private readonly gate: PatternGate = NO_PATTERN,
    private readonly maxWork: number = MAX_PATTERN_WORK,
  ) {}

  /** Whether `text` matches `source` (as the engine compiles it, with the `u` flag); undefined when it does not compile. */
  test(source: string, text: string): boolean | undefined | NotRun {
    if (!this.gate(source)) {
      return {
        notRun: `the pattern ${JSON.stringify(source)} could not be checked safely (it was not shown to run in linear time), so nothing was matched against it`,
      };
    }
    this.work += text.length + 1;
    if (this.work > this.maxWork) {
      return {
        notRun: `more than ${this.maxWork.toLocaleString('en-GB')} characters of values and names would be matched against patterns, so the rest were not`,
      };
    }
    if (!this.compiled.has(source)) {
      let regexp: RegExp | undefined;
      try {
        regexp = new RegExp(source, 'u');
      } catch {
        regexp = undefined;
      }
      this.compiled.set(source, regexp);
    }
    return this.compiled.get(source)?.test(text);
  }
}
