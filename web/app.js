// app.js — the iamforge builder page. Plain DOM, no framework: the page holds one builder state
// (the exact shape of catalog/state.State, so that permalinks and share links encode it), and
// every edit goes the same way: mutate the state → write the policy with the engine → render
// → put the state in the URL fragment.
//
// Sections: constants · DOM helpers · state · engine · render (inputs, then output) ·
// handlers · import · permalink · theme · boot.

import { load } from './iamforge.js?v=__VERSION__';

// ---------------------------------------------------------------------------------------------
// Constants

/** Access levels in the order the toggles show them, with state.go's slugs. */
const LEVELS = [
  { slug: 'list', label: 'List' },
  { slug: 'read', label: 'Read' },
  { slug: 'write', label: 'Write' },
  { slug: 'tagging', label: 'Tagging' },
  { slug: 'permissions-management', label: 'Permissions management' },
];
/** The order state.go processes levels in; toggled levels are kept in it so links are stable. */
const LEVEL_ORDER = ['read', 'write', 'list', 'tagging', 'permissions-management'];

/** File name and media type of a download, per output format. */
const DOWNLOADS = {
  json: ['policy.json', 'application/json'],
  yaml: ['policy.yaml', 'application/yaml'],
  terraform: ['policy.tf', 'text/plain'],
  cloudformation: ['policy-cfn.yaml', 'application/yaml'],
};
const TARGET_LABEL = {
  managed: 'managed policy', 'role-inline': 'role inline policy', 'group-inline': 'group inline policy',
  'user-inline': 'user inline policy', trust: 'trust policy',
};
const STS_ACTION = {
  'assume-role': 'sts:AssumeRole',
  'assume-role-with-saml': 'sts:AssumeRoleWithSAML',
  'assume-role-with-web-identity': 'sts:AssumeRoleWithWebIdentity',
};

/** Condition operators per family (policy/operator.go), and which families fit a key type
 *  (inspect.OperatorFits): ARN keys take Arn and String operators. */
const OPS = {
  String: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  Numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  Date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  Bool: ['Bool'],
  Binary: ['BinaryEquals'],
  IpAddress: ['IpAddress', 'NotIpAddress'],
  Arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
};
const FAMILIES = {
  String: ['String'], ARN: ['Arn', 'String'], Arn: ['Arn', 'String'], Numeric: ['Numeric'], Long: ['Numeric'],
  Date: ['Date'], Bool: ['Bool'], Boolean: ['Bool'], IPAddress: ['IpAddress'], Binary: ['Binary'],
};
const VALUE_HINT = {
  String: 'value, value-*', ARN: 'arn:aws:…', Arn: 'arn:aws:…', Numeric: '3600', Long: '3600',
  Date: '2026-12-31T23:59:59Z', Bool: 'true', Boolean: 'true', IPAddress: '203.0.113.0/24', Binary: 'QmluYXJ5',
};
const THEME_KEY = 'iamforge-theme';

// ---------------------------------------------------------------------------------------------
// DOM helpers

const $ = (id) => document.getElementById(id);

/** h('button', {class: 'btn', onclick: f}, 'Text') — attributes as strings, on* as listeners. */
function h(tag, props, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of kids.flat()) if (c != null && c !== false) el.append(c);
  return el;
}

/** Keeps list's children in step with n items by index: rows are created once and updated in
 *  place, so focus stays where it is while the user toggles and types. */
function syncRows(list, n, create) {
  while (list.children.length > n) list.lastElementChild.remove();
  while (list.children.length < n) list.append(create());
  [...list.children].forEach((row, i) => row.update(i));
}

/** replaceChildren without the null and false that conditional children leave behind. */
const setKids = (el, ...kids) => el.replaceChildren(...kids.flat().filter((k) => k != null && k !== false));

const fmtInt = (n) => n.toLocaleString('en-US');
const announce = (text) => { $('live').textContent = ''; requestAnimationFrame(() => { $('live').textContent = text; }); };

/** Moves focus to el and marks it for a moment, so that "take me there" is visible. */
function reveal(el) {
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
  const mark = el.closest('li, .field') || el;
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}

// ---------------------------------------------------------------------------------------------
// State: exactly catalog/state.State. Empty fields are left out, as Go's omitempty does, so that
// a link restores to the same object it was made from.

let state = { v: 1 };

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
function grantsSomething(s) {
  return ['resources', 'actions', 'services', 'skip', 'sts'].some((k) => s[k] && s[k].length);
}

/** The one way to change the state: mutate a copy, normalise, and re-render. */
function edit(mutate) {
  const next = structuredClone(state);
  mutate(next);
  state = normalize(next);
  scheduleUpdate();
}

/** The state's list under key, created when missing. */
const listOf = (s, key) => (s[key] ||= []);

function toggleLevel(levels, slug) {
  const set = new Set(levels || []);
  if (set.has(slug)) set.delete(slug); else set.add(slug);
  return LEVEL_ORDER.filter((l) => set.has(l));
}

// ---------------------------------------------------------------------------------------------
// Engine

let forge = null;
/** What the last write said, for rows, diagnostics and explanations. */
const last = { result: null, diagnostics: [], explanations: new Map(), matches: new Map(), keys: null, keysFor: '' };

function matchOf(arn) {
  if (!last.matches.has(arn)) {
    const res = forge.matchArn([arn]);
    last.matches.set(arn, res.result ? res.result[0] : { arn, status: 'invalid', diagnostics: res.diagnostics });
  }
  return last.matches.get(arn);
}

/** Diagnostics of the last write that concern state[key][index]. */
function diagsAt(key, index) {
  return last.diagnostics.filter((d) => d.location && d.location.key === key && d.location.index === index);
}

/** Condition keys that apply to what the state grants, then global ones; fetched when needed. */
function conditionKeys() {
  const plain = JSON.stringify({ ...state, conditions: undefined, format: undefined });
  if (last.keys && last.keysFor === plain) return last.keys;
  const res = forge.conditionKeys(state);
  last.keys = res.result || [];
  last.keysFor = plain;
  return last.keys;
}

/** The catalog's definition of a key: exact, or a pattern key like aws:ResourceTag/${TagKey}. */
function keyInfo(key) {
  const lk = key.toLowerCase();
  for (const k of conditionKeys()) {
    const kk = k.key.toLowerCase();
    if (kk === lk) return k;
    if (kk.includes('${')) {
      const re = new RegExp('^' + kk.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^()|[\]\\]/g, '\\$&')).join('.+') + '$');
      if (re.test(lk)) return k;
    }
  }
  return null;
}

