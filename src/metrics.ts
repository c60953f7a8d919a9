/**
 * The service's Prometheus metrics (prom-client), one registry per app so that tests can build many apps
 * in one process. Labels are bounded: route templates (never raw paths), methods, status codes, the
 * standard's id (the registry's own, finite set), formats, outcomes and query kinds; never an
 * organisation, a token or a record value. Served by `metrics-server.ts` on a separate loopback port.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from './validation/parallel/pool.js';

/** What a finished validation adds to the metrics. */
export interface ValidationOutcome {
  standard: string;
  format: string;
  outcome: 'valid' | 'invalid' | 'failed' | 'abandoned';
  records?: number;
  bytes?: number;
  findings?: number;
  /** `small`: validated in the small-file lane (its own thread, services/worker-policy.ts). */
  lane?: 'small';
  /** The bound of a validation thread the file was refused for (a 422): its time budget, memory or stack. */
  refusedFor?: ThreadBound;
}

/** The bounds of a validation thread a file can be refused for. */
export type ThreadBound = 'time' | 'memory' | 'stack';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const QUERY_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  private readonly validations: Counter<'standard' | 'outcome'>;
  private readonly records: Counter<'format'>;
  private readonly bytes: Counter<'format'>;
  private readonly findings: Counter<'standard'>;
  private readonly refusals: Counter<'reason'>;
  private readonly querySeconds: Histogram<'operation' | 'outcome'>;
  private readonly connectionRefusals: Counter<'reason'>;
  private readonly smallFiles: Counter<'outcome'>;
  private readonly smallFileRefusals: Counter<'limit'>;
  private openConnections: () => number = () => 0;

  /**
   * `pool`: the worker pool's figures; `trials`: the trial reports held now and their bytes of JSON
   * (services/trial-reports.ts); `smallFileLane`: the small-file lane's pool's figures (its one thread).
   */
  constructor(pool?: () => PoolStats, trials?: () => { reports: number; bytes: number }, smallFileLane?: () => PoolStats) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'conform_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'conform_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: SECONDS,
      registers,
    });
    this.validations = new Counter({
      name: 'conform_validations_total',
      help: 'Submissions validated, by standard and outcome (valid, invalid, failed: the body could not be read to its end, or abandoned: the client went away first and the validation stopped)',
      labelNames: ['standard', 'outcome'],
      registers,
    });
    this.records = new Counter({ name: 'conform_records_validated_total', help: 'Records validated, by input format', labelNames: ['format'], registers });
    this.bytes = new Counter({
      name: 'conform_bytes_validated_total',
      help: 'Bytes of data validated (after decompression), by input format',
      labelNames: ['format'],
      registers,
    });
    this.findings = new Counter({ name: 'conform_findings_total', help: 'Findings reported, by standard', labelNames: ['standard'], registers });
    this.refusals = new Counter({
      name: 'conform_admission_refusals_total',
      help: 'Validations refused before their body was read: over-limit (the supplier’s share, 429) or unavailable (the process is full, 503)',
      labelNames: ['reason'],
      registers,
    });
    this.connectionRefusals = new Counter({
      name: 'conform_connection_refusals_total',
      help: 'Connections answered 503 and closed at once: connections (the process has CONFORM_MAX_CONNECTIONS open) or connections-per-address',
      labelNames: ['reason'],
      registers,
    });
    const openConnections = (): number => this.openConnections();
    new Gauge({
      name: 'conform_http_connections',
      help: "Connections open now to the service's listener (at most CONFORM_MAX_CONNECTIONS)",
      registers,
      collect() {
        this.set(openConnections());
      },
    });
    this.querySeconds = new Histogram({
      name: 'conform_store_query_duration_seconds',
      help: 'Store queries, by kind (select, insert, update, delete, other) and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: QUERY_SECONDS,
      registers,
    });
    const poolGauge = (name: string, help: string, read: (s: PoolStats) => number): Gauge =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(pool ? read(pool()) : 0);
        },
      });
    poolGauge('conform_worker_pool_size', 'Threads the worker pool may run', (s) => s.size);
    poolGauge('conform_worker_pool_threads', 'Worker threads running now', (s) => s.threads);
    poolGauge('conform_worker_pool_busy_threads', 'Worker threads validating a piece now', (s) => s.busy);
    poolGauge('conform_worker_pool_utilisation', 'Busy threads over the pool size (0 to 1)', (s) => (s.size > 0 ? s.busy / s.size : 0));
    poolGauge('conform_worker_pool_queue_length', 'Pieces of submissions waiting for a worker thread', (s) => s.queued);
    poolGauge('conform_worker_pool_jobs', 'Submissions on the worker pool now', (s) => s.jobs);
    poolGauge('conform_worker_pool_suppliers', 'Suppliers with a submission on the worker pool now (they take its turns in turn)', (s) => s.suppliers);
    poolGauge('conform_worker_pool_pinned_jobs', 'Submissions validated whole on one worker thread now (CSV, JSON, NDJSON read in order)', (s) => s.pinned);
    // Totals the pool keeps itself, read when scraped.
    const poolCounter = (name: string, help: string, read: (s: PoolStats) => number): Counter =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(pool ? read(pool()) : 0);
        },
      });
    poolCounter('conform_worker_pool_pieces_total', 'Pieces of submissions handed to worker threads', (s) => s.piecesSent);
    poolCounter(
      'conform_worker_pool_pieces_dropped_total',
      'Queued pieces of submissions dropped unsent because their submission ended first (its client went away, or it failed)',
      (s) => s.piecesDropped,
    );
    // The small-file lane (files declared under 1 MiB, on a thread of their own besides the pool): its use and
    // its refusals. Files wait for its thread without a bound of their own: each holds a validation's
    // admission, so at most CONFORM_MAX_VALIDATIONS are on it at once (past them a 503 before the body is read).
    const laneGauge = (name: string, help: string, read: (s: PoolStats) => number): Gauge =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(smallFileLane ? read(smallFileLane()) : 0);
        },
      });
    laneGauge('conform_small_file_lane_threads', 'Threads of the small-file lane running now (at most 1)', (s) => s.threads);
    laneGauge('conform_small_file_lane_busy', 'Whether the small-file lane’s thread is validating a piece of a file now (0 or 1)', (s) => s.busy);
    laneGauge('conform_small_file_lane_files', 'Files on the small-file lane now, validating or waiting', (s) => s.jobs);
    laneGauge('conform_small_file_lane_waiting', 'Files on the small-file lane with no piece in its thread’s hands now (they take its turns in turn)', (s) =>
      Math.max(0, s.jobs - s.busy),
    );
    this.smallFiles = new Counter({
      name: 'conform_small_file_lane_files_total',
      help: 'Files validated in the small-file lane, by outcome (valid, invalid, failed: refused for a bound or unreadable, abandoned)',
      labelNames: ['outcome'],
      registers,
    });
    this.smallFileRefusals = new Counter({
      name: 'conform_small_file_lane_refusals_total',
      help: 'Files the small-file lane refused (422) for a bound of its thread: time (CONFORM_SMALL_FILE_TIMEOUT_MS per MiB), memory or stack',
      labelNames: ['limit'],
      registers,
    });
    poolCounter(
      'conform_worker_pool_threads_lost_total',
      "Worker threads (the pool's and the small-file lane's) that died (out of memory, past a time budget, a crash); each is replaced when next needed",
      (s) => s.threadsLost,
    );
    poolCounter(
      'conform_worker_pool_pieces_rerun_total',
      "Pieces of submissions sent again to another worker thread because the thread holding them died running another submission's piece",
      (s) => s.piecesRerun,
    );
    poolCounter(
      'conform_worker_pool_jobs_lost_total',
      "Submissions answered 503 because their state died with a worker thread running another submission's piece",
      (s) => s.jobsLost,
    );
    const trialGauge = (name: string, help: string, read: (held: { reports: number; bytes: number }) => number): Gauge =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(trials ? read(trials()) : 0);
        },
      });
    trialGauge('conform_trial_reports_held', 'Trial reports held in this process now (in memory, for their time)', (t) => t.reports);
    trialGauge('conform_trial_reports_bytes', 'Bytes of report JSON the held trial reports take', (t) => t.bytes);
  }

  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.requestSeconds.observe(labels, seconds);
  }

  validated(v: ValidationOutcome): void {
    this.validations.inc({ standard: v.standard, outcome: v.outcome });
    if (v.records) this.records.inc({ format: v.format }, v.records);
    if (v.bytes) this.bytes.inc({ format: v.format }, v.bytes);
    if (v.findings) this.findings.inc({ standard: v.standard }, v.findings);
    if (v.lane === 'small') {
      this.smallFiles.inc({ outcome: v.outcome });
      if (v.refusedFor) this.smallFileRefusals.inc({ limit: v.refusedFor });
    }
  }

  refused(reason: 'over-limit' | 'unavailable'): void {
    this.refusals.inc({ reason });
  }

  connectionRefused(reason: 'connections' | 'connections-per-address'): void {
    this.connectionRefusals.inc({ reason });
  }

  /** Where the open connections are counted (connection-limit.ts). */
  watchConnections(open: () => number): void {
    this.openConnections = open;
  }

  query(operation: string, ok: boolean, seconds: number): void {
    this.querySeconds.observe({ operation, outcome: ok ? 'ok' : 'error' }, seconds);
  }

  private processMetrics = false;

  /**
   * Adds prom-client's process metrics (memory, CPU, event-loop lag...), once. Only a served registry
   * needs them, and their event-loop monitor runs for the life of the process, so the metrics listener
   * asks for them rather than every app (tests build many).
   */
  withProcessMetrics(): this {
    if (!this.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'conform_' });
    this.processMetrics = true;
    return this;
  }

  /** The text Prometheus scrapes. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
