// The foundation, as a reader meets it: the release build served by a
// files-only host with the strict CSP header, in a real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve } from '../scripts/serve.mjs';
import { launch, axe, screenshot, withPage as sharedWithPage, DEEP_LINK_404, goLive, reloadLive, watchLayoutShift, layoutShift } from './browser.mjs';

const root = new URL('../', import.meta.url).pathname;
let browser, site, magazine;

before(async () => {
  browser = await launch();
  site = await serve({ dir: root + 'dist', overlay: root + 'e2e/fixtures' });
  magazine = await serve({ dir: root + 'dist-magazine', prefix: '/magazine/' });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await magazine?.close();
});

const ORIGIN = JSON.parse(readFileSync(`${root}public/site.json`, 'utf8')).origin;
const FILM_OUT = 'BTS release “Film Out”, a ballad written with back number’s Iyori Shimizu';

const withPage = (options, fn) => sharedWithPage(browser, options, fn);

// The page writes the reader's place into its history entry once scrolling rests.
const placeKept = (page) => page.waitForFunction(() => Math.abs((history.state?.linernotesScroll ?? -1) - scrollY) < 2, null, { timeout: 5000 }).catch(() => {});

test('home lists the stories and a card opens its article', async () => {
  await withPage({}, async ({ page, unexpected, external }) => {
    const response = await goLive(page, site.url);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
    await page.getByRole('heading', { name: 'Featured' }).waitFor();
    const cards = page.getByRole('article');
    assert.ok((await cards.count()) >= 8);
    await page.getByRole('link', { name: FILM_OUT }).click();
    const headline = page.getByRole('heading', { level: 1, name: FILM_OUT });
    await headline.waitFor();
    assert.equal(new URL(page.url()).pathname, '/article/film-out');
    // Focus moves to the new page's heading (a frame after it renders), and the title followed.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await page.title(), `${FILM_OUT} · linernotes`);
    assert.match(await page.locator('meta[name="description"]').getAttribute('content'), /Japanese-language single/);
    await page.getByRole('status').filter({ hasText: FILM_OUT }).waitFor();
    assert.deepEqual(unexpected(), []);
    assert.deepEqual(external, []);
  });
});

test('back on the front page by keyboard, its heading for screen readers shows where focus is', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    await page.locator('.site-header__name').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.matches('h1.visually-hidden'), null, { timeout: 5000 });
    const shown = await page.evaluate(() => {
      const h = document.activeElement;
      const r = h.getBoundingClientRect();
      const style = getComputedStyle(h);
      return { text: h.textContent, width: r.width, height: r.height, top: r.top, outline: style.outlineStyle, inFlow: style.position };
    });
    assert.equal(shown.text, 'Latest stories');
    assert.ok(shown.width > 50 && shown.height > 10 && shown.top >= 0, `seen on screen: ${JSON.stringify(shown)}`);
    assert.equal(shown.outline, 'solid');
    assert.equal(shown.inFlow, 'absolute', 'out of the flow, so nothing moves');
    await screenshot(page, 'home-heading-focused');
    // A press elsewhere takes focus away, and the heading is for screen readers again.
    await page.keyboard.press('Tab');
    assert.ok((await page.locator('h1.visually-hidden').boundingBox()).width <= 1);
    assert.deepEqual(unexpected(), []);
  });
});

