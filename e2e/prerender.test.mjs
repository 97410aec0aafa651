// Prerendered pages: readable from the first response with JavaScript off,
// taken over by the app without a visible change, and the feed, sitemap and
// robots.txt the build writes beside them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { serve } from '../scripts/serve.mjs';
import { startIsso, queryDb } from '../scripts/isso.mjs';
import { launch, withPage as sharedWithPage, screenshot, DEEP_LINK_404, goLive } from './browser.mjs';
import { copyBuild, republish, addArticle, removeBuild } from './prerendered.mjs';

const root = new URL('../', import.meta.url).pathname;
const articleFile = (slug) => JSON.parse(readFileSync(`${root}public/content/articles/${slug}.json`, 'utf8'));
const slugs = readdirSync(`${root}public/content/articles`).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
const FILM_OUT = articleFile('film-out');
const ORIGIN = JSON.parse(readFileSync(`${root}public/site.json`, 'utf8')).origin;

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
const words = (text) => text.replace(/\s+/g, ' ').trim();

// The page writes the reader's place into its history entry once scrolling rests.
const placeKept = (page) => page.waitForFunction(() => Math.abs((history.state?.linernotesScroll ?? -1) - scrollY) < 2, null, { timeout: 5000 }).catch(() => {});

test('with JavaScript off, an article is whole and its links navigate', async () => {
  await withPage({ javaScriptEnabled: false, width: 390 }, async ({ page, unexpected }) => {
    for (const path of ['article/film-out', 'article/film-out/']) {
      await page.goto(site.url + path);
      assert.equal(words(await page.locator('h1').textContent()), FILM_OUT.title);
      const subheadings = (await page.locator('.article__body h2').allTextContents()).map(words);
      const expected = FILM_OUT.body.filter((b) => b.type === 'heading').map((b) => b.text);
      assert.deepEqual(subheadings, expected);
      const lines = FILM_OUT.body.filter((b) => b.type === 'lyrics').flatMap((b) => b.lines);
      for (const line of lines) assert.ok(await page.getByText(line, { exact: true }).isVisible(), line);
      // Controls only the app answers are hidden: the player is its link, the carousel scrolls by hand.
      assert.equal(await page.getByRole('button', { name: 'Play BTS “Film Out” official music video on YouTube' }).count(), 0);
      assert.ok(await page.getByRole('link', { name: /Watch on YouTube/ }).isVisible());
      assert.ok((await page.locator('.featured-carousel .article-card').count()) >= 2, 'the Featured cards are there');
      assert.equal(await page.getByRole('button', { name: /Previous|Next/ }).count(), 0);
      // Search is a plain link to its page: no dialog, no "/" to promise.
      const search = page.getByRole('banner').getByRole('link', { name: /Search/ });
      assert.equal(await search.getAttribute('aria-haspopup'), null);
      assert.equal(await search.getAttribute('aria-keyshortcuts'), null);
    }
    await screenshot(page, 'prerendered-no-js-film-out');
    // Links lead to other prerendered pages, with no script at all.
    await page.locator('.article__category').getByRole('link', { name: 'News' }).click();
    await page.getByRole('heading', { level: 1, name: 'News' }).waitFor();
    const card = page.locator('.article-card a').first();
    const title = words(await card.textContent());
    await card.click();
    assert.equal(words(await page.locator('h1').textContent()), title);
    await page.getByRole('banner').getByRole('link', { name: 'linernotes' }).click();
    await page.getByRole('heading', { name: 'Featured' }).first().waitFor();
    // An address the build did not render is no dead end: it says what it
    // may be, and leads to the pages that need no script.
    const response = await page.goto(site.url + 'article/no-such-article');
    assert.equal(response.status(), 404);
    // (In a <noscript>, which Playwright's text search leaves out.)
    assert.match(await page.locator('.noscript-note').innerText(), /^This page needs JavaScript, or it is not here\./);
    await page.getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    await page.goto(site.url + 'no/such/page');
    await page.getByRole('link', { name: 'The front page' }).click();
    await page.getByRole('heading', { name: 'Featured' }).first().waitFor();
    assert.deepEqual(unexpected([/status of 404/]), []);
  });
});

