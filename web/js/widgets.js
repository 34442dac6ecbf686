// widgets.js — pieces several areas share: access-level toggles and badges, a diagnostic under
// the input it concerns, with buttons that apply its suggestions, and a service in a list.

import { h } from './dom.js?v=__VERSION__';
import { vocab, levelSlug } from './engine.js?v=__VERSION__';
import { edit, state, toggleLevel } from './state.js?v=__VERSION__';

/** A group of toggle buttons, one per access level; refresh(label, levels) shows a row's. A
 *  click shows its toggle pressed (or not) at once; the rest of the page follows a frame later. */
export function levelToggles(labelFor, getLevels, setLevels) {
  const group = h('div', { class: 'levels', role: 'group' });
  const press = (levels) => {
    for (const b of group.children) b.setAttribute('aria-pressed', String((levels || []).includes(b.dataset.level)));
  };
  for (const l of vocab.levels) {
    group.append(h('button', {
      type: 'button', class: 'toggle', 'data-level': l.slug, 'aria-pressed': 'false',
      onclick: () => {
        const levels = toggleLevel(getLevels(), l.slug);
        setLevels(levels);
        press(levels);
      },
    }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), l.label));
  }
  group.refresh = (label, levels) => {
    group.setAttribute('aria-label', labelFor(label));
    press(levels);
  };
  return group;
}

export const levelBadge = (level) => h('span', { class: `badge lvl-${levelSlug(level)}` }, level);

export function severityLabel(s) { return s === 'error' ? 'Error' : s === 'warning' ? 'Warning' : 'Note'; }

/** One diagnostic as a list item; apply(suggestion, d) makes a button for each suggestion. */
export function diagLine(d, apply) {
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

/** For diagLine: a "Use s" button per suggestion that puts s in the state with set(state, s). */
export const useSuggestion = (set) => (s) =>
  h('button', { type: 'button', class: 'chip-btn mono', onclick: () => edit((st) => set(st, s)) }, `Use ${s}`);

export const serviceOption = (s) => h('li', { class: 'opt' }, h('span', { class: 'mono opt-name' }, s.prefix), ' ', h('span', { class: 'opt-desc-inline' }, s.name));

/** Says where a diagnostic points, in the page's words. */
export function whereOf(loc, s = state) {
  if (!loc) return '';
  const i = loc.index;
  const at = (key) => (s[key] || [])[i];
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
    default: return loc.key || loc.action || '';
  }
}