/** Every operator that fits a key type, in IAM's spelling, with IfExists and set forms. */
function operatorsFor(type) {
  const multi = (type || '').startsWith('ArrayOf');
  const fams = FAMILIES[(type || '').replace(/^ArrayOf/, '')] || Object.keys(OPS);
  const bases = fams.flatMap((f) => OPS[f]);
  const out = [];
  for (const set of multi ? ['', 'ForAnyValue:', 'ForAllValues:'] : ['']) {
    for (const b of bases) out.push(set + b, set + b + 'IfExists');
  }
  out.push('Null');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Update: write the policy and render everything from the state.

let pending = false;
function scheduleUpdate() {
  if (pending) return;
  pending = true;
  queueMicrotask(() => { pending = false; update(); });
}

function update() {
  // Explanations are asked for apart, once typing pauses: without them a write stays well under
  // the time of a keystroke, with them it is several times longer.
  // An empty builder has nothing to write (the engine would only say so): skip the call, which
  // is also the page's first one, while the engine is still warming up.
  const res = grantsSomething(state) ? forge.write({ state }) : { result: null, diagnostics: [] };
  last.result = res.result || null;
  last.diagnostics = res.diagnostics || [];
  if (res.result) explainLater(); else last.explanations = new Map();
  if (last.matches.size > 500) last.matches.clear();

  renderResources();
  renderActions();
  renderServices();
  renderPatterns('exclude', $('exclude-list'), 'Exclude');
  renderPatterns('skip', $('skip-list'), 'Grant on *');
  renderSTS();
  renderOptions();
  renderConditions();
  renderOutput();
  savePermalink();
}

let explainTimer = 0;
function explainLater() {
  clearTimeout(explainTimer);
  explainTimer = setTimeout(() => {
    const res = forge.write({ state, explanations: true });
    last.explanations = new Map((res.result?.explanations || []).map((e) => [e.action.toLowerCase(), e]));
    $('policy').dataset.text = ''; // render again, now with the granted actions as spans
    renderActions();
    renderOutput();
  }, 120);
}

// ---------------------------------------------------------------------------------------------
// Render: resources

function levelToggles(labelFor, getLevels, setLevels) {
  const group = h('div', { class: 'levels', role: 'group' });
  for (const l of LEVELS) {
    group.append(h('button', {
      type: 'button', class: 'toggle', 'data-level': l.slug, 'aria-pressed': 'false',
      onclick: () => setLevels(toggleLevel(getLevels(), l.slug)),
    }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), l.label));
  }
  group.refresh = (label, levels) => {
    group.setAttribute('aria-label', labelFor(label));
    for (const b of group.children) b.setAttribute('aria-pressed', String((levels || []).includes(b.dataset.level)));
  };
  return group;
}

/** One line saying what an ARN is, from matchArn. */
function matchSummary(m) {
  const types = (m.resource_types || []).join(', ');
  switch (m.status) {
    case 'matched': return m.wildcard ? `covers ${m.service} ${types}` : `${m.service} ${types}`;
    case 'shared': return `${m.service} ${types} (the same ARN format)`;
    case 'ambiguous': return `ambiguous: ${m.service} ${(m.resource_types || []).join(' or ')}`;
    case 'any': return 'every resource (*)';
    default: return '';
  }
}

function diagLine(d, apply) {
  const li = h('li', { class: `diag-inline sev-${d.severity}` },
    h('span', { class: 'sev-label' }, severityLabel(d.severity)), ' ', d.message);
  const sugg = (d.suggestions || []).filter(Boolean);
  if (sugg.length && apply) {
    const box = h('span', { class: 'suggestions' });
    for (const s of sugg.slice(0, 6)) {
      const a = apply(s, d);
      if (a) box.append(a);
    }
    if (box.childElementCount) li.append(' ', box);
  }
  return li;
}

function severityLabel(s) { return s === 'error' ? 'Error' : s === 'warning' ? 'Warning' : 'Note'; }

/** A button that opens the ARN builder on a suggested format ("s3:bucket arn:${Partition}…"). */
function formatSuggestion(s) {
  const m = /^([a-z0-9-]+):(.+?) (arn:\S+)$/.exec(s);
  if (!m) return null;
  return h('button', { type: 'button', class: 'chip-btn mono', title: m[3], onclick: () => openBuilder(m[1], m[3]) },
    `Build ${m[1]} ${m[2]}`);
}

function createResourceRow() {
  const li = h('li', { class: 'row leveled' });
  const input = h('input', { type: 'text', class: 'mono arn-edit', autocomplete: 'off', spellcheck: 'false' });
  const remove = h('button', { type: 'button', class: 'icon-btn', text: '✕' });
  const status = h('div', { class: 'row-status' });
  let index = 0;
  const levels = levelToggles((arn) => `Access levels for ${arn}`,
    () => state.resources[index].levels, (lv) => edit((s) => { s.resources[index].levels = lv; }));
  input.addEventListener('change', () => commitARN());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); commitARN(); }
    if (e.key === 'Escape') input.value = state.resources[index].arn;
  });
  function commitARN() {
    const v = input.value.trim();
    if (!v) { input.value = state.resources[index].arn; return; }
    if (v !== state.resources[index].arn) edit((s) => { s.resources[index].arn = v; });
  }
  remove.addEventListener('click', () => {
    const i = index;
    const { arn } = state.resources[i];
    edit((s) => { s.resources.splice(i, 1); });
    announce(`Removed ${arn}`);
    // Focus what takes the removed row's place, else the input it came from.
    requestAnimationFrame(() => {
      const rows = $('resource-list').children;
      const next = rows[Math.min(i, rows.length - 1)];
      (next ? next.querySelector('.icon-btn') : $('arn-input')).focus();
    });
  });
  li.append(h('div', { class: 'row-main' }, input, levels, remove), status);
  li.update = (i) => {
    index = i;
    const r = state.resources[i];
    li.id = `res-${i}`;
    input.id = `res-arn-${i}`;
    input.setAttribute('aria-label', `ARN of resource ${i + 1}`);
    if (document.activeElement !== input) input.value = r.arn;
    remove.setAttribute('aria-label', `Remove ${r.arn}`);
    levels.refresh(r.arn, r.levels);

    const m = matchOf(r.arn);
    const ok = ['matched', 'shared', 'any'].includes(m.status);
    const lines = [];
    const summary = matchSummary(m);
    if (summary) {
      lines.push(h('p', { class: `match ${m.status === 'ambiguous' ? 'match-warn' : 'match-ok'}` },
        h('span', { class: 'match-icon', 'aria-hidden': 'true' }, m.status === 'ambiguous' ? '!' : '✓'), ' ', summary));
    }
    const shown = new Set();
    const ds = [...(ok ? [] : m.diagnostics || []), ...diagsAt('resources', i)];
    const ul = h('ul', { class: 'diag-lines' });
    for (const d of ds) {
      if (shown.has(d.message)) continue;
      shown.add(d.message);
      ul.append(diagLine(d, formatSuggestion));
    }
    if (ul.childElementCount) lines.push(ul);
    if (!(r.levels && r.levels.length) && state.mode !== 'actions') {
      lines.push(h('p', { class: 'hint small' }, 'Choose what to allow on it: List, Read, Write, Tagging or Permissions management.'));
    }
    setKids(status, ...lines);
    li.classList.toggle('has-error', ds.some((d) => d.severity === 'error'));
  };
  return li;
}

function renderResources() {
  const rs = state.resources || [];
  syncRows($('resource-list'), rs.length, createResourceRow);
  $('resources-empty').hidden = rs.length > 0;
  $('mode-note').hidden = state.mode !== 'actions';
}

function addARNs(arns) {
  const have = new Set((state.resources || []).map((r) => r.arn));
  const fresh = [...new Set(arns.map((a) => a.trim()).filter(Boolean))].filter((a) => !have.has(a));
  if (!fresh.length) {
    const dup = arns.map((a) => a.trim()).find((a) => have.has(a));
    if (dup) announce(`${dup} is already in the list`);
    return 0;
  }
  edit((s) => { listOf(s, 'resources').push(...fresh.map((arn) => ({ arn }))); });
  announce(fresh.length === 1 ? `Added ${fresh[0]}. Choose its access levels.` : `Added ${fresh.length} ARNs.`);
  return fresh.length;
}

/** Live feedback under the ARN input while typing: what the ARN is, before it is added. */
function previewARN() {
  const v = $('arn-input').value.trim();
  const hint = $('arn-input-hint');
  hint.classList.remove('match-ok', 'match-warn', 'match-bad');
  if (!v || !forge) {
    setKids(hint, 'Enter adds it. ', h('code', {}, '*'), ' and ', h('code', {}, '?'), ' work as in IAM.');
    return;
  }
  const m = matchOf(v);
  const summary = matchSummary(m);
  if (summary) {
    hint.classList.add(m.status === 'ambiguous' ? 'match-warn' : 'match-ok');
    hint.textContent = `${m.status === 'ambiguous' ? '!' : '✓'} ${summary} — Enter adds it`;
  } else {
    hint.classList.add('match-bad');
    hint.textContent = (m.diagnostics && m.diagnostics[0] && m.diagnostics[0].message) || 'not an ARN yet';
  }
}

