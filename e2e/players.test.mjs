// Every video and music player behind its facade, in Chromium under the
// documented Content-Security-Policy (the README's policy with each
// provider's frame-src row). The services' player pages are stood in for
// by a local page, so nothing leaves the machine; the harness aborts and
// records any other request to a host that is not ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, cspFor, BASE_CSP, PLAYER_FRAME_SRC } from '../scripts/serve.mjs';
import { launch, axe, screenshot, withPage as sharedWithPage, DEEP_LINK_404, goLive } from './browser.mjs';

const root = new URL('../', import.meta.url).pathname;
let browser, site, youtubeOnly, hostDir, host;

// What each facade of e2e/fixtures/content/articles/players.json must
// become, to the byte.
const PLAYERS = [
  {
    id: 'v1', provider: 'youtube', service: 'YouTube', title: 'Harbour Lights, the video',
    src: 'https://www.youtube-nocookie.com/embed/zFT3f9biz68?autoplay=1&playsinline=1',
    frameTitle: 'Harbour Lights, the video',
    allow: 'accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture', fullscreen: true,
    link: ['Watch on YouTube', 'https://www.youtube.com/watch?v=zFT3f9biz68'],
  },
  {
    id: 'v2', provider: 'vimeo', service: 'Vimeo', title: 'Harbour Lights, the making of',
    src: 'https://player.vimeo.com/video/76979871?dnt=1&autoplay=1',
    frameTitle: 'Harbour Lights, the making of',
    allow: 'autoplay; picture-in-picture', fullscreen: true,
    link: ['Watch on Vimeo', 'https://vimeo.com/76979871'],
  },
  {
    id: 'a1', provider: 'spotify', service: 'Spotify', title: 'Harbour Lights', height: 152,
    src: 'https://open.spotify.com/embed/track/4iV5W9uYEdYUVa79Axb7Rh',
    frameTitle: 'Harbour Lights by Kestrel & the Lamps',
    allow: 'encrypted-media', fullscreen: false,
    link: ['Listen on Spotify', 'https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh'],
  },
  {
    id: 'a2', provider: 'apple_music', service: 'Apple Music', title: 'Low Tide', height: 450,
    src: 'https://embed.music.apple.com/jp/album/1562580573',
    frameTitle: 'Low Tide by Paper Moons',
    allow: 'encrypted-media', fullscreen: false,
    link: ['Listen on Apple Music', 'https://music.apple.com/jp/album/1562580573'],
  },
  {
    id: 'a3', provider: 'soundcloud', service: 'SoundCloud', title: 'Tidewater demos', height: 450,
    src: 'https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fkestrel-lamps%2Fsets%2Ftidewater&auto_play=true',
    frameTitle: 'Tidewater demos by Kestrel & the Lamps',
    allow: 'autoplay', fullscreen: false,
    link: ['Listen on SoundCloud', 'https://soundcloud.com/kestrel-lamps/sets/tidewater'],
  },
  {
    id: 'a4', provider: 'bandcamp', service: 'Bandcamp', title: 'Low Tide (live)', height: 120,
    src: 'https://bandcamp.com/EmbeddedPlayer/album=2916489213/size=large/bgcol=ffffff/linkcol=0687f5/tracklist=false/artwork=small/transparent=true/',
    frameTitle: 'Low Tide (live) by Paper Moons',
    allow: '', fullscreen: false,
    link: ['Listen on Bandcamp', 'https://paper-moons.bandcamp.com/album/low-tide-live'],
  },
];

// Broken identifiers: a search on the service instead, or nothing at all.
const BROKEN = [
  ['Broken Vimeo', 'Vimeo', 'https://vimeo.com/search?q=Broken%20Vimeo'],
  ['Broken Spotify', 'Spotify', 'https://open.spotify.com/search/Nobody%20Broken%20Spotify'],
  ['Broken Apple Music', 'Apple Music', 'https://music.apple.com/search?term=Nobody%20Broken%20Apple%20Music'],
  ['Broken SoundCloud', 'SoundCloud', 'https://soundcloud.com/search?q=Nobody%20Broken%20SoundCloud'],
  ['Broken Bandcamp', 'Bandcamp', 'https://bandcamp.com/search?q=Nobody%20Broken%20Bandcamp'],
];

