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

  // Set so that a host stylesheet's `iframe { height: … !important }` does
  // not leave the article in a box that scrolls inside the page.
  function setHeight(frame, height) {
    frame.style.setProperty('height', Math.ceil(height) + 'px', 'important');
  }

  function mount(host) {
    if (host.getAttribute('data-linernotes-mounted')) return;
    var src = (host.getAttribute('data-linernotes-src') || '').trim();
    var slug = (host.getAttribute('data-article') || '').trim();
    // "article, comments" and "article comments" both name two parts.
    var parts = (host.getAttribute('data-parts') || '').toLowerCase().split(/[\s,;]+/).filter(Boolean).join(',');
    var base;
    try {
      // Empty (a template whose setting is blank) would name this very page.
      base = src ? new URL(src, document.baseURI) : null;
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
    else if (parts) console.warn('linernotes embed: data-parts names parts such as "article,video": showing the whole article', host);
    // The article follows the reader's colour scheme unless the page asks for one.
    var scheme = (host.getAttribute('data-color-scheme') || '').trim().toLowerCase();
    if (scheme === 'light' || scheme === 'dark') url.searchParams.set('scheme', scheme);
    var height = Number(host.getAttribute('data-height') || 600);
    if (!isFinite(height) || height < MIN_HEIGHT || height > MAX_HEIGHT) {
      console.warn('linernotes embed: data-height is a number of pixels, such as 600', host);
      height = 600;
    }
    // An empty title is no title: the frame is named by its article.
    var title = (host.getAttribute('data-title') || '').trim();

    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = title || 'Article from linernotes';
    frame.loading = 'lazy';
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    // Every feature a player in the article may ask for: a frame can pass
    // on to the player's own frame only what it was given.
    frame.setAttribute('allow', 'accelerometer; autoplay; encrypted-media; fullscreen; gyroscope; picture-in-picture');
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    setHeight(frame, height);
    // What the page put inside the element is its stand-in (a link to
    // the article): it makes way for the frame, and comes back if the
    // page's policy refuses the frame.
    var standIn = document.createDocumentFragment();
    while (host.firstChild) standIn.appendChild(host.firstChild);
    host.setAttribute('data-linernotes-mounted', 'true');
    host.appendChild(frame);
    frames.push({
      frame: frame,
      origin: url.origin,
      titled: Boolean(title),
      standIn: standIn,
      article: new URL('article/' + slug + '/', base).href,
    });
  }

  // A height is believed only from the linernotes origin, from that very
  // iframe's window, and only as a finite number within bounds.
  function entryFor(event) {
    for (var i = 0; i < frames.length; i++) {
      if (event.source === frames[i].frame.contentWindow) return frames[i];
    }
    // A copy of a mounted element (a page's snapshot restored, a
    // carousel's clone): its frame is known by the window that wrote.
    var copies = document.querySelectorAll('[data-linernotes-mounted] > iframe');
    for (var j = 0; j < copies.length; j++) {
      var frame = copies[j];
      if (event.source !== frame.contentWindow) continue;
      var entry;
      try {
        entry = { frame: frame, origin: new URL(frame.src).origin, titled: Boolean((frame.parentNode.getAttribute('data-title') || '').trim()) };
      } catch (e) {
        return null;
      }
      frames.push(entry);
      return entry;
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'linernotes:height') return;
    var entry = entryFor(event);
    if (!entry || event.origin !== entry.origin) return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height < MIN_HEIGHT || height > MAX_HEIGHT) return;
    setHeight(entry.frame, height);
    // Named by the article it shows, so two frames on a page do not
    // sound alike, unless the page chose a title.
    var title = data.title;
    if (!entry.titled && typeof title === 'string' && title.trim() && title.length <= 300 && entry.frame.title !== title) {
      entry.frame.title = title;
    }
  });

  // A page whose Content-Security-Policy refuses our frames (`frame-src`
  // without our origin) gets its stand-in back, or a link to the article,
  // instead of a broken frame, and the console says what to add.
  document.addEventListener('securitypolicyviolation', function (event) {
    if (!/^(frame-src|child-src|default-src)$/.test(event.effectiveDirective)) return;
    var blocked;
    try {
      blocked = new URL(event.blockedURI).origin;
    } catch (e) {
      return;
    }
    for (var i = 0; i < frames.length; i++) {
      var entry = frames[i];
      if (entry.origin !== blocked || !entry.frame.parentNode || !entry.article) continue;
      var host = entry.frame.parentNode;
      host.removeChild(entry.frame);
      if (entry.standIn.childNodes.length) {
        host.appendChild(entry.standIn);
      } else {
        var link = document.createElement('a');
        link.href = entry.article;
        link.textContent = 'Read this article on linernotes';
        host.appendChild(link);
      }
      console.error('linernotes embed: this page\'s Content-Security-Policy refuses frames from ' + blocked + ': add it to frame-src', host);
    }
  });

  function mountAll() {
    var hosts = document.querySelectorAll('[data-linernotes-src]');
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
