// Starts a real Isso comment server on loopback, with its database in a
// scratch directory, for the dev command and the tests. Stops it on exit.
//
//   node scripts/isso.mjs --port 8081 --origin http://127.0.0.1:8000
//
// From a test: const isso = await startIsso({ origin }); … await isso.stop();

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const ISSO = join(root, '.venv/bin/isso');

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

async function waitUntilUp(url, child, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`isso exited (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(url + '/config');
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`isso did not start at ${url}`);
}

/**
 * Starts Isso. `origin` may be one origin or a list (space-separated in the
 * config). Keeps the same database across `restart()`.
 */
export async function startIsso({ origin, port, dir, ratelimit = 1000, moderated = false } = {}) {
  if (!existsSync(ISSO)) throw new Error('Isso is not installed: run scripts/setup.sh');
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
  const start = async () => {
    if (running()) return;
    child = spawn(ISSO, ['-c', cfgPath, 'run'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => log.push(String(d)));
    child.stderr.on('data', (d) => log.push(String(d)));
    await waitUntilUp(url, child);
  };
  const stop = () =>
    new Promise((done) => {
      if (!running()) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  await start();
  return { url, port, dir, db: join(dir, 'comments.db'), log, stop, restart: start };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
  );
  const isso = await startIsso({ origin: args.origin ?? 'http://127.0.0.1:8000', port: Number(args.port ?? 8081), ratelimit: 10 });
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
