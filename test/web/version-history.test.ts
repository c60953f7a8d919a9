/**
 * A standard's version history as its authors wrote it: each bundled version is dated the day its
 * standard.yaml says it was released (not the day the service loaded it), on the API and the pages, and a
 * changelog reads as paragraphs and bulleted items rather than the line breaks its YAML was wrapped at.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { changelogBlocks } from '../../src/web/changelog-view.js';
import { humanDay } from '../../src/quality/human-time.js';

interface LibraryVersion {
  version: string;
  released?: string;
  changelog: string;
}
const library = async (id: string) =>
  (parse(await readFile(new URL(`../../standards/${id}/standard.yaml`, import.meta.url), 'utf8')) as { versions: LibraryVersion[] }).versions;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

describe('a bundled version is dated the day it was released', () => {
  it('on the API, for every version of every bundled standard that gives its day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    let earlier = 0;
    for (const id of ['emergency-care-attendance', 'immunisation-batch', 'adult-social-care-client-level', 'covid-vaccination-event', 'patient-demographics']) {
      const response = await t.call({ method: 'GET', url: `/v1/standards/${id}` });
      const stored = new Map(
        (JSON.parse(response.payload) as { versions: { version: string; publishedAt: string }[] }).versions.map((v) => [v.version, v.publishedAt]),
      );
      for (const v of (await library(id)).filter((x) => x.released)) {
        expect(stored.get(v.version), `${id} ${v.version}`).toBe(`${v.released}T00:00:00.000Z`);
        if (v.released! < today) earlier++;
      }
    }
    // Released before the day the test runs, so a date of loading could not pass.
    expect(earlier).toBeGreaterThan(5);
  });

  it("on the standard's page, with each changelog's items as a list", async () => {
    const page = (await t.server.inject({ method: 'GET', url: '/standards/emergency-care-attendance' })).payload;
    for (const v of await library('emergency-care-attendance')) {
      const row = page.slice(page.indexOf(`>${v.version}</a>`), page.indexOf('</tr>', page.indexOf(`>${v.version}</a>`)));
      expect(row, v.version).toContain(humanDay(v.released!));
      for (const block of changelogBlocks(v.changelog)) {
        const escape = (s: string) =>
          s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
        if ('items' in block) for (const item of block.items) expect(row, v.version).toContain(`<li>${escape(item)}</li>`);
        else expect(row, v.version).toContain(`>${escape(block.paragraph)}</p>`);
      }
    }
  });
});

describe('changelogBlocks', () => {
  it('joins wrapped lines into paragraphs and indented continuations into their item', () => {
    const text = [
      'MAJOR, breaking: two rules of the national',
      'pipeline. Still version 5.',
      '- A NEW row whose',
      '  identifier repeats is an error.',
      '- The file name',
      '  must carry an ODS code.',
      'Why: the pipeline refuses both.',
    ].join('\n');
    expect(changelogBlocks(text)).toEqual([
      { paragraph: 'MAJOR, breaking: two rules of the national pipeline. Still version 5.' },
      { items: ['A NEW row whose identifier repeats is an error.', 'The file name must carry an ODS code.'] },
      { paragraph: 'Why: the pipeline refuses both.' },
    ]);
  });

  it('keeps blank lines as paragraph breaks, a single line as one paragraph, and reads no markup', () => {
    expect(changelogBlocks('First version.')).toEqual([{ paragraph: 'First version.' }]);
    expect(changelogBlocks('One.\r\n\r\nTwo <b>bold</b>.\n')).toEqual([{ paragraph: 'One.' }, { paragraph: 'Two <b>bold</b>.' }]);
    expect(changelogBlocks('* a\n* b\n\n- c')).toEqual([{ items: ['a', 'b'] }, { items: ['c'] }]);
    expect(changelogBlocks('')).toEqual([]);
  });
});
