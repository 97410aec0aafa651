// Markdown articles end to end: an article written here in Markdown is put
// into a copy of the built site and published the way the build does it
// (scripts/prerender.sh compiles it, re-indexes, prerenders), then read in
// Chromium with JavaScript off and on, with comments on a real Isso.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { startIsso } from '../scripts/isso.mjs';
import { launch, withPage as sharedWithPage, axe, screenshot, goLive } from './browser.mjs';
import { copyBuild, republish, removeBuild } from './prerendered.mjs';

const SLUG = 'night-ferry-sessions';
const ARTICLE = `---
title: "Night ferry: a songwriter records an album between two harbours"
dek: Eleven songs, one crossing a night, and a ship's horn in the key of E.
category: Features
tags: [Night Ferry, Folk, Field recording]
authors:
  - Mira Holm
published: 2026-11-20T21:30:00+01:00
hero:
  src: images/night-bus-sessions.svg
  alt: Bars of amber and pale grey of different heights on a dark blue ground.
  caption: The crossing, drawn by our illustrator.
  credit: "Illustration: linernotes"
related: [night-bus-sessions, film-out]
---
Mira Holm wrote her new album *on board*, over **eleven crossings**, and you can
[read about the bus sessions](/article/night-bus-sessions) that started it.

## Songs from the car deck

{#q1 feedback="Would you record on a moving ship?"}
> The engine is the metronome; I only had to keep up with it.
> — Mira Holm

{feedback="Which line stays with you?"}
\`\`\`lyrics
Salt on the railing, lights on the shore,
half of the sea and a little bit more.

Horn in the harbour, rope on the pier,
all of the songs that I wrote out here.

— Car Deck Waltz, Mira Holm (sketch written for this article)
\`\`\`

{poster="images/film-out-poster.svg"}
[Night ferry session, filmed on the crossing](https://www.youtube.com/watch?v=zFT3f9biz68)

{artist="Mira Holm" artwork="images/overdue-live.svg" artwork_alt="Pink level-meter bars in front of dim violet bookshelves, under a crescent moon."}
[Car Deck Waltz](https://open.spotify.com/track/4CarDeckWaltzLinernote)

{credit="Illustration: linernotes"}
![A record sleeve with a gold label on brown.](images/liner-note-sleeve.svg "The album comes on vinyl only.")

- Eleven songs
- One take each

1. Board at nine
2. Record until dawn

##### Recorded on the MS Harbour Lights

Back to [the songs](#h1).
`;

let browser, dir, site, isso;
before(async () => {
  browser = await launch();
  dir = copyBuild();
  site = await serve({ dir });
  isso = await startIsso({ origin: site.origin });
  writeFileSync(join(dir, 'content/articles', `${SLUG}.md`), ARTICLE);
  republish(dir, (settings) => ({ ...settings, comments: { provider: 'isso', endpoint: isso.url } }));
});
after(async () => {
  await browser?.close();
  await isso?.stop();
  await site?.close();
  if (dir) removeBuild(dir);
});

const withPage = (options, fn) => sharedWithPage(browser, options, fn);
const words = (text) => text.replace(/\s+/g, ' ').trim();
const TITLE = 'Night ferry: a songwriter records an album between two harbours';

test('publishing compiles the Markdown to its JSON, indexes it, and leaves the source out', async () => {
  const json = JSON.parse(readFileSync(join(dir, 'content/articles', `${SLUG}.json`), 'utf8'));
  assert.equal(json.title, TITLE);
  assert.deepEqual(json.body.map((b) => `${b.type}:${b.id}`), [
    'paragraph:p1', 'heading:h1', 'quote:q1', 'lyrics:l1', 'video:v1', 'audio:a1', 'image:i1', 'list:l2', 'list:l3', 'heading:h2',
    'paragraph:p2',
  ]);
  assert.equal(json.body.at(-1).content[1].href, `/article/${SLUG}#h1`, 'a link to a block of the article is its address on the site');
  assert.deepEqual(json.feedback, [
    { block: 'q1', prompt: 'Would you record on a moving ship?' },
    { block: 'l1', prompt: 'Which line stays with you?' },
  ]);
  assert.equal(json.body.at(-2).level, 5, 'the JSON keeps the level as written');
  const image = json.body.find((b) => b.type === 'image');
  assert.deepEqual([image.width, image.height], [800, 800], 'the size is read from the SVG');
  assert.ok(!existsSync(join(dir, 'content/articles', `${SLUG}.md`)), 'the source is not published');
  assert.equal((await fetch(`${site.url}content/articles/${SLUG}.md`)).status, 404);
  const index = JSON.parse(readFileSync(join(dir, 'content/index.json'), 'utf8'));
  assert.ok(index.articles.some((card) => card.slug === SLUG), 'the index has its card');
});