test('a deep link renders the whole article on reload', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    await reloadLive(page);
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    const subheadings = await page.locator('.article__body h2').allTextContents();
    assert.deepEqual(subheadings, ['A slow song about someone who stays', 'On the way to “BTS, The Best”']);
    assert.match(await page.locator('.pull-quote').textContent(), /memory behaving like film/);
    const lines = await page.locator('.lyric-quote__line').allTextContents();
    assert.equal(lines.length, 3);
    // Korean and Japanese in the text are marked for screen readers, and
    // the players' controls are the reader's own (English) words.
    assert.deepEqual(await page.locator('.article__body [lang]:not([lang="en"])').evaluateAll((els) => els.map((el) => [el.lang, el.textContent])),
      [['ja', 'シグナル'], ['ko', '방탄소년단']]);
    // (A player's note, empty until the page refuses its frame, says nothing.)
    assert.deepEqual(await page.locator('.article__body [lang="en"]:not(:empty)').evaluateAll((els) => els.map((el) => el.textContent.trim())),
      ['Play BTS “Film Out” official music video on YouTube', 'Watch on YouTube', 'Play Film Out by BTS on Spotify', 'Listen on Spotify']);
    assert.match(await page.locator('.article__meta time').first().getAttribute('datetime'), /^2021-04-02T09:00:00/);
    assert.ok(await page.getByRole('img', { name: /strip of film frames/ }).isVisible());
    // With "comments": "none" in site.json, no comment area and no passage markers.
    await page.locator('.featured-carousel').waitFor();
    assert.equal(await page.locator('.comments, .feedback-marker').count(), 0);
    // On a focus-less first load, focus is not stolen from the document.
    assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('Back and Forward return the reader to where they were on each page', async () => {
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    const scrollTo = async (y) => {
      await page.evaluate((y) => window.scrollTo(0, y), y);
      await page.waitForTimeout(400);
      await placeKept(page);
      return page.evaluate(() => window.scrollY);
    };
    const at = (y) => page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, y, { timeout: 5000 });
    await goLive(page, site.url);
    const onHome = await scrollTo(1200);
    assert.ok(onHome > 600, `the front page scrolls (${onHome})`);
    // Followed in place, as a reader's click would be.
    await page.evaluate(() => document.querySelector('a[href$="/article/film-out"]').click());
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'a new page starts at its top');
    const onArticle = await scrollTo(900);
    await page.goBack();
    await page.getByRole('heading', { name: 'Featured' }).waitFor();
    await at(onHome);
    // Focus is back on the link followed, where the reader left, not on
    // the page's heading far above it.
    await page.waitForFunction(() => document.activeElement?.matches('a[href$="/article/film-out"]'), null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => window.scrollY), onHome, 'focusing the link does not scroll');
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    await at(onArticle);
    assert.deepEqual(unexpected(), []);
  });
});

test('Back to a card followed from far along the Featured carousel shows the card that takes focus', async () => {
  await withPage({ width: 360, height: 740 }, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    const track = page.locator('.featured-carousel__track');
    await track.scrollIntoViewIfNeeded();
    const cards = page.locator('.featured-carousel .article-card__link');
    const last = cards.last();
    const href = await last.getAttribute('href');
    await track.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await page.waitForTimeout(300);
    // Followed in place, as a reader's tap would be.
    await last.evaluate((a) => a.click());
    await page.waitForURL((url) => url.pathname.endsWith(href.replace(/^.*\/article\//, '/article/')));
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    await page.waitForFunction((href) => document.activeElement?.getAttribute('href') === href, href, { timeout: 5000 });
    // The carousel glides there, smoothly unless the reader asked for less motion.
    await page.waitForFunction(() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.left >= 0 && r.right <= innerWidth;
    }, null, { timeout: 3000 }).catch(() => {});
    const box = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    assert.ok(box.left >= 0 && box.right <= 360, `the focused card is in view sideways (${box.left}–${box.right})`);
    assert.ok(box.bottom > 0 && box.top < 740, `and on the screen (${box.top}–${box.bottom})`);
    assert.deepEqual(unexpected(), []);
  });
});

test('the first picture of the front page and of a section loads at once, the rest as the reader nears them', async () => {
  for (const path of ['', 'category/news']) {
    // As built, and as the app renders it after a navigation.
    const built = await (await fetch(site.url + path)).text();
    const images = [...built.matchAll(/<img[^>]*class="article-card__image"[^>]*>/g)].map((m) => m[0]);
    assert.ok(images.length > 1, path);
    assert.match(images[0], /loading="eager"/, path);
    assert.match(images[0], /fetchpriority="high"/, path);
    for (const img of images.slice(1)) assert.match(img, /loading="lazy"/, path);
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, site.url + 'search');
      await page.evaluate((path) => document.querySelector(`a[href$="/${path}"]`)?.click() ?? document.querySelector('.site-header__name').click(), path || '#none');
      await page.locator('.article-card__image').first().waitFor();
      const loading = await page.locator('.card-list .article-card__image').evaluateAll((all) => all.map((i) => i.loading));
      assert.equal(loading[0], 'eager', path);
      assert.ok(loading.slice(1).every((l) => l === 'lazy'), `${path}: ${loading}`);
      assert.deepEqual(unexpected(), []);
    });
  }
});

