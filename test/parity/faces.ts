/**
 * The faces a file can be validated through, each run to one normalised outcome so that they can be compared:
 * the API (trial operation, content type from the file's name as `conform validate --server` chooses it), the
 * web's no-JavaScript multipart form and its script upload (both signed in, with the crumb), the CLI locally
 * (in process, over the library on disk) and the CLI against the server (`--server`, over a real socket).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { formatFromFileName } from '../../src/validation/input-format.js';
import type { InputFormat, Report } from '../../src/validation/report-types.js';
import { captureIo } from '../support/cli-io.js';
import type { TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf } from '../hostile/web-support.js';

export interface ParityCase {
  /** What the case is about, for the test's name. */
  label: string;
  /** `<id>@<version>`. */
  standard: string;
  /** The file's name as each face is given it. */
  fileName: string;
  bytes: Buffer;
  period?: string;
  /** A format declared beside the name (the API's Content-Type, the CLI's --format); the web's forms declare none. */
  declared?: InputFormat;
  /** The findings cap asked for (the API's maxFindings, the CLI's --max-findings); the web's forms ask none. */
  maxFindings?: string;
  /** What the outcome must show (matched on every face's), so that a case is about what it says it is. */
  shows?: Record<string, unknown>;
}

/** What a face made of a file: a report's essentials, or a refusal's message (and status, where the face has one). */
export type Outcome =
  | {
      kind: 'report';
      standard: string;
      format: string;
      gzip: boolean;
      valid: boolean;
      stats: Record<string, unknown>;
      findings: { record: number; line: number; row?: number; path: string; rule: string; message: string; severity: string }[];
      warnings: string[];
      period: string | null;
      scorecard: unknown;
      summary: unknown;
      truncated: boolean;
      fieldTitles: unknown;
      suggestion: unknown;
    }
  | { kind: 'refusal'; status?: number; message: string };

const CONTENT_TYPES = { json: 'application/json', ndjson: 'application/x-ndjson', csv: 'text/csv' } as const;

/** A report's essentials: what each face must agree on (not the run's own id, times or addresses). */
export function essentials(report: Report): Outcome {
  const { seconds: _s, ...stats } = report.stats as unknown as Record<string, unknown>;
  const card = report.scorecard as
    { overall?: unknown; validity?: unknown; failsValidity?: unknown; dimensions?: Record<string, { score?: unknown }> } | undefined;
  return {
    kind: 'report',
    standard: `${report.standard.id}@${report.standard.version}`,
    format: report.format,
    gzip: report.gzip,
    valid: report.valid,
    stats,
    findings: report.findings.map(({ record, line, row, path, rule, message, severity }) => ({
      record,
      line,
      ...(row !== undefined ? { row } : {}),
      path,
      rule,
      message,
      severity,
    })),
    warnings: report.warnings ?? [],
    period: report.period?.id ?? null,
    scorecard: card
      ? {
          overall: card.overall,
          validity: card.validity,
          failsValidity: card.failsValidity,
          dimensions: Object.fromEntries(Object.entries(card.dimensions ?? {}).map(([k, d]) => [k, d.score])),
        }
      : null,
    summary: report.summary,
    truncated: report.truncated,
    fieldTitles: report.fieldTitles ?? null,
    suggestion: report.suggestion ?? null,
  };
}

const unescapeHtml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** The error a form page shows at a field (the file, the period or the standard). */
function pageError(html: string): string {
  const m =
    /<span class="nhsuk-error-message" id="(?:file|period|standard)-error"><span class="nhsuk-u-visually-hidden">Error:<\/span>\s*([\s\S]*?)<\/span>/.exec(
      html,
    );
  if (m) return unescapeHtml(m[1]!.trim());
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';
  const para = /<p class="nhsuk-body[^"]*">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
  return unescapeHtml(`${title.trim()}: ${para.trim()}`);
}

/**
 * The API's trial operation, as `conform validate --server --trial` calls it: the content type the declared
 * format's, else the one the file's name says, else application/octet-stream (the server decides by the
 * name and the version, as for a batch file's .dat).
 */
