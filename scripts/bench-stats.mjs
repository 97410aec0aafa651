// What the benchmark scripts share: the median of their runs, a seeded
// random generator (every run offers the same mix), and one Lighthouse run.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../', import.meta.url).pathname;

/** The median of the numbers in `xs` (nulls left out); null when there are none. */
export function median(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A small deterministic generator of numbers in [0, 1) (mulberry32). */
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One Lighthouse run (13.5, mobile preset, Debian's Chromium) of `url`, its
 * report parsed; Lighthouse is installed on first use. Asynchronous: a server
 * under test may run in the calling process and must keep answering.
 */
export async function lighthouse(url, categories = ['performance']) {
  const bin = join(root, 'node_modules/.bin/lighthouse');
  if (!existsSync(bin)) execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', 'lighthouse@13.5.0'], { cwd: root, stdio: 'inherit' });
  const { stdout } = await promisify(execFile)(bin, [url, '--quiet', '--output=json', `--only-categories=${categories.join(',')}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync'],
  { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 2 ** 20, timeout: 180000 });
  return JSON.parse(String(stdout));
}

/**
 * What Lighthouse's simulation of the largest paint waits for: one run of
 * `url` with Lantern's own traces kept (LANTERN_DEBUG), read back as the
 * requests of the optimistic and pessimistic graphs, each with its
 * simulated start and end (ms from navigation). The estimate Lighthouse
 * reports is the mean of the two graphs' ends.
 */
export async function lanternLcpGraph(url) {
  const bin = join(root, 'node_modules/.bin/lighthouse');
  const dir = mkdtempSync(join(tmpdir(), 'linernotes-lantern-'));
  try {
    await promisify(execFile)(bin, [url, '--quiet', '--output=json', `--output-path=${join(dir, 'lh.json')}`, '--save-assets', '--only-categories=performance',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync'],
    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium', LANTERN_DEBUG: '1' }, maxBuffer: 64 * 2 ** 20, timeout: 180000 });
    const report = JSON.parse(readFileSync(join(dir, 'lh.json'), 'utf8'));
    const graph = (kind) => {
      const events = JSON.parse(readFileSync(join(dir, `lh-${kind}LargestContentfulPaint.trace.json`), 'utf8')).traceEvents;
      const t0 = 1e9; // Lantern's traces start the simulated navigation here (µs).
      const requests = new Map();
      for (const e of events) {
        const id = e.args?.data?.requestId;
        if (e.name === 'ResourceSendRequest') requests.set(id, { path: e.args.data.url.replace(/^https?:\/\/[^/]+/, ''), priority: e.args.data.priority, start: (e.ts - t0) / 1000 });
        if (e.name === 'ResourceFinish' && requests.has(id)) requests.get(id).end = (e.ts - t0) / 1000;
      }
      return [...requests.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    };
    return { lcp_ms: report.audits['largest-contentful-paint'].numericValue, optimistic: graph('optimistic'), pessimistic: graph('pessimistic') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
