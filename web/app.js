// app.js — the iamforge builder page's entry: starts the engine (in a Web Worker), lets each
// area of the page (web/js/) wire its own controls, restores the state from the link, and
// renders. Plain DOM, no framework; how an edit flows is in js/state.js.

import { $, fmtInt, setupDisclosures } from './js/dom.js?v=__VERSION__';
import * as engine from './js/engine.js?v=__VERSION__';
import { state, scheduleUpdate } from './js/state.js?v=__VERSION__';
import { setupResources } from './js/resources.js?v=__VERSION__';
import { setupActions } from './js/actions.js?v=__VERSION__';
import { renderOptions, setupOptions } from './js/options.js?v=__VERSION__';
import { setupOutput } from './js/output.js?v=__VERSION__';
import { setupImport } from './js/import.js?v=__VERSION__';
import { restore, setupPermalink } from './js/permalink.js?v=__VERSION__';
import { setupShare } from './js/share.js?v=__VERSION__';
import { setupTheme } from './js/theme.js?v=__VERSION__';

async function boot() {
  setupTheme();
  $('fatal-reload').addEventListener('click', () => location.reload());
  // The engine loads in its worker while the page wires itself and draws its first state: only
  // what needs an answer from the engine (a link's state, a write) waits for it.
  const { api: forge, ready } = engine.start((s) => { $('loading-text').textContent = s; }, showBusy);
  const failed = ready.then(() => null, (err) => err);
  const fatal = (err) => {
    $('loading').hidden = true;
    $('fatal-text').textContent = `The engine could not start: ${err.message}. Check your connection and reload; iamforge needs a browser with WebAssembly.`;
    $('fatal').hidden = false;
    $('app').setAttribute('aria-busy', 'false');
  };
  // For tests, benchmarks and pages that embed the builder: the JS API, and the state.
  window.iamforgeAPI = forge;
  window.iamforgeBuilder = { get state() { return structuredClone(state); } };
  if (!engine.vocab) { // a page that was not built: the vocabulary comes from the engine
    const err = await failed;
    if (err) { fatal(err); return; }
  }

  // Each area wires its controls and registers its renderer; the order is the page's, and the
  // permalink is saved last.
  setupDisclosures();
  setupResources();
  setupActions();
  setupOptions();
  setupOutput();
  setupImport();
  setupPermalink();
  setupShare();
  $('notice-close').addEventListener('click', () => { $('notice').hidden = true; });
  performance.mark('iamforge-wired');

  const first = restore().then(scheduleUpdate);
  first.catch(() => {}); // when the engine cannot start, fatal() says so
  const err = await failed;
  if (err) { fatal(err); return; }
  await first;
  performance.mark('iamforge-first-write');
  $('builder-controls').disabled = false;
  $('options-controls').disabled = false;
  for (const id of ['opt-format', 'copy-link']) $(id).disabled = false;
  renderOptions();
  $('loading').hidden = true;
  $('app').setAttribute('aria-busy', 'false');
  performance.mark('iamforge-ready');
  document.documentElement.dataset.ready = 'true';
  // Search readied when the engine is idle (the action names listed, which searches scan; the
  // index once the descriptions follow); then the footer's catalog facts, which can wait: asked
  // for at once, they held the first keystroke 40-80 ms.
  const warmed = engine.warmSearch();
  keepOffline(forge);
  warmed.then(() => engine.catalogInfo()).then((info) => {
    $('catalog-info').textContent = `${fmtInt(info.services)} services, ${fmtInt(info.actions)} actions, ${fmtInt(info.condition_keys)} condition keys` +
      ` (${info.sources.map((s) => `${s.package} ${s.version}`)[0] || 'built-in catalog'}). iamforge runs entirely in your browser: nothing you enter leaves this tab unless you press Share.`;
  });
}

/** Registers the service worker (sw.js, beside this module), which keeps this build's files in
 *  the browser: the next visit opens from them, online or not. Only once the descriptions are
 *  in, so that it finds every file in the HTTP cache instead of downloading it a second time.
 *  Its scope is this folder, so a builder served from a sub-path keeps to it. Where there is
 *  no service worker (http: on another host than localhost, a private window in some
 *  browsers) the page works as before, online. */
function keepOffline(forge) {
  if (!('serviceWorker' in navigator)) return;
  const register = () => navigator.serviceWorker.register(new URL('sw.js', import.meta.url), { scope: new URL('./', import.meta.url).pathname })
    .catch(() => {});
  forge.descriptions.then(register, register);
}

// What the page says while the engine works on something for longer than a moment (150 ms).
const BUSY = {
  write: 'Writing the policy', highlight: 'Writing the policy', importTemplate: 'Importing', validate: 'Checking the policy',
  expand: 'Checking the policy', search: 'Searching', matchArn: 'Matching ARNs', encodeState: 'Updating the link',
  decodeState: 'Opening the link', conditionKeys: 'Finding condition keys', arnFormats: 'Reading ARN formats',
  info: 'Reading the catalog', importPolicy: 'Importing', arnActions: 'Finding actions',
};

/** Shows the progress mark for the operations waiting over 150 ms, or hides it ([]). */
function showBusy(ops) {
  const words = [...new Set(ops.map((op) => BUSY[op] || 'Working'))];
  $('busy-text').textContent = words.length ? `${words.join(', ')}…` : '';
  $('busy').classList.toggle('busy-on', words.length > 0);
  $('policy-region').setAttribute('aria-busy', String(ops.includes('write') || ops.includes('highlight')));
}

boot();
