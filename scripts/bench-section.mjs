// Replaces one section of bench/RESULTS.md (between its own markers),
// leaving the other sections as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../bench/RESULTS.md', import.meta.url).pathname;

export function writeSection(name, markdown) {
  const begin = `<!-- BEGIN ${name} -->`;
  const end = `<!-- END ${name} -->`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const at = text.indexOf(begin);
  const stop = text.indexOf(end);
  const next = at >= 0 && stop > at ? text.slice(0, at) + block + text.slice(stop + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
