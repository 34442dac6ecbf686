// permalink.js — the state lives in the URL fragment (#s1.…), which never reaches a server, and
// in the tab's history: every edit is a history entry (its state kept with it), so Back, Undo
// (Ctrl+Z) and Redo (Ctrl+Shift+Z) step through the builder's history without leaving the page,
// and a reload finds the state again. A state a link cannot hold whole (an ARN over the limit)
// keeps what it can in the link, and the page says what was left out and why: the link is never
// dropped.

import { $, afterPaint, announce, showNotice } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { onEdit, onRender, replace, scheduleUpdate, state } from './state.js?v=__VERSION__';
import { whereOf } from './widgets.js?v=__VERSION__';

// The builder's history entries are numbered from 0 (the entry the page was opened on): at is
// the one shown, to the one Back/Forward are on the way to, last the newest (Redo goes up to it).
let at = 0;
let to = 0;
let newest = 0;
const NEWEST = 'iamforge-history-newest';

// An entry keeps its state as JSON text: the browser copies a history entry's state on every
// pushState and replaceState, and one string of 200 ARNs copies about twice as fast as the
// objects it holds (an entry of an earlier build holds the objects: both are read).
const entry = (i, s) => ({ iamforge: { i, json: JSON.stringify(s) } });
function ours(h) {
  const e = h && h.iamforge;
  if (!e) return null;
  if (typeof e.json === 'string') {
    try { return { i: e.i, state: JSON.parse(e.json) }; } catch { return null; }
  }
  return e.state ? e : null;
}

function remember(n) {
  newest = n;
  try { sessionStorage.setItem(NEWEST, String(n)); } catch { /* private mode: kept in memory */ }
}

/** Reads the state this entry had (a reload), else the link's; a bad link says why and the
 *  builder starts empty. Marks the entry as the builder's. */
export async function restore() {
  const h = ours(history.state);
  if (h) {
    replace(h.state);
    at = to = h.i;
    let n = h.i;
    try { n = Math.max(n, Number(sessionStorage.getItem(NEWEST)) || 0); } catch { /* none kept */ }
    remember(n);
    restored = true;
    return;
  }
  await restoreLink();
  at = to = 0;
  remember(0);
  history.replaceState(entry(0, state), '', location.href);
  restored = true;
}

async function restoreLink() {
  const frag = location.hash.slice(1);
  if (!frag) { replace({ v: 1 }); return; }
  const res = await engine.decodeState(frag);
  if (res.result) {
    replace(res.result);
    saved = { state, fragment: frag, note: '' };
    return;
  }
  replace({ v: 1 });
  showNotice(`This link's builder state could not be read (${res.diagnostics.map((d) => d.message).join('; ')}). The builder starts empty.`);
}

// An edit's history entry is written once the frame that shows the edit is out: pushState and
// replaceState make the browser bring style up to date first, which in the task of a click
// would do that work twice before the click shows (once more for the frame). Entries
// are written in the order of the edits, before anything that reads or moves the history.
let unwritten = []; // {push, i, s}: pushState (a new step) or replaceState (the same step) of s as entry i

function record(op) {
  if (!unwritten.length) afterPaint().then(writeHistory);
  unwritten.push(op);
}

function writeHistory() {
  for (const { push, i, s } of unwritten.splice(0)) {
    if (push) {
      // The entry's link follows once the engine has encoded the state (savePermalink).
      history.pushState(entry(i, s), '', location.href);
      remember(i);
    } else history.replaceState(entry(i, s), '', location.href);
  }
}

export function setupPermalink() {
  onEdit((s, continued) => {
    if (continued) { // one more key typed: the same step of undo, holding the field as it is now
      record({ push: false, i: at, s });
      return;
    }
    at = to = at + 1;
    newest = at;
    record({ push: true, i: at, s });
    renderHistory();
  });
  addEventListener('popstate', (e) => {
    // Entries not written yet were of edits made on the entry the browser has just left.
    unwritten = [];
    const h = ours(e.state);
    if (h) {
      at = to = h.i;
      $('notice').hidden = true;
      replace(h.state);
      scheduleUpdate();
      renderHistory();
      return;
    }
    openPastedLink();
  });
  // A link pasted into the address bar changes only the fragment: a new entry (popstate above,
  // when the browser sends one for it; hashchange otherwise).
  addEventListener('hashchange', () => { if (!ours(history.state)) openPastedLink(); });
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || typingIn(e.target)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
    else if ((k === 'z' && e.shiftKey) || (k === 'y' && !e.shiftKey)) { e.preventDefault(); redo(); }
  });
  onRender(savePermalink); // last: after every area has rendered
  renderHistory();
}

