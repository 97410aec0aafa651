// The README's first command, as a reader of the README runs it: the site
// on the sample content with a real Isso, at the addresses it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { freePort } from '../../scripts/isso.mjs';

const root = new URL('../../', import.meta.url).pathname;

test('scripts/dev.sh serves the site and a real Isso at the addresses it prints', { timeout: 15 * 60_000 }, async () => {
  const [port, issoPort] = [await freePort(), await freePort()];
  const dist = 'target/dev-test-dist';
  const child = spawn('scripts/dev.sh', [], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ISSO_PORT: String(issoPort), DIST: dist },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((done) => child.on('exit', done));
  try {
    await new Promise((ready, fail) => {
      const look = (chunk) => {
        output += chunk;
        if (output.includes(`linernotes is running: open http://127.0.0.1:${port}/`)) ready();
      };
      child.stdout.on('data', look);
      child.stderr.on('data', (chunk) => { output += chunk; });
      child.on('exit', (code) => fail(new Error(`dev.sh stopped (${code}):\n${output}`)));
    });
    // It says so only once the site answers.
    const page = await fetch(`http://127.0.0.1:${port}/article/film-out`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(await page.text(), /Film Out/);
    // The pages point comments at the Isso it started, which answers.
    const site = await (await fetch(`http://127.0.0.1:${port}/site.json`)).json();
    assert.equal(site.comments?.endpoint, `http://127.0.0.1:${issoPort}`);
    const config = await fetch(`http://127.0.0.1:${issoPort}/config`);
    assert.equal(config.status, 200);
    assert.equal(typeof (await config.json()).config, 'object');
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
    rmSync(`${root}${dist}`, { recursive: true, force: true });
  }
});
