// The benchmark: bytes and time to readable text, written to
// bench/results.json and bench/RESULTS.md. Not part of the tests: timings
// on a shared machine are noisy, so every figure is a median with its
// spread over several cold runs.
//
//   node scripts/bench.mjs [--runs 5]      (after scripts/build.sh)
//
// Then, unless `--wordpress no` / `--takeover no` / `--anatomy no`: the same
// article on a stock WordPress (scripts/bench-vs-wordpress.mjs), the
// takeover's long tasks at 4× CPU slowdown (scripts/bench-takeover.mjs) and
// where the .wasm bytes go (scripts/wasm-anatomy.mjs), each into its own
// section. The WordPress
// import (1,000 posts, 10,000 comments) is timed by scripts/bench-import.mjs
// and the dev loop by scripts/bench-live.mjs, on their own.
//
// The comment server under a viral article's load is measured on its own,
// by scripts/bench-viral.mjs (bench/results-viral.json and the "Viral
// article" section of bench/RESULTS.md, which this script keeps as it is).

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve } from './serve.mjs';
import { startIsso } from './isso.mjs';
import { launch } from '../e2e/browser.mjs';
import { searchBench } from './bench-search.mjs';
import { lighthouse as runLighthouse, median } from './bench-stats.mjs';
import { options } from './args.mjs';

const root = new URL('../', import.meta.url).pathname;
const args = options();
const RUNS = Number(args.runs ?? 5);

const summary = (xs) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), runs: xs.length });
const round = (x) => Math.round(x * 10) / 10;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function distBytes() {
  return walk(join(root, 'dist')).map((path) => {
    const body = readFileSync(path);
    return {
      file: relative(join(root, 'dist'), path),
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }).sort((a, b) => b.brotli - a.brotli);
}

function kind(url, type) {
  if (/\.wasm$/.test(url)) return 'wasm';
  if (/\.css$/.test(url)) return 'css';
  if (/\.m?js$/.test(url)) return 'js';
  if (/\.json$/.test(url)) return 'json';
  if (/\.(svg|png|jpe?g|webp|avif|gif)$/.test(url)) return 'images';
  if (type === 'document') return 'html';
  return 'other';
}

/** One cold load of a page: what crossed the wire and when the reader could read. */
async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__bench = { longTasks: 0, cls: 0, lcp: 0, headline: null };
    new PerformanceObserver((l) => { window.__bench.longTasks += l.getEntries().length; }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__bench.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
    const watch = () => {
      const h1 = document.querySelector('h1.article__title');
      if (h1 && h1.textContent.trim() && window.__bench.headline === null) {
        requestAnimationFrame(() => { window.__bench.headline = performance.now(); });
        return;
      }
      if (window.__bench.headline === null) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  const received = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) received.push({ url: request.url(), kind: kind(new URL(request.url()).pathname, request.resourceType()), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.headline !== null, null, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return { fcp, headline: window.__bench.headline, lcp: window.__bench.lcp, cls: window.__bench.cls, longTasks: window.__bench.longTasks, wasmEnd: wasm ? wasm.responseEnd : null };
  });
  await context.close();
  return { timing, received };
}

async function timeToText(url) {
  const browser = await launch();
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, url));
  } finally {
    await browser.close();
  }
  const pick = (key) => runs.map((r) => r.timing[key]).filter((v) => v !== null);
  const byKind = {};
  for (const r of runs[0].received) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.bytes;
  return {
    first_view_bytes: { ...byKind, total_without_images: Object.entries(byKind).filter(([k]) => k !== 'images').reduce((s, [, v]) => s + v, 0) },
    first_contentful_paint_ms: summary(pick('fcp')),
    headline_visible_ms: summary(pick('headline')),
    largest_contentful_paint_ms: summary(pick('lcp')),
    wasm_download_end_ms: summary(pick('wasmEnd')),
    layout_shift: summary(pick('cls')),
    long_tasks: summary(pick('longTasks')),
  };
}

/** Fills Isso's own database with `count` top-level comments (every tenth with a reply). */
function seedThread(db, uri, title, count) {
  execFileSync('python3', ['-c', `
import sqlite3, sys, time
db, uri, title, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
con = sqlite3.connect(db)
cur = con.execute("INSERT INTO threads (uri, title) VALUES (?, ?)", (uri, title))
tid = cur.lastrowid
now = time.time() - count * 60
for i in range(count):
    text = "Comment number %d: *the chorus* still gets me, and the [video](https://example.com/%d) too." % (i + 1, i)
    cur = con.execute("INSERT INTO comments (tid, parent, created, mode, remote_addr, text, author, likes, dislikes, voters) VALUES (?, NULL, ?, 1, '10.0.0.0', ?, ?, ?, 0, ?)",
                      (tid, now + i * 60, text, "Reader %d" % (i + 1), i % 7, bytes(256)))
    if i % 10 == 0:
        con.execute("INSERT INTO comments (tid, parent, created, mode, remote_addr, text, author, likes, dislikes, voters) VALUES (?, ?, ?, 1, '10.0.0.1', ?, ?, 0, 0, ?)",
                    (tid, cur.lastrowid, now + i * 60 + 30, "A reply to number %d." % (i + 1), "Replier", bytes(256)))
con.commit()`, db, uri, title, String(count)]);
}

