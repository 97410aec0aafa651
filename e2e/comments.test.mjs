// Comments against a real Isso (from PyPI, SQLite storage) on loopback, the
// app served with the strict CSP header. No mock stands in for the server:
// what the page shows is checked against what Isso stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, CSP } from '../scripts/serve.mjs';
import { copyBuild, republish, removeBuild, addArticle } from './prerendered.mjs';
import { startIsso, queryDb } from '../scripts/isso.mjs';
import { launch, axe, screenshot, withPage as sharedWithPage, DEEP_LINK_404, goLive, reloadLive, watchLayoutShift, layoutShift } from './browser.mjs';

const root = new URL('../', import.meta.url).pathname;
let browser, site, isso, dir;

before(async () => {
  browser = await launch();
  // The site as a publisher with comments deploys it: built, then
  // prerendered with a site.json that names the Isso server.
  dir = copyBuild();
  site = await serve({ dir });
  isso = await startIsso({ origin: site.origin });
  republish(dir, (settings) => ({ ...settings, comments: { provider: 'isso', endpoint: isso.url } }));
  // Articles of their own for the tests that need a thread to themselves
  // (published after the build: the app fetches them).
  for (const slug of ['lost-answer', 'sort-race', 'sort-failed', 'read-failed', 'many-replies', 'slow-server', 'refused', 'leaving', 'again', 'long-comment', 'posted-since', 'no-storage', 'deleted-elsewhere', 'permalink', 'permalink-here', 'two-tabs-post', 'foot-reader', 'lost-answer-found', 'link-to-gone', 'notes-go', 'long-above', 'folded-reply']) {
    addArticle(dir, {
      schema: 1, slug, title: `A thread for ${slug}`, published: '2026-11-20T10:00:00Z',
      body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'An article to comment on.' }] }],
    });
  }
  // A passage to leave feedback on whose answer is lost.
  addArticle(dir, {
    schema: 1, slug: 'lost-feedback', title: 'A passage whose answer was lost', published: '2026-11-22T10:00:00Z',
    body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'A line worth answering.' }] }],
    feedback: [{ block: 'p1', prompt: 'What does it say to you?' }],
  });
  // A passage whose feedback cannot be read at first.
  addArticle(dir, {
    schema: 1, slug: 'feedback-failed', title: 'A passage read again', published: '2026-11-22T10:00:00Z',
    body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'A line whose feedback the server could not give at first.' }] }],
    feedback: [{ block: 'p1', prompt: 'Does this line hold up?' }],
  });
  addArticle(dir, {
    schema: 1, slug: 'feedback-escape', title: 'A passage to change one’s mind on', published: '2026-11-22T10:00:00Z',
    body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'A line to answer, then to think again about.' }] }],
    feedback: [{ block: 'p1', prompt: 'What does this line mean to you?' }],
  });
  // A passage many readers answered.
  addArticle(dir, {
    schema: 1, slug: 'busy-passage', title: 'A passage everyone answered', published: '2026-11-22T10:00:00Z',
    body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'The one line everybody quotes back at us.' }] }],
    feedback: [{ block: 'p1', prompt: 'What does this line mean to you?' }],
  });
  // A passage whose feedback a reply notification links to.
  addArticle(dir, {
    schema: 1, slug: 'passage-link', title: 'A passage a notification links to', published: '2026-11-22T10:00:00Z',
    body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'The line readers kept answering.' }] }],
    feedback: [{ block: 'p1', prompt: 'What does this line mean to you?' }],
  });
  // Closed to comments, with two: one that never had any, one that has.
  for (const slug of ['closed-empty', 'closed-with-one']) {
    addArticle(dir, {
      schema: 1, slug, title: `A closed thread (${slug})`, published: '2026-11-19T10:00:00Z',
      body: [{ type: 'paragraph', id: 'p1', content: [{ text: 'An article that takes no comments.' }] }],
      comments: { open: false },
    });
  }
  // Long enough that its comments start well below the first screen.
  addArticle(dir, {
    schema: 1, slug: 'deep-link', title: 'A long read to link into', published: '2026-11-21T10:00:00Z',
    body: Array.from({ length: 40 }, (_, i) => ({
      type: 'paragraph', id: `p${i + 1}`, content: [{ text: `Paragraph ${i + 1} of a long read, with enough words in it to fill a few lines of the page on its own.` }],
    })),
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await isso?.stop();
  if (dir) removeBuild(dir);
});

/** Runs SQL against Isso's own database file. */
const db = (sql) => queryDb(isso.db, sql);

