// The benchmark: bytes and time to readable text, written to
// bench/results.json and bench/RESULTS.md. Not part of the tests: timings
// on a shared machine are noisy, so every figure is a median with its
// spread over several cold runs.
//
//   node scripts/bench.mjs [--runs 5]      (after scripts/build.sh)

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { serve } from './serve.mjs';
import { launch } from '../e2e/browser.mjs';

const root = new URL('../', import.meta.url).pathname;
const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => (a.startsWith('--') ? [...p, [a.slice(2), all[i + 1]]] : p), []));
const RUNS = Number(args.runs ?? 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
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

const server = await serve({ dir: join(root, 'dist'), compress: true });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, chromium: '/usr/bin/chromium (headless)', node: process.version },
  method: `${RUNS} cold loads each (new browser context, no cache), 390x844 viewport, no throttling; dist/ served by scripts/serve.mjs with brotli and the CSP header on loopback.`,
  dist_bytes: distBytes(),
  article_film_out: await timeToText(server.url + 'article/film-out'),
};
await server.close();

const app = results.dist_bytes.filter((f) => /^linernotes-.*(\.js|_bg\.wasm)$/.test(f.file));
results.app_wasm_plus_js_brotli = app.reduce((s, f) => s + f.brotli, 0);
writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const fig = (s) => `${s.median} (min ${s.min}, max ${s.max})`;
const a = results.article_film_out;
const md = `# Benchmark results

Written by \`node scripts/bench.mjs\` on ${results.date.slice(0, 10)}.
Machine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memory_gib} GiB, ${results.machine.os}, Node ${results.machine.node}.
Method: ${results.method}

## The app's code

\`.wasm\` + \`.js\`, brotli: **${kb(results.app_wasm_plus_js_brotli)}** (aim: under 150 KB; budget in \`bench/budget.json\`).

## First view of /article/film-out (as received, compressed, with headers)

| kind | bytes |
|---|---|
${Object.entries(a.first_view_bytes).map(([k, v]) => `| ${k} | ${kb(v)} |`).join('\n')}

## Time to readable text, /article/film-out (ms from navigation start; median, min, max of ${RUNS})

| figure | value |
|---|---|
| first contentful paint | ${fig(a.first_contentful_paint_ms)} |
| headline visible | ${fig(a.headline_visible_ms)} |
| largest contentful paint | ${fig(a.largest_contentful_paint_ms)} |
| .wasm download finished | ${fig(a.wasm_download_end_ms)} |
| layout shift (CLS) | ${fig(a.layout_shift)} |
| long tasks (> 50 ms) | ${fig(a.long_tasks)} |

## Every file of dist/

| file | raw | gzip | brotli |
|---|---|---|---|
${results.dist_bytes.map((f) => `| ${f.file} | ${f.raw} | ${f.gzip} | ${f.brotli} |`).join('\n')}
`;
writeFileSync(join(root, 'bench/RESULTS.md'), md);
console.log(md);
