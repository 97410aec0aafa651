// Shared helpers for the end-to-end tests: a real Chromium (Debian's), a
// page that records console errors and CSP violations, and axe-core.

import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = new URL('../target/screenshots/', import.meta.url).pathname;

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A fresh page that records what would embarrass us: console errors, page
 * errors and CSP violations. `allow` lists console texts that a test expects
 * (a 404 status for a missing article, say).
 */
export async function openPage(browser, { width = 1280, height = 900, javaScriptEnabled = true, reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled, reducedMotion });
  // Nothing leaves this machine: a request to any other host fails loudly.
  const external = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.\d+[:/])/, (route) => {
    external.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return {
    page,
    context,
    external,
    problems,
    /** Problems other than the expected ones. */
    unexpected(allow = []) {
      return problems.filter((p) => !allow.some((a) => (a instanceof RegExp ? a.test(p) : p.includes(a))));
    },
    close: () => context.close(),
  };
}

/**
 * Runs axe-core with the WCAG 2.2 A/AA rules (`every`: with every rule it
 * runs by default, its best practices too); returns the violations.
 */
export async function axe(page, { include, every = false } = {}) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async ({ include, every }) => {
    const context = include ? { include: [include] } : document;
    return window.axe.run(context, every ? {} : {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    });
  }, { include: include ?? null, every });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** Expected console noise when a file-only host answers a deep link with 404.html. */
export const DEEP_LINK_404 = /Failed to load resource: the server responded with a status of 404/;

/** Runs `fn` with a fresh page from `openPage`, and always closes it. */
export async function withPage(browser, options, fn, prepare) {
  const tab = await openPage(browser, options);
  try {
    if (prepare) await prepare(tab);
    await fn(tab);
  } finally {
    await tab.close();
  }
}

/**
 * Opens `url` and waits until the app has taken the page over: prerendered
 * pages are readable at once, but their buttons work only from then on.
 */
/** Counts layout shifts from the page's start; `layoutShift(page)` reads their sum. */
export async function watchLayoutShift(page) {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export const layoutShift = (page) => page.evaluate(() => window.__shift);

export async function goLive(page, url) {
  const response = await page.goto(url);
  await page.locator('#app[data-app="live"]').waitFor({ state: 'attached' });
  return response;
}

export async function reloadLive(page) {
  const response = await page.reload();
  await page.locator('#app[data-app="live"]').waitFor({ state: 'attached' });
  return response;
}