async function waitUntil(check, ms = 15000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${check}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

let seedAddress = 10;
/** Posts a comment as another reader would (another address), straight to Isso. */
async function seed(uri, body, { title = 'Seeded' } = {}) {
  seedAddress += 1;
  const res = await fetch(`${isso.url}/new?uri=${encodeURIComponent(uri)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.0.${Math.floor(seedAddress / 250)}.${seedAddress % 250}` },
    body: JSON.stringify({ title, ...body }),
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return JSON.parse(text);
}

const withPage = (options, fn) => sharedWithPage(browser, options, fn);

/** Opens an article and scrolls to its comments, which load only then. */
async function openArticle(page, slug) {
  await goLive(page, `${site.url}article/${slug}`);
  await page.locator('h1').waitFor();
  await showComments(page);
}

async function showComments(page) {
  await page.locator('#comments').scrollIntoViewIfNeeded();
  await page.locator('#comments-title').waitFor();
}

const form = (page) => page.getByRole('form', { name: 'Leave a comment' });

test('a posted comment shows in place, survives a reload, and is in Isso’s database', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'night-bus-sessions');
    await page.getByText('No comments yet').waitFor();
    assert.equal(await page.locator('#comments-title').textContent(), '0 comments');
    await form(page).getByLabel('Your comment').fill('The N29 line is the best writing room in town.');
    await form(page).getByLabel('Name (optional)').fill('Mara');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    const posted = page.locator('.comment').filter({ hasText: 'The N29 line is the best writing room in town.' });
    await posted.waitFor();
    assert.equal(await page.locator('#comments-title').textContent(), '1 comment');
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), '', 'the draft is cleared after the server confirms');
    // In a long thread the new comment may be far from the form: a link leads to it, focus too.
    await form(page).getByRole('link', { name: 'Go to your comment' }).press('Enter');
    await page.waitForFunction(() => document.activeElement?.matches('li.comment') && document.activeElement.textContent.includes('The N29 line'));
    await reloadLive(page);
    await showComments(page);
    await page.locator('.comment').filter({ hasText: 'The N29 line' }).waitFor();
    assert.match(await page.locator('.comment__author').first().textContent(), /Mara/);
    const rows = db("SELECT c.author, c.text, t.uri, t.title FROM comments c JOIN threads t ON c.tid = t.id WHERE t.uri = '/article/night-bus-sessions'");
    assert.deepEqual(rows, [['Mara', 'The N29 line is the best writing room in town.', '/article/night-bus-sessions', 'Night Bus Sessions: songs written between stops']]);
    // Its Reply button says whose comment it answers, and the reply box
    // has its label: the forms' ids never meet the comments' own
    // (`comment-1-text` once named both a comment's text and a reply box).
    await page.getByRole('button', { name: 'Reply to Mara' }).click();
    const reply = page.getByRole('form', { name: 'Reply to Mara' });
    await reply.waitFor();
    assert.equal(await reply.getByLabel('Your comment').count(), 1);
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    assert.deepEqual(duplicates, []);
    // Escape closes the reply form, as Cancel does, and focus goes back to Reply.
    await reply.getByLabel('Your comment').press('Escape');
    await reply.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.textContent.trim() === 'Reply to Mara');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('two tabs: a comment deleted in one is said to be deleted when the other saves a change to it', async () => {
  await withPage({}, async ({ page, context, unexpected }) => {
    await openArticle(page, 'deleted-elsewhere');
    await form(page).getByLabel('Your comment').fill('Written once, deleted elsewhere.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await page.locator('.comment').filter({ hasText: 'Written once, deleted elsewhere.' }).waitFor();
    // Found by its id from now on: once deleted, its text is gone.
    const id = await page.locator('.comment').filter({ hasText: 'Written once, deleted elsewhere.' }).getAttribute('id');
    const mine = page.locator(`#${id}`);
    await mine.getByRole('button', { name: 'Edit' }).click();
    // The other tab deletes it.
    const other = await context.newPage();
    await openArticle(other, 'deleted-elsewhere');
    const there = other.locator(`#${id}`);
    await there.getByRole('button', { name: 'Delete' }).click();
    await there.getByRole('button', { name: 'Confirm delete' }).click();
    await there.getByText('This comment was deleted.').waitFor();
    await other.close();
    // Back in the first tab, saving says why it cannot be saved.
    await page.getByLabel('Edit your comment').fill('Changed after all.');
    await page.getByRole('button', { name: 'Save' }).click();
    await mine.getByText('the comment had been deleted in another tab or window').waitFor();
    await mine.getByText('This comment was deleted.').waitFor();
    assert.equal(await mine.getByRole('button', { name: /^(Edit|Delete|Save)$/ }).count(), 0);
    assert.equal(await page.getByText('does not let this browser change it').count(), 0);
    assert.deepEqual(db("SELECT count(*) FROM comments WHERE text LIKE 'Written once%' OR text LIKE 'Changed after%'"), [[0]]);
    assert.deepEqual(unexpected([DEEP_LINK_404, /status of 40[34]/]), []);
  });
});

test('two tabs: a post from one, after the other typed, keeps the other’s text for a reload', async () => {
  await withPage({}, async ({ page, context, unexpected }) => {
    await openArticle(page, 'two-tabs-post');
    const other = await context.newPage();
    await openArticle(other, 'two-tabs-post');
    await form(page).getByLabel('Your comment').fill('A long draft I care about, typed first.');
    await form(other).getByLabel('Your comment').fill('A quick one from the other tab.');
    await form(other).getByRole('button', { name: 'Post comment' }).click();
    await other.locator('.comment').filter({ hasText: 'A quick one from the other tab.' }).waitFor();
    await other.close();
    // The text still in the first tab's box is what a reload there finds
    // (kept again once the other tab's post is heard of).
    await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('A long draft I care about')));
    await page.waitForTimeout(300);
    await reloadLive(page);
    await showComments(page);
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), 'A long draft I care about, typed first.');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('two tabs on one article: a post from one keeps the draft the other typed since', async () => {
  await withPage({}, async ({ page, context, unexpected }) => {
    await openArticle(page, 'night-bus-sessions');
    const other = await context.newPage();
    await openArticle(other, 'night-bus-sessions');
    await form(page).getByLabel('Your comment').fill('Sent from the first tab, typed first.');
    await form(other).getByLabel('Your comment').fill('Typed last, in the second tab.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await page.locator('.comment').filter({ hasText: 'Sent from the first tab' }).waitFor();
    await reloadLive(other);
    await showComments(other);
    assert.equal(await form(other).getByLabel('Your comment').inputValue(), 'Typed last, in the second tab.');
    // The first tab's own draft is gone with its post; a reload there finds the other's.
    await reloadLive(page);
    await showComments(page);
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), 'Typed last, in the second tab.');
    assert.equal(db("SELECT count(*) FROM comments WHERE text LIKE 'Sent from the first tab%'")[0][0], 1);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a reader who jumps to the page’s foot (End) stays at Featured and the footer when the comment form comes', async () => {
  await withPage({ width: 390, height: 844 }, async ({ page, unexpected }) => {
    // The thread's code waits until the jump has ended, as on a slow network.
    let release;
    const held = new Promise((done) => { release = done; });
    await page.route('**/linernotes-comments-*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await goLive(page, `${site.url}article/film-out`);
    const footerTop = () => page.locator('.site-footer').evaluate((el) => Math.round(el.getBoundingClientRect().top));
    await page.keyboard.press('End');
    await page.waitForFunction(() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1);
    const atFoot = await footerTop();
    assert.ok(atFoot < 844, `the footer is in view (${atFoot}px)`);
    release();
    await form(page).getByLabel('Your comment').waitFor({ state: 'attached' });
    await page.getByText('No comments yet').waitFor({ state: 'attached' });
    const moved = Math.abs((await footerTop()) - atFoot);
    assert.ok(moved < 100, `the footer moved ${moved}px when the thread came`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a reader at Featured and the footer sees nothing move when a thread of comments fills the area above', async () => {
  for (let i = 1; i <= 4; i += 1) await seed('/article/foot-reader', { text: `Comment ${i}, long enough to take two lines on a phone screen or so.`, author: `Reader ${i}` });
  await withPage({ width: 390, height: 844 }, async ({ page, unexpected }) => {
    await watchLayoutShift(page);
    // The thread's answer waits until the reader is at the foot, as on a slow network.
    let release;
    const held = new Promise((done) => { release = done; });
    await page.route(`${isso.url}/?uri=*`, async (route) => {
      await held;
      await route.continue();
    });
    await goLive(page, `${site.url}article/foot-reader`);
    // Published after the build, the article is fetched once the app is
    // live: the reader scrolls once it and its comment area are there.
    await page.locator('.featured-carousel').waitFor();
    await page.locator('#comments').waitFor({ state: 'attached' });
    // To the page's foot, again if the page grew meanwhile (a card's
    // picture), until its height holds between two looks.
    await page.waitForFunction(() => {
      const height = document.documentElement.scrollHeight;
      scrollTo(0, height);
      const held = window.__footHeight === height;
      window.__footHeight = height;
      return held && Math.ceil(scrollY + innerHeight) >= height - 1;
    }, null, { polling: 200 });
    const featuredTop = () => page.locator('.featured-carousel').evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const before = await featuredTop();
    assert.ok(before < 844, `Featured is in view (${before}px)`);
    await page.waitForTimeout(1000);
    const shiftBefore = await layoutShift(page);
    release();
    await page.locator('.comment-list > .comment').nth(3).waitFor({ state: 'attached' });
    await page.waitForTimeout(1500);
    assert.equal(await featuredTop(), before, 'Featured stays where the reader sees it');
    const shift = (await layoutShift(page)) - shiftBefore;
    assert.ok(shift < 0.01, `the thread's arrival shifted the page by ${shift}`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an address naming the comments lands on them, also when the app renders the article after the page loads', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/deep-link#comments`);
    await page.getByText('No comments yet').waitFor();
    const top = await page.locator('#comments').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 450, `the comment area starts at ${top}px from the top of the window`);
    assert.ok(await page.evaluate(() => scrollY > 1000), 'the page scrolled down to the comments');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

/** Waits until comment `id` is at the top of the window with focus (give
 * or take the browser's own fragment scrolling while the page loads). */
const landedOn = (page, id, timeout = 15000) => page.waitForFunction((id) => {
  const el = document.getElementById(`comment-${id}`);
  if (!el) return false;
  const box = el.getBoundingClientRect();
  return box.top >= -40 && box.top < innerHeight / 2 && document.activeElement === el;
}, id, { timeout });

test('a link to one comment lands on it, on the first page of the thread or further on', async () => {
  const ids = [];
  for (let i = 1; i <= 14; i += 1) ids.push((await seed('/article/permalink', { text: `Permalink comment ${i}, `.repeat(6), author: `Reader ${i}` })).id);
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    // Opened from outside: in the first ten, and the thirteenth, beyond them.
    await goLive(page, `${site.url}article/permalink#comment-${ids[2]}`);
    await landedOn(page, ids[2]);
    await page.goto('about:blank');
    await goLive(page, `${site.url}article/permalink#comment-${ids[12]}`);
    await landedOn(page, ids[12]);
    // Followed in place from another article.
    await goLive(page, `${site.url}article/film-out`);
    await page.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'that comment';
      document.querySelector('main p').append(a);
      a.click();
    }, `/article/permalink#comment-${ids[11]}`);
    await page.locator('h1', { hasText: 'A thread for permalink' }).waitFor();
    await landedOn(page, ids[11]);
    // An in-page link, the browser's to follow, to one beyond the first ten.
    await page.goto('about:blank');
    await goLive(page, `${site.url}article/permalink`);
    await showComments(page);
    await page.locator('.comment-list > .comment').nth(9).waitFor();
    // Whichever order the thread is in, four of the fourteen are not shown.
    const away = await page.evaluate((ids) => ids.find((id) => !document.getElementById(`comment-${id}`)), ids);
    assert.ok(away, 'a comment beyond the first page');
    await page.evaluate((id) => {
      const a = document.createElement('a');
      a.href = `#comment-${id}`;
      a.textContent = 'a comment further on';
      document.querySelector('main p').append(a);
      a.click();
    }, away);
    await landedOn(page, away);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a link to a reply folded under a later page’s comment, or Isso’s own #isso-N link to it, lands on it', async () => {
  const uri = '/article/folded-reply';
  const tops = [];
  for (let i = 1; i <= 25; i += 1) tops.push((await seed(uri, { text: `Top comment ${i}.`, author: `Reader ${i}` })).id);
  // The middle one is past the first ten in either order; on its page
  // Isso folds its reply away.
  const reply = (await seed(uri, { text: 'The folded reply a notification links to.', author: 'Replier', parent: tops[12] })).id;
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/folded-reply#comment-${reply}`);
    await landedOn(page, reply, 20000);
    assert.match(await page.locator(`#comment-${reply}`).textContent(), /The folded reply a notification links to/);
    assert.equal(await page.locator('#comment-missing').count(), 0, 'not said to be gone');
    // Isso's reply notifications and its feed name a comment `#isso-N`.
    await page.goto('about:blank');
    await goLive(page, `${site.url}article/folded-reply#isso-${reply}`);
    await landedOn(page, reply, 20000);
    assert.equal(new URL(page.url()).hash, `#comment-${reply}`, 'the address names it as the page does');
    await page.goto('about:blank');
    await goLive(page, `${site.url}article/folded-reply#isso-${tops[20]}`);
    await page.waitForFunction((id) => document.activeElement?.id === `comment-${id}`, tops[20], { timeout: 20000 });
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a link to a comment below a long one lands on it and stays, as the long one above is drawn', async () => {
  const uri = '/article/long-above';
  const first = await seed(uri, { text: 'The first, with replies.', author: 'Mina' });
  await seed(uri, { text: 'A reply to the first.', author: 'Ola', parent: first.id });
  const target = await seed(uri, { text: 'The one the link names.', author: 'Jonas' });
  const long = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of a long comment, which goes on about the bridge and the chorus at some length.`).join('\n\n');
  await seed(uri, { text: long, author: 'Long' });
  await withPage({ width: 1280, height: 900 }, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/long-above#comment-${target.id}`);
    await page.waitForFunction((id) => document.activeElement?.id === `comment-${id}`, target.id, { timeout: 15000 });
    // Everything above it drawn, a moment later: still at the window's top.
    await page.waitForTimeout(1500);
    const top = await page.locator(`#comment-${target.id}`).evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top >= -40 && top < 450, `the comment is at the top of the window (at ${top})`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a link to a comment the thread no longer holds says so where the comments are', async () => {
  const uri = '/article/link-to-gone';
  const ids = [];
  for (let i = 1; i <= 12; i += 1) ids.push((await seed(uri, { text: `Gone-link comment ${i}.`, author: `Reader ${i}` })).id);
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    // A comment deleted since the link was made (a reply notification's).
    const gone = Math.max(...ids) + 1000;
    await goLive(page, `${site.url}article/link-to-gone#comment-${gone}`);
    const note = page.getByText('The comment this link leads to is not here: it may have been deleted.');
    await note.waitFor({ timeout: 15000 });
    await page.waitForFunction(() => document.activeElement?.id === 'comment-missing');
    const box = await note.boundingBox();
    assert.ok(box.y >= -40 && box.y < 700, `the note is in view (${box.y})`);
    // The whole thread was read to be sure, and it is all shown.
    assert.equal(await page.locator('.comment-list > .comment').count(), 12);
    // A comment that is there is still found as before.
    await page.goto('about:blank');
    await goLive(page, `${site.url}article/link-to-gone#comment-${ids[11]}`);
    await page.waitForFunction((id) => document.activeElement?.id === `comment-${id}`, ids[11], { timeout: 15000 });
    assert.equal(await note.count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a link on the same page to a comment not shown yet, clicked by the reader, lands on it with focus, in either order', async () => {
  const uri = '/article/permalink-here';
  const ids = [];
  for (let i = 1; i <= 14; i += 1) ids.push((await seed(uri, { text: `Here comment ${i}, `.repeat(6), author: `Reader ${i}` })).id);
  // A reader quotes the first comment by its address, as they are copied.
  await seed(uri, { text: `As [the first comment](${site.url}article/permalink-here#comment-${ids[0]}) said first.`, author: 'Quoter' });
  const landed = (page, id) => page.waitForFunction((id) => {
    const el = document.getElementById(`comment-${id}`);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.top >= -2 && box.top < innerHeight / 2 && document.activeElement === el;
  }, id, { timeout: 15000 }).then(async () => {
    // And it stays there once the rest of the thread has come.
    await page.getByRole('button', { name: /View all comments|Loading comments/ }).waitFor({ state: 'detached' });
    await page.waitForTimeout(800);
    return page.evaluate((id) => {
      const el = document.getElementById(`comment-${id}`);
      const top = el.getBoundingClientRect().top;
      return top >= -2 && top < innerHeight / 2 && document.activeElement === el ? null : { top, focus: document.activeElement?.outerHTML.slice(0, 80) };
    }, id);
  }, async () => page.evaluate((id) => {
    const el = document.getElementById(`comment-${id}`);
    return { top: el?.getBoundingClientRect().top, focus: document.activeElement?.outerHTML.slice(0, 80) };
  }, id));
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    // Newest first: the quote is on top, the comment it names beyond the first ten.
    await goLive(page, `${site.url}article/permalink-here`);
    await showComments(page);
    await page.getByLabel('Sort').selectOption('newest');
    const quote = page.locator('.comment').filter({ hasText: 'said first.' });
    await quote.waitFor();
    assert.equal(await page.locator(`#comment-${ids[0]}`).count(), 0, 'not shown yet');
    await quote.getByRole('link').click();
    assert.equal(await landed(page, ids[0]), null, 'newest first');
    // Oldest first, from the article's text, to one beyond the first ten.
    await page.goto('about:blank');
    await goLive(page, `${site.url}article/permalink-here`);
    await showComments(page);
    await page.getByLabel('Sort').selectOption('oldest');
    await page.locator('.comment-list > .comment').nth(9).waitFor();
    assert.equal(await page.locator(`#comment-${ids[12]}`).count(), 0, 'not shown yet');
    await page.evaluate((id) => {
      const a = document.createElement('a');
      a.href = `#comment-${id}`;
      a.textContent = 'a comment further on';
      document.querySelector('main p').append(a);
    }, ids[12]);
    await page.getByRole('link', { name: 'a comment further on' }).click();
    assert.equal(await landed(page, ids[12]), null, 'oldest first');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('Back to an article returns to the reader’s place in its comments, which load below the first screen', async () => {
  for (let i = 1; i <= 12; i += 1) await seed('/article/deep-link', { text: `A long comment, number ${i}, `.repeat(8), author: `Reader ${i}` });
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/deep-link`);
    await showComments(page);
    await page.locator('.comment-list > .comment').nth(6).scrollIntoViewIfNeeded();
    await page.locator('.comment-list > .comment').nth(9).waitFor();
    await page.waitForTimeout(400);
    const place = await page.evaluate(() => scrollY);
    // Followed in place, as a click on a link near the comments would be.
    await page.evaluate(() => document.querySelector('.site-header__name').click());
    await page.locator('.article-card').first().waitFor();
    await page.goBack();
    await page.locator('h1', { hasText: 'A long read to link into' }).waitFor();
    // The place is below what the page holds until its comments load.
    await page.waitForFunction((y) => Math.abs(scrollY - y) < 4, place, { timeout: 5000 }).catch(() => {});
    const back = await page.evaluate(() => scrollY);
    assert.ok(Math.abs(back - place) < 4, `back at ${back}, was ${place}`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a closed thread says it is closed, with no order or count to offer while it holds none', async () => {
  await seed('/article/closed-with-one', { text: 'Written before the thread closed.', author: 'Early' });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'closed-empty');
    const area = page.locator('#comments');
    await area.getByText('Comments are closed for this article.').waitFor();
    assert.equal(await page.locator('#comments-title').textContent(), 'Comments');
    assert.equal(await area.getByText('No comments').count(), 0, 'the closed line says it once');
    assert.equal(await area.getByRole('combobox', { name: 'Sort' }).count(), 0, 'nothing to sort');
    assert.equal(await page.getByRole('form', { name: 'Leave a comment' }).count(), 0);

    await openArticle(page, 'closed-with-one');
    await area.getByText('Written before the thread closed.').waitFor();
    assert.equal(await page.locator('#comments-title').textContent(), '1 comment');
    assert.ok(await area.getByRole('combobox', { name: 'Sort' }).isVisible());
    assert.ok(await area.getByText('Comments are closed for this article.').isVisible());
    // Both are published after the build: their pages come with a 404.
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('replies nest under their parent, also a reply to a reply', async () => {
  const parent = await seed('/article/choir-of-one-review', { text: 'Is the whole album really one voice?', author: 'Ken' });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'choir-of-one-review');
    const ken = page.locator('.comment').filter({ hasText: 'Is the whole album really one voice?' });
    await ken.getByRole('button', { name: 'Reply' }).click();
    const replyForm = page.getByRole('form', { name: 'Reply to Ken' });
    await replyForm.getByLabel('Your comment').fill('Yes, every sound on it.');
    await replyForm.getByRole('button', { name: 'Post comment' }).click();
    const reply = ken.locator('.comment__replies .comment').filter({ hasText: 'Yes, every sound on it.' });
    await reply.waitFor();
    // The form goes with its status: the comment itself says the reply
    // was posted, beside its Reply button, where focus goes back.
    assert.equal(await ken.locator(':scope > article [role="status"]').filter({ hasText: 'Your reply was posted.' }).count(), 1);
    const replyButton = reply.getByRole('button', { name: 'Reply' });
    const pressed = await replyButton.elementHandle();
    await replyButton.click();
    const second = page.getByRole('form', { name: 'Reply to Anonymous' });
    await second.getByLabel('Your comment').fill('Even the drums?');
    await second.getByRole('button', { name: 'Post comment' }).press('Enter');
    await ken.locator('.comment__replies .comment').filter({ hasText: 'Even the drums?' }).waitFor();
    // A reply to a reply: the replies already shown stay as they were, so
    // focus comes back to the Reply button pressed, and the reply it
    // answered says it was posted.
    await page.waitForFunction((b) => b.isConnected && document.activeElement === b, pressed, { timeout: 10000 });
    assert.equal(await reply.locator(':scope > article [role="status"]').filter({ hasText: 'Your reply was posted.' }).count(), 1);
    // The count is of every comment, replies too, as Isso counts them.
    assert.equal(await page.locator('#comments-title').textContent(), '3 comments');
    await reloadLive(page);
    await showComments(page);
    await ken.locator('.comment__replies .comment').filter({ hasText: 'Even the drums?' }).waitFor();
    assert.equal(await page.locator('#comments-title').textContent(), '3 comments', 'the same after a reload');
    const rows = db(`SELECT text, parent FROM comments WHERE parent IS NOT NULL ORDER BY id`).filter(([, p]) => p === parent.id);
    assert.deepEqual(rows.map(([t]) => t), ['Yes, every sound on it.', 'Even the drums?'], 'Isso keeps one level: both under the top comment');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a comment with more replies than a page holds offers the rest, and shows them all', async () => {
  const parent = await seed('/article/many-replies', { text: 'Which song did you hear first?', author: 'Rin' });
  for (let i = 1; i <= 14; i++) await seed('/article/many-replies', { text: `Reply number ${i}.`, parent: parent.id });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'many-replies');
    const rin = page.locator('.comment').filter({ hasText: 'Which song did you hear first?' }).first();
    await rin.waitFor();
    const shown = () => rin.locator('.comment__replies .comment').count();
    const before = await shown();
    assert.ok(before < 14, `a page holds only some replies (${before})`);
    const more = rin.getByRole('button', { name: new RegExp(`^Show ${14 - before} more repl`) });
    await more.press('Enter');
    await rin.locator('.comment__replies .comment').filter({ hasText: 'Reply number 14.' }).waitFor();
    assert.equal(await shown(), 14);
    assert.equal(await rin.getByRole('button', { name: /^Show .* more repl/ }).count(), 0, 'nothing more to show');
    // Focus comes to a reply's button a frame or two after the one pressed goes.
    await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
    assert.equal(await page.locator('#comments-title').textContent(), '15 comments');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // Oldest first, the reader replies, then asks for the rest: their own
  // reply is not counted as one of the server's, so none is skipped; the
  // same after a reload, when their reply is still remembered.
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'many-replies');
    await page.getByLabel('Sort').selectOption('oldest');
    const rin = page.locator('.comment').filter({ hasText: 'Which song did you hear first?' }).first();
    await rin.locator('.comment__replies .comment').filter({ hasText: 'Reply number 1.' }).waitFor();
    await rin.getByRole('button', { name: 'Reply to Rin', exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Reply to Rin' });
    await form.getByLabel('Your comment').fill('Mine was the third one.');
    await form.getByRole('button', { name: 'Post comment' }).click();
    const mine = rin.locator('.comment__replies .comment').filter({ hasText: 'Mine was the third one.' });
    await mine.waitFor();
    const everyReply = async () => {
      await rin.getByRole('button', { name: /^Show \d+ more repl/ }).click();
      await rin.locator('.comment__replies .comment').filter({ hasText: 'Reply number 14.' }).waitFor();
      await page.waitForTimeout(200);
      const texts = await rin.locator('.comment__replies .comment .comment__text').allTextContents();
      for (let i = 1; i <= 14; i++) {
        assert.equal(texts.filter((t) => t.trim() === `Reply number ${i}.`).length, 1, `reply ${i} once in ${texts.join(' | ')}`);
      }
      assert.equal(texts.filter((t) => t.trim() === 'Mine was the third one.').length, 1);
      assert.equal(await rin.getByRole('button', { name: /^Show .* more repl/ }).count(), 0, 'nothing more to show');
    };
    await everyReply();
    await reloadLive(page);
    await showComments(page);
    await page.getByLabel('Sort').selectOption('oldest');
    await rin.locator('.comment__replies .comment').filter({ hasText: 'Reply number 1.' }).waitFor();
    assert.equal(await mine.count(), 0, 'oldest first, the reader’s reply comes after those held back');
    await everyReply();
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('leaving the article while a post, "View all" or a delete is on its way leaves a working page, and the post settled', async (t) => {
  for (let i = 1; i <= 12; i++) await seed('/article/leaving', { text: `Earlier comment ${i}.`, author: 'Sam' });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'leaving');
    // The first page of the thread is read before anything is held back: every
    // read asks for an offset, and one held from the start would never end.
    // A first read the server did not answer in time is tried again, as a
    // reader would, and said in the test's output.
    const viewAll = page.getByRole('button', { name: /^View all comments/ });
    const retry = page.getByRole('button', { name: 'Retry loading the comments' });
    await viewAll.or(retry).first().waitFor();
    if (await retry.isVisible()) {
      t.diagnostic(`first read failed: ${await page.locator('.comments__unavailable p').textContent()}`);
      await retry.click();
      await viewAll.waitFor();
    }
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route(`${isso.url}/**`, async (route) => {
      if (['POST', 'DELETE'].includes(route.request().method()) || route.request().url().includes('offset=')) await held;
      await route.continue();
    });
    // Leaves for the front page, lets the server answer, and checks the page still works.
    const leaveWhile = async (answer, settled) => {
      await page.locator('.site-header__name').click();
      await page.locator('.article-card a').first().waitFor();
      answer();
      await waitUntil(settled);
      await page.waitForTimeout(500);
      assert.equal(await page.locator('.crash').count(), 0, 'the page is still working');
    };
    // A post, and the rest of the thread, both held back by the server.
    const form = page.getByRole('form', { name: 'Leave a comment' });
    await form.getByLabel('Your comment').fill('Sent on my way out.');
    await form.getByRole('button', { name: 'Post comment' }).click();
    await page.getByRole('button', { name: /^View all comments/ }).click();
    await leaveWhile(release, () => db(`SELECT count(*) FROM comments WHERE text = 'Sent on my way out.'`)[0][0] === 1);
    // Back on the article: the comment is there once, and the form is empty.
    await page.goBack();
    await showComments(page);
    await page.locator('.comment__text').filter({ hasText: 'Sent on my way out.' }).waitFor();
    assert.equal(await page.locator('.comment__text').filter({ hasText: 'Sent on my way out.' }).count(), 1);
    assert.equal(await form.getByLabel('Your comment').inputValue(), '');
    assert.equal(await page.getByText('may not have reached').count(), 0);
    // Deleting it, then leaving before the server answers.
    let letDelete;
    const deleting = new Promise((ok) => { letDelete = ok; });
    await page.unroute(`${isso.url}/**`);
    await page.route(`${isso.url}/**`, async (route) => {
      if (route.request().method() === 'DELETE') await deleting;
      await route.continue();
    });
    const mine = page.locator('.comment').filter({ hasText: 'Sent on my way out.' });
    await mine.getByRole('button', { name: /^Delete/ }).click();
    await mine.getByRole('button', { name: 'Confirm delete' }).click();
    await leaveWhile(letDelete, () => db(`SELECT count(*) FROM comments WHERE text = 'Sent on my way out.'`)[0][0] === 0);
    await page.locator('.article-card a').first().click();
    await page.locator('h1').waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a comment posted after deleting one shows, though Isso gives it the deleted one’s id', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'again');
    const post = async (text) => {
      await form(page).getByLabel('Your comment').fill(text);
      await form(page).getByRole('button', { name: 'Post comment' }).click();
      await page.locator('.comment__text').filter({ hasText: text }).waitFor();
    };
    await post('First try, spelt wrong.');
    const first = db("SELECT id FROM comments WHERE text = 'First try, spelt wrong.'")[0][0];
    await page.locator('.comment').filter({ hasText: 'First try, spelt wrong.' }).getByRole('button', { name: 'Delete' }).click();
    await page.locator('.comment').filter({ hasText: 'First try, spelt wrong.' }).getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByText('This comment was deleted.').waitFor();
    await post('Second try, spelt right.');
    assert.equal(db("SELECT id FROM comments WHERE text = 'Second try, spelt right.'")[0][0], first, 'Isso gave the id again');
    assert.equal(await page.locator('#comments-title').textContent(), '1 comment');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('likes reach Isso, once per reader', async () => {
  const liked = await seed('/article/paper-moons-live-review', { text: 'Best gig of the year.', author: 'Ola' });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'paper-moons-live-review');
    const like = page.getByRole('button', { name: 'Like the comment by Ola' });
    assert.match(await like.textContent(), /0/);
    await like.click();
    await page.waitForFunction(() => document.querySelector('.comment__like').textContent.includes('1'));
    assert.equal(await like.getAttribute('aria-pressed'), 'true');
    // Its name counts as speech does: one like, not "1 likes".
    assert.equal((await like.textContent()).replace(/\s+/g, ' ').trim(), '♥ 1 like: like the comment by Ola');
    await like.click();
    assert.deepEqual(db(`SELECT likes FROM comments WHERE id = ${liked.id}`), [[1]]);
    // After a reload the button still says the reader liked it.
    await reloadLive(page);
    await showComments(page);
    await page.waitForFunction(() => document.querySelector('.comment__like')?.getAttribute('aria-pressed') === 'true');
    assert.deepEqual(db(`SELECT likes FROM comments WHERE id = ${liked.id}`), [[1]]);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // The same reader on another visit (another browser's storage): Isso does not count a second like,
  // and the reader is told so instead of seeing a pressed button.
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'paper-moons-live-review');
    const like = page.getByRole('button', { name: 'Like the comment by Ola' });
    await like.click();
    await page.getByRole('status').filter({ hasText: 'The comment server did not count this like' }).waitFor();
    assert.equal(await like.getAttribute('aria-pressed'), 'false');
    assert.match(await like.textContent(), /1/);
    assert.deepEqual(db(`SELECT likes FROM comments WHERE id = ${liked.id}`), [[1]]);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('sort orders: newest, oldest and most liked', async () => {
  const uri = '/article/tidewater-hymns-review';
  const first = await seed(uri, { text: 'First in.', author: 'A' });
  await new Promise((r) => setTimeout(r, 1100));
  await seed(uri, { text: 'Second in.', author: 'B' });
  await new Promise((r) => setTimeout(r, 1100));
  await seed(uri, { text: 'Third in.', author: 'C' });
  for (let i = 0; i < 3; i++) {
    await fetch(`${isso.url}/id/${first.id}/like`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.9.9.${i + 1}` }, body: '{}' });
  }
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'tidewater-hymns-review');
    const texts = () => page.locator('.comment-list > .comment .comment__text').allTextContents();
    await page.locator('.comment').first().waitFor();
    assert.deepEqual(await texts(), ['Third in.', 'Second in.', 'First in.']);
    await page.getByLabel('Sort').selectOption('oldest');
    await page.waitForFunction(() => document.querySelector('.comment-list .comment__text')?.textContent === 'First in.');
    assert.deepEqual(await texts(), ['First in.', 'Second in.', 'Third in.']);
    await page.getByLabel('Sort').selectOption('upvotes');
    await page.waitForFunction(() => document.querySelector('.comment-list .comment__text')?.textContent === 'First in.');
    assert.equal((await texts())[0], 'First in.');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('the comments loading as the reader scrolls near them move neither focus nor the page', async () => {
  await withPage({ width: 390, height: 700 }, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/film-out`);
    // Scrolled as a wheel does, to just above where the comments start to load.
    const top = await page.evaluate(() => document.getElementById('comments').getBoundingClientRect().top + scrollY);
    await page.mouse.move(200, 300);
    await page.mouse.wheel(0, top - 1000);
    await page.waitForFunction(() => /^\d+ comments?$/.test(document.getElementById('comments-title')?.textContent ?? ''));
    const at = await page.evaluate(() => scrollY);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BODY', 'no focus was taken');
    assert.ok(Math.abs((await page.evaluate(() => scrollY)) - at) < 2, 'the page did not move');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('thirty comments: the first ten, then “View all comments” loads the rest', async () => {
  const uri = '/article/cassette-labels-comeback';
  for (let i = 1; i <= 30; i++) await seed(uri, { text: `Tape memory number ${i}.`, author: `Reader ${i}` });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'cassette-labels-comeback');
    await page.locator('.comment').first().waitFor();
    assert.equal(await page.locator('.comment-list > .comment').count(), 10);
    assert.equal(await page.locator('#comments-title').textContent(), '30 comments');
    await page.getByRole("button", { name: /View all comments \(20 more\)/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('.comment-list > .comment').length === 30);
    assert.equal(await page.getByRole('button', { name: /View all comments/ }).count(), 0);
    const texts = await page.locator('.comment-list > .comment .comment__text').allTextContents();
    assert.equal(new Set(texts).size, 30);
    assert.deepEqual(await axe(page, { include: '.comments' }), [], 'filled state');
    await screenshot(page, 'comments-filled-1280');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // A further page that fails says so, and the button tries again.
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'cassette-labels-comeback');
    await page.locator('.comment').first().waitFor();
    let failed = false;
    await page.route((url) => url.href.startsWith(isso.url) && url.searchParams.get('offset') === '10', (route) => {
      if (failed) return route.continue();
      failed = true;
      return route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' });
    });
    await page.getByRole('button', { name: /View all comments \(20 more\)/ }).click();
    await page.getByRole('alert').filter({ hasText: 'More comments could not be loaded: the comment server had a problem (status 500).' }).waitFor();
    await page.getByRole('button', { name: /View all comments \(20 more\)/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('.comment-list > .comment').length === 30);
    assert.equal(await page.getByRole('alert').filter({ hasText: 'More comments could not be loaded' }).count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404, /status of 500/]), []);
  });
  // An answer with no comments in it at all (`{}` from a proxy in front of
  // the server) cannot be read: it is not "no comments yet".
  await withPage({}, async ({ page, unexpected }) => {
    await page.route((url) => url.href.startsWith(isso.url) && url.searchParams.get('uri') === '/article/cassette-labels-comeback', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': site.origin, 'Access-Control-Allow-Credentials': 'true' }, body: '{}' }));
    await openArticle(page, 'cassette-labels-comeback');
    await page.locator('.comments__unavailable').waitFor();
    assert.equal(await page.getByText('No comments yet').count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // A server (or a cache in front of it) that ignores the offset answers
  // every further page with the first one: nothing is shown twice, and the
  // pages are not asked for without end.
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'cassette-labels-comeback');
    await page.locator('.comment').first().waitFor();
    let further = 0;
    await page.route((url) => url.href.startsWith(isso.url) && url.searchParams.has('offset'), (route) => {
      further += 1;
      const url = new URL(route.request().url());
      url.searchParams.delete('offset');
      url.searchParams.set('limit', '20');
      return route.continue({ url: url.href });
    });
    await page.getByRole('button', { name: /View all comments \(20 more\)/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('.comment-list > .comment').length === 20);
    await page.waitForTimeout(1000);
    const texts = await page.locator('.comment-list > .comment .comment__text').allTextContents();
    assert.equal(texts.length, 20, 'the first ten and the ten after them, once each');
    assert.equal(new Set(texts).size, 20);
    assert.ok(further <= 2, `${further} further pages asked for`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('newest first, “View all comments” also shows the comments others posted since the page was read', async () => {
  const uri = '/article/posted-since';
  for (let i = 1; i <= 14; i++) await seed(uri, { text: `Early word number ${i}.`, author: `Reader ${i}` });
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/posted-since`);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await page.locator('.comment-list > .comment').first().waitFor();
    await page.getByLabel('Sort').selectOption('newest');
    await page.locator('.comment-list > .comment').first().filter({ hasText: 'Early word number 14.' }).waitFor();
    // Two readers elsewhere post while this one reads the first ten.
    await seed(uri, { text: 'Posted elsewhere, first.', author: 'Late A' });
    await seed(uri, { text: 'Posted elsewhere, second.', author: 'Late B' });
    await page.getByRole('button', { name: /View all comments \(4 more\)/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('.comment-list > .comment').length === 16);
    const texts = await page.locator('.comment-list > .comment .comment__text').allTextContents();
    assert.deepEqual(texts.slice(0, 3).map((t) => t.trim()), ['Posted elsewhere, second.', 'Posted elsewhere, first.', 'Early word number 14.']);
    assert.equal(new Set(texts).size, 16, 'each once');
    assert.equal(await page.locator('#comments-title').textContent(), '16 comments');
    assert.equal(await page.getByRole('button', { name: /View all comments/ }).count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a browser that lets the page keep nothing: the form says what that costs, and posting still works', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    // As in a cross-site frame whose browser refuses it storage.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    });
    await goLive(page, `${site.url}article/no-storage`);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await form(page).getByText('a comment you post here can’t be edited or deleted afterwards').waitFor();
    const text = 'Posted from a browser that keeps nothing.';
    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText('Your comment was posted.').waitFor();
    const posted = page.locator('.comment').filter({ hasText: text });
    await posted.waitFor();
    assert.equal(await posted.getByRole('button', { name: /^Edit/ }).count(), 0, 'no Edit the server would refuse');
    assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text LIKE '%keeps nothing%'`), [[1]]);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a page whose security policy does not name the comment server says so, with no Retry that cannot help', async () => {
  // The same site from a host whose connect-src leaves the comment server out.
  const strict = await serve({ dir, csp: CSP.replace("connect-src 'self' http://127.0.0.1:*", "connect-src 'self'") });
  try {
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, `${strict.url}article/night-bus-sessions`);
      await page.locator('#comments').scrollIntoViewIfNeeded();
      await page.getByRole('alert').filter({ hasText: 'Comments are unavailable on this page: this page’s security policy does not let it reach the comment server.' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Retry loading the comments' }).count(), 0);
      // Nothing offered that cannot work: no form to write into, no order
      // to choose, and no room kept for a form that will not come.
      assert.equal(await page.getByRole('form', { name: 'Leave a comment' }).count(), 0);
      assert.equal(await page.getByRole('combobox', { name: /Sort/ }).count(), 0);
      const height = await page.locator('#comments').evaluate((el) => el.getBoundingClientRect().height);
      assert.ok(height < 300, `the area is as tall as what it says (${height}px)`);
      // A passage's feedback panel says the same, with no form either.
      await goLive(page, `${strict.url}article/film-out`);
      await page.locator('#q1').locator('..').getByRole('button', { name: /passage/ }).click();
      const panel = page.locator('#feedback-q1');
      await panel.getByRole('alert').filter({ hasText: 'security policy does not let it reach the comment server' }).waitFor();
      assert.equal(await panel.getByRole('form').count(), 0);
      assert.deepEqual(unexpected([DEEP_LINK_404, /CSP violation: connect-src/, /Refused to connect/, /Content Security Policy/, /Failed to fetch/]), []);
    });
  } finally {
    await strict.close();
  }
});

test('inline feedback: the marker count rises after a post, and the filter shows it by passage', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'film-out');
    const marker = page.locator('#q1').locator('..').getByRole('button', { name: /passage/ });
    await page.waitForFunction(() => document.querySelector('.feedback-marker__count')?.textContent === '0');
    assert.equal(await marker.getAttribute('aria-label'), '0 comments: leave feedback on this passage');
    // Markers share a name: each is described by the passage it follows.
    const described = await marker.getAttribute('aria-describedby');
    assert.match(await page.locator(`#${described}`).textContent(), /memory behaving like film/);
    await marker.click();
    const panel = page.locator('#feedback-q1');
    // Two forms on the page now, each with a name of its own.
    await panel.getByRole('form', { name: 'Leave feedback on this passage' }).waitFor();
    assert.equal(await page.getByRole('form', { name: 'Leave a comment' }).count(), 1);
    await panel.getByLabel('Does the song feel like memory on film to you?').fill('It does: every chorus is a rewind.');
    await panel.getByRole('button', { name: 'Post comment' }).click();
    await panel.locator('.comment').filter({ hasText: 'every chorus is a rewind' }).waitFor();
    assert.equal(await marker.getAttribute('aria-label'), '1 comment: feedback on this passage');
    await reloadLive(page);
    await showComments(page);
    await page.waitForFunction(() => document.querySelector('.feedback-marker__count')?.textContent === '1');
    assert.deepEqual(db("SELECT t.uri FROM comments c JOIN threads t ON c.tid = t.id WHERE c.text LIKE '%rewind%'"), [['/article/film-out#q1']]);
    // The comment area's filter shows feedback under its passage.
    await page.getByRole('button', { name: 'Inline feedback (1)' }).click();
    await page.locator('.feedback-list__passage').filter({ hasText: 'memory behaving like film' }).waitFor();
    const listed = page.locator('.feedback-list .comment').filter({ hasText: 'every chorus is a rewind' });
    await listed.waitFor();
    // With its panel open too, it shows twice: the address `#comment-N`
    // names the list's copy, `#q1#comment-N` the panel's, and no id is on
    // the page twice.
    await marker.click();
    const mine = page.locator('#feedback-q1 .comment');
    await mine.filter({ hasText: 'every chorus is a rewind' }).waitFor();
    assert.match(await listed.getAttribute('id'), /^comment-\d+$/);
    assert.equal(await mine.getAttribute('id'), `passage-${await listed.getAttribute('id')}`);
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    assert.deepEqual(duplicates, []);
    await page.getByRole('button', { name: 'View all comments' }).click();
    assert.equal(await page.getByRole('button', { name: 'All comments' }).getAttribute('aria-pressed'), 'true');
    // Deleting it lowers the passage's count, not the article's.
    const title = await page.locator('#comments-title').textContent();
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.getByRole('button', { name: 'Confirm delete' }).click();
    await mine.getByText('This comment was deleted.').waitFor();
    assert.equal(await marker.getAttribute('aria-label'), '0 comments: leave feedback on this passage');
    assert.equal(await page.locator('#comments-title').textContent(), title);
    // Escape closes the panel and gives focus back to its marker.
    await page.locator('#feedback-q1').getByLabel('Does the song feel like memory on film to you?').focus();
    await page.keyboard.press('Escape');
    await page.locator('#feedback-q1').waitFor({ state: 'detached' });
    assert.equal(await marker.evaluate((el) => el === document.activeElement), true, 'focus is back on the marker');
    // From the marker itself too, as a reader who opened it and did not go in.
    await marker.press('Enter');
    await page.locator('#feedback-q1').waitFor();
    await marker.press('Escape');
    await page.locator('#feedback-q1').waitFor({ state: 'detached' });
    assert.equal(await marker.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a passage’s feedback that could not be read is read again: by its Retry, on opening the panel again, and back online', async () => {
  await seed('/article/feedback-failed#p1', { text: 'It holds up on the third listen.', author: 'Rae' });
  await withPage({}, async ({ page, context, unexpected }) => {
    await openArticle(page, 'feedback-failed');
    // The passage's own read fails (not its count, a request of its own).
    let failing = true;
    await page.route((url) => url.href.startsWith(isso.url) && url.search.includes('%23p1') && !/[?&]limit=0(&|$)/.test(url.search), (route) =>
      failing ? route.abort('connectionrefused') : route.continue());
    const marker = page.locator('#p1').locator('..').getByRole('button', { name: /passage/ });
    const panel = page.locator('#feedback-p1');
    await marker.click();
    const retry = panel.getByRole('button', { name: 'Retry loading this feedback' });
    await retry.waitFor();
    assert.match(await panel.getByRole('alert').textContent(), /^This feedback is unavailable: /);
    assert.deepEqual(await axe(page, { include: '#feedback-p1' }), [], 'unavailable feedback');
    failing = false;
    await retry.click();
    await panel.locator('.comment').filter({ hasText: 'third listen' }).waitFor();
    assert.equal(await panel.getByRole('alert').count(), 0);
    // The button went with the failure: focus is on the panel's comment box.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.labels?.[0]?.textContent), 'Does this line hold up?');
    // Failed on one opening, read on the next.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.evaluate(() => localStorage.clear());
    failing = true;
    await reloadLive(page);
    await showComments(page);
    await marker.click();
    await panel.getByRole('button', { name: 'Retry loading this feedback' }).waitFor();
    await marker.click();
    await panel.waitFor({ state: 'detached' });
    failing = false;
    await marker.click();
    await panel.locator('.comment').filter({ hasText: 'third listen' }).waitFor();
    // Offline, then online again: read with no button pressed.
    await marker.click();
    await reloadLive(page);
    await showComments(page);
    await context.setOffline(true);
    await marker.click();
    await panel.getByRole('button', { name: 'Retry loading this feedback' }).waitFor();
    await context.setOffline(false);
    await panel.locator('.comment').filter({ hasText: 'third listen' }).waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('in a passage’s panel, Escape calls off an edit or a delete, not the panel', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'feedback-escape');
    const marker = page.locator('#p1').locator('..').getByRole('button', { name: /passage/ });
    const panel = page.locator('#feedback-p1');
    await marker.click();
    await panel.getByLabel('What does this line mean to you?').fill('It means leaving the light on.');
    await panel.getByRole('button', { name: 'Post comment' }).click();
    const mine = panel.locator('.comment').filter({ hasText: 'leaving the light on' });
    await mine.waitFor();
    await mine.getByRole('button', { name: 'Edit' }).click();
    const editor = panel.getByLabel('Edit your comment');
    await editor.waitFor();
    await editor.press('Escape');
    await panel.locator('.comment-editor').waitFor({ state: 'detached' });
    assert.ok(await panel.isVisible(), 'the panel stays open');
    assert.equal(await marker.getAttribute('aria-expanded'), 'true');
    const del = mine.getByRole('button', { name: /^Delete/ });
    await del.click();
    await mine.getByRole('button', { name: /^Confirm delete/ }).waitFor();
    await page.keyboard.press('Escape');
    await mine.getByRole('button', { name: /^Delete/ }).waitFor();
    assert.equal(await marker.getAttribute('aria-expanded'), 'true');
    assert.equal(await mine.locator('.comment__deleted').count(), 0);
    // With nothing to call off, Escape closes the panel as before.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a note of a like or a delete that failed goes once it works', async () => {
  await seed('/article/notes-go', { text: 'A note that goes.', author: 'Noor' });
  await withPage({}, async ({ page, context, unexpected }) => {
    await openArticle(page, 'notes-go');
    await form(page).getByLabel('Your comment').fill('Mine, to delete.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await page.locator('.comment').filter({ hasText: 'Mine, to delete.' }).waitFor();
    // Found by its id: its words go with it.
    const mine = page.locator(`#${await page.locator('.comment').filter({ hasText: 'Mine, to delete.' }).getAttribute('id')}`);
    await page.getByRole('link', { name: 'Go to your comment' }).waitFor();
    const other = page.locator('.comment').filter({ hasText: 'A note that goes.' });
    // The comment's status line is there, empty, before any note comes.
    const line = await other.locator('.comment__note').elementHandle();
    assert.equal(await line.evaluate((el) => [el.getAttribute('role'), el.textContent, getComputedStyle(el).display].join('|')), 'status||none');
    await context.setOffline(true);
    await other.getByRole('button', { name: 'Like the comment by Noor' }).click();
    await other.getByText(/^Could not like this comment/).waitFor();
    assert.match(await line.evaluate((el) => el.textContent), /^Could not like this comment/, 'said by the line that was there');
    await mine.getByRole('button', { name: /^Delete/ }).click();
    await mine.getByRole('button', { name: /^Confirm delete/ }).click();
    await mine.getByText(/^Could not delete/).waitFor();
    await context.setOffline(false);
    await other.getByRole('button', { name: 'Like the comment by Noor' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.comment__like')].some((b) => b.getAttribute('aria-pressed') === 'true'));
    await other.getByText(/^Could not like this comment/).waitFor({ state: 'detached' });
    await mine.getByRole('button', { name: /^Delete/ }).click();
    await mine.getByRole('button', { name: /^Confirm delete/ }).click();
    await mine.getByText('This comment was deleted.').waitFor();
    assert.equal(await mine.getByText(/^Could not delete/).count(), 0);
    // The form no longer leads to the comment the reader deleted.
    await page.getByRole('link', { name: 'Go to your comment' }).waitFor({ state: 'detached' });
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('a busy passage’s panel reads its first ten comments, and all of them only when the reader asks, keeping focus', async () => {
  const uri = '/article/busy-passage#p1';
  for (let i = 1; i <= 12; i += 1) await seed(uri, { text: `Answer number ${i} to the line.`, author: `Reader ${i}` });
  await withPage({}, async ({ page, unexpected }) => {
    const reads = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      // Reads of the thread (the marker's count is a read of none: limit=0).
      const limit = url.searchParams.get('limit');
      if (url.origin === new URL(isso.url).origin && url.searchParams.get('uri') === uri && r.method() === 'GET' && limit !== '0') reads.push(limit);
    });
    await goLive(page, `${site.url}article/busy-passage`);
    const marker = page.locator('#p1').locator('..').getByRole('button', { name: /passage/ });
    await marker.click();
    const panel = page.locator('#feedback-p1');
    const comments = panel.locator('.comment-list > li');
    await panel.getByText('Answer number 10 to the line.').waitFor();
    assert.equal(await comments.count(), 10, 'the first ten, oldest first');
    assert.deepEqual(reads, ['10'], 'one read, of ten');
    const more = panel.getByRole('button', { name: 'Show all 12 comments on this passage' });
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    await more.click();
    await panel.getByText('Answer number 12 to the line.').waitFor();
    assert.equal(await comments.count(), 12);
    const fewer = panel.getByRole('button', { name: 'Show fewer comments' });
    assert.equal(await fewer.evaluate((el) => el === document.activeElement && el.getAttribute('aria-expanded') === 'true'), true, 'the same button, focused');
    assert.deepEqual(await axe(page, { include: '#feedback-p1' }), []);
    await fewer.click();
    assert.equal(await comments.count(), 10);
    // What the reader posts shows at once, though it comes after the first ten.
    await panel.getByLabel('What does this line mean to you?').fill('It means the night bus home.');
    await panel.getByRole('button', { name: 'Post comment' }).click();
    await panel.locator('.comment').filter({ hasText: 'the night bus home' }).waitFor();
    assert.equal(await comments.count(), 11);
    // Closed and opened again, the panel shows them as the reader left them,
    // and has them all already.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await marker.click();
    await panel.getByText('Answer number 10 to the line.').waitFor();
    assert.equal(await comments.count(), 11, 'the first ten and the reader’s own');
    await panel.getByRole('button', { name: 'Show all 13 comments on this passage' }).click();
    assert.equal(await comments.count(), 13);
    await page.keyboard.press('Escape');
    await marker.click();
    await panel.getByText('Answer number 12 to the line.').waitFor();
    assert.equal(await comments.count(), 13);
    assert.equal(reads.length, 2, 'the rest was read once');
    assert.equal(reads[1], null, 'without a limit');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('readers can edit and then delete their own new comment', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'lantern-field-festival-lineup');
    await form(page).getByLabel('Your comment').fill('See you in the *orchard*.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    const mine = page.locator('.comment').filter({ hasText: 'See you in the orchard.' });
    await mine.waitFor();
    await mine.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByLabel('Edit your comment');
    // The editor holds what the reader typed, Markdown and all.
    await page.waitForFunction(() => document.querySelector('.comment-editor textarea')?.value === 'See you in the *orchard*.');
    await editor.fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Write at least 3 characters, or delete the comment.').waitFor();
    // Isso saves the edit, but its answer is lost: the reader is told it
    // may not have been saved, and saving again is safe.
    await page.route(`${isso.url}/id/**`, async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await editor.fill('See you in the *orchard*, by [the tent](https://example.com/tent).');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/This change may not have been saved: .* Save again to be sure\./).waitFor();
    await page.unroute(`${isso.url}/id/**`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.comment').filter({ hasText: 'by the tent.' }).waitFor();
    assert.equal(await page.locator('.comment').filter({ hasText: 'by the tent.' }).locator('a[href="https://example.com/tent"]').count(), 1);
    assert.deepEqual(db("SELECT text FROM comments WHERE text LIKE 'See you in the %orchard%'"), [['See you in the *orchard*, by [the tent](https://example.com/tent).']]);
    const edited = page.locator('.comment').filter({ hasText: 'by the tent.' });
    // Saved, as those who hear the page are told (Cancel closes it the same way).
    await edited.getByRole('status').getByText('Your change was saved.').waitFor({ state: 'attached' });
    const id = await edited.getAttribute('id');
    const before = await page.locator('#comments-title').textContent();
    // A first press only asks; the second deletes.
    await edited.getByRole('button', { name: 'Delete' }).click();
    await page.waitForTimeout(300);
    assert.equal(await edited.locator('.comment__deleted').count(), 0, 'not deleted by one press');
    await edited.getByRole('button', { name: 'Confirm delete' }).click();
    await page.locator(`#${id}`).getByText('This comment was deleted.').waitFor();
    const count = (text) => Number(text.match(/^(\d+) comment/)?.[1]);
    assert.equal(count(await page.locator('#comments-title').textContent()), count(before) - 1, 'the count goes down');
    assert.deepEqual(db("SELECT count(*) FROM comments WHERE text LIKE 'See you in the %orchard%'"), [[0]]);
    // Other readers' comments offer no such buttons.
    assert.equal(await page.locator('.comment').filter({ hasNotText: 'deleted' }).getByRole('button', { name: 'Edit' }).count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/]), []);
  });
});

test('by keyboard, focus stays where the reader works: after Cancel, Save, Delete, a reply and Retry', async () => {
  const focused = (page) => page.evaluate(() => {
    const el = document.activeElement;
    return el === document.body || !el ? 'nothing' : `${el.tagName.toLowerCase()}:${el.textContent.trim().slice(0, 40)}`;
  });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'paper-moons-live-review');
    await form(page).getByLabel('Your comment').fill('Front row, left of the stage.');
    await form(page).getByRole('button', { name: 'Post comment' }).press('Enter');
    const posted = page.locator('.comment').filter({ hasText: 'Front row, left of the stage.' });
    await posted.waitFor();
    const mine = page.locator(`#${await posted.getAttribute('id')}`);
    // A reply form takes focus in its text field; cancelled: back on Reply.
    await mine.getByRole('button', { name: 'Reply' }).press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('form')?.getAttribute('aria-label')?.startsWith('Reply to') && document.activeElement.tagName === 'TEXTAREA');
    await page.getByRole('form', { name: /^Reply to/ }).getByRole('button', { name: 'Cancel' }).press('Enter');
    await page.waitForTimeout(200);
    assert.match(await focused(page), /^button:Reply to /);
    // A reply posted: back on Reply.
    await mine.getByRole('button', { name: 'Reply' }).press('Enter');
    const reply = page.getByRole('form', { name: /^Reply to/ });
    await reply.getByLabel('Your comment').fill('Same, by the speakers.');
    await reply.getByRole('button', { name: 'Post comment' }).press('Enter');
    await mine.locator('.comment__replies .comment').filter({ hasText: 'Same, by the speakers.' }).waitFor();
    await page.waitForTimeout(200);
    assert.match(await focused(page), /^button:Reply to /);
    // The editor opens with focus in its box (it sits above Edit), and
    // Cancel or Escape close it: back on Edit.
    const own = mine.locator('> .comment__body');
    await own.getByRole('button', { name: 'Edit' }).press('Enter');
    await page.waitForFunction(() => document.activeElement?.matches('.comment-editor textarea'));
    await page.getByRole('button', { name: 'Cancel' }).first().press('Enter');
    await page.waitForTimeout(200);
    assert.match(await focused(page), /^button:Edit your comment of /);
    await own.getByRole('button', { name: 'Edit' }).press('Enter');
    await page.waitForFunction(() => document.activeElement?.matches('.comment-editor textarea'));
    await page.keyboard.press('Escape');
    await page.getByLabel('Edit your comment').waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
    assert.match(await focused(page), /^button:Edit your comment of /);
    // Escape takes back a first press of Delete.
    await own.getByRole('button', { name: 'Delete' }).press('Enter');
    await own.getByRole('button', { name: 'Confirm delete' }).press('Escape');
    await own.getByRole('button', { name: /^Delete your comment/ }).waitFor();
    await own.getByRole('button', { name: 'Edit' }).press('Enter');
    await page.getByLabel('Edit your comment').fill('Front row, right of the stage.');
    await page.getByRole('button', { name: 'Save' }).press('Enter');
    await page.locator('.comment').filter({ hasText: 'right of the stage.' }).first().waitFor();
    await page.waitForTimeout(200);
    assert.match(await focused(page), /^button:Edit your comment of /);
    // Deleted: on the note that says so.
    await own.getByRole('button', { name: 'Delete' }).press('Enter');
    await own.getByRole('button', { name: 'Confirm delete' }).press('Enter');
    await own.getByText('This comment was deleted.').waitFor();
    await page.waitForTimeout(200);
    assert.equal(await focused(page), 'p:This comment was deleted.');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  // Retry that fails again, with its button replaced: on the heading.
  await isso.stop();
  try {
    await withPage({}, async ({ page, unexpected }) => {
      await openArticle(page, 'film-out');
      const alert = page.locator('.comments__unavailable');
      await alert.waitFor();
      // Named for what it retries, apart from the form's Retry of a post.
      await alert.getByRole('button', { name: 'Retry loading the comments', exact: true }).press('Enter');
      await page.locator('.comments__unavailable').waitFor();
      await page.waitForTimeout(300);
      assert.notEqual(await focused(page), 'nothing');
      assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_REFUSED/]), []);
    });
  } finally {
    await isso.restart();
  }
});

test('Edit and Delete go once the server stops taking changes (15 minutes), also on a page left open', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.clock.install();
    await openArticle(page, 'tidewater-hymns-review');
    await form(page).getByLabel('Your comment').fill('Heard it on the pier at dusk.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    const mine = page.locator('.comment').filter({ hasText: 'Heard it on the pier at dusk.' });
    await mine.getByRole('button', { name: 'Edit' }).waitFor();
    await page.clock.fastForward('14:00');
    assert.equal(await mine.getByRole('button', { name: 'Edit' }).count(), 1, 'still offered before the window closes');
    await page.clock.fastForward('02:00');
    await mine.getByRole('button', { name: 'Edit' }).waitFor({ state: 'detached' });
    assert.equal(await mine.getByRole('button', { name: 'Delete' }).count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a draft survives a reload and is cleared only after the server confirms', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'kestrel-and-the-lamps');
    await form(page).getByLabel('Your comment').fill('Half-written thought about Porchlight');
    await form(page).getByLabel('Name (optional)').fill('Ines');
    await reloadLive(page);
    await showComments(page);
    await page.locator('#comments-title').waitFor();
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), 'Half-written thought about Porchlight');
    assert.equal(await form(page).getByLabel('Name (optional)').inputValue(), 'Ines');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('field checks match Isso’s and are tied to their fields', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'city-pop-afterlife');
    await form(page).getByLabel('Your comment').fill('ab');
    await form(page).getByLabel('Website (optional)').fill('javascript:alert(1)');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    const text = form(page).getByLabel('Your comment');
    assert.equal(await text.getAttribute('aria-invalid'), 'true');
    const describedBy = await text.getAttribute('aria-describedby');
    assert.equal(await page.locator(`#${describedBy}`).textContent(), 'Write at least 3 characters.');
    assert.ok(await text.evaluate((el) => el === document.activeElement));
    assert.equal(await form(page).getByLabel('Website (optional)').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(db("SELECT count(*) FROM comments c JOIN threads t ON c.tid = t.id WHERE t.uri = '/article/city-pop-afterlife'"), [[0]]);
    assert.deepEqual(await axe(page, { include: '.comments' }), [], 'form with errors');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a long comment shows folded with a button for the rest, unfolds for the keyboard, and a short one has no button', async () => {
  const essay = Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}: a reader with a great deal to say about this record.`).join('\n\n');
  await seed('/article/long-comment', { author: 'Essayist', text: `${essay}\n\nMore at [the last link](https://example.org/end).` });
  await seed('/article/long-comment', { author: 'Brief', text: 'Short and sweet.' });
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'long-comment');
    const long = page.locator('.comment', { hasText: 'Essayist' });
    const short = page.locator('.comment', { hasText: 'Brief' });
    await long.waitFor();
    await short.waitFor();
    const text = long.locator('.comment__text');
    const folded = () => text.evaluate((el) => el.scrollHeight - el.clientHeight > 1);
    const unfold = long.getByRole('button', { name: 'Show the whole comment' });
    assert.equal(await unfold.getAttribute('aria-expanded'), 'false');
    assert.equal(await unfold.getAttribute('aria-controls'), await text.getAttribute('id'));
    assert.ok(await folded(), 'the long comment shows its first lines');
    assert.equal(await short.locator('.comment__unfold').count(), 0, 'a short comment is whole, with no button');
    assert.deepEqual(await axe(page), []);
    await unfold.click();
    const fold = long.getByRole('button', { name: 'Show less' });
    assert.equal(await fold.getAttribute('aria-expanded'), 'true');
    assert.equal(await folded(), false);
    await fold.click();
    assert.ok(await folded());
    // A keyboard reaching the link in the folded part unfolds the comment first.
    await long.getByRole('link', { name: 'the last link' }).focus();
    assert.equal(await fold.getAttribute('aria-expanded'), 'true');
    assert.equal(await folded(), false);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('hostile author, website and text render as inert text', async () => {
  const hostile = await seed('/article/lantern-field-festival-lineup', {
    author: '<img src=x onerror="document.title=\'pwned\'">',
    text: '<script>document.title="pwned"</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href="https://ok.example/" onclick="alert(1)">fine link</a>',
  });
  // Isso refuses such a website itself; an older or altered database may still hold one.
  db(`UPDATE comments SET website = 'javascript:alert(1)' WHERE id = ${hostile.id}`);
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'lantern-field-festival-lineup');
    const comment = page.locator('.comment').first();
    await comment.waitFor();
    assert.match(await comment.locator('.comment__author').textContent(), /<img src=x/);
    assert.equal(await comment.locator('.comment__author').evaluate((el) => el.tagName), 'SPAN', 'a javascript: website is no link');
    assert.equal(await comment.locator('script, img, [onerror], [onclick]').count(), 0);
    for (const href of await comment.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      assert.match(href, /^https:\/\//);
    }
    assert.notEqual(await page.title(), 'pwned');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('Isso stopped mid-session: the text is kept, and Retry after restart posts exactly once', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'art-of-the-liner-note');
    await page.getByText('No comments yet').waitFor();
    await isso.stop();
    const text = 'Liner notes taught me who played bass on everything.';
    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText(/may not have been posted/).waitFor();
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), text);
    assert.deepEqual(await axe(page, { include: '.comments' }), [], 'error state');
    await screenshot(page, 'comments-error-1280');
    await isso.restart();
    await form(page).getByRole('button', { name: 'Retry' }).click();
    await page.locator('.comment').filter({ hasText: text }).waitFor();
    assert.equal(await form(page).getByLabel('Your comment').getAttribute('readonly'), null);
    await page.waitForTimeout(500);
    assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text = '${text}'`), [[1]]);
    // The browser logs the refused connections; nothing else went wrong.
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_REFUSED/]), []);
  });
});

test('a retry after a lost answer finds the stored comment instead of posting it twice', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'kestrel-and-the-lamps');
    // Isso stores the comment, but the answer never reaches the page, or
    // is an error: either way the retry must find it, Markdown, escaped
    // name and all.
    const faults = [
      ['connection reset', (route) => route.abort('connectionreset')],
      ['server error', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' })],
    ];
    for (const [fault, answer] of faults) {
      const text = `Three minutes is *plenty* for [a song](https://example.com/song), after a ${fault}.`;
      let dropped = false;
      await page.route(`${isso.url}/new**`, async (route) => {
        if (dropped) return route.continue();
        dropped = true;
        await route.fetch();
        return answer(route);
      });
      await form(page).getByLabel('Your comment').fill(text);
      await form(page).getByLabel('Name (optional)').fill('Ana & Bo');
      await form(page).getByRole('button', { name: 'Post comment' }).click();
      await form(page).getByText(/may not have been posted/).waitFor();
      await form(page).getByRole('button', { name: 'Retry' }).click();
      const mine = page.locator('.comment').filter({ hasText: `plenty for a song, after a ${fault}.` });
      await mine.waitFor();
      assert.equal(await mine.locator('.comment__author').textContent(), 'Ana & Bo');
      assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text = '${text}'`), [[1]], fault);
      await page.unroute(`${isso.url}/new**`);
    }
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/, /status of 500/]), []);
  });
});

test('a typo fixed after a lost answer is not posted twice: the first text arrived, the fix stays in the form', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'again');
    const first = 'Teh lineup is the best in years.';
    const fixed = 'The lineup is the best in years.';
    // Isso stores the first text, but its answer is lost.
    await page.route(`${isso.url}/new**`, async (route) => {
      await route.fetch();
      return route.abort('connectionreset');
    });
    await form(page).getByLabel('Your comment').fill(first);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText(/may not have been posted/).waitFor();
    await page.unroute(`${isso.url}/new**`);
    await form(page).getByLabel('Your comment').fill(fixed);
    await form(page).getByRole('button', { name: 'Retry' }).click();
    await form(page).getByText(/had arrived after all, as you first wrote it/).waitFor();
    assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text IN ('${first}', '${fixed}')`), [[1]], 'stored once');
    assert.deepEqual(db(`SELECT text FROM comments WHERE text IN ('${first}', '${fixed}')`), [[first]]);
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), fixed, 'the fix is kept');
    const mine = page.locator('.comment').filter({ hasText: first });
    await mine.waitFor();
    assert.equal(await mine.getByRole('button', { name: 'Edit' }).count(), 0, 'no Edit the server would refuse');
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/]), []);
  });
});

test('a slow comment server is waited for, said so, and the comment is stored once', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'slow-server');
    // The server takes longer than a read may, to store a new comment.
    await page.route(`${isso.url}/new**`, async (route) => {
      await new Promise((done) => setTimeout(done, 13500));
      await route.continue();
    });
    const text = 'Worth the wait, this one.';
    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText('Still posting: the comment server is slow to answer.', { exact: false }).waitFor({ timeout: 20000 });
    assert.equal(await form(page).getByRole('button', { name: 'Retry' }).count(), 0, 'no retry while the first is on its way');
    await page.locator('.comment').filter({ hasText: text }).waitFor({ timeout: 20000 });
    await form(page).getByText('Your comment was posted.').waitFor();
    assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text = '${text}'`), [[1]]);
    // The note is about that comment: it goes when the reader starts the next.
    await form(page).getByLabel('Your comment').pressSequentially('A');
    await form(page).getByText('Your comment was posted.').waitFor({ state: 'detached' });
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a comment the server turns away says why, keeps the text, and offers no pointless Retry', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'refused');
    // Isso's guard answers so (a 403 with its reason in a paragraph), when a
    // reader has written as many comments in a row as the site allows.
    await page.route(`${isso.url}/new**`, (route) =>
      route.fulfill({ status: 403, contentType: 'text/html', body: '<!doctype html>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n<p>3 direct responses to /article/refused</p>\n' }));
    await form(page).getByLabel('Your comment').fill('One more thought on this.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText('Your comment was not posted: the comment server did not accept it (3 direct responses to /article/refused). Your text is kept.').waitFor();
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), 'One more thought on this.');
    assert.equal(await form(page).getByRole('button', { name: 'Retry' }).count(), 0);
    assert.equal(await form(page).getByRole('button', { name: 'Post comment' }).count(), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404, /status of 403/]), []);
  });
});

/** Posts `text`: Isso stores it, but its answer never reaches the page. */
async function postWithAnswerLost(page, text) {
  await page.route(`${isso.url}/new**`, async (route) => {
    await route.fetch();
    return route.abort('connectionreset');
  });
  await form(page).getByLabel('Your comment').fill(text);
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await form(page).getByText(/may not have been posted/).waitFor();
  await page.unroute(`${isso.url}/new**`);
}

test('a reload after a lost answer does not post the comment twice', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'lost-answer');
    const text = 'The harmonium on track four is the whole record.';
    // The reader reloads instead of pressing Retry.
    await postWithAnswerLost(page, text);
    // Isso cannot be asked at first after the reload: the draft is back,
    // with Retry.
    await page.route(`${isso.url}/?uri=*after=*`, (route) => route.abort('internetdisconnected'));
    await reloadLive(page);
    await showComments(page);
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), text, 'the draft is back');
    await form(page).getByText(/may not have reached the server/).waitFor();
    await page.unroute(`${isso.url}/?uri=*after=*`);
    await form(page).getByRole('button', { name: 'Retry' }).click();
    await form(page).getByText('Your comment was posted.').waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text = '${text}'`), [[1]], 'stored once');
    assert.equal(await page.locator('.comment').filter({ hasText: text }).count(), 1, 'shown once');
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/, /ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('a reload after a lost answer finds the comment in the thread and says it was posted, with no Retry', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'lost-answer-found');
    const text = 'The second side is where the tape hiss starts to sing.';
    await postWithAnswerLost(page, text);
    await reloadLive(page);
    await showComments(page);
    await form(page).getByText('Your comment was posted.').waitFor();
    assert.equal(await form(page).getByLabel('Your comment').inputValue(), '', 'the box is empty');
    assert.equal(await form(page).getByRole('button', { name: 'Retry' }).count(), 0);
    assert.equal(await page.locator('.comment').filter({ hasText: text }).count(), 1, 'shown once');
    assert.equal(await page.locator('#comments-title').textContent(), '1 comment');
    // And a reload after that has nothing left to ask about.
    await reloadLive(page);
    await showComments(page);
    await page.locator('.comment').filter({ hasText: text }).waitFor();
    assert.equal(await form(page).getByText(/may not have/).count(), 0);
    assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text = '${text}'`), [[1]], 'stored once');
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/]), []);
  });
});

test('feedback whose answer was lost, found after a reload, is counted once on its marker', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'lost-feedback');
    const marker = page.locator('#p1').locator('..').getByRole('button', { name: /passage/ });
    await marker.click();
    const panel = page.locator('#feedback-p1');
    const text = 'It says the quiet part of the song out loud.';
    await page.route(`${isso.url}/new**`, async (route) => {
      await route.fetch();
      return route.abort('connectionreset');
    });
    await panel.getByLabel('What does it say to you?').fill(text);
    await panel.getByRole('button', { name: 'Post comment' }).click();
    await panel.getByText(/may not have been posted/).waitFor();
    await page.unroute(`${isso.url}/new**`);
    await reloadLive(page);
    await showComments(page);
    await page.waitForFunction(() => document.querySelector('.feedback-marker__count')?.textContent === '1');
    await marker.click();
    await panel.getByText('Your comment was posted.').waitFor();
    await panel.locator('.comment').filter({ hasText: text }).waitFor();
    assert.equal(await marker.getAttribute('aria-label'), '1 comment: feedback on this passage');
    assert.equal(await panel.locator('.comment').filter({ hasText: text }).count(), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/]), []);
  });
});

