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

/**
 * An article (not prerendered: add it with `addArticle`) whose first
 * paragraph links to its own heading, far below: `/article/jump-inside#far`.
 */
export const JUMP_INSIDE = {
  schema: 1,
  slug: 'jump-inside',
  title: 'A long piece with a map',
  dek: 'Its first paragraph points to its own last section.',
  published: '2021-05-01T09:00:00Z',
  authors: [{ name: 'Aki Morimoto', url: null }],
  body: [
    { type: 'paragraph', id: 'p1', content: [{ text: 'Skip to ' }, { text: 'the far heading', href: '/article/jump-inside#far' }, { text: ' if you are in a hurry.' }] },
    ...Array.from({ length: 14 }, (_, i) => ({
      type: 'paragraph',
      id: `p${i + 2}`,
      content: [{ text: `Paragraph ${i + 2} of the long way down, about a tape that played the same song all summer until it wore thin.` }],
    })),
    { type: 'heading', id: 'far', level: 2, text: 'The far heading' },
    { type: 'paragraph', id: 'p99', content: [{ text: 'Here is the end of the tape.' }] },
  ],
};
