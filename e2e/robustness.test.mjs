// Faults readers meet: a content request that never answers, an article
// far too large, a very long one, a site.json that fails to refresh, and
// words too long for a phone. Each gets a clear message or a page that
// still works; none leaves the reader waiting forever or the tab frozen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { launch, withPage as sharedWithPage, goLive, axe, DEEP_LINK_404 } from './browser.mjs';
import { copyBuild, addArticle, removeBuild } from './prerendered.mjs';

let browser, dir, site;
const paragraph = (id, text) => ({ type: 'paragraph', id, content: [{ text }] });

before(async () => {
  browser = await launch();
  dir = copyBuild();
  // Published after the build: the app fetches these.
  const huge = 'x'.repeat(1000);
  addArticle(dir, {
    schema: 1, slug: 'far-too-large', title: 'A file far too large', published: '2026-11-20T10:00:00Z',
    body: Array.from({ length: 3000 }, (_, i) => paragraph(`p${i}`, huge)),
  });
  addArticle(dir, {
    schema: 1, slug: 'very-long-read', title: 'A very long read', published: '2026-11-20T10:00:00Z',
    body: Array.from({ length: 1200 }, (_, i) => paragraph(`p${i}`, `Paragraph ${i + 1} of a very long read, in words of its own.`)),
  });
  addArticle(dir, {
    schema: 1, slug: 'long-words', title: 'Supercalifragilisticexpialidociousandthensomemorelettersthatneverstop', published: '2026-11-20T10:00:00Z',
    body: [
      paragraph('p1', 'https://example.com/a/very/long/address/that/goes/on/and/on/without/any/space/to/break/it/anywhere/at/all?query=string&and=more'),
      paragraph('p2', 'ア'.repeat(200)),
      paragraph('p3', 'a'.repeat(300)),
    ],
  });
  // A copy of another article's file at this address (a publisher's slip).
  const copied = JSON.parse(readFileSync(join(dir, 'content/articles/film-out.json'), 'utf8'));
  writeFileSync(join(dir, 'content/articles/copied-slug.json'), JSON.stringify(copied));
  // A hand-written file with what no tool writes.
  addArticle(dir, {
    schema: 1, slug: 'odd-content', title: 'مقال تجريبي: Odd content', published: '2026-11-20T10:00:00Z',
    authors: [{ name: 'Ana\u202E One', url: 'javascript:alert(1)' }, { name: 'Bo Lind', url: 'https://bolind.example/' }],
    body: [
      paragraph('main', 'A block whose id is the page’s own.'),
      { type: 'paragraph', id: 'p2', content: [{ text: 'Kept, ' }, null, 5, { text: 'and kept.' }] },
      paragraph('p3', 'هذه فقرة باللغة العربية.'),
      { type: 'image', id: 'i1', src: 'images/film-out.svg', alt: 'A far too tall box', width: 1, height: 100000 },
      paragraph('p4', 'After the image.'),
      { type: 'lyrics', id: 'l1', lines: ['أغنية Love song في الليل', 'שיר אהבה בלילה'], cite: 'أغنية' },
    ],
  });
  addArticle(dir, { schema: 1, slug: 'nothing-to-show', title: 'Nothing to show', published: '2026-11-20T10:00:00Z', body: [{ type: 'hologram', id: 'h1' }] });
  site = await serve({ dir });
});
after(async () => {
  await browser?.close();
  await site?.close();
  if (dir) removeBuild(dir);
});

const withPage = (options, fn) => sharedWithPage(browser, options, fn);

