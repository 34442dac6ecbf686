// import.js — 4. Import: a Policy Sentry template, or an existing IAM policy to tighten, becomes
// the builder state (an edit: Undo brings back what was there); a policy's wildcards, what the
// builder could not hold of it and its findings are shown beside it. Both run in the engine's
// worker: the page stays usable meanwhile, and a later import supersedes one still running.

import { $, announce, fmtInt, h, setKids } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import * as builder from './state.js?v=__VERSION__';
import { severityLabel } from './widgets.js?v=__VERSION__';

export function setupImport() {
  builder.onRender(renderImportState);
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
  shownImport = null;
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
/** Where a finding is, in a policy's words: "line 3:14 · statement 2 (Reads), Action". */
function where(loc) {
  const path = /^Statement\[(\d+)\](?:\.(\w+))?/.exec(loc.key || '');
  const key = path ? `statement ${Number(path[1]) + 1}${path[2] ? `, ${path[2]}` : ''}` : loc.key || '';
  return [loc.line ? `line ${loc.line}${loc.column ? `:${loc.column}` : ''}` : '', key].filter(Boolean).join(' · ');
}

function findingList(ds) {
  if (!ds.length) return h('p', { class: 'import-ok' }, 'No findings.');
  return h('ul', { class: 'diags' }, ds.map((d) => {
    const loc = d.location || {};
    const at = where(loc);
    const body = [h('span', { class: 'sev-label' }, severityLabel(d.severity)), at ? h('span', { class: 'where' }, at) : null,
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

// An existing policy becomes builder state to tighten (importPolicy): every wildcard spelled
// out, a row per resource with exactly the actions the policy grants on it, actions on "*" as
// they are. It is loaded as an edit, so Undo brings back what the builder held; the builder's
// own policy is then the tightened one. Beside it stay what only the original can tell: what
// each wildcard expanded to, what the builder could not hold (and where), and validate's
// findings on the policy as pasted — each said once: a finding the builder's own Problems list
// says of the imported state is not repeated here.
let shownImport = null; // {before, after}: the states around the policy import on show

async function showPolicyAnalysis(text, file, n) {
  const name = file || 'policy';
  const [imp, v] = await Promise.all([engine.importPolicy(text, name), engine.validate(text, name)]);
  if (!imp || !v || n !== imports) return; // a later import supersedes this one
  const ds = imp.diagnostics || [];
  const own = ds.filter((d) => d.code === 'not-imported');
  const findings = unique([...((v.result && v.result.findings) || v.diagnostics || []),
    ...ds.filter((d) => d.code !== 'not-imported' && d.code !== 'wildcard-expanded')]);
  if (!imp.result) {
    shownImport = null;
    setKids($('import-result'), h('h3', {}, 'The policy could not be imported'), findingList(unique([...own, ...findings])));
    announce('The policy could not be imported');
    return;
  }
  const before = builder.state;
  builder.load(imp.result.state);
  const after = builder.state;
  await builder.scheduleUpdate(); // the builder's own findings of the imported state
  if (n !== imports) return;
  // What the builder's Problems list says already is not said twice.
  const said = new Set(builder.last.of === after ? builder.last.diagnostics.map((d) => d.code) : []);
  const rest = findings.filter((d) => !said.has(d.code));
  const s = after;
  const rows = s.resources || [];
  const onRows = rows.reduce((k, r) => k + (r.actions || []).length, 0);
  const onAll = (s.skip || []).length;
  const parts = [
    rows.length && `${rows.length} resource${rows.length === 1 ? '' : 's'} with ${onRows} action${onRows === 1 ? '' : 's'} on ${rows.length === 1 ? 'it' : 'them'}`,
    onAll && `${onAll} action${onAll === 1 ? '' : 's'} on * (every resource)`,
    s.conditions && `${s.conditions.length} condition${s.conditions.length === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const expanded = imp.result.expanded || [];
  shownImport = { before, after };
  setKids($('import-result'),
    h('p', { class: 'import-ok' }, h('strong', {}, 'Imported: '), `${parts.join(', ') || 'nothing the builder can hold'}. `,
      'The builder now holds the policy, every wildcard spelled out and dependent actions off: untick or remove what is not needed, and the policy beside it is the tightened one. Undo (Ctrl+Z) brings back what the builder held.'),
    h('p', { class: 'import-undone', hidden: true }, 'Undone: the builder holds what it held before this import. Import the policy again to load it.'),
    h('div', { class: 'import-details' },
      own.length ? [h('h3', {}, `What the builder could not hold: ${own.length}`), findingList(own)] : null,
      expanded.length ? [h('h3', {}, `Wildcards spelled out: ${expanded.length}`), ...expanded.map(expandedPattern)] : null,
      h('h3', {}, `Policy check: ${rest.length ? `${rest.length} finding${rest.length === 1 ? '' : 's'} on the policy as pasted` : 'no findings'}`),
      rest.length ? findingList(rest) : h('p', { class: 'import-ok' }, said.size ? 'Nothing more than the Problems list beside the policy says.' : 'No findings.')));
  renderImportState();
  announce(`Policy imported into the builder: ${parts.join(', ')}`);
}

/** Findings once each: importPolicy reads the policy with the grammar validate checks. */
function unique(ds) {
  const seen = new Set();
  return ds.filter((d) => {
    const l = d.location || {};
    const k = [d.code, d.message, l.line, l.column, l.key].join('\x00');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One wildcard of the policy and the actions it stands for, grouped by service. */
function expandedPattern(x) {
  const loc = where({ key: x.path });
  const d = h('details', { class: 'expanded' },
    h('summary', {}, h('span', { class: 'mono' }, x.pattern), ` grants ${fmtInt(x.actions.length)} action${x.actions.length === 1 ? '' : 's'}`,
      loc ? h('span', { class: 'muted small' }, ` (${loc})`) : null));
  // Built when opened: s3:* is hundreds of names.
  const fill = () => {
    if (d.dataset.filled) return;
    d.dataset.filled = '1';
    d.append(h('p', { class: 'exp-level mono small' }, x.actions.join(', ')));
  };
  d.addEventListener('toggle', () => { if (d.open) fill(); });
  if (x.actions.length <= 80) { d.open = true; fill(); }
  return d;
}

/** Undo back past the import leaves its analysis beside a builder that no longer holds it:
 *  say so, and fold the analysis away, until Redo brings the import back. */
function renderImportState() {
  if (!shownImport) return;
  const out = $('import-result');
  const undone = JSON.stringify(builder.state) === JSON.stringify(shownImport.before) && JSON.stringify(shownImport.before) !== JSON.stringify(shownImport.after);
  for (const el of out.querySelectorAll('.import-undone')) el.hidden = !undone;
  for (const el of out.querySelectorAll('.import-ok, .import-details')) el.hidden = undone;
}

async function importFile(file) {
  const text = await file.text();
  $('import-text').value = text;
  runImport(text, file.name);
}
