/**
 * What the report page shows: the summary, the reporting period, the scorecard as bars (validity first,
 * then the overall score, red and tagged "Fails validity" below the gate), findings grouped by field and rule.
 */
import type { Report } from '../validation/report-types.js';
import { sizeWords } from '../validation/size-words.js';
import type { DimensionName, Scorecard } from '../quality/types.js';
import { explainDimension, periodNotGiven } from '../quality/explain.js';
import { scoreBar } from './charts.js';
import { noBusAckReason } from '../validation/file-outcome.js';
import { groupMessages } from '../validation/group-messages.js';
import { whereRecord } from '../validation/fingerprints.js';
import { firstRowsOf } from '../validation/summary-rows.js';
import { fieldLabel } from '../validation/field-label.js';
import type { Finding, SummaryEntry } from '../validation/report-types.js';
import { errorsFirst, fileErrors, fileErrorText, severityCounts } from '../validation/verdict-words.js';

/** Shown where a first record's line (or row) is not known, or does not apply (a finding about the file). */
const NOT_KNOWN = '–';

/**
 * Where a group's first records are, each in the same order as the records, in the words the findings
 * download and the CLI use: the line the record starts on in the file, and for CSV the spreadsheet row
 * (the summary's firstLines and firstRows, index-aligned with firstRecords, 0 where not known). A report
 * stored before the summary kept lines or rows takes them from the group's kept findings, where it has
 * them (else "–"); one stored while firstRows left out findings about the file is realigned (firstRowsOf).
 */
function firstPositions(s: SummaryEntry, kept: readonly Finding[], csv: boolean): { records: string[]; lines: string[]; rows: string[] } {
  const lines = s.firstLines as number[] | undefined;
  const rows = csv ? firstRowsOf(s) : undefined;
  const shown = (n: number | undefined): string => (n !== undefined && n > 0 ? String(n) : NOT_KNOWN);
  const keptOf = (r: number): Finding | undefined => kept.find((f) => f.record === r);
  return {
    records: s.firstRecords.map((r) => (r === 0 ? 'file' : String(r))),
    lines: s.firstRecords.map((r, i) => shown(lines ? lines[i] : keptOf(r)?.line)),
    rows: csv ? s.firstRecords.map((r, i) => shown(rows ? rows[i] : keptOf(r)?.row)) : [],
  };
}

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

/**
 * The report's findings by summary group (rule and path, a path's array indexes read as `*` as the summary
 * writes them), in one pass: each group took its findings by filtering them all, so a report of 100,000
 * findings in 1,008 groups (a record of 1,000 unknown fields) made its page in 11 to 20 s on the event loop.
 */
function findingsByGroup(findings: readonly Finding[]): (rule: string, path: string) => Finding[] {
  const groups = new Map<string, Finding[]>();
  const add = (key: string, finding: Finding): void => {
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  };
  for (const f of findings) {
    add(`${f.rule}\u0000${f.path}`, f);
    const general = f.path.replace(/\/\d+(?=\/|$)/g, '/*');
    if (general !== f.path) add(`${f.rule}\u0000${general}`, f);
  }
  return (rule, path) => groups.get(`${rule}\u0000${path}`) ?? [];
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
        behind: explainDimension(name as DimensionName, card, 'web'),
        weight: d.measured ? String(card.weights[name as DimensionName]) : 'not counted',
      }))
    : [];
  const csv = report.format === 'csv';
  // Errors first (what makes the file fail), then warnings; each group says which it is.
  const keptOf = findingsByGroup(report.findings);
  const groups = errorsFirst(report.summary).map((s) => {
    const kept = keptOf(s.rule, s.path);
    // One message when the group's findings share it; else each (a format finding names its kind of near miss).
    const { messages, more } = groupMessages(kept);
    // Each message's records where they are, as a finding names a record ("record 3 (line 5, row 4)").
    const where = (r: number): string => {
      if (r === 0) return 'the file';
      const f = kept.find((k) => k.record === r);
      return whereRecord({ record: r, line: f?.line ?? 0, row: f?.row ?? 0 });
    };
    return {
      ...s,
      // The field by its label where the version gives one (the pointer shown beside it, smaller).
      label: fieldLabel(s.path, report.fieldTitles),
      // A spreadsheet user finds a CSV record by its row, as the reader counted it (report-types.ts); anyone by its line.
      first: firstPositions(s, kept, csv),
      message: messages.length === 1 ? messages[0]!.message : messages.length === 0 ? '' : undefined,
      messages: messages.length > 1 ? messages.map((m) => ({ message: m.message, records: m.records.map(where).join('; ') })) : [],
      moreMessages: more,
    };
  });
  // The verdict's words: a file failed by a fault of its own (its name, its header) says so, and the findings split by severity.
  const own = report.valid ? '' : fileErrorText(fileErrors(report));
  return {
    report,
    fileError: own === '' ? undefined : { text: own, sentence: own[0]!.toUpperCase() + own.slice(1), recordsPass: report.stats.invalid === 0 },
    severities: report.stats.findings > 0 ? severityCounts(report) : undefined,
    card,
    dimensions,
    // Scorecards stored before the gate have neither validity nor failsValidity at the top.
    validity: card ? (card.validity ?? card.dimensions.validity.score) : null,
    failsValidity: card?.failsValidity === true,
    validityChart: card ? scoreBar('Records that pass the schema (validity)', card.validity ?? card.dimensions.validity.score) : '',
    overallChart: card ? scoreBar('Overall data quality score', card.overall, card.failsValidity === true) : '',
    dqmi: card?.dqmi,
    // In place of a reporting period when none was given: what that does to timeliness, and how to give one.
    noPeriod: card ? periodNotGiven(card, 'web') : undefined,
    groups,
    csv,
    findings: report.findings.length > 0 ? findingsLink(report) : undefined,
    // A stored batch file's acknowledgement files, as the national pipeline would answer.
    ackLinks: ackLinks(report),
  };
}

/** A stored file's size as people read it (the house's one form, sizeWords), with its exact bytes beside it from 1 KiB. */
export function sizeText(bytes: number | null | undefined): string | null {
  if (bytes === null || bytes === undefined) return null;
  return bytes < 1024 ? sizeWords(bytes) : `${sizeWords(bytes)} (${bytes.toLocaleString('en-GB')} bytes)`;
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