test('only a navigation is announced, and then the head describes the page shown', async () => {
  const announced = (page) => page.locator('div.visually-hidden[role="status"][aria-atomic="true"]').textContent();
  // A page opened at its own address is read by the screen reader as it
  // loads: prerendered, newer than the build (the app shell), or unknown.
  for (const [path, heading] of [['article/film-out', FILM_OUT], ['article/links-to-passage', 'A note that points into another article'], ['no/such/page', 'Page not found']]) {
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, site.url + path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForTimeout(1000);
      assert.equal((await announced(page)).trim(), '', path);
      assert.deepEqual(unexpected([DEEP_LINK_404]), [], path);
    });
  }
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    const head = () => page.evaluate(() => ({
      canonical: document.querySelector('link[rel="canonical"]')?.href,
      ogUrl: document.querySelector('meta[property="og:url"]')?.content,
      ogTitle: document.querySelector('meta[property="og:title"]')?.content,
      card: document.querySelector('meta[name="twitter:card"]')?.content,
      built: document.querySelectorAll('script[type="application/ld+json"], link[type="application/json+oembed"], meta[property^="og:image"], meta[property^="article:"]').length,
    }));
    const before = await head();
    assert.equal(before.canonical, `${ORIGIN}/article/film-out/`);
    assert.ok(before.built > 5, 'the prerendered head has the article\'s structured data, image and oEmbed link');
    await page.evaluate(() => document.querySelector('a[href$="/article/art-of-the-liner-note"]').click());
    await page.getByRole('heading', { level: 1, name: 'In praise of the liner note' }).waitFor();
    await page.waitForFunction(() => document.querySelector('link[rel="canonical"]')?.href.endsWith('/art-of-the-liner-note/'));
    assert.deepEqual(await head(), {
      canonical: `${ORIGIN}/article/art-of-the-liner-note/`,
      ogUrl: `${ORIGIN}/article/art-of-the-liner-note/`,
      ogTitle: 'In praise of the liner note',
      card: 'summary',
      built: 0,
    });
    assert.match(await announced(page), /In praise of the liner note/);
    assert.deepEqual(unexpected(), []);
  });
});

test('category pages list their section, and the header marks the current one', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    const categories = await page.locator('.article-card__category').allTextContents();
    assert.ok(categories.length >= 3);
    assert.ok(categories.every((c) => c === 'Reviews'), categories.join(','));
    assert.equal(
      await page.getByRole('link', { name: 'Reviews' }).first().getAttribute('aria-current'),
      'page',
    );
    assert.deepEqual(unexpected(), []);
  });
});

test('the sub-path build works from /magazine/, including deep links', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, magazine.url);
    const link = page.getByRole('link', { name: FILM_OUT });
    assert.equal(await link.getAttribute('href'), '/magazine/article/film-out');
    await link.click();
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/magazine/article/film-out');
    const inArticle = page.locator('.article__body').getByRole('link', { name: 'In praise of the liner note' });
    assert.equal(await inArticle.getAttribute('href'), '/magazine/article/art-of-the-liner-note');
    await inArticle.click();
    await page.getByRole('heading', { level: 1, name: 'In praise of the liner note' }).waitFor();
    await goLive(page, magazine.url + 'category/news');
    await page.getByRole('heading', { level: 1, name: 'News' }).waitFor();
    await page.getByRole('link', { name: 'linernotes' }).first().click();
    await page.getByRole('heading', { name: 'Featured' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/magazine/');
    // A host that answers every path with the magazine's 404.html: outside
    // /magazine/ no page of the magazine shows.
    for (const outside of ['/article/film-out', '/']) {
      await goLive(page, new URL(magazine.url).origin + outside);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      assert.equal(await page.getByRole('heading', { level: 1, name: FILM_OUT }).count(), 0, outside);
    }
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a link to a file of the site opens the file, and a link to the page shown adds no history entry', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url);
    const entries = await page.evaluate(() => history.length);
    const logo = page.getByRole('banner').getByRole('link', { name: 'linernotes' });
    await logo.click();
    await logo.click();
    assert.equal(await page.evaluate(() => history.length), entries, 'no entry for the page already shown');
    // Links in an article may name the feed or an image: the browser opens them.
    await page.evaluate(() => {
      const link = Object.assign(document.createElement('a'), { href: '/feed.xml', textContent: 'Our feed' });
      document.querySelector('main').prepend(link);
    });
    await page.getByRole('link', { name: 'Our feed' }).click();
    await page.waitForURL(/\/feed\.xml$/);
    assert.match(await page.evaluate(() => document.contentType), /xml/);
    // The browser's own XML viewer styles the feed inline, which the site's policy refuses.
    assert.deepEqual(unexpected([DEEP_LINK_404, /inline style|style-src-elem blocked inline/]), []);
  });
});

