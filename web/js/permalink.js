// permalink.js — the state lives in the URL fragment (#s1.…), which never reaches a server:
// saved after every write, restored at start and when a link is pasted into this tab.

import { $, showNotice } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { onRender, replace, scheduleUpdate, state } from './state.js?v=__VERSION__';

let lastFragment = null;

export function setupPermalink() {
  // A link pasted into this tab's address bar changes only the fragment.
  addEventListener('hashchange', () => {
    if (location.hash.slice(1) === lastFragment) return;
    $('notice').hidden = true;
    replace({ v: 1 });
    restoreFromHash();
    engine.forgetMatches();
    scheduleUpdate();
  });
  onRender(savePermalink); // last: after every area has rendered
}

function savePermalink() {
  const empty = Object.keys(state).length === 1;
  const frag = empty ? '' : engine.encodeState(state);
  if (frag === lastFragment) return;
  lastFragment = frag;
  // replaceState, never pushState: one history entry for the page, not one per keystroke.
  history.replaceState(null, '', frag ? `#${frag}` : location.pathname + location.search);
}

/** Reads the state from the fragment; a bad one says why and the builder starts empty. */
export function restoreFromHash() {
  const frag = location.hash.slice(1);
  if (!frag) return;
  const res = engine.decodeState(frag);
  if (res.result) {
    replace(res.result);
    lastFragment = frag;
    return;
  }
  replace({ v: 1 });
  showNotice(`This link's builder state could not be read (${res.diagnostics.map((d) => d.message).join('; ')}). The builder starts empty.`);
}