before(async () => {
  browser = await launch();
  // The documented policy with every provider's row: the sample content uses them all.
  const documented = cspFor(Object.keys(PLAYER_FRAME_SRC));
  site = await serve({ dir: root + 'dist', overlay: root + 'e2e/fixtures', csp: documented });
  youtubeOnly = await serve({ dir: root + 'dist', overlay: root + 'e2e/fixtures', csp: BASE_CSP });
  hostDir = mkdtempSync(join(tmpdir(), 'linernotes-players-host-'));
  // A partner page mounting an article, with the policy the README asks of
  // it: our origin for scripts, styles, images and data, and the article's
  // players in frame-src.
  const hostPolicy =
    `default-src 'self'; script-src 'self' ${site.origin} 'wasm-unsafe-eval'; style-src 'self' ${site.origin}; ` +
    `img-src 'self' ${site.origin}; connect-src 'self' ${site.origin}; frame-src ${PLAYER_FRAME_SRC.youtube} ${PLAYER_FRAME_SRC.spotify}`;
  host = await serve({ dir: hostDir, host: '127.0.0.2', csp: hostPolicy });
  writeFileSync(join(hostDir, 'index.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner page</title></head>
<body>
<main>
  <h1>Partner news</h1>
  <div id="mount" data-linernotes-mount="${site.url}" data-article="film-out" data-parts="article"></div>
</main>
<script type="module" src="${site.url}mount.js"></script>
</body>
</html>`);
});
after(async () => {
  await browser?.close();
  await site?.close();
  await youtubeOnly?.close();
  await host?.close();
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

// A local page stands in for each service's player.
const fakePlayers = async (tab) => {
  for (const origin of Object.values(PLAYER_FRAME_SRC)) {
    await tab.context.route(`${origin}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' }),
    );
  }
};
const withPage = (options, fn) => sharedWithPage(browser, options, fn, fakePlayers);
const playButton = (page, p) => page.getByRole('button', { name: `Play ${p.frameTitle} on ${p.service}`, exact: true });

async function playersReady(page, base = site.url) {
  await goLive(page, base + 'article/players');
  await page.getByText('The end of the players.').waitFor();
}

/** A box in page coordinates, so scrolling to the button does not count as moving. */
async function pageBox(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
  });
}

async function attributes(locator) {
  return locator.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
}

/** The player is in, exactly as documented, with focus, and nothing moved. */
async function assertPlaying(page, p, boxBefore) {
  const frame = page.locator(`#${p.id} iframe`);
  await frame.waitFor();
  const attrs = await attributes(frame);
  assert.equal(attrs.src, p.src, p.service);
  assert.equal(attrs.title, p.frameTitle, p.service);
  assert.equal(attrs.allow, p.allow, p.service);
  assert.equal('allowfullscreen' in attrs, p.fullscreen, p.service);
  assert.equal(attrs.loading, 'lazy', p.service);
  assert.equal(attrs.referrerpolicy, 'strict-origin-when-cross-origin', p.service);
  await page.waitForFunction((id) => document.activeElement === document.querySelector(`#${id} iframe`), p.id);
  assert.equal(await playButton(page, p).count(), 0, `${p.service}: the facade is gone`);
  const link = page.locator(`#${p.id}`).getByRole('link', { name: `${p.link[0]}: ${p.frameTitle}`, exact: true });
  assert.equal(await link.getAttribute('href'), p.link[1], `${p.service}: the link stays`);
  assert.deepEqual(await pageBox(page.locator(`#${p.id} .player__frame`)), boxBefore, `${p.service}: nothing moves`);
  // The player fills the facade's box inside its border: the service's own
  // height, or more where the facade grew to fit its words.
  if (p.height) {
    const height = (await frame.boundingBox()).height;
    assert.equal(height, boxBefore.height - 2, `${p.service}: the player fills the facade`);
    assert.ok(height >= p.height, `${p.service}: at least the player's own height (${height}px)`);
  }
}

