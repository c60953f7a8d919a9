/**
 * What the report page shows: the summary, the reporting period, the scorecard as bars (validity first,
 * then the overall score, red and tagged "Fails validity" below the gate), findings grouped by field and rule.
 */
import type { Report } from '../validation/report-types.js';
import type { Scorecard } from '../quality/types.js';
import { scoreBar } from './charts.js';

export function reportView(report: Report) {
  const card = report.scorecard as Scorecard | undefined;
  const dimensions = card
    ? Object.entries(card.dimensions).map(([name, d]) => ({
        name: name[0]!.toUpperCase() + name.slice(1),
        score: d.score,
        chart: scoreBar(`${name[0]!.toUpperCase() + name.slice(1)} score`, d.score),
        note: d.measured ? `${d.formula}${d.note ? `; ${d.note}` : ''}` : d.note,
      }))
    : [];
  const groups = report.summary.map((s) => ({
    ...s,
    message: report.findings.find((f) => f.rule === s.rule && (f.path === s.path || f.path.replace(/\/\d+(?=\/|$)/g, '/*') === s.path))?.message ?? '',
  }));
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
  };
}