test('an article request that never answers ends in a message with Retry, not an endless wait', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.clock.install();
    let hang = true;
    await page.route('**/content/articles/very-long-read.json', async (route) => {
      if (hang) return; // never answered
      await route.continue();
    });
    await page.goto(site.url + 'article/very-long-read');
    await page.getByText('Loading the article…').waitFor();
    await page.clock.runFor(16_000);
    const alert = page.getByRole('alert');
    await alert.getByText('The server is taking too long').waitFor();
    hang = false;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { level: 1, name: 'A very long read' }).waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('while a followed link loads slowly, the tab says so instead of keeping the old title', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/content/articles/art-of-the-liner-note.json', async (route) => {
      await held;
      await route.continue();
    });
    await goLive(page, site.url + 'article/film-out');
    assert.match(await page.title(), /Film Out/);
    await page.locator('.article__body').getByRole('link', { name: 'In praise of the liner note' }).click();
    await page.getByText('Loading the article…').waitFor();
    await page.waitForFunction(() => document.title.startsWith('Loading the article…'));
    release();
    await page.getByRole('heading', { level: 1, name: 'In praise of the liner note' }).waitFor();
    await page.waitForFunction(() => document.title.startsWith('In praise of the liner note'));
    // The front page, reached by a link, takes its own title once its stories show.
    await page.getByRole('link', { name: 'linernotes', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Latest', exact: true }).waitFor();
    await page.waitForFunction(() => document.title === 'linernotes', null, { timeout: 5000 });
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an article file far too large is refused with a clear message', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.goto(site.url + 'article/far-too-large');
    const alert = page.getByRole('alert');
    await alert.getByText('This content is too large to show').waitFor();
    assert.match(await alert.textContent(), /limit is 2097152/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a very long article fetched in the browser shows its opening at once and all of it soon after', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/very-long-read');
    await page.getByText('Paragraph 1 of a very long read').waitFor();
    await page.getByText('Paragraph 1200 of a very long read').waitFor();
    assert.equal(await page.locator('.article__body p').count(), 1200);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an address naming a passage near the end of a long fetched article lands on it once it is rendered', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/very-long-read#p1150');
    await page.getByText('Paragraph 1200 of a very long read').waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById('p1150')?.getBoundingClientRect().top;
      return top !== undefined && top >= -1 && top < innerHeight / 2;
    }, null, { timeout: 5000 });
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a site.json that fails to refresh keeps the settings the page came with', async () => {
  for (const fault of ['404', 'abort']) {
    await withPage({}, async ({ page, problems }) => {
      await page.route('**/site.json', (route) => (fault === '404' ? route.fulfill({ status: 404, body: 'gone' }) : route.abort()));
      await goLive(page, site.url + 'article/film-out');
      await page.waitForTimeout(800);
      const sections = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
      assert.ok((await sections.count()) >= 3, `${fault}: the header keeps its sections`);
      assert.ok(problems.every((p) => /site\.json|Failed to load resource|ERR_FAILED/.test(p)), problems.join('\n'));
    });
  }
});

