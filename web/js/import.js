// import.js — 4. Import: a Policy Sentry template becomes the builder state (an edit: Undo
// brings back what was there); an existing IAM policy is checked and expanded, and left out of
// the builder. Both run in the engine's worker: the page stays usable meanwhile, and a later
// import supersedes one still running.

import { $, announce, fmtInt, h, setKids } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import * as builder from './state.js?v=__VERSION__';
import { levelBadge, severityLabel } from './widgets.js?v=__VERSION__';

export function setupImport() {
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
}

function looksLikePolicy(text) {
  try {
    const v = JSON.parse(text);
    return !!v && typeof v === 'object' && !Array.isArray(v) && 'Statement' in v;
  } catch {
    // Broken JSON with a Statement key is a policy too: validate says where it breaks.
    return /^\s*\{/.test(text) && /"Statement"\s*:/.test(text);
  }
}

let imports = 0; // the latest import: an earlier one still running shows nothing

async function runImport(text, file) {
  const out = $('import-result');
  const n = ++imports;
  if (!text.trim()) { setKids(out, h('p', { class: 'hint' }, 'Paste a template or a policy first.')); return; }
  out.setAttribute('aria-busy', 'true');
  try {
    if (looksLikePolicy(text)) await showPolicyAnalysis(text, file, n);
    else await importTemplate(text, file, n);
  } finally {
    if (n === imports) out.setAttribute('aria-busy', 'false');
  }
}

async function importTemplate(text, file, n) {
  const out = $('import-result');
  const res = await engine.importTemplate(text, file || 'template');
  if (!res || n !== imports) return; // a later import supersedes this one
  const ds = res.diagnostics || [];
  if (!res.result) {
    setKids(out, h('h3', {}, 'The template could not be imported'), findingList(ds));
    return;
  }
  builder.load(res.result);
  const s = builder.state;
  const parts = [
    s.resources && `${s.resources.length} ARN${s.resources.length === 1 ? '' : 's'}`,
    s.actions && `${s.actions.length} action${s.actions.length === 1 ? '' : 's'}`,
    s.services && `${s.services.length} service-wide grant${s.services.length === 1 ? '' : 's'}`,
    s.exclude && `${s.exclude.length} exclusion${s.exclude.length === 1 ? '' : 's'}`,
    s.conditions && `${s.conditions.length} condition${s.conditions.length === 1 ? '' : 's'}`,
  ].filter(Boolean);
  setKids(out,
    h('p', { class: 'import-ok' }, h('strong', {}, 'Imported: '), parts.join(', ') || 'an empty template',
      '. The builder now holds it; Undo (Ctrl+Z) brings back what it held.'),
    ds.length ? findingList(ds) : null);
  announce('Template imported into the builder');
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

async function showPolicyAnalysis(text, file, n) {
  const name = file || 'policy';
  const [v, ex] = await Promise.all([engine.validate(text, name), engine.expand(text), engine.services()]);
  if (!v || !ex || n !== imports) return; // a later import supersedes this one
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
      d.append(h('div', { class: 'exp-service' }, h('h4', {}, h('span', { class: 'mono' }, svc), h('span', { class: 'muted small' }, ` ${engine.serviceName(svc)}`)),
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