test('a list of stories that could not be read is asked for again by the next page', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    let failures = 1;
    await page.route('**/content/index.json', (route) => (failures-- > 0 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await goLive(page, site.url + 'article/film-out');
    await page.getByRole('banner').getByRole('link', { name: 'News' }).click();
    await page.getByRole('alert').getByText(/status 503/).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    await page.locator('.article-card').first().waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404, /status of 503/]), []);
  });
});

test('unknown paths and unknown articles show not-found with a way home', async () => {
  for (const path of ['no/such/page', 'article/no-such-story', 'category/polka', 'article/..%2F..%2Fsite']) {
    await withPage({ width: 390, height: 800 }, async ({ page, unexpected }) => {
      await watchLayoutShift(page);
      await goLive(page, site.url + path);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      // The page that replaces the loading note moves nothing in view.
      await page.waitForTimeout(300);
      assert.equal(await layoutShift(page), 0, path);
      await page.getByRole('link', { name: 'Go to the home page' }).click();
      await page.getByRole('heading', { name: 'Featured' }).waitFor();
      assert.deepEqual(unexpected([DEEP_LINK_404]), [], path);
    });
  }
});

test('a section the deployed site.json added after the build has its page, empty, not "Page not found"', async () => {
  const settings = JSON.parse(readFileSync(`${root}dist/site.json`, 'utf8'));
  await withPage({}, async ({ page, context, unexpected }) => {
    await context.route(/\/site\.json$/, (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify({ ...settings, sections: [...settings.sections, { slug: 'jazz', name: 'Jazz' }] }),
    }));
    await goLive(page, site.url + 'category/jazz');
    await page.getByRole('heading', { level: 1, name: 'Jazz' }).waitFor();
    await page.getByText('There are no Jazz stories yet.').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Page not found' }).count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('on a host that answers every address with the app itself, a missing article is not found, not broken', async () => {
  // A single-page app's fallback (`/* /index.html 200`): the article's
  // missing file comes back as the app's own page, with status 200.
  const shell = readFileSync(`${root}dist/404.html`, 'utf8');
  await withPage({}, async ({ page, unexpected }) => {
    await page.route('**/content/articles/never-written.json', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: shell }));
    await goLive(page, site.url + 'article/never-written');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await page.getByText('web page instead of the data').count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a link to a passage of another article lands on the passage', async () => {
  await withPage({ width: 800, height: 600 }, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/links-to-passage');
    await page.getByRole('link', { name: 'the part of our Film Out story about it' }).click();
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById('h2')?.getBoundingClientRect().top;
      return top !== undefined && top > -2 && top < 100;
    });
    assert.equal(new URL(page.url()).hash, '#h2');
    // Focus is there too, not on the headline far above: Tab goes on from
    // the passage, and a screen reader reads from it.
    await page.waitForFunction(() => document.activeElement?.id === 'h2');
    const top = await page.evaluate(() => document.getElementById('h2').getBoundingClientRect().top);
    assert.ok(top > -2 && top < 100, `the passage stays in view: ${top}`);
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const h2 = document.getElementById('h2');
      const el = document.activeElement;
      return { after: Boolean(h2.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING), top: el.getBoundingClientRect().top };
    });
    assert.ok(next.after, `Tab goes on after the passage: ${JSON.stringify(next)}`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an address that names index.html is its folder’s page', async () => {
  for (const [path, heading] of [['index.html', 'Featured'], ['article/film-out/index.html', FILM_OUT]]) {
    await withPage({}, async ({ page, problems }) => {
      await goLive(page, site.url + path);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Page not found' }).count(), 0, path);
      assert.notEqual(await page.title(), 'Page not found · linernotes', path);
      assert.deepEqual(problems, [], path);
    });
  }
});

