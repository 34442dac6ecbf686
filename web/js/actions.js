// actions.js — 2. Actions: single actions found by search, service-wide grants of the actions
// that take only "*", exclusions, actions granted on "*" as they are, and roles to assume.

import { $, announce, h, reveal, setKids, setOptions, showNotice, syncRows } from './dom.js?v=__VERSION__';
import { combobox } from './combobox.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { afterRender, diagsAt, edit, last, listOf, onExplain, onRender, scheduleUpdate, state } from './state.js?v=__VERSION__';
import { setRowAction } from './rowactions.js?v=__VERSION__';
import { diagLine, levelBadge, levelToggles, serviceOption, useSuggestion } from './widgets.js?v=__VERSION__';

export function setupActions() {
  const search = combobox({
    input: $('action-search'), listbox: $('action-results'),
    source: async (q) => { const hits = await engine.search(q.trim(), 20); return hits && placements(hits); },
    option: actionOption,
    empty: (q) => `No action matches “${q}”`,
    onPick: (p) => (p.row >= 0 ? addToRow(p.hit.action, p.row) : addAction(p.hit.action)),
  });
  // Descriptions in: the explanations show them at once, and the results rank them once the
  // index has them.
  engine.descriptions().then(() => {
    scheduleUpdate();
    engine.warmSearch().then(() => search.refresh());
  }, (err) => showNotice(`Action descriptions could not be loaded (${err.message}); search covers action names only.`));
  combobox({
    input: $('svc-search'), listbox: $('svc-search-list'), source: engine.findServices, option: serviceOption,
    empty: (q) => `No service matches “${q}”`,
    onPick: (s) => {
      $('svc-search').value = '';
      if ((state.services || []).some((x) => x.service === s.prefix)) { reveal($(`svc-${state.services.findIndex((x) => x.service === s.prefix)}`)?.querySelector('.toggle')); return; }
      edit((st) => { listOf(st, 'services').push({ service: s.prefix, levels: [] }); });
      announce(`Added ${s.prefix}. Choose the levels to grant.`);
      afterRender(() => $(`svc-${state.services.length - 1}`)?.querySelector('.toggle')?.focus());
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
  setOptions($('sts-key'), engine.vocab.sts.map((s) => [s.key, s.action]));
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
  onRender(() => {
    renderActions();
    renderServices();
    renderPatterns('exclude', $('exclude-list'), 'Exclude');
    renderPatterns('skip', $('skip-list'), 'Grant on *');
    renderSTS();
  });
  onExplain(renderActions); // each chip says its level
}

// Where a searched action can go: on each resource row whose resource type it acts on (as the
// engine matched the row's ARN), then on "*". An action that takes resources goes on "*" only when
// the user puts it there.
const MAX_ROWS = 5; // rows offered per action; the rows' own pickers offer it on every one

/** The search hits as places to put them: {hit, row} per fitting row (row ≥ 0), then {hit, row: -1}
 *  for "*"; more: how many fitting rows are not offered. */
function placements(hits) {
  const rows = (state.resources || []).map((r, i) => {
    const m = engine.matchOf(r.arn);
    return { i, service: m && m.service, types: engine.rowTypes(m) };
  }).filter((r) => r.types.length);
  const out = [];
  for (const hit of hits) {
    const service = hit.action.split(':')[0];
    const fit = hit.wildcard_only ? [] : rows.filter((r) => r.service === service && r.types.some((t) => hit.resource_types.includes(t)));
    fit.slice(0, MAX_ROWS).forEach((r, k) => out.push({ hit, row: r.i, first: k === 0 }));
    out.push({ hit, row: -1, first: fit.length === 0, more: Math.max(0, fit.length - MAX_ROWS) });
  }
  return out;
}

function actionOption({ hit: a, row, first, more }) {
  const same = (x) => x.toLowerCase() === a.action.toLowerCase();
  let where;
  let added;
  if (row >= 0) {
    const arn = state.resources[row].arn;
    where = h('span', { class: 'opt-rt opt-arn small' }, 'on ', h('span', { class: 'mono' }, arn), h('span', { class: 'muted' }, ` (resource ${row + 1})`));
    added = (state.resources[row].actions || []).some(same);
  } else {
    where = h('span', { class: 'opt-rt small muted' }, a.wildcard_only ? 'wildcard only' : `on * (every ${a.resource_types.join(', ')})`);
    added = (state.actions || []).some(same) || (state.skip || []).some(same);
  }
  return h('li', { class: first ? 'opt' : 'opt opt-more' },
    h('div', { class: 'opt-line' },
      h('span', { class: 'mono opt-name' }, a.action), ' ', levelBadge(a.access_level), ' ', where,
      added ? h('span', { class: 'badge badge-added' }, 'added') : null),
    first && a.description ? h('div', { class: 'opt-desc small' }, a.description) : null,
    more ? h('div', { class: 'small muted' }, `It acts on ${more} more of your resources: pick it in their rows.`) : null);
}

function addToRow(name, row) {
  const { arn, actions = [] } = state.resources[row];
  if (actions.some((a) => a.toLowerCase() === name.toLowerCase())) {
    announce(`${name} is already on ${arn}`);
    return;
  }
  setRowAction(row, name, true);
  announce(`Added ${name} on ${arn}`);
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
      afterRender(() => {
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
      setKids(ds, ...found.map((d) => diagLine(d, useSuggestion((st, s) => { st.actions[i] = s; }))));
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

function renderServices() {
  const svcs = state.services || [];
  if (svcs.length && !engine.servicesKnown()) engine.services().then(renderServices); // their names
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
      const info = engine.serviceName(sv.service);
      setKids(name, h('span', { class: 'mono' }, sv.service), info ? h('span', { class: 'muted small' }, ` ${info}`) : '');
      remove.setAttribute('aria-label', `Remove ${sv.service} service-wide`);
      levels.refresh(sv.service, sv.levels);
      const found = diagsAt('services', i);
      const items = found.map((d) => diagLine(d, useSuggestion((st, s) => { st.services[i].service = s; })));
      if (!(sv.levels && sv.levels.length)) items.push(h('li', { class: 'hint small' }, 'Choose the levels to grant.'));
      setKids(ds, ...items);
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

/** Exclusions (key "exclude") or actions granted on * as they are ("skip"): one chip each. */
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
      setKids(ds, ...found.map((d) => diagLine(d, useSuggestion((st, s) => { st[key][i] = s; }))));
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

function renderSTS() {
  // The state holds roles per sts key; the page shows one row per role.
  const rows = [];
  (state.sts || []).forEach((st, i) => (st.roles || []).forEach((role, j) => rows.push({ i, j, key: st.key, role })));
  setKids($('sts-list'), ...rows.map(({ i, j, key, role }) => {
    const ds = diagsAt('sts', i).filter((d) => !d.location.arn || d.location.arn === role);
    return h('li', { class: 'row', id: `sts-${i}-${j}`, tabindex: '-1' },
      h('div', { class: 'row-main' },
        h('span', { class: 'row-title mono' }, h('span', { class: 'muted' }, `${engine.stsAction(key)} `), role),
        h('button', {
          type: 'button', class: 'icon-btn', 'aria-label': `Remove ${role}`, text: '✕',
          onclick: () => { edit((s) => { s.sts[i].roles.splice(j, 1); if (!s.sts[i].roles.length) s.sts.splice(i, 1); }); $('sts-role').focus(); },
        })),
      ds.length ? h('ul', { class: 'diag-lines' }, ds.map((d) => diagLine(d))) : null);
  }));
}
