// WordPress import benchmark: a WordPress seeded with 1,000 posts (each with
// its image) and 10,000 comments (tests/wordpress/seed-bench.php, cached
// under .scratch/ after the first seeding), imported over loopback by the
// release build of `publish import-wordpress`: wall time, requests made and
// peak memory (GNU time), then a re-run with nothing changed (from the
// cache). Writes bench/results-import.json and its section of bench/RESULTS.md.
//
//   node scripts/bench-import.mjs [--posts 1000] [--comments 10000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWordPress } from './wordpress.mjs';
import { writeSection } from './bench-section.mjs';

const root = new URL('../', import.meta.url).pathname;
const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => (a.startsWith('--') ? [...p, [a.slice(2), all[i + 1]]] : p), []));
const posts = Number(args.posts ?? 1000);
const comments = Number(args.comments ?? 10000);

execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'publish'], { cwd: root, stdio: 'inherit' });
const bin = join(root, 'target/release/publish');
const seedStart = Date.now();
const wp = await startWordPress({
  seed: join(root, 'tests/wordpress/seed-bench.php'), host: '127.0.0.18', port: 8018,
  env: { LINERNOTES_BENCH_POSTS: String(posts), LINERNOTES_BENCH_COMMENTS: String(comments) },
  log: (l) => console.log(String(l).trim()),
});
const ready = (Date.now() - seedStart) / 1000;
const dir = mkdtempSync(join(tmpdir(), 'linernotes-bench-import-'));
mkdirSync(join(dir, 'public/content/articles'), { recursive: true });


function timed(extra = []) {
  let stderr;
  try {
    const res = execFileSync('sh', ['-c', `"$@" 2>&1 1>/dev/null`, 'sh', '/usr/bin/time', '-v', bin, 'import-wordpress', '--rest', wp.url,
      '--out', join(dir, 'public'), '--report', join(dir, 'report.json'), '--cache', join(dir, 'cache'), '--isso-db', join(dir, 'comments.db'), ...extra],
    { encoding: 'utf8', maxBuffer: 1 << 26 });
    stderr = res;
  } catch (err) {
    throw new Error(`import failed: ${err.stdout}${err.stderr}`);
  }
  const wall = stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const rss = stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  return { wall_s: seconds, peak_mb: rss ? Math.round(Number(rss[1]) / 102.4) / 10 : NaN, requests: report.requests, cache_hits: report.cache_hits,
    articles: report.articles, images_downloaded: report.images_downloaded, comments_imported: report.comments_imported, comments_updated: report.comments_updated };
}

let result;
try {
  const first = timed();
  const again = timed();
  result = { date: new Date().toISOString(), posts, comments, wordpress_ready_s: ready, first, rerun_from_cache: again };
} finally {
  await wp.stop();
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(join(root, 'bench/results-import.json'), JSON.stringify(result, null, 2) + '\n');
const f = result.first;
const r = result.rerun_from_cache;
writeSection('wordpress-import', `## WordPress import

\`node scripts/bench-import.mjs\` (${result.date.slice(0, 10)}): a stock Debian WordPress on loopback with ${posts} posts (each with its image) and ${comments} comments, imported over REST by the release build of \`publish import-wordpress\` (one run each; aim: under 120 s and 300 MB, re-run under 10 s).

| run | wall time | peak memory | requests | from the cache | articles | images downloaded | comments |
|---|---|---|---|---|---|---|---|
| first import | ${f.wall_s.toFixed(1)} s | ${f.peak_mb} MB | ${f.requests} | ${f.cache_hits} | ${f.articles} | ${f.images_downloaded} | ${f.comments_imported} new |
| re-run, nothing changed | ${r.wall_s.toFixed(1)} s | ${r.peak_mb} MB | ${r.requests} | ${r.cache_hits} | ${r.articles} | ${r.images_downloaded} | ${r.comments_updated} updated, ${r.comments_imported} new |
`);
console.log(JSON.stringify(result, null, 2));
