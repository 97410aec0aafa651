// Search as readers use it: the header's dialog (mouse and keyboard), the
// shareable /search page, and the index loaded only once search is opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../scripts/serve.mjs';
import { launch, axe, screenshot, withPage as sharedWithPage, goLive, reloadLive, watchLayoutShift, layoutShift } from './browser.mjs';

const root = new URL('../', import.meta.url).pathname;
let browser, site, magazine;
before(async () => {
  browser = await launch();
  site = await serve({ dir: root + 'dist' });
  magazine = await serve({ dir: root + 'dist-magazine', prefix: '/magazine/' });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await magazine?.close();
});

const withPage = (options, fn) => sharedWithPage(browser, options, fn);
const dialog = (page) => page.getByRole('dialog', { name: 'Search articles' });
const field = (page) => dialog(page).getByRole('combobox', { name: 'Search articles' });
const status = (page) => page.locator('#search-dialog-status');
const FILM_OUT = 'BTS release “Film Out”, a ballad written with back number’s Iyori Shimizu';
const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

async function typeQuery(page, text) {
  await field(page).fill(text);
  await page.waitForFunction((q) => document.getElementById('search-dialog-results')?.dataset.query === q, text);
}

test('the index is fetched only when search first opens; type, arrow, Enter lands on the article', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await goLive(page, site.url);
    await page.waitForTimeout(300);
    assert.deepEqual(requests.filter((p) => p.includes('/search/')), [], 'nothing before opening');
    // Once the app runs, the link says it opens a dialog, and "/" does too.
    const link = page.getByRole('banner').getByRole('link', { name: 'Search' });
    await page.waitForFunction(() => document.querySelector('.site-header__search')?.getAttribute('aria-haspopup') === 'dialog');
    assert.equal(await link.getAttribute('aria-keyshortcuts'), '/');
    await link.click();
    assert.ok(await dialog(page).isVisible());
    assert.ok(await isFocused(field(page)), 'the field has focus');
    await page.keyboard.type('film', { delay: 40 });
    await page.getByRole('option').first().waitFor();
    assert.ok(requests.some((p) => p.endsWith('/content/search/index.json')));
    assert.ok(requests.some((p) => p.endsWith('/content/search/terms-f.json')));
    assert.ok(!requests.some((p) => p.endsWith('/content/search/terms-b.json')), 'only the files the query needs');
    const first = page.getByRole('option').first();
    assert.match(await first.textContent(), /Film Out/);
    const marks = await first.locator('mark').allTextContents();
    assert.ok(marks.length >= 1 && marks.every((m) => /^film$/i.test(m)), `matched words are highlighted: ${marks}`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    assert.equal(await field(page).getAttribute('aria-activedescendant'), await first.getAttribute('id'));
    // Closed and opened again, the words stay and the arrows start again.
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await dialog(page).waitFor();
    assert.equal(await field(page).inputValue(), 'film');
    assert.equal(await field(page).getAttribute('aria-activedescendant'), null);
    await page.keyboard.press('ArrowDown');
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    await screenshot(page, 'search-dialog');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/article/film-out');
    assert.ok(!(await dialog(page).isVisible()));
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    // Choosing the article one is on closes the dialog and puts focus back
    // on the Search link, not on nothing.
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await field(page).fill('film');
    await page.getByRole('option').filter({ hasText: 'Film Out' }).first().click();
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    assert.equal(new URL(page.url()).pathname, '/article/film-out');
    assert.ok(await page.getByRole('banner').getByRole('link', { name: 'Search' }).evaluate((el) => el === document.activeElement), 'focus is back on Search');
    // A click on the dimmed page around it closes it too, focus back on Search.
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await dialog(page).waitFor();
    await page.mouse.click(5, 5);
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    assert.ok(await page.getByRole('banner').getByRole('link', { name: 'Search' }).evaluate((el) => el === document.activeElement), 'focus is back on Search after a backdrop click');
    assert.deepEqual(unexpected(), []);
  });
});

