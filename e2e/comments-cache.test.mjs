// Comments when an article goes viral: the page talks to Isso through the
// caching proxy of deploy/nginx/ (Debian's nginx, started here), as a
// publisher runs it. A real Isso (under gunicorn, as in production) stands
// behind it; what the page shows is checked against what Isso stored, and
// what the page asked against what the proxy answered from its cache
// (X-Cache-Status).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { copyBuild, republish, removeBuild } from './prerendered.mjs';
import { startIssoBehindCache } from '../scripts/isso-proxy.mjs';
import { queryDb } from '../scripts/isso.mjs';
import { launch, axe, withPage as sharedWithPage, DEEP_LINK_404, goLive, reloadLive } from './browser.mjs';

/** How long the proxy keeps a read fresh: long enough for a reload inside it. */
const TTL = 8;
/** What the proxy's 429 and 503 say in Retry-After. */
// Long enough that the checks made during the wait end within it on a busy machine.
const RETRY_AFTER = 8;

let browser, site, proxy, dir;

before(async () => {
  browser = await launch();
  dir = copyBuild();
  site = await serve({ dir });
  // Isso as deploy/ runs it: gunicorn workers on a WAL database, behind nginx.
  proxy = await startIssoBehindCache({ origin: site.origin, ttl: TTL, retryAfter: RETRY_AFTER, issoOptions: { workers: 2 } });
  // A long read, written as editors write (Markdown), so it is indexed and
  // prerendered with the rest: its comments start many screens down.
  const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long read, with enough words in it to fill a few lines of a phone's screen on its own.`);
  writeFileSync(join(dir, 'content/articles/long-read.md'), `---\ntitle: A long read for the comments to wait under\npublished: 2026-11-21T10:00:00Z\n---\n${paragraphs.join('\n\n')}\n`);
  republish(dir, (settings) => ({ ...settings, comments: { provider: 'isso', endpoint: proxy.url } }));
});
after(async () => {
  await browser?.close();
  await site?.close();
  await proxy?.stop();
  if (dir) removeBuild(dir);
});

const db = (sql) => queryDb(proxy.isso.db, sql);
const storedCount = (text) => db(`SELECT count(*) FROM comments WHERE text = '${text.replaceAll("'", "''")}'`)[0][0];
const withPage = (options, fn) => sharedWithPage(browser, options, fn);
const form = (page) => page.getByRole('form', { name: 'Leave a comment' });
/** The browser logs every non-2xx answer; these are the ones the proxy is told to give. */
const REFUSED = /the server responded with a status of (429|503)/;

/** Records every request the page sends to the comment server, and what the proxy said. */
function watchCommentServer(page) {
  const seen = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(proxy.url)) return;
    seen.push({ method: request.method(), path: request.url().slice(proxy.url.length), request });
  });
  page.on('response', (response) => {
    const entry = seen.find((s) => s.request === response.request());
    if (entry) {
      entry.status = response.status();
      entry.cache = response.headers()['x-cache-status'] ?? null;
    }
  });
  return seen;
}

const isThreadRead = (slug) => (s) => s.method === 'GET' && s.path.startsWith(`/?uri=%2Farticle%2F${slug}&`);

