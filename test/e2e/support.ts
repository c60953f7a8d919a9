/**
 * Browser end-to-end tests: Chromium (Debian's, driven by playwright-core) against the real app on a
 * loopback port over an in-memory store. One browser and one app per test file.
 *
 * Without /usr/bin/chromium the tests are skipped with a message, except in CI (CI set), where a missing
 * browser fails them: scripts/install-chromium.sh installs it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const chromiumPresent = existsSync(CHROMIUM_PATH);
/** Why the browser tests are skipped here; undefined when they run (always in CI). */
export const skipReason =
  !chromiumPresent && !inCi
    ? `Chromium not found at ${CHROMIUM_PATH}, so the browser tests are skipped (run scripts/install-chromium.sh; in CI a missing Chromium fails them)`
    : undefined;

export const BROWSER_TIMEOUT = 60_000;
const LAUNCH_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const screenshotsDir = join(root, 'test-artifacts', 'screenshots');

export interface Harness {
  readonly browser: Browser;
  readonly app: TestApp;
  /** e.g. http://127.0.0.1:40123 */
  readonly baseUrl: string;
  /** A page in a fresh context (its own cookies); closed after the file. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A new supplier token for an organisation. */
  supplierToken(organisation: string, name?: string): Promise<string>;
}

/**
 * A describe block of browser tests with its harness: Chromium launched once and the app started once for
 * the file, a 60 s timeout per test. Skipped, with the reason in its name, when Chromium is absent outside CI.
 */
export function describeBrowser(name: string, body: (h: Harness) => void): void {
  if (skipReason) {
    console.warn(`[e2e] ${name}: ${skipReason}`);
    describe.skip(`${name} (skipped: ${skipReason})`, () => {
      it('needs Chromium', () => {});
    });
    return;
  }
  describe(name, { timeout: BROWSER_TIMEOUT }, () => {
    body(useHarness());
  });
}

function useHarness(): Harness {
  let browser: Browser | undefined;
  let app: TestApp | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: the browser tests need it in CI. Run scripts/install-chromium.sh first.`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
    app = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
    await app.server.start();
  }, BROWSER_TIMEOUT);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  }, BROWSER_TIMEOUT);
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start (see the beforeAll error)`);
    return value;
  };
  return {
    get browser() {
      return need(browser, 'Chromium');
    },
    get app() {
      return need(app, 'The app');
    },
    get baseUrl() {
      return need(app, 'The app').server.info.uri;
    },
    async newPage(options = {}) {
      // bypassCSP lets axe be injected into pages whose Content-Security-Policy forbids inline scripts.
      const context = await need(browser, 'Chromium').newContext({
        baseURL: this.baseUrl,
        bypassCSP: true,
        viewport: { width: 1280, height: 900 },
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async supplierToken(organisation, name = `e2e supplier ${organisation}`) {
      return (await need(app, 'The app').app.services.access.issue({ name, role: 'supplier', organisation }, 'e2e')).token;
    },
  };
}

/** Signs in through the sign-in page, as a person would, and waits for the validate page it leads to. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/validate');
  await page.getByRole('heading', { level: 1, name: 'Validate a file' }).waitFor();
}

/** Signs out with the "Sign out" button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

// ---------------------------------------------------------------------------------------------------------
// Accessibility (axe-core)

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
  html: string;
}
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Every violation seen in this file, for a summary at the end. */
export const accessibilityLog: { page: string; id: string; impact: string | null; help: string }[] = [];

/**
 * Runs axe over the page and fails on serious or critical violations, listing them readably. Returns all
 * violations (moderate and minor ones are reported on the console, not failed on).
 *
 * Pages of a context with JavaScript disabled run no <script>, nor timers or MutationObserver callbacks,
 * though Playwright can still evaluate there and promises settle; axe is evaluated directly, with
 * setTimeout as a promise job, so that it can run over the page exactly as it was served.
 */
export async function checkAccessibility(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource }).catch(() => undefined);
  const injected = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!injected) {
    await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      const cleared = new Set<number>();
      let next = 1;
      g.setTimeout = (fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]) => {
        const id = next++;
        // Long timers are axe's guards for frames and preloads: never firing them is what a fast page does.
        if (ms <= 1000)
          void Promise.resolve().then(() => {
            if (!cleared.has(id)) fn(...args);
          });
        return id;
      };
      g.clearTimeout = (id: number) => {
        cleared.add(id);
      };
      g.MutationObserver = undefined;
    });
    await page.evaluate(`${axeSource}\n;void 0`);
  }
  const results = await page.evaluate(
    (tags) =>
      (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe.run(
        (globalThis as unknown as { document: unknown }).document,
        { runOnly: tags, resultTypes: ['violations'] },
      ),
    AXE_TAGS,
  );
  const violations = results.violations as AxeViolation[];
  const where = new URL(page.url()).pathname + new URL(page.url()).search;
  for (const v of violations) accessibilityLog.push({ page: where, id: v.id, impact: v.impact, help: v.help });
  const describeOne = (v: AxeViolation) =>
    `  - ${v.id} (${v.impact}): ${v.help}\n${v.nodes
      .slice(0, 5)
      .map((n) => `      at ${n.target.join(' ')}: ${n.html.slice(0, 160)}`)
      .join('\n')}`;
  const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.warn(`[axe] ${where}: ${minor.length} moderate/minor violation(s)\n${minor.map(describeOne).join('\n')}`);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking, `serious or critical accessibility violations on ${where}:\n${blocking.map(describeOne).join('\n')}`).toEqual([]);
  return violations;
}