test('long words and addresses wrap on a phone instead of widening the page', async () => {
  await withPage({ width: 360, height: 740 }, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/long-words');
    await page.locator('h1').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width} px wide`);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('an article file that holds another article is refused, so it cannot show that article or take its comments', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await page.goto(site.url + 'article/copied-slug');
    const alert = page.getByRole('alert');
    await alert.getByText('This content has a problem').waitFor();
    assert.match(await alert.textContent(), /its file holds another article \(“film-out”\)/);
    assert.equal(await page.locator('#comments').count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('content no tool writes: odd ids, a stray part, right-to-left text, a typo’d image size, and an article with nothing to show', async () => {
  await withPage({ width: 390, height: 800 }, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/odd-content');
    await page.getByText('After the image.').waitFor();
    const seen = await page.evaluate(() => ({
      mains: document.querySelectorAll('#main').length,
      renamed: document.getElementById('b1')?.textContent,
      p2: document.getElementById('p2')?.textContent,
      arabic: (() => {
        const p = document.getElementById('p3');
        const range = document.createRange();
        range.selectNodeContents(p);
        // Right to left: the line ends at the paragraph's right edge.
        return Math.round(p.getBoundingClientRect().right - range.getBoundingClientRect().right);
      })(),
      // A lyric line in Arabic or Hebrew, each a line of its own, reads
      // and aligns right to left too.
      lyrics: [...document.querySelectorAll('#l1 .lyric-quote__line')].map((line) => {
        const range = document.createRange();
        range.selectNodeContents(line);
        return Math.round(line.getBoundingClientRect().right - range.getBoundingClientRect().right);
      }),
      image: Math.round(document.querySelector('#i1 img, img[alt="A far too tall box"]').getBoundingClientRect().height),
      after: Math.round(document.evaluate("//p[text()='After the image.']", document, null, 9, null).singleNodeValue.getBoundingClientRect().top + scrollY),
      byline: document.querySelector('.article__byline')?.textContent,
      bylineLinks: [...document.querySelectorAll('.article__byline a')].map((a) => [a.textContent, a.getAttribute('href')]),
    }));
    assert.equal(seen.mains, 1, 'the page’s own #main is the only one');
    assert.equal(seen.renamed, 'A block whose id is the page’s own.');
    assert.equal(seen.p2, 'Kept, and kept.');
    assert.ok(seen.arabic <= 1, `the Arabic line ends ${seen.arabic}px from the right edge`);
    assert.equal(seen.lyrics.length, 2);
    assert.ok(seen.lyrics.every((gap) => gap <= 1), `the lyric lines end ${seen.lyrics}px from the right edge`);
    assert.ok(seen.image <= 3200, `the image box is ${seen.image}px tall`);
    assert.ok(seen.after < 5000, `the text after it is at ${seen.after}px`);
    assert.equal(seen.byline, 'By \u2068Ana\u202E One\u2069 and Bo Lind', 'the stray control ends with its name');
    // An author's page is linked from their name, by the link rule.
    assert.deepEqual(seen.bylineLinks, [['Bo Lind', 'https://bolind.example/']]);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/nothing-to-show');
    await page.getByText('The text of this article could not be shown').waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});


test('after a partial upload, a link to an article whose file is gone or cut short shows the page as built', async () => {
  const file = (slug) => join(dir, `content/articles/${slug}.json`);
  const whole = readFileSync(file('kestrel-and-the-lamps'), 'utf8');
  renameSync(file('lantern-field-festival-lineup'), `${file('lantern-field-festival-lineup')}.away`);
  writeFileSync(file('kestrel-and-the-lamps'), whole.slice(0, Math.floor(whole.length / 2)));
  try {
    await withPage({}, async ({ page, unexpected }) => {
      await goLive(page, `${site.url}`);
      await page.locator('a[href="/article/lantern-field-festival-lineup"]').first().click();
      await page.locator('h1', { hasText: 'Lantern Field festival announces a lineup built on debut albums' }).waitFor();
      await page.locator('#app[data-app="live"]').waitFor({ state: 'attached' });
      assert.equal(await page.getByText('Page not found').count(), 0);
      // From there, another whose file is cut short.
      await goLive(page, `${site.url}`);
      await page.locator('a[href="/article/kestrel-and-the-lamps"]').first().click();
      await page.locator('h1', { hasText: 'Kestrel & the Lamps make tiny songs sound enormous' }).waitFor();
      assert.equal(await page.getByText('This content has a problem').count(), 0);
      assert.equal(await page.getByText('cut short').count(), 0);
      // Back returns to the front page as usual.
      await page.goBack();
      await page.locator('.article-card').first().waitFor();
      assert.deepEqual(unexpected([DEEP_LINK_404, /status of 404/]), []);
    });
    // An address the server has no page for either still says "not found",
    // asking the server once.
    await withPage({}, async ({ page, unexpected }) => {
      let documents = 0;
      page.on('request', (r) => { if (r.resourceType() === 'document') documents += 1; });
      await goLive(page, `${site.url}`);
      await page.evaluate(() => {
        const a = document.createElement('a');
        a.href = '/article/never-written';
        a.textContent = 'a story not written';
        document.querySelector('main').prepend(a);
        a.click();
      });
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await page.waitForTimeout(1000);
      assert.equal(documents, 2, 'the front page, then the address itself once');
      assert.deepEqual(unexpected([DEEP_LINK_404, /status of 404/]), []);
    });
  } finally {
    renameSync(`${file('lantern-field-festival-lineup')}.away`, file('lantern-field-festival-lineup'));
    writeFileSync(file('kestrel-and-the-lamps'), whole);
  }
});
