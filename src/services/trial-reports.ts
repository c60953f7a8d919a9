/**
 * Trial reports, held for a short while so that a trial run has an address (`/trials/{id}`,
 * `/v1/trials/{id}`): in this process's memory only, never in the store, a file or a log, under an
 * unguessable id (a random UUID, 122 random bits), for `ttlMs` after the run. Only the caller who ran it
 * sees it: the same organisation (every token and web session of that ODS code), or for a caller without
 * one, the same token; anyone else, admins included, is told exactly what an unknown id is told.
 *
 * Bounded: at most `maxReports` reports and `maxBytes` of report JSON in the process, and for one owner at
 * most `maxPerOwner` reports and a quarter of the bytes; the oldest go first to make room (the owner's own
 * first). A report larger than an owner's share is not held (the faces then answer it without an address).
 * Expired reports are dropped when asked for and by a timer that does not keep the process alive.
 * A report never holds a record value (report-types.ts), so neither does this; a batch file's row outcomes
 * (row numbers and error texts, row-outcomes.ts) are held with its report, for its acknowledgement files.
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../validation/report-types.js';
import type { Principal } from './access.js';
import { DomainError } from './errors.js';
import { setOutcomes } from '../validation/row-outcomes.js';
import { countWords } from '../validation/count-words.js';

export interface TrialReportLimits {
  /** How long a report is held after its run, in milliseconds. */
  ttlMs: number;
  /** Reports held in the process at most. */
  maxReports: number;
  /** Reports one owner (organisation, or token without one) holds at most. */
  maxPerOwner: number;
  /** Bytes of report JSON held in the process at most; one owner holds at most a quarter. */
  maxBytes: number;
}

/** Where a held report is, and until when. */
export interface HeldTrial {
  id: string;
  expiresAt: string;
  /** The file's name as given (sanitised), or null. */
  fileName: string | null;
}

interface Entry {
  id: string;
  owner: string;
  /** The report as JSON: its size is what counts, and no caller can change the held copy. */
  json: string;
  bytes: number;
  expiresAt: number;
  fileName: string | null;
}

/** Whose a trial report is: the caller's organisation, or its token where it has none. */
export const trialOwner = (principal: Pick<Principal, 'organisation' | 'tokenId'>): string =>
  principal.organisation ? `org:${principal.organisation}` : `token:${principal.tokenId}`;

const heldTrial = (entry: Entry): HeldTrial => ({ id: entry.id, expiresAt: new Date(entry.expiresAt).toISOString(), fileName: entry.fileName });

export class TrialReports {
  /** In the order they were held, so the first is the oldest. */
  private readonly entries = new Map<string, Entry>();
  private readonly owners = new Map<string, { count: number; bytes: number }>();
  private heldBytes = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly limits: TrialReportLimits,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.timer = setInterval(() => this.dropExpired(), Math.max(1000, Math.min(limits.ttlMs, 60_000)));
    this.timer.unref();
  }

  /** Whole minutes a report is held (what the faces tell people). */
  get minutes(): number {
    return Math.max(1, Math.round(this.limits.ttlMs / 60_000));
  }

  /** The most one owner's reports may take. */
  get ownerBytes(): number {
    return Math.floor(this.limits.maxBytes / 4);
  }

  /** Holds a report for the caller; undefined when it is larger than an owner's share. */
  hold(report: Report, principal: Pick<Principal, 'organisation' | 'tokenId'>, fileName: string | null = null): HeldTrial | undefined {
    this.dropExpired();
    const { trial: _address, ...kept } = report;
    // A batch file's row outcomes (not enumerable, row numbers and error texts only) are held with it, for its BusAck.
    const json = JSON.stringify(report.outcomes ? { ...kept, outcomes: report.outcomes } : kept);
    const bytes = Buffer.byteLength(json);
    if (bytes > this.ownerBytes) return undefined;
    const owner = trialOwner(principal);
    for (const entry of this.entries.values()) {
      const mine = this.owners.get(owner);
      if (!mine || (mine.count < this.limits.maxPerOwner && mine.bytes + bytes <= this.ownerBytes)) break;
      if (entry.owner === owner) this.drop(entry);
    }
    for (const entry of this.entries.values()) {
      if (this.entries.size < this.limits.maxReports && this.heldBytes + bytes <= this.limits.maxBytes) break;
      this.drop(entry);
    }
    const entry: Entry = { id: randomUUID(), owner, json, bytes, expiresAt: this.now() + this.limits.ttlMs, fileName };
    this.entries.set(entry.id, entry);
    const mine = this.owners.get(owner) ?? { count: 0, bytes: 0 };
    this.owners.set(owner, { count: mine.count + 1, bytes: mine.bytes + bytes });
    this.heldBytes += bytes;
    return heldTrial(entry);
  }

  /** A held report of the caller's, with where it is; an expired, dropped, unknown or someone else's id is not-found. */
  get(id: string, principal: Pick<Principal, 'organisation' | 'tokenId'>): { report: Report; trial: HeldTrial } {
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt <= this.now()) this.drop(entry);
    if (!entry || entry.expiresAt <= this.now() || entry.owner !== trialOwner(principal)) {
      throw new DomainError(
        'not-found',
        `no trial report has this id: trial reports are held for ${countWords(this.minutes, 'minute')}, only on the server that ran them, and never stored; run the trial again`,
      ).about('trial');
    }
    const report = JSON.parse(entry.json) as Report;
    const { outcomes } = report;
    if (outcomes !== undefined) {
      delete report.outcomes;
      setOutcomes(report, outcomes);
    }
    return { report, trial: heldTrial(entry) };
  }

  /** How many reports and bytes are held now. */
  size(): { reports: number; bytes: number } {
    return { reports: this.entries.size, bytes: this.heldBytes };
  }

  /** The holder's figures for the metrics: what is held now, the expired dropped first (so the gauges never count them). */
  stats(): { reports: number; bytes: number } {
    this.dropExpired();
    return this.size();
  }

  /** Drops the expired reports (the oldest are first, and every report is held equally long). */
  dropExpired(): void {
    const now = this.now();
    for (const entry of this.entries.values()) {
      if (entry.expiresAt > now) break;
      this.drop(entry);
    }
  }

  /** Stops the timer and drops everything (the process is stopping). */
  stop(): void {
    clearInterval(this.timer);
    this.entries.clear();
    this.owners.clear();
    this.heldBytes = 0;
  }

  private drop(entry: Entry): void {
    if (!this.entries.delete(entry.id)) return;
    this.heldBytes -= entry.bytes;
    const mine = this.owners.get(entry.owner)!;
    if (mine.count === 1) this.owners.delete(entry.owner);
    else this.owners.set(entry.owner, { count: mine.count - 1, bytes: mine.bytes - entry.bytes });
  }
}