async function commentBench() {
  const overlay = mkdtempSync(join(tmpdir(), 'linernotes-bench-'));
  const app = await serve({ dir: join(root, 'dist'), overlay });
  const baseline = await serve({ dir: join(root, 'bench/baseline') });
  const isso = await startIsso({ origin: [app.origin, baseline.origin] });
  const site = JSON.parse(readFileSync(join(root, 'public/site.json'), 'utf8'));
  site.comments = { provider: 'isso', endpoint: isso.url };
  writeFileSync(join(overlay, 'site.json'), JSON.stringify(site));
  const sizes = { 100: 'kestrel-and-the-lamps', 1000: 'cassette-labels-comeback', 5000: 'night-bus-sessions' };
  for (const [n, slug] of Object.entries(sizes)) seedThread(isso.db, `/article/${slug}`, slug, Number(n));
  const browser = await launch();
  const out = {};
  try {
    for (const [n, slug] of Object.entries(sizes)) {
      const ours = [], theirs = [], oursLong = [], theirsLong = [], firstPage = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(() => {
          window.__long = [];
          new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
        });
        // A reader who follows a link to the comments: the area loads when
        // it nears the viewport, as it does here at once.
        await page.goto(`${app.url}article/${slug}#comments`);
        await page.locator('.comment-list > .comment').nth(9).waitFor({ timeout: 60000 });
        firstPage.push(await page.evaluate(() => performance.now()));
        await page.evaluate(() => { window.__long = []; });
        const start = await page.evaluate(() => performance.now());
        await page.getByRole('button', { name: /View all comments/ }).click();
        await page.waitForFunction((n) => document.querySelectorAll('.comment-list > .comment').length >= n, Number(n), { timeout: 300000, polling: 100 });
        const end = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now())))));
        ours.push(end - start);
        oursLong.push(Math.max(0, ...(await page.evaluate(() => window.__long))));
        await context.close();

        const bctx = await browser.newContext();
        const bpage = await bctx.newPage();
        await bpage.addInitScript(() => {
          window.__long = [];
          new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
        });
        await bpage.goto(`${baseline.url}index.html?isso=${encodeURIComponent(isso.url)}&uri=${encodeURIComponent('/article/' + slug)}`);
        await bpage.waitForFunction(() => window.__done !== undefined, null, { timeout: 120000 });
        theirs.push(await bpage.evaluate(() => window.__done));
        theirsLong.push(Math.max(0, ...(await bpage.evaluate(() => window.__long))));
        await bctx.close();
      }
      out[n] = {
        linernotes_first_page_from_navigation_ms: summary(firstPage),
        linernotes_view_all_ms: summary(ours),
        linernotes_longest_task_ms: summary(oursLong),
        baseline_ms: summary(theirs),
        baseline_longest_task_ms: summary(theirsLong),
        ratio_linernotes_over_baseline: round(median(ours) / median(theirs)),
      };
      console.error(`comments ${n}: ${JSON.stringify(out[n])}`);
    }
  } finally {
    await browser.close();
    await isso.stop();
    await app.close();
    await baseline.close();
  }
  return out;
}

/** Lighthouse (mobile throttling), installed on first use: it is large and only the benchmark needs it. */
async function lighthouse(url) {
  const scores = [];
  const metrics = [];
  for (let i = 0; i < RUNS; i++) {
    const report = await runLighthouse(url, ['performance', 'accessibility', 'best-practices', 'seo']);
    scores.push(Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, Math.round(v.score * 100)])));
    const a = report.audits;
    metrics.push({ fcp: a['first-contentful-paint'].numericValue, lcp: a['largest-contentful-paint'].numericValue, tbt: a['total-blocking-time'].numericValue, cls: a['cumulative-layout-shift'].numericValue });
  }
  const pick = (xs, k) => summary(xs.map((x) => x[k]));
  return {
    performance: pick(scores, 'performance'), accessibility: pick(scores, 'accessibility'),
    best_practices: pick(scores, 'best-practices'), seo: pick(scores, 'seo'),
    first_contentful_paint_ms: pick(metrics, 'fcp'), largest_contentful_paint_ms: pick(metrics, 'lcp'),
    total_blocking_time_ms: pick(metrics, 'tbt'), cumulative_layout_shift: pick(metrics, 'cls'),
  };
}

