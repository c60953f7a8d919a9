/**
 * The report reader's thread (services/report-reader.ts): reads a stored report from the SQLite file by its
 * submission's id, or takes its text, and answers it split (report-split.ts), one job at a time; long-lived.
 */
import { parentPort } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { splitReport, type ReportAnswer, type ReportJob } from './report-split.js';

/** One read-only connection to the SQLite file, opened on the first read from it. */
let opened: { file: string; statement: BetterSqlite3.Statement<[string], { report: string }> } | undefined;

async function reportText(job: ReportJob): Promise<string | undefined> {
  if ('text' in job) return job.text;
  if (opened?.file !== job.file) {
    const Driver = (await import('better-sqlite3')).default;
    const db = new Driver(job.file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    opened = { file: job.file, statement: db.prepare('select report from submissions where id = ?') };
  }
  return opened.statement.get(job.id)?.report;
}

async function answer(job: ReportJob): Promise<ReportAnswer> {
  try {
    const text = await reportText(job);
    return text === undefined ? { found: false } : { found: true, split: splitReport(text) };
  } catch (error) {
    // Never the report's text: only what failed.
    return {
      found: false,
      error: (error as Error).name === 'SyntaxError' ? 'the stored report is not JSON' : String((error as { code?: string }).code ?? 'read failed'),
    };
  }
}

// One job at a time, each answered with one message (services/report-reader.ts runs them through a StandingWorker).
parentPort!.on('message', (job: ReportJob) => {
  void answer(job).then((result) => parentPort!.postMessage(result));
});
