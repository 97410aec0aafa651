// The app mounted in an element of another site's page (mount.js), served
// from another origin: inside a shadow root, it leaves the host's links and
// styles alone, posts comments, and fails with a clear message, not a broken
// page, when the host's CSP refuses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { startIsso, queryDb } from '../scripts/isso.mjs';
import { launch, axe, screenshot, withPage as sharedWithPage } from './browser.mjs';
import { JUMP_INSIDE, addArticle, copyBuild, republish, removeBuild } from './prerendered.mjs';

let browser, dir, app, app2, isso, hostDir, host, strict, unnamed;
const FILM_OUT = 'BTS release “Film Out”, a ballad written with back number’s Iyori Shimizu';

before(async () => {
  browser = await launch();
  dir = copyBuild();
  app = await serve({ dir });
  // The same site at a second address, for a host that mounts from both.
  app2 = await serve({ dir, host: '127.0.0.4' });
  hostDir = mkdtempSync(join(tmpdir(), 'linernotes-mount-host-'));
  const policy = (wasm) =>
    `default-src 'self'; script-src 'self' ${app.origin}${wasm ? " 'wasm-unsafe-eval'" : ''}; style-src 'self' ${app.origin}; ` +
    `img-src 'self' ${app.origin} ${app2.origin}; connect-src 'self' ${app.origin} ${app2.origin} http://127.0.0.1:*; frame-src https://www.youtube-nocookie.com`;
  host = await serve({ dir: hostDir, host: '127.0.0.2', csp: policy(true) });
  strict = await serve({ dir: hostDir, host: '127.0.0.3', csp: policy(false) });
  // A host the comment server's settings do not name.
  unnamed = await serve({ dir: hostDir, host: '127.0.0.5', csp: policy(true) });
  isso = await startIsso({ origin: [host.origin, strict.origin, app.origin] });
  republish(dir, (settings) => ({ ...settings, comments: { provider: 'isso', endpoint: isso.url } }));
  writeFileSync(join(hostDir, 'index.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner page</title><link rel="stylesheet" href="host.css"></head>
<body>
<main>
  <h1>Partner news</h1>
  <p><a id="host-link" href="/elsewhere.html">A link of the host’s own</a></p>
  <div id="mount" data-linernotes-mount="${app.url}" data-article="night-bus-sessions" data-parts="article,comments"></div>
</main>
<script type="module" src="${app.url}mount.js"></script>
</body>
</html>`);
  // The host sizes its own text from a 10px root (the common 62.5% rule).
  writeFileSync(join(hostDir, 'host.css'), 'html { font-size: 62.5%; } body { font: 20px/2 serif; color: #123; } h1, p, a, button { letter-spacing: 3px; color: #123; }\n');
  // Two articles on one page, from two addresses of the site, under host
  // styles that match the elements they are mounted in; the page is long,
  // and the reader is at its top.
  writeFileSync(join(hostDir, 'two.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Two articles</title><link rel="stylesheet" href="two.css"></head>
<body>
<main>
  <h1>Partner picks</h1>
  <div id="first" data-linernotes-mount="${app.url}" data-article="night-bus-sessions" data-parts="article"></div>
  <div id="second" data-linernotes-mount="${app2.url}" data-article="film-out" data-parts="article"></div>
</main>
<script type="module" src="${app.url}mount.js"></script>
</body>
</html>`);
  writeFileSync(join(hostDir, 'two.css'), 'div { text-transform: uppercase; letter-spacing: 4px; } main { padding-top: 1200px; }\n');
  // A host in Arabic, right to left.
  writeFileSync(join(hostDir, 'rtl.html'), `<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>صفحة الشريك</title></head>
<body><main><h1>مقال من موقع آخر</h1>
<div id="mount" data-linernotes-mount="${app.url}" data-article="film-out" data-parts="article"></div>
<script type="module" src="${app.url}mount.js"></script></main></body>
</html>`);
  // A host whose relative links resolve under a <base> of its own.
  writeFileSync(join(hostDir, 'passage.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner passage</title><base href="/assets/deep/"></head>
<body><main><h1>Partner feature</h1>
<div id="mount" data-linernotes-mount="${app.url}" data-article="film-out" data-parts="article,comments"></div>
</main><script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  // Mount elements that cannot hold a shadow root (a list item) next to
  // one that can, and elements added after the articles started.
  writeFileSync(join(hostDir, 'list.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner picks</title></head>
<body><main><h1>Partner picks</h1>
<div id="mount" data-linernotes-mount="${app.url}" data-article="film-out" data-parts="featured"></div>
<ul><li id="item" data-linernotes-mount="${app.url}" data-article="night-bus-sessions" data-parts="article"></li></ul>
</main><script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  // The same article's comments from two addresses of the site, as two
  // magazines mounted on one page.
  writeFileSync(join(hostDir, 'two-sites.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Two magazines</title></head>
<body><main><h1>Two magazines</h1>
<div id="a" data-linernotes-mount="${app.url}" data-article="film-out" data-parts="comments"></div>
<div id="b" data-linernotes-mount="${app2.url}" data-article="film-out" data-parts="comments"></div>
</main><script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  // A wide page with the article and its carousel in a narrow sidebar.
  writeFileSync(join(hostDir, 'sidebar.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner sidebar</title><link rel="stylesheet" href="sidebar.css"></head>
<body><main><h1>Partner front page</h1><aside id="mount" data-linernotes-mount="${app.url}" data-article="film-out" data-parts="article,featured"></aside></main>
<script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  writeFileSync(join(hostDir, 'sidebar.css'), 'main { display: flex; gap: 20px; } h1 { flex: 1; } aside { width: 280px; flex: none; }\n');
  // A mount element that takes its content's width (a float), under a 10px root.
  writeFileSync(join(hostDir, 'float.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner float</title><link rel="stylesheet" href="float.css"></head>
<body><main><h1>Partner notes</h1><div id="float" data-linernotes-mount="${app.url}" data-article="night-bus-sessions" data-parts="article"></div></main>
<script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  writeFileSync(join(hostDir, 'gone.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner archive</title></head>
<body><main><h1>Partner archive</h1><div id="gone" data-linernotes-mount="${app.url}" data-article="no-such-article" data-parts="article"></div></main>
<script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  writeFileSync(join(hostDir, 'scheme.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner light page</title></head>
<body><main><h1>Partner light page</h1>
<div id="lit" data-color-scheme="light" data-linernotes-mount="${app.url}" data-article="film-out" data-parts="article"></div>
<ul><li id="lit-item" data-color-scheme="light" data-linernotes-mount="${app.url}" data-article="night-bus-sessions" data-parts="article"></li></ul>
<div id="plain" data-linernotes-mount="${app.url}" data-article="night-bus-sessions" data-parts="article"></div>
</main><script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  // An article whose text links to its own heading, far down, mounted
  // with attributes written loosely (spaces, capitals), as page authors do.
  addArticle(dir, JUMP_INSIDE);
  writeFileSync(join(hostDir, 'jump.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner long read</title></head>
<body><main><h1>Partner long read</h1>
<div id="mount" data-linernotes-mount="${app.url}" data-article=" jump-inside " data-parts="Article; Featured" data-color-scheme=" Light "></div>
<p><a href="/elsewhere.html">After the article</a></p>
</main><script type="module" src="${app.url}mount.js"></script></body>
</html>`);
  writeFileSync(join(hostDir, 'float.css'), 'html { font-size: 62.5%; } #float { float: left; }\n');
  writeFileSync(join(hostDir, 'elsewhere.html'), '<!doctype html><html lang="en"><title>Elsewhere</title><h1>Elsewhere on the host</h1></html>');
});
after(async () => {
  await browser?.close();
  await app?.close();
  await app2?.close();
  await host?.close();
  await strict?.close();
  await unnamed?.close();
  await isso?.stop();
  if (dir) removeBuild(dir);
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

const withPage = (options, fn) => sharedWithPage(browser, options, fn);
const mounted = (page) => page.locator('#mount');

test('mounted in a host element: the article renders in a shadow root with our styles only', async () => {
  await withPage({ width: 1000 }, async ({ page, unexpected }) => {
    await page.goto(host.url);
    const headline = mounted(page).locator('h1');
    await headline.waitFor();
    assert.match(await headline.textContent(), /Night Bus Sessions/);
    assert.ok(await mounted(page).evaluate((el) => el.shadowRoot !== null), 'inside a shadow root');
    assert.equal(await mounted(page).getByRole('link', { name: 'Read this article on linernotes' }).count(), 0, 'the stand-in link makes way for the article');
    assert.equal(await page.locator('body > main > h1').evaluate((el) => getComputedStyle(el).letterSpacing), '3px', 'host styles stay');
    assert.notEqual(await headline.evaluate((el) => getComputedStyle(el).letterSpacing), '3px', 'and do not reach ours');
    assert.notEqual(await headline.evaluate((el) => getComputedStyle(el).fontFamily), 'serif');
    // Our text keeps the reader's size, not the host's 10px root.
    const size = (locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const body = await size(mounted(page).locator('.article__body p').first());
    assert.ok(body >= 16, `body text at the reader’s size, not ${body}px`);
    const title = await size(headline);
    assert.ok(title >= 28, `the headline too, not ${title}px`);
    assert.equal(await page.title(), 'Partner page', 'the host keeps its title');
    assert.equal(await page.locator('.site-header').count(), 0);
    await screenshot(page, 'mounted-host');
    assert.deepEqual(unexpected(), []);
  });
});

test('a host’s text decoration around the mount (an underline on its main) does not reach our text', async () => {
  const page = (css) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner page</title><link rel="stylesheet" href="${css}"></head>
<body><main><h1>Partner news</h1>
<div id="mount" data-linernotes-mount="${app.url}" data-article="night-bus-sessions" data-parts="article"></div>
</main><script type="module" src="${app.url}mount.js"></script></body>
</html>`;
  writeFileSync(join(hostDir, 'plain.html'), page('host.css'));
  writeFileSync(join(hostDir, 'underlined.html'), page('underlined.css'));
  writeFileSync(join(hostDir, 'underlined.css'), `${readFileSync(join(hostDir, 'host.css'), 'utf8')}main { text-decoration: underline 4px red; }\n`);
  const shots = [];
  for (const file of ['plain.html', 'underlined.html']) {
    await withPage({ width: 1000 }, async ({ page, unexpected }) => {
      await page.goto(host.url + file);
      const dek = mounted(page).locator('.article__dek');
      await dek.waitFor();
      shots.push(await dek.screenshot());
      assert.deepEqual(unexpected(), []);
    });
  }
  // Drawn through every block inside the host's main, it would show on
  // our standfirst; the two pictures are the same to the byte.
  assert.ok(shots[0].equals(shots[1]), 'the standfirst looks the same under an underlined host');
});

test('in a right-to-left host in another language, the article keeps its own language and direction', async () => {
  await withPage({ width: 1000 }, async ({ page, unexpected }) => {
    await page.goto(host.url + 'rtl.html');
    const headline = mounted(page).locator('h1');
    await headline.waitFor();
    assert.equal(await headline.evaluate((el) => getComputedStyle(el).direction), 'ltr');
    assert.equal(await headline.evaluate((el) => el.closest('[lang]').getAttribute('lang')), 'en', 'read as English, not Arabic');
    assert.equal(await page.locator('main > h1').evaluate((el) => getComputedStyle(el).direction), 'rtl', 'the host stays right to left');
    assert.deepEqual(unexpected(), []);
  });
});

test('host links are the host’s; our links lead to the full site', async () => {
  await withPage({}, async ({ page }) => {
    await page.goto(host.url);
    await mounted(page).locator('h1').waitFor();
    await page.locator('#host-link').click();
    await page.waitForURL(`${host.url}elsewhere.html`);
    await page.getByRole('heading', { name: 'Elsewhere on the host' }).waitFor();
    await page.goto(host.url);
    const category = mounted(page).locator('.article__category a');
    assert.match(await category.getAttribute('href'), new RegExp(`^${app.url}category/`));
  });
});

test('a comment posted from the mounted article reaches Isso', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.goto(host.url);
    // The comment area draws its thread and form, with code fetched from
    // the app's own host, as the reader nears it.
    await mounted(page).locator('.comments h2').scrollIntoViewIfNeeded();
    const form = mounted(page).getByRole('form', { name: 'Leave a comment' });
    await form.waitFor();
    await form.getByLabel('Your comment').fill('Posted from a partner’s page.');
    await form.getByRole('button', { name: 'Post comment' }).click();
    await mounted(page).locator('.comment').filter({ hasText: 'Posted from a partner' }).waitFor();
    const rows = queryDb(isso.db, "SELECT c.text FROM comments c JOIN threads t ON c.tid = t.id WHERE t.uri = '/article/night-bus-sessions'");
    assert.deepEqual(rows, [['Posted from a partner’s page.']]);
    assert.deepEqual(unexpected(), []);
    assert.deepEqual(await axe(page), []);
  });
});

test('on a host the comment server does not name, the comments say so, not that the server is down', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.goto(unnamed.url);
    await mounted(page).locator('.comments h2').scrollIntoViewIfNeeded();
    await mounted(page).getByRole('alert').filter({ hasText: 'the comment server does not take requests from this site (its settings do not name it)' }).waitFor();
    assert.equal(await mounted(page).getByText('could not be reached').count(), 0);
    // The browser's own report of the refused request is all the console holds.
    assert.deepEqual(unexpected([/CORS policy/, /ERR_FAILED/]), []);
  });
});

test('if the app stops in a host page, only its article is replaced, by a note and its link; the host page stays', async () => {
  // No input should stop the app, so the stop is made here: the
  // RuntimeError a panic raises, as the browser reports it from our
  // script, and then one from the host's own code, which is not ours.
  await withPage({}, async ({ page, unexpected }) => {
    await page.goto(host.url);
    const headline = mounted(page).locator('h1');
    await headline.waitFor();
    await page.evaluate(() => {
      const error = new WebAssembly.RuntimeError('unreachable');
      error.stack = 'RuntimeError: unreachable\n    at https://host.example/host-code.js:1:1';
      dispatchEvent(new ErrorEvent('error', { error }));
    });
    await page.waitForTimeout(200);
    assert.ok(await headline.isVisible(), 'a stop in the host’s code leaves the article alone');
    const glue = await page.evaluate(async (base) => new URL((await (await fetch(new URL('mount.json', base))).json()).js, base).href, app.url);
    await page.evaluate((glue) => {
      const error = new WebAssembly.RuntimeError('unreachable');
      error.stack = `RuntimeError: unreachable\n    at linernotes.wasm.main (wasm://wasm/0:1)\n    at ${glue}:1:1`;
      dispatchEvent(new ErrorEvent('error', { error }));
    }, glue);
    const note = mounted(page).getByRole('alert');
    await note.waitFor();
    assert.match(await note.textContent(), /This article stopped working here/);
    assert.equal(await note.getByRole('link', { name: 'Read it on linernotes' }).getAttribute('href'), `${app.url}article/night-bus-sessions`);
    assert.equal(await headline.count(), 0, 'the article is gone');
    assert.ok(await page.locator('body > main > h1').isVisible(), 'the host page is intact');
    assert.ok(await page.locator('#host-link').isVisible());
    assert.deepEqual(unexpected([/linernotes stopped: unreachable/]), []);
    assert.deepEqual(await axe(page), []);
  });
});

test('a passage link in a mounted article’s feedback list shows the passage, and the host’s address stays', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    await page.goto(host.url + 'passage.html');
    await mounted(page).locator('#comments-title').scrollIntoViewIfNeeded();
    await mounted(page).getByRole('button', { name: /Inline feedback/ }).click();
    const entries = await page.evaluate(() => history.length);
    await mounted(page).getByRole('link', { name: /^On “It is a song about memory/ }).click();
    await page.waitForFunction(() => document.querySelector('#mount').shadowRoot.activeElement?.id === 'q1');
    assert.equal(page.url(), host.url + 'passage.html', 'the host’s address and history stay');
    assert.equal(await page.evaluate(() => history.length), entries);
    const box = await mounted(page).locator('#q1').boundingBox();
    assert.ok(box && box.y > -2 && box.y < 800, `the passage is on the screen (at ${box?.y})`);
    assert.deepEqual(unexpected(), []);
  });
});

test('an element that cannot hold a shadow root gets the article in a box of its own; arrow keys move focus through a mounted carousel', async () => {
  await withPage({ width: 1000, height: 800 }, async ({ page, unexpected }) => {
    await page.goto(host.url + 'list.html');
    const item = page.locator('#item');
    await item.locator('h1').waitFor();
    assert.match(await item.locator('h1').textContent(), /Night Bus Sessions/);
    // The carousel's card links, with the keyboard.
    const first = mounted(page).locator('.article-card__link').first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const focused = () => page.evaluate(() => document.querySelector('#mount').shadowRoot.activeElement?.textContent);
    const second = await mounted(page).locator('.article-card__link').nth(1).textContent();
    await page.waitForFunction((name) => document.querySelector('#mount').shadowRoot.activeElement?.textContent === name, second);
    assert.equal(await focused(), second, 'focus follows to the next card');
    // A mount element added now keeps its link, and the running articles stay.
    await page.evaluate((url) => {
      const late = Object.assign(document.createElement('div'), { id: 'late' });
      late.setAttribute('data-linernotes-mount', url);
      late.setAttribute('data-article', 'film-out');
      document.querySelector('main').append(late);
      return import(`${url}mount.js?again`);
    }, app.url);
    await page.locator('#late').getByRole('link', { name: 'Read this article on linernotes' }).waitFor();
    assert.ok(await item.locator('h1').isVisible(), 'the running article is untouched');
    assert.ok(await first.isVisible());
    assert.deepEqual(unexpected([/elements added after the page's articles started are not mounted/]), []);
  });
});

test('two magazines mounted on one page keep their drafts apart', async () => {
  await withPage({ width: 1000 }, async ({ page, unexpected }) => {
    await page.goto(host.url + 'two-sites.html');
    const field = (id) => page.locator(`#${id}`).getByLabel('Your comment');
    await field('a').waitFor();
    await field('b').waitFor();
    await field('a').fill('A draft for the first magazine only.');
    await page.waitForTimeout(300);
    await page.reload();
    await field('a').waitFor();
    await field('b').waitFor();
    await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('textarea')?.value !== '');
    assert.equal(await field('a').inputValue(), 'A draft for the first magazine only.');
    assert.equal(await field('b').inputValue(), '', 'the other magazine’s form is its own');
    assert.deepEqual(unexpected(), []);
  });
});

test('a host CSP without what we need gets a clear console error and an intact page', async () => {
  await withPage({}, async ({ page, problems }) => {
    await page.goto(strict.url);
    await page.waitForFunction(() => document.querySelector('#mount').shadowRoot?.querySelector('a'));
    // The browser refuses the .wasm once it has arrived.
    const said = () => problems.some((p) => /linernotes could not start in this page.*'wasm-unsafe-eval'/.test(p));
    for (let waited = 0; !said() && waited < 20000; waited += 250) await page.waitForTimeout(250);
    assert.ok(said(), problems.join('\n'));
    assert.ok(await page.locator('body > main > h1').isVisible(), 'the host page is intact');
    assert.equal(await mounted(page).getByRole('link', { name: 'Read this article on linernotes' }).getAttribute('href'), `${app.url}article/night-bus-sessions`);
  });
});

test('two mounted articles on one page: each from its own address, neither moves the host page, host styles stay out', async () => {
  await withPage({ height: 700 }, async ({ page, unexpected }) => {
    await page.goto(host.url + 'two.html');
    const first = page.locator('#first').locator('h1');
    const second = page.locator('#second').locator('h1');
    await first.waitFor();
    await second.waitFor();
    assert.match(await first.textContent(), /Night Bus Sessions/);
    assert.equal((await second.textContent()).trim(), FILM_OUT);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'no heading scrolled the host page');
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'nor took focus');
    for (const headline of [first, second]) {
      assert.equal(await headline.evaluate((el) => getComputedStyle(el).textTransform), 'none', 'the host’s div rule stays out');
      assert.notEqual(await headline.evaluate((el) => getComputedStyle(el).letterSpacing), '4px');
    }
    const link = (id) => page.locator(id).locator('.article__category a').getAttribute('href');
    assert.match(await link('#first'), new RegExp(`^${app.url}category/`));
    assert.match(await link('#second'), new RegExp(`^${app2.url}category/`));
    assert.deepEqual(unexpected(), []);
  });
});

test('mounted in a narrow sidebar of a wide page, the article is laid out for the sidebar', async () => {
  await withPage({ width: 1280, height: 900 }, async ({ page, unexpected }) => {
    await page.goto(host.url + 'sidebar.html');
    const sidebar = page.locator('#mount');
    await sidebar.getByRole('heading', { level: 1 }).waitFor();
    await sidebar.getByRole('button', { name: 'Next stories' }).waitFor();
    const layout = await page.evaluate(() => {
      const root = document.getElementById('mount').shadowRoot;
      const h1 = root.querySelector('h1');
      return {
        width: Math.round(document.getElementById('mount').getBoundingClientRect().width),
        headline: parseFloat(getComputedStyle(h1).fontSize),
        perView: getComputedStyle(root.querySelector('.featured-carousel__track')).getPropertyValue('--per-view').trim(),
        slide: Math.round(root.querySelector('[aria-roledescription="slide"]').getBoundingClientRect().width),
      };
    });
    assert.equal(layout.width, 280);
    assert.equal(layout.perView, '1', 'one card at a time, as the sidebar is narrow');
    assert.ok(layout.slide > 200, `a card is ${layout.slide}px wide`);
    assert.ok(layout.headline <= 34, `a ${layout.headline}px headline, a phone's size, not the window's`);
    assert.deepEqual(unexpected(), []);
  });
});

/**
 * A partner page on `host` that mounts film-out from `site` under the
 * Content-Security-Policy `policy`, served while `fn(partner)` runs.
 */
async function withPartnerPage(site, host, policy, fn) {
  const pageDir = mkdtempSync(join(tmpdir(), 'linernotes-mount-partner-'));
  writeFileSync(join(pageDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head>
<body><main><h1>Partner</h1><div id="mount" data-linernotes-mount="${site.url}" data-article="film-out" data-parts="article"></div></main>
<script type="module" src="${site.url}mount.js"></script></body></html>`);
  const partner = await serve({ dir: pageDir, host, csp: policy });
  try {
    await fn(partner);
  } finally {
    await partner.close();
    rmSync(pageDir, { recursive: true, force: true });
  }
}

test('an app script that is not the release mount.json names is refused, never run in the host page', async () => {
  const tampered = copyBuild();
  const manifest = JSON.parse(readFileSync(join(tampered, 'mount.json'), 'utf8'));
  writeFileSync(join(tampered, manifest.js), readFileSync(join(tampered, manifest.js), 'utf8') + '\nglobalThis.__tampered = true;\n');
  const other = await serve({ dir: tampered, host: '127.0.0.6' });
  const policy = `default-src 'self'; script-src 'self' ${other.origin} 'wasm-unsafe-eval'; style-src 'self' ${other.origin}; img-src 'self' ${other.origin}; connect-src 'self' ${other.origin}`;
  try {
    await withPartnerPage(other, '127.0.0.7', policy, (partner) => withPage({}, async ({ page, unexpected }) => {
      await page.goto(partner.url);
      await page.waitForFunction(() => window.__tampered !== undefined || performance.now() > 4000);
      // The refusal is logged once the script's integrity fails; a slow machine is given time.
      const refused = () => unexpected().some((p) => /could not start in this page.*were refused/.test(p));
      for (let waited = 0; !refused() && waited < 10000; waited += 250) await page.waitForTimeout(250);
      assert.equal(await page.evaluate(() => window.__tampered), undefined, 'the changed script did not run');
      // The article stays a plain link to the full site.
      assert.equal(await mounted(page).getByRole('link', { name: 'Read this article on linernotes' }).count(), 1);
      assert.ok(unexpected().some((p) => /could not start in this page.*were refused/.test(p)), unexpected().join('\n'));
    }));
  } finally {
    await other.close();
    removeBuild(tampered);
  }
});

test('a host whose policy refuses our stylesheet keeps the plain link, with a console error naming style-src', async () => {
  const policy = `default-src 'self'; script-src 'self' ${app.origin} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' ${app.origin}; connect-src 'self' ${app.origin}`;
  await withPartnerPage(app, '127.0.0.8', policy, (partner) => withPage({}, async ({ page, unexpected }) => {
    await page.goto(partner.url);
    await page.waitForFunction(() => performance.now() > 4000);
    const told = () => unexpected().some((p) => /stylesheet .* was refused.*style-src must allow/.test(p));
    for (let waited = 0; !told() && waited < 10000; waited += 250) await page.waitForTimeout(250);
    // Never drawn unstyled into the host's page: the link stays.
    assert.equal(await mounted(page).getByRole('heading', { level: 1 }).count(), 0);
    assert.equal(await mounted(page).getByRole('link', { name: 'Read this article on linernotes' }).count(), 1);
    assert.ok(unexpected().some((p) => /stylesheet .* was refused.*style-src must allow/.test(p)), unexpected().join('\n'));
  }));
});

test('a host whose policy requires Trusted Types keeps the plain link, and the console says to use embed.js, every time', async () => {
  const policy = `default-src 'self'; script-src 'self' ${app.origin} 'wasm-unsafe-eval'; style-src 'self' ${app.origin}; img-src 'self' ${app.origin}; connect-src 'self' ${app.origin}; require-trusted-types-for 'script'`;
  await withPartnerPage(app, '127.0.0.9', policy, async (partner) => {
    // The app never starts there, so it never stops: no race with the
    // browser's report of the policy decides what the console says.
    for (let run = 0; run < 3; run += 1) {
      await withPage({}, async ({ page, unexpected }) => {
        await page.goto(partner.url);
        const said = () => unexpected().some((p) => /linernotes: this page's Content-Security-Policy requires Trusted Types.*embed\.js/.test(p));
        for (let waited = 0; !said() && waited < 10000; waited += 250) await page.waitForTimeout(250);
        assert.ok(said(), unexpected().join('\n'));
        await page.waitForTimeout(1000);
        assert.equal(await mounted(page).getByRole('link', { name: 'Read this article on linernotes' }).getAttribute('href'), `${app.url}article/film-out`);
        assert.ok(!unexpected().some((p) => /stopped|unreachable/.test(p)), unexpected().join('\n'));
        assert.ok(await page.locator('body > main > h1').isVisible(), 'the host page is intact');
      });
    }
  });
});

test('a player the host page’s policy refuses says so in its place and hands focus to its link', async () => {
  // No frame-src: the host's default-src 'self' refuses every player.
  const policy = `default-src 'self'; script-src 'self' ${app.origin} 'wasm-unsafe-eval'; style-src 'self' ${app.origin}; img-src 'self' ${app.origin}; connect-src 'self' ${app.origin}`;
  await withPartnerPage(app, '127.0.0.10', policy, (partner) => withPage({}, async ({ page }) => {
    await page.goto(partner.url);
    const play = mounted(page).getByRole('button', { name: 'Play Film Out by BTS on Spotify' });
    // The app renders a mounted article itself: its button is live once shown.
    await play.waitFor();
    await play.click();
    const figure = mounted(page).locator('figure.player--spotify');
    await figure.getByRole('status').getByText('Spotify’s player cannot be shown on this page: the link below plays it on Spotify.').waitFor();
    assert.equal(await figure.locator('iframe').isVisible(), false, 'no broken frame is shown');
    await page.waitForFunction(() => document.querySelector('#mount').shadowRoot.activeElement?.closest('figcaption') !== null);
    assert.match(await mounted(page).evaluate((el) => el.shadowRoot.activeElement.getAttribute('aria-label')), /^Listen on Spotify: Film Out/);
    assert.ok(await page.locator('body > main > h1').isVisible(), 'the host page is intact');
  }));
});

test('a mount in a float is at least 15 of the reader’s text size wide, not the host’s 62.5% root', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.goto(host.url + 'float.html');
    await page.locator('#float h1').waitFor();
    const width = await page.locator('#float').evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(width >= 239, `15 × 16 px wanted, ${width} px found`);
    assert.deepEqual(unexpected(), []);
  });
});

test('a mounted article that does not exist says so and leads to the site', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.goto(host.url + 'gone.html');
    await page.locator('#gone').getByRole('alert').getByText('The article “no-such-article” was not found.').waitFor();
    assert.equal(await page.locator('#gone').getByRole('link', { name: 'Read linernotes' }).getAttribute('href'), app.url);
    assert.deepEqual(unexpected([/status of 404/]), []);
  });
});

test('data-color-scheme="light" holds a mounted article light for a reader in dark mode', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(host.url + 'scheme.html');
    const background = (id) => page.locator(`#${id} h1`).evaluate((h) => getComputedStyle(h.closest('.ln-mount')).backgroundColor);
    for (const id of ['lit', 'lit-item', 'plain']) await page.locator(`#${id} h1`).waitFor();
    assert.equal(await background('lit'), 'rgb(251, 249, 246)');
    assert.equal(await background('lit-item'), 'rgb(251, 249, 246)');
    assert.equal(await background('plain'), 'rgb(20, 19, 18)', 'without the attribute, the reader’s dark scheme');
    assert.deepEqual(unexpected(), []);
  });
});

test('a link in a mounted article’s text to its own heading scrolls there inside it; loosely written attributes are read', async () => {
  await withPage({ width: 800, height: 700 }, async ({ page, unexpected }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(host.url + 'jump.html');
    const link = mounted(page).getByRole('link', { name: 'the far heading' });
    await link.waitFor();
    // " jump-inside ", "Article; Featured" and " Light ", as embed.js reads them.
    await mounted(page).locator('.featured-carousel').waitFor();
    assert.equal(await mounted(page).locator('#comments').count(), 0, 'no comments: not among the parts');
    const background = await mounted(page).locator('h1').evaluate((h) => getComputedStyle(h.closest('.ln-mount')).backgroundColor);
    assert.equal(background, 'rgb(251, 249, 246)', 'held light for a reader in dark mode');
    const entries = await page.evaluate(() => history.length);
    await link.click();
    await page.waitForFunction(() => document.querySelector('#mount').shadowRoot.activeElement?.id === 'far');
    assert.equal(page.url(), host.url + 'jump.html', 'the reader stays on the host’s page');
    assert.equal(await page.evaluate(() => history.length), entries);
    const box = await mounted(page).locator('#far').boundingBox();
    assert.ok(box && box.y > -2 && box.y < 700, `the heading is on the screen (at ${box?.y})`);
    assert.deepEqual(unexpected(), []);
  });
});

test('Retry in a mounted article that could not load gives focus to its heading, not to the host’s page', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    let refused = 0;
    await page.route('**/content/articles/jump-inside.json', (route) => (refused++ === 0 ? route.abort('connectionreset') : route.continue()));
    await page.goto(host.url + 'jump.html');
    const retry = mounted(page).getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    await retry.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#mount').shadowRoot.activeElement?.tagName === 'H1');
    assert.equal(await mounted(page).locator('h1').textContent(), 'A long piece with a map');
    // The next Tab goes on inside the article, not past it.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.querySelector('#mount').shadowRoot.activeElement?.textContent), 'the far heading');
    assert.deepEqual(unexpected([/ERR_CONNECTION_RESET|ERR_FAILED/]), []);
  });
});
