// Readies the app's code that Trunk has just built into DIR for readers:
// cuts the code the first screen does not need (src/deferred.rs) out of
// the release .wasm, into files of its own that the browser fetches when
// the reader needs them, and minifies the JS glue. Run by
// scripts/prerender.sh from Trunk's post-build hook, before the pages are
// rendered (they copy the integrity of the glue and the .wasm from
// index.html, which this updates).
//
//   node scripts/ship-wasm.mjs DIR
//
// The steps, as the split points' crate (wasm_split_helpers, re-exported by
// Leptos) expects them:
//  1. the linker's output, kept with its relocations (`--emit-relocs`,
//     scripts/env.sh), is split by wasm-split-cli into a main module, one
//     module per split name, one per set of them sharing code the main
//     module does not need, and a small loader (JS);
//  2. wasm-bindgen makes the JS glue of the main module, as Trunk did of
//     the whole; wasm-opt shrinks every module (Trunk leaves it to this
//     step: `data-wasm-opt="0"` in index.html, so no pass is thrown away); terser
//     minifies the glue (66 KB readable, 30 KB minified, about 1.5 KB less
//     brotli), keeping its exports and the property names the .wasm
//     imports by;
//  3. every file is named after its content (a module of one build must
//     never be linked into another's), and the pages' integrity hashes of
//     the glue and the .wasm are updated in index.html.
//
// Trunk's own glue of an unsplit build imports the split points' loader
// from a placeholder module; only such a glue is worked on (so running the
// prerenderer again on a built directory leaves the code alone), from the
// .wasm the same Trunk run built.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minify } from 'terser';

const PLACEHOLDER = '__wasm_split_placeholder__';
const root = new URL('../', import.meta.url).pathname;
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/ship-wasm.mjs DIR');
  process.exit(2);
}
const fail = (message) => {
  console.error(`ship-wasm: ${message}`);
  process.exit(1);
};
const digest = (bytes, algorithm = 'sha256') => createHash(algorithm).update(bytes).digest();
const sri = (bytes) => `sha384-${digest(bytes, 'sha384').toString('base64')}`;
const short = (bytes) => digest(bytes).toString('hex').slice(0, 16);
const run = (tool, args) => execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'inherit'] });

const glueName = readdirSync(dir).find((f) => /^linernotes-[0-9a-f]+\.js$/.test(f));
if (!glueName) fail(`no linernotes-*.js in ${dir}`);
const stem = glueName.slice(0, -'.js'.length);
const gluePath = join(dir, glueName);
const wasmPath = join(dir, `${stem}_bg.wasm`);
const trunkGlue = readFileSync(gluePath, 'utf8');
if (!trunkGlue.includes(PLACEHOLDER)) {
  console.log(`ship-wasm: ${glueName} is ready already`);
  process.exit(0);
}

const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const input = join(targetDir, 'wasm32-unknown-unknown', profile, 'linernotes.wasm');
if (!existsSync(input)) fail(`no ${input}: build with Trunk first`);

