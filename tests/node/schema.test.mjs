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

const audio = (a) => a.body.find((b) => b.type === 'audio');

test('the schema accepts an audio block of every service', () => {
  const good = load('public/content/articles/film-out.json');
  const variants = {
    'Spotify album': { provider: 'spotify', kind: 'album', audio_id: '4iV5W9uYEdYUVa79Axb7Rh' },
    'Apple Music song': { provider: 'apple_music', kind: 'track', storefront: 'jp', audio_id: '1562580574' },
    'Apple Music playlist': { provider: 'apple_music', kind: 'playlist', storefront: 'us', audio_id: 'pl.u-8aAVZAAfRk6YWJ' },
    'SoundCloud track': { provider: 'soundcloud', kind: 'track', url: 'https://soundcloud.com/kestrel-lamps/harbour-lights' },
    'SoundCloud set': { provider: 'soundcloud', kind: 'album', url: 'https://soundcloud.com/kestrel-lamps/sets/tidewater' },
    'Bandcamp album': { provider: 'bandcamp', kind: 'album', audio_id: '2916489213', url: 'https://paper-moons.bandcamp.com/album/low-tide-live' },
  };
  for (const [name, fields] of Object.entries(variants)) {
    const copy = structuredClone(good);
    const block = audio(copy);
    for (const key of ['audio_id', 'storefront', 'url']) delete block[key];
    Object.assign(block, fields);
    assert.ok(article(copy), `${name}:\n${explain(article)}`);
  }
  const vimeo = structuredClone(good);
  Object.assign(vimeo.body.find((b) => b.type === 'video'), { provider: 'vimeo', video_id: '76979871' });
  assert.ok(article(vimeo), explain(article));
});

test('the schema refuses hostile or incomplete articles', () => {
  const good = load('public/content/articles/film-out.json');
  const variants = {
    'missing title': (a) => { delete a.title; },
    'javascript link': (a) => { a.body[0].content.push({ text: 'x', href: 'javascript:alert(1)' }); },
    'protocol-relative link': (a) => { a.body[0].content.push({ text: 'x', href: '//evil.example/' }); },
    'unknown block type': (a) => { a.body.push({ type: 'hologram', id: 'x' }); },
    'bad video id': (a) => { a.body.find((b) => b.type === 'video').video_id = 'not-an-id'; },
    'YouTube id for a Vimeo video': (a) => { a.body.find((b) => b.type === 'video').provider = 'vimeo'; },
    'unknown video provider': (a) => { a.body.find((b) => b.type === 'video').provider = 'dailymotion'; },
    'bad Spotify id': (a) => { audio(a).audio_id = '4FilmOutLinernotesDemo"><x'; },
    'audio without artist': (a) => { delete audio(a).artist; },
    'audio without id': (a) => { delete audio(a).audio_id; },
    'unknown music service': (a) => { audio(a).provider = 'napster'; },
    'Spotify block with a page URL': (a) => { audio(a).url = 'https://open.spotify.com/track/4FilmOutLinernotesDemo'; },
    'Apple Music without storefront': (a) => { Object.assign(audio(a), { provider: 'apple_music', audio_id: '1562580574' }); },
    'Apple Music playlist with a numeric id': (a) => { Object.assign(audio(a), { provider: 'apple_music', kind: 'playlist', storefront: 'jp', audio_id: '1562580574' }); },
    'SoundCloud track pointing at a set': (a) => { Object.assign(audio(a), { provider: 'soundcloud', audio_id: undefined, url: 'https://soundcloud.com/a/sets/b' }); delete audio(a).audio_id; },
    'SoundCloud URL on another host': (a) => { Object.assign(audio(a), { provider: 'soundcloud', url: 'https://evil.example/a/b' }); delete audio(a).audio_id; },
    'Bandcamp playlist': (a) => { Object.assign(audio(a), { provider: 'bandcamp', kind: 'playlist', audio_id: '12', url: 'https://a.bandcamp.com/album/b' }); },
    'Bandcamp without its page': (a) => { Object.assign(audio(a), { provider: 'bandcamp', audio_id: '12' }); },
    'artwork without size': (a) => { delete audio(a).artwork.width; },
    'artwork without alt': (a) => { audio(a).artwork.alt = ''; },
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
