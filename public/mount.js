/*
 * linernotes, mounted in your page (no iframe):
 *   <div data-linernotes-mount="https://cdn.example/magazine/" data-article="film-out"
 *        data-parts="article,video,comments"></div>
 *   <script type="module" src="https://cdn.example/magazine/mount.js"></script>
 * Each such element gets a shadow root with the article inside, styled by
 * our stylesheet only. Your page's links, address and styles stay yours.
 */
const hosts = [...document.querySelectorAll('[data-linernotes-mount]')];

function explain(err, origin) {
  console.error(
    `linernotes could not start in this page (${err && err.message ? err.message : err}). ` +
    `If the page has a Content-Security-Policy, it must allow ${origin} in script-src (with 'wasm-unsafe-eval'), ` +
    `connect-src, style-src and img-src, the comment server in connect-src, and the music and video players' ` +
    `origins in frame-src (see the README's Content-Security-Policy). If it does, the app's files may not be ` +
    `the release its mount.json names (a deploy half done, or a changed copy), and were refused.`,
  );
}

/** The article's stylesheet did not load: the app does not start. */
class StyleRefused extends Error {
  constructor(href, origin) {
    super(`the article's stylesheet (${href}) was refused, so the articles stay links. ` +
      `If this page has a Content-Security-Policy, its style-src must allow ${origin}. ` +
      `If it does, the file is not the one mount.json names (a deploy half done, or a copy changed on the way, ` +
      `such as a CDN that minifies stylesheets), and its integrity check failed.`);
  }
}

/** The site's address an element names, or null (with a console error). */
function siteOf(host) {
  const given = (host.getAttribute('data-linernotes-mount') || '').trim();
  try {
    // Empty (a template whose setting is blank) would name this very page.
    if (!given) throw new Error('it is empty');
    const base = new URL(given, document.baseURI);
    if (!/^https?:$/.test(base.protocol)) throw new Error('not an http(s) address');
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return base;
  } catch (err) {
    console.error(`linernotes: data-linernotes-mount must be the site's address (${given}): ${err.message}`);
    return null;
  }
}

/**
 * The reader's default text size. Our sizes are multiples of --ln-rem, not
 * of rem, which inside this page means its root size (often set to 62.5%).
 */
function readersTextSize(shadow) {
  const probe = document.createElement('span');
  probe.style.fontSize = 'medium';
  shadow.append(probe);
  const size = getComputedStyle(probe).fontSize;
  probe.remove();
  return size;
}

/**
 * The .wasm stops at a panic at once, as a WebAssembly.RuntimeError (see
 * boot.js). Only the articles it drew are replaced by a note and their
 * link, never the rest of the host page; a stop in the host's own code is
 * not ours to handle.
 */
function watchForStop(requests, glue) {
  let stopped = false;
  const stop = (err) => {
    if (stopped) return;
    stopped = true;
    console.error(`linernotes stopped: ${err && err.message ? err.message : err}`);
    if (trustedTypesRequired) console.error(`linernotes: ${TRUSTED_TYPES_ADVICE}.`);
    for (const r of requests) {
      const note = document.createElement('p');
      note.className = 'crash';
      note.setAttribute('role', 'alert');
      note.textContent = 'This article stopped working here. ';
      const link = document.createElement('a');
      link.href = new URL(`article/${encodeURIComponent(r.article)}`, r.base).href;
      link.textContent = 'Read it on linernotes';
      note.append(link);
      r.element.replaceChildren(note);
    }
  };
  const ours = (err) => err instanceof WebAssembly.RuntimeError && String(err.stack || '').includes(glue);
  addEventListener('error', (event) => {
    if (ours(event.error)) stop(event.error);
  });
  addEventListener('unhandledrejection', (event) => {
    if (ours(event.reason)) stop(event.reason);
  });
  return stop;
}

