// The music video facade and the Featured carousel, in Chromium under the
// strict CSP header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../scripts/serve.mjs';
import { launch, axe, screenshot, withPage as sharedWithPage, DEEP_LINK_404, goLive, reloadLive } from './browser.mjs';

const root = new URL('../', import.meta.url).pathname;
let browser, site, rotating;

before(async () => {
  browser = await launch();
  site = await serve({ dir: root + 'dist', overlay: root + 'e2e/fixtures' });
  rotating = await serve({ dir: root + 'dist', overlay: root + 'e2e/fixtures-rotating' });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await rotating?.close();
});

const PLAY = 'Play BTS “Film Out” official music video on YouTube';

// Stand-in for the provider's player page, so nothing leaves the machine.
const fakePlayer = (tab) =>
  tab.context.route('https://www.youtube-nocookie.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' }),
  );
const withPage = (options, fn) => sharedWithPage(browser, options, fn, fakePlayer);

async function articleReady(page, slug = 'film-out') {
  await goLive(page, site.url + 'article/' + slug);
  await page.locator('h1').waitFor();
  await page.locator('.featured-carousel').waitFor();
}

test('the facade asks nothing of third parties until play is pressed', async () => {
  await withPage({}, async ({ page, external, unexpected }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await articleReady(page);
    await page.getByRole('button', { name: PLAY }).scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    const foreign = requests.filter((u) => !u.startsWith(site.origin));
    assert.deepEqual(foreign, []);
    assert.deepEqual(external, []);
    assert.equal(await page.locator('iframe').count(), 0);
    // The box is 16:9 before anything plays.
    const box = await page.locator('.player--video .player__frame').boundingBox();
    assert.ok(Math.abs(box.width / box.height - 16 / 9) < 0.02, `${box.width}x${box.height}`);
    assert.equal(await page.getByRole('link', { name: 'Watch on YouTube' }).getAttribute('href'), 'https://www.youtube.com/watch?v=zFT3f9biz68');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

async function assertPlayer(page) {
  const frame = page.locator('iframe');
  await frame.waitFor();
  assert.equal(await frame.count(), 1, 'only the video that was asked for');
  const attrs = await frame.evaluate((f) => Object.fromEntries([...f.attributes].map((a) => [a.name, a.value])));
  assert.equal(attrs.src, 'https://www.youtube-nocookie.com/embed/zFT3f9biz68?autoplay=1&playsinline=1');
  assert.equal(attrs.title, 'BTS “Film Out” official music video');
  assert.equal(attrs.allow, 'accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture');
  assert.ok('allowfullscreen' in attrs);
  assert.equal(attrs.referrerpolicy, 'strict-origin-when-cross-origin');
  assert.equal(attrs.loading, 'lazy');
  await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME');
  assert.equal(await page.getByRole('button', { name: PLAY }).count(), 0);
}

test('clicking play puts the privacy-enhanced player in its place, with focus', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await articleReady(page);
    await page.getByRole('button', { name: PLAY }).click();
    await assertPlayer(page);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

for (const key of ['Enter', 'Space']) {
  test(`the keyboard plays the video with ${key}`, async () => {
    await withPage({}, async ({ page, unexpected }) => {
      await articleReady(page);
      await page.getByRole('link', { name: 'In praise of the liner note' }).first().focus();
      // Tab backwards from the link after the video until the play button has focus.
      await page.getByRole('button', { name: PLAY }).focus();
      assert.ok(await page.getByRole('button', { name: PLAY }).evaluate((b) => b === document.activeElement));
      await page.keyboard.press(key);
      await assertPlayer(page);
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  });
}

test('without a poster of its own, the facade is a titled frame and asks the provider for nothing', async () => {
  await withPage({}, async ({ page, external, unexpected }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await articleReady(page, 'default-poster');
    const facade = page.locator('.player--video');
    await facade.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(external, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith(site.origin)), []);
    assert.equal(await facade.locator('img').count(), 0);
    assert.ok(await facade.locator('.player__title').isVisible());
    const box = await facade.locator('.player__frame').boundingBox();
    assert.ok(Math.abs(box.width / box.height - 16 / 9) < 0.02, `${box.width}x${box.height}`);
    await page.getByRole('button', { name: PLAY }).click();
    await assertPlayer(page);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a bad video id or an unknown provider shows a note and never an iframe', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, site.url + 'article/odd-blocks');
    await page.getByText('The last paragraph survives.').waitFor();
    assert.equal(await page.getByText('This player is unavailable.').count(), 1);
    // A service the reader cannot be sent to: the note names what was meant to play.
    assert.equal(await page.getByText('The player for “An unknown provider” is unavailable.').count(), 1);
    assert.equal(await page.locator('iframe, .player__play').count(), 0);
    // A known service with a broken id still leads the reader there, to a
    // search for the title; an unknown one has nowhere to lead.
    const search = page.getByRole('link', { name: 'Look for “A broken video id” on YouTube' });
    assert.equal(await search.getAttribute('href'), 'https://www.youtube.com/results?search_query=A%20broken%20video%20id');
    assert.equal(await page.locator('.player--unavailable a').count(), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

async function carouselState(page) {
  return page.evaluate(() => {
    const track = document.querySelector('.featured-carousel__track');
    return { left: Math.round(track.scrollLeft), max: track.scrollWidth - track.clientWidth };
  });
}

const prev = (page) => page.getByRole('button', { name: 'Previous stories' });
const next = (page) => page.getByRole('button', { name: 'Next stories' });

test('the carousel follows the ARIA pattern and never shows the current article', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await articleReady(page);
    const region = page.locator('[aria-roledescription="carousel"]');
    assert.equal(await region.getAttribute('aria-labelledby'), 'featured-title');
    const slides = page.locator('[aria-roledescription="slide"]');
    const count = await slides.count();
    assert.ok(count >= 6, `${count} slides`);
    for (let i = 0; i < count; i++) {
      assert.equal(await slides.nth(i).getAttribute('aria-label'), `${i + 1} of ${count}`);
      assert.equal(await slides.nth(i).getAttribute('role'), 'group');
    }
    const titles = await region.locator('.article-card__title').allTextContents();
    assert.ok(!titles.some((t) => t.includes('Film Out')), titles.join(' | '));
    assert.equal(new Set(titles).size, titles.length, 'no duplicates');
    // The article's related stories come first, in order.
    assert.deepEqual(titles.slice(0, 3), ['In praise of the liner note', 'The second life of city pop', 'Review: Hana Ito, “Choir of One”']);
    // Every card image reserves its box and loads lazily.
    for (const img of await region.locator('img').all()) {
      assert.equal(await img.getAttribute('loading'), 'lazy');
      assert.ok(await img.getAttribute('width'));
      assert.ok(await img.getAttribute('height'));
    }
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('a Featured card opens its article, by mouse and by keyboard, and the app keeps running', async () => {
  // A real click focuses the card link first; following it removes that
  // link, and the carousel sees focus leave as it is being taken down.
  await withPage({}, async ({ page, unexpected }) => {
    await articleReady(page);
    const first = page.locator('.featured-carousel .article-card__link').first();
    const title = (await first.textContent()).trim();
    await first.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal(await page.locator('main.crash').count(), 0);
    // Still in place: the next card, by keyboard, from the new article.
    await page.locator('.featured-carousel').waitFor();
    const next = page.locator('.featured-carousel .article-card__link').first();
    const nextTitle = (await next.textContent()).trim();
    await next.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: nextTitle }).waitFor();
    assert.equal(await page.locator('main.crash').count(), 0);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('Previous and Next move the track and are disabled at the ends; axe is clean at each stop', async () => {
  for (const width of [390, 1280]) {
    await withPage({ width, reducedMotion: 'reduce' }, async ({ page, unexpected }) => {
      await articleReady(page);
      await page.locator('.featured-carousel').scrollIntoViewIfNeeded();
      await page.waitForLoadState('networkidle');
      assert.equal(await prev(page).getAttribute('aria-disabled'), 'true');
      assert.equal(await next(page).getAttribute('aria-disabled'), 'false');
      assert.deepEqual(await axe(page, { include: '.featured-carousel' }), [], `start at ${width}`);
      await screenshot(page, `carousel-start-${width}`);
      await next(page).click();
      await page.waitForFunction(() => document.querySelector('.featured-carousel__track').scrollLeft > 0);
      // The buttons follow the track's scroll events.
      await page.waitForFunction(() => document.querySelector('.featured-carousel__button').getAttribute('aria-disabled') === 'false');
      assert.deepEqual(await axe(page, { include: '.featured-carousel' }), [], `middle at ${width}`);
      // Keep going until the end: Next is then disabled, and does nothing.
      for (let i = 0; i < 10 && (await next(page).getAttribute('aria-disabled')) === 'false'; i++) {
        await next(page).click();
        await page.waitForTimeout(100);
      }
      const end = await carouselState(page);
      assert.ok(end.left >= end.max - 1, JSON.stringify(end));
      // A screen reader hears which stories Next brought into view: the last.
      const total = await page.locator('[aria-roledescription="slide"]').count();
      await page.waitForFunction((n) => new RegExp(`(to|Story) ${n} of ${n}$`)
        .test(document.querySelector('.featured-carousel p[role="status"]').textContent), total);
      assert.equal(await next(page).getAttribute('aria-disabled'), 'true');
      assert.ok(await next(page).isDisabled());
      await next(page).click({ force: true });
      await page.waitForTimeout(200);
      assert.deepEqual(await carouselState(page), end);
      // Focus stays on the button that just became disabled.
      assert.ok(await next(page).evaluate((b) => b === document.activeElement));
      // Tab from Next carries on to the first card in view: it does not go
      // back to the first story and scroll the track away from the end.
      await page.keyboard.press('Tab');
      const landed = await page.evaluate(() => {
        const track = document.querySelector('.featured-carousel__track');
        const bounds = track.getBoundingClientRect();
        const inView = (el) => {
          const r = el.getBoundingClientRect();
          return r.left >= bounds.left - 1 && r.right <= bounds.right + 1;
        };
        const slides = [...track.children];
        return {
          index: slides.indexOf(document.activeElement.closest('.featured-carousel__slide')),
          firstInView: slides.findIndex(inView),
          link: document.activeElement.matches('.article-card__link'),
          skipped: slides.map((slide) => slide.querySelector('a').tabIndex),
          left: track.scrollLeft,
        };
      });
      assert.ok(landed.link, JSON.stringify(landed));
      assert.ok(landed.index > 0, JSON.stringify(landed));
      assert.equal(landed.index, landed.firstInView, JSON.stringify(landed));
      await page.waitForTimeout(200);
      assert.deepEqual(await carouselState(page), end);
      assert.deepEqual(await axe(page, { include: '.featured-carousel' }), [], `end at ${width}`);
      await screenshot(page, `carousel-end-${width}`);
      await prev(page).click();
      await page.waitForFunction((max) => document.querySelector('.featured-carousel__track').scrollLeft < max - 1, end.max);
      await page.waitForFunction(() => document.querySelectorAll('.featured-carousel__button')[1].getAttribute('aria-disabled') === 'false');
      const status = () => page.locator('.featured-carousel p[role="status"]').textContent();
      await page.waitForFunction(() => /^Stor/.test(document.querySelector('.featured-carousel p[role="status"]').textContent));
      // Moved by the arrow keys instead, the range Previous named is no
      // longer in view, and is not left to be read.
      const said = await status();
      await page.locator('.featured-carousel .article-card__link').first().focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.featured-carousel p[role="status"]').textContent === '');
      assert.notEqual(said, '');
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  }
});

test('Shift+Tab from below the carousel, scrolled to its end, goes back through every card in turn', async () => {
  await withPage({ width: 1280, reducedMotion: 'reduce' }, async ({ page, unexpected }) => {
    await articleReady(page);
    await page.locator('.featured-carousel').scrollIntoViewIfNeeded();
    for (let i = 0; i < 10 && (await next(page).getAttribute('aria-disabled')) === 'false'; i++) {
      await next(page).click();
      await page.waitForTimeout(100);
    }
    // The scroll settles, and the cards scrolled past leave the Tab order.
    await page.waitForTimeout(600);
    // Focus on the first thing after the carousel, then back.
    await page.evaluate(() => {
      const all = [...document.querySelectorAll('a[href], button, input, textarea, select')];
      const track = document.querySelector('.featured-carousel');
      all.find((el) => track.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && !track.contains(el)).focus();
    });
    const total = await page.locator('[aria-roledescription="slide"]').count();
    const seen = [];
    for (let i = 0; i < total; i++) {
      await page.keyboard.press('Shift+Tab');
      seen.push(await page.evaluate(() => {
        const slide = document.activeElement.closest('.featured-carousel__slide');
        return slide ? [...slide.parentElement.children].indexOf(slide) : -1;
      }));
    }
    assert.deepEqual(seen, Array.from({ length: total }, (_, i) => total - 1 - i));
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('on a phone one card fills the view; arrow keys and Tab move through the cards', async () => {
  await withPage({ width: 360, reducedMotion: 'reduce' }, async ({ page, unexpected }) => {
    await articleReady(page);
    const slide = await page.locator('.featured-carousel__slide').first().boundingBox();
    const track = await page.locator('.featured-carousel__track').boundingBox();
    assert.ok(slide.width > track.width * 0.9, `${slide.width} of ${track.width}`);
    const links = page.locator('.featured-carousel .article-card__link');
    await links.first().focus();
    // The focused card is the one in view, card after card and back (under
    // reduced motion focus and scroll once moved the view a card too far).
    const focusedInView = () => page.evaluate(() => {
      const track = document.querySelector('.featured-carousel__track').getBoundingClientRect();
      const r = document.activeElement.closest('.featured-carousel__slide').getBoundingClientRect();
      return r.left >= track.left - 1 && r.right <= track.right + 1;
    });
    for (const [key, index] of [['ArrowRight', 1], ['ArrowRight', 2], ['ArrowRight', 3], ['ArrowLeft', 2]]) {
      await page.keyboard.press(key);
      assert.ok(await links.nth(index).evaluate((a) => a === document.activeElement), `${key} to card ${index + 1}`);
      await page.waitForTimeout(100);
      assert.ok(await focusedInView(), `card ${index + 1} in view after ${key}`);
    }
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.ok(await links.first().evaluate((a) => a === document.activeElement));
    await page.waitForFunction(() => document.querySelector('.featured-carousel__track').scrollLeft === 0);
    // Tab reaches every card link in order.
    const count = await links.count();
    for (let i = 1; i < count; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await links.nth(i).evaluate((a) => a === document.activeElement), `card ${i + 1}`);
    }
    // Once the track rests, Shift+Tab still goes back card by card.
    await page.waitForTimeout(500);
    for (let i = count - 2; i >= count - 3 && i >= 0; i--) {
      await page.keyboard.press('Shift+Tab');
      assert.ok(await links.nth(i).evaluate((a) => a === document.activeElement), `back to card ${i + 1}`);
    }
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('when the publisher asks, it rotates, pauses on hover and focus, and never by itself under reduced motion', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, rotating.url + 'article/film-out');
    await page.locator('.featured-carousel').waitFor();
    // The carousel wires its behaviour only once it nears the screen.
    await page.locator('.featured-carousel').scrollIntoViewIfNeeded();
    const rotation = page.getByRole('button', { name: 'Stop slide show' });
    // This site.json is served over the one the page was built with: the
    // setting takes effect once the app has read it.
    await rotation.waitFor();
    // The rotation button is the carousel's first tab stop.
    const first = await page.locator('.featured-carousel button, .featured-carousel a').first();
    assert.equal(await first.textContent(), 'Stop slide show');
    assert.equal(await page.locator('.featured-carousel__track').getAttribute('aria-live'), 'off');
    await page.waitForFunction(() => document.querySelector('.featured-carousel__track').scrollLeft > 0, null, { timeout: 8000 });
    // Hovering holds it still.
    await page.locator('.featured-carousel__track').hover();
    const held = await carouselState(page);
    await page.waitForTimeout(3500);
    assert.deepEqual(await carouselState(page), held);
    await page.mouse.move(0, 0);
    await rotation.click();
    assert.equal(await page.getByRole('button', { name: 'Start slide show' }).count(), 1);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
  await withPage({ reducedMotion: 'reduce' }, async ({ page }) => {
    await goLive(page, rotating.url + 'article/film-out');
    await page.locator('.featured-carousel').scrollIntoViewIfNeeded();
    // It does not start by itself; the reader may still choose to start it.
    await page.getByRole('button', { name: 'Start slide show' }).waitFor();
    await page.waitForTimeout(3500);
    assert.equal((await carouselState(page)).left, 0);
    // Pressed, it runs, though the pointer and focus are on its button.
    await page.getByRole('button', { name: 'Start slide show' }).click();
    await page.getByRole('button', { name: 'Stop slide show' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.featured-carousel__track').scrollLeft > 0, null, { timeout: 8000 });
  });
});