test('no service hears of the reader before play: each facade shows our own artwork, title and service, and a link', async () => {
  await withPage({}, async ({ page, external, unexpected }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await playersReady(page);
    for (const p of PLAYERS) {
      const figure = page.locator(`#${p.id}`);
      await figure.scrollIntoViewIfNeeded();
      assert.ok(await playButton(page, p).isVisible(), p.service);
      assert.equal(await figure.locator('.player__service').textContent(), p.service);
      // Named by what it plays too, so two of one service do not sound alike.
      const link = figure.getByRole('link', { name: `${p.link[0]}: ${p.frameTitle}`, exact: true });
      assert.equal(await link.getAttribute('href'), p.link[1], p.service);
      if (p.height) {
        // As tall as the player, and its 1 px border round it.
        const box = await figure.locator('.player__frame').boundingBox();
        assert.equal(box.height, p.height + 2, `${p.service}: the facade is as tall as the player`);
      }
    }
    await page.waitForLoadState('networkidle');
    assert.deepEqual(external, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith(site.origin)), []);
    assert.equal(await page.locator('iframe').count(), 0);
    // Artwork is the publisher's file, with its size and alt text; without
    // any, a drawn placeholder.
    const cover = await attributes(page.locator('#a1 img'));
    assert.equal(cover.src, '/images/porchlight-single.svg');
    assert.deepEqual([cover.width, cover.height, cover.alt], ['600', '600', 'A dark house with one amber light by its door.']);
    assert.equal(await page.locator('#a2 img').count(), 0);
    assert.equal(await page.locator('#a2 .player__frame').evaluate((el) => getComputedStyle(el, '::before').content), '""');
    assert.equal(await page.locator('#a1 .player__artist').textContent(), 'Kestrel & the Lamps');
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

for (const p of PLAYERS) {
  test(`clicking play on ${p.service} puts in its official player with the narrowest permissions, and focus`, async () => {
    await withPage({}, async ({ page, external, unexpected }) => {
      await playersReady(page);
      const box = await pageBox(page.locator(`#${p.id} .player__frame`));
      await playButton(page, p).click();
      await assertPlaying(page, p, box);
      assert.equal(await page.locator('iframe').count(), 1, 'only the player that was asked for');
      assert.deepEqual(external, []);
      // No CSP violation under the documented policy.
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  });
}

for (const key of ['Enter', 'Space']) {
  test(`${key} on a play button starts each player; Tab leads from one player to the next`, async () => {
    await withPage({ reducedMotion: 'reduce' }, async ({ page, unexpected }) => {
      await playersReady(page);
      let previous = null;
      for (const p of PLAYERS) {
        if (previous) {
          await page.locator(`#${previous.id}`).getByRole('link', { name: previous.link[0] }).focus();
          await page.keyboard.press('Tab');
        } else {
          await playButton(page, p).focus();
        }
        assert.ok(await playButton(page, p).evaluate((b) => b === document.activeElement), `${p.service} has focus`);
        const box = await pageBox(page.locator(`#${p.id} .player__frame`));
        await page.keyboard.press(key);
        await assertPlaying(page, p, box);
        previous = p;
      }
      assert.equal(await page.locator('iframe').count(), PLAYERS.length);
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  });
}

test('a broken id shows “This player is unavailable.” and a search on the service, never a player', async () => {
  await withPage({}, async ({ page, external, unexpected }) => {
    await playersReady(page);
    const broken = page.locator('.player--unavailable');
    assert.equal(await broken.count(), BROKEN.length + 1);
    for (let i = 0; i < (await broken.count()); i++) {
      const note = await broken.nth(i).locator('.player__note').textContent();
      // An unknown service has no search to offer: its note names what was meant to play.
      const expected = (await broken.nth(i).getAttribute('id')) === 'x6' ? 'The player for “Unknown service” is unavailable.' : 'This player is unavailable.';
      assert.equal(note, expected);
    }
    for (const [title, service, href] of BROKEN) {
      const link = page.getByRole('link', { name: `Look for “${title}” on ${service}`, exact: true });
      assert.equal(await link.getAttribute('href'), href);
    }
    // An unknown service has nowhere to send the reader.
    assert.equal(await page.locator('#x6 a').count(), 0);
    assert.equal(await broken.locator('iframe, button, img').count(), 0);
    // The hostile id reached no attribute.
    assert.equal(await page.locator('img[src="x"], [src*="img src"]').count(), 0);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(external, []);
    assert.deepEqual(unexpected([DEEP_LINK_404]), []);
  });
});

test('axe finds nothing on the facades, light and dark, phone and desktop', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      await withPage({ width, reducedMotion: 'reduce' }, async ({ page, unexpected }) => {
        await page.emulateMedia({ colorScheme });
        await playersReady(page);
        assert.deepEqual(await axe(page, { include: '.article__body' }), [], `${colorScheme} at ${width}`);
        await screenshot(page, `players-${colorScheme}-${width}`);
        assert.deepEqual(unexpected([DEEP_LINK_404]), []);
      });
    }
  }
});

test('on a 320 px phone with text at 200%, every facade shows its whole title, clear of the play button, and nothing scrolls sideways', async () => {
  for (const size of [16, 32]) {
    await withPage({ width: 320, height: 700 }, async ({ page, unexpected }) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: size, fixed: Math.round((size * 13) / 16) } });
      await playersReady(page);
      for (const p of PLAYERS) {
        const figure = page.locator(`#${p.id}`);
        await figure.scrollIntoViewIfNeeded();
        const fit = await figure.evaluate((el) => {
          const frame = el.querySelector('.player__frame').getBoundingClientRect();
          const title = el.querySelector('.player__title');
          const box = title.getBoundingClientRect();
          const icon = el.querySelector('.player__icon').getBoundingClientRect();
          const overlaps = box.left < icon.right && icon.left < box.right && box.top < icon.bottom && icon.top < box.bottom;
          // As wide as the title needs, up to a readable column.
          const natural = title.cloneNode(true);
          natural.style.cssText = 'position: absolute; width: max-content; visibility: hidden';
          title.after(natural);
          const needs = natural.getBoundingClientRect().width;
          natural.remove();
          return {
            inside: box.top >= frame.top && box.bottom <= frame.bottom + 0.5 && box.right <= frame.right + 0.5,
            unclipped: title.scrollHeight <= title.clientHeight + 1,
            overlaps,
            roomy: box.width + 0.5 >= Math.min(needs, 120),
            wide: box.width,
          };
        });
        assert.ok(fit.inside && fit.unclipped, `${p.service} at ${size}px: the title is whole (${JSON.stringify(fit)})`);
        assert.ok(!fit.overlaps, `${p.service} at ${size}px: the play button leaves the title alone`);
        assert.ok(fit.roomy, `${p.service} at ${size}px: the title has room (${fit.wide}px)`);
      }
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, 'no sideways scroll');
      await screenshot(page, `players-320-text-${size}`);
      // The facade grew to fit its words: the player keeps that box.
      for (const p of PLAYERS) {
        await page.locator(`#${p.id}`).scrollIntoViewIfNeeded();
        const before = await pageBox(page.locator(`#${p.id} .player__frame`));
        await playButton(page, p).click();
        await assertPlaying(page, p, before);
      }
      assert.deepEqual(unexpected([DEEP_LINK_404]), []);
    });
  }
});

