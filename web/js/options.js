// options.js — 3. Options: effect, ARN defaults, dependent actions, mode, size target, minimize,
// output format; and conditions, with the keys that apply to what is granted and the operators
// that fit each key's type. The lists come from the engine's vocabulary.

import { $, announce, fmtInt, h, reveal, setControl, setKids, setOptions, syncRows } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { diagsAt, edit, endRun, last, listOf, onRender, state } from './state.js?v=__VERSION__';
import { diagLine, useSuggestion } from './widgets.js?v=__VERSION__';

/** [value, text] pairs for a select whose first entry is the engine's default, stored as "". */
const withDefault = (list, name, text) => list.map((x, i) => [i === 0 ? '' : name(x), text(x)]);
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

export function setupOptions() {
  const v = engine.vocab;
  setOptions($('opt-effect'), withDefault(v.effects, (e) => e, (e) => e));
  setOptions($('opt-partition'), withDefault(v.partitions, (p) => p, (p) => p));
  setOptions($('opt-target'), withDefault(v.targets, (t) => t.name,
    (t) => `${capital(t.label.replace(/ policy$/, ''))} (${fmtInt(t.limit)})`));
  setOptions($('opt-format'), withDefault(v.formats, (f) => f.name, (f) => f.label));
  setOptions($('cond-level'), [['', 'Every access level'], ...v.levels.map((l) => [l.slug, l.label])]);
  const sets = [...new Set(v.keyTypes.flatMap((k) => k.sets))];
  setOptions($('cond-set'), [['', 'Single value'], ...sets.map((s) => [`${s}:`, s])]);

  // Each control writes one state field; defaults are left out of the state.
  const opt = (id, field, read = (el) => el.value || undefined) => $(id).addEventListener('change', () => edit((s) => { s[field] = read($(id)); }));
  opt('opt-effect', 'effect');
  opt('opt-partition', 'partition');
  // Region and account follow the keys as they are typed (the engine judges each value).
  // What is typed into one field until it loses focus is one step of undo.
  const typed = (id, field) => {
    $(id).addEventListener('input', () => edit((s) => { s[field] = $(id).value.trim() || undefined; }, id));
    $(id).addEventListener('blur', endRun);
  };
  typed('opt-region', 'region');
  typed('opt-account', 'account');
  opt('opt-split', 'split', (el) => el.checked || undefined);
  opt('opt-deps', 'deps');
  opt('opt-target', 'target');
  opt('opt-format', 'format');
  opt('opt-mode', 'mode');
  opt('opt-minimize', 'minimize', (el) => el.checked || undefined);
  opt('opt-minlen', 'minLen', (el) => Math.max(0, Math.min(128, parseInt(el.value, 10) || 0)) || undefined);

  $('cond-key').addEventListener('focus', fillConditionKeys);
  $('cond-key').addEventListener('mousedown', fillConditionKeys);
  $('cond-key').addEventListener('change', shapeConditionForm);
  $('cond-set').addEventListener('change', () => { $('cond-set').dataset.touched = '1'; });
  $('cond-op').addEventListener('change', shapeConditionForm);
  $('cond-form').addEventListener('submit', addCondition);
  onRender(() => {
    renderOptions();
    renderConditions();
    if (!$('cond-form').hidden) fillConditionKeys(); // the keys follow what is granted
  });
}

/** A value of the state as its select shows it: "" for the default (the list's first). */
const shown = (list, value) => (list.indexOf(value) > 0 ? value : '');

export function renderOptions() {
  const v = engine.vocab;
  // A partition the list does not hold (an imported template's) still shows as it is.
  const p = state.partition;
  if (p && ![...$('opt-partition').options].some((o) => o.text === p)) $('opt-partition').append(h('option', { value: p }, p));
  setControl('opt-effect', shown(v.effects, state.effect));
  setControl('opt-partition', p && p !== v.partitions[0] ? p : '');
  setControl('opt-region', state.region || '');
  setControl('opt-account', state.account || '');
  setControl('opt-deps', shown(v.dependentActions, state.deps));
  setControl('opt-target', state.target && state.target !== v.targets[0].name ? state.target : '');
  setControl('opt-format', state.format && state.format !== v.formats[0].name ? state.format : '');
  setControl('opt-mode', shown(v.modes, state.mode));
  setControl('opt-minimize', state.minimize);
  setControl('opt-minlen', state.minLen ? String(state.minLen) : '');
  $('opt-minlen').disabled = !state.minimize;
  setControl('opt-split', state.split);
  fieldDiags('region');
  fieldDiags('account');
}

