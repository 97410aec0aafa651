// Search at scale, for the benchmark: 5,000 generated articles, indexed by
// the publisher tool, measured as files (raw and brotli, and what a query
// loads) and as query time on the /search page in Chromium.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { serve } from './serve.mjs';
import { launch, goLive } from '../e2e/browser.mjs';
import { random } from './bench-stats.mjs';

const root = new URL('../', import.meta.url).pathname;


const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'sa', 'to', 'vel', 'qua', 'dor', 'ni', 'bel', 'fa', 'gri', 'hon', 'jul', 'ze', 'pra', 'wen', 'yo', 'stu'];
const REAL = ['album', 'single', 'chorus', 'guitar', 'piano', 'drums', 'ballad', 'tour', 'festival', 'record', 'vinyl', 'studio', 'producer', 'lyrics', 'melody', 'night', 'city', 'summer', 'film', 'dance', 'live', 'review', 'debut', 'band', 'singer'];
const ARTISTS_EXTRA = ['Beyoncé', 'Sigur Rós', 'Björk', 'Mötley Crüe', '방탄소년단', '宇多田ヒカル', 'シグナル', 'Rosalía', 'Céline Dion', 'Ólafur Arnalds'];

export function generateCorpus(dir, count = 5000) {
  const next = random(42);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const word = () => (next() < 0.35 ? pick(REAL) : Array.from({ length: 2 + Math.floor(next() * 2) }, () => pick(SYLLABLES)).join(''));
  const words = (n) => Array.from({ length: n }, word).join(' ');
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const artists = [...ARTISTS_EXTRA, ...Array.from({ length: 600 }, () => `${cap(word())} ${cap(word())}`)];
  const sections = [['news', 'News'], ['featured', 'Featured'], ['discovery', 'Discovery'], ['reviews', 'Reviews']];
  mkdirSync(join(dir, 'articles'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const [slug, name] = pick(sections);
    const day = new Date(Date.UTC(2010, 0, 1) + Math.floor(next() * 15 * 365) * 86400000).toISOString().slice(0, 10);
    const body = [];
    for (let p = 0; p < 8; p++) body.push({ type: 'paragraph', id: `p${p}`, content: [{ text: `${cap(words(55))}. ${next() < 0.2 ? pick(artists) : ''}` }] });
    body.splice(3, 0, { type: 'heading', id: 'h1', level: 2, text: cap(words(5)) });
    const article = {
      schema: 1, slug: `story-${i}`, title: `${cap(words(4))}: ${pick(artists)} ${words(3)}`,
      dek: cap(words(16)), category: { slug, name }, tags: [pick(artists), pick(artists), pick(REAL)],
      authors: [{ name: `${cap(word())} ${cap(word())}` }], published: `${day}T12:00:00Z`, body,
    };
    writeFileSync(join(dir, 'articles', `${article.slug}.json`), JSON.stringify(article));
  }
}

const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const QUERIES = ['ballad', 'film', 'beyonce', 'sigur ros', 'guitar piano', 'kalo', 'fest', 'シグナル', '탄소년', 'studio night'];

export async function searchBench({ runs, summary }) {
  const base = mkdtempSync(join(tmpdir(), 'linernotes-search-bench-'));
  const content = join(base, 'content');
  try {
    execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'publish'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const started = performance.now();
    generateCorpus(content);
    const generated = performance.now();
    execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'publish', '--', 'index', content], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const indexed = performance.now();

    const files = readdirSync(join(content, 'search')).map((name) => {
      const body = readFileSync(join(content, 'search', name));
      return { name, raw: body.length, brotli: brotli(body) };
    });
    const sum = (xs, k) => xs.reduce((s, f) => s + f[k], 0);
    const terms = files.filter((f) => f.name.startsWith('terms-'));
    const docs = files.filter((f) => f.name.startsWith('docs-'));
    const largest = terms.reduce((a, b) => (b.brotli > a.brotli ? b : a));

    // Query time as the reader meets it: the /search page's form, from
    // submit to the count of results on screen; the first query of a visit
    // also fetches the files it needs, a repeated one does not.
    const app = await serve({ dir: join(root, 'dist'), overlay: base });
    const browser = await launch();
    const cold = [];
    const warm = [];
    const loaded = [];
    try {
      for (let run = 0; run < runs; run++) {
        for (const query of QUERIES) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          const bytes = [];
          page.on('response', async (r) => {
            if (r.url().includes('/content/search/')) bytes.push(Number((await r.headerValue('content-length')) ?? 0));
          });
          await goLive(page, app.url + 'search');
          for (const target of [cold, warm]) {
            const took = await page.evaluate(async (q) => {
              const input = document.getElementById('search-page-input');
              input.value = q;
              const start = performance.now();
              input.form.requestSubmit();
              await new Promise((done) => {
                const check = () => {
                  const heading = document.querySelector('h1')?.textContent ?? '';
                  const settled = document.querySelector('.search-page__count, .search-page__none');
                  if (heading.includes(q) && settled) done();
                  else requestAnimationFrame(check);
                };
                check();
              });
              const took = performance.now() - start;
              // Leave the page, so the repeat is a fresh render of cached files.
              history.back();
              await new Promise((done) => setTimeout(done, 50));
              return took;
            }, query);
            target.push(took);
          }
          if (run === 0) loaded.push({ query, files: bytes.length, brotli_bytes: bytes.reduce((a, b) => a + b, 0) });
          await context.close();
        }
      }
    } finally {
      await browser.close();
      await app.close();
    }
    return {
      articles: 5000,
      generate_ms: Math.round(generated - started),
      publish_index_ms: Math.round(indexed - generated),
      files: files.length,
      total_raw: sum(files, 'raw'),
      total_brotli: sum(files, 'brotli'),
      manifest_brotli: files.find((f) => f.name === 'index.json')?.brotli,
      term_files: terms.length,
      largest_term_file: largest,
      doc_files: docs.length,
      doc_file_brotli_median: summary(docs.map((d) => d.brotli)).median,
      loaded_per_query: loaded,
      query_ms_first_in_visit: summary(cold),
      query_ms_repeated: summary(warm),
      queries: QUERIES,
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
