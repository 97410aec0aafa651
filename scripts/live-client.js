// Development only: scripts/serve.mjs serves this as `__live.js` to pages of
// the dev command (scripts/dev.sh), and no build contains it. When the
// content loop has rebuilt the site, the page loads again where the reader
// was; when a saved article has problems, a note says so until it is fixed
// (the page keeps showing the last good version).
(() => {
  const here = new URL(document.currentScript?.src ?? location.href);
  // The site version this page was served with (see scripts/serve.mjs).
  const served = here.searchParams.get('v');
  const events = new EventSource(new URL('__live/events', here));
  const SCROLL = 'linernotes-live-scroll';
  const reload = () => {
    try { sessionStorage.setItem(SCROLL, String(window.scrollY)); } catch {}
    location.reload();
  };

  events.addEventListener('reload', reload);
  // A reload sent while this page was loading is caught here.
  events.addEventListener('version', (event) => {
    let now = null;
    try { now = String(JSON.parse(event.data).version); } catch {}
    if (served !== null && now !== null && now !== served) reload();
  });

  events.addEventListener('problem', (event) => {
    let text = '';
    try { text = JSON.parse(event.data).text ?? ''; } catch {}
    let note = document.getElementById('linernotes-live-problem');
    if (!note) {
      note = document.createElement('div');
      note.id = 'linernotes-live-problem';
      note.setAttribute('role', 'alert');
      // Properties set through the CSSOM are allowed by the strict CSP
      // (a style attribute would not be).
      Object.assign(note.style, {
        position: 'fixed', insetInline: '0', bottom: '0', zIndex: '2147483647', margin: '0',
        padding: '0.75rem 1rem', background: '#5c0b0b', color: '#ffffff', whiteSpace: 'pre-wrap',
        font: '14px/1.4 ui-monospace, monospace', maxHeight: '40vh', overflow: 'auto',
      });
      document.body.append(note);
    }
    note.textContent = `Not updated: the saved article has problems (the page shows the last good version).\n${text}`;
  });

  const saved = (() => { try { return sessionStorage.getItem(SCROLL); } catch { return null; } })();
  if (saved !== null) {
    try { sessionStorage.removeItem(SCROLL); } catch {}
    const y = Number(saved);
    if (Number.isFinite(y)) addEventListener('load', () => window.scrollTo(0, y), { once: true });
  }
})();
