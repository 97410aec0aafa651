// Starts the app without any inline script, so the page runs under a strict
// Content-Security-Policy. Trunk adds two SRI-protected preload links (the JS
// glue and the .wasm); this module follows them and passes the wasm's
// integrity to fetch, so a tampered file is refused.
const glue = document.querySelector('link[rel="modulepreload"][href$=".js"]');
const wasm = document.querySelector('link[rel="preload"][href$=".wasm"]');

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

if (!glue || !wasm) {
  fail('the page is missing its script links');
} else {
  try {
    const init = (await import(glue.href)).default;
    const module_or_path = fetch(wasm.href, { integrity: wasm.integrity || undefined, credentials: 'same-origin' });
    await init({ module_or_path });
  } catch (err) {
    fail(err && err.message ? err.message : String(err));
  }
}
