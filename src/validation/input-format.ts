/** The input format a file name implies (.json, .ndjson or .jsonl, .csv; each optionally .gz). */
import type { InputFormat } from './report-types.js';

export function formatFromFileName(name: string): InputFormat | undefined {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  if (n.endsWith('.ndjson') || n.endsWith('.jsonl')) return 'ndjson';
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.csv')) return 'csv';
  return undefined;
}
