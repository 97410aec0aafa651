// Starts the app without any inline script, so the page runs under a strict
// Content-Security-Policy. Trunk adds two SRI-protected preload links (the JS
// glue and the .wasm); this module follows them and passes the wasm's
// integrity to fetch, so a tampered file is refused.
// Prerendered pages name both without preloading them (rel="linernotes-glue",
// rel="linernotes-wasm"): the article, its stylesheet and its images load
// first, and the app's files after the page has loaded.
// Isso's own links to a comment (its reply notifications, its moderation
// mails, its comment feed) end in `#isso-12`: the page names that comment
// `#comment-12`, and the address says so before the app reads it. A
// comment on a passage is linked after the passage's own address
// (`#q1#isso-12`): `#q1#comment-12` opens that passage's panel at it.
const issoLink = location.hash.match(/^#(?:([A-Za-z][\w-]*)#)?isso-(\d+)$/);
if (issoLink) history.replaceState(history.state, '', `#${issoLink[1] ? issoLink[1] + '#' : ''}comment-${issoLink[2]}`);

const glue = document.querySelector('link[rel="modulepreload"][href$=".js"], link[rel="linernotes-glue"][href$=".js"]');
const wasm = document.querySelector('link[rel="preload"][href$=".wasm"], link[rel="linernotes-wasm"][href$=".wasm"]');

// Says what went wrong with starting, with a way to reload: in the app
// shell's loading note, or, on a prerendered page, which stays readable but
// whose buttons, search and comments wait for the app, in a bar over the
// page's foot (fixed, so nothing on the page moves). Returns the bar.
function tell(shell, page) {
  const reload = document.createElement('a');
  reload.href = location.href;
  reload.textContent = 'Reload';
  const note = document.getElementById('boot-note');
  if (note) {
    note.textContent = shell;
    note.append(reload);
    // In another site's frame, the article is still a link away.
    const embedded = location.pathname.match(/\/embed\/article\/([^/]+)\/?$/);
    if (embedded) {
      const article = document.createElement('a');
      article.href = location.pathname.slice(0, embedded.index) + `/article/${embedded[1]}`;
      article.target = '_top';
      article.textContent = 'read the article on its site';
      note.append(', or ', article, '.');
    }
    return null;
  }
  if (!document.body) return null;
  document.querySelector('.boot-failed')?.remove();
  // The note of a kept press goes, with its Cancel: the press goes too, or
  // it would happen long after, unseen and beyond calling off.
  forgetPress();
  const bar = document.createElement('p');
  bar.className = 'boot-failed';
  bar.setAttribute('role', 'status');
  bar.textContent = page;
  bar.append(reload);
  document.body.append(bar);
  return bar;
}

// Set once starting failed, until it is tried again: a press then is not
// kept, as the page will not start by itself to answer it.
let startFailed = false;
// Drops a press kept while the app starts, and its note (keepEarlyInput).
let forgetPress = () => {};

function fail(reason, offline = false) {
  startFailed = true;
  console.error(`linernotes could not start: ${reason}`);
  if (offline) {
    tell('This page could not start: you seem to be offline. It starts by itself once you are back online, or ', 'The page’s text is here; its player, search and comments start by themselves once you are back online, or ');
    return;
  }
  tell('This page could not start in your browser. ', 'The page’s text is here, but its player, search and comments could not start. ');
}

// A download that stalls (a dropped connection that never says so) would
// leave the page waiting in silence: after a while the reader is told,
// and the wait goes on; the note goes once the app runs.
const SLOW_START_MS = 20000;
function watchSlowStart() {
  let bar = null;
  const timer = setTimeout(() => {
    console.warn('linernotes: the app is taking long to load');
    bar = tell('Loading is taking longer than usual. ', 'The page’s text is here; its player, search and comments are taking long to start. ');
  }, SLOW_START_MS);
  return () => {
    clearTimeout(timer);
    bar?.remove();
  };
}

// The release .wasm stops at a panic at once, without unwinding or a
// message (smaller code: see the README's "How it is built"). The stop
// reaches JavaScript as a WebAssembly.RuntimeError, from a task, a promise
// or the start itself: the reader gets a message and a way to reload,
// instead of a page that silently stopped.
let crashed = false;
const isTrap = (err) => err instanceof WebAssembly.RuntimeError;
function crash(err) {
  if (crashed) return;
  crashed = true;
  console.error(`linernotes stopped: ${err && err.message ? err.message : err}`);
  const main = document.createElement('main');
  main.className = 'crash';
  main.setAttribute('role', 'alert');
  const heading = document.createElement('h1');
  heading.textContent = 'Something went wrong';
  const text = document.createElement('p');
  text.textContent = 'This page stopped working. Reloading usually helps.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button';
  reload.textContent = 'Reload the page';
  reload.addEventListener('click', () => location.reload());
  main.append(heading, text, reload);
  document.body.replaceChildren(main);
  reload.focus();
}
addEventListener('error', (event) => {
  if (isTrap(event.error)) crash(event.error);
});
addEventListener('unhandledrejection', (event) => {
  if (isTrap(event.reason)) crash(event.reason);
});

// A prerendered page shows its buttons before the app can answer them
// (a player's play button, the carousel's arrows): a press then is kept,
// and given to the button once the app is live. Nothing in the page is
// touched meanwhile: the app checks the page is as built before adopting it.
// So the reader knows the press was heard, a note over the page's foot
// (fixed, so nothing moves) says it waits, with a way to call it off.
//
// Words typed into a field meanwhile (the search box) are kept the same
// way: the app sets the field as it would render it, and then gets them back
// as if typed again.
function keepEarlyInput(root) {
  let pressed = null;
  const typed = new Map();
  const early = () => performance.getEntriesByName('linernotes:adopted-top').length === 0;
  // What finds the same control again when the page is rendered anew: the
  // nearest id around it, its class and its name.
  const nameOf = (el) => el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.textContent.trim();
  const place = (el) => ({ anchor: el.closest('[id]')?.id ?? null, className: el.className, name: nameOf(el) });
  const same = (el, p) => el.className === p.className && nameOf(el) === p.name;
  // The anchor may be the control itself (the search box has its own id).
  const find = (p, selector) => {
    const anchor = document.getElementById(p.anchor);
    if (!anchor) return null;
    return [anchor, ...anchor.querySelectorAll(selector)].find((el) => el.matches(selector) && same(el, p)) ?? null;
  };
  let waiting = null;
  const stopWaiting = () => {
    waiting?.remove();
    waiting = null;
  };
  forgetPress = () => {
    pressed = null;
    stopWaiting();
  };
  const press = (event) => {
    // From the first adoption on, the app hears presses itself; after a
    // failed start, nothing will (the bar over the page's foot says so).
    if (!early() || startFailed) return;
    const button = event.target instanceof Element ? event.target.closest('button[type="button"]') : null;
    if (!button || !root.contains(button)) return;
    pressed = { button, ...place(button) };
    if (waiting || !document.body) return;
    waiting = document.createElement('p');
    waiting.className = 'boot-waiting';
    waiting.setAttribute('role', 'status');
    waiting.textContent = 'The page is still starting: what you pressed happens as soon as it is ready. ';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => {
      // Back to the control pressed: the note was at the page's foot.
      const back = pressed?.button;
      forgetPress();
      if (back?.isConnected) back.focus();
    });
    waiting.append(cancel);
    document.body.append(waiting);
  };
  const type = (event) => {
    const field = event.target;
    if (!early() || !(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
    typed.set(field, { ...place(field), value: field.value, end: field.selectionEnd });
  };
  root.addEventListener('click', press, true);
  root.addEventListener('input', type, true);
  const live = new MutationObserver(() => {
    if (root.getAttribute('data-app') !== 'live') return;
    live.disconnect();
    root.removeEventListener('click', press, true);
    root.removeEventListener('input', type, true);
    // A page rendered anew fills in during the microtasks after it goes
    // live, and the app puts the reader's focus back at the next frame:
    // the controls are found after both.
    requestAnimationFrame(giveBack);
  });
  const giveBack = () => {
    for (const [field, was] of typed) {
      // Adopted, it is the same node; rendered anew, the one in its place.
      const target = field.isConnected ? field : was.anchor && find(was, 'input, textarea');
      if (!target || target.value === was.value) continue;
      target.value = was.value;
      if (document.activeElement === target) target.setSelectionRange(was.end, was.end);
      target.dispatchEvent(new Event('input', { bubbles: true }));
    }
    stopWaiting();
    // The note said it would happen, however long the start took.
    if (!pressed) return;
    const target = pressed.button.isConnected ? pressed.button : pressed.anchor && find(pressed, 'button');
    target?.click();
  };
  live.observe(root, { attributes: true, attributeFilter: ['data-app'] });
}

// A prerendered page is readable before the app runs: its images paint
// first, then the app takes it over (the .wasm downloads meanwhile). An
// image that never finishes must not keep the page's buttons dead: the app
// starts after a few seconds whatever is still loading.
const LOAD_WAIT_MS = 3000;
function pageLoaded() {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((done) => {
    addEventListener('load', done, { once: true });
    setTimeout(done, Math.max(0, LOAD_WAIT_MS - performance.now()));
  });
}
const nextFrame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));

