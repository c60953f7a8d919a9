/**
 * The readable table of a scorecard, for `conform validate --scorecard`: validity first, with the word
 * FAILS when it is below the gate (the overall score is then capped at validity), then the overall score,
 * the dimensions and the fields.
 */
import type { DimensionName, Scorecard } from '../quality/types.js';
import { explainDimension, fieldName, fieldShares, percentText } from '../quality/explain.js';

const n = (value: number): string => value.toLocaleString('en-GB');
const score = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(1));

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map(
    (r) =>
      '  ' +
      r
        .map((cell, c) => (c === r.length - 1 ? cell : c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
  );
}

function headlineLines(card: Scorecard): string[] {
  const validity = `Validity ${score(card.validity)} of 100 (records that pass the schema; gate ${score(card.validityGate)})`;
  if (card.failsValidity) {
    return [
      `${validity}: FAILS validity`,
      `Data quality: overall ${score(card.overall)} of 100, capped at validity (weighted mean ${score(card.weightedMean)}; docs/quality.md)`,
    ];
  }
  return [validity, `Data quality: overall ${score(card.overall)} of 100 (weighted mean of the measured dimensions; docs/quality.md)`];
}

export function formatScorecard(card: Scorecard): string {
  const lines = ['', ...headlineLines(card)];
  const rows = [['dimension', 'score', 'weight', 'behind it']];
  for (const name of Object.keys(card.dimensions)) {
    const d = card.dimensions[name as keyof Scorecard['dimensions']];
    rows.push([
      name,
      score(d.score),
      d.measured ? String(card.weights[name as keyof Scorecard['weights']]) : '-',
      explainDimension(name as DimensionName, card, 'cli'),
    ]);
  }
  if (card.dqmi.measured)
    rows.push(['DQMI item', score(card.dqmi.score), '-', 'NHS England DQMI item score (mean over fields), for comparison; not in the overall']);
  rows.push(['accuracy', 'n/a', '-', card.accuracy.note]);
  lines.push(...table(rows));
  const defaults = new Map((card.dimensions.defaults.fields ?? []).map((f) => [f.field, f]));
  const items = new Map((card.dqmi.fields ?? []).map((f) => [f.field, f]));
  if (card.plan.fields.length > 0) {
    lines.push('', 'Per field (filled: % of the records where the field applies; valid: % of the values filled):');
    const fieldRows = [['field', 'filled % (of records)', 'valid % (of filled)', 'defaults', 'DQMI item']];
    for (const f of card.plan.fields) {
      const { filled, valid } = fieldShares(card, f.field);
      const defaulted = defaults.get(f.field);
      const item = items.get(f.field);
      fieldRows.push([
        // The field as a person names it (its CSV column, address.postcode), as the web's table does; the JSON keeps the pointer.
        fieldName(f.field),
        filled ?? '-',
        valid ?? '-',
        defaulted ? `${n(Number(defaulted.defaults))} (${percentText(f.threshold)} allowed)` : '-',
        item ? item.score.toFixed(1) : '-',
      ]);
    }
    lines.push(...table(fieldRows));
  }
  return lines.join('\n') + '\n';
}
