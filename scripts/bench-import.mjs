// WordPress import benchmark: a WordPress seeded with 1,000 posts (each with
// its own image) and 10,000 comments (tests/wordpress/seed-bench.php, cached
// under .scratch/ after the first seeding), imported over loopback by the
// release build of `publish import-wordpress`: wall time, CPU time, requests
// made and peak memory (GNU time), then a re-run with nothing changed (from
// the cache). Each of `--runs` rounds starts from an empty folder, cache and
// Isso database; medians, with the range. The machine's load average is
// recorded too: wall times on a shared machine follow it.
// Writes bench/results-import.json and its section of bench/RESULTS.md.
//
//   node scripts/bench-import.mjs [--runs 3] [--posts 1000] [--comments 10000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWordPress } from './wordpress.mjs';
import { writeSection } from './bench-section.mjs';
import { median } from './bench-stats.mjs';
import { options } from './args.mjs';

const root = new URL('../', import.meta.url).pathname;
const args = options();
const posts = Number(args.posts ?? 1000);
const comments = Number(args.comments ?? 10000);
const RUNS = Number(args.runs ?? 3);
const TIME = '/usr/bin/time';

try {
  execFileSync(TIME, ['-v', 'true'], { stdio: 'ignore' });
} catch {
  throw new Error('GNU time is missing (/usr/bin/time): run scripts/setup.sh');
}
execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'publish'], { cwd: root, stdio: 'inherit' });
const bin = join(root, 'target/release/publish');
const seedStart = Date.now();
const wp = await startWordPress({
  seed: join(root, 'tests/wordpress/seed-bench.php'), host: '127.0.0.18', port: 8018,
  env: { LINERNOTES_BENCH_POSTS: String(posts), LINERNOTES_BENCH_COMMENTS: String(comments) },
  log: (l) => console.log(String(l).trim()),
});
const ready = (Date.now() - seedStart) / 1000;

/** One import into `dir`, under GNU time. */
function timed(dir) {
  let out;
  try {
    out = execFileSync('sh', ['-c', '"$@" 2>&1 1>/dev/null', 'sh', TIME, '-v', bin, 'import-wordpress', '--rest', wp.url,
      '--out', join(dir, 'public'), '--report', join(dir, 'report.json'), '--cache', join(dir, 'cache'), '--isso-db', join(dir, 'comments.db')],
    { encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (err) {
    throw new Error(`import failed: ${err.stdout}${err.stderr}`);
  }
  const field = (re) => Number(out.match(re)?.[1] ?? NaN);
  const wall = out.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  return {
    wall_s: wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN,
    cpu_s: Math.round((field(/User time \(seconds\): ([\d.]+)/) + field(/System time \(seconds\): ([\d.]+)/)) * 100) / 100,
    peak_mb: Math.round(field(/Maximum resident set size \(kbytes\): (\d+)/) / 102.4) / 10,
    requests: report.requests, cache_hits: report.cache_hits, articles: report.articles, images_downloaded: report.images_downloaded,
    comments_imported: report.comments_imported, comments_updated: report.comments_updated, redirects: report.redirects,
    load_average: Math.round(loadavg()[0] * 10) / 10,
  };
}

const rounds = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'linernotes-bench-import-'));
    try {
      mkdirSync(join(dir, 'public/content/articles'), { recursive: true });
      const first = timed(dir);
      const again = timed(dir);
      rounds.push({ first, rerun_from_cache: again });
      console.log(`round ${i + 1}/${RUNS}`, JSON.stringify(rounds.at(-1)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await wp.stop();
}

const summary = (kind) => Object.fromEntries(['wall_s', 'cpu_s', 'peak_mb', 'load_average'].map((k) => {
  const xs = rounds.map((r) => r[kind][k]);
  return [k, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }];
}));
const result = {
  date: new Date().toISOString(), posts, comments, runs: RUNS, wordpress_ready_s: ready,
  medians: { first: summary('first'), rerun_from_cache: summary('rerun_from_cache') },
  rounds,
};
writeFileSync(join(root, 'bench/results-import.json'), JSON.stringify(result, null, 2) + '\n');
const f = rounds[0].first;
const r = rounds[0].rerun_from_cache;
const cell = (s, unit = '') => `${s.median}${unit} (${s.min}–${s.max})`;
const n = (x) => x.toLocaleString('en-US');
const m = result.medians;
writeSection('wordpress-import', `## WordPress import

\`node scripts/bench-import.mjs\` (${result.date.slice(0, 10)}): a stock Debian WordPress on loopback with ${n(posts)} posts (each with its own image) and ${n(comments)} comments, imported over REST by the release build of \`publish import-wordpress\` into an empty folder, cache and Isso database, then again with nothing changed. Medians of ${RUNS} rounds (range in brackets); aim: under 120 s and 300 MB, the re-run under 10 s. Wall time on this shared 2-core machine follows its load (the 1-minute load average is in the table); CPU time does not.

| run | wall time | CPU time | peak memory | load average |
|---|---|---|---|---|
| first import | ${cell(m.first.wall_s, ' s')} | ${cell(m.first.cpu_s, ' s')} | ${cell(m.first.peak_mb, ' MB')} | ${cell(m.first.load_average)} |
| re-run, nothing changed | ${cell(m.rerun_from_cache.wall_s, ' s')} | ${cell(m.rerun_from_cache.cpu_s, ' s')} | ${cell(m.rerun_from_cache.peak_mb, ' MB')} | ${cell(m.rerun_from_cache.load_average)} |

Each round: the first import made ${n(f.requests)} requests (listings of posts, media and comments, 100 a page, and one per image) and wrote ${n(f.articles)} articles, ${n(f.images_downloaded)} images, ${n(f.comments_imported)} comments into Isso and ${n(f.redirects)} redirects; most of its wall time is WordPress answering (the importer's own CPU time is the second column). The re-run made ${n(r.requests)} requests (${n(r.cache_hits)} answers from the cache), downloaded ${n(r.images_downloaded)} images and updated ${n(r.comments_updated)} comments in place, adding ${n(r.comments_imported)}.
`);
console.log(JSON.stringify(result.medians, null, 2));