test('with JavaScript off, the prerendered Markdown article shows every construct', async () => {
  await withPage({ javaScriptEnabled: false, width: 390 }, async ({ page, unexpected }) => {
    await page.goto(`${site.url}article/${SLUG}`);
    assert.equal(words(await page.locator('h1').textContent()), TITLE);
    const body = page.locator('.article__body');
    assert.equal(words(await body.locator('h2').first().textContent()), 'Songs from the car deck');
    assert.ok(await body.locator('em', { hasText: 'on board' }).isVisible());
    assert.ok(await body.locator('strong', { hasText: 'eleven crossings' }).isVisible());
    assert.equal(
      await page.getByRole('link', { name: 'read about the bus sessions' }).getAttribute('href'),
      '/article/night-bus-sessions',
    );
    const quote = page.locator('#q1');
    assert.match(words(await quote.textContent()), /The engine is the metronome; I only had to keep up with it\./);
    assert.match(words(await quote.textContent()), /Mira Holm/);
    for (const line of ['Salt on the railing, lights on the shore,', 'half of the sea and a little bit more.']) {
      assert.ok(await page.getByText(line, { exact: true }).isVisible(), line);
    }
    assert.match(words(await page.locator('#l1').textContent()), /Car Deck Waltz, Mira Holm/);
    // The blank line between the verses is kept, and takes a line's height.
    const lyricLines = page.locator('#l1 .lyric-quote__line');
    assert.equal(await lyricLines.count(), 5);
    const gap = await lyricLines.nth(2).boundingBox();
    assert.ok(gap.height > 10, `the verse break has a line's height (${gap.height}px)`);
    // Without the app, a player is its link to the service (no Play that does nothing).
    assert.ok(await page.locator('.player', { hasText: 'Night ferry session' }).isVisible());
    assert.ok(await page.getByRole('link', { name: /Watch on YouTube/ }).isVisible());
    assert.ok(await page.locator('.player', { hasText: 'Car Deck Waltz' }).isVisible());
    assert.ok(await page.getByRole('link', { name: /Listen on Spotify/ }).isVisible());
    assert.equal(await page.getByRole('button', { name: /^Play / }).count(), 0);
    const image = page.getByRole('img', { name: 'A record sleeve with a gold label on brown.' });
    assert.equal(await image.getAttribute('width'), '800');
    assert.equal(await image.getAttribute('height'), '800');
    assert.match(words(await page.locator('#i1').textContent()), /The album comes on vinyl only\..*Illustration: linernotes/);
    assert.deepEqual((await page.locator('#l2 li').allTextContents()).map(words), ['Eleven songs', 'One take each']);
    assert.deepEqual((await page.locator('#l3 li').allTextContents()).map(words), ['Board at nine', 'Record until dawn']);
    // Written `#####` right after a `##` (and so kept in the JSON): shown one
    // level below it, as the page's outline of headings wants.
    assert.equal(words(await page.locator('h3#h2').textContent()), 'Recorded on the MS Harbour Lights');
    await screenshot(page, 'markdown-article-no-js-390');
    assert.deepEqual(unexpected(), []);
  });
});

test('in the app, the Markdown article plays its video, invites feedback, and passes axe', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${site.url}article/${SLUG}`);
    for (const passage of ['q1', 'l1']) {
      const marker = page.locator(`#${passage}`).locator('..').getByRole('button', { name: /passage/ });
      await marker.waitFor();
      assert.match(await marker.getAttribute('aria-label'), /leave feedback on this passage/);
    }
    await page.locator('#q1').locator('..').getByRole('button', { name: /passage/ }).click();
    await page.locator('#feedback-q1').getByLabel('Would you record on a moving ship?').waitFor();
    assert.deepEqual(await axe(page), [], 'light scheme');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axe(page), [], 'dark scheme');
    await page.getByRole('button', { name: /^Play Night ferry session, filmed on the crossing/ }).click();
    await page.locator('iframe[src*="youtube-nocookie.com/embed/zFT3f9biz68"]').waitFor();
    await screenshot(page, 'markdown-article-live-1280');
    // A link to a part of the article leads there, in place.
    await page.getByRole('link', { name: 'the songs' }).click();
    await page.waitForFunction(() => location.hash === '#h1' && Math.abs(document.querySelector('#h1').getBoundingClientRect().top) < 80);
    assert.equal(await page.locator('h1').count(), 1, 'still the same page');
    assert.deepEqual(unexpected(), []);
  });
});

test('the Markdown article is on the front page and in search', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url);
    await page.getByRole('link', { name: TITLE }).first().waitFor();
    await page.goto(`${site.url}search?q=ferry`);
    await page.getByRole('link', { name: TITLE }).first().waitFor();
    assert.deepEqual(unexpected(), []);
  });
});
