// The benchmark's baseline: the same Isso thread, fetched in one request and
// rendered into the same DOM as linernotes' comment list, by hand-written
// JavaScript with the same allow-list. linernotes' time is compared to this.
const params = new URLSearchParams(location.search);
const endpoint = params.get('isso');
const uri = params.get('uri');
const ALLOWED = new Set(['P', 'BR', 'EM', 'STRONG', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A']);

function clean(node, into) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) into.append(child.textContent);
    else if (child.nodeType === Node.ELEMENT_NODE && ALLOWED.has(child.nodeName)) {
      const el = document.createElement(child.nodeName);
      if (child.nodeName === 'A' && /^https?:/i.test(child.getAttribute('href') ?? '')) el.href = child.getAttribute('href');
      clean(child, el);
      into.append(el);
    } else if (child.nodeType === Node.ELEMENT_NODE && child.nodeName !== 'SCRIPT') clean(child, into);
  }
}

function item(c) {
  const li = document.createElement('li');
  li.className = 'comment';
  const article = document.createElement('article');
  const header = document.createElement('header');
  const author = document.createElement('span');
  author.textContent = c.author ?? 'Anonymous';
  const time = document.createElement('time');
  time.dateTime = new Date(c.created * 1000).toISOString();
  time.textContent = new Date(c.created * 1000).toLocaleString();
  header.append(author, time);
  const text = document.createElement('div');
  text.className = 'comment__text';
  clean(new DOMParser().parseFromString(c.text, 'text/html').body, text);
  const like = document.createElement('button');
  like.textContent = `♥ ${c.likes}`;
  const reply = document.createElement('button');
  reply.textContent = 'Reply';
  article.append(header, text, like, reply);
  li.append(article);
  if (c.replies?.length) {
    const ol = document.createElement('ol');
    for (const r of c.replies) ol.append(item(r));
    li.append(ol);
  }
  return li;
}

const start = performance.now();
const res = await fetch(`${endpoint}/?uri=${encodeURIComponent(uri)}&sort=newest`);
const thread = await res.json();
const list = document.getElementById('list');
const fragment = document.createDocumentFragment();
for (const c of thread.replies) fragment.append(item(c));
list.append(fragment);
requestAnimationFrame(() => setTimeout(() => { window.__done = performance.now() - start; }));