// A page is built from files: the site's settings (`site.json`) and the data
// it shows (its article's JSON, or `index.json` for a list of stories).
// #app names each, with a digest of the text it had. One changed after the
// build, without the pages being built again (a correction, a new story,
// comments switched on), would be shown as it was on every direct visit:
// the deployed files are read while the app downloads (the page is read
// without them: this is the one request for the article's file), and when
// one differs, the page's data takes it, so the app renders the page anew,
// in one frame, as deployed. A file that cannot be read (removed, or not
// there yet in an upload under way), or is not JSON, leaves its part as
// built, as a link within the app does. The check waits at most a few
// seconds, then the page is adopted as built.
const SOURCE_WAIT_MS = 3000;
function sourceDigest(text) {
  // FNV-1a, 32 bits, of the UTF-8 bytes, as the prerenderer computes it
  // (without a byte-order mark, which the caller has taken off).
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
// The deployed file at `address`, parsed, if its text is not the one whose
// digest is `built`; null if it is, or cannot be read.
async function changedFile(address, built) {
  if (!address || !built) return null;
  const response = await fetch(address, { credentials: 'same-origin' }).catch(() => null);
  if (!response?.ok) return null;
  const text = (await response.text().catch(() => null))?.replace(/^\ufeff/, '');
  if (text == null || sourceDigest(text) === built) return null;
  try {
    return JSON.parse(text);
  } catch {
    console.warn(`linernotes: ${address} changed after this page was built and is not JSON now: the page is shown as built`);
    return null;
  }
}
// Whether deployed settings look like settings the app can read. The app
// would refuse the page's whole data for settings it cannot read, and load
// everything instead; such a site.json leaves the page as built (the app,
// reading it again, keeps the settings the page came with).
const isText = (value) => value === undefined || value === null || typeof value === 'string';
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function looksLikeSettings(site) {
  return isObject(site) && typeof site.name === 'string'
    && ['tagline', 'origin', 'language', 'content_base'].every((key) => isText(site[key]))
    && (site.sections === undefined || (Array.isArray(site.sections) && site.sections.every((s) => isObject(s) && typeof s.slug === 'string' && typeof s.name === 'string')))
    && (site.comments === undefined || typeof site.comments === 'string' || isObject(site.comments))
    && ['carousel', 'embed'].every((key) => site[key] === undefined || isObject(site[key]));
}
function followDeployedFiles(root) {
  const seedElement = document.getElementById('linernotes-seed');
  if (!seedElement) return Promise.resolve();
  const files = [
    ['site', root.getAttribute('data-ln-settings'), root.getAttribute('data-ln-settings-digest')],
    [null, root.getAttribute('data-ln-source'), root.getAttribute('data-ln-source-digest')],
  ].filter(([, address]) => address);
  let late = false;
  const check = Promise.all(files.map(([part, address, built]) => changedFile(address, built).then((data) => [part ?? (address.endsWith('/index.json') ? 'index' : 'article'), address, data])))
    .then((found) => {
      const unreadable = found.filter(([part, , data]) => part === 'site' && data !== null && !looksLikeSettings(data));
      for (const [, address] of unreadable) {
        console.warn(`linernotes: ${address} changed after this page was built and is not settings the app can read: the page is shown as built`);
      }
      const changed = found.filter(([part, , data]) => data !== null && !unreadable.some(([p]) => p === part));
      if (!changed.length || late) return;
      const seed = JSON.parse(seedElement.textContent);
      for (const [part, , data] of changed) seed[part] = data;
      seedElement.textContent = JSON.stringify(seed);
      // Not the page this build rendered any more: rendered anew, not adopted.
      root.removeAttribute('data-ln-build');
      for (const [, address] of changed) {
        console.warn(`linernotes: ${address} changed after this page was built: it is shown as deployed (build the pages again to bring their HTML up to date)`);
      }
    })
    .catch(() => {});
  const wait = new Promise((done) => setTimeout(done, SOURCE_WAIT_MS)).then(() => { late = true; });
  return Promise.race([check, wait]);
}

// Leptos reads these when it adopts a prerendered page that holds a
// loading boundary; its own boot script would set them inline, which the
// Content-Security-Policy forbids. Nothing is carried in them: the page's
// data travels in its seed.
for (const name of ['__RESOLVED_RESOURCES', '__SERIALIZED_ERRORS', '__INCOMPLETE_CHUNKS']) {
  globalThis[name] ??= [];
}

// A player whose frame the page's policy refuses says so in its place
// (players.js, fetched only then: nothing of it is in the app's download).
document.addEventListener('securitypolicyviolation', (event) => {
  if (!/^(frame-src|child-src|default-src)$/.test(event.effectiveDirective)) return;
  import('./players.js').then((players) => players.tellRefusedPlayers(event, [document]), () => {});
});

if (!glue || !wasm) {
  fail('the page is missing its script links');
} else {
  // A prerendered page's root carries its build; the app shell (404.html,
  // an embed's page) has a seed of settings too, but nothing to read, so
  // its code is fetched at once. (Waiting for a frame would also leave an
  // embed below the host's fold unstarted: a browser runs no frames in
  // another site's frame that is out of view.)
  const prerendered = Boolean(document.getElementById('app')?.hasAttribute('data-ln-build'));
  const root = document.getElementById('app');
  if (prerendered && root) keepEarlyInput(root);
  // The app shell keeps the .wasm's hash in `data-integrity`: a preload of
  // it could not check it, and the browser would warn.
  const integrity = (link) => link.integrity || link.getAttribute('integrity') || link.dataset.integrity || undefined;
  // A missing file fails its integrity check before its status can be
  // read, so the browser says only "Failed to fetch": name the file.
  const load = () => fetch(wasm.href, { integrity: integrity(wasm), credentials: 'same-origin' }).catch((err) => {
    throw new Error(`${new URL(wasm.href).pathname} could not be fetched, or is not the file this page names (${err && err.message ? err.message : err})`);
  });
  // The glue is imported through a modulepreload link, which carries its
  // integrity: a prerendered page gets that link only now.
  let preloaded = glue.rel === 'modulepreload';
  const importGlue = () => {
    if (!preloaded) {
      preloaded = true;
      const preload = document.createElement('link');
      preload.rel = 'modulepreload';
      preload.href = glue.href;
      preload.crossOrigin = 'anonymous';
      if (integrity(glue)) preload.integrity = integrity(glue);
      document.head.append(preload);
    }
    return import(glue.href);
  };
  // The app shell has nothing to show until the app runs: fetch at once.
  const early = prerendered ? null : load();
  const earlyGlue = prerendered ? null : importGlue();
  // Their failures are reported below, when they are awaited; until then
  // they must not count as unhandled.
  early?.catch(() => {});
  earlyGlue?.catch(() => {});
  let attempts = 0;
  const start = async () => {
    attempts += 1;
    startFailed = false;
    const first = attempts === 1;
    let started = () => {};
    try {
      if (prerendered && first) {
        await pageLoaded();
        await nextFrame();
      }
      started = watchSlowStart();
      const response = (first && early) || load();
      const deployed = prerendered && first && root ? followDeployedFiles(root) : null;
      // It may fail while the glue is still on its way: reported below.
      response.catch(() => {});
      const init = (await ((first && earlyGlue) || importGlue())).default;
      // Compiled from the whole download, not streamed: a streamed
      // compile decodes the module on the main thread as bytes arrive,
      // and on a fast connection they arrive at once, in one long task.
      // From a buffer, the browser decodes it off the main thread.
      const bytes = response.then((response) => {
        if (!response.ok) throw new Error(`the app's code answered ${response.status}`);
        return response.arrayBuffer();
      });
      // Reported below, once awaited: the check of the deployed files may
      // still be on its way when the download fails.
      bytes.catch(() => {});
      // The page's data is settled before the app reads it.
      if (deployed) await deployed;
      await init({ module_or_path: bytes });
      started();
    } catch (err) {
      started();
      if (isTrap(err)) crash(err);
      else if (!navigator.onLine) {
        // The connection dropped while the code was on its way: like a
        // page of the app that failed to load, it is tried again when the
        // browser is back online.
        fail(err && err.message ? err.message : String(err), true);
        addEventListener('online', () => {
          document.querySelector('.boot-failed')?.remove();
          start();
        }, { once: true });
      } else fail(err && err.message ? err.message : String(err));
    }
  };
  start();
}
