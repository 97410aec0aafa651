// The WordPress import against a real WordPress (Debian's, seeded through
// its own PHP API by tests/wordpress/seed.php), a real Isso and the built
// site in Chromium under the CSP: REST and WXR give the same content, the
// imported site renders with axe clean, comments come across with their
// nesting, authors and dates, and old permalinks lead to the articles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWordPress } from '../scripts/wordpress.mjs';
import { startIsso, queryDb, freePort } from '../scripts/isso.mjs';
import { serve } from '../scripts/serve.mjs';
import { writeNginxConfig } from '../scripts/nginx.mjs';
import { copyBuild, republish, removeBuild } from './prerendered.mjs';
import { launch, axe, withPage as sharedWithPage, goLive, screenshot } from './browser.mjs';

const root = new URL('../', import.meta.url).pathname;
let wp, scratch, browser;

function publish(args, env = {}) {
  try {
    const stdout = execFileSync('cargo', ['run', '--quiet', '--bin', 'publish', '--', 'import-wordpress', ...args], {
      cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26,
    });
    return { code: 0, out: String(stdout) };
  } catch (err) {
    return { code: err.status, out: String(err.stdout) + String(err.stderr) };
  }
}

/** Imports into a fresh folder; returns its paths. */
function importInto(name, source, extra = []) {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'public/content/articles'), { recursive: true });
  const result = publish([...source, '--out', join(dir, 'public'), '--report', join(dir, 'import-report.json'),
    '--cache', join(dir, 'cache'), '--isso-db', join(dir, 'comments.db'), '--no-remote-images', '--include-pending', ...extra],
  { LINERNOTES_WP_APP_PASSWORD: wp.facts.app_password });
  assert.equal(result.code, 0, result.out);
  return { dir, public: join(dir, 'public'), db: join(dir, 'comments.db'), out: result.out, report: JSON.parse(readFileSync(join(dir, 'import-report.json'), 'utf8')) };
}

const articles = (dir) => Object.fromEntries(readdirSync(join(dir, 'content/articles')).sort().map((f) => [f, JSON.parse(readFileSync(join(dir, 'content/articles', f), 'utf8'))]));
const threads = (db) => queryDb(db, `SELECT t.uri, c.author, c.text, c.created, c.mode, c.likes, c.website, p.author FROM comments c JOIN threads t ON c.tid = t.id LEFT JOIN comments p ON c.parent = p.id ORDER BY c.created`);