test('each frame-src row is needed: under the YouTube-only policy a Spotify player is refused, YouTube plays', async () => {
  await withPage({}, async ({ page, problems, unexpected }) => {
    await playersReady(page, youtubeOnly.url);
    const [youtube, , spotify] = PLAYERS;
    await playButton(page, youtube).click();
    await page.locator(`#${youtube.id} iframe`).waitFor();
    assert.deepEqual(unexpected([DEEP_LINK_404]), [], 'YouTube is allowed by the base policy');
    await playButton(page, spotify).click();
    const refused = (p) => /CSP violation: frame-src blocked https:\/\/open\.spotify\.com/.test(p);
    for (let i = 0; i < 50 && !problems.some(refused); i++) await page.waitForTimeout(100);
    assert.ok(problems.some(refused), problems.join('\n'));
    // The reader is told, in place of a broken frame, and focus goes to
    // the link that plays it on the service.
    const figure = page.locator(`#${spotify.id}`);
    await figure.getByRole('status').getByText('Spotify’s player cannot be shown on this page: the link below plays it on Spotify.').waitFor();
    assert.equal(await figure.locator('iframe').isVisible(), false, 'no broken frame is shown');
    await page.waitForFunction((id) => document.activeElement?.closest('figcaption')?.parentElement?.id === id, spotify.id);
    assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /^Listen on Spotify: /);
    // YouTube's player, allowed, is still there.
    assert.equal(await page.locator(`#${youtube.id} iframe`).count(), 1);
    assert.deepEqual(await axe(page, { include: `#${spotify.id}` }), []);
  });
});

