// dom.js — small DOM helpers every area of the page uses. Nothing here knows about IAM.

export const $ = (id) => document.getElementById(id);

/** h('button', {class: 'btn', onclick: f}, 'Text') — attributes as strings, on* as listeners. */
export function h(tag, props, ...kids) {
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
export function syncRows(list, n, create) {
  while (list.children.length > n) list.lastElementChild.remove();
  while (list.children.length < n) list.append(create());
  [...list.children].forEach((row, i) => row.update(i));
}

/** replaceChildren without the null and false that conditional children leave behind. */
export const setKids = (el, ...kids) => el.replaceChildren(...kids.flat().filter((k) => k != null && k !== false));

/** Fills a select with [value, text] pairs, keeping its value when it is still offered. */
export function setOptions(select, pairs) {
  const prev = select.value;
  setKids(select, ...pairs.map(([value, text]) => h('option', { value }, text)));
  if (pairs.some(([value]) => value === prev)) select.value = prev;
}

/** An integer as en-US writes it (6144 → "6,144"), without toLocaleString: its first call wakes
 *  up ICU, which costs tens of milliseconds on the page's start-up path. */
export const fmtInt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "A, B or C". */
export const orList = (xs) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : xs.join(''));

/** Resolves once the browser has produced its next frame — work that can wait for it does not
 *  delay what the user just did from showing — or after 100 ms where no frame comes (a hidden
 *  tab). */
export function afterPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => { clearTimeout(timer); setTimeout(resolve, 0); });
  });
}

export const announce = (text) => { $('live').textContent = ''; requestAnimationFrame(() => { $('live').textContent = text; }); };

/** Moves focus to el and marks it for a moment, so that "take me there" is visible. */
export function reveal(el) {
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
  const mark = el.closest('li, .field') || el;
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}

/** Sets a control's value from the state unless the user is typing in it. */
export function setControl(id, value) {
  const el = $(id);
  if (document.activeElement === el && el.tagName === 'INPUT' && el.type !== 'checkbox') return;
  if (el.type === 'checkbox') el.checked = !!value; else el.value = value;
}

export function showNotice(text) {
  $('notice-text').textContent = text;
  $('notice').hidden = false;
}

export async function copyText(text, button, done) {
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

/** Disclosures: a button with aria-controls shows and hides its panel; Escape in the panel
 *  closes it and returns to the button. */
export function setupDisclosures() {
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
}
