// The dev loop's latency: from saving an article to the open page showing
// the change (scripts/live.mjs on a copy of dist/ and of the content), for
// a Markdown and a JSON article, and how long the update itself takes
// (compile and index, copy, prerender). Written to bench/live.json and
// bench/LIVE.md. Not a test: a shared machine's timings are noisy, so the
// figures are medians with their spread.
//
//   node scripts/bench-live.mjs [--runs 9]      (after scripts/build.sh)

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startLive } from './live.mjs';
import { launch, openPage } from '../e2e/browser.mjs';
import { median } from './bench-stats.mjs';
import { options } from './args.mjs';

const root = new URL('../', import.meta.url).pathname;
const args = options();
const RUNS = Number(args.runs ?? 9);

const summary = (xs) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)), runs: xs.length });

const dist = mkdtempSync(join(tmpdir(), 'linernotes-bench-dist-'));
const sources = mkdtempSync(join(tmpdir(), 'linernotes-bench-sources-'));
cpSync(join(root, 'dist'), dist, { recursive: true });
cpSync(join(root, 'public/content'), join(sources, 'content'), { recursive: true });
cpSync(join(root, 'public/images'), join(sources, 'images'), { recursive: true });
const live = await startLive({ dir: dist, content: join(sources, 'content'), images: join(sources, 'images'), log: () => {} });
const browser = await launch();

/** Saves `file` with `change(text, n)` and measures until `expected(n)` is on the page. */
async function measure(path, file, change, expected) {
  const tab = await openPage(browser);
  const shown = [];
  const updates = [];
  const full = join(sources, 'content/articles', file);
  const original = readFileSync(full, 'utf8');
  try {
    await tab.page.goto(`${live.url}${path}`);
    await tab.page.locator('#app[data-app="live"]').waitFor({ state: 'attached' });
    // One update first, so that every measured run finds the tools warm.
    for (let n = 0; n <= RUNS; n++) {
      const build = live.nextBuild();
      const saved = performance.now();
      writeFileSync(full, change(original, n));
      await tab.page.getByText(expected(n)).first().waitFor({ timeout: 60_000 });
      const elapsed = performance.now() - saved;
      const result = await build;
      if (n > 0) {
        shown.push(elapsed);
        updates.push(result.ms);
      }
    }
  } finally {
    writeFileSync(full, original);
    await live.nextBuild();
    await tab.close();
  }
  return { save_to_page_ms: summary(shown), update_ms: summary(updates) };
}

const loadBefore = loadavg()[0];
const results = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`,
  runs: RUNS,
  markdown: await measure(
    'article/film-out',
    'film-out.md',
    (text, n) => text.replace('## A slow song about someone who stays', `## A slow song about someone who stays, take ${n}`),
    (n) => `A slow song about someone who stays, take ${n}`,
  ),
  json: await measure(
    'article/night-bus-sessions',
    'night-bus-sessions.json',
    (text, n) => text.replace('"title": "Night Bus Sessions: songs written between stops"', `"title": "Night Bus Sessions, take ${n}"`),
    (n) => `Night Bus Sessions, take ${n}`,
  ),
};

results.load_average = { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0] * 10) / 10 };
await browser.close();
await live.close();
rmSync(dist, { recursive: true, force: true });
rmSync(sources, { recursive: true, force: true });

writeFileSync(join(root, 'bench/live.json'), JSON.stringify(results, null, 2) + '\n');
const row = (name, r) => `| ${name} | ${r.save_to_page_ms.median} (${r.save_to_page_ms.min}–${r.save_to_page_ms.max}) | ${r.update_ms.median} (${r.update_ms.min}–${r.update_ms.max}) |`;
writeFileSync(join(root, 'bench/LIVE.md'), `# Dev loop latency

Written by \`node scripts/bench-live.mjs\` on ${results.date}.
Machine: ${results.machine}; load average ${results.load_average.before} before, ${results.load_average.after} after (other work on the machine slows every figure).
Method: scripts/live.mjs serving a copy of dist/ with a copy of the content; an
open Chromium page of the article; each run saves a change to the article and
waits until the page shows it (the loop compiles and indexes with \`publish
index\`, copies the content, prerenders as scripts/prerender.sh does, and the
page reloads itself). ${RUNS} runs after one warm-up; median (min–max), ms.

| saved file | save → change on the page | the update itself |
|---|---|---|
${row('Markdown (film-out.md)', results.markdown)}
${row('JSON (night-bus-sessions.json)', results.json)}
`);
console.log(readFileSync(join(root, 'bench/LIVE.md'), 'utf8'));
