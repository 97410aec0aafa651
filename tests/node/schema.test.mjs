// The published JSON Schemas accept every sample file, and refuse the broken
// fixtures the reader has to survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const root = new URL('../../', import.meta.url).pathname;
const load = (path) => JSON.parse(readFileSync(root + path, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const article = ajv.compile(load('schema/article.schema.json'));
const index = ajv.compile(load('schema/index.schema.json'));
const site = ajv.compile(load('schema/site.schema.json'));

const explain = (validate) => ajv.errorsText(validate.errors, { separator: '\n' });

test('every sample article matches the article schema', () => {
  const files = readdirSync(root + 'public/content/articles').filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 8, `expected at least 8 sample articles, found ${files.length}`);
  for (const file of files) {
    const data = load(`public/content/articles/${file}`);
    assert.ok(article(data), `${file}:\n${explain(article)}`);
    assert.equal(`${data.slug}.json`, file, `${file}: slug and file name differ`);
  }
});

test('index.json and site.json match their schemas', () => {
  assert.ok(index(load('public/content/index.json')), explain(index));
  assert.ok(site(load('public/site.json')), explain(site));
});

test('the schema refuses hostile or incomplete articles', () => {
  const good = load('public/content/articles/film-out.json');
  const variants = {
    'missing title': (a) => { delete a.title; },
    'javascript link': (a) => { a.body[0].content.push({ text: 'x', href: 'javascript:alert(1)' }); },
    'protocol-relative link': (a) => { a.body[0].content.push({ text: 'x', href: '//evil.example/' }); },
    'unknown block type': (a) => { a.body.push({ type: 'hologram', id: 'x' }); },
    'bad video id': (a) => { a.body.find((b) => b.type === 'video').video_id = 'not-an-id'; },
    'image without size': (a) => { delete a.hero.width; },
    'image without alt': (a) => { a.hero.alt = ''; },
    'date without zone': (a) => { a.published = '2021-04-02T09:00:00'; },
  };
  for (const [name, spoil] of Object.entries(variants)) {
    const copy = structuredClone(good);
    spoil(copy);
    assert.equal(article(copy), false, `${name} should be refused`);
  }
});