/**
 * The shadow root the article lives in: the element's own, or, for an
 * element that cannot have one (`<li>`, `<td>`, `<figure>`…), that of a
 * `<div>` inside it. Null (with a console error) when neither works.
 */
function shadowFor(host) {
  try {
    return host.attachShadow({ mode: 'open' });
  } catch {
    try {
      const inner = document.createElement('div');
      const shadow = inner.attachShadow({ mode: 'open' });
      host.append(inner);
      return shadow;
    } catch (err) {
      console.error(`linernotes: cannot mount an article in this element (${err.message})`, host);
      return null;
    }
  }
}

// Elements this page has mounted, across every copy of this script it
// loads: a second copy must not take over articles that are running.
const mounted = (globalThis.linernotesMounted ??= new WeakSet());
const started = Boolean(globalThis.linernotesMount);

// A page whose policy demands Trusted Types cannot host the article in its
// own document (the renderer builds its templates from markup strings).
let trustedTypesRequired = false;
// The articles this copy of the script mounted, for players the page refuses.
const shadows = [];
document.addEventListener('securitypolicyviolation', (event) => {
  if (/trusted-types/.test(event.violatedDirective)) trustedTypesRequired = true;
  // A player whose frame the page refuses says so in its place (players.js,
  // fetched only then).
  if (/^(frame-src|child-src|default-src)$/.test(event.effectiveDirective)) {
    import('./players.js').then((players) => players.tellRefusedPlayers(event, shadows), () => {});
  }
});

const TRUSTED_TYPES_ADVICE = 'this page\'s Content-Security-Policy requires Trusted Types, which an article mounted in the page cannot meet: embed it with embed.js (an iframe) instead';

/**
 * Whether the page enforces Trusted Types, asked before the app starts:
 * a markup string given to a detached template throws there (unless the
 * page has a default policy that lets it through, and then the app can run).
 * The violation event alone comes too late to be sure of.
 */
function trustedTypesEnforced() {
  try {
    document.createElement('template').innerHTML = '';
    return false;
  } catch (err) {
    return err instanceof TypeError;
  }
}

const PART_NAMES = ['article', 'video', 'comments', 'featured'];

/**
 * The parts an element asks for, as embed.js reads them: "Article, comments",
 * "article;comments" and "article comments" all name two. A name the app
 * does not know is said in the console; with none it knows, it shows all.
 */
function partsOf(host) {
  const names = (host.getAttribute('data-parts') || '').toLowerCase().split(/[\s,;]+/).filter(Boolean);
  const unknown = names.filter((name) => !PART_NAMES.includes(name));
  if (unknown.length) {
    const all = unknown.length === names.length ? ': showing the whole article' : '';
    console.warn(`linernotes: data-parts names parts among ${PART_NAMES.join(', ')}, not ${unknown.join(', ')}${all}`, host);
  }
  return names.filter((name) => PART_NAMES.includes(name)).join(',');
}

