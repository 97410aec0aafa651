// Starts a stock WordPress (Debian's `wordpress` package) on loopback for
// the import tests and benchmarks: its own MariaDB, php-fpm and nginx, run
// from a scratch folder, installed through the same POST the install screen
// sends and seeded by a PHP script that uses WordPress's own API (never
// hand-written SQL). Stops everything on `stop()`.
//
//   node scripts/wordpress.mjs [--seed tests/wordpress/seed.php] [--host 127.0.0.17] [--port 8017]
//
// From a test: const wp = await startWordPress(); … await wp.stop();
//
// A seeded site is cached under .scratch/wordpress/ (the database files and
// the uploads, after a clean shutdown), keyed by the hash of the seed
// script, its helpers and this file: the next start copies it back instead
// of seeding again, and a new key replaces the seed script's older copy.
// The site's origin is part of the key, because WordPress writes absolute
// URLs into posts.

import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeNginxConfig } from './nginx.mjs';
import { options } from './args.mjs';

const root = new URL('../', import.meta.url).pathname;
const CORE = '/usr/share/wordpress';
const SCRATCH = join(root, '.scratch/wordpress');
const SUPPORT = join(root, 'tests/wordpress');
const TOOLS = ['mariadbd', 'mariadb-install-db', 'php-fpm8.2', 'nginx', 'php'];

function which(tool) {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) if (existsSync(join(dir, tool))) return join(dir, tool);
  return null;
}

async function waitFor(check, what, child, ms = 30000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode})`);
    try { if (await check()) return; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start`);
}

/** The WordPress core files, copied once (our own wp-config.php reads the run's settings). */
function core() {
  const version = readFileSync(join(CORE, 'wp-includes/version.php'), 'utf8').match(/\$wp_version = '([^']+)'/)?.[1] ?? 'unknown';
  const www = join(SCRATCH, `core-${version}`);
  if (!existsSync(join(www, 'wp-config.php'))) {
    rmSync(www, { recursive: true, force: true });
    mkdirSync(www, { recursive: true });
    for (const entry of readdirSync(CORE)) {
      if (entry === 'wp-content' || entry === 'wp-config.php') continue;
      cpSync(join(CORE, entry), join(www, entry), { recursive: true, dereference: true });
    }
    writeFileSync(join(www, 'wp-config.php'), `<?php
// Each running copy keeps its settings in its own run folder.
$linernotes_run = $_SERVER['LINERNOTES_WP_RUN'] ?? getenv('LINERNOTES_WP_RUN');
require $linernotes_run . '/config.php';
require_once ABSPATH . 'wp-settings.php';
`);
  }
  return www;
}

function seedKey(seed, origin, extra) {
  const hash = createHash('sha256');
  hash.update(readFileSync(new URL(import.meta.url)));
  for (const file of readdirSync(SUPPORT).sort()) hash.update(file).update(readFileSync(join(SUPPORT, file)));
  hash.update(readFileSync(seed)).update(origin).update(JSON.stringify(extra));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Starts WordPress at http://host:port/, seeded by `seed` (a PHP file that
 * runs with WordPress loaded). `env` is passed to the seed script (and is
 * part of the cache key).
 */
