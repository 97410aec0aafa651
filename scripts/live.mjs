// The dev command's content loop: serves a built site like scripts/serve.mjs
// (with live reload), and when an article (.md or .json), index.json or an
// image is saved, compiles and re-indexes the content (`publish index`),
// copies it into the served directory, prerenders it again
// (scripts/prerender.sh) and reloads the open pages. Only content is
// rebuilt, so a save shows in about a second; code and style changes are
// Trunk's (scripts/dev.sh runs both). An article with problems prints them
// here, and the pages keep the last good version.
//
//   node scripts/live.mjs [--dir dist] [--content public/content] [--images public/images]
//        [--port 8000] [--host 127.0.0.1]
//
// From a test: const live = await startLive({ dir, content, images }); await live.nextBuild(); await live.close();

import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { serve } from './serve.mjs';

const root = new URL('../', import.meta.url).pathname;
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
  const server = await serve({ dir, port, host, live: true });
  const articles = join(content, 'articles');
  const watchedDirs = [articles, content, images];
  let known = snapshot(watchedDirs);
  let running = false;
  let again = false;
  let timer = null;
  const waiting = [];
  const builds = [];

  async function rebuild(changed) {
    if (running) { again = true; return; }
    running = true;
    const started = Date.now();
    const publish = await run('cargo', ['run', '--quiet', '--features', 'ssr', '--bin', 'publish', '--', 'index', content]);
    let result;
    if (!publish.ok) {
      const problems = publish.output.split('\n').filter((l) => l.trim() && !l.startsWith('wrote ')).join('\n');
      log(`\n  not updated: ${changed.join(', ')} has problems; the pages keep the last good version\n${problems}\n`);
      server.problem(problems);
      result = { ok: false, output: problems, ms: Date.now() - started };
    } else {
      // The served copy gets the content (without Markdown sources) and images.
      const target = join(dir, 'content');
      rmSync(target, { recursive: true, force: true });
      cpSync(content, target, { recursive: true, filter: (path) => extname(path) !== '.md' });
      if (existsSync(images)) cpSync(images, join(dir, 'images'), { recursive: true });
      const prerender = await run('sh', [join(root, 'scripts/prerender.sh'), dir]);
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
    if (again) {
      again = false;
      schedule(['(saved during the last update)']);
    }
  }

  const pending = new Set();
  function schedule(names) {
    for (const name of names) pending.add(name);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending.clear();
      rebuild(changed);
    }, 60);
  }

  const watchers = watchedDirs.filter((d) => existsSync(d)).map((watchedDir) =>
    watch(watchedDir, (event, name) => {
      if (!name || !WATCHED.has(extname(name))) return;
      if (watchedDir === content && name !== 'index.json') return;
      const path = join(watchedDir, name);
      let now = null;
      try { now = readFileSync(path).toString('base64'); } catch {}
      if (now === (known.get(path) ?? null)) return;
      if (now === null) known.delete(path); else known.set(path, now);
      schedule([basename(name)]);
    }));

  return {
    url: server.url,
    origin: server.origin,
    builds,
    /** Resolves with the next build's result: { ok, output, ms }. */
    nextBuild: () => new Promise((ok) => waiting.push(ok)),
    close: async () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await server.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
  );
  const live = await startLive({
    dir: args.dir ?? 'dist',
    content: args.content ?? 'public/content',
    images: args.images ?? 'public/images',
    port: Number(args.port ?? 8000),
    host: args.host ?? '127.0.0.1',
  });
  console.log(`serving ${args.dir ?? 'dist'} at ${live.url}, rebuilding content on save`);
}
