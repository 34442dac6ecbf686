// combobox.js — a small accessible combobox (ARIA 1.2: input + listbox + aria-activedescendant),
// for the action search and the service pickers. Its source answers a promise (the engine runs in
// a worker): the latest query's answer is shown, earlier ones are dropped, and a key that moves
// through the results waits for the answer to what is typed.

import { h, setKids } from './dom.js?v=__VERSION__';

/**
 * Wires input and listbox together: source(query) gives the items (or a promise of them; null
 * when superseded), option(item) renders one, onPick(item) takes the chosen one, empty(query)
 * says that nothing matches.
 */
export function combobox({ input, listbox, source, option, onPick, empty }) {
  let items = [];
  let active = -1;
  let asked = 0;
  let answered = Promise.resolve(); // resolves once the latest query's items are shown
  let waiting = false; // for the latest query's items
  const isOpen = () => !listbox.hidden;
  function open(q) {
    const n = ++asked;
    waiting = true;
    answered = Promise.resolve(source(q)).then((got) => {
      if (n !== asked) return;
      waiting = false;
      if (got) show(q, got);
    });
    return answered;
  }
  function show(q, got) {
    items = got;
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
  input.addEventListener('input', () => {
    if (input.value.trim()) open(input.value);
    else { asked++; waiting = false; setOpen(false); }
  });
  input.addEventListener('keydown', (e) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!isOpen()) open(input.value).then(() => { if (items.length) setActive(0); });
        else answered.then(() => setActive(active + 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (isOpen()) answered.then(() => setActive(active - 1));
        break;
      case 'Enter':
        // What Enter picks is decided once the answer to what is typed is shown.
        if (isOpen() || waiting) {
          e.preventDefault();
          answered.then(() => {
            if (!isOpen()) return;
            if (active >= 0) pick(active); else if (items.length === 1) pick(0);
          });
        }
        break;
      case 'Escape':
        asked++; // an answer on its way no longer opens the list
        waiting = false;
        if (isOpen()) { e.preventDefault(); e.stopPropagation(); setOpen(false); }
        else if (input.value) { e.preventDefault(); input.value = ''; }
        break;
      case 'Tab':
        asked++;
        waiting = false;
        setOpen(false);
        break;
    }
  });
  input.addEventListener('blur', () => { asked++; waiting = false; setOpen(false); });
  return { refresh: () => { if (isOpen()) open(input.value); }, close: () => setOpen(false) };
}
