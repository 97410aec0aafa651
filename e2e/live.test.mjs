// The dev command's content loop (scripts/live.mjs) on a copy of the built
// site and of the content: a saved article shows on the open page by
// itself; a broken one prints its problems and the page keeps the last good
// version; and none of it is part of a build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLive } from '../scripts/live.mjs';
import { serve } from '../scripts/serve.mjs';
import { launch, withPage as sharedWithPage, goLive } from './browser.mjs';
import { copyBuild, removeBuild } from './prerendered.mjs';

const root = new URL('../', import.meta.url).pathname;
let browser, dir, sources, live;
const terminal = [];

before(async () => {
  browser = await launch();
  dir = copyBuild();
  sources = mkdtempSync(join(tmpdir(), 'linernotes-sources-'));
  cpSync(join(root, 'public/content'), join(sources, 'content'), { recursive: true });
  cpSync(join(root, 'public/images'), join(sources, 'images'), { recursive: true });
  live = await startLive({
    dir,
    content: join(sources, 'content'),
    images: join(sources, 'images'),
    log: (line) => terminal.push(line),
  });
});
after(async () => {
  await browser?.close();
  await live?.close();
  if (dir) removeBuild(dir);
  if (sources) rmSync(sources, { recursive: true, force: true });
});

const withPage = (options, fn) => sharedWithPage(browser, options, fn);
const source = (name) => join(sources, 'content/articles', name);
const edit = (name, change) => writeFileSync(source(name), change(readFileSync(source(name), 'utf8')));
/** Waits for the page to have this text, reloaded by the loop (not by the test). */
const shows = (page, text) => page.getByText(text).first().waitFor({ timeout: 30_000 });

test('a saved Markdown change shows on the open page, prerendered, without reloading by hand', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${live.url}article/film-out`);
    await page.evaluate(() => { window.__sameDocument = true; });
    edit('film-out.md', (md) => md.replace('## A slow song about someone who stays', '## A slow song about a friend who stays'));
    await shows(page, 'A slow song about a friend who stays');
    assert.equal(await page.evaluate(() => window.__sameDocument), undefined, 'the page loaded again by itself');
    // The change is in the prerendered page and the published JSON, not only in the app.
    const html = await (await fetch(`${live.url}article/film-out`)).text();
    assert.match(html, /A slow song about a friend who stays/);
    const json = JSON.parse(readFileSync(join(dir, 'content/articles/film-out.json'), 'utf8'));
    assert.ok(json.body.some((b) => b.text === 'A slow song about a friend who stays'));
    assert.ok(terminal.some((line) => /updated in \d+ ms: film-out\.md/.test(line)), terminal.join('\n'));
    assert.deepEqual(unexpected(), []);
  });
});

test('broken Markdown prints file:line:column in the terminal, and the page keeps its last good version', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${live.url}article/film-out`);
    const good = readFileSync(source('film-out.md'), 'utf8');
    const lines = good.split('\n').length;
    const build = live.nextBuild();
    writeFileSync(source('film-out.md'), `${good}\n<div>Raw HTML</div>\n\nA new closing line.\n`);
    const result = await build;
    assert.equal(result.ok, false);
    assert.match(result.output, new RegExp(`film-out\\.md:${lines + 1}:1: raw HTML is not shown`));
    assert.ok(terminal.some((line) => line.includes('film-out.md:') && line.includes('raw HTML')), terminal.join('\n'));
    const note = page.getByRole('alert').filter({ hasText: 'Not updated' });
    await note.waitFor();
    assert.match(await note.textContent(), /raw HTML is not shown/);
    assert.equal(await page.getByText('A new closing line.').count(), 0, 'the last good page stays');
    const html = await (await fetch(`${live.url}article/film-out`)).text();
    assert.doesNotMatch(html, /A new closing line/);

    // Fixed, it shows, and the note goes with the old page.
    writeFileSync(source('film-out.md'), `${good}\nA new closing line.\n`);
    await shows(page, 'A new closing line.');
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Not updated' }).count(), 0);
    assert.deepEqual(unexpected(), []);
  });
});

test('a saved JSON article and a new Markdown article show too', async () => {
  await withPage({}, async ({ page, unexpected }) => {
    await goLive(page, `${live.url}article/night-bus-sessions`);
    edit('night-bus-sessions.json', (json) => {
      const article = JSON.parse(json);
      article.title = 'Night Bus Sessions: songs written between stops, revised';
      return JSON.stringify(article, null, 2);
    });
    await page.getByRole('heading', { level: 1, name: 'Night Bus Sessions: songs written between stops, revised' }).waitFor({ timeout: 30_000 });

    await goLive(page, live.url);
    writeFileSync(
      source('harbour-lights.md'),
      '---\ntitle: Harbour lights, a single for the last ferry\ncategory: News\npublished: 2026-11-27T08:00:00Z\n---\nA single, written on the quay.\n',
    );
    await page.getByRole('link', { name: 'Harbour lights, a single for the last ferry' }).first().waitFor({ timeout: 30_000 });
    assert.deepEqual(unexpected(), []);
  });
});

test('the live script comes from the dev server only, never from a build', async () => {
  const plain = await serve({ dir });
  try {
    const page = await (await fetch(`${plain.url}article/film-out`)).text();
    assert.doesNotMatch(page, /__live/);
    assert.equal((await fetch(`${plain.url}__live.js`)).status, 404);
    const built = readFileSync(join(root, 'dist/index.html'), 'utf8');
    assert.doesNotMatch(built, /__live/);
  } finally {
    await plain.close();
  }
  const served = await (await fetch(`${live.url}article/film-out`)).text();
  assert.match(served, /<script src="\/__live\.js\?v=\d+" defer><\/script><\/head>/);
  assert.equal((await fetch(`${live.url}__live.js`)).status, 200);
});
