// state.js — the builder state and the update cycle. The page holds one state, exactly
// catalog/state.State (so that permalinks encode it), and every edit goes the same way: mutate
// the state (the control the user touched shows the change itself, in the frame of the click or
// keystroke) → once that frame is out, render every area at once from it → write the policy in
// the engine's worker → render again with what the write said → save the permalink. Areas
// register their renderers with onRender, in page order, and what changes once explanations
// arrive with onExplain; a renderer does only the work its change needs, since it runs twice per
// edit.

import { afterPaint } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';

/** The builder state. Read it anywhere; change it only with edit(), load() or replace(). */
export let state = { v: 1 };

/** What the last write said, for rows, diagnostics and explanations; of: the state it wrote. */
export const last = { of: null, result: null, diagnostics: [], explanations: new Map() };

/** Empty fields are left out, as Go's omitempty does, so that a link restores to the same object
 *  it was made from. */
function normalize(s) {
  const out = { v: 1 };
  for (const [k, v] of Object.entries(s)) {
    if (k === 'v' || v == null || v === '' || v === false || (k === 'minLen' && !v)) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  // A row keeps its levels and its picked actions only when it has some, as Go writes it. A row
  // an edit left as it was stays the same object, so that the page can tell by identity which
  // of 200 rows to draw again.
  if (out.resources) {
    const was = state.resources || [];
    out.resources = out.resources.map((r, i) => {
      const row = { arn: r.arn };
      if (r.levels && r.levels.length) row.levels = r.levels;
      if (r.actions && r.actions.length) row.actions = r.actions;
      return sameRow(was[i], row) ? was[i] : row;
    });
  }
  return out;
}

const sameList = (a, b) => (a || []).length === (b || []).length && (a || []).every((x, i) => x === b[i]);
const sameRow = (a, b) => !!a && a.arn === b.arn && sameList(a.levels, b.levels) && sameList(a.actions, b.actions);

/** Whether the state asks for anything yet: a resource counts once a level or an action is chosen
 *  for it (an ARN just added is a step on the way, not an empty policy). */
export function asksForSomething(s) {
  if ((s.resources || []).some((r) => (r.levels && r.levels.length) || (r.actions && r.actions.length))) return true;
  return ['actions', 'services', 'skip', 'sts'].some((k) => s[k] && s[k].length);
}

/** Whether the state asks for anything at all (exclude or conditions alone grant nothing). */
export function grantsSomething(s) {
  return ['resources', 'actions', 'services', 'skip', 'sts'].some((k) => s[k] && s[k].length);
}

const editors = [];
/** fn(state, continued) hears of every edit a user can undo (the permalink keeps the history);
 *  continued: the edit goes on the run of the one before (one more key typed in the same field). */
export const onEdit = (fn) => { editors.push(fn); };

/** The one way to change the state: mutate a copy, normalise, and re-render. Edits of one run
 *  (the keystrokes typed into one field, until it loses focus: endRun) are one step of undo. */
export function edit(mutate, run = null) {
  const next = structuredClone(state);
  mutate(next);
  load(next, run);
}

let running = null; // the run the last edit was part of

/** Ends the run of edits under way: the next edit is a step of its own. */
export const endRun = () => { running = null; };

/** Replaces the state with next (an import), as an edit: undo brings the previous one back. */
export function load(next, run = null) {
  const n = normalize(next);
  if (JSON.stringify(n) === JSON.stringify(state)) return; // nothing changed: nothing to undo
  state = n;
  const continued = run !== null && run === running;
  running = run;
  for (const fn of editors) fn(state, continued);
  // Rendered after the frame that shows the edit where the user made it: with 200 rows, drawing
  // the page again in the task of the click would hold that frame back.
  pending ||= afterPaint().then(runUpdate);
}

/** Replaces the state without an edit of its own (a link opened, a step back in history). */
export function replace(next) {
  running = null;
  state = normalize(next);
}

/** The state's list under key, created when missing. */
export const listOf = (s, key) => (s[key] ||= []);

export function toggleLevel(levels, slug) {
  const set = new Set(levels || []);
  if (set.has(slug)) set.delete(slug); else set.add(slug);
  return engine.inLevelOrder(set);
}

// What identifies an item of a state list, to tell whether a diagnostic of the last write is
// about the item now at its index (a row removed since moves the others up).
const itemId = (x) => (typeof x === 'string' ? x : x && (x.arn ?? x.service ?? x.key));

let byPlace = new Map(); // "key index" → the last write's diagnostics about that item
const NONE = Object.freeze([]);

/** Diagnostics of the last write that concern state[key][index], as long as that item is still
 *  the one it wrote: the same array until the next write says otherwise (one empty array for
 *  none), so that a renderer can tell by identity whether they changed. */
export function diagsAt(key, index) {
  const ds = byPlace.get(`${key} ${index}`);
  if (!ds || !last.of) return NONE;
  return itemId((last.of[key] || [])[index]) === itemId((state[key] || [])[index]) ? ds : NONE;
}

// ---------------------------------------------------------------------------------------------
// Update: render, write the policy, render again.

const renderers = [];
const explainers = [];
/** fn renders its area from the state and the last write; areas register in page order. It may
 *  return a promise (the policy, coloured in the worker), which update() waits for. */
export const onRender = (fn) => { renderers.push(fn); };
/** fn renders again once explanations of the last write arrive. */
export const onExplain = (fn) => { explainers.push(fn); };

let drawn = []; // what waits for the next render (afterRender)

/** Renders every area now. */
export function render() {
  const done = Promise.all(renderers.map((fn) => fn()));
  for (const fn of drawn.splice(0)) fn();
  return done;
}

/** Runs fn once the page shows the latest edit: after the next render when an update is on its
 *  way (to move focus to a row the edit made or moved), else in the next frame. */
export function afterRender(fn) {
  if (pending) drawn.push(fn); else requestAnimationFrame(fn);
}

let pending = null;
const runUpdate = () => { pending = null; return update(); };
/** Updates once the current task is done, however many edits it made; resolves when done. */
export function scheduleUpdate() {
  pending ||= Promise.resolve().then(runUpdate);
  return pending;
}

let updating = null; // the latest update(): one superseded resolves when this one does

/** Renders the state as it is, then writes it and renders what the write said. Resolves once
 *  that is on the page — when a later update superseded this one, once the later one's is. */
export function update() {
  const u = writeAndRender();
  updating = u;
  return u;
}

async function writeAndRender() {
  const s = state;
  render();
  const arns = (s.resources || []).map((r) => r.arn);
  engine.forgetMatches(new Set(arns));
  const matched = engine.matchAll(arns).then((fresh) => { if (fresh) render(); });
  // An empty builder has nothing to write (the engine would only say so): skip the call, which
  // is also the page's first one, while the engine is still warming up.
  const res = grantsSomething(s) ? await engine.write(s) : { result: null, diagnostics: [] };
  if (!res) return updating; // a later edit's write supersedes this one
  last.of = s;
  last.result = res.result || null;
  last.diagnostics = res.diagnostics || [];
  const was = byPlace;
  byPlace = new Map();
  for (const d of last.diagnostics) {
    if (!d.location || d.location.index == null) continue;
    const k = `${d.location.key} ${d.location.index}`;
    if (!byPlace.has(k)) byPlace.set(k, []);
    byPlace.get(k).push(d);
  }
  // What an item was told before and is told again stays the same array (diagsAt).
  for (const [k, ds] of byPlace) {
    const before = was.get(k);
    if (before && JSON.stringify(before) === JSON.stringify(ds)) byPlace.set(k, before);
  }
  if (res.result) explainLater(s); else last.explanations = new Map();
  await Promise.all([render(), matched]);
}

// Explanations are asked for apart, once edits pause: without them a write stays well under the
// time of a keystroke, with them it is several times longer.
let explainTimer = 0;
function explainLater(s) {
  clearTimeout(explainTimer);
  explainTimer = setTimeout(async () => {
    const res = await engine.explain(s);
    if (!res || s !== state) return;
    last.explanations = new Map((res.result?.explanations || []).map((e) => [e.action.toLowerCase(), e]));
    for (const fn of explainers) fn();
  }, 120);
}