const work = mkdtempSync(join(tmpdir(), 'linernotes-split-'));
try {
  // 1. Split. The loader imports the glue by its name in DIR.
  const split = join(work, 'split');
  run('wasm-split-cli', [input, split, '--out-name', stem]);
  // One module per split name (split_NAME.wasm), and one per set of split
  // modules sharing code that the main module does not need (chunk_N.wasm),
  // which the loader fetches with each of them.
  const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  if (!chunks.some((f) => f.startsWith('split_'))) fail('wasm-split-cli found no split points');
  const unknown = chunks.filter((f) => !/^(split_[a-z]+|chunk_\d+)\.wasm$/.test(f));
  if (unknown.length > 0) fail(`wasm-split-cli wrote modules this script does not name: ${unknown.join(', ')}`);

  // 2. Glue of the main module, then wasm-opt over every module (size
  // first, as the release build has always been optimised). The split
  // modules link to the main one's function table, which wasm-bindgen
  // would otherwise leave unexported.
  const bound = join(work, 'bound');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', bound, '--out-name', stem, join(split, `${stem}.wasm`)]);
  const optimise = (from, to) => {
    // --low-memory-unused: Rust's linker puts the stack first, at the
    // bottom of memory growing down from 1 MiB, so no data lives in the low
    // 1 KiB and nothing reaches it short of a stack overflow; knowing so
    // lets wasm-opt fold constant offsets into loads and stores (about
    // 1.3 KB brotli of the main module).
    if (profile === 'release') {
      if (lowestData(readFileSync(from)) < 1024) fail(`${from} places data in the low 1 KiB of memory, which --low-memory-unused takes as unused`);
      run('wasm-opt', ['-Oz', '--converge', '--low-memory-unused', '--strip-debug', '--strip-producers', from, '-o', to]);
    }
    else writeFileSync(to, readFileSync(from));
  };

  // 3. Content names for the split modules, and their loader into the
  // glue: one file, so starting the app takes no extra request.
  let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  const written = [];
  const splitModules = [];
  for (const chunk of chunks) {
    const opt = join(work, chunk);
    optimise(join(split, chunk), opt);
    const bytes = readFileSync(opt);
    const part = chunk.startsWith('split_') ? chunk.slice('split_'.length, -'.wasm'.length) : 'shared';
    const name = `linernotes-${part}-${short(bytes)}.wasm`;
    // Each is fetched with its integrity, as the main .wasm is: the glue
    // that names them is itself checked against index.html's hash.
    const fetched = `fetch(new URL("./${chunk}", import.meta.url))`;
    if (!loader.includes(fetched)) fail(`the loader does not fetch ${chunk} as expected`);
    loader = loader.split(fetched).join(`fetch(new URL("./${name}", import.meta.url), { integrity: "${sri(bytes)}" })`);
    if (loader.includes(`"./${chunk}"`)) fail(`the loader names ${chunk} elsewhere too`);
    writeFileSync(join(dir, name), bytes);
    written.push(`${name} ${bytes.length} bytes`);
    splitModules.push(bytes);
  }
  // A module that cannot be had (offline, a failed deploy) is the app's to
  // tell the reader of, and it does, on the page; the loader's own report
  // goes to the console as the app's other notes do, a warning naming the
  // app, not an anonymous error beside the browser's own.
  const reported = 'console.error(e);';
  if (loader.split(reported).length !== 2) fail('the loader does not report a failed load as expected');
  loader = loader.replace(reported, "console.warn('linernotes: a part of the app\u2019s code could not be had:', e);");
  // A split module is compiled from a buffer, as boot.js compiles the main
  // one (a streamed compile decodes on the main thread), and a missing file
  // fails by its status rather than as a compile error.
  const streamed = 'WebAssembly.instantiateStreaming(src, imports)';
  if (!loader.includes(streamed)) fail('the loader does not compile its modules as expected');
  loader = loader.split(streamed).join('fromBuffer(src, imports)');
  loader += `
async function fromBuffer(response, imports) {
    const res = await response;
    if (!res.ok) throw new Error(\`\${res.url}: status \${res.status}\`);
    return WebAssembly.instantiate(await res.arrayBuffer(), imports);
}
`;
  // The loader takes `initSync` from the glue, and the glue hands the
  // loader's exports to the .wasm as its "./__wasm_split.js" imports.
  const loaderImport = new RegExp(`^import \\{ initSync \\} from "\\./${stem}\\.js";$`, 'm');
  if (!loaderImport.test(loader)) fail('the loader does not import the glue as expected');
  const exported = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  if (exported.length === 0) fail('the loader exports nothing');
  loader = loader.replace(loaderImport, '').replace(/^export const /gm, 'const ');
  let glue = readFileSync(join(bound, `${stem}.js`), 'utf8');
  // Leptos's server functions (which this app has none of) bring
  // wasm-streams, whose JS classes for streaming a request's body every
  // build exports: unexported, with the line that gives them
  // `Symbol.dispose`, nothing reaches them, and terser and wasm-opt leave
  // them and their Rust code out.
  const streams = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
  for (const name of streams) {
    const declaration = `export class ${name} {`;
    const dispose = `if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`;
    if (glue.split(declaration).length !== 2) fail(`the glue does not export ${name} as expected`);
    glue = glue.replace(declaration, () => `class ${name} {`).split(dispose).join('');
  }
  dropExports(join(bound, `${stem}_bg.wasm`), (name) => /^(__wbg_)?intounderlying(bytesource|sink|source)_/.test(name));
  // wasm-bindgen imports the loader once per split module.
  const glueImport = /^import \* as (\w+) from "\.\/__wasm_split\.js";?$/gm;
  const bindings = [...glue.matchAll(glueImport)].map((m) => m[1]);
  if (bindings.length === 0) fail('the glue does not import the split loader as expected');
  const declared = bindings.map((b) => `${b} = __wasm_split`).join(', ');
  glue = `${glue.replace(glueImport, '')}\n${loader}\nconst __wasm_split = { ${exported.join(', ')} }, ${declared};\n`;
  if (/from\s*"\.\/__wasm_split\.js"/.test(glue)) fail('an import of the split loader is left in the glue');
  const { code: minified } = await minify(glue, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!minified) fail(`terser gave nothing for ${glueName}`);
  const main = join(work, 'main.wasm');
  optimise(join(bound, `${stem}_bg.wasm`), main);
  // 4. Short names for what the main module imports from its glue.
  const imported = shortImportNames(readFileSync(main), `./${stem}_bg.js`, minified);
  if (imported.renamed < 100) fail(`only ${imported.renamed} of the .wasm's imports could be given short names`);
  // 5. And for the closures' entry points it exports to the glue.
  const { bytes: mainBytes, glue: shipped, renamed: closures } = shortClosureExports(imported.bytes, imported.glue, splitModules);
  const renamed = `${imported.renamed} imports and ${closures} exports`;

  // The pages take the glue's and the .wasm's integrity from index.html.
  const index = join(dir, 'index.html');
  let html = readFileSync(index, 'utf8');
  for (const [path, bytes] of [[gluePath, Buffer.from(shipped)], [wasmPath, mainBytes]]) {
    const old = sri(readFileSync(path));
    if (!html.includes(old)) fail(`index.html does not name ${path} by its integrity`);
    html = html.split(old).join(sri(bytes));
    writeFileSync(path, bytes);
  }
  writeFileSync(index, html);
  console.log(`ship-wasm: ${stem}_bg.wasm ${mainBytes.length} bytes, ${glueName} ${Buffer.byteLength(shipped)} bytes, ${renamed} renamed; ${written.join('; ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Unsigned LEB128 numbers, as a .wasm writes sizes and counts: read (value, next position), and written. */
function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}
function uleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/**
 * The lowest address an active data segment of the .wasm is written to
 * (Infinity if none); fails on a segment placed where this script cannot
 * tell. wasm-opt's --low-memory-unused holds only while it is 1024 or more.
 */
function lowestData(wasm) {
  const section = findSection(wasm, 11);
  if (!section) return Infinity;
  let [count, pos] = leb(wasm, section.body);
  let lowest = Infinity;
  for (; count > 0; count--) {
    let flags;
    [flags, pos] = leb(wasm, pos);
    if (flags === 1) {
      const [size, bytes] = leb(wasm, pos);
      pos = bytes + size;
      continue;
    }
    if (flags === 2) [, pos] = leb(wasm, pos);
    if (flags > 2 || wasm[pos] !== 0x41) fail('a data segment of the .wasm is not placed at a constant address');
    // The address, a signed LEB128 i32, then `end`.
    let address = 0;
    let shift = 0;
    let byte;
    pos++;
    do {
      byte = wasm[pos++];
      address += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (byte & 0x40) address -= 2 ** shift;
    if (wasm[pos++] !== 0x0b) fail('a data segment of the .wasm has an address this script cannot read');
    lowest = Math.min(lowest, address);
    const [size, bytes] = leb(wasm, pos);
    pos = bytes + size;
  }
  return lowest;
}

/** The section `id` of a .wasm: where it starts, its body and its end; null if it has none. */
function findSection(wasm, id) {
  let pos = 8;
  while (pos < wasm.length) {
    const [size, body] = leb(wasm, pos + 1);
    if (wasm[pos] === id) return { pos, body, end: body + size };
    pos = body + size;
  }
  return null;
}

/** The .wasm with the body of `section` (found by `findSection`) replaced by `count` entries. */
function withSection(wasm, section, count, entries) {
  const body = Buffer.concat([uleb(count), ...entries]);
  return Buffer.concat([wasm.subarray(0, section.pos), Buffer.from([wasm[section.pos]]), uleb(body.length), body, wasm.subarray(section.end)]);
}

/** The exports of a .wasm: each name, and the bytes after it (its kind and index). */
function readExports(wasm) {
  const section = findSection(wasm, 7);
  if (!section) fail('the .wasm has no export section');
  let [count, p] = leb(wasm, section.body);
  const exports = [];
  for (let i = 0; i < count; i++) {
    const [length, n] = leb(wasm, p);
    const [, q] = leb(wasm, n + length + 1);
    exports.push({ name: wasm.toString('utf8', n, n + length), rest: wasm.subarray(n + length, q) });
    p = q;
  }
  return { section, exports };
}

/** An export as the section writes it. */
function exportEntry({ name, rest }) {
  return Buffer.concat([uleb(Buffer.byteLength(name)), Buffer.from(name), rest]);
}

/** Takes the exports whose names `drop` picks out of the .wasm at `path`, in place. */
function dropExports(path, drop) {
  const wasm = readFileSync(path);
  const { section, exports } = readExports(wasm);
  const kept = exports.filter(({ name }) => !drop(name));
  if (kept.length === exports.length) fail('no export of the .wasm was to be taken out');
  writeFileSync(path, withSection(wasm, section, kept.length, kept.map(exportEntry)));
}

/**
 * wasm-bindgen names the functions through which JS calls a Rust closure
 * after the closure's types (`wasm_bindgen_…___convert__closures_____invoke___…`,
 * up to 400 characters each), in the .wasm's export section and once in
 * the glue (`.NAME(`). Each such name that the glue calls exactly once and
 * no split module mentions becomes a short one in both (`__c0`, `__c1`, …);
 * any other is left as it is.
 */
function shortClosureExports(wasm, glue, others) {
  const { section, exports } = readExports(wasm);
  const taken = new Set(exports.map((e) => e.name));
  let next = 0;
  let renamed = 0;
  const shortened = exports.map(({ name: old, rest }) => {
    if (!/convert__closures/.test(old) || !/^[A-Za-z_$][\w$]*$/.test(old)) return { name: old, rest };
    if (glue.split(`.${old}(`).length !== 2 || others.some((bytes) => bytes.includes(Buffer.from(old)))) return { name: old, rest };
    let name;
    do name = `__c${next++}`;
    while (taken.has(name));
    taken.add(name);
    glue = glue.replace(`.${old}(`, () => `.${name}(`);
    renamed += 1;
    return { name, rest };
  });
  return { bytes: withSection(wasm, section, shortened.length, shortened.map(exportEntry)), glue, renamed };
}

/**
 * wasm-bindgen names each function the .wasm imports from its glue after
 * the JS it calls and a 16-digit hash (`__wbg_textContent_240d7f8264a6246e`),
 * written once in the .wasm's import section and once as a key of the
 * glue's imports object: about 2.5 KB of brotli in each that no reader
 * needs. Each such name that is a key exactly once in the glue becomes a
 * short one in both (`a`, `b`, … `aB`); any other is left as it is.
 */
function shortImportNames(wasm, module, glue) {
  const name = (bytes) => Buffer.concat([uleb(bytes.length), bytes]);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const short = (n) => (n < letters.length ? letters[n] : short(Math.floor(n / letters.length) - 1) + letters[n % letters.length]);
  const keyOf = (key) => new RegExp(`([,{])${key.replace(/[$]/g, '\\$&')}:`, 'g');
  // The import section: module, name, and what is imported (kept as is).
  const section = findSection(wasm, 2);
  if (!section) return { bytes: wasm, glue, renamed: 0 };
  let [count, p] = leb(wasm, section.body);
  const entries = [];
  let renamed = 0;
  for (let i = 0; i < count; i++) {
    const [moduleLength, m] = leb(wasm, p);
    const from = wasm.subarray(m, m + moduleLength);
    const [nameLength, n] = leb(wasm, m + moduleLength);
    const old = wasm.toString('utf8', n, n + nameLength);
    let q = n + nameLength;
    const kind = wasm[q++];
    if (kind === 0) [, q] = leb(wasm, q);
    else if (kind === 1 || kind === 2) {
      if (kind === 1) q++;
      const flags = wasm[q++];
      [, q] = leb(wasm, q);
      if (flags & 1) [, q] = leb(wasm, q);
    } else if (kind === 3) q += 2;
    else throw new Error(`an import of an unknown kind (${kind})`);
    let newName = old;
    if (from.toString('utf8') === module && /^[A-Za-z_$][\w$]*$/.test(old) && (glue.match(keyOf(old)) ?? []).length === 1) {
      newName = short(renamed++);
      glue = glue.replace(keyOf(old), `$1${newName}:`);
    }
    entries.push(Buffer.concat([name(from), name(Buffer.from(newName)), wasm.subarray(n + nameLength, q)]));
    p = q;
  }
  return { bytes: withSection(wasm, section, count, entries), glue, renamed };
}