test('a result chosen far down a page opens the article at its top; a modified click opens it in a new tab', async () => {
  await withPage({ width: 1280, height: 800 }, async ({ page, context, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    await page.evaluate(() => scrollTo(0, 1500));
    await page.keyboard.press('/');
    await typeQuery(page, 'lantern');
    const result = page.getByRole('option').first();
    const title = (await result.locator('.search-result__title').textContent()).trim();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => Math.round(scrollY)), 0, 'the article starts at its top');
    const heading = await page.getByRole('heading', { level: 1, name: title }).boundingBox();
    assert.ok(heading.y >= 0, 'its headline is on the screen');
    const here = page.url();
    await page.keyboard.press('/');
    await typeQuery(page, 'film');
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('option').filter({ hasText: 'Film Out' }).first().click({ modifiers: ['Control'] }),
    ]);
    await tab.waitForURL(/\/article\/film-out$/);
    assert.equal(page.url(), here, 'the page the reader is on stays');
    await tab.close();
    assert.deepEqual(unexpected(), []);
  });
});

test('with text at 200% on a 320 px phone, the dialog and the search page fit the screen', async () => {
  await withPage({ width: 320, height: 640 }, async ({ page, context, unexpected }) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await goLive(page, site.url + 'article/film-out');
    await page.keyboard.press('/');
    await typeQuery(page, 'film');
    const sideways = () => page.evaluate(() => {
      const d = document.querySelector('dialog[open]');
      return d.scrollWidth - d.clientWidth;
    });
    assert.equal(await sideways(), 0, 'the dialog does not scroll sideways');
    const close = await page.getByRole('button', { name: 'Close search' }).boundingBox();
    assert.ok(close.x >= 0 && close.x + close.width <= 320, 'Close search is whole on the screen');
    // A pasted address without spaces wraps too.
    await typeQuery(page, 'x'.repeat(500));
    assert.equal(await sideways(), 0, 'a long query does not widen it');
    await page.keyboard.press('Escape');
    await goLive(page, site.url + 'search?q=film');
    await page.locator('.search-page__results').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320, 'the search page fits');
    const field = await page.locator('.search-page .search-field').boundingBox();
    assert.ok(field.width >= 200, `the field has room for a query (${field.width} px)`);
    assert.deepEqual(unexpected(), []);
  });
});

test('at 400% zoom (320 × 256), the arrow keys bring results into view and the field stays in sight above them', async () => {
  await withPage({ width: 320, height: 256 }, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    await page.keyboard.press('/');
    await typeQuery(page, 'review');
    const seen = () => page.evaluate(() => {
      const d = document.querySelector('dialog[open]').getBoundingClientRect();
      const f = document.getElementById('search-dialog-input').getBoundingClientRect();
      const o = document.querySelector('[role="option"][aria-selected="true"]').getBoundingClientRect();
      return { fieldTop: f.top - d.top, fieldBottom: f.bottom - d.top, optionTop: o.top - d.top, height: d.height };
    });
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(150);
      const at = await seen();
      assert.ok(at.fieldTop >= 0 && at.fieldBottom <= at.height, `the field is in view after ${i + 1}: ${JSON.stringify(at)}`);
      assert.ok(at.optionTop >= at.fieldBottom, `the chosen result is below the field: ${JSON.stringify(at)}`);
    }
    assert.ok(await isFocused(field(page)));
    await page.keyboard.type(' choir');
    assert.equal(await field(page).inputValue(), 'review choir');
    assert.deepEqual(unexpected(), []);
  });
});

test('keyboard: "/" and the link open it, Escape and "Close search" close it, focus returns, the page behind is inert', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    const trigger = page.getByRole('banner').getByRole('link', { name: 'Search' });
    await page.keyboard.press('/');
    assert.ok(await dialog(page).isVisible());
    assert.ok(await isFocused(field(page)));
    // Tab never reaches the page behind while the dialog is open (past the
    // dialog's last control it goes to the browser's own controls).
    await field(page).fill('film');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'browser';
        return document.querySelector('dialog').contains(el) ? 'dialog' : el.outerHTML.slice(0, 80);
      });
      assert.ok(where === 'dialog' || where === 'browser', `tab ${i}: ${where}`);
    }
    assert.ok(await page.evaluate(() => {
      const link = document.querySelector('main a');
      const box = link.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + 1, box.y + 1);
      return !link.contains(hit);
    }), 'the page behind cannot be clicked');
    await field(page).focus();
    await page.keyboard.press('Escape');
    assert.ok(!(await dialog(page).isVisible()));
    assert.ok(await isFocused(trigger), 'focus is back on the Search link');
    await page.keyboard.press('Enter');
    assert.ok(await dialog(page).isVisible());
    await dialog(page).getByRole('button', { name: 'Close search' }).click();
    assert.ok(!(await dialog(page).isVisible()));
    assert.ok(await isFocused(trigger));
    assert.deepEqual(unexpected(), []);
  });
});

