/**
 * Admission control for validations: at most `perProcess` at once in this process, and at most
 * `perSupplier` at once for one organisation. A validation beyond a bound is refused at once, before its
 * body is read: `over-limit` (429) for the supplier's bound, `unavailable` (503) for the process's, both
 * with the seconds after which to try again and one item naming the limit reached (`limit`, its `max`),
 * never the organisation or its token. A slot is held until the validation ends, however it ends.
 */
import { DomainError } from './errors.js';

export interface AdmissionLimits {
  perProcess: number;
  perSupplier: number;
  /** Seconds a refused caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = { perProcess: 8, perSupplier: 2, retryAfterSeconds: 5 };

export interface Slot {
  /** Frees the slot; calling it again does nothing. */
  release(): void;
}

export class Admission {
  private running = 0;
  private readonly bySupplier = new Map<string, number>();

  constructor(
    readonly limits: AdmissionLimits = DEFAULT_ADMISSION,
    /** Told of each refusal (the metrics count them). */
    private readonly onRefused?: (reason: 'over-limit' | 'unavailable') => void,
  ) {}

  /** Validations running now, in all and for one supplier. */
  inUse(supplier?: string): number {
    return supplier === undefined ? this.running : (this.bySupplier.get(supplier) ?? 0);
  }

  /** Takes a slot for `supplier`, or refuses at once. */
  enter(supplier: string): Slot {
    const { perProcess, perSupplier, retryAfterSeconds } = this.limits;
    const mine = this.bySupplier.get(supplier) ?? 0;
    if (mine >= perSupplier) {
      this.onRefused?.('over-limit');
      throw new DomainError(
        'over-limit',
        `this organisation already has ${mine} validations running (at most ${perSupplier} at once); try again later`,
        [{ limit: 'validations-per-organisation', max: perSupplier, detail: `at most ${perSupplier} validations may run at once for one organisation` }],
        retryAfterSeconds,
      );
    }
    if (this.running >= perProcess) {
      this.onRefused?.('unavailable');
      throw new DomainError(
        'unavailable',
        `the service is validating as many submissions as it can (${perProcess}); try again later`,
        [{ limit: 'validations-per-process', max: perProcess, detail: `at most ${perProcess} validations may run at once in this server process` }],
        retryAfterSeconds,
      );
    }
    this.running++;
    this.bySupplier.set(supplier, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const left = (this.bySupplier.get(supplier) ?? 1) - 1;
        if (left > 0) this.bySupplier.set(supplier, left);
        else this.bySupplier.delete(supplier);
      },
    };
  }
}