/** A real nginx serving `root` as a static host, with the importer's map include and its two `if`s. */
async function startNginx({ root: site, include }) {
  const dir = mkdtempSync(join(tmpdir(), 'linernotes-nginx-'));
  const port = await freePort();
  writeNginxConfig({ dir, http: `  include ${include};
  server {
    listen 127.0.0.1:${port};
    root ${site};
    if ($linernotes_wp_path) { return 301 $linernotes_wp_path; }
    if ($linernotes_wp_id) { return 301 $linernotes_wp_id; }
    if ($linernotes_wp_page) { return 301 $linernotes_wp_page; }
    location / { try_files $uri $uri/index.html =404; }
    error_page 404 /404.html;
  }` });
  const child = spawn('/usr/sbin/nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const errors = [];
  child.stderr.on('data', (d) => errors.push(String(d)));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx refused the config: ${errors.join('')}`);
    try { await fetch(url, { redirect: 'manual' }); break; } catch { if (i > 100) throw new Error('nginx did not start'); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => new Promise((done) => {
      const finish = () => { rmSync(dir, { recursive: true, force: true }); done(); };
      if (child.exitCode !== null || child.signalCode !== null) return finish();
      child.once('exit', finish);
      child.kill('SIGTERM');
    }),
  };
}

let rest, wxr;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'linernotes-wp-import-'));
  wp = await startWordPress();
  browser = await launch();
  // Over REST first (WordPress caches its oEmbed answers while rendering,
  // as a site that has been visited has them), then from the export.
  rest = importInto('rest', ['--rest', wp.url, '--user', 'editor']);
  const file = wp.exportWxr(join(scratch, 'export.xml'));
  wxr = importInto('wxr', ['--wxr', file]);
});
after(async () => {
  await browser?.close();
  await wp?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('REST and the WXR export give the same articles, images and comments', () => {
  const a = articles(rest.public);
  const b = articles(wxr.public);
  assert.deepEqual(Object.keys(a), Object.keys(b));
  for (const name of Object.keys(a)) assert.deepEqual(a[name], b[name], name);
  // The export names old slugs; over REST, WordPress's own redirect tells them.
  assert.equal(readFileSync(join(rest.public, '_redirects'), 'utf8'), readFileSync(join(wxr.public, '_redirects'), 'utf8'));
  assert.equal(readFileSync(join(rest.dir, 'wordpress-redirects.nginx.conf'), 'utf8'), readFileSync(join(wxr.dir, 'wordpress-redirects.nginx.conf'), 'utf8'));
  assert.deepEqual(readdirSync(join(rest.public, 'images/wp')).sort(), readdirSync(join(wxr.public, 'images/wp')).sort());
  assert.deepEqual(threads(rest.db), threads(wxr.db));
  assert.equal(rest.report.articles, 11);
  // Old slugs WordPress keeps that no post links: only the export has them, and a REST run says so once.
  assert.equal(rest.report.notes.filter((n) => n.includes('_wp_old_slug') && n.includes('--wxr')).length, 1, rest.report.notes.join('\n'));
  assert.deepEqual(wxr.report.notes, []);
});

test('posts map to typed blocks, with the images WordPress shows and feedback passages', () => {
  const a = articles(rest.public);
  const film = a['film-out.json'];
  assert.equal(film.title, 'BTS release “Film Out”, a ballad written with back number’s Iyori Shimizu');
  assert.equal(film.published, '2021-04-02T00:00:00Z');
  assert.deepEqual(film.authors, [{ name: 'Aki Morimoto', url: null }]);
  assert.deepEqual(film.category, { slug: 'news', name: 'News' });
  assert.deepEqual(film.hero && [film.hero.width, film.hero.height, film.hero.caption], [1200, 675, '“Film Out” arrived with the film it was written for.']);
  assert.deepEqual(film.body.map((b) => b.type), ['paragraph', 'paragraph', 'heading', 'paragraph', 'quote', 'paragraph', 'lyrics', 'video', 'heading', 'paragraph', 'list', 'paragraph']);
  const quote = film.body[4];
  const lyrics = film.body[6];
  assert.deepEqual(film.feedback, [
    { block: quote.id, prompt: 'Does the song feel like memory on film to you?' },
    { block: lyrics.id, prompt: 'What does this mood bring back for you?' },
  ]);
  assert.equal(film.body.at(-1).content[1].href, '/article/art-of-the-liner-note');
  const tour = a['block-tour.json'];
  const wide = tour.body.find((b) => b.type === 'image' && b.alt.startsWith('A wide field'));
  // Uploaded at 3000 × 1600: WordPress shows its 2560-px -scaled copy, and so does the reader.
  assert.deepEqual([wide.width, wide.height], [2560, 1365], 'the copy WordPress shows, not the 3000-px original');
  // An image's custom link stays (a post's, rewritten); a link to its own file goes.
  const stage = tour.body.find((b) => b.type === 'image' && b.alt.startsWith('Amber stage'));
  assert.deepEqual([stage.link, wide.link], ['/article/film-out', undefined]);
  const links = tour.body[0].content.filter((i) => i.href).map((i) => i.href);
  assert.deepEqual(links, ['https://example.org/records', 'mailto:letters@linernotes.example', '/article/film-out', '/article/film-out',
    '/article/art-of-the-liner-note', '/article/cassette-labels-return'], 'permalink, ?p=, no slash, old slug');
  const said = (b) => (b.content ?? []).map((i) => i.text).join('');
  assert.equal(said(tour.body.at(-1)), 'Tour dates, as the label sent them: Leeds in May, Porto in June.', 'a reusable block, where the post names it');
  // Players: titles from WordPress's own players, or from the caption ("Artist – Title").
  const players = tour.body.filter((b) => b.type === 'video' || b.type === 'audio').map(({ id, ...rest }) => rest);
  assert.deepEqual(players, [
    { type: 'video', provider: 'youtube', video_id: 'aqz-KE-bpKQ', title: 'Big Buck Bunny, the open movie', poster: null },
    { type: 'audio', provider: 'spotify', kind: 'album', audio_id: '1DFixLWuPkv3KT3TnV35m3', title: 'Low Tide (Live)', artist: 'Paper Moons' },
    { type: 'audio', provider: 'soundcloud', kind: 'track', url: 'https://soundcloud.com/kestrel-lamps/harbour-lights',
      title: 'Harbour Lights', artist: 'Kestrel Lamps' },
    { type: 'video', provider: 'vimeo', video_id: '76979871', title: 'Night ferry, filmed from the deck', poster: null },
  ]);
  // Markup the author escaped is text, and stays text; nothing else of the traps is left.
  const hostileArticle = a['hostile-markup.json'];
  assert.equal(hostileArticle.title, 'Hostile markup in a title');
  const asText = hostileArticle.body.filter((b) => b.type === 'paragraph' && b.content[0].text.startsWith('<script>alert(10)'));
  assert.equal(asText.length, 1);
  const hostile = JSON.stringify({ ...hostileArticle, body: hostileArticle.body.filter((b) => !asText.includes(b)) });
  for (const bad of ['<script', 'javascript:', 'alert(', 'onerror', 'onclick', 'tracker.example', 'evil.example', 'data:']) assert.ok(!hostile.includes(bad), bad);
  const words = a['long-read.json'].body.flatMap((b) => (b.content ?? [{ text: b.text ?? '' }]).map((i) => i.text)).join(' ').split(/\s+/).length;
  assert.ok(words > 10000, `the 10,000-word post arrives whole (${words} words)`);
  const reasons = rest.report.downgrades.map((d) => `${d.post}: ${d.reason}`);
  for (const want of ['block-tour: table left out', 'block-tour: embed of Mixcloud kept as a link to it (the reader shows no Mixcloud posts)', 'members-only: password-protected post left out', 'hostile-markup: <script> left out']) {
    assert.ok(reasons.includes(want), `${want} in ${reasons.join('\n')}`);
  }
  const index = JSON.parse(readFileSync(join(rest.public, 'content/index.json'), 'utf8'));
  assert.deepEqual(index.featured, ['lantern-field-second-stage']);
});

test('a second run from the cache changes nothing and doubles nothing; --strict fails on downgrades', () => {
  const before = threads(rest.db);
  const again = importInto('rest', ['--rest', wp.url, '--user', 'editor']);
  assert.equal(again.report.requests, 0, 'everything came from the cache');
  assert.equal(again.report.comments_imported, 0);
  assert.equal(again.report.comments_updated, 0, 'a comment is updated only when something of it changed');
  assert.deepEqual(again.report.comments_taken_down, []);
  assert.deepEqual(threads(rest.db), before);
  const strict = publish(['--wxr', join(scratch, 'export.xml'), '--out', join(scratch, 'strict'), '--report', join(scratch, 'strict.json'), '--no-remote-images', '--strict']);
  assert.equal(strict.code, 1, strict.out);
  assert.match(strict.out, /--strict: \d+ downgrades/);
});

test('over anonymous REST, what the rendered page holds is reported as the other sources report it', () => {
  const anon = importInto('anonymous', ['--rest', wp.url]);
  const reasons = anon.report.downgrades.map((d) => `${d.post}: ${d.reason}`);
  // YouTube's player keeps the start time as `start=90`; the export has `t=90s`.
  assert.ok(reasons.some((r) => r.startsWith('classic-notes: video ') && r.includes('`start=90`')), reasons.join('\n'));
  assert.ok(wxr.report.downgrades.some((d) => d.post === 'classic-notes' && d.reason.includes('`t=90s`')));
  // The rendered page names the SoundCloud track by number only: the line says what helps.
  assert.ok(reasons.some((r) => r.startsWith('block-tour: SoundCloud player “Harbour Lights by Kestrel Lamps” left out') && r.includes('--user')), reasons.join('\n'));
  assert.equal(anon.report.notes.filter((n) => n.includes('_wp_old_slug')).length, 1);
});

test('the imported site builds and renders under the CSP, comments from Isso, old addresses redirect', async () => {
  const dir = copyBuild();
  rmSync(join(dir, 'content'), { recursive: true, force: true });
  cpSync(join(rest.public, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(rest.public, 'images/wp'), join(dir, 'images/wp'), { recursive: true });
  const site = await serve({ dir, redirects: join(rest.public, '_redirects') });
  // Isso stopped while its database is replaced by the imported one.
  const isso = await startIsso({ origin: site.origin });
  try {
    await isso.stop();
    cpSync(rest.db, isso.db);
    await isso.restart();
    republish(dir, (s) => ({ ...s, comments: { provider: 'isso', endpoint: isso.url } }));
    await sharedWithPage(browser, {}, async ({ page, unexpected, external }) => {
      const res = await page.goto(`${site.url}2021/04/film-out/`);
      assert.equal(new URL(page.url()).pathname, '/article/film-out');
      assert.equal(res.status(), 200);
      await page.locator('#app[data-app="live"]').waitFor({ state: 'attached' });
      await page.getByRole('heading', { level: 1, name: /Film Out/ }).waitFor();
      await page.locator('#comments-title').scrollIntoViewIfNeeded();
      const mina = page.locator('.comment').filter({ hasText: 'The piano intro got me' }).first();
      await mina.waitFor();
      assert.match(await mina.locator('.comment__author').first().textContent(), /Mina Park/);
      const when = await mina.locator('.comment__time').first().getAttribute('datetime');
      assert.equal(Date.parse(when), Date.UTC(2021, 3, 2, 10, 15), `the date in UTC, as WordPress had it (${when})`);
      // A reply to a reply hangs from the top-level comment, as Isso keeps it.
      await mina.locator('.comment__replies .comment').filter({ hasText: 'Same here.' }).waitFor();
      await mina.locator('.comment__replies .comment').filter({ hasText: 'Thank you both' }).waitFor();
      assert.equal(await page.locator('.comment').filter({ hasText: 'Buy now' }).count(), 0, 'no spam');
      assert.equal(await page.locator('.comment').filter({ hasText: 'still waiting for a moderator' }).count(), 0, 'pending stays pending');
      // The wpDiscuz feedback comments sit on their passages: two on the quote, one on the lyric.
      const quoteId = articles(rest.public)['film-out.json'].feedback[0].block;
      await page.getByRole('button', { name: '1 comment: feedback on this passage' }).waitFor();
      await page.getByRole('button', { name: '2 comments: feedback on this passage' }).click();
      const noor = page.locator(`#feedback-${quoteId} .comment`).filter({ hasText: 'like a reel you keep rewinding' }).first();
      await noor.locator('.comment__replies .comment').filter({ hasText: 'Exactly that.' }).waitFor();
      assert.deepEqual(await axe(page), []);
      await screenshot(page, 'wordpress-import-film-out');
      // The players ask their services for nothing until play.
      assert.deepEqual(external, []);
      assert.deepEqual(unexpected(), []);
    });
    await sharedWithPage(browser, {}, async ({ page }) => {
      await page.goto(`${site.url}?p=${wp.facts.posts['block-tour']}`);
      assert.equal(new URL(page.url()).pathname, '/article/block-tour');
      // A link to the second page of a post's comments, as WordPress splits them.
      await page.goto(`${site.url}2021/04/film-out/comment-page-2/#comment-3`);
      assert.equal(new URL(page.url()).pathname, '/article/film-out');
    });
    // A tag's archive: a search for the tag, which lists the articles that carry it.
    await sharedWithPage(browser, {}, async ({ page, unexpected }) => {
      await page.goto(`${site.url}tag/back-number/`);
      const url = new URL(page.url());
      assert.deepEqual([url.pathname, url.searchParams.get('q')], ['/search', 'back number']);
      await page.locator('main').getByRole('link', { name: /Film Out/ }).first().waitFor();
      assert.deepEqual(unexpected(), []);
    });
    // An author's archive: a search for the name, which finds the articles in the byline.
    await sharedWithPage(browser, {}, async ({ page, unexpected }) => {
      await page.goto(`${site.url}author/aki/`);
      const url = new URL(page.url());
      assert.deepEqual([url.pathname, url.searchParams.get('q')], ['/search', 'Aki Morimoto']);
      await page.locator('main').getByRole('link', { name: /Film Out/ }).first().waitFor();
      assert.deepEqual(unexpected(), []);
    });
    // The linked image is a link named by its alt text, and leads to the article.
    await sharedWithPage(browser, {}, async ({ page, unexpected }) => {
      await goLive(page, `${site.url}article/block-tour`);
      const link = page.getByRole('link', { name: 'Amber stage lights over a dark violet stage.' });
      assert.equal(await link.getAttribute('href'), '/article/film-out');
      await link.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/article\/film-out$/);
      await page.getByRole('heading', { level: 1, name: /Film Out/ }).waitFor();
      assert.deepEqual(unexpected(), []);
    });
    for (const slug of ['block-tour', 'hostile-markup', 'classic-notes', 'mixtape-vol-2-19']) {
      await sharedWithPage(browser, {}, async ({ page, unexpected, external }) => {
        await goLive(page, `${site.url}article/${slug}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        assert.equal(await page.title().then((t) => t.includes('owned')), false);
        assert.deepEqual(await axe(page), [], slug);
        assert.deepEqual(external, [], slug);
        assert.deepEqual(unexpected(), [], slug);
      });
    }
    // The same old addresses through the generated nginx map, in a real nginx.
    const nginx = await startNginx({ root: dir, include: join(rest.dir, 'wordpress-redirects.nginx.conf') });
    try {
      const japanese = `2021/07/${encodeURIComponent('シティポップの夏')}/`;
      for (const [from, to] of [
        ['2021/04/film-out/', '/article/film-out'],
        ['2021/04/film-out', '/article/film-out'],
        ['2021/04/film-out/feed/', '/article/film-out'],
        ['2021/04/film-out/comment-page-2/', '/article/film-out'],
        ['2021/04/film-out/2', '/article/film-out'],
        // An image's attachment page below the post, as WordPress links one.
        ['2021/04/film-out/film-strip-still/', '/article/film-out'],
        ['2021/03/tape-labels-return/', '/article/cassette-labels-return'],
        ['2021/03/tape-labels-return/comment-page-2/', '/article/cassette-labels-return'],
        [japanese, '/article/post-18'],
        [japanese.toLowerCase(), '/article/post-18'],
        [`?p=${wp.facts.posts['block-tour']}`, '/article/block-tour'],
        ['tag/bts/', '/search'],
        ['tag/bts/feed/', '/feed.xml'],
        ['author/aki/', '/search'],
        ['author/rosa/feed/', '/feed.xml'],
        ['comments/feed/', '/feed.xml'],
        [`index.php?p=${wp.facts.posts['block-tour']}&replytocom=3`, '/article/block-tour'],
      ]) {
        const res = await fetch(nginx.url + from, { redirect: 'manual' });
        assert.equal(res.status, 301, from);
        assert.equal(new URL(res.headers.get('location'), nginx.url).pathname, to, from);
      }
      // A search on the old site, from its search form or a bookmark: the
      // new site's search, with the same words.
      for (const [from, words] of [['?s=city+pop', 'city pop'], [`index.php?s=${encodeURIComponent('シティポップ')}`, 'シティポップ']]) {
        const res = await fetch(nginx.url + from, { redirect: 'manual' });
        assert.equal(res.status, 301, from);
        const location = new URL(res.headers.get('location'), nginx.url);
        assert.equal(location.pathname, '/search', from);
        assert.equal(location.searchParams.get('q'), words, from);
      }
      // An image's old addresses, as WordPress gives them (the copy it
      // serves, the original upload), lead to its file, which is served.
      const media = await (await fetch(`${wp.url}?rest_route=/wp/v2/media/${wp.facts.media.wide}`)).json();
      const served = new URL(media.source_url).pathname;
      const original = served.replace(/[^/]*$/, media.media_details.original_image);
      assert.match(served, /-scaled\.jpg$/, 'WordPress scaled the 3000-px upload');
      const wide = articles(rest.public)['block-tour.json'].body.find((b) => b.type === 'image' && b.alt.startsWith('A wide field'));
      for (const from of [served, original]) {
        const res = await fetch(nginx.url + from.slice(1), { redirect: 'manual' });
        assert.equal(res.status, 301, from);
        const location = new URL(res.headers.get('location'), nginx.url);
        assert.equal(location.pathname, `/${wide.src}`, from);
        const file = await fetch(location);
        assert.equal(file.status, 200, from);
        assert.equal(file.headers.get('content-type'), 'image/jpeg', from);
      }
      // The new addresses are left alone, `?p=` included, and so is a section's
      // archive, at the same address on both sites; no section without articles.
      // The home page too, with or without an empty search.
      for (const path of ['', '?s=', 'article/film-out/', `article/film-out/?p=${wp.facts.posts['block-tour']}`, 'category/news/']) {
        const res = await fetch(nginx.url + path, { redirect: 'manual' });
        assert.equal(res.headers.get('location'), null, path);
      }
      // WordPress's untouched "Uncategorized" is no section: its archive
      // leads to the front page, where posts filed only there are.
      {
        const res = await fetch(nginx.url + 'category/uncategorized/', { redirect: 'manual' });
        assert.equal(res.status, 301);
        assert.equal(new URL(res.headers.get('location'), nginx.url).pathname, '/');
      }
      // With the README's `try_files`, an article's page answers at both
      // its forms, the short one too, with no redirect.
      for (const path of ['article/film-out', 'article/film-out/']) {
        const res = await fetch(nginx.url + path, { redirect: 'manual' });
        assert.equal(res.status, 200, path);
        assert.match(await res.text(), /<link rel="canonical" href="[^"]*\/article\/film-out\/">/, path);
      }
      // And an address the site does not have is the app's own page (which
      // renders an article published after the build, or says not found)
      // with a 404 status, for crawlers; a missing article's file too, so
      // the page says the article is not found.
      for (const path of ['article/published-later', 'no/such/page/']) {
        const res = await fetch(nginx.url + path, { redirect: 'manual' });
        assert.equal(res.status, 404, path);
        assert.match(await res.text(), /id="app"/, path);
      }
      assert.equal((await fetch(nginx.url + 'content/articles/published-later.json')).status, 404);
    } finally {
      await nginx.stop();
    }
    // What Isso stored: authors, UTC dates, the feedback thread of the quote block.
    const film = articles(rest.public)['film-out.json'];
    const rows = queryDb(rest.db, "SELECT t.uri, c.author, c.created FROM comments c JOIN threads t ON c.tid = t.id WHERE c.author = 'Noor Haddad'");
    assert.deepEqual(rows, [[`/article/film-out#${film.feedback[0].block}`, 'Noor Haddad', Date.UTC(2021, 3, 5, 19) / 1000]]);
  } finally {
    await site.close();
    await isso.stop();
    removeBuild(dir);
  }
});