test('“/” mid-article, then Escape: focus goes back where it was, and the page stays put', async () => {
  await withPage({ width: 390, height: 700 }, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/film-out`);
    const link = page.locator('.article__body a[href]').last();
    await link.scrollIntoViewIfNeeded();
    await link.focus();
    const at = await page.evaluate(() => scrollY);
    assert.ok(at > 300, 'mid-article');
    await page.keyboard.press('/');
    assert.ok(await dialog(page).isVisible());
    await page.keyboard.press('Escape');
    assert.ok(!(await dialog(page).isVisible()));
    assert.ok(await isFocused(link), 'focus is back on the link');
    assert.equal(await page.evaluate(() => scrollY), at);
    assert.deepEqual(unexpected(), []);
  });
});

test('case, diacritics, Japanese and Korean; no results says so with the query', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url);
    await page.keyboard.press('/');
    for (const [query, title] of [['BJORK', 'In praise of the liner note'], ['シグナル', FILM_OUT], ['グナ', FILM_OUT], ['탄소년', FILM_OUT], ['lant', 'Lantern Field']]) {
      await typeQuery(page, query);
      assert.match(await page.getByRole('option').first().textContent(), new RegExp(title.replace(/[“”’]/g, '.')), query);
    }
    // While an input method composes, Enter takes its candidate and Escape
    // drops it: neither opens a result nor closes the search.
    await typeQuery(page, 'シグナル');
    const url = page.url();
    for (const key of ['ArrowDown', 'Enter', 'Escape']) {
      await page.locator('dialog[open] input').dispatchEvent('keydown', { key, isComposing: true, bubbles: true });
    }
    await page.waitForTimeout(300);
    assert.equal(page.url(), url);
    assert.equal(await page.locator('dialog[open]').count(), 1);
    assert.equal(await page.locator('[role="option"][aria-selected="true"]').count(), 0);
    await typeQuery(page, 'zyzzyva');
    assert.match(await status(page).textContent(), /No articles match “zyzzyva”/);
    assert.equal(await page.getByRole('option').count(), 0);
    // No way on to a page that would say the same.
    assert.equal(await dialog(page).getByRole('link', { name: /See all results/ }).count(), 0);
    // A pasted paragraph: its link is cut short as the status is, not the whole text.
    await typeQuery(page, 'film '.repeat(60).trim());
    const all = await dialog(page).getByRole('link', { name: /See all results/ }).textContent();
    assert.ok(all.length < 120 && all.includes('…'), all);
    assert.deepEqual(unexpected(), []);
  });
});

test('/search?q= is a real page: shareable, reloadable, and reached from the dialog', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url);
    await page.keyboard.press('/');
    await typeQuery(page, 'review');
    await dialog(page).getByRole('link', { name: 'See all results for “review”' }).click();
    await page.getByRole('heading', { level: 1, name: 'Results for “review”' }).waitFor();
    assert.equal(new URL(page.url()).search, '?q=review');
    await page.locator('.search-page__results .search-result').first().waitFor();
    const titles = await page.locator('.search-page__results .search-result__title').allTextContents();
    assert.ok(titles.length >= 2, titles.join(' | '));
    assert.ok(titles.every((t) => /Review/.test(t)), titles.join(' | '));
    await reloadLive(page);
    await page.getByRole('heading', { level: 1, name: 'Results for “review”' }).waitFor();
    await page.locator('.search-page__results .search-result').first().waitFor();
    assert.deepEqual(await page.locator('.search-page__results .search-result__title').allTextContents(), titles);
    // The page's own form.
    await page.getByRole('main').getByLabel('Search articles').fill('city pop');
    await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Results for “city pop”' }).waitFor();
    await page.locator('.search-page__results .search-result').first().waitFor();
    assert.equal(new URL(page.url()).search, '?q=city%20pop');
    await page.locator('.search-page__results a').first().click();
    await page.getByRole('heading', { level: 1, name: 'The second life of city pop' }).waitFor();
    assert.deepEqual(unexpected(), []);
  });
  // Shared: opened directly, even with no query, and under a sub-path.
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, magazine.url + 'search?q=lantern');
    await page.locator('.search-page__results .search-result').first().waitFor();
    assert.equal(await page.locator('.search-page__results a').first().getAttribute('href'), '/magazine/article/lantern-field-festival-lineup');
    await goLive(page, magazine.url + 'search');
    await page.getByText('Type an artist, a title or any words').waitFor();
    assert.deepEqual(unexpected(), []);
  });
});

test('on the search page, the dialog closes for another search and for this one, with focus kept, and adds no repeat to history', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'search?q=film');
    await page.locator('.search-page__results .search-result').first().waitFor();
    await page.keyboard.press('/');
    await typeQuery(page, 'city');
    await dialog(page).getByRole('link', { name: 'See all results for “city”' }).click();
    await page.getByRole('heading', { level: 1, name: 'Results for “city”' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
    // The same words again: nothing to load, the dialog closes as Escape
    // does (focus back on Search), and Back still leads to the last search.
    const entries = await page.evaluate(() => history.length);
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await typeQuery(page, 'city');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    assert.ok(await page.getByRole('banner').getByRole('link', { name: 'Search' }).evaluate((el) => el === document.activeElement), 'focus is back on Search');
    assert.equal(await page.evaluate(() => history.length), entries);
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await typeQuery(page, 'city');
    await dialog(page).getByRole('link', { name: 'See all results for “city”' }).click();
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    assert.equal(await page.evaluate(() => history.length), entries);
    // Back, with the dialog open: it closes as the page changes.
    await page.keyboard.press('/');
    await dialog(page).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Results for “film”' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    assert.deepEqual(unexpected(), []);
  });
});

test('Enter after new words searches them, not a result highlighted for the words before', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url);
    await page.keyboard.press('/');
    await typeQuery(page, 'city');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByRole('option').first().getAttribute('aria-selected'), 'true');
    // Typed and entered within the pause before the new words' search.
    await page.keyboard.type(' zzzz', { delay: 10 });
    assert.equal(await field(page).getAttribute('aria-activedescendant'), null);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Results for “city zzzz”' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/search');
    assert.deepEqual(unexpected(), []);
  });
});

test('a search that takes long says it is searching, over the results of the words before', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(/\/content\/search\/terms-l[^/]*\.json$/, async (route) => {
      await held;
      return route.continue();
    });
    await goLive(page, site.url);
    await page.keyboard.press('/');
    await typeQuery(page, 'film');
    await field(page).fill('lantern');
    await page.waitForFunction(() => document.getElementById('search-dialog-status').textContent === 'Searching…');
    assert.equal(await page.locator('#search-dialog-results').getAttribute('aria-busy'), 'true');
    release();
    await page.waitForFunction(() => document.getElementById('search-dialog-results')?.dataset.query === 'lantern');
    assert.equal(await page.locator('#search-dialog-results').getAttribute('aria-busy'), 'false');
    assert.match(await status(page).textContent(), /found/);
    assert.deepEqual(unexpected(), []);
  });
});

test('offline, search says so in plain words, and searches again once the connection is back', async () => {
  await withPage({}, async ({ page, context, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    await context.setOffline(true);
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.keyboard.type('film');
    await page.waitForFunction(() => /^Search is unavailable right now: .*could not be downloaded: check the connection/.test(document.getElementById('search-dialog-status').textContent));
    // One pair of brackets at most, not one inside another.
    assert.doesNotMatch(await status(page).textContent(), /\([^)]*\(/);
    await context.setOffline(false);
    await page.getByRole('option').first().waitFor();
    assert.match(await page.getByRole('option').first().textContent(), /Film Out/);
    assert.deepEqual(unexpected([/ERR_INTERNET_DISCONNECTED/, /Failed to fetch/]), []);
  });
});

test('a search address shows its results, or that there are none, without moving the page', async () => {
  for (const q of ['film', 'zzzzqx']) {
    await withPage({ width: 390, height: 800 }, async ({ page, unexpected }) => {
      await watchLayoutShift(page);
      await goLive(page, `${site.url}search?q=${q}`);
      await page.locator('.search-page [role="status"], .search-page ol, .search-page p').first().waitFor();
      await page.waitForTimeout(800);
      assert.equal(await layoutShift(page), 0, q);
      assert.deepEqual(unexpected(), []);
    });
  }
});

test('another search from the search page’s own form is said by the status line that was there from the start', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}search?q=film`);
    const line = page.locator('.search-page__count');
    await page.waitForFunction(() => /found/.test(document.querySelector('.search-page__count')?.textContent));
    assert.equal(await line.getAttribute('role'), 'status');
    const node = await line.elementHandle();
    const form = page.getByRole('main').getByRole('search');
    await form.getByLabel('Search articles').fill('zzzzqx');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForFunction(() => /^No articles match “zzzzqx”/.test(document.querySelector('.search-page__count')?.textContent));
    assert.ok(await node.evaluate((el) => el.isConnected), 'the same line says it, not one added with its words');
    assert.equal(await page.locator('.search-page [role="status"]').count(), 1);
    assert.deepEqual(unexpected(), []);
  });
});