/** Waits until the proxy's copy of the thread at `url` holds `words`: the cache has caught up. */
async function untilCached(url, words) {
  const until = Date.now() + (TTL + 5) * 1000;
  while (!(await (await fetch(url, { headers: { Origin: site.origin } })).text()).includes(words)) {
    assert.ok(Date.now() < until, 'the cache caught up within its TTL');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Opens the article and brings its comment area into view, as a reader scrolling down does. */
async function openComments(page, slug) {
  await goLive(page, `${site.url}article/${slug}`);
  await page.locator('#comments-title').scrollIntoViewIfNeeded();
  await form(page).waitFor();
}

test('through the cache, a posted comment shows at once and after a reload while the cached thread is stale, exactly once', async () => {
  const slug = 'kestrel-and-the-lamps';
  const text = 'Porchlight sounds like a summer evening on a balcony.';
  await withPage({}, async ({ page, unexpected }) => {
    const seen = watchCommentServer(page);
    await openComments(page, slug);
    await page.getByText('No comments yet').waitFor();
    const read = seen.find(isThreadRead(slug));
    assert.ok(read, 'the page read the thread through the proxy');

    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    const mine = page.locator('.comment').filter({ hasText: text });
    await mine.waitFor();
    await page.waitForTimeout(1000);
    assert.equal(await mine.count(), 1, 'shown at once, and it stays shown once');
    // The reader answers their own comment, which the cache has not seen either.
    const answer = 'And the second track is the sunset.';
    await mine.getByRole('button', { name: 'Reply' }).click();
    const replyForm = page.getByRole('form', { name: 'Reply to Anonymous' });
    await replyForm.getByLabel('Your comment').fill(answer);
    await replyForm.getByRole('button', { name: 'Post comment' }).click();
    const reply = page.locator('.comment__replies .comment').filter({ hasText: answer });
    await reply.waitFor();

    // Within the TTL the proxy still has the thread without the new comment.
    const reread = page.waitForResponse((r) => r.url() === proxy.url + read.path);
    await reloadLive(page);
    await page.locator('#comments-title').scrollIntoViewIfNeeded();
    const stale = await reread;
    assert.equal(stale.headers()['x-cache-status'], 'HIT', 'the reload got the cached thread');
    assert.ok(!(await stale.text()).includes('balcony'), 'and it did not hold the new comment yet');
    await mine.first().waitFor({ timeout: 5000 });
    await page.waitForTimeout(500);
    const top = page.locator('.comment:not(.comment__replies .comment)').filter({ hasText: text });
    assert.equal(await top.count(), 1, 'the own comment is merged into the stale thread once');
    // Its reply comes with it, under it, once.
    assert.equal(await top.locator('.comment__replies .comment').filter({ hasText: answer }).count(), 1);
    assert.equal(await reply.count(), 1);

    // Once the cache has caught up, the comment arrives from the server too: still once.
    const url = proxy.url + read.path;
    await untilCached(url, 'balcony');
    await reloadLive(page);
    await page.locator('#comments-title').scrollIntoViewIfNeeded();
    await reply.waitFor();
    await page.waitForTimeout(500);
    assert.equal(await top.count(), 1, 'fresh thread and own comment together: once');
    assert.equal(await reply.count(), 1, 'and its reply: once');
    assert.equal(storedCount(text), 1);
    assert.equal(storedCount(answer), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('through the cache, the reader’s own feedback on a passage is counted and shown after a reload, exactly once', async () => {
  const text = 'The chorus is a rewind, every time I hear it.';
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/film-out`);
    const marker = page.locator('#q1').locator('..').getByRole('button', { name: /passage/ });
    await marker.scrollIntoViewIfNeeded();
    await marker.click();
    const panel = page.locator('#feedback-q1');
    await panel.getByLabel('Does the song feel like memory on film to you?').fill(text);
    await panel.getByRole('button', { name: 'Post comment' }).click();
    const mine = panel.locator('.comment').filter({ hasText: text });
    await mine.waitFor();
    // Within the TTL the proxy still has the passage's count and thread from before.
    await reloadLive(page);
    await marker.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('#q1')?.parentElement?.querySelector('.feedback-marker__count')?.textContent === '1');
    await marker.click();
    await mine.waitFor();
    await page.waitForTimeout(500);
    assert.equal(await mine.count(), 1, 'the own comment is merged into the stale passage thread once');
    assert.equal(storedCount(text), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('through the cache, the reader’s edit shows after a reload while the cached thread still has the old text', async () => {
  const slug = 'night-bus-sessions';
  await withPage({}, async ({ page, unexpected }) => {
    const seen = watchCommentServer(page);
    await openComments(page, slug);
    await form(page).getByLabel('Your comment').fill('The third track is the one, I think.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    const mine = page.locator('.comment').filter({ hasText: 'The third track' });
    await mine.waitFor();
    // Once the cache holds the comment, as first written.
    const url = proxy.url + seen.find(isThreadRead(slug)).path;
    await untilCached(url, 'third track');
    await mine.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Edit your comment').fill('The fourth track is the one, I am sure.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.comment').filter({ hasText: 'The fourth track' }).waitFor();
    const reread = page.waitForResponse((r) => r.url() === url);
    await reloadLive(page);
    await page.locator('#comments-title').scrollIntoViewIfNeeded();
    const stale = await reread;
    assert.equal(stale.headers()['x-cache-status'], 'HIT', 'the reload got the cached thread');
    assert.ok((await stale.text()).includes('third track'), 'which still had the old text');
    await page.locator('.comment').filter({ hasText: 'The fourth track' }).waitFor();
    assert.equal(await page.locator('.comment').filter({ hasText: 'The third track' }).count(), 0, 'not the cached old text');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('through the cache, a comment the reader deleted stays gone after a reload while the cached thread still has it', async () => {
  const slug = 'tidewater-hymns-review';
  const text = 'Oops, my phone number was in this one.';
  await withPage({}, async ({ page, unexpected }) => {
    const seen = watchCommentServer(page);
    await openComments(page, slug);
    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    const mine = page.locator('.comment').filter({ hasText: text });
    await mine.waitFor();
    const url = proxy.url + seen.find(isThreadRead(slug)).path;
    await untilCached(url, 'phone number');
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByText('This comment was deleted.').waitFor();
    assert.equal(storedCount(text), 0);
    const reread = page.waitForResponse((r) => r.url() === url);
    await reloadLive(page);
    await page.locator('#comments-title').scrollIntoViewIfNeeded();
    const stale = await reread;
    assert.equal(stale.headers()['x-cache-status'], 'HIT', 'the reload got the cached thread');
    assert.ok((await stale.text()).includes('phone number'), 'which still had the comment');
    await page.getByText('No comments yet').waitFor();
    assert.equal(await page.locator('.comment').filter({ hasText: text }).count(), 0, 'not the cached copy');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a post still on its way at a reload, then Retry: the second lookup is not the cached first, and it posts once', async () => {
  const slug = 'city-pop-afterlife';
  const text = 'Plastic Love on a Tuesday night still works.';
  await withPage({}, async ({ page, unexpected }) => {
    await openComments(page, slug);
    // The post is held on its way: it reaches Isso only after the reload.
    let held;
    let holding;
    const heldNow = new Promise((done) => { holding = done; });
    await page.route(`${proxy.url}/new**`, (route) => {
      if (held || route.request().method() !== 'POST') return route.continue();
      held = { url: route.request().url(), body: route.request().postData() };
      holding();
      // Never answered: the page is reloaded meanwhile.
    });
    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText('Posting your comment…').waitFor();
    await heldNow;
    assert.ok(held, 'the post is on its way');
    const lookedUp = page.waitForResponse((r) => r.url().includes('after=') && r.url().includes('plain=1'));
    await reloadLive(page);
    await openComments(page, slug);
    // The lookup after the reload finds nothing yet, and the proxy keeps that answer.
    await lookedUp;
    await form(page).getByText(/may not have reached the server/).waitFor();
    const late = await fetch(held.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: site.origin }, body: held.body });
    assert.equal(late.status, 201, 'the held post reaches Isso');
    assert.equal(storedCount(text), 1);
    await page.waitForTimeout(1100);
    await form(page).getByRole('button', { name: 'Retry' }).click();
    await form(page).getByText('Your comment was posted.').waitFor();
    await page.waitForTimeout(500);
    assert.equal(storedCount(text), 1, 'the retry found it instead of posting it again');
    assert.equal(await page.locator('.comment').filter({ hasText: text }).count(), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('through the cache, a comment the reader liked shows their like after a reload while the cached thread counts none', async () => {
  const slug = 'art-of-the-liner-note';
  const posted = await fetch(`${proxy.isso.url}/new?uri=${encodeURIComponent(`/article/${slug}`)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.9.9.9' },
    body: JSON.stringify({ text: 'The liner notes are the best part of the sleeve.', author: 'Kim' }),
  });
  assert.equal(posted.status, 201);
  await withPage({}, async ({ page, unexpected }) => {
    const seen = watchCommentServer(page);
    await openComments(page, slug);
    const like = page.getByRole('button', { name: 'Like the comment by Kim' });
    await like.waitFor();
    const url = proxy.url + seen.find(isThreadRead(slug)).path;
    await untilCached(url, 'best part');
    await like.click();
    await page.waitForFunction(() => document.querySelector('.comment__like').textContent.includes('1'));
    const reread = page.waitForResponse((r) => r.url() === url);
    await reloadLive(page);
    await page.locator('#comments-title').scrollIntoViewIfNeeded();
    const stale = await reread;
    assert.equal(stale.headers()['x-cache-status'], 'HIT', 'the reload got the cached thread');
    assert.equal(JSON.parse(await stale.text()).replies.find((c) => c.author === 'Kim').likes, 0, 'which counts no like');
    await page.waitForFunction(() => document.querySelector('.comment__like')?.getAttribute('aria-pressed') === 'true');
    assert.match(await like.textContent(), /1/, 'the reader’s own like is counted');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a 429 from the proxy keeps the text, waits as Retry-After says, then posts exactly once', async () => {
  const slug = 'lantern-field-festival-lineup';
  const text = 'Bring a jumper, the orchard gets cold after dark.';
  await withPage({}, async ({ page, unexpected }) => {
    const seen = watchCommentServer(page);
    await openComments(page, slug);
    proxy.refuse(429);
    try {
      await form(page).getByLabel('Your comment').fill(text);
      await form(page).getByRole('button', { name: 'Post comment' }).click();
      const status = form(page).getByRole('status');
      await status.getByText('You can post again when the time below is up.').waitFor();
      await form(page).getByText(/^[1-3] seconds? left$/).waitFor();
      assert.equal(await form(page).getByLabel('Your comment').inputValue(), text, 'the text stays in the form');
      assert.deepEqual(await axe(page, { include: '.comments' }), [], 'waiting state');
      // While the wait lasts, pressing the button sends nothing.
      const posts = () => seen.filter((s) => s.method === 'POST' && s.path.startsWith('/new')).length;
      await form(page).locator('button[type=submit]').click();
      await page.waitForTimeout(1300);
      assert.equal(posts(), 1, 'no post during the Retry-After wait');
      // The live region says the wait once; the seconds count down beside it.
      assert.equal(await status.textContent(), 'Too many comments at once. You can post again when the time below is up.');
      const left = Number((await form(page).locator('.comment-form__countdown').textContent()).split(' ')[0]);
      assert.ok(left > 0 && left < RETRY_AFTER, `the countdown shows ${left}`);
    } finally {
      proxy.refuse(null);
    }
    await form(page).getByRole('status').getByText('You can post again.', { exact: true }).waitFor({ timeout: (RETRY_AFTER + 3) * 1000 });
    await form(page).getByRole('button', { name: /Post comment|Retry/ }).click();
    await page.locator('.comment').filter({ hasText: text }).waitFor();
    assert.equal(storedCount(text), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404, REFUSED]), []);
  });
});

test('a 503 from the proxy keeps the text with Retry, and Retry posts exactly once', async () => {
  const slug = 'paper-moons-live-review';
  const text = 'The encore was worth the night bus home.';
  await withPage({}, async ({ page, unexpected }) => {
    await openComments(page, slug);
    proxy.refuse(503);
    try {
      await form(page).getByLabel('Your comment').fill(text);
      await form(page).getByRole('button', { name: 'Post comment' }).click();
      await form(page).getByText(/was not posted/).waitFor();
      assert.equal(await form(page).getByLabel('Your comment').inputValue(), text, 'the text stays in the form');
      assert.equal(storedCount(text), 0);
    } finally {
      proxy.refuse(null);
    }
    // The page may hold the button for the proxy's Retry-After; it must work after it.
    await page.waitForFunction(() => !document.querySelector('.comment-form__countdown')?.textContent, null, { timeout: (RETRY_AFTER + 3) * 1000 });
    await form(page).getByRole('button', { name: 'Retry' }).click();
    await page.locator('.comment').filter({ hasText: text }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.comment').filter({ hasText: text }).count(), 1);
    assert.equal(storedCount(text), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404, REFUSED]), []);
  });
});

test('a retry after a lost answer posts once, even when the cached lookup is stale', async () => {
  const slug = 'choir-of-one-review';
  const text = 'One voice, forty tracks, no fatigue at all.';
  await withPage({}, async ({ page, unexpected }) => {
    const seen = watchCommentServer(page);
    await openComments(page, slug);
    await page.getByText('No comments yet').waitFor();
    // Another reader's retry looked the thread up moments ago: the proxy holds
    // that answer (without this comment) for the TTL.
    const read = seen.find(isThreadRead(slug));
    assert.ok(read, 'the page read the thread through the proxy');
    const lookup = read.path.replace(/limit=\d+/, 'limit=50');
    assert.equal((await fetch(proxy.url + lookup, { headers: { Origin: site.origin } })).status, 200);
    // Isso stores the comment, but the answer never reaches the page.
    let dropped = false;
    await page.route(`${proxy.url}/new**`, async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText(/may not have been posted/).waitFor();
    assert.equal(storedCount(text), 1, 'Isso has it already');
    await form(page).getByRole('button', { name: 'Retry' }).click();
    await page.locator('.comment').filter({ hasText: text }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(storedCount(text), 1, 'the retry found it instead of posting it again');
    assert.equal(await page.locator('.comment').filter({ hasText: text }).count(), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/]), []);
  });
});

test('the page asks the comment server nothing until the comment area nears the viewport, and fetches its code a little before', async () => {
  // A phone held sideways: the comment area starts several screens down.
  const viewport = { width: 390, height: 500 };
  await withPage(viewport, async ({ page, unexpected }) => {
    const seen = watchCommentServer(page);
    // The comment area's own code (lists, forms) is a file of its own.
    const code = [];
    page.on('request', (r) => {
      if (/\/linernotes-comments-[0-9a-f]+\.wasm$/.test(r.url())) code.push(r.url());
    });
    await goLive(page, `${site.url}article/long-read`);
    const area = page.locator('.comments, #comments').first();
    const below = () => area.evaluate((el) => el.getBoundingClientRect().top - innerHeight);
    const distance = await below();
    // The code is fetched within 1200 px, the thread read within 600 px.
    assert.ok(distance > 1200 + viewport.height, `the comment area starts ${distance}px below the screen: far enough to test`);
    await page.waitForTimeout(1500);
    assert.deepEqual(seen.map((s) => `${s.method} ${s.path}`), [], 'no request while the reader is at the top');
    assert.deepEqual(code, [], 'nor for the comments’ code');
    // Reading on, until the area is about two screens below.
    await page.mouse.wheel(0, distance - 900);
    await page.waitForFunction(() => {
      const el = document.querySelector('#comments');
      return el && Math.abs(el.getBoundingClientRect().top - innerHeight - 900) < 150;
    });
    // The code's request is under way soon after; a slow machine is given time.
    for (let waited = 0; code.length === 0 && waited < 10000; waited += 100) await page.waitForTimeout(100);
    assert.equal(code.length, 1, `the comments’ code comes ahead of the reader (${await below()}px below the screen)`);
    assert.deepEqual(seen.map((s) => `${s.method} ${s.path}`), [], 'but the comment server is not asked yet');
    await area.getByText('Loading comments…').waitFor();
    await area.scrollIntoViewIfNeeded();
    await form(page).waitFor();
    await page.getByText('No comments yet').waitFor();
    assert.ok(seen.some(isThreadRead('long-read')), 'the thread is read once the area is near');
    assert.equal(code.length, 1, 'the comments’ code is fetched once');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('every read of the comment area is a GET the cache answers: a second reader costs Isso nothing', async () => {
  // film-out has feedback passages, so its counts are read too.
  const slug = 'film-out';
  const load = async () => {
    let seen;
    await withPage({}, async ({ page, unexpected }) => {
      seen = watchCommentServer(page);
      await openComments(page, slug);
      await page.locator('.feedback-marker__count').first().waitFor();
      await page.waitForTimeout(1000);
      // Every request seen has its answer before the page goes.
      for (let waited = 0; seen.some((s) => s.status === undefined) && waited < 10000; waited += 100) await page.waitForTimeout(100);
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
    return seen.map(({ method, path, status, cache }) => ({ method, path, status, cache }));
  };
  const first = await load();
  assert.ok(first.length > 0, 'the first reader read the comment area');
  assert.deepEqual(first.filter((s) => s.method !== 'GET'), [], 'reads are GETs, counts included');
  const second = await load();
  assert.deepEqual(second.filter((s) => s.cache !== 'HIT'), [], 'the second reader got everything from the cache');
});
