// The dev command's content loop: serves a built site like scripts/serve.mjs
// (with live reload), and when an article (.md or .json), index.json or an
// image is saved, compiles and re-indexes the content (`publish index`),
// copies it into the served directory, prerenders it again (as
// scripts/prerender.sh does) and reloads the open pages. Only content is
// rebuilt, so a save shows in about a second; code and style changes are
// Trunk's (scripts/dev.sh runs both). An article with problems prints them
// here, and the pages keep the last good version.
//
//   node scripts/live.mjs [--dir dist] [--content public/content] [--images public/images]
//        [--port 8000] [--host 127.0.0.1]
//
// From a test: const live = await startLive({ dir, content, images }); await live.nextBuild(); await live.close();

import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { options } from './args.mjs';

const root = new URL('../', import.meta.url).pathname;
const bin = (name) => join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', name);
const WATCHED = new Set(['.md', '.json', '.svg', '.png', '.jpg', '.jpeg', '.webp', '.avif']);

function run(command, args, env = process.env) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', (error) => done({ ok: false, output: `${output}${error.message}\n` }));
    child.on('close', (code) => done({ ok: code === 0, output }));
  });
}

/** Every file the loop watches, with its text: a save that changes nothing is no save. */
function snapshot(dirs) {
  const files = new Map();
  for (const dir of dirs) {
    let names = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const name of names) {
      if (!WATCHED.has(extname(name))) continue;
      try { files.set(join(dir, name), readFileSync(join(dir, name)).toString('base64')); } catch {}
    }
  }
  return files;
}

/**
 * Starts the server and the watcher. `log` receives what the terminal
 * should show. Resolves to { url, origin, close, nextBuild, builds }.
 */
export async function startLive({
  dir = 'dist', content = 'public/content', images = 'public/images', port = 0, host = '127.0.0.1',
  log = (line) => console.log(line),
} = {}) {
  dir = resolve(root, dir);
  content = resolve(root, content);
  images = resolve(root, images);
  // The tools are built once here and then run directly: `cargo run` would
  // spend most of a second checking the build on every save. (Trunk's
  // rebuilds run scripts/prerender.sh, which keeps them current.)
  const tools = await run('cargo', ['build', '--quiet', '--features', 'ssr', '--bin', 'publish', '--bin', 'prerender']);
  if (!tools.ok) throw new Error(`could not build the publisher tools:\n${tools.output}`);
  const server = await serve({ dir, port, host, live: true });
  const articles = join(content, 'articles');
  const watchedDirs = [articles, content, images];
  let known = snapshot(watchedDirs);
  let running = false;
  let current = Promise.resolve();
  let closed = false;
  let timer = null;
  const waiting = [];
  const builds = [];

  function rebuild(changed) {
    running = true;
    current = build(changed);
  }

  async function build(changed) {
    const started = Date.now();
    const publish = await run(bin('publish'), ['index', content]);
    let result;
    if (!publish.ok) {
      const problems = publish.output.split('\n').filter((l) => l.trim() && !l.startsWith('wrote ')).join('\n');
      log(`\n  not updated: ${changed.join(', ')} has problems; the pages keep the last good version\n${problems}\n`);
      server.problem(problems);
      result = { ok: false, output: problems, ms: Date.now() - started };
    } else {
      // Warnings (a video's start time that will not be kept, say) change
      // nothing served, but the editor should read them.
      const warnings = publish.output.split('\n').filter((l) => l.includes(': warning: '));
      if (warnings.length) log(`\n  ${warnings.join('\n  ')}\n`);
      // The served copy gets the content (without Markdown sources) and images.
      const target = join(dir, 'content');
      rmSync(target, { recursive: true, force: true });
      cpSync(content, target, { recursive: true, filter: (path) => extname(path) !== '.md' });
      if (existsSync(images)) cpSync(images, join(dir, 'images'), { recursive: true });
      // As scripts/prerender.sh does: the site.json the pages are served with, then the pages.
      if (process.env.LINERNOTES_SITE_JSON) copyFileSync(process.env.LINERNOTES_SITE_JSON, join(dir, 'site.json'));
      const prerender = await run(bin('prerender'), [dir]);
      if (prerender.ok) {
        server.reload();
        log(`  updated in ${Date.now() - started} ms: ${changed.join(', ')}`);
      } else {
        log(`\n  not updated: prerendering failed\n${prerender.output}`);
        server.problem(prerender.output);
      }
      result = { ok: prerender.ok, output: prerender.output, ms: Date.now() - started };
    }
    // What the build wrote itself (the compiled JSON, index.json) is not a save.
    known = snapshot(watchedDirs);
    running = false;
    builds.push(result);
    for (const resolveWaiter of waiting.splice(0)) resolveWaiter(result);
    if (!closed) schedule([]);
  }

  /** The watched paths whose text is not what the last update saw. */
  function changedSince(paths) {
    return paths.filter((path) => {
      let now = null;
      try { now = readFileSync(path).toString('base64'); } catch {}
      return now !== (known.get(path) ?? null);
    });
  }

  const pending = new Set();
  function schedule(paths) {
    for (const path of paths) pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running || closed) return;
      const changed = changedSince([...pending]);
      pending.clear();
      if (changed.length) rebuild(changed.map((p) => basename(p)));
    }, 60);
  }

  const watchers = watchedDirs.filter((d) => existsSync(d)).map((watchedDir) =>
    watch(watchedDir, (event, name) => {
      if (!name || !WATCHED.has(extname(name))) return;
      if (watchedDir === content && name !== 'index.json') return;
      // Compared with what the last update saw when it is time to build:
      // the update's own writes are no saves, and a save during an update
      // is built right after it.
      schedule([join(watchedDir, name)]);
    }));

  return {
    url: server.url,
    origin: server.origin,
    builds,
    /** Resolves with the next build's result: { ok, output, ms }. */
    nextBuild: () => new Promise((ok) => waiting.push(ok)),
    /** Stops watching, lets an update in progress finish, and stops the server. */
    close: async () => {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await current;
      await server.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = options();
  const live = await startLive({
    dir: args.dir ?? 'dist',
    content: args.content ?? 'public/content',
    images: args.images ?? 'public/images',
    port: Number(args.port ?? 8000),
    host: args.host ?? '127.0.0.1',
  });
  console.log(`serving ${args.dir ?? 'dist'} at ${live.url}, rebuilding content on save`);
}
