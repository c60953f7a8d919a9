/**
 * Admission control for validations: at most `perProcess` at once in this process, and at most
 * `perSupplier` at once for one organisation. A validation beyond a bound is refused at once, before its
 * body is read: `over-limit` (429) for the supplier's bound, `unavailable` (503) for the process's, both
 * with the seconds after which to try again and one item naming the limit reached (`limit`, its `max`),
 * never the organisation or its token. A slot is held until the validation ends, however it ends. The
 * same bounds, in their own words (`AdmittedWork`), hold how many stored reports are read and answered at
 * once (`REPORT_READS`).
 */
import { DomainError } from './errors.js';

export interface AdmissionLimits {
  perProcess: number;
  perSupplier: number;
  /** Seconds a refused caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = { perProcess: 8, perSupplier: 2, retryAfterSeconds: 5 };

/** What is admitted, in the refusals' words: validations unless told (the same bounds serve report reads). */
export interface AdmittedWork {
  /** Plural noun: "validations", "report reads". */
  noun: string;
  /** Verb phrase for one running: "running", "under way". */
  running: string;
  /** The limits' names in a refusal's item (`limit`). */
  perSupplierLimit: string;
  perProcessLimit: string;
  /** What the process is busy doing, for its 503: "validating as many submissions as it can". */
  busy: string;
}

export const VALIDATIONS: AdmittedWork = {
  noun: 'validations',
  running: 'running',
  perSupplierLimit: 'validations-per-organisation',
  perProcessLimit: 'validations-per-process',
  busy: 'validating as many submissions as it can',
};

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
    private readonly work: AdmittedWork = VALIDATIONS,
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
      const { noun, running, perSupplierLimit } = this.work;
      throw new DomainError(
        'over-limit',
        `this organisation already has ${mine} ${noun} ${running} (at most ${perSupplier} at once); try again later`,
        [{ limit: perSupplierLimit, max: perSupplier, detail: `at most ${perSupplier} ${noun} may run at once for one organisation` }],
        retryAfterSeconds,
      );
    }
    if (this.running >= perProcess) {
      this.onRefused?.('unavailable');
      const { noun, busy, perProcessLimit } = this.work;
      throw new DomainError(
        'unavailable',
        `the service is ${busy} (${perProcess}); try again later`,
        [{ limit: perProcessLimit, max: perProcess, detail: `at most ${perProcess} ${noun} may run at once in this server process` }],
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

/**
 * Reading a stored report and answering with it (the report's JSON, its findings.csv, its acknowledgement
 * files, its page): a report of 100,000 findings is some 12 to 26 MB of JSON, read, parsed and written out
 * on the event loop, and held in memory until the answer is sent. The slot is held until the answer has
 * been sent or the client has gone (report-reads.ts, at the top of src/).
 */
export const REPORT_READS: AdmittedWork = {
  noun: 'report reads',
  running: 'under way',
  perSupplierLimit: 'report-reads-per-organisation',
  perProcessLimit: 'report-reads-per-process',
  busy: 'reading and sending as many stored reports as it can at once',
};
