// engine.js — the only module that talks to the engine (iamforge.js's API); every other module
// asks here. It also holds the engine's vocabulary: the access levels, formats, size targets,
// roles to assume and condition operators the page shows, read once at start, so that the page
// restates none of what the Go code knows.

import { load } from '../iamforge.js?v=__VERSION__';

let forge = null;

/** What the engine knows that the page shows (catalog/api.Vocabulary); set by start(). The
 *  first entry of formats, targets, effects, partitions, dependentActions and modes is the
 *  engine's default, which the state leaves out. */
export let vocab = null;

/** Loads the engine and its vocabulary; resolves to the JS API (iamforge.js). */
export async function start(onStatus) {
  const api = await load({ onStatus });
  vocab = builtVocabulary();
  if (!vocab) {
    const res = api.vocabulary();
    if (!res.result) throw new Error(res.diagnostics.map((d) => d.message).join('; '));
    vocab = res.result;
  }
  forge = api;
  return api;
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

export const write = (state) => forge.write({ state });
export const explain = (state) => forge.write({ state, explanations: true });

const matches = new Map();

/** What an ARN is (matchArn), remembered: rows ask on every render. */
export function matchOf(arn) {
  if (!matches.has(arn)) {
    const res = forge.matchArn([arn]);
    matches.set(arn, res.result ? res.result[0] : { arn, status: 'invalid', diagnostics: res.diagnostics });
  }
  return matches.get(arn);
}

/** Forgets remembered matches once there are more than max. */
export function forgetMatches(max = 0) { if (matches.size > max) matches.clear(); }

export const search = (text, limit) => forge.search(text, limit).result || [];

/** The engine builds its search index on first use, and again once descriptions arrive (it ranks
 *  them): build it while the page is idle, not on the user's next keystroke. */
export function warmSearch() {
  const warm = () => forge.search('a', 1);
  if (window.requestIdleCallback) requestIdleCallback(warm, { timeout: 3000 }); else setTimeout(warm, 500);
}

/** Resolves when action descriptions are in. */
export const descriptions = () => forge.descriptions;

// ---------------------------------------------------------------------------------------------
// Condition keys

let keys = null;
let keysFor = '';

/** Condition keys that apply to what the state grants, then global ones; fetched when needed. */
export function conditionKeys(state) {
  const plain = JSON.stringify({ ...state, conditions: undefined, format: undefined });
  if (keys && keysFor === plain) return keys;
  keys = forge.conditionKeys(state).result || [];
  keysFor = plain;
  return keys;
}

const keyInfos = new Map();

/** The catalog's definition of a key as a policy writes it (aws:ResourceTag/team is
 *  aws:ResourceTag/${TagKey}), or null. */
export function keyInfo(key) {
  if (!keyInfos.has(key)) {
    if (keyInfos.size > 500) keyInfos.clear();
    keyInfos.set(key, (forge.conditionKey(key).result || [])[0] || null);
  }
  return keyInfos.get(key);
}

// ---------------------------------------------------------------------------------------------
// The catalog

export const catalogInfo = () => forge.info.info;
export const services = () => forge.info.services;

export function serviceName(prefix) {
  const s = forge && services().find((x) => x.prefix === prefix);
  return s ? s.name : '';
}

/** Services whose prefix starts with the query first, then those whose prefix or name holds it. */
export function findServices(q) {
  const t = q.trim().toLowerCase();
  if (!t) return [];
  const all = services();
  const starts = all.filter((s) => s.prefix.startsWith(t));
  const has = all.filter((s) => !s.prefix.startsWith(t) && (s.prefix.includes(t) || s.name.toLowerCase().includes(t)));
  return [...starts, ...has].slice(0, 30);
}

export const arnFormats = (service) => forge.arnFormats(service);

// ---------------------------------------------------------------------------------------------
// Import, permalinks, rendering

export const importTemplate = (text, file) => forge.importTemplate(text, file);
export const validate = (text, file) => forge.validate(text, { file });
export const expand = (text) => forge.expand(text, 'json');
export const encodeState = (state) => forge.encodeState(state).result?.fragment || '';
export const decodeState = (fragment) => forge.decodeState(fragment);

/** Fills element with the coloured policy; granted actions become spans with data-action. */
export const renderPolicy = (element, text, format, actions) => forge.renderPolicy(element, text, format, actions);
