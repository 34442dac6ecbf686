// theme.js — light or dark: the system's, unless the user chose one (remembered).

import { $ } from './dom.js?v=__VERSION__';

const THEME_KEY = 'iamforge-theme';

function storedTheme() {
  try { return localStorage.getItem(THEME_KEY); } catch { return null; }
}

function applyTheme() {
  const stored = storedTheme();
  const dark = stored ? stored === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  if (stored) document.documentElement.dataset.theme = stored; else delete document.documentElement.dataset.theme;
  $('theme-toggle').setAttribute('aria-pressed', String(dark));
}

export function setupTheme() {
  applyTheme();
  $('theme-toggle').addEventListener('click', () => {
    const dark = $('theme-toggle').getAttribute('aria-pressed') !== 'true';
    try { localStorage.setItem(THEME_KEY, dark ? 'dark' : 'light'); } catch { document.documentElement.dataset.theme = dark ? 'dark' : 'light'; }
    applyTheme();
    if (!storedTheme()) { document.documentElement.dataset.theme = dark ? 'dark' : 'light'; $('theme-toggle').setAttribute('aria-pressed', String(dark)); }
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyTheme);
}
