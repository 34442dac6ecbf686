// resources.js — 1. Resources: ARNs pasted or built, each with its access levels, the single
// actions picked for it (rowactions.js), and what it matched (or why nothing).

import { $, announce, h, orList, setKids, syncRows } from './dom.js?v=__VERSION__';
import { openBuilder, setupArnBuilder } from './arnbuilder.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { afterRender, diagsAt, edit, listOf, onRender, state } from './state.js?v=__VERSION__';
import { rowActions } from './rowactions.js?v=__VERSION__';
import { diagLine, levelToggles } from './widgets.js?v=__VERSION__';

export function setupResources() {
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
  $('mode-crud').addEventListener('click', () => edit((s) => { delete s.mode; }));
  setupArnBuilder(addARNs);
  onRender(renderResources);
}

/** Adds the ARNs not in the list yet; says how many were new. */
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

/** Live feedback under the ARN input while typing: what the ARN is, before it is added. */
async function previewARN() {
  const v = $('arn-input').value.trim();
  const hint = $('arn-input-hint');
  if (!v) {
    hint.classList.remove('match-ok', 'match-warn', 'match-bad');
    setKids(hint, 'Enter adds it. ', h('code', {}, '*'), ' and ', h('code', {}, '?'), ' work as in IAM.');
    return;
  }
  const m = await engine.preview(v);
  if (!m || $('arn-input').value.trim() !== v) return; // the user typed on
  hint.classList.remove('match-ok', 'match-warn', 'match-bad');
  const summary = matchSummary(m);
  if (summary) {
    hint.classList.add(m.status === 'ambiguous' ? 'match-warn' : 'match-ok');
    hint.textContent = `${m.status === 'ambiguous' ? '!' : '✓'} ${summary} — Enter adds it`;
  } else {
    hint.classList.add('match-bad');
    hint.textContent = (m.diagnostics && m.diagnostics[0] && m.diagnostics[0].message) || 'not an ARN yet';
  }
}

/** A button that opens the ARN builder on a suggested format ("s3:bucket arn:${Partition}…"). */
function formatSuggestion(s) {
  const m = /^([a-z0-9-]+):(.+?) (arn:\S+)$/.exec(s);
  if (!m) return null;
  return h('button', { type: 'button', class: 'chip-btn mono', title: m[3], onclick: () => openBuilder(m[1], m[3]) },
    `Build ${m[1]} ${m[2]}`);
}

function renderResources() {
  const rs = state.resources || [];
  syncRows($('resource-list'), rs.length, createResourceRow);
  $('resources-empty').hidden = rs.length > 0;
  $('mode-note').hidden = state.mode !== 'actions';
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
    afterRender(() => {
      const rows = $('resource-list').children;
      const next = rows[Math.min(i, rows.length - 1)];
      (next ? next.querySelector('.icon-btn') : $('arn-input')).focus();
    });
  });
  const picks = rowActions();
  li.append(h('div', { class: 'row-main' }, input, levels, remove), h('div', { class: 'row-picks' }, picks.chips, picks.toggle), picks.panel, status);
  let drawn = [];
  li.update = (i) => {
    index = i;
    const r = state.resources[i];
    const m = engine.matchOf(r.arn);
    const own = diagsAt('resources', i);
    // A row is drawn again only when something it shows changed: a level ticked on one of 200
    // rows redraws that row alone. Rows, matches and diagnostics are compared by identity (an
    // edit keeps the rows it left alone, a write the diagnostics it did not change), which
    // costs nothing for the 199 rows a click does not touch.
    const sig = [i, r, m, own, state.mode === 'actions'];
    if (sig.every((x, k) => x === drawn[k])) return;
    drawn = sig;
    li.id = `res-${i}`;
    input.id = `res-arn-${i}`;
    input.setAttribute('aria-label', `ARN of resource ${i + 1}`);
    if (document.activeElement !== input) input.value = r.arn;
    remove.setAttribute('aria-label', `Remove ${r.arn}`);
    levels.refresh(r.arn, r.levels);
    picks.update(i);

    const lines = [];
    const ok = m && ['matched', 'shared', 'any'].includes(m.status);
    const summary = m ? matchSummary(m) : '';
    if (summary) {
      lines.push(h('p', { class: `match ${m.status === 'ambiguous' ? 'match-warn' : 'match-ok'}` },
        h('span', { class: 'match-icon', 'aria-hidden': 'true' }, m.status === 'ambiguous' ? '!' : '✓'), ' ', summary));
    }
    const shown = new Set();
    const ds = [...(ok || !m ? [] : m.diagnostics || []), ...own];
    const ul = h('ul', { class: 'diag-lines' });
    for (const d of ds) {
      if (shown.has(d.message)) continue;
      shown.add(d.message);
      ul.append(diagLine(d, formatSuggestion));
    }
    if (ul.childElementCount) lines.push(ul);
    if (!(r.levels && r.levels.length) && !(r.actions && r.actions.length) && state.mode !== 'actions') {
      lines.push(h('p', { class: 'hint small' }, `Choose what to allow on it: ${orList(engine.vocab.levels.map((l) => l.label))}, or pick single actions.`));
    }
    setKids(status, ...lines);
    li.classList.toggle('has-error', ds.some((d) => d.severity === 'error'));
  };
  return li;
}
