// share.js — Share: a short link from the link service (cmd/worker) when the page is served by
// it, else the full link (#s1.…), which holds the whole builder and works on any host. The page
// never depends on the service: it is asked only when Share is pressed, and anything but its
// own JSON answer (a static host's 404 or 405, a web page, no network) means there is none.

import { $, announce } from './dom.js?v=__VERSION__';
import { currentLink } from './permalink.js?v=__VERSION__';
import { asksForSomething, onEdit, onRender, state } from './state.js?v=__VERSION__';

export function setupShare() {
  $('share').addEventListener('click', share);
  $('share-url').addEventListener('focus', () => $('share-url').select());
  onRender(() => { $('share').disabled = !asksForSomething(state); });
  // A link given is to the builder as it was: an edit puts it away (and drops an answer on its way).
  onEdit(() => { asking++; $('share-box').hidden = true; });
}

let asking = 0; // the latest press: an earlier answer arriving late is dropped

async function share() {
  const mine = ++asking;
  const s = state;
  show('', 'Asking for a short link…', 'pending');
  const answer = await ask(s);
  if (mine !== asking) return;
  if (answer.url) {
    await give(answer.url, 'Short link to this policy', 'The short link opens the builder on this policy.');
    return;
  }
  if (answer.error) {
    // The service is there and said no: its words, and the full link still works.
    show('', `No short link: ${answer.error}. Copy link gives the full link instead.`, 'error');
    announce(`No short link: ${answer.error}`);
    return;
  }
  const link = await currentLink();
  if (mine !== asking) return;
  await give(link.url, 'Full link to this policy', `${answer.why} Here is the full link instead: it holds the whole builder, so it is long, but it works anywhere.${link.note ? ` ${link.note}` : ''}`);
}

/** Asks the link service for a short link to s: {url}, {error} (the service's message), or
 *  {why} there is no service to ask. */
async function ask(s) {
  // Relative to the page, so that a builder served under a sub-path asks its own service.
  const endpoint = new URL('api/links', document.baseURI);
  let res;
  try {
    res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(s), credentials: 'same-origin' });
  } catch {
    return { why: 'The short-link service cannot be reached (you may be offline).' };
  }
  let body = null;
  if ((res.headers.get('Content-Type') || '').startsWith('application/json')) {
    try { body = await res.json(); } catch { body = null; }
  }
  if ((res.status === 200 || res.status === 201) && body && typeof body.url === 'string' && /^https?:\/\//.test(body.url)) {
    return { url: body.url };
  }
  // A static host answers 404 or 405 (or a web page): there is no link service here.
  if (!body || !body.error || res.status === 404 || res.status === 405) {
    return { why: 'This site does not run the short-link service.' };
  }
  return { error: body.error.message || `the short-link service answered ${res.status}` };
}

/** Shows url, selected, and puts it on the clipboard. */
async function give(url, label, note) {
  const field = $('share-url');
  field.value = url;
  field.setAttribute('aria-label', label);
  let copied = true;
  try { await navigator.clipboard.writeText(url); } catch { copied = false; }
  const said = `${note} ${copied ? 'It is copied to the clipboard.' : 'Select it and copy it.'}`;
  show(url, said, url.includes('#') ? 'full' : 'short');
  field.focus();
  field.select();
  announce(said);
}

function show(url, text, kind) {
  $('share-box').hidden = false;
  $('share-box').dataset.kind = kind;
  $('share-url').hidden = !url;
  $('share-note').textContent = text;
}
