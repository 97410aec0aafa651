// The README's Content-Security-Policy is the one the tests serve: the base
// policy word for word, and one frame-src row per player.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE_CSP, PLAYER_FRAME_SRC, cspFor } from '../../scripts/serve.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README documents the base policy the servers send', () => {
  assert.ok(readme.includes(`Content-Security-Policy: ${BASE_CSP}\n`), BASE_CSP);
});

test('the README lists exactly the frame-src each player needs', () => {
  const rows = [...readme.matchAll(/^\| `([a-z_]+)` \| `(https:\/\/[^`]+)` \|$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(Object.fromEntries(rows), PLAYER_FRAME_SRC);
});

test('a site with no player frames nothing; each player adds only its own origin', () => {
  assert.match(cspFor([]), /frame-src 'none'/);
  assert.match(cspFor(['spotify', 'bandcamp']), /frame-src https:\/\/open\.spotify\.com https:\/\/bandcamp\.com;/);
  assert.throws(() => cspFor(['napster']));
});
