// Starts the app without any inline script, so the page runs under a strict
// Content-Security-Policy. Trunk adds two SRI-protected preload links (the JS
// glue and the .wasm); this module follows them and passes the wasm's
// integrity to fetch, so a tampered file is refused.
const glue = document.querySelector('link[rel="modulepreload"][href$=".js"]');
// Prerendered pages name the .wasm without preloading it (rel="linernotes-wasm").
const wasm = document.querySelector('link[rel="preload"][href$=".wasm"], link[rel="linernotes-wasm"][href$=".wasm"]');

function fail(reason) {
  console.error(`linernotes could not start: ${reason}`);
  const note = document.getElementById('boot-note');
  if (note) {
    note.textContent = 'This page could not start in your browser. ';
    const reload = document.createElement('a');
    reload.href = location.href;
    reload.textContent = 'Reload';
    note.append(reload);
  }
}

// A prerendered page is readable before the app runs: its images paint
// first, then the app takes it over (the .wasm downloads meanwhile).
function pageLoaded() {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((done) => addEventListener('load', done, { once: true }));
}
const nextFrame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));

// Leptos reads these when it adopts a prerendered page that holds a
// loading boundary; its own boot script would set them inline, which the
// Content-Security-Policy forbids. Nothing is carried in them: the page's
// data travels in its seed.
for (const name of ['__RESOLVED_RESOURCES', '__SERIALIZED_ERRORS', '__INCOMPLETE_CHUNKS']) {
  globalThis[name] ??= [];
}

if (!glue || !wasm) {
  fail('the page is missing its script links');
} else {
  const prerendered = Boolean(document.getElementById('linernotes-seed'));
  const load = () => fetch(wasm.href, { integrity: wasm.integrity || wasm.getAttribute('integrity') || undefined, credentials: 'same-origin' });
  // The app shell has nothing to show until the app runs: fetch at once.
  const early = prerendered ? null : load();
  const glueModule = import(glue.href);
  (async () => {
    try {
      const init = (await glueModule).default;
      if (prerendered) {
        await pageLoaded();
        await nextFrame();
      }
      // Compiled from the whole download, not streamed: a streamed
      // compile decodes the module on the main thread as bytes arrive,
      // and on a fast connection they arrive at once, in one long task.
      // From a buffer, the browser decodes it off the main thread.
      const bytes = (early ?? load()).then((response) => {
        if (!response.ok) throw new Error(`the app's code answered ${response.status}`);
        return response.arrayBuffer();
      });
      await init({ module_or_path: bytes });
    } catch (err) {
      fail(err && err.message ? err.message : String(err));
    }
  })();
}