test('a video played in a wide window fits the page when the window narrows (a phone turned, a page zoomed)', async () => {
  await withPage({ width: 900, height: 420 }, async ({ page }) => {
    await playersReady(page, site.url);
    const [youtube] = PLAYERS;
    await playButton(page, youtube).click();
    await page.locator(`#${youtube.id} iframe`).waitFor();
    await page.setViewportSize({ width: 380, height: 800 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 380);
    await page.waitForTimeout(300);
    const { frame, page: width } = await page.evaluate((id) => ({
      frame: document.querySelector(`#${id} .player__frame`).getBoundingClientRect().width,
      page: document.documentElement.scrollWidth,
    }), youtube.id);
    assert.ok(width <= 380, `the page is ${width}px wide in a 380px window`);
    assert.ok(frame <= 380, `the video is ${frame}px wide`);
  });
});

test('the prerendered article shows the facade and the Listen link without JavaScript', async () => {
  const html = readFileSync(root + 'dist/article/film-out/index.html', 'utf8');
  assert.match(html, /<figure [^>]*class="player player--audio player--spotify player--track"/);
  assert.match(html, /Play Film Out by BTS on Spotify/);
  assert.ok(!html.includes('<iframe'), 'no player in the page as sent');
  await withPage({ javaScriptEnabled: false }, async ({ page, external }) => {
    await page.goto(site.url + 'article/film-out');
    const facade = page.locator('#a1');
    // No Play button that nothing would answer: the link is the way to listen.
    assert.equal(await facade.getByRole('button', { name: 'Play Film Out by BTS on Spotify' }).count(), 0);
    assert.equal(
      await facade.getByRole('link', { name: 'Listen on Spotify' }).getAttribute('href'),
      'https://open.spotify.com/track/4FilmOutLinernotesDemo',
    );
    assert.equal(await facade.locator('img').getAttribute('alt'), 'Three frames of a film strip, brightening from dark to cream, with a small ring in the last one.');
    // The box fits the facade's artwork and words: no press can load the
    // player it was kept for.
    const height = (figure) => figure.locator('.player__frame').evaluate((el) => el.getBoundingClientRect().height);
    assert.ok((await height(facade)) <= 152 + 2);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(external, []);
    assert.equal(await page.locator('iframe').count(), 0);
    // A playlist's player is 450 px tall: its facade is not, with nothing to press.
    await page.goto(site.url + 'article/night-bus-sessions');
    const playlist = page.locator('.player--apple_music');
    assert.ok((await height(playlist)) < 300, `the playlist's facade is ${await height(playlist)} px tall`);
    assert.ok(await playlist.getByRole('link', { name: /^Listen on Apple Music/ }).isVisible());
  });
});

test('play pressed offline keeps the facade and says so; pressed again once online, it plays', async () => {
  await withPage({}, async ({ page, context, unexpected }) => {
    await goLive(page, site.url + 'article/film-out');
    const figure = page.locator('#a1');
    const button = figure.getByRole('button', { name: 'Play Film Out by BTS on Spotify' });
    await button.scrollIntoViewIfNeeded();
    await context.setOffline(true);
    await button.click();
    await figure.getByRole('status').getByText('You seem to be offline: press play again once the connection is back.').waitFor();
    assert.equal(await figure.locator('iframe').count(), 0, 'no frame to show the browser’s error page');
    assert.ok(await button.isVisible(), 'the facade stays');
    await context.setOffline(false);
    await button.click();
    await figure.locator('iframe').waitFor();
    assert.equal(await figure.locator('.player__note').textContent(), '', 'the note goes');
    assert.deepEqual(unexpected([/ERR_INTERNET_DISCONNECTED/]), []);
  });
});

test('the embed route shows the facade and plays it in the frame', async () => {
  await withPage({}, async ({ page, external, unexpected }) => {
    await goLive(page, site.url + 'embed/article/film-out?parts=article');
    const button = page.getByRole('button', { name: 'Play Film Out by BTS on Spotify' });
    await button.waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(external, []);
    await button.click();
    const frame = page.locator('#a1 iframe');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('src'), 'https://open.spotify.com/embed/track/4FilmOutLinernotesDemo');
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME');
    assert.deepEqual(unexpected(), []);
  });
});

test('mounted in a partner page, the facade plays under the partner’s policy with the documented frame-src', async () => {
  await withPage({}, async ({ page, external, unexpected }) => {
    await page.goto(host.url);
    const mounted = page.locator('#mount');
    const button = mounted.getByRole('button', { name: 'Play Film Out by BTS on Spotify' });
    await button.waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(external, []);
    await button.click();
    const frame = mounted.locator('#a1 iframe');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('src'), 'https://open.spotify.com/embed/track/4FilmOutLinernotesDemo');
    await page.waitForFunction(() => document.querySelector('#mount').shadowRoot.activeElement?.tagName === 'IFRAME');
    assert.deepEqual(unexpected(), []);
  });
});
