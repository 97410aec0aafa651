// The takeover of a prerendered page on a slow phone: cold loads of
// /article/film-out, and of a long read (a copy of the build where one
// article's body is lengthened to about 5,000 words, 60 paragraphs with
// headings and images, as a magazine's features run), with the main thread
// slowed 4× (as Lighthouse's mobile preset assumes): the long tasks after
// first paint (what blocking time counts), their sum over 50 ms, and when
// each step of the takeover ran (the app's User Timing marks). Writes
// bench/results-takeover.json and its section of bench/RESULTS.md.
//
//   scripts/build.sh && node scripts/bench-takeover.mjs [--runs 5]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { launch } from '../e2e/browser.mjs';
import { writeSection } from './bench-section.mjs';
import { median } from './bench-stats.mjs';
import { options } from './args.mjs';
import { copyBuild, republish, removeBuild } from '../e2e/prerendered.mjs';

const root = new URL('../', import.meta.url).pathname;
const args = options();
const RUNS = Number(args.runs ?? 5);
const SLOWDOWN = 4;
const STEPS = ['checked', 'seed-read', 'adopted-top', 'adopted', 'live'];
if (!existsSync(join(root, 'dist/article/film-out/index.html'))) throw new Error('build first: scripts/build.sh');

async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.locator('#app[data-app="live"]').waitFor({ state: 'attached', timeout: 60000 });
  await page.waitForTimeout(1000);
  const run = await page.evaluate((steps) => {
    const at = (name) => performance.getEntriesByName(`linernotes:${name}`)[0]?.startTime ?? null;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const after = window.__long.filter(([start]) => start >= fcp);
    return {
      fcp,
      long_tasks_after_paint: after.map(([, d]) => Math.round(d)),
      long_task_starts: after.map(([start]) => Math.round(start)),
      blocking_ms: after.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
      steps: Object.fromEntries(steps.map((s) => [s, at(s)])),
    };
  }, STEPS);
  await context.close();
  return run;
}

const LONG_READ = 'paper-moons-live-review';

/** A copy of the build whose one article is a long read, prerendered. */
function longReadBuild() {
  const dir = copyBuild();
  const file = join(dir, 'content/articles', `${LONG_READ}.json`);
  const article = JSON.parse(readFileSync(file, 'utf8'));
  const image = article.body.find((b) => b.type === 'image');
  const words = 'the set ran long into the evening while the room listened closely and the lamps dimmed over the shelves of old records and new ones'.split(' ');
  const body = [];
  for (let i = 0; i < 60; i++) {
    if (i % 12 === 0) body.push({ type: 'heading', id: `part-${i}`, level: 2, text: `Part ${i / 12 + 1}` });
    const text = Array.from({ length: 80 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
    body.push({ type: 'paragraph', id: `long-${i}`, content: [{ text: `${text[0].toUpperCase()}${text.slice(1)}.` }] });
    if (image && i % 20 === 10) body.push({ ...image, id: `long-image-${i}` });
  }
  article.body = [...article.body.slice(0, 3), ...body];
  writeFileSync(file, JSON.stringify(article));
  republish(dir);
  return dir;
}

async function measure(browser, dir, path) {
  const server = await serve({ dir });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      runs.push(await coldLoad(browser, `${server.url}${path}`));
      console.log(`${path} run ${i + 1}/${RUNS}`, JSON.stringify(runs.at(-1)));
    }
  } finally {
    await server.close();
  }
  // A build without a step (an older one, or a page rendered anew) has no span.
  const span = (from, to) => median(runs.map((r) => (r.steps[from] === null || r.steps[to] === null ? null : r.steps[to] - r.steps[from])));
  return {
    long_tasks_after_paint: runs.map((r) => r.long_tasks_after_paint),
    blocking_ms: { median: median(runs.map((r) => r.blocking_ms)), max: Math.max(...runs.map((r) => r.blocking_ms)) },
    steps_ms: Object.fromEntries(STEPS.slice(1).map((s, i) => [`${STEPS[i]} to ${s}`, span(STEPS[i], s)])),
    raw: runs,
  };
}

const browser = await launch();
const longDir = longReadBuild();
let article, longRead;
try {
  article = await measure(browser, join(root, 'dist'), 'article/film-out');
  longRead = await measure(browser, longDir, `article/${LONG_READ}`);
} finally {
  await browser.close();
  removeBuild(longDir);
}

const result = {
  date: new Date().toISOString(),
  runs: RUNS,
  method: `${RUNS} cold loads of each prerendered page, served by scripts/serve.mjs on loopback, Chromium headless, 412×823, main thread slowed ${SLOWDOWN}× (DevTools CPU throttling), no network throttling.`,
  ...article,
  long_read: longRead,
};
writeFileSync(join(root, 'bench/results-takeover.json'), JSON.stringify(result, null, 2) + '\n');
const ms = (v) => (v === null ? '–' : `${Math.round(v)} ms`);
writeSection('takeover', `## The takeover on a slow phone

\`node scripts/bench-takeover.mjs\` (${result.date.slice(0, 10)}): ${result.method} Blocking time is the sum, over long tasks after first paint, of each one's time beyond 50 ms (as Lighthouse counts it, here measured rather than simulated).

| figure | /article/film-out | a long read (5,000 words) |
|---|---|---|
| blocking time, median of ${RUNS} | ${ms(result.blocking_ms.median)} (max ${ms(result.blocking_ms.max)}) | ${ms(result.long_read.blocking_ms.median)} (max ${ms(result.long_read.blocking_ms.max)}) |
${Object.keys(result.steps_ms).map((k) => `| ${k.replace(/(\S+) to (\S+)/, '`$1` to `$2`')} | ${ms(result.steps_ms[k])} | ${ms(result.long_read.steps_ms[k])} |`).join('\n')}

Long tasks after first paint, per run: film-out ${result.long_tasks_after_paint.map((l) => (l.length ? l.map(ms).join(', ') : 'none')).join(' · ')}; the long read ${result.long_read.long_tasks_after_paint.map((l) => (l.length ? l.map(ms).join(', ') : 'none')).join(' · ')}.

Each step is a task of its own (the spans include the browser's turns between them): the seed is read by \`seed-read\`, the masthead is adopted by \`adopted-top\`, the page by \`adopted\`, and the effects and loads held back meanwhile have run by \`live\`.
`);
console.log(JSON.stringify({ blocking_ms: result.blocking_ms, steps_ms: result.steps_ms, long_read: { blocking_ms: longRead.blocking_ms, steps_ms: longRead.steps_ms } }, null, 2));