test('a cut-short index: the dialog and the page say search is unavailable, and offer no results page', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.route('**/content/search/index.json', (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: '{"version":1,"terms":',
    }));
    await goLive(page, site.url + 'article/film-out');
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.keyboard.type('film');
    await page.waitForFunction(() => /unavailable right now: the data is cut short/.test(document.getElementById('search-dialog-status').textContent));
    assert.equal(await dialog(page).getByRole('link', { name: /See all results/ }).count(), 0);
    await goLive(page, site.url + 'search?q=film');
    const problem = page.getByRole('main').getByRole('alert');
    await problem.waitFor();
    assert.match(await problem.textContent(), /couldn’t show search results: the data is cut short/);
    assert.ok(await problem.getByRole('button', { name: 'Retry' }).isVisible());
    assert.deepEqual(unexpected(), []);
  });
});

test('search’s own code is fetched with the first search; if it cannot be, search says so and works on the next try', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    const code = [];
    let drop = true;
    await page.route(/\/linernotes-search-[0-9a-f]+\.wasm$/, (route) => {
      code.push(route.request().url());
      return drop ? route.abort('internetdisconnected') : route.continue();
    });
    await goLive(page, site.url + 'article/film-out');
    await page.waitForTimeout(300);
    assert.deepEqual(code, [], 'not fetched before the reader searches');
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.keyboard.type('film');
    await page.waitForFunction(() => /Search is unavailable right now: .*this part of the app could not be downloaded/.test(document.getElementById('search-dialog-status').textContent));
    assert.equal(await dialog(page).getByRole('link', { name: /See all results/ }).count(), 0);
    drop = false;
    // Back online, the search is made again without another keystroke.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByRole('option').first().waitFor();
    assert.match(await page.getByRole('option').first().textContent(), /Film Out/);
    await field(page).fill('');
    await typeQuery(page, 'film');
    assert.match(await page.getByRole('option').first().textContent(), /Film Out/);
    assert.deepEqual(unexpected([/ERR_INTERNET_DISCONNECTED/, /Failed to fetch/]), []);
  });
});

