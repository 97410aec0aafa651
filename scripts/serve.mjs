// A files-only static host, as a CDN would be: no server code, no rewrites.
// Unknown paths get 404.html with status 404 (the GitHub Pages / Netlify /
// S3 convention), `dir/` and `dir` serve `dir/index.html`, every response
// carries the strict Content-Security-Policy, and text is compressed when
// the browser asks. Used by the dev command, the end-to-end tests and the
// benchmark.
//
// With `live` (the dev command's content loop, scripts/live.mjs), every HTML
// page also loads `__live.js` from this server, which listens on an
// EventSource (`__live/events`) and reloads the page when told to. That
// script exists only here: no build ever contains it.
//
//   node scripts/serve.mjs --dir dist [--prefix /magazine/] [--port 8000]
//        [--host 127.0.0.1] [--overlay e2e/fixtures] [--connect http://127.0.0.1:8081]
//        [--redirects dist/_redirects]
//
// With `redirects`, rules in the `_redirects` syntax (Netlify, Cloudflare
// Pages) are applied first, as those hosts do: `FROM TO [STATUS]`, and
// `FROM key=value TO [STATUS]` for a query parameter.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { options } from './args.mjs';

/**
 * The origin each player is framed from: what `frame-src` must allow for a
 * site whose articles use that provider (the README lists the same).
 */
export const PLAYER_FRAME_SRC = {
  youtube: 'https://www.youtube-nocookie.com',
  vimeo: 'https://player.vimeo.com',
  spotify: 'https://open.spotify.com',
  apple_music: 'https://embed.music.apple.com',
  soundcloud: 'https://w.soundcloud.com',
  bandcamp: 'https://bandcamp.com',
};

/** The README's policy, with `frame-src` for the players the site uses. */
export function cspFor(providers = ['youtube']) {
  const frames = providers.map((p) => PLAYER_FRAME_SRC[p]);
  if (frames.includes(undefined)) throw new Error(`no frame-src known for one of ${providers.join(', ')}`);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    frames.length ? `frame-src ${frames.join(' ')}` : "frame-src 'none'",
    "connect-src 'self' http://127.0.0.1:*",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The policy of a site with YouTube videos and no other player. */
export const BASE_CSP = cspFor(['youtube']);

/** The sample content plays every provider, so this server allows them all. */
export const CSP = cspFor(Object.keys(PLAYER_FRAME_SRC));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.xml', '.txt']);

// Compressed bodies are kept, as a CDN keeps them: compressing the .wasm at
// brotli 11 on every request would make the server, not the app, the slow part.
const compressedCache = new Map();
function compressed(file, mtime, encoding, body) {
  const key = `${file}:${mtime}:${encoding}`;
  let out = compressedCache.get(key);
  if (!out) {
    out = encoding === 'br'
      ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(body, { level: 9 });
    compressedCache.set(key, out);
  }
  return out;
}

async function fileAt(root, rel) {
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const info = await stat(full);
    if (info.isFile()) return full;
    if (info.isDirectory()) {
      const index = join(full, 'index.html');
      if ((await stat(index).catch(() => null))?.isFile()) return index;
    }
  } catch {}
  return null;
}

/** Parses `_redirects` text into rules. */
export function parseRedirects(text) {
  const rules = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const parts = line.split(/\s+/);
    const from = parts.shift();
    const query = {};
    while (parts.length && parts[0].includes('=') && !parts[0].startsWith('/') && !/^https?:/.test(parts[0])) {
      const [k, v] = parts.shift().split('=');
      query[k] = v;
    }
    const to = parts.shift();
    if (!from || !to) continue;
    rules.push({ from, query, to, status: Number(parts[0] ?? 301) });
  }
  return rules;
}

// A `:name` segment stands for any one path segment, as on Netlify.
const matches = (from, path) => {
  if (!from.includes('/:')) return from === path;
  const a = from.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => (seg.startsWith(':') ? b[i] !== '' : seg === b[i]));
};

function redirectFor(rules, url) {
  for (const r of rules) {
    if (!matches(r.from, url.pathname)) continue;
    if (Object.entries(r.query).every(([k, v]) => url.searchParams.get(k) === v)) return r;
  }
  return null;
}

const LIVE_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'live-client.js');