test('broken article files get a message naming the article and the problem', async () => {
  const cases = [
    ['truncated', /article “truncated”.*cut short/s],
    ['html-instead', /article “html-instead”.*web page instead of the data asked for/s],
    ['missing-title', /article “missing-title”.*required field `title` is missing/s],
    ['null-data', /article “null-data”.*it holds null, not an object/s],
  ];
  for (const [slug, message] of cases) {
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, site.url + 'article/' + slug);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), message);
      // The rest of the site still works.
      await page.getByRole('link', { name: 'News' }).click();
      await page.getByRole('heading', { level: 1, name: 'News' }).waitFor();
      assert.deepEqual(unexpected([DEEP_LINK_404]), [], slug);
    });
  }
});

test('odd blocks are skipped and hostile content stays inert', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await goLive(page, site.url + 'article/odd-blocks');
    await page.getByText('The last paragraph survives.').waitFor();
    assert.match(await page.locator('h1').textContent(), /<script>alert\('title'\)<\/script>/);
    assert.equal(await page.locator('.article__body script, .article img[onerror]').count(), 0);
    for (const text of ['Bad link one', 'Bad link two', 'Bad link three', 'Bad link four']) {
      assert.equal(await page.getByRole('link', { name: text }).count(), 0, `${text} must not be a link`);
      assert.ok(await page.getByText(text).isVisible());
    }
    assert.equal(await page.getByRole('link', { name: 'Good link' }).getAttribute('href'), '/article/film-out');
    assert.equal(await page.locator('.player--unavailable .player__note').count(), 2);
    assert.equal(await page.locator('iframe').count(), 0);
    assert.notEqual(await page.title(), 'pwned');
    assert.ok(warnings.some((w) => w.includes('unknown block type `hologram`')), warnings.join('\n'));
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an article in another language is marked with it, and the reader’s own words stay English', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/nachtfaehre');
    await page.getByRole('heading', { level: 1, name: 'Ein Album, auf der Nachtfähre aufgenommen' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('article.article').getAttribute('lang'), 'de-DE');
    // "By" and the date are the reader's words, not the article's.
    assert.equal(await page.locator('.article__meta').getAttribute('lang'), 'en');
    assert.equal(await page.locator('article.article time').first().getAttribute('lang'), 'en');
    assert.equal(await page.locator('.site-header [lang], .site-footer [lang]').count(), 0);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // A magazine written in Japanese says so once, in site.json: its stories
  // are marked wherever they show, and an English page's own words are not.
  await withPage({}, async ({ page, unexpected }) => {
    const settings = JSON.parse(readFileSync(`${root}dist/site.json`, 'utf8'));
    await page.route('**/site.json', (route) => route.fulfill({ json: { ...settings, language: 'ja' } }));
    await goLive(page, site.url + 'article/nachtfaehre');
    await page.getByRole('heading', { level: 1, name: 'Ein Album, auf der Nachtfähre aufgenommen' }).waitFor();
    // The article's own language wins over the site's.
    assert.equal(await page.locator('article.article').getAttribute('lang'), 'de-DE');
    await page.getByRole('link', { name: 'linernotes' }).first().click();
    await page.getByRole('heading', { name: 'Featured' }).waitFor();
    const cards = page.locator('article.article-card');
    assert.ok((await cards.count()) >= 8);
    assert.deepEqual([...new Set(await cards.evaluateAll((all) => all.map((c) => c.lang)))], ['ja']);
    // A card's date is the reader's word.
    assert.equal(await cards.first().locator('time').getAttribute('lang'), 'en');
    // The site's own words: its sections in the header, its tagline.
    assert.deepEqual([...new Set(await page.locator('.site-header__section').evaluateAll((all) => all.map((a) => a.lang)))], ['ja']);
    assert.equal(await page.locator('.site-footer__tagline').getAttribute('lang'), 'ja');
    // Search results, in the header's box and on the search page.
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.getByRole('dialog', { name: 'Search articles' }).getByRole('combobox', { name: 'Search articles' }).fill('tape');
    await page.getByRole('option').first().waitFor();
    assert.deepEqual([...new Set(await page.getByRole('option').evaluateAll((all) => all.map((o) => o.lang)))], ['ja']);
    await page.getByRole('link', { name: /^See all results for/ }).click();
    await page.locator('.search-page__results li').first().waitFor();
    assert.deepEqual([...new Set(await page.locator('.search-page__results li').evaluateAll((all) => all.map((o) => o.lang)))], ['ja']);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // An article in a right-to-left language reads right to left, also where
  // a paragraph opens with a Latin name.
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/oud-night');
    await page.locator('h1').waitFor();
    assert.equal(await page.locator('article.article').getAttribute('dir'), 'rtl');
    const directions = await page.locator('.article__title, .article__dek, .article__body p').evaluateAll((all) => all.map((el) => getComputedStyle(el).direction));
    assert.deepEqual([...new Set(directions)], ['rtl']);
    // Its byline and dates are the reader's English words, read left to
    // right inside it: "31 December 2025", not "December 2025 31".
    const meta = await page.locator('.article__meta time, .article__byline').evaluateAll((all) => all.map((el) => getComputedStyle(el).direction));
    assert.ok(meta.length >= 1);
    assert.deepEqual([...new Set(meta)], ['ltr']);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a list counts from its own start, and down when it is a countdown', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/countdown');
    await page.getByText('A song for the driveway').waitFor();
    // The numbers a reader sees, as the browser counts them.
    const numbers = await page.locator('.article__body ol').evaluateAll((lists) => lists.map((ol) => {
      const items = [...ol.children];
      const step = ol.reversed ? -1 : 1;
      const first = ol.hasAttribute('start') ? ol.start : (ol.reversed ? items.length : 1);
      return items.map((_, i) => first + i * step);
    }));
    assert.deepEqual(numbers, [[5, 4, 3], [2, 1], [1], [1986, 1987, 1988]]);
    await screenshot(page, 'countdown');
    // On a phone, a list's widest number ("1988.") fits in the room the list
    // keeps for its numbers, not past the screen's edge.
    await page.setViewportSize({ width: 320, height: 640 });
    const room = await page.locator('.article__body ol').evaluateAll((lists) => lists.map((ol) => {
      const items = [...ol.children];
      const step = ol.reversed ? -1 : 1;
      const first = ol.hasAttribute('start') ? ol.start : (ol.reversed ? items.length : 1);
      const widest = [first, first + (items.length - 1) * step].map((n) => `${n}. `).sort((a, b) => b.length - a.length)[0];
      const context = document.createElement('canvas').getContext('2d');
      context.font = getComputedStyle(items[0]).font;
      return { widest, needs: context.measureText(widest).width, has: ol.getBoundingClientRect().left + parseFloat(getComputedStyle(ol).paddingLeft) };
    }));
    for (const { widest, needs, has } of room) assert.ok(needs <= has, `"${widest}" needs ${needs.toFixed(1)} px, has ${has.toFixed(1)}`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a network failure offers Retry, and Retry loads the article', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    let fail = true;
    await page.route('**/content/articles/film-out.json', (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
    // The prerendered article page needs no request; a navigation from the
    // front page fetches the article.
    await goLive(page, site.url);
    await page.getByRole('link', { name: FILM_OUT }).first().click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /couldn’t reach the server/);
    assert.ok(await page.getByRole('banner').getByRole('link', { name: 'linernotes' }).isVisible());
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('the skip link moves focus to the content', async () => {
  await withPage({}, async ({ page }) => {
    await goLive(page, site.url + 'article/film-out');
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    assert.ok(await skip.evaluate((el) => el === document.activeElement));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)));
  });
});

test('axe-core finds no violations, at phone and desktop widths', async () => {
  for (const width of [390, 1280]) {
    for (const [name, path, ready] of [
      ['home', '', { name: 'Featured' }],
      ['article', 'article/film-out', { level: 1, name: FILM_OUT }],
      ['not-found', 'no/such/page', { level: 1, name: 'Page not found' }],
      ['error', 'article/truncated', { level: 1, name: 'This content has a problem' }],
    ]) {
      for (const scheme of ['light', 'dark']) {
        await withPage({ width }, async ({ page, unexpected }) => {
          await page.emulateMedia({ colorScheme: scheme });
          await goLive(page, site.url + path);
          await page.getByRole('heading', ready).waitFor();
          await page.waitForLoadState('networkidle');
          assert.deepEqual(await axe(page), [], `${name} at ${width}px, ${scheme}`);
          if (scheme === 'light') await screenshot(page, `${name}-${width}`);
          assert.deepEqual(unexpected([DEEP_LINK_404]), []);
        });
      }
    }
  }
});

test('with text at 200% and 300% on a 320 px phone, no page scrolls sideways, and the skip link stays hidden until focused', async () => {
  for (const size of [32, 48]) {
    await withPage({ width: 320, height: 640 }, async ({ page, unexpected }) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: size, fixed: Math.round((size * 13) / 16) } });
      for (const path of ['', 'article/film-out', 'category/news', 'search?q=tape']) {
        await goLive(page, `${site.url}${path}`);
        await page.locator('h1').first().waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, `/${path} at ${size}px: no sideways scroll`);
        const skip = page.locator('.skip-link');
        const hidden = () => skip.evaluate((el) => el.getBoundingClientRect().bottom <= 0);
        assert.equal(await hidden(), true, `/${path} at ${size}px: the skip link is above the page, however many lines it takes`);
        await page.keyboard.press('Tab');
        assert.equal(await skip.evaluate((el) => el === document.activeElement && el.getBoundingClientRect().top >= 0), true, 'and shows when focused');
        // The section menu scrolls sideways within itself when its sections do not fit.
        const nav = await page.locator('.site-header__nav').evaluate((el) => ({ scrolls: el.scrollWidth > el.clientWidth, background: getComputedStyle(el).backgroundImage }));
        if (nav.scrolls) assert.match(nav.background, /gradient/, 'with a shade at the edge that hides more');
      }
      await screenshot(page, `search-320-text-${size}`);
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  }
});

