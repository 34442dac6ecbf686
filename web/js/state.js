// state.js — the builder state and the update cycle. The page holds one state, exactly
// catalog/state.State (so that permalinks encode it), and every edit goes the same way: mutate
// the state → write the policy with the engine → render every area → save the permalink. Areas
// register their renderers with onRender, in page order, and what changes once explanations
// arrive with onExplain.

import * as engine from './engine.js?v=__VERSION__';

/** The builder state. Read it anywhere; change it only with edit(), replace() or load(). */
export let state = { v: 1 };

/** What the last write said, for rows, diagnostics and explanations. */
export const last = { result: null, diagnostics: [], explanations: new Map() };

/** Empty fields are left out, as Go's omitempty does, so that a link restores to the same object
 *  it was made from. */
function normalize(s) {
  const out = { v: 1 };
  for (const [k, v] of Object.entries(s)) {
    if (k === 'v' || v == null || v === '' || v === false || (k === 'minLen' && !v)) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  if (out.resources) out.resources = out.resources.map((r) => (r.levels && r.levels.length ? r : { arn: r.arn }));
  return out;
}

/** Whether the state asks for anything at all (exclude or conditions alone grant nothing). */
export function grantsSomething(s) {
  return ['resources', 'actions', 'services', 'skip', 'sts'].some((k) => s[k] && s[k].length);
}

/** The one way to change the state: mutate a copy, normalise, and re-render. */
export function edit(mutate) {
  const next = structuredClone(state);
  mutate(next);
  state = normalize(next);
  scheduleUpdate();
}

/** The state's list under key, created when missing. */
export const listOf = (s, key) => (s[key] ||= []);

export function toggleLevel(levels, slug) {
  const set = new Set(levels || []);
  if (set.has(slug)) set.delete(slug); else set.add(slug);
  return engine.inLevelOrder(set);
}

/** Diagnostics of the last write that concern state[key][index]. */
export function diagsAt(key, index) {
  return last.diagnostics.filter((d) => d.location && d.location.key === key && d.location.index === index);
}

/** Replaces the state without rendering (a permalink being restored). */
export function replace(next) { state = normalize(next); }

// Loading a whole state (an imported template) can be undone once.
let undoState = null;

/** Replaces the state with next, keeping the current one for undo(), and renders. */
export function load(next) {
  undoState = state;
  state = normalize(next);
  engine.forgetMatches();
  scheduleUpdate();
}

/** Brings back the state load() replaced; false when there is none. */
export function undo() {
  if (!undoState) return false;
  state = undoState;
  undoState = null;
  scheduleUpdate();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Update: write the policy and render everything from the state.

const renderers = [];
const explainers = [];
/** fn renders its area after every write; areas register in page order. */
export const onRender = (fn) => { renderers.push(fn); };
/** fn renders again once explanations of the last write arrive. */
export const onExplain = (fn) => { explainers.push(fn); };

let pending = false;
export function scheduleUpdate() {
  if (pending) return;
  pending = true;
  queueMicrotask(() => { pending = false; update(); });
}

export function update() {
  // Explanations are asked for apart, once typing pauses: without them a write stays well under
  // the time of a keystroke, with them it is several times longer.
  // An empty builder has nothing to write (the engine would only say so): skip the call, which
  // is also the page's first one, while the engine is still warming up.
  const res = grantsSomething(state) ? engine.write(state) : { result: null, diagnostics: [] };
  last.result = res.result || null;
  last.diagnostics = res.diagnostics || [];
  if (res.result) explainLater(); else last.explanations = new Map();
  engine.forgetMatches(500);
  for (const fn of renderers) fn();
}

let explainTimer = 0;
function explainLater() {
  clearTimeout(explainTimer);
  explainTimer = setTimeout(() => {
    const res = engine.explain(state);
    last.explanations = new Map((res.result?.explanations || []).map((e) => [e.action.toLowerCase(), e]));
    for (const fn of explainers) fn();
  }, 120);
}
