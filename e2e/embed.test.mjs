// Embedding an article in another site's page: the iframe made by embed.js
// on a host page served from a different origin (127.0.0.2 against the
// app's 127.0.0.1), its height messages and their checks, links that leave
// the frame, and the oEmbed files for every article.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { startIsso } from '../scripts/isso.mjs';
import { launch, axe, screenshot, withPage as sharedWithPage, DEEP_LINK_404 } from './browser.mjs';
import { JUMP_INSIDE, addArticle, copyBuild, republish, removeBuild } from './prerendered.mjs';

const root = new URL('../', import.meta.url).pathname;
const ORIGIN = JSON.parse(readFileSync(`${root}public/site.json`, 'utf8')).origin;
const slugs = readdirSync(`${root}public/content/articles`).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
let browser, dir, app, isso, hostDir, host, stranger, framesRefused;

function hostPage(appUrl, parts) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner page</title><link rel="stylesheet" href="host.css"></head>
<body>
<main>
  <h1>Partner news</h1>
  <p><a id="host-link" href="/elsewhere.html">A link of the host’s own</a></p>
  <div id="embed" data-linernotes-src="${appUrl}" data-article="film-out" data-parts="${parts}" data-title="Film Out, on linernotes"></div>
  <iframe id="other" src="other.html" title="Another frame of the host"></iframe>
</main>
<script src="${appUrl}embed.js" async></script>
</body>
</html>`;
}

before(async () => {
  browser = await launch();
  dir = copyBuild();
  app = await serve({ dir });
  isso = await startIsso({ origin: app.origin });
  hostDir = mkdtempSync(join(tmpdir(), 'linernotes-host-'));
  // The host's own policy, allowing only what the embed needs.
  const csp = (self) => `default-src 'self'; script-src 'self' ${app.origin}; frame-src 'self' ${app.origin}; style-src 'self'`;
  host = await serve({ dir: hostDir, host: '127.0.0.2', csp: csp('http://127.0.0.2') });
  stranger = await serve({ dir: hostDir, host: '127.0.0.3', csp: csp('http://127.0.0.3') });
  // A host whose policy frames only its own pages.
  framesRefused = await serve({ dir: hostDir, host: '127.0.0.4', csp: `default-src 'self'; script-src 'self' ${app.origin}; frame-src 'self'; style-src 'self'` });
  republish(dir, (settings) => ({
    ...settings,
    comments: { provider: 'isso', endpoint: isso.url },
    embed: { allowed_origins: [host.origin] },
  }));
  writeFileSync(join(hostDir, 'index.html'), hostPage(app.url, 'article,video,comments'));
  writeFileSync(join(hostDir, 'video.html'), hostPage(app.url, 'video,comments'));
  addArticle(dir, JUMP_INSIDE);
  writeFileSync(join(hostDir, 'jump.html'), hostPage(app.url, 'article').replace('data-article="film-out"', 'data-article="jump-inside"'));
  writeFileSync(join(hostDir, 'light.html'), hostPage(app.url, 'article').replace('data-article=', 'data-color-scheme="light" data-article='));
  writeFileSync(join(hostDir, 'missing.html'), hostPage(app.url, 'article').replace('data-article="film-out"', 'data-article="no-such-article"'));
  // Two frames the host did not title.
  writeFileSync(join(hostDir, 'two.html'), hostPage(app.url, 'article')
    .replace(' data-title="Film Out, on linernotes"', '')
    .replace('<iframe id="other"', `<div id="second" data-linernotes-src="${app.url}" data-article="night-bus-sessions" data-parts="article"></div>\n  <iframe id="other"`));
  // A theme that fixes every iframe's height, an element holding a
  // stand-in link for readers without the script, and an empty title.
  writeFileSync(join(hostDir, 'theme.html'), hostPage(app.url, 'article')
    .replace('href="host.css"', 'href="theme.css"')
    .replace(' data-title="Film Out, on linernotes"></div>', ` data-title=""><a id="stand-in" href="${app.url}article/film-out/">Read “Film Out” on linernotes</a></div>`));
  writeFileSync(join(hostDir, 'theme.css'), 'iframe { height: 150px !important; }\n');
  // A template whose setting was left blank.
  writeFileSync(join(hostDir, 'blank.html'), hostPage(app.url, 'article').replace(`data-linernotes-src="${app.url}"`, 'data-linernotes-src=" "'));
  writeFileSync(join(hostDir, 'host.css'), 'body { font: 20px/2 serif; color: #123; } h1, p, div, a { color: #123 !important; letter-spacing: 3px; } #other { display: none; } .spacer { height: 1400px; }\n');
  // The embed below the host's fold: a column of the host's text first.
  writeFileSync(join(hostDir, 'below.html'), hostPage(app.url, 'article,comments').replace('<div id="embed"', '<div class="spacer"></div>\n  <div id="embed"'));
  writeFileSync(join(hostDir, 'other.html'), '<!doctype html><title>Other</title><p>Another frame</p>');
  writeFileSync(join(hostDir, 'elsewhere.html'), '<!doctype html><html lang="en"><title>Elsewhere</title><h1>Elsewhere on the host</h1></html>');
});
after(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
  await stranger?.close();
  await framesRefused?.close();
  await isso?.stop();
  if (dir) removeBuild(dir);
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

const withPage = (options, fn) => sharedWithPage(browser, options, fn);
const embedFrame = (page) => page.frames().find((f) => f.url().includes('/embed/article/'));
const frameHeight = (page) => page.locator('#embed iframe').evaluate((el) => el.getBoundingClientRect().height);
const contentHeight = (frame) => frame.evaluate(() => Math.ceil(document.querySelector('.embed').getBoundingClientRect().bottom + scrollY));

async function openHost(page, url = host.url) {
  await page.goto(url);
  const iframe = page.locator('#embed iframe');
  await iframe.waitFor();
  let frame;
  for (let i = 0; i < 100 && !(frame = embedFrame(page)); i++) await page.waitForTimeout(100);
  assert.ok(frame, 'the embed frame loads');
  await frame.locator('.embed').waitFor();
  return { iframe, frame };
}

async function settle(page, frame) {
  // The frame's height follows its content.
  for (let i = 0; i < 50; i++) {
    const [outer, inner] = [await frameHeight(page), await contentHeight(frame)];
    if (Math.abs(outer - inner) <= 1) return outer;
    await page.waitForTimeout(100);
  }
  assert.fail(`the iframe never took its content's height (${await frameHeight(page)} vs ${await contentHeight(frame)})`);
}

