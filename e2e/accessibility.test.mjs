// Beyond the WCAG rules each test checks: axe-core with every rule it runs
// by default (its best practices too: unique landmarks, one main, headings
// in order, regions) on each kind of page, in the states a reader brings
// them to, at a desktop's width and a phone's, with a real Isso.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../scripts/serve.mjs';
import { startIsso } from '../scripts/isso.mjs';
import { launch, axe, withPage as sharedWithPage, goLive, DEEP_LINK_404 } from './browser.mjs';
import { copyBuild, republish, removeBuild } from './prerendered.mjs';

let browser, site, isso, dir;
before(async () => {
  browser = await launch();
  dir = copyBuild();
  site = await serve({ dir });
  isso = await startIsso({ origin: site.origin });
  republish(dir, (settings) => ({ ...settings, comments: { provider: 'isso', endpoint: isso.url } }));
  // A comment with a link, and a reply to it.
  const post = async (body) => {
    const res = await fetch(`${isso.url}/new?uri=${encodeURIComponent('/article/film-out')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: site.origin },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return JSON.parse(text);
  };
  const first = await post({ author: 'Ana', text: 'The bridge is the [best part](https://example.com/bridge).' });
  await post({ author: 'Ben', text: 'Agreed, and the outro too.', parent: first.id });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await isso?.stop();
  if (dir) removeBuild(dir);
});

const withPage = (options, fn) => sharedWithPage(browser, options, fn);

for (const [width, height] of [[1280, 900], [390, 800]]) {
  test(`every page passes all of axe-core's default rules at ${width} px`, async () => {
    await withPage({ width, height }, async ({ page, unexpected }) => {
      for (const path of ['', 'category/reviews', 'search?q=film', 'embed/article/film-out']) {
        await goLive(page, site.url + path);
        if (path.startsWith('search')) await page.getByRole('status').filter({ hasText: /found|match/ }).first().waitFor();
        assert.deepEqual(await axe(page, { every: true }), [], `/${path}`);
      }
      await page.goto(site.url + 'no-such-page');
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.deepEqual(await axe(page, { every: true }), [], 'the 404 page');
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  });

  test(`an article with its comments, a passage's panel and the search dialog open passes all of axe-core's default rules at ${width} px`, async () => {
    await withPage({ width, height }, async ({ page, unexpected }) => {
      await goLive(page, site.url + 'article/film-out');
      await page.getByRole('region', { name: /comments/i }).scrollIntoViewIfNeeded();
      await page.getByText('Agreed, and the outro too.').waitFor();
      assert.deepEqual(await axe(page, { every: true }), [], 'the article with its thread');

      await page.locator('#q1').locator('..').getByRole('button', { name: /passage/ }).click();
      await page.locator('#feedback-q1').getByRole('form', { name: 'Leave feedback on this passage' }).waitFor();
      assert.deepEqual(await axe(page, { every: true }), [], 'a passage’s panel open');
      await page.keyboard.press('Escape');

      await page.waitForFunction(() => document.querySelector('.site-header__search')?.getAttribute('aria-haspopup') === 'dialog');
      await page.locator('.site-header__search').click();
      const dialog = page.getByRole('dialog', { name: 'Search articles' });
      await dialog.getByRole('combobox', { name: 'Search articles' }).fill('film');
      await dialog.getByRole('option').first().waitFor();
      assert.deepEqual(await axe(page, { every: true }), [], 'the search dialog with results');
      assert.deepEqual(unexpected(), []);
    });
  });
}
