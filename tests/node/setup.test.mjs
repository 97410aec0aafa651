// The setup script installs what is missing and nothing else: run on a
// machine where everything is in place (as the test command leaves it), it
// installs nothing again. (It used to reinstall Isso on every run: a
// `pip show … | grep -q` pipeline failed at random under `pipefail`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

test('a second run of scripts/setup.sh installs nothing', () => {
  for (let run = 0; run < 3; run += 1) {
    const out = execFileSync('bash', ['scripts/setup.sh'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.doesNotMatch(out, /installing|adding/, `run ${run + 1} installed something:\n${out}`);
  }
});