test('the iframe appears titled and lazy, takes its content’s height, and grows when comments load and one is posted', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    const warnings = [];
    page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
    const { iframe, frame } = await openHost(page);
    assert.equal(await iframe.getAttribute('title'), 'Film Out, on linernotes');
    // The host's own title stays, once the frame has said its size too.
    await frame.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForFunction(() => parseFloat(document.querySelector('#embed iframe').style.height) !== 600);
    assert.equal(await iframe.getAttribute('title'), 'Film Out, on linernotes');
    // What the frame may pass on to a player inside it: one press plays.
    await frame.locator('body').waitFor();
    for (const feature of ['autoplay', 'fullscreen', 'encrypted-media', 'picture-in-picture']) {
      assert.equal(await frame.locator('body').evaluate((_, f) => document.featurePolicy.allowsFeature(f), feature), true, feature);
    }
    assert.equal(await iframe.getAttribute('loading'), 'lazy');
    assert.match(await iframe.getAttribute('src'), /\/embed\/article\/film-out\/\?parts=article%2Cvideo%2Ccomments$/);
    await frame.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await frame.locator('.site-header').count(), 0, 'no site header in the frame');
    await frame.locator('#comments-title').waitFor();
    const first = await settle(page, frame);
    assert.ok(first > 1500, `a whole article is tall (${first})`);
    const form = frame.getByRole('form', { name: 'Leave a comment' });
    // The comment area draws its thread and form as the reader nears it.
    await frame.locator('#comments-title').scrollIntoViewIfNeeded();
    await form.getByLabel('Your comment').fill('Embedded, and still part of the conversation.\nA second line.\nAnd a third.');
    await form.getByRole('button', { name: 'Post comment' }).click();
    await frame.locator('.comment').filter({ hasText: 'Embedded, and still' }).waitFor();
    const after = await settle(page, frame);
    assert.ok(after > first, `the frame grew with the comment (${first} → ${after})`);
    assert.deepEqual(warnings.filter((w) => /allowed_origins/.test(w)), [], 'an allowed host is never called one that is not');
    await screenshot(page, 'embed-host');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an embed below the host’s fold starts before it is seen, and its comments are read before the reader reaches them', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    await page.goto(host.url + 'below.html');
    let frame;
    for (let i = 0; i < 100 && !(frame = embedFrame(page)); i++) await page.waitForTimeout(100);
    assert.ok(frame, 'the lazy frame loads as it nears the viewport');
    // A browser runs no animation frames in another site's frame out of
    // view: the app shell must not wait for one to start.
    await frame.getByRole('heading', { level: 1 }).waitFor({ timeout: 10000 });
    // The comment area's margin means nothing to the browser in such a
    // frame; the thread is read (the form comes with it) with the frame.
    await frame.getByRole('form', { name: 'Leave a comment' }).waitFor({ timeout: 10000 });
    const top = await page.locator('#embed iframe').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top > 800, `the frame is still below the fold (${top})`);
    assert.equal(await page.evaluate(() => scrollY), 0, 'and the host page did not move');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('with site.json out of reach, the embed sizes its frame by the settings it was built with', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, context, unexpected }) => {
    await context.route(/\/site\.json$/, (route) => route.abort('internetdisconnected'));
    const { frame } = await openHost(page);
    await frame.getByRole('heading', { level: 1 }).waitFor();
    const height = await settle(page, frame);
    assert.ok(height > 1500, `the frame took the article's height (${height})`);
    assert.deepEqual(unexpected([DEEP_LINK_404, /site\.json|ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('a reader in dark mode sees the article dark, unless the host page asks for light', async () => {
  for (const [url, expected] of [[host.url, 'rgb(20, 19, 18)'], [host.url + 'light.html', 'rgb(251, 249, 246)']]) {
    await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      const { frame } = await openHost(page, url);
      await frame.getByRole('heading', { level: 1 }).waitFor();
      const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, expected, url);
      assert.deepEqual(await axe(frame), [], url);
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  }
});

test('an embed of an article that does not exist names it, and the frame shrinks to the message', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    const { frame } = await openHost(page, host.url + 'missing.html');
    await frame.getByRole('alert').getByText('The article “no-such-article” was not found.').waitFor();
    const height = await settle(page, frame);
    assert.ok(height < 300, `the frame is ${height}px tall`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('forged or absurd height messages change nothing', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page }) => {
    const { frame } = await openHost(page, host.url + 'video.html');
    await frame.locator('#comments-title').waitFor();
    // The thread and its form come as the area nears the screen, and the
    // frame grows then: measured once they are there.
    await frame.getByRole('form', { name: 'Leave a comment' }).waitFor();
    const height = await settle(page, frame);
    // From the host page itself, and from another frame of the host.
    await page.evaluate(() => window.postMessage({ type: 'linernotes:height', height: 321 }, '*'));
    const other = page.frames().find((f) => f.url().endsWith('/other.html'));
    await other.evaluate(() => parent.postMessage({ type: 'linernotes:height', height: 321 }, '*'));
    // From the embed itself, but not a sane height.
    for (const bad of [1e9, NaN, Infinity, -5, '321', null]) {
      await frame.evaluate((h) => parent.postMessage({ type: 'linernotes:height', height: h }, '*'), bad);
    }
    await page.waitForTimeout(300);
    assert.equal(await frameHeight(page), height);
    // The channel itself works: a sane height from the embed is taken, a
    // thread with every reply open too.
    await frame.evaluate(() => parent.postMessage({ type: 'linernotes:height', height: 68984 }, '*'));
    await page.waitForFunction(() => document.querySelector('#embed iframe').getBoundingClientRect().height === 68984);
    await frame.evaluate(() => parent.postMessage({ type: 'linernotes:height', height: 432 }, '*'));
    await page.waitForFunction(() => document.querySelector('#embed iframe').getBoundingClientRect().height === 432);
  });
});

test('a page whose origin is not allowed gets no messages', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, problems }) => {
    await page.addInitScript(() => {
      window.__messages = 0;
      window.addEventListener('message', (e) => { if (e.data && e.data.type === 'linernotes:height') window.__messages += 1; });
    });
    const { frame } = await openHost(page, stranger.url);
    await frame.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => window.__messages), 0);
    assert.equal(await frameHeight(page), 600, 'the frame keeps the size the host gave it');
    assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  });
});

