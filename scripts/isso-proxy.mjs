// Isso behind the caching proxy of deploy/nginx/, on loopback, for the tests
// and the viral-article benchmark: Debian's nginx, run from a scratch
// directory with the deploy/ files filled in, in front of a real Isso from
// scripts/isso.mjs. Stops both on exit.
//
//   node scripts/isso-proxy.mjs --origin http://127.0.0.1:8000 [--port 8082] [--ttl 5] [--workers 4]
//
// From a test:
//   const proxy = await startIssoBehindCache({ origin, ttl: 30 });
//   proxy.url          the comment server as the page sees it (nginx)
//   proxy.isso         the Isso behind it (url, db, stop, restart, pids)
//   proxy.refuse(429)  every POST now gets 429 (or 503) from nginx with
//                      Retry-After; proxy.refuse(null) lets them through again
//   await proxy.stop()

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, processTree, startIsso, stopOnExit } from './isso.mjs';
import { writeNginxConfig } from './nginx.mjs';

const root = new URL('../', import.meta.url).pathname;
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

/** Fills a deploy/nginx template the way scripts/isso.mjs fills isso/isso.cfg. */
function fill(file, values) {
  let text = readFileSync(join(root, 'deploy/nginx', file), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`@${key}@`, value);
  const left = text.match(/@[A-Z_]+@/);
  if (left) throw new Error(`deploy/nginx/${file}: no value for ${left[0]}`);
  return text;
}

/** The comment cache's part of nginx's settings. */
function httpConfig({ dir, port }) {
  return `    include ${dir}/isso-http.conf;
    server {
        listen 127.0.0.1:${port};
        # Test switch: while one of these files exists, every POST is refused
        # the way an overloaded proxy refuses it.
        set $refuse "";
        if (-f ${dir}/refuse-429) { set $refuse 429; }
        if (-f ${dir}/refuse-503) { set $refuse 503; }
        if ($request_method != POST) { set $refuse ""; }
        if ($refuse = 429) { return 429; }
        if ($refuse = 503) { return 503; }
        include ${dir}/isso-server.conf;
    }`;
}

async function waitUntilUp(url, child, log, ms = 15000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}): ${log.join('')}`);
    }
    try {
      const res = await fetch(`${url}/config`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not start at ${url}: ${log.join('')}`);
}

/**
 * Starts Isso (with `issoOptions`, e.g. `{ workers: 4 }` for the production
 * way) and nginx in front of it with deploy/nginx/. `origin` is one origin or
 * a list; `ttl` the seconds a read stays fresh; `retryAfter` what a 429/503
 * says; `nginxWorkers` nginx's worker processes.
 */
export async function startIssoBehindCache({ origin, ttl = 5, retryAfter = 30, port, issoOptions = {}, nginxWorkers = 1 } = {}) {
  if (!NGINX) throw new Error('nginx is not installed: run scripts/setup.sh');
  const origins = Array.isArray(origin) ? origin : [origin];
  const isso = await startIsso({ origin: origins, ...issoOptions });
  const dir = mkdtempSync(join(tmpdir(), 'linernotes-proxy-'));
  port ??= await freePort();
  writeFileSync(
    join(dir, 'isso-http.conf'),
    fill('isso-http.conf', {
      ISSO: `127.0.0.1:${isso.port}`,
      CACHE_DIR: join(dir, 'cache'),
      TTL: String(ttl),
      RETRY_AFTER: String(retryAfter),
      ORIGINS: origins.map((o) => `"${o}" $http_origin;`).join('\n    '),
    }),
  );
  writeFileSync(join(dir, 'isso-server.conf'), fill('isso-server.conf', { TTL: String(ttl) }));
  writeNginxConfig({ dir, workers: nginxWorkers, connections: 4096, http: httpConfig({ dir, port }) });

  const url = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stopOnExit(child);
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  const running = () => child.exitCode === null && child.signalCode === null;
  try {
    await waitUntilUp(url, child, log);
  } catch (error) {
    if (running()) child.kill('SIGTERM');
    await isso.stop();
    throw error;
  }

  return {
    url,
    port,
    dir,
    isso,
    log,
    /** nginx's processes: the master and its workers. */
    pids: () => (running() ? processTree(child.pid) : []),
    /** Makes nginx refuse every POST with `status` (429 or 503); null stops refusing. */
    refuse(status) {
      for (const code of [429, 503]) rmSync(join(dir, `refuse-${code}`), { force: true });
      if (status === 429 || status === 503) writeFileSync(join(dir, `refuse-${status}`), '');
      else if (status !== null) throw new Error(`refuse() takes 429, 503 or null, not ${status}`);
    },
    async stop() {
      if (running()) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await isso.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(isso.dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv
      .slice(2)
      .reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
  );
  const proxy = await startIssoBehindCache({
    origin: args.origin ?? 'http://127.0.0.1:8000',
    port: args.port === undefined ? undefined : Number(args.port),
    ttl: Number(args.ttl ?? 5),
    issoOptions: { ratelimit: 10, workers: args.workers === undefined ? undefined : Number(args.workers) },
  });
  console.log(`isso at ${proxy.isso.url}, behind the cache at ${proxy.url} (database ${proxy.isso.db})`);
  const quit = async () => {
    await proxy.stop();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