test('a change of order that fails keeps the comments on the screen, and a post shows in them', async () => {
  for (let i = 1; i <= 5; i += 1) await seed('/article/sort-failed', { text: `Line-up note number ${i}.`, author: `Reader ${i}` });
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/sort-failed`);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await page.locator('.comment-list > .comment').first().waitFor();
    const before = await page.locator('.comment-list > .comment').count();
    // Oldest first cannot be read: the network drops.
    await page.route(`${isso.url}/?uri=*sort=oldest*`, (route) => route.abort('internetdisconnected'));
    await page.getByLabel('Sort').selectOption('oldest');
    await page.getByText(/could not be put in that order/).waitFor();
    assert.equal(await page.locator('.comment-list > .comment').count(), before, 'the list stays');
    assert.equal(await page.getByLabel('Sort').inputValue(), 'newest', 'the control says the order shown');
    assert.equal(await page.getByText('Comments are unavailable', { exact: false }).count(), 0);
    // A comment posted now shows at the top of the newest-first list.
    const text = 'Posted while the order could not change.';
    await form(page).getByLabel('Your comment').fill(text);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await form(page).getByText('Your comment was posted.').waitFor();
    await page.locator('.comment').filter({ hasText: text }).waitFor();
    // Still down: trying again says so again, and the list stays.
    const again = page.getByRole('button', { name: 'Try that order again' });
    await again.click();
    await page.getByText(/could not be put in that order/).waitFor();
    assert.equal(await page.getByLabel('Sort').inputValue(), 'newest');
    // Back online, the button puts them in that order.
    await page.unroute(`${isso.url}/?uri=*sort=oldest*`);
    await again.click();
    await page.waitForFunction(() => /Line-up note number 1\./.test(document.querySelector('.comment-list > .comment')?.textContent ?? ''));
    assert.equal(await page.getByText(/could not be put in that order/).count(), 0);
    assert.equal(await page.getByLabel('Sort').inputValue(), 'oldest');
    // Choosing an order that failed again, in the menu, also tries it again.
    await page.route(`${isso.url}/?uri=*sort=newest*`, (route) => route.abort('internetdisconnected'));
    await page.getByLabel('Sort').selectOption('newest');
    await page.getByText(/could not be put in that order/).waitFor();
    await page.unroute(`${isso.url}/?uri=*sort=newest*`);
    await page.getByLabel('Sort').selectOption('newest');
    await page.waitForFunction(() => /Posted while the order could not change\./.test(document.querySelector('.comment-list > .comment')?.textContent ?? ''));
    assert.equal(await page.getByText(/could not be put in that order/).count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('a slow answer for the old sort order never replaces the new order, nor do its further pages', async () => {
  const uri = '/article/sort-race';
  for (let i = 1; i <= 24; i += 1) await seed(uri, { text: `Line-up note number ${i}.`, author: `Reader ${i}` });
  await withPage({}, async ({ page, unexpected }) => {
    // Newest-first answers are held back until the test lets them go.
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(`${isso.url}/?uri=*sort=newest*`, async (route) => {
      await held;
      await route.continue();
    });
    await goLive(page, `${site.url}article/sort-race`);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await page.getByLabel('Sort').selectOption('oldest');
    await page.locator('.comment').first().waitFor();
    release();
    await page.waitForTimeout(800);
    const first = await page.locator('.comment-list > .comment').first().textContent();
    assert.match(first, /Line-up note number 1\./, 'oldest first, as the reader chose last');
    await page.unroute(`${isso.url}/?uri=*sort=newest*`);
    // "View all" in one order, then a change of order while its pages load.
    let releaseMore;
    const heldMore = new Promise((r) => (releaseMore = r));
    await page.route(`${isso.url}/?uri=*offset=10*`, async (route) => {
      await heldMore;
      await route.continue();
    });
    await page.getByRole('button', { name: /View all comments/ }).click();
    await page.getByLabel('Sort').selectOption('newest');
    await page.waitForFunction(() => /Line-up note number 24\./.test(document.querySelector('.comment-list > .comment')?.textContent ?? ''));
    releaseMore();
    await page.waitForTimeout(800);
    const texts = await page.locator('.comment-list > .comment .comment__text').allTextContents();
    assert.equal(texts.length, 10, 'only the new order’s first page: no pages of the old order appended');
    assert.match(texts[0], /number 24\./);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('one post per click, with the button busy while in flight', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await openArticle(page, 'paper-moons-live-review');
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(`${isso.url}/new**`, async (route) => {
      await held;
      return route.continue();
    });
    const text = 'Double clicks happen to the best of us.';
    await form(page).getByLabel('Your comment').fill(text);
    const button = form(page).locator('button[type=submit]');
    await button.dblclick();
    await button.click();
    assert.equal(await form(page).locator('button[type=submit]').getAttribute('aria-busy'), 'true');
    // Words typed meanwhile would be cleared with the posted ones.
    assert.equal(await form(page).getByLabel('Your comment').getAttribute('readonly'), '');
    assert.deepEqual(await axe(page, { include: '.comments' }), [], 'posting state');
    release();
    await page.locator('.comment').filter({ hasText: text }).waitFor();
    assert.equal(await form(page).getByLabel('Your comment').getAttribute('readonly'), null);
    await page.waitForTimeout(500);
    assert.deepEqual(db(`SELECT count(*) FROM comments WHERE text = '${text}'`), [[1]]);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('with Isso down, comments say so with Retry, and the rest of the page works', async () => {
  await isso.stop();
  try {
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, `${site.url}article/film-out`);
      await page.locator('h1').waitFor();
      await showComments(page);
      const alert = page.locator('.comments__unavailable');
      await alert.waitFor();
      assert.match(await alert.textContent(), /Comments are unavailable right now/);
      // Counts that could not be read are unknown, not zero.
      if (await page.locator('.comments__filter').count()) {
        assert.equal(await page.getByRole('button', { name: /^Inline feedback/ }).textContent(), 'Inline feedback');
      }
      assert.deepEqual(await axe(page, { include: '.comments' }), [], 'unavailable state');
      await page.getByRole('button', { name: /^Play .* on YouTube$/ }).isVisible();
      await page.getByRole('button', { name: 'Next stories' }).click();
      await isso.restart();
      await alert.getByRole('button', { name: 'Retry' }).click();
      await page.locator('#comments-title').filter({ hasText: /comment/ }).waitFor();
      await page.locator('.comments__unavailable').waitFor({ state: 'detached' });
      assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_REFUSED/]), []);
    });
  } finally {
    await isso.restart();
  }
});

test('comments that could not be read offline are read again when the connection comes back', async () => {
  await withPage({}, async ({ page, context, unexpected }) => {
    await goLive(page, `${site.url}article/film-out`);
    await page.locator('h1').waitFor();
    await context.setOffline(true);
    await showComments(page);
    const alert = page.locator('.comments__unavailable');
    await alert.waitFor();
    await context.setOffline(false);
    // No Retry pressed: the browser says it is online again.
    await page.locator('#comments-title').filter({ hasText: /comment/ }).waitFor();
    await alert.waitFor({ state: 'detached' });
    assert.ok(await form(page).getByLabel('Your comment').isVisible());
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('a comment posted after the thread could not be read shows, with the thread read again', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    // The first read of the thread is lost; the server is fine by the post.
    let lose = true;
    await page.route(`${isso.url}/**`, (route) => {
      const request = route.request();
      if (lose && request.method() === 'GET' && new URL(request.url()).searchParams.has('uri')) {
        lose = false;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await openArticle(page, 'read-failed');
    await page.locator('.comments__unavailable').waitFor();
    await form(page).getByLabel('Your comment').fill('Posted while the thread would not load.');
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await page.locator('.comment').filter({ hasText: 'Posted while the thread would not load.' }).waitFor();
    await page.locator('.comments__unavailable').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#comments-title').textContent(), '1 comment');
    assert.deepEqual(db("SELECT c.text FROM comments c JOIN threads t ON c.tid = t.id WHERE t.uri = '/article/read-failed'"), [['Posted while the thread would not load.']]);
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_CONNECTION_RESET/]), []);
  });
});

test('when the comments’ code cannot be downloaded, the area and a passage’s panel say so, and Retry brings them', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    // The network drops just for the file that holds the comments' code.
    let drop = true;
    await page.route(/\/linernotes-comments-[0-9a-f]+\.wasm$/, (route) => (drop ? route.abort('internetdisconnected') : route.continue()));
    const warnings = [];
    page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
    await goLive(page, `${site.url}article/film-out`);
    await page.locator('h1').waitFor();
    await page.locator('#comments').scrollIntoViewIfNeeded();
    const alert = page.locator('.comments__unavailable');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Comments are unavailable right now: this part of the app could not be downloaded: check the connection, or reload the page if the site was updated since it was opened\. The article is still here\./);
    assert.equal(await form(page).count(), 0);
    // A passage's panel says so too, and opens whole on the next try.
    const marker = page.locator('#q1').locator('..').getByRole('button', { name: /passage/ });
    await marker.click();
    await page.locator('#feedback-q1').getByRole('alert').filter({ hasText: 'The feedback form is unavailable right now' }).waitFor();
    assert.deepEqual(await axe(page, { include: '.comments' }), [], 'the area, unavailable');
    drop = false;
    await marker.click();
    await marker.click();
    await page.locator('#feedback-q1').getByRole('form', { name: 'Leave feedback on this passage' }).waitFor();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await form(page).waitFor();
    await page.locator('.comments__unavailable').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#comments-title').evaluate((el) => el === document.activeElement), true, 'focus is on the heading, not lost with the button');
    // The browser's own report of the dropped file, and the app's note
    // in the console, a warning that names it.
    assert.deepEqual(unexpected([DEEP_LINK_404, /ERR_INTERNET_DISCONNECTED/]), []);
    assert.ok(warnings.some((w) => /^linernotes: a part of the app’s code could not be had: TypeError: Failed to fetch/.test(w)), warnings.join('\n'));
  });
});

test('a comments’ code file that was changed on its way is refused: the area says the code is unavailable', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    // A proxy or a tampered CDN serves other bytes under the file's name.
    let tamper = true;
    await page.route(/\/linernotes-comments-[0-9a-f]+\.wasm$/, async (route) => {
      if (!tamper) return route.continue();
      const response = await route.fetch();
      // Still a valid module: one custom section more at its end.
      const body = Buffer.concat([await response.body(), Buffer.from([0, 2, 1, 0x78])]);
      return route.fulfill({ response, body });
    });
    await goLive(page, `${site.url}article/film-out`);
    await page.locator('h1').waitFor();
    await page.locator('#comments').scrollIntoViewIfNeeded();
    const alert = page.locator('.comments__unavailable');
    await alert.waitFor();
    assert.match(await alert.textContent(), /this part of the app could not be downloaded/);
    assert.equal(await form(page).count(), 0);
    tamper = false;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await form(page).waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404, /integrity/i, /Failed to fetch/]), []);
  });
});

test('axe-core finds no violations in the empty comment area, at phone width too', async () => {
  for (const width of [390, 1280]) {
    await withPage({ width }, async ({ page, unexpected }) => {
      await openArticle(page, 'city-pop-afterlife');
      await page.getByText('No comments yet').waitFor();
      assert.deepEqual(await axe(page), [], `empty at ${width}`);
      await screenshot(page, `comments-empty-${width}`);
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  }
});

test('Isso’s link to a comment on a passage opens the passage’s panel at that comment, past its first ten too', async () => {
  const ids = [];
  for (let i = 1; i <= 14; i += 1) ids.push((await seed('/article/passage-link#p1', { text: `Passage answer ${i}.`, author: `Reader ${i}` })).id);
  const onFilm = (await seed('/article/film-out#q1', { text: 'Feedback on the pull quote.', author: 'Quoter' })).id;
  await withPage({ width: 1000, height: 700 }, async ({ page, unexpected }) => {
    // As Isso writes it for a thread `/article/passage-link#p1`.
    await goLive(page, `${site.url}article/passage-link#p1#isso-${ids[12]}`);
    await page.waitForFunction((id) => document.activeElement?.id === `passage-comment-${id}`, ids[12], { timeout: 20000 });
    assert.equal(new URL(page.url()).hash, `#p1#comment-${ids[12]}`);
    assert.match(await page.locator(`#passage-comment-${ids[12]}`).textContent(), /Passage answer 13\./);
    assert.equal(await page.locator('#p1').locator('..').getByRole('button', { name: /passage/ }).getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator('#comment-missing').count(), 0, 'not said to be gone');
    // On a prerendered article too, which the app adopts with its panels closed.
    await page.goto('about:blank');
    await goLive(page, `${site.url}article/film-out#q1#isso-${onFilm}`);
    await page.waitForFunction((id) => document.activeElement?.id === `passage-comment-${id}`, onFilm, { timeout: 20000 });
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});