test('the deployed site.json decides which pages get the height: a partner added after the build does, one taken off does not', async () => {
  const built = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  const deployed = (origins) => (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify({ ...built, embed: { allowed_origins: origins } }),
  });
  // Added: the stranger's page, which the build did not allow.
  await withPage({ width: 1000, height: 800 }, async ({ page, context, unexpected }) => {
    await context.route(/\/site\.json$/, deployed([host.origin, stranger.origin]));
    const { frame } = await openHost(page, stranger.url);
    await frame.getByRole('heading', { level: 1 }).waitFor();
    const height = await settle(page, frame);
    assert.ok(height > 1500, `the frame took the article's height (${height})`);
    assert.deepEqual(unexpected([DEEP_LINK_404, /allowed_origins/]), []);
  });
  // Taken off: the host the build allowed gets nothing once the deployed
  // settings are read, however its frame's content changes.
  await withPage({ width: 1000, height: 800 }, async ({ page, context }) => {
    await page.addInitScript(() => {
      window.__messages = 0;
      window.addEventListener('message', (e) => { if (e.data && e.data.type === 'linernotes:height') window.__messages += 1; });
    });
    const read = new Promise((done) => context.route(/\/site\.json$/, async (route) => { await deployed(['https://partner.example'])(route); done(); }));
    const { frame } = await openHost(page);
    await frame.getByRole('heading', { level: 1 }).waitFor();
    await read;
    await page.waitForTimeout(500);
    const before = await page.evaluate(() => window.__messages);
    await page.setViewportSize({ width: 700, height: 800 });
    await frame.locator('.embed').evaluate((el) => { el.style.paddingBottom = '400px'; });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.__messages), before, 'no height after the settings refused the host');
  });
});

