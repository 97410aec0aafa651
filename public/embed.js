/*
 * linernotes embed loader: turns
 *   <div data-linernotes-src="https://cdn.example/magazine/" data-article="film-out"
 *        data-parts="article,video,comments,featured"></div>
 * into a lazy-loaded, titled iframe of that article, and keeps the iframe as
 * tall as its content (and titled by the article, once it says so). Plain JavaScript, no dependencies; include it once:
 *   <script src="https://cdn.example/magazine/embed.js" async></script>
 */
(function () {
  'use strict';
  var MIN_HEIGHT = 80;
  // A long thread with every comment and reply open is tens of thousands
  // of pixels; a height past this is no page's.
  var MAX_HEIGHT = 1000000;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var PARTS = /^[a-z]+(?:,[a-z]+)*$/;
  var frames = [];

  function mount(host) {
    if (host.getAttribute('data-linernotes-mounted')) return;
    var src = host.getAttribute('data-linernotes-src') || '';
    var slug = host.getAttribute('data-article') || '';
    // "article, comments" and "article comments" both name two parts.
    var parts = (host.getAttribute('data-parts') || '').split(/[\s,]+/).filter(Boolean).join(',');
    var base;
    try {
      base = new URL(src, document.baseURI);
    } catch (e) {
      base = null;
    }
    if (!base || (base.protocol !== 'https:' && base.protocol !== 'http:') || !SLUG.test(slug)) {
      console.error('linernotes embed: needs data-linernotes-src (an http(s) address) and data-article (a slug)', host);
      return;
    }
    if (!/\/$/.test(base.pathname)) base.pathname += '/';
    // The page's folder, which static hosts serve without a redirect.
    var url = new URL('embed/article/' + slug + '/', base);
    if (parts && PARTS.test(parts)) url.searchParams.set('parts', parts);
    // The article follows the reader's colour scheme unless the page asks for one.
    var scheme = host.getAttribute('data-color-scheme');
    if (scheme === 'light' || scheme === 'dark') url.searchParams.set('scheme', scheme);

    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = host.getAttribute('data-title') || 'Article from linernotes';
    frame.loading = 'lazy';
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    // Every feature a player in the article may ask for: a frame can pass
    // on to the player's own frame only what it was given.
    frame.setAttribute('allow', 'accelerometer; autoplay; encrypted-media; fullscreen; gyroscope; picture-in-picture');
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = (Number(host.getAttribute('data-height')) || 600) + 'px';
    host.setAttribute('data-linernotes-mounted', 'true');
    host.appendChild(frame);
    frames.push({ frame: frame, origin: url.origin, titled: host.hasAttribute('data-title') });
  }

  // A height is believed only from the linernotes origin, from that very
  // iframe's window, and only as a finite number within bounds.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'linernotes:height') return;
    for (var i = 0; i < frames.length; i++) {
      var entry = frames[i];
      if (event.origin !== entry.origin || event.source !== entry.frame.contentWindow) continue;
      var height = data.height;
      if (typeof height !== 'number' || !isFinite(height) || height < MIN_HEIGHT || height > MAX_HEIGHT) return;
      entry.frame.style.height = Math.ceil(height) + 'px';
      // Named by the article it shows, so two frames on a page do not
      // sound alike, unless the page chose a title.
      var title = data.title;
      if (!entry.titled && typeof title === 'string' && title.trim() && title.length <= 300 && entry.frame.title !== title) {
        entry.frame.title = title;
      }
      return;
    }
  });

  function mountAll() {
    var hosts = document.querySelectorAll('[data-linernotes-src]');
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