/**
 * Starts a server; resolves to { url, origin, close, reload, problem }.
 * `reload()` and `problem(text)` reach the pages of a `live` server.
 */
export function serve({ dir, prefix = '/', port = 0, host = '127.0.0.1', overlay = null, compress = true, csp = CSP, headers = {}, fallbackStatus = 404, live = false, redirects = null, brotli = true }) {
  const rules = redirects ? parseRedirects(readFileSync(redirects, 'utf8')) : [];
  const root = resolve(dir);
  const overlayRoot = overlay ? resolve(overlay) : null;
  const base = prefix.endsWith('/') ? prefix : prefix + '/';
  const listeners = new Set();
  // Each reload is a new version; a page knows the one it was served with,
  // so one that was still loading when told to reload catches up on connect.
  let version = 0;
  const send = (event, data) => {
    for (const res of listeners) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const rule = rules.length ? redirectFor(rules, url) : null;
    if (rule) {
      res.writeHead(rule.status, { Location: rule.to, 'Cache-Control': 'no-cache' });
      res.end();
      return;
    }
    let path;
    // A malformed escape (`/article/%`) names no file: not found, as CDNs answer.
    try { path = decodeURIComponent(url.pathname); } catch { path = '\0'; }
    if (live && path === `${base}__live/events`) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: version\ndata: ${JSON.stringify({ version })}\n\n`);
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    if (live && path === `${base}__live.js`) {
      const script = await readFile(LIVE_SCRIPT);
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store', 'Content-Security-Policy': csp });
      res.end(script);
      return;
    }
    let status = 200;
    let file = null;
    if (path.startsWith(base) || path + '/' === base) {
      const rel = path.slice(base.length - 1) || '/';
      if (overlayRoot) file = await fileAt(overlayRoot, rel);
      file ??= await fileAt(root, rel);
    }
    if (!file) {
      // 404 as files-only hosts answer; 200 as hosts with a rewrite rule do.
      status = fallbackStatus;
      file = await fileAt(root, '404.html');
    }
    // Public static files, readable by other sites' pages (mount.js, oEmbed),
    // as CDNs serve them.
    const common = { 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*', ...headers };
    if (!file) {
      res.writeHead(404, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    let body, mtime;
    try {
      body = await readFile(file);
      mtime = (await stat(file)).mtimeMs;
    } catch {
      // The file went away between finding and reading it (a directory
      // being replaced or removed): answer as for any missing file.
      if (!res.headersSent) res.writeHead(404, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const ext = extname(file);
    const head = { ...common, 'Content-Type': TYPES[ext] ?? 'application/octet-stream', Vary: 'Accept-Encoding' };
    const accept = req.headers['accept-encoding'] ?? '';
    let key = file;
    if (live && ext === '.html') {
      body = Buffer.from(body.toString('utf8').replace('</head>', `<script src="${base}__live.js?v=${version}" defer></script></head>`));
      key = `${file}:live:${version}`;
    }
    if (compress && COMPRESSIBLE.has(ext)) {
      if (brotli && /\bbr\b/.test(accept)) {
        body = compressed(key, mtime, 'br', body);
        head['Content-Encoding'] = 'br';
      } else if (/\bgzip\b/.test(accept)) {
        body = compressed(key, mtime, 'gzip', body);
        head['Content-Encoding'] = 'gzip';
      }
    }
    head['Content-Length'] = body.length;
    res.writeHead(status, head);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({
        url: `http://${host}:${actual}${base}`,
        origin: `http://${host}:${actual}`,
        close: () => new Promise((done) => {
          for (const res of listeners) res.end();
          listeners.clear();
          server.closeAllConnections?.();
          server.close(() => done());
        }),
        /** Tells open pages to load again (a live server only). */
        reload: () => { version += 1; send('reload', { version }); },
        /** Tells open pages that the content has a problem, shown until the next reload. */
        problem: (text) => send('problem', { text }),
        /** How many pages are listening. */
        listeners: () => listeners.size,
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = options();
  const { url } = await serve({
    dir: args.dir ?? 'dist',
    prefix: args.prefix ?? '/',
    port: Number(args.port ?? 8000),
    host: args.host ?? '127.0.0.1',
    overlay: args.overlay ?? null,
    redirects: args.redirects ?? null,
  });
  console.log(`serving ${args.dir ?? 'dist'} at ${url}`);
}