test('the app takes the page over in place: same text, no shift, focus and scroll kept, no refetch', async () => {
  await withPage({ width: 390, height: 700 }, async ({ page, unexpected }) => {
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    page.on('load', () => requests.push('(load)'));
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // Hold the .wasm back: the reader reads, tabs and scrolls meanwhile.
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(site.url + 'article/film-out');
    await page.locator('h1').waitFor();
    assert.ok(await page.locator('h1').isVisible(), 'the headline shows before the .wasm has arrived');
    assert.equal(await page.locator('#app').getAttribute('data-app'), null);
    // The page as sent, before the app: what the reader sees must not change.
    const plain = words(await page.locator('#app').innerText());
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.textContent);
    await page.evaluate(() => window.scrollTo(0, 600));
    const scrolled = await page.evaluate(() => window.scrollY);
    release();
    await page.locator('#app[data-app="live"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), focused);
    assert.ok(await page.evaluate(() => document.getElementById('app').contains(document.activeElement)));
    assert.equal(await page.evaluate(() => window.scrollY), scrolled);
    assert.equal(await page.evaluate(() => window.__shift), 0, 'no layout shift');
    assert.equal(words(await page.locator('#app').innerText()), plain);
    // The article comes with the page. Its file is read once, after the
    // page has loaded, to see whether it changed since the build; the app
    // does not fetch it again.
    const article = requests.filter((p) => p.endsWith('/film-out.json'));
    assert.deepEqual(article, ['/content/articles/film-out.json'], requests.join(' '));
    assert.ok(requests.indexOf(article[0]) > requests.indexOf('(load)'), `read after the page loaded: ${requests.join(' ')}`);
    assert.ok(!requests.some((p) => p.endsWith('/index.json')), 'so do the Featured cards');
    // Interactive parts work once the app is live.
    await page.getByRole('button', { name: 'Play BTS “Film Out” official music video on YouTube' }).click();
    await page.locator('iframe[src*="youtube-nocookie.com/embed/"]').waitFor();
    assert.deepEqual(unexpected(), []);
  });
});

