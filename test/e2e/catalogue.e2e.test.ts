/** The catalogue: every bundled standard with its owner, latest version and status; searching narrows it. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkPage, describeBrowser, h1 } from './support.js';

interface Listed {
  id: string;
  title: string;
  owner: string;
  latest: string;
  status: string;
}

const standardsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'standards');
const bundled: Listed[] = readdirSync(standardsDir)
  .filter((d) => existsSync(join(standardsDir, d, 'standard.yaml')))
  .map((d) => {
    const s = parseYaml(readFileSync(join(standardsDir, d, 'standard.yaml'), 'utf8')) as {
      id: string;
      title: string;
      owner: string;
      versions: { version: string; status: string }[];
    };
    const latest = s.versions.at(-1)!;
    return { id: s.id, title: s.title, owner: s.owner, latest: latest.version, status: latest.status };
  });

/** The innermost part of the page holding the standard's link and its owner: its card, row or item. */
const entryOf = (page: Page, s: Listed) =>
  page
    .getByRole('main')
    .locator('li, tr, article, section, div')
    .filter({ has: page.getByRole('link', { name: s.title, exact: true }), hasText: s.owner })
    .last();

const listedTitles = async (page: Page) => {
  const shown: string[] = [];
  for (const s of bundled) if (await page.getByRole('main').getByRole('link', { name: s.title, exact: true }).count()) shown.push(s.title);
  return shown;
};

describeBrowser('catalogue (browser)', (h) => {
  it('lists every standard with its owner, latest version and status', async () => {
    expect(bundled.length).toBeGreaterThanOrEqual(4);
    const page = await h.newPage();
    await page.goto('/');
    expect(await h1(page)).toBe('Data standards');
    await expect.poll(() => listedTitles(page)).toEqual(bundled.map((s) => s.title));
    for (const s of bundled) {
      const entry = entryOf(page, s);
      expect(await entry.count(), `an entry for ${s.title}`).toBe(1);
      const text = (await entry.innerText()).replace(/\s+/g, ' ');
      expect(text, `${s.title}: owner`).toContain(s.owner);
      expect(text, `${s.title}: latest version`).toContain(s.latest);
      expect(text.toLowerCase(), `${s.title}: status`).toContain(s.status);
    }
    await checkPage(page, 'catalogue');
  });

  it('searching "emergency" shows only Emergency care attendance, and its link leads to the standard', async () => {
    const page = await h.newPage();
    await page.goto('/');
    const search = page.getByLabel('Search standards', { exact: true });
    await search.fill('emergency');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('q') === 'emergency');
    expect(await h1(page)).toBe('Data standards');
    expect(await page.getByLabel('Search standards', { exact: true }).inputValue(), 'the search box keeps the words').toBe('emergency');
    expect(await listedTitles(page)).toEqual(['Emergency care attendance']);
    await checkPage(page, 'catalogue-search-emergency');

    await page.getByRole('link', { name: 'Emergency care attendance', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/standards/emergency-care-attendance');
    expect(await h1(page)).toBe('Emergency care attendance');
  });

  it('a search that matches nothing lists no standard', async () => {
    const page = await h.newPage();
    await page.goto('/?q=' + encodeURIComponent('no such standard zzz'));
    expect(await h1(page)).toBe('Data standards');
    expect(await listedTitles(page)).toEqual([]);
    await checkPage(page, 'catalogue-search-nothing');
  });
});