const server = await serve({ dir: join(root, 'dist'), compress: true });
// The same article without its prerendered page: what every reader got
// before prerendering (the 404.html shell, then the .wasm fetches the JSON).
// Served with status 200, as a host with a rewrite rule would (Lighthouse
// will not audit a page answered with 404).
const clientOnlyDir = mkdtempSync(join(tmpdir(), 'linernotes-client-only-'));
cpSync(join(root, 'dist'), clientOnlyDir, { recursive: true });
rmSync(join(clientOnlyDir, 'article/film-out'), { recursive: true, force: true });
const clientOnly = await serve({ dir: clientOnlyDir, compress: true, fallbackStatus: 200 });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, chromium: '/usr/bin/chromium (headless)', node: process.version },
  method: `${RUNS} cold loads each (new browser context, no cache), 390x844 viewport, no throttling; dist/ served by scripts/serve.mjs with brotli and the CSP header on loopback.`,
  dist_bytes: distBytes(),
  article_film_out: await timeToText(server.url + 'article/film-out'),
  article_film_out_client_only: await timeToText(clientOnly.url + 'article/film-out'),
};
results.first_response_film_out_brotli = results.dist_bytes.find((f) => f.file === 'article/film-out/index.html')?.brotli ?? null;
results.lighthouse_mobile_film_out = args.lighthouse === 'no' ? null : await lighthouse(server.url + 'article/film-out');
results.lighthouse_mobile_film_out_client_only = args.lighthouse === 'no' ? null : await lighthouse(clientOnly.url + 'article/film-out');
await server.close();
await clientOnly.close();
rmSync(clientOnlyDir, { recursive: true, force: true });
results.comments = args.comments === 'no' ? null : await commentBench();
results.search = args.search === 'no' ? null : await searchBench({ runs: RUNS, summary });

const app = results.dist_bytes.filter((f) => /^linernotes-.*(\.js|_bg\.wasm)$/.test(f.file));
results.app_wasm_plus_js_brotli = app.reduce((s, f) => s + f.brotli, 0);
// The code the first screen does not need (src/deferred.rs), fetched when
// the reader nears the comments or searches.
results.deferred_wasm_brotli = results.dist_bytes.filter((f) => /^linernotes-[a-z]+-[0-9a-f]+\.wasm$/.test(f.file)).map((f) => ({ file: f.file, brotli: f.brotli }));
writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const fig = (s) => `${s.median} (min ${s.min}, max ${s.max})`;
const a = results.article_film_out;
const c = results.article_film_out_client_only;
const md = `# Benchmark results

Written by \`node scripts/bench.mjs\` on ${results.date.slice(0, 10)}.
Machine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memory_gib} GiB, ${results.machine.os}, Node ${results.machine.node}.
Method: ${results.method}

## The app's code

\`.wasm\` + \`.js\`, brotli: **${kb(results.app_wasm_plus_js_brotli)}** (aim: under 250 KB; budget in \`bench/budget.json\`): what a reader's browser fetches to run the page. Fetched only when needed: ${results.deferred_wasm_brotli.map((f) => `\`${f.file}\` ${kb(f.brotli)}`).join(', ')}.

## First view of /article/film-out (as received, compressed, with headers)

| kind | bytes |
|---|---|
${Object.entries(a.first_view_bytes).map(([k, v]) => `| ${k} | ${kb(v)} |`).join('\n')}

The first response of the prerendered \`/article/film-out\` (its HTML, brotli): **${kb(results.first_response_film_out_brotli)}** (aim: under 14 KB).

## Time to readable text, /article/film-out (ms from navigation start; median, min, max of ${RUNS})

"Prerendered" is the page as built; "client only" is the same article
without its prerendered page, rendered by the app after the \`.wasm\` and the
article JSON arrive (how every page worked before prerendering).

| figure | prerendered | client only |
|---|---|---|
| first contentful paint | ${fig(a.first_contentful_paint_ms)} | ${fig(c.first_contentful_paint_ms)} |
| headline visible | ${fig(a.headline_visible_ms)} | ${fig(c.headline_visible_ms)} |
| largest contentful paint | ${fig(a.largest_contentful_paint_ms)} | ${fig(c.largest_contentful_paint_ms)} |
| .wasm download finished | ${fig(a.wasm_download_end_ms)} | ${fig(c.wasm_download_end_ms)} |
| layout shift (CLS) | ${fig(a.layout_shift)} | ${fig(c.layout_shift)} |
| long tasks (> 50 ms) | ${fig(a.long_tasks)} | ${fig(c.long_tasks)} |

With prerendering the headline is on screen before the \`.wasm\` has
finished downloading: compare "headline visible" with ".wasm download
finished" (both from the browser's own timings).

## Lighthouse, mobile throttling, /article/film-out (median, min, max of ${RUNS})

${results.lighthouse_mobile_film_out ? `| figure | prerendered | client only |
|---|---|---|
${Object.keys(results.lighthouse_mobile_film_out).map((k) => `| ${k.replaceAll('_', ' ')} | ${fig(results.lighthouse_mobile_film_out[k])} | ${fig(results.lighthouse_mobile_film_out_client_only[k])} |`).join('\n')}` : 'Not run (--lighthouse no).'}

## Comment threads served by a real, seeded Isso (ms; median, min, max of ${RUNS})

linernotes shows the first 10 top-level comments, then "View all comments"
fetches the rest in pages of 100 and renders each as it arrives. The
baseline (\`bench/baseline/\`) fetches the whole thread in one request and
builds the same DOM in plain JavaScript.

${results.comments ? `| top-level comments | linernotes first page (from navigation to \`#comments\`) | linernotes view all | longest task | baseline | baseline longest task | ratio |
|---|---|---|---|---|---|---|
${Object.entries(results.comments).map(([n, c]) => `| ${n} | ${fig(c.linernotes_first_page_from_navigation_ms)} | ${fig(c.linernotes_view_all_ms)} | ${fig(c.linernotes_longest_task_ms)} | ${fig(c.baseline_ms)} | ${fig(c.baseline_longest_task_ms)} | ${c.ratio_linernotes_over_baseline} |`).join('\n')}` : 'Not run (--comments no).'}