test('printed, an article is dark on white in either scheme, without what only a screen answers, and a player names its address', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    await page.getByRole('heading', { level: 1, name: FILM_OUT }).waitFor();
    const look = () => page.evaluate(() => {
      const lightness = (el) => {
        const [r, g, b] = getComputedStyle(el).color.match(/[\d.]+/g).map(Number);
        return Math.round((r + g + b) / 3);
      };
      const shown = (selector) => [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0).length;
      const caption = document.querySelector('.player__caption a');
      return {
        text: lightness(document.querySelector('.article__body p')),
        headline: lightness(document.querySelector('h1')),
        byline: lightness(document.querySelector('.article__meta')),
        shown: Object.fromEntries(['.article__body p', '.figure--hero img', '.player__caption a', '.site-header__name', '.site-header__nav', '.site-header__search', '.player__play', '.feedback-marker', '.comments', '.featured-carousel'].map((s) => [s, shown(s)])),
        address: getComputedStyle(caption, '::after').content,
        href: caption.getAttribute('href'),
      };
    });
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ media: 'print', colorScheme });
      const paper = await look();
      for (const part of ['text', 'headline', 'byline']) assert.ok(paper[part] < 100, `${colorScheme}: ${part} is dark on paper (${paper[part]})`);
      for (const part of ['.article__body p', '.figure--hero img', '.player__caption a', '.site-header__name']) assert.ok(paper.shown[part] > 0, `${colorScheme}: ${part} is printed`);
      for (const part of ['.site-header__nav', '.site-header__search', '.player__play', '.feedback-marker', '.comments', '.featured-carousel']) assert.equal(paper.shown[part], 0, `${colorScheme}: ${part} is left off paper`);
      assert.equal(paper.address, `" (${paper.href})"`, 'a link to a service prints its address');
      await screenshot(page, `print-${colorScheme}`);
    }
    // On screen again, the dark scheme is the reader's.
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    const screen = await look();
    assert.ok(screen.text > 180, `dark on screen: the text is light (${screen.text})`);
    assert.ok(screen.shown['.site-header__nav'] > 0 && screen.shown['.player__play'] > 0, 'and the screen-only parts are back');
    assert.equal(screen.address, 'none');
    assert.deepEqual(unexpected(), []);
  });
});
