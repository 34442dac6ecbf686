// engine.js — the only module that talks to the engine (iamforge.js's worker API); every other
// module asks here. The engine runs in a Web Worker, so every answer is a promise; where only
// the latest answer of a kind matters (the policy, a search, a preview, the link) the call goes
// on a channel of its own and resolves to null once a later call has superseded it. It also holds
// the engine's vocabulary: the access levels, formats, size targets, roles to assume and
// condition operators the page shows, read once at start, so that the page restates none of what
// the Go code knows.

import { connectWorker } from '../iamforge.js?v=__VERSION__';

let forge = null;
let ch = null; // the channels: one per kind of call whose latest answer alone matters

/** What the engine knows that the page shows (catalog/api.Vocabulary); set by start(). The
 *  first entry of formats, targets, effects, partitions, dependentActions and modes is the
 *  engine's default, which the state leaves out. */
export let vocab = null;

/** Starts loading the engine; answers the JS API (iamforge.js) at once, and `ready`, which
 *  resolves once the engine is usable. Calls made before then wait in the engine's worker, so the
 *  page can wire itself and draw meanwhile. The vocabulary is the page's copy (builtVocabulary),
 *  or, in a page that was not built, the engine's answer, which `ready` waits for. onBusy(ops)
 *  hears which operations have been waiting over 150 ms ([] when none). */
export function start(onStatus, onBusy) {
  const { api, ready } = connectWorker({ onStatus, onBusy });
  forge = api;
  api.descriptions.then(() => { described = true; arnActionsOf.clear(); }, () => {});
  ch = Object.fromEntries(['write', 'explain', 'search', 'preview', 'encode', 'render', 'import', 'validate', 'keys', 'formats']
    .map((name) => [name, api.latest(name)]));
  vocab = builtVocabulary();
  if (vocab) return { api, ready };
  return {
    api,
    ready: ready.then(async () => {
      const res = await api.vocabulary();
      if (!res.result) throw new Error(res.diagnostics.map((d) => d.message).join('; '));
      vocab = res.result;
    }),
  };
}

/** p's answer, or null when a later call on its channel superseded it. */
async function fresh(p) {
  try {
    return await p;
  } catch (err) {
    if (err && err.name === 'AbortError') return null;
    throw err;
  }
}

/** The vocabulary cmd/webbuild wrote into the page: the engine's own answer, from the same build.
 *  Reading it costs nothing, where asking the engine at start costs its first garbage collection
 *  before the page is usable. Null when the page was not built (the engine is asked then). */