let pasted = null; // the URL of the pasted link being opened: popstate and hashchange both tell

async function openPastedLink() {
  if (pasted === location.href) return;
  pasted = location.href;
  $('notice').hidden = true;
  unwritten = []; // edits made on the entry the browser has left
  await restoreLink();
  at = to = at + 1;
  remember(at);
  history.replaceState(entry(at, state), '', location.href);
  pasted = null;
  scheduleUpdate();
  renderHistory();
}

/** Text fields keep their own Ctrl+Z. */
function typingIn(el) {
  if (!el || !el.tagName) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type);
}

function undo() {
  if (to <= 0) return;
  writeHistory();
  to--;
  history.back();
  renderHistory();
  announce('Undone');
}

function redo() {
  if (to >= newest) return;
  writeHistory();
  to++;
  history.forward();
  renderHistory();
  announce('Redone');
}

function renderHistory() {
  $('undo').disabled = to <= 0;
  $('redo').disabled = to >= newest;
}

// ---------------------------------------------------------------------------------------------
// The link

let saved = { state: null, fragment: null, note: '' }; // what the URL holds, and for which state

let restored = false; // nothing is saved before the state is read from the link
let saving = Promise.resolve(); // the latest savePermalink

/** The link to the builder as it is now ({url, note}), once the engine has encoded the latest
 *  state: what Copy link copies, and what Share gives where there is no link service. */
export async function currentLink() {
  for (;;) {
    const p = saving;
    await p;
    if (saved.state === state || p === saving) break; // saved, or nothing more is on its way
  }
  return { url: location.href, note: saved.note };
}

let savingFor = null; // the state the save under way is for: renders meanwhile join it

function savePermalink() {
  if (savingFor === state) return saving;
  const s = state;
  savingFor = s;
  saving = save(s).finally(() => { if (savingFor === s) savingFor = null; });
  return saving;
}

async function save(s) {
  if (!restored || s === saved.state) return;
  const i = at;
  const { fragment, note } = await linkFor(s);
  if (fragment === null || state !== s || at !== i) return; // superseded, or history moved on
  saved = { state: s, fragment, note };
  writeHistory(); // the link goes on the entry of s
  const url = fragment ? `#${fragment}` : location.pathname + location.search;
  if (location.hash.slice(1) !== fragment) history.replaceState(history.state, '', url);
  $('link-note').textContent = note;
}

/** The fragment for s: all of it, or as much of it as a link can hold with a note saying what
 *  it leaves out; null when a later call superseded this one. */
async function linkFor(s) {
  if (Object.keys(s).length === 1) return { fragment: '', note: '' }; // the empty builder: the bare page
  // Asked of the engine after the frame that shows the edit, and after the write the update
  // asks for (the engine answers in order): neither waits for the link.
  await afterPaint();
  if (s !== state) return { fragment: null }; // a later edit saves its own
  const res = await engine.encodeState(s);
  if (!res) return { fragment: null };
  if (res.result) return { fragment: res.result.fragment, note: '' };
  // What the engine locates, the link leaves out; the rest goes in.
  const located = res.diagnostics.filter((d) => d.location && d.location.key);
  const out = located.map((d) => `${whereOf(d.location, s)} (${d.message})`);
  if (located.length && located.length === res.diagnostics.length) {
    const part = structuredClone(s);
    for (const d of [...located].sort((a, b) => (b.location.index ?? -1) - (a.location.index ?? -1))) {
      const { key, index } = d.location;
      if (index == null) delete part[key];
      else if (Array.isArray(part[key])) part[key].splice(index, 1);
    }
    const again = await engine.encodeStateOnce(part);
    if (again.result) {
      return { fragment: again.result.fragment, note: `The link leaves out ${out.join('; ')}. Everything else is in it.` };
    }
  }
  // Nothing to leave out that would do: the link keeps the last state it could hold.
  const why = res.diagnostics.map((d) => d.message).join('; ');
  return { fragment: saved.fragment || location.hash.slice(1), note: `The link still holds the builder as it was before your latest changes: ${why}.` };
}