// ---------------------------------------------------------------------------------------------------------
// Screenshots and what every page has

/** A full-page PNG in test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** What every page has: a title, exactly one h1, the skip link to the main content, and the NHS header. */
export async function checkPageBasics(page: Page): Promise<void> {
  expect((await page.title()).trim(), 'the page has a title').not.toBe('');
  expect(await page.getByRole('heading', { level: 1 }).count(), 'exactly one h1').toBe(1);
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  expect(await skip.count(), 'one "Skip to main content" link').toBe(1);
  const target = (await skip.getAttribute('href')) ?? '';
  expect(target, 'the skip link points into the page').toMatch(/^#./);
  expect(await page.locator(`[id="${target.slice(1)}"]`).count(), `the skip link's target ${target} exists`).toBe(1);
  const banner = page.getByRole('banner');
  expect(await banner.count(), 'one header (banner)').toBe(1);
  const logo = banner.getByRole('img', { name: /^NHS/ }).or(banner.getByRole('link', { name: /^NHS/ }));
  expect(await logo.count(), 'the NHS logo in the header').toBeGreaterThan(0);
}

/** The checks for each page visited: the basics, axe, and a screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await checkPageBasics(page);
  await checkAccessibility(page);
  await screenshot(page, name);
}

/** The text of the one h1. */
export async function h1(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** A table (found by its caption or another accessible name) as rows of cell texts, header row first. */
export async function tableRows(page: Page, name: string | RegExp): Promise<string[][]> {
  const table = page.getByRole('table', { name });
  return table
    .locator('tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

/** The value shown beside a key of a summary list (<dt>/<dd>). */
export async function summaryValue(page: Page, key: string): Promise<string> {
  const text = await page
    .locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) })
    .locator('xpath=following-sibling::dd[1]')
    .first()
    .textContent();
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Data files

interface Example {
  name: string;
  record: Record<string, unknown>;
}
const examples = parseYaml(readFileSync(join(root, 'standards', 'emergency-care-attendance', 'examples', '2.0.0.yaml'), 'utf8')) as {
  valid: Example[];
  invalid: Example[];
};

/** An example record of emergency-care-attendance 2.0.0, by the start of its name. */
export function example(kind: 'valid' | 'invalid', nameStart: string): Record<string, unknown> {
  const found = examples[kind].find((e) => e.name.startsWith(nameStart));
  if (!found) throw new Error(`no ${kind} example starting "${nameStart}"`);
  return structuredClone(found.record);
}

export function toNdjson(records: Record<string, unknown>[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

export function toCsv(records: Record<string, unknown>[]): string {
  const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const text = v === undefined || v === null ? '' : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [headers.join(','), ...records.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n';
}

/** A temporary folder for data files, removed after the file. */
export function useTempDir(): { write(name: string, text: string): Promise<string> } {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conform-e2e-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    async write(name, text) {
      if (!dir) throw new Error('the temporary folder is not made yet');
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
  };
}

/** Chooses the standard and file on the validate page and presses "Validate"; waits for the report. */
/** Chooses the standard and the file, as a submission (stored) unless `act` is `trial`, and validates. */
export async function validateFile(page: Page, standard: string, path: string, act: 'trial' | 'submit' = 'submit'): Promise<void> {
  await page.getByLabel('Standard', { exact: true }).selectOption(standard);
  await page.getByLabel(act === 'trial' ? 'Trial run — not stored' : 'Submit — store the report for this reporting period', { exact: true }).check();
  await page.getByLabel('Data file', { exact: true }).setInputFiles(path);
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Validation report' }).waitFor();
}

// ---------------------------------------------------------------------------------------------------------
// The report of the six records used by the validate and no-JavaScript tests

const DIMENSIONS = ['Validity', 'Completeness', 'Uniqueness', 'Consistency', 'Timeliness', 'Defaults'];

/** Three valid records and three invalid ones (NHS number, arrival mode, departure before the start). */
export const records = () => [
  example('valid', 'emergency ambulance arrival with chest pain'),
  example('valid', 'unidentified patient'),
  example('valid', 'planned follow-up by public transport'),
  { ...example('invalid', 'NHS number fails the Modulus 11 check'), attendanceId: 'RH8A0000101' },
  { ...example('invalid', 'arrival mode is a valid SCTID but not an ECDS arrival mode'), attendanceId: 'RH8A0000102' },
  { ...example('invalid', 'departure earlier than the activity start'), attendanceId: 'RH8A0000103' },
];

/** The rows of every table in the main content, as text joined by " | ". */
export const allTableRows = (page: Page) =>
  page
    .getByRole('main')
    .locator('tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => (cell as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()).join(' | '),
      ),
    );

/** What a person reads on the report for the six records above. */
export async function readReport(page: Page, format: 'NDJSON' | 'CSV') {
  expect(await h1(page)).toBe('Validation report');
  expect(await summaryValue(page, 'Records')).toBe('6');
  expect(await summaryValue(page, 'Valid')).toBe('3');
  expect(await summaryValue(page, 'Invalid')).toBe('3');
  expect(await summaryValue(page, 'Format')).toContain(format);
  // The scorecard: one chart per dimension, named by its dimension and score.
  const charts = await page
    .getByRole('main')
    .getByRole('img')
    .evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label') ?? ''));
  for (const d of DIMENSIONS) {
    const named = charts.filter((label) => label.startsWith(d));
    expect(named, `one chart for ${d} (charts: ${charts.join('; ')})`).toHaveLength(1);
    expect(named[0], `the ${d} chart names its score`).toMatch(/: (\d{1,3}(\.\d)?|not measured)$/);
  }
  expect(
    charts.find((l) => l.startsWith('Validity')),
    '3 of 6 records valid',
  ).toMatch(/: 50(\.0)?$/);
  expect(
    charts.find((l) => l.startsWith('Uniqueness')),
    'no duplicate records',
  ).toMatch(/: 100(\.0)?$/);
  // Findings grouped by field and rule.
  const rows = await allTableRows(page);
  const finding = (field: string, rule: string) => rows.filter((r) => r.includes(field) && r.split(' | ').includes(rule));
  expect(finding('/nhsNumber', 'format'), `NHS number format finding (rows: ${rows.join('\n')})`).toHaveLength(1);
  expect(finding('/arrivalMode', 'enum')).toHaveLength(1);
  expect(finding('/departureDateTime', 'departure-not-before-arrival')).toHaveLength(1);
  for (const r of [...finding('/nhsNumber', 'format'), ...finding('/arrivalMode', 'enum')]) expect(r.split(' | '), 'each found once').toContain('1');
}
