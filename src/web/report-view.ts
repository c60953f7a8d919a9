/**
 * What the report page shows: the summary, the reporting period, the scorecard as bars (validity first,
 * then the overall score, red and tagged "Fails validity" below the gate), findings grouped by field and rule.
 */
import type { Report } from '../validation/report-types.js';
import type { DimensionName, Scorecard } from '../quality/types.js';
import { explainDimension } from '../quality/explain.js';
import { scoreBar } from './charts.js';
import { noBusAckReason } from '../validation/file-outcome.js';
import { groupMessages } from '../validation/group-messages.js';

/**
 * Where the findings download: a stored report's CSV route, or a held trial report's (a trial report too
 * large to hold has none). Never a record value either way.
 */
function findingsLink(report: Report): { href: string; name: string } | undefined {
  if (report.submission) return { href: `/submissions/${report.submission.id}/findings.csv`, name: `findings-${report.submission.id}.csv` };
  if (report.trial) return { href: `/trials/${report.trial.id}/findings.csv`, name: `trial-findings-${report.trial.id}.csv` };
  return undefined;
}

/**
 * A stored or held batch file's acknowledgement downloads, when its report kept every row's outcome: the
 * InfAck, and the BusAck (CSV and JSON) unless the file has none (file-outcome.ts), then why not.
 */
function ackLinks(report: Report): { busAck?: string; busAckJson?: string; noBusAck?: string; infAck: string } | undefined {
  if (!report.outcomes) return undefined;
  const base = report.submission ? `/submissions/${report.submission.id}` : report.trial ? `/trials/${report.trial.id}` : undefined;
  if (base === undefined) return undefined;
  const why = noBusAckReason(report);
  return { ...(why === undefined ? { busAck: `${base}/busack.csv`, busAckJson: `${base}/busack.json` } : { noBusAck: why }), infAck: `${base}/infack.csv` };
}

export function reportView(report: Report) {
  const card = report.scorecard as Scorecard | undefined;
  const dimensions = card
    ? Object.entries(card.dimensions).map(([name, d]) => ({
        name: name[0]!.toUpperCase() + name.slice(1),
        score: d.score,
        chart: scoreBar(`${name[0]!.toUpperCase() + name.slice(1)} score`, d.score),
        note: d.measured ? `${d.formula}${d.note ? `; ${d.note}` : ''}` : d.note,
        // The same words as the CLI's table: what was counted, over how many, against which thresholds.
        behind: explainDimension(name as DimensionName, card),
        weight: d.measured ? String(card.weights[name as DimensionName]) : 'not counted',
      }))
    : [];
  const groups = report.summary.map((s) => {
    const kept = report.findings.filter((f) => f.rule === s.rule && (f.path === s.path || f.path.replace(/\/\d+(?=\/|$)/g, '/*') === s.path));
    // One message when the group's findings share it; else each (a format finding names its kind of near miss).
    const { messages, more } = groupMessages(kept);
    return {
      ...s,
      // A spreadsheet user finds a CSV record by its row, as the reader counted it (report-types.ts).
      firstRows: report.format === 'csv' ? (s.firstRows ?? []) : [],
      message: messages.length === 1 ? messages[0]!.message : messages.length === 0 ? '' : undefined,
      messages:
        messages.length > 1
          ? messages.map((m) => ({
              message: m.message,
              records: `${m.records.length === 1 ? 'record' : 'records'} ${m.records.map((r) => (r === 0 ? 'file' : String(r))).join(', ')}`,
            }))
          : [],
      moreMessages: more,
    };
  });
  return {
    report,
    card,
    dimensions,
    // Scorecards stored before the gate have neither validity nor failsValidity at the top.
    validity: card ? (card.validity ?? card.dimensions.validity.score) : null,
    failsValidity: card?.failsValidity === true,
    validityChart: card ? scoreBar('Records that pass the schema (validity)', card.validity ?? card.dimensions.validity.score) : '',
    overallChart: card ? scoreBar('Overall data quality score', card.overall, card.failsValidity === true) : '',
    dqmi: card?.dqmi,
    groups,
    findings: report.findings.length > 0 ? findingsLink(report) : undefined,
    // A stored batch file's acknowledgement files, as the national pipeline would answer.
    ackLinks: ackLinks(report),
  };
}

/** A size in bytes as people read it: bytes below 1 KB, then KB and MB to one decimal place. */
export function sizeText(bytes: number | null | undefined): string | null {
  if (bytes === null || bytes === undefined) return null;
  if (bytes < 1024) return `${bytes.toLocaleString('en-GB')} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${value.toFixed(1)} ${unit} (${bytes.toLocaleString('en-GB')} bytes)`;
}

/** What a stored report shows of its submission: the file, when it was received, and who sent it. */
export function contextView(report: Report) {
  const s = report.submission;
  if (!s) return undefined;
  const received = new Date(s.createdAt);
  return {
    fileName: s.fileName ?? null,
    size: sizeText(s.size),
    received: Number.isNaN(received.getTime())
      ? s.createdAt
      : received.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }),
    receivedIso: s.createdAt,
    submitter: [s.submitter, s.organisation].filter((part) => part !== undefined && part !== null && part !== '').join(', ') || null,
  };
}
