// Loaded by boot.js and mount.js only when the page's Content-Security-Policy
// refuses a frame, so nothing of it weighs on a page that plays.
//
// A player whose frame the page's policy refuses (a `frame-src` that leaves
// its service out: a host's page that mounts an article, a header written
// for other players) says so in the frame's place (the stylesheet hides the
// frame beside a note with words), and hands focus to the link that plays
// it on the service, rather than leaving a broken frame. `roots`: the
// document, or the shadow roots of mounted articles.
export function tellRefusedPlayers(event, roots) {
  let origin;
  try {
    origin = new URL(event.blockedURI).origin;
  } catch {
    return;
  }
  for (const root of roots) {
    for (const frame of root.querySelectorAll('.player__embed')) {
      const note = frame.parentElement?.querySelector('.player__note');
      if (!note || note.textContent || !frame.src.startsWith(`${origin}/`)) continue;
      const service = note.dataset.service || 'This service';
      note.textContent = `${service}’s player cannot be shown on this page: the link below plays it on ${service}.`;
      frame.closest('figure')?.querySelector('figcaption a')?.focus();
    }
  }
}