## Search, 5,000 generated articles (\`scripts/bench-search.mjs\`)

${results.search ? (() => {
  const s = results.search;
  return `Indexed by \`publish index\` in ${(s.publish_index_ms / 1000).toFixed(1)} s (release build). The index is split: a
manifest, files of terms by first characters (split further while a file
is over 24 KB), and result cards in files of 50; a query loads the
manifest, the term files its words need, and the card files of the
results it shows (the search page shows 20).

| figure | value |
|---|---|
| all ${s.files} files, raw | ${kb(s.total_raw)} |
| all ${s.files} files, brotli | ${kb(s.total_brotli)} |
| manifest, brotli | ${kb(s.manifest_brotli)} |
| term files | ${s.term_files}; largest \`${s.largest_term_file.name}\`: ${kb(s.largest_term_file.brotli)} brotli |
| card files | ${s.doc_files}; median ${kb(s.doc_file_brotli_median)} brotli |
| query time, first in a visit (fetches its files), ms | ${fig(s.query_ms_first_in_visit)} |
| query time, repeated (files cached), ms | ${fig(s.query_ms_repeated)} |

What each query loaded (first run, compressed bytes as received):

| query | files | bytes |
|---|---|---|
${s.loaded_per_query.map((q) => `| ${q.query} | ${q.files} | ${kb(q.brotli_bytes)} |`).join('\n')}`;
})() : 'Not run (--search no).'}

## Every file of dist/

| file | raw | gzip | brotli |
|---|---|---|---|
${results.dist_bytes.map((f) => `| ${f.file} | ${f.raw} | ${f.gzip} | ${f.brotli} |`).join('\n')}
`;
// scripts/bench-viral.mjs writes its own section; keep it, before the file
// list. Sections other benchmark scripts write between their own markers
// (scripts/bench-section.mjs) are kept after it all.
const resultsFile = join(root, 'bench/RESULTS.md');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
const viral = previous.match(/\n## Viral article[\s\S]*?(?=\n## |\n<!-- BEGIN |$)/)?.[0] ?? '';
const kept = previous.match(/<!-- BEGIN [^>]*-->[\s\S]*?<!-- END [^>]*-->/g) ?? [];
const body = md.replace('\n## Every file of dist/', () => `${viral}\n## Every file of dist/`);
writeFileSync(resultsFile, body.trimEnd() + '\n' + kept.map((section) => `\n${section}\n`).join(''));
console.log(md);

// The same article on a stock WordPress, side by side (Lighthouse, alternating
// runs), and where the .wasm bytes go; each writes its own section.
if (args.wordpress !== 'no') {
  execFileSync('node', [join(root, 'scripts/bench-vs-wordpress.mjs'), '--runs', String(RUNS)], { cwd: root, stdio: 'inherit' });
}
if (args.takeover !== 'no') {
  execFileSync('node', [join(root, 'scripts/bench-takeover.mjs'), '--runs', String(RUNS)], { cwd: root, stdio: 'inherit' });
}
if (args.anatomy !== 'no') {
  const twiggy = join(process.env.HOME ?? '', '.cargo/bin/twiggy');
  if (!existsSync(twiggy)) execFileSync('cargo', ['install', 'twiggy', '--version', '0.8.0', '--locked'], { stdio: 'inherit' });
  execFileSync('node', [join(root, 'scripts/wasm-anatomy.mjs')], { cwd: root, stdio: 'inherit' });
}
