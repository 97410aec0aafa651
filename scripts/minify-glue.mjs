// Minifies the app's JS glue (wasm-bindgen's linernotes-*.js) in a built
// directory, and writes its new integrity hash into the directory's
// index.html, from which the prerenderer copies it into every page and
// mount.json. Run by scripts/prerender.sh after every build (Trunk's hook),
// before the pages are rendered. The file keeps its name: it is still this build's.
//
//   node scripts/minify-glue.mjs DIR
//
// wasm-bindgen writes readable code (66 KB); terser leaves 30 KB, about
// 1.5 KB less brotli for every reader. Exports and the property names the
// .wasm imports by are untouched (terser keeps module exports and does not
// rename properties).

import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/minify-glue.mjs DIR');
  process.exit(2);
}
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const glue = readdirSync(dir).filter((f) => /^linernotes-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`minify-glue: expected one linernotes-*.js in ${dir}, found ${glue.length}`);
  process.exit(1);
}
const file = join(dir, glue[0]);
const before = readFileSync(file);
const { code } = await minify(before.toString('utf8'), { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
if (!code) {
  console.error(`minify-glue: terser gave nothing for ${glue[0]}`);
  process.exit(1);
}
const index = join(dir, 'index.html');
const html = readFileSync(index, 'utf8');
const old = sri(before);
const count = html.split(old).length - 1;
if (count === 0) {
  console.error(`minify-glue: index.html does not name ${glue[0]} by its integrity ${old}`);
  process.exit(1);
}
writeFileSync(file, code);
writeFileSync(index, html.split(old).join(sri(Buffer.from(code))));
console.log(`minify-glue: ${glue[0]} ${before.length} -> ${Buffer.byteLength(code)} bytes`);