async function start() {
  const requests = [];
  for (const host of hosts) {
    if (mounted.has(host)) continue;
    // Each element names its own site: its links and content come from there.
    const base = siteOf(host);
    if (!base) continue;
    const slug = (host.getAttribute('data-article') || '').trim();
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 120) {
      console.error(`linernotes: data-article must be an article's slug, such as film-out (${slug || 'missing'})`, host);
      continue;
    }
    const shadow = shadowFor(host);
    if (!shadow) continue;
    shadows.push(shadow);
    mounted.add(host);
    const root = document.createElement('div');
    // Until the app is running, and if it cannot run: a plain link.
    const fallback = document.createElement('a');
    fallback.href = new URL(`article/${encodeURIComponent(slug)}`, base).href;
    fallback.textContent = 'Read this article on linernotes';
    root.append(fallback);
    shadow.replaceChildren(root);
    host.style.setProperty('--ln-rem', readersTextSize(shadow));
    // `data-color-scheme` holds the article to one scheme (style/main.css,
    // `:host([data-color-scheme])`): on the element that holds the shadow root.
    // Written as the page's author may ("Dark"), matched as the stylesheet does.
    const scheme = (host.getAttribute('data-color-scheme') || '').trim().toLowerCase();
    if (scheme === 'light' || scheme === 'dark') shadow.host.setAttribute('data-color-scheme', scheme);
    else if (scheme) console.warn(`linernotes: data-color-scheme is "light" or "dark" (${scheme}): the article follows the reader's scheme`, host);
    requests.push({ element: root, shadow, base, src: base.href, article: slug, parts: partsOf(host) });
  }
  if (!requests.length) return;
  // The app would stop at its first render: the plain links stay, and the
  // console says why and what to use instead.
  if (trustedTypesEnforced()) {
    console.error(`linernotes: ${TRUSTED_TYPES_ADVICE}.`, requests.map((r) => r.element.getRootNode().host));
    return;
  }
  if (started) {
    // The app reads the page's elements once, when it starts; these keep
    // their plain link.
    console.error('linernotes: elements added after the page\'s articles started are not mounted (they link to the article): put every element in the page before mount.js runs, or use embed.js for articles added later', requests.map((r) => r.element.getRootNode().host));
    return;
  }
  // The app's own files come from where this script comes from, so they are
  // the same release as it.
  const base = new URL('./', import.meta.url);
  let stop = null;
  try {
    const manifest = await (await fetch(new URL('mount.json', base), { mode: 'cors' })).json();
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL(manifest.css, base).href;
    if (manifest.css_integrity) css.integrity = manifest.css_integrity;
    css.crossOrigin = 'anonymous';
    // An article without its stylesheet would spill into the page unstyled
    // (full-width images, the host's fonts): the app starts only once every
    // copy has loaded, and otherwise the plain links stay.
    const loads = [];
    for (const r of requests) {
      const link = css.cloneNode();
      loads.push(new Promise((ok, fail) => {
        link.addEventListener('load', ok, { once: true });
        link.addEventListener('error', () => fail(new StyleRefused(link.href, base.origin)), { once: true });
      }));
      r.shadow.prepend(link);
      // The article's language and direction, not the host page's.
      r.element.lang = manifest.lang || 'en';
      r.element.dir = manifest.dir || 'ltr';
    }
    window.linernotesMount = requests.map(({ element, src, article, parts }) => ({ element, src, article, parts }));
    const glue = new URL(manifest.js, base).href;
    stop = watchForStop(requests, glue);
    // Imported through a modulepreload link that carries the glue's hash,
    // as the full site does: a script that is not the release's is refused,
    // never run in the host's page.
    if (manifest.js_integrity) {
      const preload = document.createElement('link');
      preload.rel = 'modulepreload';
      preload.href = glue;
      preload.crossOrigin = 'anonymous';
      preload.integrity = manifest.js_integrity;
      document.head.append(preload);
    }
    const styled = Promise.all(loads);
    styled.catch(() => {}); // awaited below, after the downloads it runs beside
    const init = (await import(glue)).default;
    // Compiled from the whole download, as the site's own pages do: a
    // streamed compile decodes the module on the host page's main thread as
    // the bytes arrive (one long task on a fast connection), and needs the
    // host to send it as application/wasm.
    const wasm = fetch(new URL(manifest.wasm, base), { integrity: manifest.wasm_integrity || undefined, mode: 'cors' })
      .then((response) => {
        if (!response.ok) throw new Error(`the app's code answered ${response.status}`);
        return response.arrayBuffer();
      });
    wasm.catch(() => {}); // awaited by the app's start, after the stylesheet
    await styled;
    await init({ module_or_path: wasm });
  } catch (err) {
    if (err instanceof StyleRefused) {
      for (const r of requests) r.shadow.querySelector('link[rel="stylesheet"]')?.remove();
      console.error(`linernotes: ${err.message}`);
    } else if (stop && err instanceof WebAssembly.RuntimeError) stop(err);
    else explain(err, base.origin);
  }
}

start();