test('without JavaScript the Search link leads to a search page with a working form', async () => {
  await withPage({ javaScriptEnabled: false }, async ({ page, unexpected }) => {
    await page.goto(site.url + 'article/film-out');
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
    await page.getByRole('main').getByLabel('Search articles').fill('lantern');
    await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\?q=lantern$/);
    // (Chromium shows <noscript> only when scripting is off at the engine
    // level, not under this emulation: check the page says it.)
    assert.match(await (await fetch(site.url + 'search?q=lantern')).text(), /<noscript[^>]*>Search results need JavaScript/);
    assert.equal(await page.getByText('Loading search results').count(), 0, 'no promise of results that cannot come');
    assert.deepEqual(unexpected(), []);
  });
});

test('axe-core finds no violations with the dialog open and on the search page, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      await withPage({ width }, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await goLive(page, site.url);
        await page.keyboard.press('/');
        await typeQuery(page, 'film');
        await page.keyboard.press('ArrowDown');
        assert.deepEqual(await axe(page), [], `dialog, ${colorScheme}, ${width}`);
        await screenshot(page, `search-dialog-${colorScheme}-${width}`);
        await goLive(page, site.url + 'search?q=review');
        await page.locator('.search-page__results .search-result').first().waitFor();
        assert.deepEqual(await axe(page), [], `page, ${colorScheme}, ${width}`);
      });
    }
  }
});