function builtVocabulary() {
  try {
    return JSON.parse(document.getElementById('vocabulary').textContent);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The vocabulary, as the page asks for it

/** Level slugs in the order templates are processed in, so that equal states make equal links. */
export const inLevelOrder = (slugs) => vocab.levelOrder.filter((l) => slugs.has(l));

/** The slug of an access level's label ("Permissions management" → "permissions-management"). */
export function levelSlug(label) {
  const l = vocab.levels.find((x) => x.label === label || x.slug === label);
  return l ? l.slug : (label || '').toLowerCase().replace(/ /g, '-');
}

export const formatOf = (name) => vocab.formats.find((f) => f.name === name) || vocab.formats[0];
export const targetLabel = (name) => vocab.targets.find((t) => t.name === name)?.label || name;
export const stsAction = (key) => vocab.sts.find((s) => s.key === key)?.action || key;

/** What fits a key type: its operators (Null last), set prefixes and an example value. A key of
 *  no known type takes every operator. */
export const keyType = (type) => vocab.keyTypes.find((k) => k.type === type) || vocab.anyType;

/** Every operator that fits a key type, in IAM's spelling, with IfExists and set forms. */
export function operatorsFor(type) {
  const kt = keyType(type || '');
  const bases = kt.operators.filter((o) => o !== 'Null');
  const out = [];
  for (const set of ['', ...kt.sets.map((s) => `${s}:`)]) {
    for (const b of bases) out.push(set + b, set + b + 'IfExists');
  }
  out.push('Null');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing, matching, searching

export const write = (state) => fresh(ch.write.write({ state }));
export const explain = (state) => fresh(ch.explain.write({ state, explanations: true }));

const matches = new Map(); // ARN → what matchArn said
const asking = new Set(); // ARNs asked about, not answered yet

/** What an ARN is (matchArn), once known; undefined until then (matchAll asks). */
export const matchOf = (arn) => matches.get(arn);

/** Asks what the ARNs not known yet are, in one call; resolves to whether any answer is new. */
export async function matchAll(arns) {
  const todo = [...new Set(arns)].filter((a) => !matches.has(a) && !asking.has(a));
  if (!todo.length) return false;
  for (const a of todo) asking.add(a);
  try {
    const res = await forge.matchArn(todo);
    todo.forEach((arn, i) => {
      matches.set(arn, res.result ? res.result[i] : { arn, status: 'invalid', diagnostics: res.diagnostics });
    });
  } finally {
    for (const a of todo) asking.delete(a);
  }
  return true;
}

/** What the ARN being typed is: the latest one asked for, or null once superseded. */
export async function preview(arn) {
  if (matches.has(arn)) return matches.get(arn);
  const res = await fresh(ch.preview.matchArn([arn]));
  if (!res) return null;
  const m = res.result ? res.result[0] : { arn, status: 'invalid', diagnostics: res.diagnostics };
  matches.set(arn, m);
  return m;
}

/** Forgets remembered matches of ARNs not in keep once there are more than max. */
export function forgetMatches(keep = new Set(), max = 500) {
  if (matches.size <= max) return;
  for (const arn of matches.keys()) if (!keep.has(arn)) matches.delete(arn);
}

/** Ranked actions for the latest query; null once a later query superseded it. */
export async function search(text, limit) {
  const res = await fresh(ch.search.search(text, limit));
  return res && (res.result || []);
}

/** Readies the engine's search while the page is idle, not on the user's next keystroke: once
 *  the page is usable (the action names, which searches scan) and again when descriptions are
 *  in (the index, which ranks them, built in steps between keystrokes). The worker runs it once
 *  it has had nothing else to do for a moment; search answers from what it has meanwhile.
 *  Resolves once search is ready. */
export function warmSearch() {
  return new Promise((resolve) => {
    const warm = () => forge.warmSearch().then(resolve, resolve);
    if (window.requestIdleCallback) requestIdleCallback(warm, { timeout: 3000 }); else setTimeout(warm, 500);
  });
}

/** Resolves when action descriptions are in. */
export const descriptions = () => forge.descriptions;

const arnActionsOf = new Map(); // ARN → the promise of what can be granted on it
let described = false; // whether the answers above have the actions' descriptions

/** What can be granted on one ARN (arnActions): asked once per ARN, when a row's picker first
 *  opens, so that 200 rows cost nothing until one is opened. Rows each want their own answer:
 *  no channel. Answers given before the descriptions were in are asked again after: the worker
 *  attaches descriptions when it has nothing else to do, and a picker opened meanwhile would
 *  otherwise list its actions without them for good. */
export function arnActions(arn) {
  if (!arnActionsOf.has(arn)) {
    if (arnActionsOf.size > 500) arnActionsOf.clear();
    arnActionsOf.set(arn, forge.arnActions(arn));
  }
  return arnActionsOf.get(arn);
}

/** Whether the actions' descriptions are in (arnActions answers have them). */
export const describedYet = () => described;

/** The resource types an ARN's row grants on, as the writer reads them: the types it is written
 *  as, else every type it matched. Empty until matchAll has answered, or when it matched none. */
export function rowTypes(m) {
  if (!m || !['matched', 'shared', 'ambiguous'].includes(m.status)) return [];
  return m.written_as && m.written_as.length ? m.written_as : m.resource_types || [];
}

// ---------------------------------------------------------------------------------------------
// Condition keys

let keys = [];
let keysFor = null;

/** Condition keys that apply to what the state grants, then global ones; null once superseded. */
export async function conditionKeys(state) {
  const plain = JSON.stringify({ ...state, conditions: undefined, format: undefined });
  if (keysFor === plain) return keys;
  const res = await fresh(ch.keys.conditionKeys(state));
  if (!res) return null;
  keys = res.result || [];
  keysFor = plain;
  return keys;
}

/** The keys conditionKeys answered last (what the key list shows). */
export const lastConditionKeys = () => keys;

const keyInfos = new Map();

/** The catalog's definition of a key as a policy writes it (aws:ResourceTag/team is
 *  aws:ResourceTag/${TagKey}), or null; undefined until keyInfoAll has asked. */
export const keyInfo = (key) => keyInfos.get(key);

/** Asks for the definitions of the keys not known yet; resolves to whether any is new. */
export async function keyInfoAll(names) {
  const todo = [...new Set(names)].filter((k) => !keyInfos.has(k));
  if (!todo.length) return false;
  if (keyInfos.size > 500) keyInfos.clear();
  const answers = await Promise.all(todo.map((k) => forge.conditionKey(k)));
  todo.forEach((k, i) => keyInfos.set(k, (answers[i].result || [])[0] || null));
  return true;
}

// ---------------------------------------------------------------------------------------------
// The catalog

export const catalogInfo = () => forge.info.info;

let serviceList = null;
/** Every service ({prefix, name}), asked for once. */
export async function services() {
  serviceList ||= await forge.info.services;
  return serviceList;
}

/** Whether the service list is in. */
export const servicesKnown = () => serviceList !== null;

/** A service's name, once the service list is in (services()); '' until then. */
export function serviceName(prefix) {
  const s = serviceList && serviceList.find((x) => x.prefix === prefix);
  return s ? s.name : '';
}

/** Services whose prefix starts with the query first, then those whose prefix or name holds it. */
export async function findServices(q) {
  const t = q.trim().toLowerCase();
  if (!t) return [];
  const all = await services();
  const starts = all.filter((s) => s.prefix.startsWith(t));
  const has = all.filter((s) => !s.prefix.startsWith(t) && (s.prefix.includes(t) || s.name.toLowerCase().includes(t)));
  return [...starts, ...has].slice(0, 30);
}

/** A service's ARN formats; null once a later service was asked for. */
export const arnFormats = (service) => fresh(ch.formats.arnFormats(service));

// ---------------------------------------------------------------------------------------------
// Import, permalinks, rendering

export const importTemplate = (text, file) => fresh(ch.import.importTemplate(text, file));
/** An existing policy as builder state to tighten (catalog/api.ImportedPolicy); null once a later
 *  import superseded it. */
export const importPolicy = (text, file) => fresh(ch.import.importPolicy(text, file));
export const validate = (text, file) => fresh(ch.validate.validate(text, { file }));
/** The state's link: {fragment} or diagnostics saying what cannot be in one; null once superseded. */
export const encodeState = (state) => fresh(ch.encode.encodeState(state));
/** encodeState off the channel: for a second try that must not supersede the first's caller. */
export const encodeStateOnce = (state) => forge.encodeState(state);
export const decodeState = (fragment) => forge.decodeState(fragment);

/** Fills element with the coloured policy; granted actions become spans with data-action.
 *  Resolves to false when a later render superseded this one. */
export async function renderPolicy(element, text, format, actions) {
  return (await fresh(ch.render.renderPolicy(element, text, format, actions))) !== null;
}
