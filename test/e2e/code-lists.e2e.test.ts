/** Code lists in a browser: from the catalogue to a code list version, comparing two versions, and from a field to its list. */
import { expect, it } from 'vitest';
import { checkPage, describeBrowser, h1, tableRows } from './support.js';

describeBrowser('code lists (browser)', (h) => {
  it('the catalogue leads to a code list version with its codes, and its comparison form to the changes', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Ethnic category', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/code-lists/ethnic-category/1.0.1');
    expect(await h1(page)).toBe('Ethnic category 1.0.1');
    const rows = await tableRows(page, '18 codes');
    expect(rows.at(-1)?.slice(0, 3)).toEqual(['99', 'Not known (not asked, or unable to answer)', 'Default']);
    await checkPage(page, 'code-list');

    await page.getByLabel('From', { exact: true }).selectOption('1.0.0');
    await page.getByLabel('To', { exact: true }).selectOption('1.0.1');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/code-lists/ethnic-category/compare');
    expect(await h1(page)).toBe('Ethnic category: changes from 1.0.0 to 1.0.1');
    const codes = await tableRows(page, 'Codes');
    expect(codes.filter((r) => r[3] === 'Changed').map((r) => r[0])).toEqual(['Z', '99']);
    await checkPage(page, 'code-list-compare');
  });

  it('a field of the field dictionary links to the code list version it uses', async () => {
    const page = await h.newPage();
    await page.goto('/standards/patient-demographics/2.0.1');
    await page.getByRole('link', { name: 'ethnic-category 1.0.1', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/code-lists/ethnic-category/1.0.1');
    expect(await h1(page)).toBe('Ethnic category 1.0.1');
  });
});