export async function viaApi(t: TestApp, c: ParityCase): Promise<Outcome> {
  const [id, version] = c.standard.split('@') as [string, string];
  const format = c.declared ?? formatFromFileName(c.fileName);
  const query = new URLSearchParams({
    filename: c.fileName,
    ...(c.period !== undefined ? { period: c.period } : {}),
    ...(c.maxFindings !== undefined ? { maxFindings: c.maxFindings } : {}),
  });
  const response = await t.server.inject({
    method: 'POST',
    url: `/v1/standards/${id}/versions/${version}/trial?${query.toString()}`,
    headers: { authorization: `Bearer ${t.tokens.supplier}`, 'content-type': format === undefined ? 'application/octet-stream' : CONTENT_TYPES[format] },
    payload: c.bytes,
  });
  const body = JSON.parse(response.payload) as Report & { detail?: string };
  if (response.statusCode !== 200) return { kind: 'refusal', status: response.statusCode, message: body.detail ?? '' };
  return essentials(body);
}

/** The held trial report a page's address names, read as the API gives it to the same organisation. */
async function heldReport(t: TestApp, location: string): Promise<Outcome> {
  const id = /^\/trials\/([0-9a-f-]{36})$/.exec(location)?.[1];
  if (!id) throw new Error(`not a trial's address: ${location}`);
  const held = await t.server.inject({ method: 'GET', url: `/v1/trials/${id}`, headers: { authorization: `Bearer ${t.tokens.supplier}` } });
  return essentials(JSON.parse(held.payload) as Report);
}

/** The no-JavaScript form: multipart, the crumb first, a trial run; the browser is sent to the held report. */
export async function viaWebForm(t: TestApp, cookie: string, c: ParityCase): Promise<Outcome> {
  const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
  const fields: [string, string][] = [
    ['crumb', crumbOf(form.payload)],
    ['standard', c.standard],
    ['act', 'trial'],
    ...(c.period !== undefined ? ([['period', c.period]] as [string, string][]) : []),
  ];
  const part = ([k, v]: [string, string]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const payload = Buffer.concat([
    ...fields.map(part),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${c.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    c.bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const posted = await t.server.inject({
    method: 'POST',
    url: '/validate',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload,
  });
  if (posted.statusCode === 303) return heldReport(t, String(posted.headers.location));
  return { kind: 'refusal', status: posted.statusCode, message: pageError(posted.payload) };
}

/** The page's script upload: the file as the body, the crumb in a header, the choices in the query. */
export async function viaWebScript(t: TestApp, cookie: string, c: ParityCase): Promise<Outcome> {
  const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
  const query = new URLSearchParams({ standard: c.standard, name: c.fileName, act: 'trial', ...(c.period !== undefined ? { period: c.period } : {}) });
  const posted = await t.server.inject({
    method: 'POST',
    url: `/validate/upload?${query.toString()}`,
    headers: { cookie, 'x-csrf-token': crumbOf(form.payload), 'content-type': 'application/octet-stream' },
    payload: c.bytes,
  });
  if (posted.statusCode === 201) return heldReport(t, String(posted.headers.location));
  return { kind: 'refusal', status: posted.statusCode, message: pageError(posted.payload) };
}

/** `conform validate <file> --json`, in process: locally (over `standards`, the bundled library by default), or with `--server <uri> --trial`. */
export async function viaCli(c: ParityCase, server?: { uri: string; token: string }, standards?: string): Promise<Outcome> {
  const folder = await mkdtemp(join(tmpdir(), 'conform-parity-'));
  await mkdir(dirname(join(folder, c.fileName)), { recursive: true });
  await writeFile(join(folder, c.fileName), c.bytes);
  const { io, out, err } = captureIo(folder);
  const args = [
    'validate',
    c.fileName,
    '--standard',
    c.standard,
    '--json',
    ...(c.period !== undefined ? ['--period', c.period] : []),
    ...(c.declared !== undefined ? ['--format', c.declared] : []),
    ...(c.maxFindings !== undefined ? ['--max-findings', c.maxFindings] : []),
    ...(server ? ['--server', server.uri, '--token', server.token, '--trial'] : ['--local', ...(standards !== undefined ? ['--standards', standards] : [])]),
  ];
  const code = await main(args, io);
  if (code === 2)
    return {
      kind: 'refusal',
      message: err()
        .replace(/^conform: /, '')
        .trim(),
    };
  return essentials(JSON.parse(out()) as Report);
}