export async function startWordPress({ seed = join(SUPPORT, 'seed.php'), host = '127.0.0.17', port = 8017, env = {}, log = () => {} } = {}) {
  const missing = TOOLS.filter((t) => !which(t));
  if (missing.length || !existsSync(join(CORE, 'wp-load.php'))) {
    throw new Error(`WordPress test stack is not installed (missing: ${[...missing, ...(existsSync(join(CORE, 'wp-load.php')) ? [] : ['wordpress'])].join(', ')}): run scripts/setup.sh`);
  }
  const origin = `http://${host}:${port}`;
  const www = core();
  const run = mkdtempSync(join(tmpdir(), 'linernotes-wp-'));
  const content = join(run, 'wp-content');
  const data = join(run, 'db');
  const sock = join(run, 'mysqld.sock');
  const fpmSock = join(run, 'php-fpm.sock');
  for (const d of [content, join(content, 'mu-plugins'), join(content, 'uploads'), join(run, 'tmp')]) mkdirSync(d, { recursive: true });
  symlinkSync(join(CORE, 'wp-content/themes'), join(content, 'themes'));
  cpSync(join(SUPPORT, 'mu-plugin.php'), join(content, 'mu-plugins/linernotes-test-site.php'));

  writeFileSync(join(run, 'config.php'), `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${sock}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';
define('AUTH_KEY', 'linernotes-test'); define('SECURE_AUTH_KEY', 'linernotes-test');
define('LOGGED_IN_KEY', 'linernotes-test'); define('NONCE_KEY', 'linernotes-test');
define('AUTH_SALT', 'linernotes-test'); define('SECURE_AUTH_SALT', 'linernotes-test');
define('LOGGED_IN_SALT', 'linernotes-test'); define('NONCE_SALT', 'linernotes-test');
if (!defined('ABSPATH')) define('ABSPATH', '${www}/');
define('WP_CONTENT_DIR', '${content}');
define('WP_CONTENT_URL', '${origin}/wp-content');
define('WP_HOME', '${origin}');
define('WP_SITEURL', '${origin}');
// Nothing leaves this machine: no update checks, no pings, no oEmbed lookups.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
// Application passwords over plain HTTP need a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', false);
`);

  const children = [];
  const spawnLogged = (cmd, args, name) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LINERNOTES_WP_RUN: run } });
    const out = [];
    child.stdout.on('data', (d) => out.push(String(d)));
    child.stderr.on('data', (d) => out.push(String(d)));
    child.output = out;
    child.label = name;
    children.push(child);
    return child;
  };
  const stopChild = (child) => new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

  // One cached site per seed script: a new key replaces the older ones.
  const name = `seeded-${basename(seed, '.php')}-`;
  const cached = join(SCRATCH, name + seedKey(seed, origin, env));
  const fresh = !existsSync(join(cached, 'done'));
  if (fresh) {
    execFileSync(which('mariadb-install-db'), ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  } else {
    cpSync(join(cached, 'db'), data, { recursive: true });
    cpSync(join(cached, 'uploads'), join(content, 'uploads'), { recursive: true });
  }
  const startDb = async () => {
    const db = spawnLogged(which('mariadbd'), ['--no-defaults', `--datadir=${data}`, `--socket=${sock}`, '--skip-networking', '--user=root',
      `--pid-file=${join(run, 'mysqld.pid')}`, '--innodb-buffer-pool-size=64M', '--innodb-log-file-size=16M', '--skip-log-bin', '--character-set-server=utf8mb4'], 'mariadbd');
    await waitFor(() => existsSync(sock), 'MariaDB', db);
    return db;
  };
  let db = await startDb();
  const sql = (statement) => execFileSync('mariadb', ['--no-defaults', `--socket=${sock}`, '-uroot', '-e', statement]);
  if (fresh) await waitFor(() => (sql('CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4'), true), 'MariaDB', db);

  writeFileSync(join(run, 'php-fpm.conf'), `[global]
error_log = ${join(run, 'php-fpm.log')}
daemonize = no
[www]
listen = ${fpmSock}
pm = static
pm.max_children = 4
clear_env = no
catch_workers_output = yes
php_admin_value[memory_limit] = 256M
php_admin_value[upload_max_filesize] = 32M
`);
  const fpm = spawnLogged(which('php-fpm8.2'), ['-F', '-R', '-y', join(run, 'php-fpm.conf'), '-p', run], 'php-fpm');
  await waitFor(() => existsSync(fpmSock), 'php-fpm', fpm);

  writeNginxConfig({ dir: run, http: `  client_max_body_size 32m;
  # Compressed as a production WordPress host serves it.
  gzip on;
  gzip_types text/css application/javascript application/json image/svg+xml application/xml text/xml;
  server {
    listen ${host}:${port};
    server_name _;
    root ${www};
    index index.php;
    location /wp-content/ { alias ${content}/; }
    location / { try_files $uri $uri/ /index.php?$args; }
    location ~ \\.php$ {
      include /etc/nginx/fastcgi_params;
      # Debian's fastcgi_params now passes the host without its port, and
      # WordPress then redirects every page to itself: give it the port.
      fastcgi_param HTTP_HOST $host:$server_port;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_param LINERNOTES_WP_RUN ${run};
      fastcgi_pass unix:${fpmSock};
    }
  }` });
  const web = spawnLogged(which('nginx'), ['-p', run, '-e', join(run, 'error.log'), '-c', join(run, 'nginx.conf')], 'nginx');
  await waitFor(async () => (await fetch(`${origin}/wp-includes/version.php`, { redirect: 'manual' })).status > 0, 'nginx', web);

  const php = (file, args = [], extraEnv = {}) => execFileSync(which('php'), ['-d', 'memory_limit=1G', file, ...args], {
    env: { ...process.env, ...env, ...extraEnv, LINERNOTES_WP_RUN: run, LINERNOTES_WP_CORE: www, LINERNOTES_WP_ORIGIN: origin, LINERNOTES_WP_SUPPORT: SUPPORT },
    maxBuffer: 1 << 30,
  });

  if (fresh) {
    // The install screen's own form, as a publisher would submit it.
    const form = new URLSearchParams({
      weblog_title: 'Liner Notes Weekly', user_name: 'editor', admin_password: 'correct-horse-battery-staple',
      admin_password2: 'correct-horse-battery-staple', pw_weak: '1', admin_email: 'editor@linernotes.example',
      blog_public: '0', language: '', Submit: 'Install WordPress',
    });
    const res = await fetch(`${origin}/wp-admin/install.php?step=2`, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const page = await res.text();
    if (!res.ok || !/Success!|already installed/.test(page)) throw new Error(`WordPress install failed (${res.status}): ${page.slice(0, 300)}`);
    const started = Date.now();
    log(String(php(seed)));
    log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // A clean shutdown, then keep the files for the next start.
    await stopChild(db);
    for (const old of existsSync(SCRATCH) ? readdirSync(SCRATCH) : []) {
      if (old.startsWith(name) || /^seeded-[0-9a-f]{16}$/.test(old)) rmSync(join(SCRATCH, old), { recursive: true, force: true });
    }
    mkdirSync(cached, { recursive: true });
    cpSync(data, join(cached, 'db'), { recursive: true });
    cpSync(join(content, 'uploads'), join(cached, 'uploads'), { recursive: true });
    cpSync(join(run, 'facts.json'), join(cached, 'facts.json'));
    writeFileSync(join(cached, 'done'), new Date().toISOString());
    db = await startDb();
  }
  const facts = JSON.parse(readFileSync(join(cached, 'facts.json'), 'utf8'));

  return {
    url: `${origin}/`,
    origin,
    dir: run,
    /** What the seed script recorded (post ids, the application password, …). */
    facts,
    /** Writes WordPress's own export file (Tools → Export, all content) to `file`. */
    exportWxr(file) {
      writeFileSync(file, php(join(SUPPORT, 'export.php')));
      return file;
    },
    /** Runs a PHP file with WordPress loaded (for a test that changes the site). */
    php: (file, args) => String(php(file, args)),
    async stop() {
      for (const child of [...children].reverse()) await stopChild(child);
      rmSync(run, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = options();
  const wp = await startWordPress({
    seed: args.seed ? resolve(args.seed) : undefined,
    host: args.host ?? '127.0.0.17',
    port: Number(args.port ?? 8017),
    log: (line) => console.log(line.trim()),
  });
  console.log(`WordPress at ${wp.url} (admin: editor / correct-horse-battery-staple)`);
  const quit = async () => { await wp.stop(); process.exit(0); };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
