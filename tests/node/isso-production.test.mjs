// Isso run the production way (gunicorn workers, deploy/gunicorn/isso_wsgi.py,
// WAL), as scripts/isso.mjs starts it with `workers`. Readers posting at the
// same moment land in different worker processes; each must get back its own
// comment (and the edit cookie for it), and each comment must be stored once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startIsso, queryDb } from '../../scripts/isso.mjs';

let isso;
before(async () => {
  isso = await startIsso({ origin: 'http://127.0.0.1:9', workers: 2 });
});
after(async () => {
  await isso?.stop();
});

function post(agent, uri, n) {
  const text = `Simultaneous comment number ${n}, from its own reader.`;
  const body = JSON.stringify({ title: 'Load', text, author: `Reader ${n}` });
  return new Promise((done, fail) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: isso.port,
        method: 'POST',
        path: `/new?uri=${encodeURIComponent(uri)}`,
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          // One reader per /24, so Isso's rate limit stays out of it.
          'X-Forwarded-For': `10.${(n >> 8) & 255}.${n & 255}.1`,
        },
      },
      (res) => {
        let answer = '';
        res.on('data', (c) => (answer += c));
        res.on('end', () => done({ n, text, status: res.statusCode, answer, cookies: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

test('runs as several processes on a database in WAL mode', async () => {
  // Isso answers as soon as its first worker is up; on a busy machine the
  // second one forks a moment later.
  for (let waited = 0; isso.pids().length < 3 && waited < 15000; waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.ok(isso.pids().length >= 3, `gunicorn and two workers, found ${isso.pids().length} processes`);
  assert.deepEqual(queryDb(isso.db, 'PRAGMA journal_mode'), [['wal']]);
});

test('simultaneous posts, also the first ones of a new thread: each answered with its own comment, stored once', async () => {
  const uri = '/article/simultaneous';
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const answers = [];
  for (let round = 0; round < 20; round++) {
    answers.push(...(await Promise.all(Array.from({ length: 16 }, (_, i) => post(agent, uri, round * 16 + i)))));
  }
  agent.destroy();
  const stored = new Map(
    queryDb(isso.db, `SELECT c.text, c.id FROM comments c JOIN threads t ON c.tid = t.id WHERE t.uri = '${uri}'`),
  );
  const wrong = [];
  for (const a of answers) {
    if (a.status !== 201) {
      wrong.push(`post ${a.n}: status ${a.status}`);
      continue;
    }
    const comment = JSON.parse(a.answer);
    if (!comment.text.includes(a.text)) wrong.push(`post ${a.n} was answered with another comment: ${comment.text}`);
    if (stored.get(a.text) !== comment.id) wrong.push(`post ${a.n} is stored as ${stored.get(a.text)}, answered as ${comment.id}`);
    if (!a.cookies.some((c) => c.startsWith(`${comment.id}=`))) wrong.push(`post ${a.n} got no edit cookie for ${comment.id}`);
  }
  assert.deepEqual(wrong, []);
  assert.equal(stored.size, answers.length, 'every comment stored once');
});
