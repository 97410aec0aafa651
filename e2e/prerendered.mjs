// A built site copied to a scratch directory, optionally with other
// settings or extra content, and prerendered again the way the production
// build does it (scripts/prerender.sh), so tests see exactly the pages a
// publisher would deploy.
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;

/** Copies `dist` (or another build) to a scratch directory; returns its path. */
export function copyBuild(from = 'dist') {
  const dir = mkdtempSync(join(tmpdir(), 'linernotes-build-'));
  cpSync(join(root, from), dir, { recursive: true });
  return dir;
}

/** Rewrites the copy's site.json with `change(settings)` and prerenders again. */
export function republish(dir, change = (s) => s) {
  const settings = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify(change(settings), null, 2));
  execFileSync('sh', [join(root, 'scripts/prerender.sh'), dir], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Adds an article file without prerendering it (published after the build). */
export function addArticle(dir, article) {
  mkdirSync(join(dir, 'content/articles'), { recursive: true });
  writeFileSync(join(dir, 'content/articles', `${article.slug}.json`), JSON.stringify(article));
}

export function removeBuild(dir) {
  rmSync(dir, { recursive: true, force: true });
}