test("the app's files load after the page, each checked against its integrity", async () => {
  await withPage({}, async ({ page, unexpected }) => {
    const order = [];
    page.on('requestfinished', (r) => order.push(new URL(r.url()).pathname));
    page.on('request', (r) => {
      if (/\/linernotes-[^/]*\.(js|wasm)$/.test(r.url())) order.push(`start ${new URL(r.url()).pathname}`);
    });
    await page.goto(site.url + 'article/film-out');
    await page.locator('#app[data-app="live"]').waitFor({ state: 'attached' });
    const firstAppFile = order.findIndex((p) => p.startsWith('start '));
    const loaded = (suffix) => order.findIndex((p) => !p.startsWith('start ') && p.endsWith(suffix));
    assert.ok(firstAppFile > loaded('.css'), `the stylesheet first: ${order.join(', ')}`);
    assert.ok(firstAppFile > loaded('/images/film-out.svg'), `the hero image first: ${order.join(', ')}`);
    assert.deepEqual(unexpected(), []);
  });
  // A glue file that is not the one the page names is refused: the page
  // stays readable, and nothing of the altered file runs.
  await withPage({}, async ({ page, unexpected }) => {
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    await page.route(/\/linernotes-[^/]*\.js$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()}\nglobalThis.__altered = true;\n` });
    });
    await page.goto(site.url + 'article/film-out');
    await page.waitForFunction(() => document.readyState === 'complete');
    // The bar over the page's foot says the app could not start.
    await page.locator('.boot-failed').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => globalThis.__altered), undefined, 'the altered glue never ran');
    assert.equal(await page.locator('#app').getAttribute('data-app'), null);
    assert.ok(errors.some((e) => /linernotes could not start/.test(e)), errors.join('\n'));
    assert.ok(await page.locator('h1').isVisible(), 'the article stays readable');
    assert.deepEqual(unexpected([/linernotes could not start/, /integrity/i, /digest/i]), []);
  });
  // A .wasm that is not there: the app shell, which has nothing else to
  // show, says so and offers a reload.
  await withPage({}, async ({ page, unexpected }) => {
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }));
    // The glue arrives after the .wasm has failed: that failure waits to
    // be reported, and must not surface as an unhandled rejection.
    await page.route(/\/linernotes-[^/]*\.js$/, async (route) => {
      await new Promise((done) => setTimeout(done, 500));
      await route.continue();
    });
    await page.goto(site.url + 'article/published-after-the-build');
    await assert.doesNotReject(page.getByText('This page could not start in your browser.').waitFor());
    assert.ok(await page.getByRole('link', { name: 'Reload' }).isVisible());
    // The error page fails the file's integrity before its status is seen.
    assert.deepEqual(unexpected([/linernotes could not start/, /integrity/i, /digest/i, DEEP_LINK_404]), []);
  });
  // The same on a prerendered page: it stays readable, and the console
  // names the file that failed, with no unhandled rejection beside it.
  await withPage({}, async ({ page, unexpected }) => {
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }));
    await page.route(/\/linernotes-[^/]*\.js$/, async (route) => {
      await new Promise((done) => setTimeout(done, 500));
      await route.continue();
    });
    await page.goto(site.url + 'article/film-out');
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.locator('.boot-failed').waitFor();
    assert.ok(errors.some((e) => /linernotes could not start: \/linernotes-[^ ]*\.wasm could not be fetched/.test(e)), errors.join('\n'));
    assert.ok(await page.locator('h1').isVisible(), 'the article stays readable');
    // A press now is not promised to happen: the bar and its Reload stay.
    await page.getByRole('button', { name: 'Next stories' }).click();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.boot-waiting').count(), 0);
    assert.ok(await page.locator('.boot-failed').getByRole('link', { name: 'Reload' }).isVisible());
    assert.deepEqual(unexpected([/linernotes could not start/, /integrity/i, /digest/i, DEEP_LINK_404]), []);
  });
});

test('a reload of an article the app rendered (published after the build) returns to the reader\'s place', async () => {
  const dir = copyBuild();
  addArticle(dir, {
    schema: 1, slug: 'long-late-read', title: 'A long read published after the build', published: '2026-11-22T10:00:00Z',
    body: Array.from({ length: 60 }, (_, i) => ({
      type: 'paragraph', id: `p${i + 1}`, content: [{ text: `Paragraph ${i + 1}, long enough to take a few lines of the page on a narrow screen, and then some more words.` }],
    })),
  });
  const copy = await serve({ dir });
  try {
    await withPage({ width: 390, height: 700 }, async ({ page, unexpected }) => {
      await goLive(page, copy.url + 'article/long-late-read');
      await page.getByText('Paragraph 60,').waitFor();
      await page.evaluate(() => window.scrollTo(0, 3000));
      await page.waitForTimeout(400);
      await placeKept(page);
      const place = await page.evaluate(() => window.scrollY);
      assert.ok(place > 2000, `the page scrolls (${place})`);
      await page.reload();
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, place, { timeout: 5000 });
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  } finally {
    await copy.close();
    removeBuild(dir);
  }
});

test('an article published after the build renders on the client', async () => {
  const dir = copyBuild();
  const late = {
    schema: 1, slug: 'late-edition', title: 'Late edition: a single from the night shift',
    published: '2026-11-20T10:00:00Z', category: { slug: 'news', name: 'News' },
    body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'Published as a file, after the build.' }] }],
  };
  addArticle(dir, late);
  const copy = await serve({ dir });
  try {
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, copy.url + 'article/late-edition');
      await page.getByRole('heading', { level: 1, name: late.title }).waitFor();
      assert.ok(await page.getByText('Published as a file, after the build.').isVisible());
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  } finally {
    await copy.close();
    removeBuild(dir);
  }
});

test('an unlisted page is at its address and in the sitemap, and in no list, search or feed', async () => {
  const dir = copyBuild();
  // Written in Markdown, as an editor would; the build compiles it.
  writeFileSync(`${dir}/content/articles/about-us.md`, [
    '---', 'title: About linernotes', 'published: 2020-01-01T09:00:00Z', 'unlisted: true', 'comments: false', '---',
    'We are a small masthead of listeners who write about the records we keep.', '',
  ].join('\n'));
  republish(dir);
  const copy = await serve({ dir });
  try {
    const index = JSON.parse(readFileSync(`${dir}/content/index.json`, 'utf8'));
    assert.equal(index.articles.length, slugs.length, 'index.json lists the articles only');
    assert.ok(!index.articles.some((c) => c.slug === 'about-us'));
    assert.equal(JSON.parse(readFileSync(`${dir}/content/articles/about-us.json`, 'utf8')).unlisted, true);
    const feed = await (await fetch(copy.url + 'feed.xml')).text();
    assert.ok(!feed.includes('about-us'), 'not news to a feed reader');
    assert.ok(feed.includes('article/film-out'));
    const sitemap = await (await fetch(copy.url + 'sitemap.xml')).text();
    assert.ok(sitemap.includes(`${ORIGIN}/article/about-us/<`), 'but found by search engines');
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, copy.url + 'article/about-us');
      await page.getByRole('heading', { level: 1, name: 'About linernotes' }).waitFor();
      assert.ok(await page.getByText('a small masthead of listeners').isVisible());
      // The carousel of an unlisted page lists the articles, not the page itself.
      assert.ok(!(await page.locator('.featured-carousel a[href$="/article/about-us"]').count()));
      await goLive(page, copy.url);
      await page.locator('main a[href$="/article/film-out"]').first().waitFor();
      assert.equal(await page.locator('a[href$="/article/about-us"]').count(), 0, 'not on the home page');
      await goLive(page, copy.url + 'search?q=masthead');
      await page.getByText(/No articles match/i).waitFor();
      assert.deepEqual(unexpected(), []);
    });
  } finally {
    await copy.close();
    removeBuild(dir);
  }
});

test('the sub-path build is prerendered under its path', async () => {
  await withPage({ javaScriptEnabled: false }, async ({ page, unexpected }) => {
    await page.goto(magazine.url + 'article/film-out/');
    assert.equal(words(await page.locator('h1').textContent()), FILM_OUT.title);
    const hrefs = await page.locator('#app a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 10);
    assert.deepEqual(hrefs.filter((h) => !h.startsWith('/magazine/')), []);
    await page.goto(magazine.url + 'article/no-such-article');
    assert.equal(await page.getByRole('link', { name: 'The front page' }).getAttribute('href'), '/magazine/');
    assert.equal(await page.getByRole('link', { name: 'News' }).getAttribute('href'), '/magazine/category/news');
    await page.goto(magazine.url + 'article/film-out/');
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    assert.equal(canonical, `${ORIGIN}/magazine/article/film-out/`);
    assert.deepEqual(unexpected([/status of 404/]), []);
  });
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, magazine.url + 'article/film-out/');
    await page.locator('.article__category').getByRole('link', { name: 'News' }).click();
    await page.getByRole('heading', { level: 1, name: 'News' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/magazine/category/news');
    assert.deepEqual(unexpected(), []);
  });
});

test('each page carries its title, description, previews and structured data', async () => {
  const html = await (await fetch(site.url + 'article/film-out')).text();
  const attr = (re) => html.match(re)?.[1];
  assert.match(html, /<title>BTS release “Film Out”[^<]* · linernotes<\/title>/);
  assert.equal(attr(/<meta name="description" content="([^"]*)"/), FILM_OUT.dek);
  assert.equal(attr(/<link rel="canonical" href="([^"]*)"/), `${ORIGIN}/article/film-out/`);
  assert.equal(attr(/<meta property="og:image" content="([^"]*)"/), `${ORIGIN}/${FILM_OUT.hero.src}`);
  assert.equal(attr(/<meta name="twitter:card" content="([^"]*)"/), 'summary_large_image');
  const ld = JSON.parse(attr(/<script type="application\/ld\+json">([^<]*)<\/script>/));
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, FILM_OUT.title);
  assert.equal(ld.datePublished, FILM_OUT.published);
  const seed = JSON.parse(attr(/<script type="application\/json" id="linernotes-seed">([^<]*)<\/script>/));
  assert.equal(seed.path, '/article/film-out');
  assert.deepEqual(seed.article, FILM_OUT, 'the article travels in the page as published');
  assert.ok(!/<script(?![^>]*(type="module"|type="application\/(ld\+)?json"))[^>]*>/.test(html), 'no inline executable script');
  assert.ok(!/ style="/.test(html), 'no inline style');
  const size = (await fetch(site.url + 'article/film-out', { headers: { 'accept-encoding': 'br' } })).headers.get('content-length');
  assert.ok(Number(size) > 0);
  // The front page says what site.json's tagline says; the search page names no site.
  const { tagline } = JSON.parse(readFileSync(root + 'public/site.json', 'utf8'));
  const home = await (await fetch(site.url)).text();
  assert.equal(home.match(/<meta name="description" content="([^"]*)"/)?.[1], tagline);
  const search = await (await fetch(site.url + 'search')).text();
  assert.equal(search.match(/<meta name="description" content="([^"]*)"/)?.[1], 'Search the articles by artist, title or any word.');
  assert.match(search, /<meta name="robots" content="noindex">/, 'the search form is kept out of search engines');
  assert.doesNotMatch(home, /noindex/);
});

test('the feed, the sitemap and robots.txt list every article and parse as XML', async () => {
  await withPage({}, async ({ page }) => {
    await page.goto(site.url + 'robots.txt');
    const check = async (path) => {
      const text = await (await fetch(site.url + path)).text();
      return page.evaluate(([text, slugs]) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
        const root = doc.documentElement;
        const ATOM = 'http://www.w3.org/2005/Atom';
        if (root.namespaceURI === ATOM) {
          const one = (el, name) => el.getElementsByTagNameNS(ATOM, name)[0]?.textContent;
          const entries = [...root.getElementsByTagNameNS(ATOM, 'entry')].map((e) => ({
            id: one(e, 'id'), title: one(e, 'title'), updated: one(e, 'updated'),
            href: e.getElementsByTagNameNS(ATOM, 'link')[0]?.getAttribute('href'),
          }));
          return { root: root.localName, ns: root.namespaceURI, id: one(root, 'id'), title: one(root, 'title'), updated: one(root, 'updated'), entries };
        }
        const locs = [...doc.getElementsByTagNameNS('http://www.sitemaps.org/schemas/sitemap/0.9', 'loc')].map((l) => l.textContent);
        return { root: root.localName, ns: root.namespaceURI, locs };
      }, [text, slugs]);
    };
    const feed = await check('feed.xml');
    assert.equal(feed.error, undefined, feed.error);
    assert.equal(feed.root, 'feed');
    assert.ok(feed.id && feed.title && !Number.isNaN(Date.parse(feed.updated)));
    assert.deepEqual(feed.entries.map((e) => e.href.replace(`${ORIGIN}/article/`, '').replace(/\/$/, '')).sort(), slugs);
    for (const entry of feed.entries) {
      assert.ok(entry.id && entry.title && !Number.isNaN(Date.parse(entry.updated)), JSON.stringify(entry));
    }
    const map = await check('sitemap.xml');
    assert.equal(map.error, undefined, map.error);
    assert.equal(map.root, 'urlset');
    for (const slug of slugs) assert.ok(map.locs.includes(`${ORIGIN}/article/${slug}/`), slug);
    assert.ok(map.locs.includes(`${ORIGIN}/`));
    assert.ok(map.locs.every((l) => l.startsWith(`${ORIGIN}/`)));
    const robots = await (await fetch(site.url + 'robots.txt')).text();
    assert.match(robots, new RegExp(`^Sitemap: ${ORIGIN}/sitemap.xml$`, 'm'));
    // Every listed page exists in the build.
    for (const loc of map.locs) {
      const res = await fetch(site.url + loc.slice(ORIGIN.length + 1));
      assert.equal(res.status, 200, loc);
    }
  });
});

test('with comments, the first response has the comment area, and its form comes with the comments’ code after takeover', async () => {
  const dir = copyBuild();
  const copy = await serve({ dir });
  const isso = await startIsso({ origin: copy.origin });
  try {
    republish(dir, (settings) => ({ ...settings, comments: { provider: 'isso', endpoint: isso.url } }));
    const html = await (await fetch(copy.url + 'article/night-bus-sessions')).text();
    assert.match(html, /<h2[^>]*id="comments-title"[^>]*>Comments(<!>)?<\/h2>/);
    // The thread and the form come with the comments' own code, once the
    // reader nears the area: until then it says they are on their way.
    assert.match(html, /<p class="comments__status">Loading comments…(<!>)?<\/p>/);
    assert.doesNotMatch(html, /<form[^>]*aria-label="Leave a comment"/);
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, copy.url + 'article/night-bus-sessions');
      await page.locator('#comments').scrollIntoViewIfNeeded();
      await page.getByText('No comments yet').waitFor();
      const form = page.getByRole('form', { name: 'Leave a comment' });
      await form.getByLabel('Your comment').fill('Read it before the app had even loaded.');
      await form.getByRole('button', { name: 'Post comment' }).click();
      await page.locator('.comment').filter({ hasText: 'Read it before the app' }).waitFor();
      const rows = queryDb(isso.db, "SELECT c.text FROM comments c JOIN threads t ON c.tid = t.id WHERE t.uri = '/article/night-bus-sessions'");
      assert.deepEqual(rows, [['Read it before the app had even loaded.']]);
      assert.deepEqual(unexpected(), []);
    });
  } finally {
    await isso.stop();
    await copy.close();
    removeBuild(dir);
  }
});
