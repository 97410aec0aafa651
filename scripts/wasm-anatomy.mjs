// Where the .wasm bytes go: builds a copy of the release .wasm's main
// module (cut as scripts/ship-wasm.mjs cuts it) with its function names
// kept (wasm-bindgen --keep-debug, then the same wasm-opt pass as the
// release build, with -g), runs `twiggy top`, and sums the
// items by the crate (or kind) they come from. Writes bench/wasm-anatomy.json
// and its section of bench/RESULTS.md, and prints a table. Needs `cargo install twiggy` and a release build
// (scripts/build.sh).
//
//   node scripts/wasm-anatomy.mjs [--out bench/wasm-anatomy.json] [--top 25]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { writeSection } from './bench-section.mjs';
import { options } from './args.mjs';

const root = new URL('../', import.meta.url).pathname;
const args = options();
const input = join(root, 'target/wasm32-unknown-unknown/release/linernotes.wasm');
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${join(homedir(), '.cargo/bin')}:${process.env.PATH}` };

// Which group an item belongs to, by the first crate named in its path.
const GROUPS = [
  ['Leptos (views, renderer, router, reactive system)', /^(leptos|tachys|reactive_graph|leptos_router|either_of|any_spawner|throw_error|or_poisoned|next_tuple|send_wrapper|leptos_dom|oco_ref|hydration_context|reactive_stores|slotmap)\b/],
  ['serde_json', /^serde_json\b/],
  ['serde', /^(serde|serde_core)\b/],
  ['the app', /^linernotes\b/],
  ['wasm-bindgen, js-sys, web-sys, gloo', /^(wasm_bindgen|js_sys|web_sys|gloo_\w+|wasm_bindgen_futures)\b/],
  ['std, core, alloc', /^(std|core|alloc|dlmalloc|hashbrown|compiler_builtins)\b/],
  ['futures', /^(futures\w*|pin_project\w*|async_\w+)\b/],
];

function crateOf(name) {
  // `<A as B>::f` is A's code; `<&mut serde_json::…>` too. A generic `T`
  // or `F` is the trait's crate's code. Crate names may carry a hash.
  let n = name.replace(/\[[0-9a-f]{8,}\]/g, '').replace(/^<+/, '').replace(/^(&mut |&|dyn |\*const |\*mut )+/, '');
  const generic = n.match(/^(?:[A-Z]\w*|\(.*?\)|\[.*?\]|str|u8|usize|isize|char|bool|f64|i64|i32|u32) as (\w+)/);
  if (generic) return generic[1];
  return n;
}

function group(item) {
  const name = item.name;
  if (name.startsWith('data segment')) return 'data (strings, tables, panic locations)';
  if (name.startsWith('"function names"') || name.startsWith('"') || name.startsWith('custom section')) return null;
  if (/^(elem|table|type|import|export|global|code section|memory)\b/.test(name) || name.startsWith('elem[')) return 'tables and glue';
  if (/drop_in_place/.test(name)) return 'drop glue';
  const c = crateOf(name);
  for (const [label, re] of GROUPS) if (re.test(c)) return label;
  return 'other';
}

export function anatomy() {
  if (!existsSync(input)) throw new Error('no release .wasm: run scripts/build.sh first');
  const dir = mkdtempSync(join(tmpdir(), 'linernotes-anatomy-'));
  try {
    // The main module, as scripts/ship-wasm.mjs cuts it: what every reader
    // downloads first.
    execFileSync('wasm-split-cli', [input, join(dir, 'split'), '--out-name', 'linernotes'], { env, stdio: 'ignore' });
    execFileSync('wasm-bindgen', ['--keep-debug', '--keep-lld-exports', '--target', 'web', '--out-dir', dir, join(dir, 'split/linernotes.wasm')], { env });
    const opt = join(dir, 'named.wasm');
    execFileSync('wasm-opt', ['-Oz', '-g', '--converge', join(dir, 'linernotes_bg.wasm'), '-o', opt], { env });
    const items = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'json', opt], { env, maxBuffer: 1 << 28 }));
    const sums = new Map();
    let total = 0;
    for (const item of items) {
      const g = group(item);
      if (!g) continue;
      sums.set(g, (sums.get(g) ?? 0) + item.shallow_size);
      total += item.shallow_size;
    }
    const top = items.filter((i) => group(i)).sort((a, b) => b.shallow_size - a.shallow_size).slice(0, Number(args.top ?? 25))
      .map((i) => ({ bytes: i.shallow_size, name: i.name.slice(0, 160) }));
    const groups = [...sums].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes, share: Math.round((bytes / total) * 1000) / 10 }));
    const release = readFileSync(execFileSync('sh', ['-c', `ls ${root}dist/linernotes-*_bg.wasm | head -1`]).toString().trim());
    return {
      date: new Date().toISOString().slice(0, 10),
      code_and_data_bytes: total,
      release_wasm: { raw: release.length, brotli: brotliCompressSync(release, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length },
      groups,
      largest_items: top,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = anatomy();
  writeFileSync(args.out ?? join(root, 'bench/wasm-anatomy.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`release .wasm: ${result.release_wasm.raw} bytes raw, ${result.release_wasm.brotli} brotli`);
  console.log(`named copy, code and data without names: ${result.code_and_data_bytes} bytes`);
  for (const g of result.groups) console.log(`${String(g.bytes).padStart(9)}  ${String(g.share).padStart(5)}%  ${g.name}`);
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  writeSection('wasm-anatomy', [
    '## Where the .wasm bytes go',
    '',
    `\`node scripts/wasm-anatomy.mjs\` (${result.date}): twiggy on a copy of the release \`.wasm\`'s main module (what a reader downloads first; the code of \`src/deferred.rs\` is in files of its own) built with its function names kept and the same wasm-opt pass; each function and data segment counted once, by the crate its name starts with (a generic function instantiated for the app's types counts for the crate that defines it). Main \`.wasm\`: ${kb(result.release_wasm.raw)} raw, ${kb(result.release_wasm.brotli)} brotli; the groups below are raw bytes of code and data. "other" is what a name does not tie to one crate: functions wasm-opt left unnamed, and generic code for tuples, references and closures of several crates.`,
    '',
    '| group | raw bytes | share |',
    '|---|---|---|',
    ...result.groups.map((g) => `| ${g.name} | ${kb(g.bytes)} | ${g.share}% |`),
    '',
    'Largest single items:',
    '',
    '| raw bytes | item |',
    '|---|---|',
    ...result.largest_items.slice(0, 10).map((i) => `| ${i.bytes} | \`${i.name.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`),
  ].join('\n'));
}
