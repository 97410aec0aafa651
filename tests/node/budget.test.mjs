// The byte budget: the app's .wasm plus its JS glue, brotli-compressed as a
// CDN would serve them, must stay within bench/budget.json, and so must the
// code fetched only when the reader needs it (src/deferred.rs). Bytes only,
// no timings, so the result is the same on every machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const root = new URL('../../', import.meta.url).pathname;
const brotli = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

test('the app’s .wasm + .js stay within the byte budget', () => {
  const budget = JSON.parse(readFileSync(root + 'bench/budget.json', 'utf8'));
  const files = readdirSync(root + 'dist').filter((f) => /^linernotes-.*(\.js|_bg\.wasm)$/.test(f));
  assert.equal(files.length, 2, `expected one .wasm and one .js in dist/, found ${files.join(', ')}`);
  const total = files.reduce((sum, f) => sum + brotli(root + 'dist/' + f), 0);
  assert.ok(
    total <= budget.wasm_plus_js_brotli_bytes,
    `.wasm + .js is ${total} bytes brotli, over the budget of ${budget.wasm_plus_js_brotli_bytes} (bench/budget.json)`,
  );
});

test('the code fetched only when needed (comments, search) stays within its own budget', () => {
  const budget = JSON.parse(readFileSync(root + 'bench/budget.json', 'utf8'));
  const files = readdirSync(root + 'dist').filter((f) => /^linernotes-[a-z]+-[0-9a-f]+\.wasm$/.test(f));
  const parts = new Set(files.map((f) => f.split('-')[1]));
  assert.ok(parts.has('comments') && parts.has('search'), `the deferred modules in dist/: ${files.join(', ')}`);
  assert.deepEqual([...parts].filter((p) => !['comments', 'search', 'shared'].includes(p)), [], 'no other kinds');
  const total = files.reduce((sum, f) => sum + brotli(root + 'dist/' + f), 0);
  assert.ok(
    total <= budget.deferred_wasm_brotli_bytes,
    `the deferred .wasm files are ${total} bytes brotli, over the budget of ${budget.deferred_wasm_brotli_bytes} (bench/budget.json)`,
  );
});
