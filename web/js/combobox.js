// combobox.js — a small accessible combobox (ARIA 1.2: input + listbox + aria-activedescendant),
// for the action search and the service pickers.

import { h, setKids } from './dom.js?v=__VERSION__';

/**
 * Wires input and listbox together: source(query) gives the items, option(item) renders one,
 * onPick(item) takes the chosen one, empty(query) says that nothing matches.
 */
export function combobox({ input, listbox, source, option, onPick, empty }) {
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
