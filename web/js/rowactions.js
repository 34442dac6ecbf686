// rowactions.js — a resource row's single actions: the ones picked for it (chips that remove
// them), and a disclosure that lists every action that acts on the row's resource type, by
// access level, with descriptions and a filter, to grant exactly dynamodb:PutItem and UpdateItem
// on a table instead of the 35 that Write gives. The list comes from the engine (arnActions)
// only when the picker first opens, so 200 rows cost nothing until one is opened.

import { h, setKids } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { edit, state } from './state.js?v=__VERSION__';

let pickers = 0; // for ids: a picker's controls are named by the row, its ids by the picker

/** Adds action to the row at index, or takes it off, keeping the row's actions sorted (as Go's
 *  importPolicy writes them) so that equal rows make equal links. */
export function setRowAction(index, action, on) {
  edit((s) => {
    const r = s.resources[index];
    const set = new Set(r.actions || []);
    if (on) set.add(action); else set.delete(action);
    r.actions = [...set].sort();
  });
}

/** The description beside the picker's checkbox id, which names it (aria-describedby). */
const descriptionOf = (id, text) => h('span', { id: `${id}-d`, class: 'pick-desc small muted' }, text);

/** The picked-action chips and the picker of one resource row; update(i) shows row i's. */
export function rowActions() {
  const n = ++pickers;
  let index = 0;
  let arn = '';
  const chips = h('ul', { class: 'chips picked' });
  const toggle = h('button', { type: 'button', class: 'btn btn-quiet disclosure pick-toggle', 'aria-expanded': 'false', 'aria-controls': `pick-${n}` });
  const panel = h('div', { id: `pick-${n}`, class: 'picker', role: 'group', hidden: true });
  const filter = h('input', { type: 'search', class: 'pick-filter', autocomplete: 'off', spellcheck: 'false', placeholder: 'Filter by name or description' });
  const status = h('p', { class: 'hint small pick-status', 'aria-live': 'polite' });
  const groups = h('div', { class: 'pick-groups' });
  // The panel's filter joins the row when the panel first opens: Chromium's autofill visits
  // every text field of the page after the DOM changes, and a field inside a row that
  // content-visibility keeps unrendered makes it lay that row out alone (a 60-row import: 120
  // fields, 137–167 ms of layout in one task while the user types).
  let loadedFor = null; // the ARN whose actions the panel lists
  let boxes = []; // the checkboxes, in the panel's order

  toggle.addEventListener('click', () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open && !panel.firstChild) panel.append(filter, status, groups);
    if (open) { load(); filter.focus(); }
  });
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented && !(e.target === filter && filter.value)) {
      e.preventDefault();
      panel.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
      return;
    }
    // ↓ and ↑ walk the actions the filter leaves, from the filter box too.
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const shown = boxes.filter((b) => !b.closest('.pick-item').hidden);
    if (!shown.length) return;
    const at = shown.indexOf(e.target);
    let next = null;
    if (e.key === 'ArrowDown') next = shown[Math.min(at + 1, shown.length - 1)];
    else next = at <= 0 ? filter : shown[at - 1];
    e.preventDefault();
    next.focus();
  });
  filter.addEventListener('input', applyFilter);

  async function load() {
    const want = arn;
    if (loadedFor === want) return;
    loadedFor = want;
    boxes = [];
    setKids(groups);
    status.textContent = 'Finding the actions that act on it…';
    const res = await engine.arnActions(want);
    if (loadedFor !== want) return; // the row shows another ARN now
    if (!res.result) {
      loadedFor = null; // ask again once the ARN is fixed
      status.textContent = `No actions to pick: ${(res.diagnostics[0] && res.diagnostics[0].message) || 'the ARN matches no resource type'}.`;
      return;
    }
    const r = res.result;
    const byLevel = new Map(r.levels.map((l) => [l.level, []]));
    for (const a of r.actions) byLevel.get(a.access_level)?.push(a);
    let k = 0;
    setKids(groups, ...r.levels.map((l) => {
      const items = byLevel.get(l.level).map((a) => {
        const id = `pick-${n}-${k++}`;
        const box = h('input', { type: 'checkbox', id, 'data-action': a.action, 'data-level': l.slug, 'aria-describedby': a.description ? `${id}-d` : null });
        box.addEventListener('change', () => setRowAction(index, a.action, box.checked));
        boxes.push(box);
        return h('li', { class: 'pick-item', 'data-text': `${a.action} ${a.description}`.toLowerCase() },
          box, h('label', { for: id, class: 'mono' }, a.action),
          a.description ? descriptionOf(id, a.description) : null);
      });
      return h('fieldset', { class: 'pick-level', 'data-level': l.slug },
        h('legend', {}, l.level, h('span', { class: 'count' }, ` ${l.actions}`), h('span', { class: 'pick-note small muted' })),
        h('ul', { class: 'pick-list' }, items));
    }));
    status.dataset.total = `${r.actions.length} action${r.actions.length === 1 ? '' : 's'} act on ${r.service} ${r.resource_types.join(' or ')}`;
    sync();
    applyFilter();
    if (!engine.describedYet()) engine.descriptions().then(() => describe(want), () => {});
  }

  /** Puts the descriptions that came after the list was drawn beside its actions, in place: the
   *  checkboxes, their ticks and the focus stay as they are. */
  async function describe(want) {
    const res = await engine.arnActions(want);
    if (loadedFor !== want || !res.result) return;
    const of = new Map(res.result.actions.map((a) => [a.action, a.description]));
    for (const box of boxes) {
      const d = of.get(box.dataset.action);
      const li = box.closest('.pick-item');
      if (!d || li.querySelector('.pick-desc')) continue;
      li.append(descriptionOf(box.id, d));
      box.setAttribute('aria-describedby', `${box.id}-d`);
      li.dataset.text = `${box.dataset.action} ${d}`.toLowerCase();
    }
    applyFilter();
  }

  function applyFilter() {
    if (!loadedFor) return;
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const fs of groups.children) {
      let any = 0;
      for (const li of fs.querySelectorAll('.pick-item')) {
        li.hidden = !!q && !li.dataset.text.includes(q);
        if (!li.hidden) any++;
      }
      fs.hidden = any === 0;
      shown += any;
    }
    status.textContent = q ? `${shown} of ${boxes.length} match “${filter.value.trim()}”` : `${status.dataset.total}.`;
  }

  /** Ticks what the row has picked, and says which levels the row grants whole already. */
  function sync() {
    const r = state.resources[index];
    if (!r) return;
    const picked = new Set(r.actions || []);
    for (const b of boxes) b.checked = picked.has(b.dataset.action);
    const levels = new Set(r.levels || []);
    for (const fs of groups.children) {
      fs.querySelector('.pick-note').textContent = levels.has(fs.dataset.level) ? ' — granted whole: the level is ticked' : '';
    }
  }

  return {
    chips, toggle, panel,
    update(i) {
      index = i;
      const r = state.resources[i];
      const changed = r.arn !== arn;
      arn = r.arn;
      const acts = r.actions || [];
      toggle.textContent = acts.length ? `Pick actions (${acts.length} picked)` : 'Pick actions';
      toggle.setAttribute('aria-label', `${toggle.textContent} for ${arn}`);
      panel.setAttribute('aria-label', `Actions that act on ${arn}`);
      filter.setAttribute('aria-label', `Filter the actions for ${arn}`);
      setKids(chips, ...acts.map((a) => h('li', { class: 'chip' },
        h('span', { class: 'mono chip-name' }, a),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': `Remove ${a} from ${arn}`, text: '✕', onclick: () => {
          setRowAction(index, a, false);
          requestAnimationFrame(() => toggle.focus());
        } }))));
      chips.setAttribute('aria-label', `Actions picked for ${arn}`);
      if (changed) {
        loadedFor = null;
        boxes = [];
        setKids(groups);
        if (!panel.hidden) load();
      } else sync();
    },
  };
}