test('links inside the frame open in the top window; the host’s own links and styles are untouched', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page }) => {
    const { frame } = await openHost(page);
    const hostFont = await page.locator('h1').evaluate((el) => getComputedStyle(el).letterSpacing);
    assert.equal(hostFont, '3px', 'the host keeps its styles');
    assert.notEqual(await frame.locator('h1').evaluate((el) => getComputedStyle(el).letterSpacing), '3px', 'and they do not reach the frame');
    await frame.locator('.article__category').getByRole('link', { name: 'News' }).click();
    await page.waitForURL(`${app.url}category/news`);
    await page.getByRole('heading', { level: 1, name: 'News' }).waitFor();
    await page.goto(host.url);
    await page.locator('#host-link').click();
    await page.waitForURL(`${host.url}elsewhere.html`);
  });
});

test('frames the host did not title are named by their articles, so two do not sound alike', async () => {
  const title = (slug) => JSON.parse(readFileSync(`${root}public/content/articles/${slug}.json`, 'utf8')).title;
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    await page.goto(`${host.url}two.html`);
    for (const [id, slug] of [['embed', 'film-out'], ['second', 'night-bus-sessions']]) {
      const iframe = page.locator(`#${id} iframe`);
      await iframe.scrollIntoViewIfNeeded();
      await page.waitForFunction(([id, want]) => document.querySelector(`#${id} iframe`)?.title.startsWith(want), [id, title(slug)], { timeout: 15000 });
    }
    assert.deepEqual(await axe(page), [], 'host page');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a passage link in the frame’s feedback list shows the passage in the frame, and the host page stays', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    const { frame } = await openHost(page);
    await frame.locator('#comments-title').scrollIntoViewIfNeeded();
    await frame.getByRole('button', { name: /Inline feedback/ }).click();
    await frame.getByRole('link', { name: /^On “It is a song about memory/ }).click();
    const passage = frame.locator('#q1');
    await frame.waitForFunction(() => document.activeElement === document.getElementById('q1'));
    assert.equal(page.url(), host.url, 'the host page stays where it is');
    const box = await passage.boundingBox();
    assert.ok(box && box.y > -2 && box.y < 800, `the passage is on the screen (at ${box?.y})`);
    // Ctrl+click asks for a new tab: the full article, at the passage.
    const link = frame.getByRole('link', { name: /^On “It is a song about memory/ });
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
    await tab.waitForURL(`${app.url}article/film-out#q1`);
    await tab.close();
    // And a plain click still stays in the frame.
    await frame.locator('#comments-title').scrollIntoViewIfNeeded();
    await link.click();
    await frame.waitForFunction(() => document.activeElement === document.getElementById('q1'));
    assert.equal(page.url(), host.url, 'the host page stays where it is, after the new tab too');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // An embed without the article: the passage is in the full article.
  await withPage({ width: 1000, height: 800 }, async ({ page }) => {
    const { frame } = await openHost(page, `${host.url}video.html`);
    await frame.locator('#comments-title').scrollIntoViewIfNeeded();
    await frame.getByRole('button', { name: /Inline feedback/ }).click();
    await frame.getByRole('link', { name: /^On “It is a song about memory/ }).click();
    await page.waitForURL(`${app.url}article/film-out#q1`);
  });
});