// ---------------------------------------------------------------------------------------------
// Render: actions, service-wide grants, exclude/skip patterns, roles to assume

function actionSuggestion(key, index) {
  return (s) => h('button', { type: 'button', class: 'chip-btn mono', onclick: () => edit((st) => { st[key][index] = s; }) }, `Use ${s}`);
}

function renderActions() {
  const acts = state.actions || [];
  syncRows($('action-list'), acts.length, () => {
    const li = h('li', { class: 'chip', tabindex: '-1' });
    const name = h('span', { class: 'mono chip-name' });
    const sub = h('span', { class: 'chip-sub' });
    const remove = h('button', { type: 'button', class: 'icon-btn', text: '✕' });
    const ds = h('ul', { class: 'diag-lines' });
    let index = 0;
    remove.addEventListener('click', () => {
      const i = index;
      edit((s) => { s.actions.splice(i, 1); });
      requestAnimationFrame(() => {
        const rows = $('action-list').children;
        const next = rows[Math.min(i, rows.length - 1)];
        (next ? next.querySelector('.icon-btn') : $('action-search')).focus();
      });
    });
    li.append(name, sub, remove, ds);
    li.update = (i) => {
      index = i;
      const a = state.actions[i];
      li.id = `act-${i}`;
      name.textContent = a;
      remove.setAttribute('aria-label', `Remove ${a}`);
      const ex = last.explanations.get(a.toLowerCase());
      sub.textContent = ex ? `${ex.access_level} · on *` : '';
      const found = diagsAt('actions', i);
      setKids(ds, ...found.map((d) => diagLine(d, actionSuggestion('actions', i))));
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

function addAction(name) {
  if ((state.actions || []).some((a) => a.toLowerCase() === name.toLowerCase())) {
    announce(`${name} is already added`);
    return false;
  }
  edit((s) => { listOf(s, 'actions').push(name); });
  announce(`Added ${name}`);
  return true;
}

function renderServices() {
  const svcs = state.services || [];
  syncRows($('service-list'), svcs.length, () => {
    const li = h('li', { class: 'row leveled' });
    const name = h('span', { class: 'row-title' });
    const remove = h('button', { type: 'button', class: 'icon-btn', text: '✕' });
    const ds = h('ul', { class: 'diag-lines' });
    let index = 0;
    const levels = levelToggles((svc) => `Levels of ${svc} actions that take only *`,
      () => state.services[index].levels, (lv) => edit((s) => { s.services[index].levels = lv; }));
    remove.addEventListener('click', () => { const i = index; edit((s) => { s.services.splice(i, 1); }); $('svc-search').focus(); });
    li.append(h('div', { class: 'row-main' }, name, levels, remove), ds);
    li.update = (i) => {
      index = i;
      const sv = state.services[i];
      li.id = `svc-${i}`;
      const info = serviceName(sv.service);
      setKids(name, h('span', { class: 'mono' }, sv.service), info ? h('span', { class: 'muted small' }, ` ${info}`) : '');
      remove.setAttribute('aria-label', `Remove ${sv.service} service-wide`);
      levels.refresh(sv.service, sv.levels);
      const found = diagsAt('services', i);
      const items = found.map((d) => diagLine(d, (s) => h('button', { type: 'button', class: 'chip-btn mono', onclick: () => edit((st) => { st.services[i].service = s; }) }, `Use ${s}`)));
      if (!(sv.levels && sv.levels.length)) items.push(h('li', { class: 'hint small' }, 'Choose the levels to grant.'));
      setKids(ds, ...items);
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

function renderPatterns(key, ul, verb) {
  const items = state[key] || [];
  syncRows(ul, items.length, () => {
    const li = h('li', { class: 'chip', tabindex: '-1' });
    const name = h('span', { class: 'mono chip-name' });
    const remove = h('button', { type: 'button', class: 'icon-btn', text: '✕' });
    const ds = h('ul', { class: 'diag-lines' });
    let index = 0;
    remove.addEventListener('click', () => {
      const i = index;
      edit((s) => { s[key].splice(i, 1); });
      $(`${key}-input`).focus();
    });
    li.append(name, remove, ds);
    li.update = (i) => {
      index = i;
      li.id = `${key}-${i}`;
      name.textContent = state[key][i];
      remove.setAttribute('aria-label', `Remove ${state[key][i]} (${verb})`);
      const found = diagsAt(key, i);
      setKids(ds, ...found.map((d) => diagLine(d, actionSuggestion(key, i))));
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

function renderSTS() {
  // The state holds roles per sts key; the page shows one row per role.
  const rows = [];
  (state.sts || []).forEach((st, i) => (st.roles || []).forEach((role, j) => rows.push({ i, j, key: st.key, role })));
  const ul = $('sts-list');
  setKids(ul, ...rows.map(({ i, j, key, role }) => {
    const ds = diagsAt('sts', i).filter((d) => !d.location.arn || d.location.arn === role);
    return h('li', { class: 'row', id: `sts-${i}-${j}`, tabindex: '-1' },
      h('div', { class: 'row-main' },
        h('span', { class: 'row-title mono' }, h('span', { class: 'muted' }, `${STS_ACTION[key] || key} `), role),
        h('button', {
          type: 'button', class: 'icon-btn', 'aria-label': `Remove ${role}`, text: '✕',
          onclick: () => { edit((s) => { s.sts[i].roles.splice(j, 1); if (!s.sts[i].roles.length) s.sts.splice(i, 1); }); $('sts-role').focus(); },
        })),
      ds.length ? h('ul', { class: 'diag-lines' }, ds.map((d) => diagLine(d))) : null);
  }));
}

// ---------------------------------------------------------------------------------------------
// Render: options and conditions

/** Sets a control's value from the state unless the user is typing in it. */
function setControl(id, value) {
  const el = $(id);
  if (document.activeElement === el && el.tagName === 'INPUT' && el.type !== 'checkbox') return;
  if (el.type === 'checkbox') el.checked = !!value; else el.value = value;
}

function renderOptions() {
  // A partition the list does not hold (an imported template's) still shows as it is.
  const p = state.partition;
  if (p && ![...$('opt-partition').options].some((o) => o.text === p)) $('opt-partition').append(h('option', { value: p }, p));
  setControl('opt-effect', state.effect === 'Deny' ? 'Deny' : '');
  setControl('opt-partition', p && p !== 'aws' ? p : '');
  setControl('opt-region', state.region || '');
  setControl('opt-account', state.account || '');
  setControl('opt-deps', state.deps === 'wildcard' || state.deps === 'none' ? state.deps : '');
  setControl('opt-target', state.target && state.target !== 'managed' ? state.target : '');
  setControl('opt-format', state.format && state.format !== 'json' ? state.format : '');
  setControl('opt-mode', state.mode === 'actions' ? 'actions' : '');
  setControl('opt-minimize', state.minimize);
  setControl('opt-minlen', state.minLen ? String(state.minLen) : '');
  $('opt-minlen').disabled = !state.minimize;
}

function renderConditions() {
  const cs = state.conditions || [];
  syncRows($('condition-list'), cs.length, () => {
    const li = h('li', { class: 'row cond-row' });
    const key = h('span', { class: 'mono row-title' });
    const op = h('select', { class: 'mono' });
    const values = h('input', { type: 'text', class: 'mono grow', autocomplete: 'off', spellcheck: 'false' });
    const level = h('select', {}, h('option', { value: '' }, 'Every level'), LEVELS.map((l) => h('option', { value: l.slug }, l.label)));
    const remove = h('button', { type: 'button', class: 'icon-btn', text: '✕' });
    const ds = h('ul', { class: 'diag-lines' });
    let index = 0;
    op.addEventListener('change', () => edit((s) => { s.conditions[index].operator = op.value; }));
    level.addEventListener('change', () => edit((s) => { s.conditions[index].level = level.value || undefined; }));
    const commit = () => edit((s) => { s.conditions[index].values = splitValues(values.value); });
    values.addEventListener('change', commit);
    values.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } });
    remove.addEventListener('click', () => { const i = index; edit((s) => { s.conditions.splice(i, 1); }); $('cond-key').focus(); });
    li.append(h('div', { class: 'row-main cond-main' }, key, op, values, level, remove), ds);
    li.update = (i) => {
      index = i;
      const c = state.conditions[i];
      li.id = `cond-${i}`;
      op.id = `cond-op-${i}`;
      key.textContent = c.key;
      const info = keyInfo(c.key);
      const ops = operatorsFor(info && info.type);
      if (!ops.includes(c.operator)) ops.unshift(c.operator);
      if (op.dataset.for !== ops.join()) {
        setKids(op, ...ops.map((o) => h('option', { value: o }, o)));
        op.dataset.for = ops.join();
      }
      op.value = c.operator;
      op.setAttribute('aria-label', `Operator of ${c.key}`);
      values.setAttribute('aria-label', `Values of ${c.key}, separated by commas`);
      if (document.activeElement !== values) values.value = (c.values || []).join(', ');
      level.setAttribute('aria-label', `Access level ${c.key} applies to`);
      level.value = c.level || '';
      remove.setAttribute('aria-label', `Remove the condition on ${c.key}`);
      const found = diagsAt('conditions', i);
      setKids(ds, ...found.map((d) => diagLine(d, (s) => h('button', { type: 'button', class: 'chip-btn mono', onclick: () => edit((st) => { st.conditions[i].key = s; }) }, `Use ${s}`))));
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

const splitValues = (text) => text.split(',').map((v) => v.trim()).filter(Boolean);

/** Fills the key list: keys for the granted actions first, then global keys. */
function fillConditionKeys() {
  const sel = $('cond-key');
  const keys = conditionKeys();
  const sig = keys.map((k) => k.key).join();
  if (sel.dataset.sig === sig) return;
  const prev = sel.value;
  const own = keys.filter((k) => !k.global);
  const global = keys.filter((k) => k.global);
  const opt = (k) => h('option', { value: k.key }, k.global ? k.key : `${k.key} (${k.actions} action${k.actions === 1 ? '' : 's'})`);
  setKids(sel, h('option', { value: '' }, 'Choose a key…'),
    own.length ? h('optgroup', { label: 'Keys of the granted actions' }, own.map(opt)) : null,
    h('optgroup', { label: 'Global keys' }, global.map(opt)));
  sel.dataset.sig = sig;
  sel.value = keys.some((k) => k.key === prev) ? prev : '';
  if (!$('cond-op').options.length) shapeConditionForm();
}

/** Shapes the add-condition form to the chosen key: its placeholder, set, operators, values. */
function shapeConditionForm() {
  const k = conditionKeys().find((x) => x.key === $('cond-key').value);
  const type = k ? k.type : '';
  const multi = type.startsWith('ArrayOf');
  const base = type.replace(/^ArrayOf/, '');
  const ph = k && /\$\{([^}]+)\}/.exec(k.key);
  $('cond-var-field').hidden = !ph;
  if (ph) $('cond-var-label').textContent = ph[1];
  $('cond-set').disabled = !multi;
  if (!multi) $('cond-set').value = '';
  else if (!$('cond-set').dataset.touched) $('cond-set').value = 'ForAnyValue:';
  const bases = (FAMILIES[base] || Object.keys(OPS)).flatMap((f) => OPS[f]).concat('Null');
  const op = $('cond-op');
  const prev = op.value;
  setKids(op, ...bases.map((b) => h('option', { value: b }, b)));
  op.value = bases.includes(prev) ? prev : bases[0];
  $('cond-ifexists').disabled = op.value === 'Null';
  $('cond-values').placeholder = op.value === 'Null' ? 'true' : VALUE_HINT[base] || 'value';
  if (base === 'Bool' && !$('cond-values').value) $('cond-values').value = 'true';
  $('cond-desc').textContent = k ? `${k.type || 'untyped'}${k.global ? ', global' : `, applies to ${k.actions} granted action${k.actions === 1 ? '' : 's'}`}. ${k.description || ''}` : '';
}

// ---------------------------------------------------------------------------------------------
// Render: output

function renderOutput() {
  const r = last.result;
  const output = r && r.output ? r.output : '';
  const empty = !grantsSomething(state);
  const pre = $('policy');
  $('policy-empty').hidden = !empty;
  pre.hidden = !output;
  $('policy-keys-hint').hidden = !output || !last.explanations.size;
  for (const id of ['copy-policy', 'download-policy']) $(id).disabled = !output;

  if (output) {
    const format = state.format || 'json';
    if (pre.dataset.text !== output || pre.dataset.format !== format) {
      forge.renderPolicy(pre, output, format, [...last.explanations.values()].map((e) => e.action));
      pre.dataset.text = output;
      pre.dataset.format = format;
      $('explain-card').hidden = true; // it explained a span that is gone
    }
  } else {
    pre.textContent = '';
    pre.dataset.text = '';
    $('explain-card').hidden = true;
  }

  // The size meter: characters as AWS counts them, against the chosen target.
  const row = $('size-row');
  row.hidden = !output;
  if (output) {
    const { size, limit, target } = r;
    const meter = $('size-meter');
    meter.max = Math.max(limit, size);
    meter.low = Math.round(limit * 0.8);
    meter.high = limit + 0.5; // at the limit is still fine; over it is not
    meter.optimum = 0;
    meter.value = size;
    const over = size > limit;
    row.classList.toggle('over', over);
    $('size-text').textContent = over
      ? `${fmtInt(size)} of ${fmtInt(limit)} characters: ${fmtInt(size - limit)} over the ${TARGET_LABEL[target] || target} limit. Try Minimize, or a larger size limit.`
      : `${fmtInt(size)} of ${fmtInt(limit)} characters (${TARGET_LABEL[target] || target}, white space not counted)`;
  }

  renderDiagnostics(empty);
  renderWhy();
}

/** Says where a diagnostic points, in the page's words. */
function whereOf(loc) {
  if (!loc) return '';
  const i = loc.index;
  const at = (key) => (state[key] || [])[i];
  switch (loc.key) {
    case 'resources': return i != null ? `Resource ${i + 1}` : 'Resources';
    case 'actions': return i != null ? `Action ${at('actions') || ''}` : 'Actions';
    case 'services': return i != null ? `Service-wide ${at('services')?.service || ''}` : 'Service-wide';
    case 'exclude': return i != null ? `Exclude ${at('exclude') || ''}` : 'Exclude';
    case 'skip': return i != null ? `Grant on * ${at('skip') || ''}` : 'Grant on *';
    case 'sts': return 'Roles to assume';
    case 'conditions': return i != null ? `Condition ${at('conditions')?.key || i + 1}` : 'Conditions';
    case 'partition': return 'Partition';
    case 'region': return 'Default region';
    case 'account': return 'Default account';
    case 'deps': return 'Dependent actions';
    case 'mode': return 'Template mode';
    case 'effect': return 'Effect';
    default: return loc.key || '';
  }
}

/** The control a diagnostic concerns, to take the user there. */
function targetOf(loc) {
  if (!loc || !loc.key) return null;
  const i = loc.index;
  switch (loc.key) {
    case 'resources': return i != null ? $(`res-arn-${i}`) : $('arn-input');
    case 'actions': return i != null ? $(`act-${i}`) : $('action-search');
    case 'services': return i != null ? $(`svc-${i}`)?.querySelector('.toggle') : $('svc-search');
    case 'exclude': return i != null ? $(`exclude-${i}`) : $('exclude-input');
    case 'skip': return i != null ? $(`skip-${i}`) : $('skip-input');
    case 'sts': return $(`sts-${i}-0`) || $('sts-role');
    case 'conditions': return i != null ? $(`cond-op-${i}`) : $('cond-key');
    case 'partition': return $('opt-partition');
    case 'region': return $('opt-region');
    case 'account': return $('opt-account');
    case 'deps': return $('opt-deps');
    case 'mode': return $('opt-mode');
    case 'effect': return $('opt-effect');
    default: return null;
  }
}

function renderDiagnostics(empty) {
  // With nothing asked for yet, "the policy is empty" is the starting point, not a problem.
  const ds = last.diagnostics.filter((d) => !(empty && d.code === 'empty-policy'));
  $('diag-box').hidden = ds.length === 0;
  const errors = ds.filter((d) => d.severity === 'error').length;
  $('diag-count').textContent = ds.length ? `(${ds.length}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''})` : '';
  setKids($('diag-list'), ...ds.map((d) => {
    const where = whereOf(d.location);
    const body = [
      h('span', { class: 'sev-label' }, severityLabel(d.severity)),
      where ? h('span', { class: 'where' }, where) : null,
      h('span', { class: 'msg' }, d.message),
      h('span', { class: 'diag-code muted' }, d.code),
    ];
    const target = targetOf(d.location);
    return h('li', { class: `diag sev-${d.severity}` }, target
      ? h('button', { type: 'button', class: 'diag-go', onclick: () => reveal(targetOf(d.location)) }, body)
      : h('div', { class: 'diag-go' }, body));
  }));
}

// "Why each action is here": what each granted action does and what granted it.
const openWhy = new Set();

function explanationBody(e, maxReasons = Infinity) {
  const more = e.reasons.length - maxReasons;
  return [
    e.description ? h('p', { class: 'why-desc' }, e.description) : null,
    h('ul', { class: 'why-reasons' }, e.reasons.slice(0, maxReasons).map((r) => h('li', {}, r.text)),
      more > 0 ? h('li', { class: 'muted' }, `and ${more} more (see “Why each action is here”)`) : null),
    e.sids && e.sids.length ? h('p', { class: 'small muted' }, `In statement${e.sids.length > 1 ? 's' : ''} ${e.sids.join(', ')}`) : null,
  ];
}

function levelBadge(level) {
  const slug = (level || '').toLowerCase().replace(/ /g, '-');
  return h('span', { class: `badge lvl-${slug}` }, level);
}

function renderWhy() {
  const ex = [...last.explanations.values()];
  const box = $('why');
  box.hidden = ex.length === 0;
  $('why-count').textContent = ex.length ? `(${ex.length})` : '';
  if (!box.open) { $('why-list').dataset.stale = '1'; return; } // built when opened
  delete $('why-list').dataset.stale;
  const filter = $('why-filter').value.trim().toLowerCase();
  const shown = filter ? ex.filter((e) => e.action.toLowerCase().includes(filter) || (e.description || '').toLowerCase().includes(filter)) : ex;
  setKids($('why-list'), ...shown.map((e) => {
    const d = h('details', { class: 'why-item', id: `why-${e.action.replace(/[^A-Za-z0-9-]/g, '-')}` },
      h('summary', {}, h('span', { class: 'mono' }, e.action), ' ', levelBadge(e.access_level),
        e.reasons.some((r) => r.kind === 'dependent') ? h('span', { class: 'badge' }, 'dependent') : null),
      explanationBody(e));
    d.open = openWhy.has(e.action);
    d.addEventListener('toggle', () => { if (d.open) openWhy.add(e.action); else openWhy.delete(e.action); });
    return d;
  }).map((d) => h('li', {}, d)));
}

/** The explanation card for an action span of the rendered policy (a minimized prefix* too). */
function explainSpan(span) {
  const name = span.dataset.action;
  const card = $('explain-card');
  let ex = last.explanations.get(name.toLowerCase());
  let content;
  if (ex) {
    content = [h('p', { class: 'explain-head' }, h('strong', { class: 'mono' }, ex.action), ' ', levelBadge(ex.access_level)), explanationBody(ex, 3)];
  } else {
    const re = new RegExp('^' + name.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    const covered = [...last.explanations.values()].filter((e) => re.test(e.action.toLowerCase()));
    if (!covered.length) return;
    if (covered.length === 1) {
      ex = covered[0];
      content = [h('p', { class: 'explain-head' }, h('strong', { class: 'mono' }, name), ' matches only ', h('strong', { class: 'mono' }, ex.action), ' ', levelBadge(ex.access_level)), explanationBody(ex, 3)];
    } else content = [h('p', { class: 'explain-head' }, h('strong', { class: 'mono' }, name), ` covers ${covered.length} granted action${covered.length === 1 ? '' : 's'}:`),
      h('p', { class: 'mono small' }, covered.slice(0, 12).map((e) => e.action).join(', ') + (covered.length > 12 ? ', …' : ''))];
  }
  setKids(card, ...content);
  card.hidden = false;
  for (const s of $('policy').querySelectorAll('.current')) s.classList.remove('current');
  span.classList.add('current');
}

// ---------------------------------------------------------------------------------------------
// Handlers: a small accessible combobox (ARIA 1.2: input + listbox + aria-activedescendant)

function combobox({ input, listbox, source, option, onPick, empty }) {
  let items = [];
  let active = -1;
  const isOpen = () => !listbox.hidden;
  function open(q) {
    items = source(q);
    active = -1;
    const opts = items.map((it, i) => {
      const li = option(it);
      li.id = `${listbox.id}-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the input
      li.addEventListener('click', () => pick(i));
      return li;
    });
    if (!opts.length && q.trim()) opts.push(h('li', { role: 'option', 'aria-disabled': 'true', class: 'opt-empty' }, empty(q)));
    setKids(listbox, ...opts);
    setOpen(opts.length > 0);
    input.removeAttribute('aria-activedescendant');
  }
  function setOpen(v) {
    listbox.hidden = !v;
    input.setAttribute('aria-expanded', String(v));
    if (!v) { input.removeAttribute('aria-activedescendant'); active = -1; }
  }
  function setActive(i) {
    if (!items.length) return;
    active = (i + items.length) % items.length;
    [...listbox.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === active)));
    const li = listbox.children[active];
    input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }
  function pick(i) {
    const it = items[i];
    if (!it) return;
    setOpen(false);
    onPick(it);
  }
  input.addEventListener('input', () => { if (input.value.trim()) open(input.value); else setOpen(false); });
  input.addEventListener('keydown', (e) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!isOpen()) { open(input.value); if (items.length) setActive(0); } else setActive(active + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (isOpen()) setActive(active - 1);
        break;
      case 'Enter':
        if (isOpen() && active >= 0) { e.preventDefault(); pick(active); }
        else if (isOpen() && items.length === 1) { e.preventDefault(); pick(0); }
        break;
      case 'Escape':
        if (isOpen()) { e.preventDefault(); e.stopPropagation(); setOpen(false); }
        else if (input.value) { e.preventDefault(); input.value = ''; }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  });
  input.addEventListener('blur', () => setOpen(false));
  return { refresh: () => { if (isOpen()) open(input.value); }, close: () => setOpen(false) };
}

function serviceName(prefix) {
  const s = forge && forge.info.services.find((x) => x.prefix === prefix);
  return s ? s.name : '';
}

/** Services whose prefix starts with the query first, then those whose prefix or name holds it. */
function findServices(q) {
  const t = q.trim().toLowerCase();
  if (!t) return [];
  const all = forge.info.services;
  const starts = all.filter((s) => s.prefix.startsWith(t));
  const has = all.filter((s) => !s.prefix.startsWith(t) && (s.prefix.includes(t) || s.name.toLowerCase().includes(t)));
  return [...starts, ...has].slice(0, 30);
}

const serviceOption = (s) => h('li', { class: 'opt' }, h('span', { class: 'mono opt-name' }, s.prefix), ' ', h('span', { class: 'opt-desc-inline' }, s.name));

function actionOption(a) {
  const added = (state.actions || []).some((x) => x.toLowerCase() === a.action.toLowerCase());
  return h('li', { class: 'opt' },
    h('div', { class: 'opt-line' },
      h('span', { class: 'mono opt-name' }, a.action), ' ', levelBadge(a.access_level), ' ',
      h('span', { class: 'opt-rt small muted' }, a.wildcard_only ? 'wildcard only' : `on ${a.resource_types.join(', ')}`),
      added ? h('span', { class: 'badge badge-added' }, 'added') : null),
    a.description ? h('div', { class: 'opt-desc small' }, a.description) : null);
}

// ---------------------------------------------------------------------------------------------
// Handlers: the ARN builder (service → resource type → placeholders)

const builder = { service: '', formats: [] };

function openBuilder(service, format) {
  $('arn-builder').hidden = false;
  $('arn-builder-toggle').setAttribute('aria-expanded', 'true');
  chooseBuilderService(service, format);
  const first = [...$('ab-placeholders').querySelectorAll('input')].find((i) => !i.value) || $('ab-type');
  reveal(first);
}

function chooseBuilderService(prefix, format) {
  builder.service = prefix;
  $('ab-service').value = prefix;
  const res = forge.arnFormats(prefix);
  builder.formats = res.result || [];
  const sel = $('ab-type');
  setKids(sel, ...builder.formats.map((f, i) => h('option', { value: String(i) }, f.resource_type)));
  $('ab-type-field').hidden = builder.formats.length === 0;
  const msg = $('ab-message');
  if (!builder.formats.length) {
    msg.hidden = false;
    setKids(msg, res.result
      ? `${prefix} has no resource types: its actions take only "*". Grant them under Actions → Service-wide.`
      : (res.diagnostics[0] && res.diagnostics[0].message) || `no service ${prefix}`);
  } else {
    msg.hidden = true;
    const i = format ? builder.formats.findIndex((f) => f.format === format) : 0;
    sel.value = String(Math.max(0, i));
  }
  renderPlaceholders();
}

function renderPlaceholders() {
  const f = builder.formats[Number($('ab-type').value)];
  const box = $('ab-placeholders');
  $('ab-preview-row').hidden = !f;
  if (!f) { setKids(box); return; }
  const defaults = { Partition: state.partition || 'aws', Region: state.region || '', Account: state.account || '' };
  setKids(box, ...f.placeholders.map((p) => h('div', { class: 'field' },
    h('label', { for: `ab-ph-${p}` }, p),
    h('input', {
      id: `ab-ph-${p}`, type: 'text', class: 'mono', autocomplete: 'off', spellcheck: 'false', 'data-ph': p,
      value: defaults[p] || '', placeholder: '* (any)',
      oninput: previewBuilt,
      onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); addBuilt(); } },
    }))));
  previewBuilt();
}

/** The ARN the builder makes: empty placeholders become "*", which IAM reads as "any". */
function builtARN() {
  const f = builder.formats[Number($('ab-type').value)];
  if (!f) return '';
  const vals = Object.fromEntries([...$('ab-placeholders').querySelectorAll('input')].map((i) => [i.dataset.ph, i.value.trim()]));
  return f.format.replace(/\$\{([^}]+)\}/g, (_, p) => vals[p] || '*');
}

function previewBuilt() { $('ab-preview').textContent = builtARN(); }

function addBuilt() {
  const arn = builtARN();
  if (!arn) return;
  if (addARNs([arn])) {
    for (const i of $('ab-placeholders').querySelectorAll('input')) if (!['Partition', 'Region', 'Account'].includes(i.dataset.ph)) i.value = '';
    previewBuilt();
  }
}

// ---------------------------------------------------------------------------------------------
// Import: a Policy Sentry template becomes the builder state; an IAM policy is checked and
// expanded.

let undoState = null;

function looksLikePolicy(text) {
  try {
    const v = JSON.parse(text);
    return !!v && typeof v === 'object' && !Array.isArray(v) && 'Statement' in v;
  } catch {
    // Broken JSON with a Statement key is a policy too: validate says where it breaks.
    return /^\s*\{/.test(text) && /"Statement"\s*:/.test(text);
  }
}

function runImport(text, file) {
  const out = $('import-result');
  if (!text.trim()) { setKids(out, h('p', { class: 'hint' }, 'Paste a template or a policy first.')); return; }
  if (looksLikePolicy(text)) return showPolicyAnalysis(text, file);
  const res = forge.importTemplate(text, file || 'template');
  const ds = res.diagnostics || [];
  if (!res.result) {
    setKids(out, h('h3', {}, 'The template could not be imported'), findingList(ds));
    return;
  }
  undoState = state;
  state = normalize(res.result);
  last.matches.clear();
  scheduleUpdate();
  const s = state;
  const parts = [
    s.resources && `${s.resources.length} ARN${s.resources.length === 1 ? '' : 's'}`,
    s.actions && `${s.actions.length} action${s.actions.length === 1 ? '' : 's'}`,
    s.services && `${s.services.length} service-wide grant${s.services.length === 1 ? '' : 's'}`,
    s.exclude && `${s.exclude.length} exclusion${s.exclude.length === 1 ? '' : 's'}`,
    s.conditions && `${s.conditions.length} condition${s.conditions.length === 1 ? '' : 's'}`,
  ].filter(Boolean);
  setKids(out,
    h('p', { class: 'import-ok' }, h('strong', {}, 'Imported: '), parts.join(', ') || 'an empty template', '. The builder now holds it. ',
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: undoImport }, 'Undo')),
    ds.length ? findingList(ds) : null);
  announce('Template imported into the builder');
}

function undoImport() {
  if (!undoState) return;
  state = undoState;
  undoState = null;
  scheduleUpdate();
  setKids($('import-result'), h('p', { class: 'hint' }, 'Import undone: the builder is as it was.'));
  $('import-text').focus();
}

/** Findings with their line and column; activating one puts the caret there in the text. */
function findingList(ds) {
  if (!ds.length) return h('p', { class: 'import-ok' }, 'No findings.');
  return h('ul', { class: 'diags' }, ds.map((d) => {
    const loc = d.location || {};
    const where = [loc.line ? `line ${loc.line}${loc.column ? `:${loc.column}` : ''}` : '', loc.key || ''].filter(Boolean).join(' · ');
    const body = [h('span', { class: 'sev-label' }, severityLabel(d.severity)), where ? h('span', { class: 'where' }, where) : null,
      h('span', { class: 'msg' }, d.message), h('span', { class: 'diag-code muted' }, d.code)];
    return h('li', { class: `diag sev-${d.severity}` }, loc.line
      ? h('button', { type: 'button', class: 'diag-go', onclick: () => caretTo(loc.line, loc.column) }, body)
      : h('div', { class: 'diag-go' }, body));
  }));
}

function caretTo(line, column) {
  const ta = $('import-text');
  const lines = ta.value.split('\n');
  let pos = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
  pos += Math.max(0, (column || 1) - 1);
  ta.focus();
  ta.setSelectionRange(pos, pos + 1);
}

function showPolicyAnalysis(text, file) {
  const name = file || 'policy';
  const v = forge.validate(text, { file: name });
  const ex = forge.expand(text, 'json');
  const findings = (v.result && v.result.findings) || v.diagnostics || [];
  const statements = ex.result ? ex.result.statements : [];
  const total = statements.reduce((n, s) => n + s.count, 0);
  const errors = findings.filter((d) => d.severity === 'error').length;
  setKids($('import-result'),
    h('h3', {}, `Policy check: ${findings.length ? `${findings.length} finding${findings.length === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}` : 'no findings'}`),
    findingList(findings),
    statements.length ? h('h3', {}, `Actions it grants: ${fmtInt(total)} in ${statements.length} statement${statements.length === 1 ? '' : 's'}`) : null,
    ...statements.map(expandedStatement));
  announce(`Policy checked: ${findings.length} findings, ${total} actions`);
}

function expandedStatement(st) {
  const resources = (st.resource || []).join(', ') || '(no Resource)';
  const d = h('details', { class: 'expanded' },
    h('summary', {}, h('span', { class: 'mono' }, st.sid || st.path), ` ${st.effect} ${fmtInt(st.count)} action${st.count === 1 ? '' : 's'}${st.not_action ? ' (NotAction: all but those listed)' : ''} on `, h('span', { class: 'mono' }, resources)));
  // Built when opened: a NotAction statement expands to thousands of actions.
  const fill = () => {
    if (d.dataset.filled) return;
    d.dataset.filled = '1';
    for (const svc of Object.keys(st.actions).sort()) {
      const levels = st.actions[svc];
      d.append(h('div', { class: 'exp-service' }, h('h4', {}, h('span', { class: 'mono' }, svc), h('span', { class: 'muted small' }, ` ${serviceName(svc)}`)),
        Object.keys(levels).map((lv) => h('p', { class: 'exp-level' }, levelBadge(lv), ` ${levels[lv].length}: `,
          h('span', { class: 'mono small' }, levels[lv].map((a) => a.slice(svc.length + 1)).join(', '))))));
    }
  };
  d.addEventListener('toggle', () => { if (d.open) fill(); });
  if (st.count <= 200) { d.open = true; fill(); }
  return d;
}

async function importFile(file) {
  const text = await file.text();
  $('import-text').value = text;
  runImport(text, file.name);
}

// ---------------------------------------------------------------------------------------------
// Permalink: the state lives in the URL fragment, which never reaches a server.

let lastFragment = null;

function savePermalink() {
  const empty = Object.keys(state).length === 1;
  const frag = empty ? '' : forge.encodeState(state).result?.fragment || '';
  if (frag === lastFragment) return;
  lastFragment = frag;
  // replaceState, never pushState: one history entry for the page, not one per keystroke.
  history.replaceState(null, '', frag ? `#${frag}` : location.pathname + location.search);
}

/** Reads the state from the fragment; a bad one says why and the builder starts empty. */
function restoreFromHash() {
  const frag = location.hash.slice(1);
  if (!frag) return;
  const res = forge.decodeState(frag);
  if (res.result) {
    state = normalize(res.result);
    lastFragment = frag;
    return;
  }
  state = { v: 1 };
  showNotice(`This link's builder state could not be read (${res.diagnostics.map((d) => d.message).join('; ')}). The builder starts empty.`);
}

function showNotice(text) {
  $('notice-text').textContent = text;
  $('notice').hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Theme: the system's, unless the user chose one (remembered).

function storedTheme() {
  try { return localStorage.getItem(THEME_KEY); } catch { return null; }
}

function applyTheme() {
  const stored = storedTheme();
  const dark = stored ? stored === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  if (stored) document.documentElement.dataset.theme = stored; else delete document.documentElement.dataset.theme;
  $('theme-toggle').setAttribute('aria-pressed', String(dark));
}

function setupTheme() {
  applyTheme();
  $('theme-toggle').addEventListener('click', () => {
    const dark = $('theme-toggle').getAttribute('aria-pressed') !== 'true';
    try { localStorage.setItem(THEME_KEY, dark ? 'dark' : 'light'); } catch { document.documentElement.dataset.theme = dark ? 'dark' : 'light'; }
    applyTheme();
    if (!storedTheme()) { document.documentElement.dataset.theme = dark ? 'dark' : 'light'; $('theme-toggle').setAttribute('aria-pressed', String(dark)); }
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyTheme);
}

// ---------------------------------------------------------------------------------------------
// Wiring

async function copyText(text, button, done) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied ✓';
    announce(done);
  } catch (err) {
    button.textContent = 'Copy failed';
    announce(`Copying failed: ${err.message}. Select the text and copy it instead.`);
  }
  clearTimeout(button.restore);
  button.restore = setTimeout(() => { button.textContent = label; }, 1800);
}

function wire() {
  // Resources
  $('arn-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const v = $('arn-input').value;
    if (!v.trim()) return;
    if (addARNs(v.split('\n'))) { $('arn-input').value = ''; previewARN(); }
  });
  $('arn-input').addEventListener('input', previewARN);
  $('arn-input').addEventListener('paste', (e) => {
    const text = e.clipboardData && e.clipboardData.getData('text');
    if (text && text.trim().includes('\n')) { // a list of ARNs: add them all
      e.preventDefault();
      addARNs(text.split(/\r?\n/));
    }
  });
  $('example-arn').addEventListener('click', () => {
    $('arn-input').value = 'arn:aws:s3:::my-bucket';
    previewARN();
    $('arn-input').focus();
  });
  // Disclosures: a button with aria-controls shows and hides its panel; Escape in the panel
  // closes it and returns to the button.
  for (const button of document.querySelectorAll('button.disclosure[aria-controls]')) {
    const panel = $(button.getAttribute('aria-controls'));
    button.addEventListener('click', () => {
      const open = panel.hidden;
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (open) panel.querySelector('input, select, textarea, button')?.focus();
    });
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        panel.hidden = true;
        button.setAttribute('aria-expanded', 'false');
        button.focus();
      }
    });
  }
  combobox({
    input: $('ab-service'), listbox: $('ab-service-list'), source: findServices, option: serviceOption,
    empty: (q) => `No service matches “${q}”`, onPick: (s) => { chooseBuilderService(s.prefix); $('ab-type').focus(); },
  });
  $('ab-type').addEventListener('change', renderPlaceholders);
  $('ab-add').addEventListener('click', addBuilt);
  $('mode-crud').addEventListener('click', () => edit((s) => { delete s.mode; }));

  // Actions
  const search = combobox({
    input: $('action-search'), listbox: $('action-results'),
    source: (q) => (forge.search(q.trim(), 20).result || []), option: actionOption,
    empty: (q) => `No action matches “${q}”`,
    onPick: (a) => addAction(a.action),
  });
  forge.descriptions.then(() => {
    search.refresh();
    scheduleUpdate();
    // The engine builds its search index on first use, and again once descriptions arrive
    // (it ranks them): build it while the page is idle, not on the user's next keystroke.
    const warm = () => forge.search('a', 1);
    if (window.requestIdleCallback) requestIdleCallback(warm, { timeout: 3000 }); else setTimeout(warm, 500);
  }, (err) => showNotice(`Action descriptions could not be loaded (${err.message}); search covers action names only.`));
  combobox({
    input: $('svc-search'), listbox: $('svc-search-list'), source: findServices, option: serviceOption,
    empty: (q) => `No service matches “${q}”`,
    onPick: (s) => {
      $('svc-search').value = '';
      if ((state.services || []).some((x) => x.service === s.prefix)) { reveal($(`svc-${state.services.findIndex((x) => x.service === s.prefix)}`)?.querySelector('.toggle')); return; }
      edit((st) => { listOf(st, 'services').push({ service: s.prefix, levels: [] }); });
      announce(`Added ${s.prefix}. Choose the levels to grant.`);
      requestAnimationFrame(() => $(`svc-${state.services.length - 1}`)?.querySelector('.toggle')?.focus());
    },
  });
  for (const key of ['exclude', 'skip']) {
    $(`${key}-form`).addEventListener('submit', (e) => {
      e.preventDefault();
      const v = $(`${key}-input`).value.trim();
      if (!v) return;
      if ((state[key] || []).includes(v)) { announce(`${v} is already listed`); return; }
      edit((s) => { listOf(s, key).push(v); });
      $(`${key}-input`).value = '';
    });
  }
  $('sts-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const role = $('sts-role').value.trim();
    const key = $('sts-key').value;
    if (!role) return;
    edit((s) => {
      const sts = listOf(s, 'sts');
      let entry = sts.find((x) => x.key === key);
      if (!entry) sts.push(entry = { key, roles: [] });
      if (!entry.roles.includes(role)) entry.roles.push(role);
    });
    $('sts-role').value = '';
  });

  // Options: each control writes one state field; defaults are left out of the state.
  const opt = (id, field, read = (el) => el.value || undefined) => $(id).addEventListener('change', () => edit((s) => { s[field] = read($(id)); }));
  opt('opt-effect', 'effect');
  opt('opt-partition', 'partition');
  opt('opt-region', 'region', (el) => el.value.trim() || undefined);
  opt('opt-account', 'account', (el) => el.value.trim() || undefined);
  opt('opt-deps', 'deps');
  opt('opt-target', 'target');
  opt('opt-format', 'format');
  opt('opt-mode', 'mode');
  opt('opt-minimize', 'minimize', (el) => el.checked || undefined);
  opt('opt-minlen', 'minLen', (el) => Math.max(0, Math.min(128, parseInt(el.value, 10) || 0)) || undefined);

  // Conditions
  $('cond-key').addEventListener('focus', fillConditionKeys);
  $('cond-key').addEventListener('mousedown', fillConditionKeys);
  $('cond-key').addEventListener('change', shapeConditionForm);
  $('cond-set').addEventListener('change', () => { $('cond-set').dataset.touched = '1'; });
  $('cond-op').addEventListener('change', shapeConditionForm);
  $('cond-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const k = conditionKeys().find((x) => x.key === $('cond-key').value);
    if (!k) { announce('Choose a condition key first'); reveal($('cond-key')); return; }
    let key = k.key;
    const ph = /\$\{([^}]+)\}/.exec(key);
    if (ph) {
      const part = $('cond-var').value.trim();
      if (!part) { announce(`Fill in ${ph[1]} first`); reveal($('cond-var')); return; }
      key = key.replace(ph[0], part);
    }
    const base = $('cond-op').value;
    const operator = base === 'Null' ? 'Null' : $('cond-set').value + base + ($('cond-ifexists').checked ? 'IfExists' : '');
    const values = splitValues($('cond-values').value || (base === 'Null' ? 'true' : ''));
    if (!values.length) { announce('Give at least one value'); reveal($('cond-values')); return; }
    const level = $('cond-level').value || undefined;
    edit((s) => { listOf(s, 'conditions').push({ level, operator, key, values }); });
    $('cond-values').value = '';
    $('cond-var').value = '';
    announce(`Added the condition ${operator} on ${key}`);
  });

  // Output
  $('copy-policy').addEventListener('click', () => copyText(last.result.output, $('copy-policy'), 'Policy copied to the clipboard'));
  $('copy-link').addEventListener('click', () => copyText(location.href, $('copy-link'), 'Link copied to the clipboard'));
  $('download-policy').addEventListener('click', () => {
    const [name, type] = DOWNLOADS[state.format || 'json'];
    const url = URL.createObjectURL(new Blob([last.result.output], { type }));
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
    announce(`Downloading ${name}`);
  });
  const pre = $('policy');
  const onAction = (e) => { const span = e.target.closest && e.target.closest('[data-action]'); if (span) explainSpan(span); };
  pre.addEventListener('mouseover', onAction);
  pre.addEventListener('focusin', onAction);
  pre.addEventListener('keydown', (e) => {
    // Arrow keys walk the granted actions; each one's explanation follows focus.
    const spans = [...pre.querySelectorAll('[data-action]')];
    if (!spans.length) return;
    const at = spans.indexOf(document.activeElement);
    let next = null;
    if (e.key === 'ArrowDown') next = spans[at + 1] || spans[spans.length - 1];
    else if (e.key === 'ArrowUp') next = at < 0 ? spans[0] : spans[at - 1] || spans[0];
    else if (e.key === 'Escape' && at >= 0) next = pre;
    if (next) { e.preventDefault(); next.focus(); next.scrollIntoView({ block: 'nearest' }); }
  });
  $('why-filter').addEventListener('input', renderWhy);
  $('why').addEventListener('toggle', () => { if ($('why').open && $('why-list').dataset.stale) renderWhy(); });

  // Import
  $('import-go').addEventListener('click', () => runImport($('import-text').value));
  $('import-file-btn').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', () => { const f = $('import-file').files[0]; if (f) importFile(f); $('import-file').value = ''; });
  const drop = $('import-drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const f = e.dataTransfer.files[0];
    if (f) importFile(f);
    else if (e.dataTransfer.getData('text')) { $('import-text').value = e.dataTransfer.getData('text'); runImport($('import-text').value); }
  });

  // A link pasted into this tab's address bar changes only the fragment.
  addEventListener('hashchange', () => {
    if (location.hash.slice(1) === lastFragment) return;
    $('notice').hidden = true;
    state = { v: 1 };
    restoreFromHash();
    last.matches.clear();
    scheduleUpdate();
  });
  $('notice-close').addEventListener('click', () => { $('notice').hidden = true; });
}

// ---------------------------------------------------------------------------------------------
// Boot

async function boot() {
  setupTheme();
  $('fatal-reload').addEventListener('click', () => location.reload());
  try {
    forge = await load({ onStatus: (s) => { $('loading-text').textContent = s; } });
  } catch (err) {
    $('loading').hidden = true;
    $('fatal-text').textContent = `The engine could not start: ${err.message}. Check your connection and reload; iamforge needs a browser with WebAssembly.`;
    $('fatal').hidden = false;
    $('app').setAttribute('aria-busy', 'false');
    return;
  }
  // For tests, benchmarks and pages that embed the builder: the JS API, and the state.
  window.iamforgeAPI = forge;
  window.iamforgeBuilder = { get state() { return structuredClone(state); } };

  wire();
  performance.mark('iamforge-wired');
  restoreFromHash();
  update();
  performance.mark('iamforge-first-write');
  $('builder-controls').disabled = false;
  $('options-controls').disabled = false;
  for (const id of ['opt-format', 'copy-link']) $(id).disabled = false;
  renderOptions();
  $('loading').hidden = true;
  $('app').setAttribute('aria-busy', 'false');
  performance.mark('iamforge-ready');
  document.documentElement.dataset.ready = 'true';
  // The footer's catalog facts can wait for the first idle moment.
  setTimeout(() => {
    const info = forge.info.info;
    $('catalog-info').textContent = `${fmtInt(info.services)} services, ${fmtInt(info.actions)} actions, ${fmtInt(info.condition_keys)} condition keys` +
      ` (${info.sources.map((s) => `${s.package} ${s.version}`)[0] || 'built-in catalog'}). iamforge runs entirely in your browser: nothing you enter leaves this tab.`;
  }, 0);
}

boot();
