/**
 * The bound on the versions a process keeps compiled (validators.ts): in a module of its own, so the
 * configuration names it without loading the compiler.
 */

/** How many compiled versions a Validators keeps, and how much they may weigh together. */
export interface CompiledLimits {
  /** Versions kept compiled, the least recently used evicted first. */
  versions: number;
  /**
   * Mebibytes of their estimated size: the characters of each one's schema and generated code (the heap
   * it takes is about 1.3 to 2.6 times as many bytes, measured over several shapes of schema).
   */
  mib: number;
}

/** CONFORM_COMPILED_VERSIONS and CONFORM_COMPILED_MIB when not set. */
export const DEFAULT_COMPILED_LIMITS: Readonly<CompiledLimits> = { versions: 64, mib: 32 };