test('a link in the frame’s article to its own heading shows the heading in the frame, and the host page stays', async () => {
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    const { frame } = await openHost(page, `${host.url}jump.html`);
    const entries = await page.evaluate(() => history.length);
    await frame.getByRole('link', { name: 'the far heading' }).click();
    await frame.waitForFunction(() => document.activeElement === document.getElementById('far'));
    assert.equal(page.url(), `${host.url}jump.html`, 'the host page stays where it is');
    assert.equal(await page.evaluate(() => history.length), entries);
    const box = await frame.locator('#far').boundingBox();
    assert.ok(box && box.y > -2 && box.y < 700, `the heading is on the screen (at ${box?.y})`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an embed whose app cannot start says so, with Reload and a link to the article on its site', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.route('**/*_bg.wasm', (route) => route.abort('failed'));
    await page.goto(host.url);
    await page.locator('#embed iframe').waitFor();
    let frame;
    for (let i = 0; i < 100 && !(frame = embedFrame(page)); i++) await page.waitForTimeout(100);
    const note = frame.locator('#boot-note');
    await note.getByText(/could not start/).waitFor();
    assert.ok(await note.getByRole('link', { name: 'Reload' }).isVisible());
    const article = note.getByRole('link', { name: 'read the article on its site' });
    assert.equal(await article.getAttribute('href'), '/article/film-out');
    assert.equal(await article.getAttribute('target'), '_top');
    assert.deepEqual(unexpected([/could not start/, /Failed to load resource/]), []);
  });
});

test('a theme’s iframe height with !important and an empty data-title change nothing; the element’s stand-in makes way', async () => {
  const title = JSON.parse(readFileSync(`${root}public/content/articles/film-out.json`, 'utf8')).title;
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    const { frame } = await openHost(page, `${host.url}theme.html`);
    assert.equal(await page.locator('#stand-in').count(), 0, 'the stand-in link made way for the frame');
    const height = await settle(page, frame);
    assert.ok(height > 400, `the frame takes the article's height, not the theme's 150 px (${height})`);
    await page.waitForFunction((want) => document.querySelector('#embed iframe')?.title.startsWith(want), title);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a copy of a mounted element (a page restored from a snapshot) keeps fitting its article', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    const { frame } = await openHost(page, `${host.url}theme.html`);
    const wide = await settle(page, frame);
    // As Turbo or a carousel's clone does: the element, frame and all, copied in place.
    await page.evaluate(() => {
      const old = document.querySelector('#embed');
      old.replaceWith(old.cloneNode(true));
    });
    await page.setViewportSize({ width: 420, height: 800 });
    let copy;
    for (let i = 0; i < 100 && !(copy = embedFrame(page)); i++) await page.waitForTimeout(100);
    await copy.locator('.embed').waitFor();
    const narrow = await settle(page, copy);
    assert.ok(narrow > wide, `the narrower copy grew to its article (${wide} → ${narrow})`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a host whose policy refuses our frames gets the element’s stand-in back and a console message', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, problems }) => {
    await page.goto(`${framesRefused.url}theme.html`);
    await page.locator('#stand-in').waitFor();
    assert.equal(await page.locator('#embed iframe').count(), 0, 'no broken frame');
    const said = () => problems.some((p) => /linernotes embed: this page's Content-Security-Policy refuses frames from http:\/\/127\.0\.0\.1:\d+: add it to frame-src/.test(p));
    for (let waited = 0; !said() && waited < 5000; waited += 100) await page.waitForTimeout(100);
    assert.ok(said(), problems.join('\n'));
  });
});

test('an element whose data-linernotes-src is blank frames nothing, and the console says why', async () => {
  await withPage({}, async ({ page, problems }) => {
    await page.goto(`${host.url}blank.html`);
    await page.waitForFunction(() => document.readyState === 'complete');
    const said = () => problems.some((p) => /linernotes embed: needs data-linernotes-src/.test(p));
    for (let waited = 0; !said() && waited < 5000; waited += 100) await page.waitForTimeout(100);
    assert.ok(said(), problems.join('\n'));
    assert.equal(await page.locator('iframe[src*="/embed/article/"]').count(), 0);
  });
});

test('axe-core finds no violations on the host page or inside the embed', async () => {
  await withPage({ width: 390, height: 800 }, async ({ page }) => {
    const { frame } = await openHost(page);
    await frame.locator('#comments-title').waitFor();
    assert.deepEqual(await axe(page), [], 'host page');
    assert.deepEqual(await axe(frame), [], 'inside the embed');
  });
});

test('every article’s page names its oEmbed file, which is valid oEmbed for a working embed', async () => {
  const site = await serve({ dir: root + 'dist' });
  try {
    for (const slug of slugs) {
      const html = await (await fetch(`${site.url}article/${slug}`)).text();
      const href = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/)?.[1];
      assert.equal(href, `${ORIGIN}/oembed/${slug}.json`, slug);
      const res = await fetch(site.url + href.slice(ORIGIN.length + 1));
      assert.equal(res.status, 200, href);
      assert.match(res.headers.get('content-type'), /application\/json/);
      const data = await res.json();
      const article = JSON.parse(readFileSync(`${root}public/content/articles/${slug}.json`, 'utf8'));
      assert.equal(data.version, '1.0');
      assert.equal(data.type, 'rich');
      assert.equal(data.title, article.title);
      assert.equal(data.provider_name, 'linernotes');
      assert.equal(data.provider_url, `${ORIGIN}/`);
      assert.ok(Number.isInteger(data.width) && Number.isInteger(data.height));
      assert.match(data.html, new RegExp(`^<iframe src="${ORIGIN}/embed/article/${slug}/" width="${data.width}" height="${data.height}" title="[^"]+" loading="lazy"`));
      const embedPage = await fetch(`${site.url}embed/article/${slug}/`);
      assert.equal(embedPage.status, 200, 'the embed page is a file of its own');
      assert.match(await embedPage.text(), /<meta name="robots" content="noindex">/, 'kept out of search: the article has its own page');
      if (article.hero) {
        assert.equal(data.thumbnail_url, `${ORIGIN}/${article.hero.src}`);
        assert.equal(data.thumbnail_width, article.hero.width);
        assert.equal(data.thumbnail_height, article.hero.height);
      }
    }
  } finally {
    await site.close();
  }
});
