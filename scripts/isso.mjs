// Starts a real Isso comment server on loopback, with its database in a
// scratch directory, for the dev command and the tests. Stops it on exit.
//
//   node scripts/isso.mjs --port 8081 --origin http://127.0.0.1:8000 [--workers 4]
//
// From a test: const isso = await startIsso({ origin }); … await isso.stop();
//
// By default Isso runs the way `isso run` does (one process, Werkzeug's
// threaded server). With `workers: N` it runs as deploy/ ships it for
// production: gunicorn with N pre-forked workers, loaded once with
// `--preload` through deploy/gunicorn/isso_wsgi.py (which gives the workers
// one shared write lock; Isso's own `isso.run` does not), on a database in
// SQLite's WAL mode.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { options } from './args.mjs';

const root = new URL('../', import.meta.url).pathname;
const ISSO = join(root, '.venv/bin/isso');
const GUNICORN = join(root, '.venv/bin/gunicorn');

// Servers started from this process, stopped with it even when it ends
// abruptly (an uncaught error, a closed pipe), so none is left behind.
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** Tracks a server process until it exits; see above. */
export function stopOnExit(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitUntilUp(url, child, log, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`isso exited (${child.exitCode ?? child.signalCode}): ${log.join('').slice(-2000)}`);
    }
    try {
      const res = await fetch(url + '/config');
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`isso did not start at ${url}`);
}

/**
 * Puts an SQLite database file in write-ahead-log mode (creating the file if
 * needed). The mode is stored in the file, so every connection Isso opens
 * later uses it: readers no longer wait for a writer.
 */
export function useWal(file) {
  const [[mode]] = queryDb(file, 'PRAGMA journal_mode=WAL');
  if (mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${file} (journal mode is ${mode})`);
}

/** The process ids of a process and all its descendants, from /proc. */
export function processTree(pid) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: read after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/**
 * Starts Isso. `origin` may be one origin or a list (space-separated in the
 * config). Keeps the same database across `restart()`. `workers` switches to
 * the production way (gunicorn, WAL); see the header.
 */
export async function startIsso({ origin, port, dir, ratelimit = 1000, moderated = false, workers } = {}) {
  if (!existsSync(ISSO)) throw new Error('Isso is not installed: run scripts/setup.sh');
  if (workers !== undefined && !existsSync(GUNICORN)) throw new Error('gunicorn is not installed: run scripts/setup.sh');
  dir ??= mkdtempSync(join(tmpdir(), 'linernotes-isso-'));
  port ??= await freePort();
  const origins = Array.isArray(origin) ? origin.join('\n    ') : origin;
  let cfg = readFileSync(join(root, 'isso/isso.cfg'), 'utf8')
    .replaceAll('@DBPATH@', join(dir, 'comments.db'))
    .replaceAll('@ORIGIN@', origins)
    .replaceAll('@PORT@', String(port))
    .replaceAll('@RATELIMIT@', String(ratelimit));
  if (moderated) cfg = cfg.replace('[moderation]\n# true: new comments wait for approval and the page says "awaiting moderation".\nenabled = false', '[moderation]\nenabled = true');
  const cfgPath = join(dir, 'isso.cfg');
  writeFileSync(cfgPath, cfg);
  const url = `http://127.0.0.1:${port}`;
  let child;
  const log = [];
  const running = () => child && child.exitCode === null && child.signalCode === null;
  const db = join(dir, 'comments.db');
  if (workers !== undefined) useWal(db);
  const start = async () => {
    if (running()) return;
    child =
      workers === undefined
        ? spawn(ISSO, ['-c', cfgPath, 'run'], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(GUNICORN, ['--bind', `127.0.0.1:${port}`, '--workers', String(workers), '--preload', '--pythonpath', join(root, 'deploy/gunicorn'), 'isso_wsgi:application'], {
            stdio: ['ignore', 'pipe', 'pipe'],
            cwd: dir,
            env: { ...process.env, ISSO_SETTINGS: cfgPath },
          });
    stopOnExit(child);
    child.stdout.on('data', (d) => log.push(String(d)));
    child.stderr.on('data', (d) => log.push(String(d)));
    await waitUntilUp(url, child, log);
  };
  const stop = () =>
    new Promise((done) => {
      if (!running()) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  await start();
  /** Isso's processes now: the server and, under gunicorn, its workers. */
  const pids = () => (running() ? processTree(child.pid) : []);
  return { url, port, dir, db, log, stop, restart: start, pids };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = options();
  const isso = await startIsso({
    origin: args.origin ?? 'http://127.0.0.1:8000',
    port: Number(args.port ?? 8081),
    ratelimit: 10,
    workers: args.workers === undefined ? undefined : Number(args.workers),
  });
  console.log(`isso comment server at ${isso.url} (database ${isso.db})`);
  const quit = async () => { await isso.stop(); process.exit(0); };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

/** Runs SQL against an Isso database file; returns the rows. */
export function queryDb(file, sql) {
  const out = execFileSync('python3', ['-c', `
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
rows = con.execute(sys.argv[2]).fetchall()
con.commit()
print(json.dumps(rows))`, file, sql]);
  return JSON.parse(String(out));
}