/** What the engine said about a field (a region AWS does not use, an account of 5 digits), under
 *  it: the same diagnostics as in the problem list, which stay there too. */
function fieldDiags(key) {
  const ds = last.of && last.of[key] === state[key] ? last.diagnostics.filter((d) => d.location && d.location.key === key) : [];
  const ul = $(`opt-${key}-diags`);
  setKids(ul, ...ds.map((d) => diagLine(d)));
  if (ds.some((d) => d.severity === 'error')) $(`opt-${key}`).setAttribute('aria-invalid', 'true');
  else $(`opt-${key}`).removeAttribute('aria-invalid');
}

// ---------------------------------------------------------------------------------------------
// Conditions

const splitValues = (text) => text.split(',').map((v) => v.trim()).filter(Boolean);

function renderConditions() {
  const cs = state.conditions || [];
  // Each row's operators fit its key's type: known once the engine has said (then drawn again).
  engine.keyInfoAll(cs.map((c) => c.key)).then((fresh) => { if (fresh) renderConditions(); });
  syncRows($('condition-list'), cs.length, () => {
    const li = h('li', { class: 'row cond-row' });
    const key = h('span', { class: 'mono row-title' });
    const op = h('select', { class: 'mono' });
    const values = h('input', { type: 'text', class: 'mono grow', autocomplete: 'off', spellcheck: 'false' });
    const level = h('select', {}, h('option', { value: '' }, 'Every level'), engine.vocab.levels.map((l) => h('option', { value: l.slug }, l.label)));
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
      const info = engine.keyInfo(c.key);
      const ops = engine.operatorsFor(info && info.type);
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
      setKids(ds, ...found.map((d) => diagLine(d, useSuggestion((st, s) => { st.conditions[i].key = s; }))));
      li.classList.toggle('has-error', found.some((d) => d.severity === 'error'));
    };
    return li;
  });
}

/** Fills the key list: keys for the granted actions first, then global keys. */
async function fillConditionKeys() {
  const sel = $('cond-key');
  const keys = await engine.conditionKeys(state);
  if (!keys) return; // a later call fills it
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
  const k = engine.lastConditionKeys().find((x) => x.key === $('cond-key').value);
  const kt = engine.keyType(k ? k.type : '');
  const ph = k && /\$\{([^}]+)\}/.exec(k.key);
  $('cond-var-field').hidden = !ph;
  if (ph) $('cond-var-label').textContent = ph[1];
  $('cond-set').disabled = !kt.multivalued;
  if (!kt.multivalued) $('cond-set').value = '';
  else if (!$('cond-set').dataset.touched) $('cond-set').value = `${kt.sets[0]}:`;
  const op = $('cond-op');
  const prev = op.value;
  setKids(op, ...kt.operators.map((b) => h('option', { value: b }, b)));
  op.value = kt.operators.includes(prev) ? prev : kt.operators[0];
  $('cond-ifexists').disabled = op.value === 'Null';
  $('cond-values').placeholder = op.value === 'Null' ? 'true' : kt.example;
  // A Bool key is nearly always wanted true.
  if (kt.families.join() === 'Bool' && !$('cond-values').value) $('cond-values').value = kt.example;
  $('cond-desc').textContent = k ? `${k.type || 'untyped'}${k.global ? ', global' : `, applies to ${k.actions} granted action${k.actions === 1 ? '' : 's'}`}. ${k.description || ''}` : '';
}

function addCondition(e) {
  e.preventDefault();
  const k = engine.lastConditionKeys().find((x) => x.key === $('cond-key').value);
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
}
