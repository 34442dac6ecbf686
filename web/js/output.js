// output.js — the policy: coloured text, the size meter against the target, the problems (each
// takes you to the input it concerns), why each action is here, Copy and Download.

import { $, announce, copyText, fmtInt, h, reveal, setKids } from './dom.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { currentLink } from './permalink.js?v=__VERSION__';
import { asksForSomething, last, onExplain, onRender, state } from './state.js?v=__VERSION__';
import { levelBadge, severityLabel, whereOf } from './widgets.js?v=__VERSION__';

export function setupOutput() {
  $('copy-policy').addEventListener('click', () => copyText(last.result.output, $('copy-policy'), 'Policy copied to the clipboard'));
  // The link of the builder as it is now: an edit's link is written once the engine has encoded
  // it, a moment after the edit shows, and a click in that moment copied the step before.
  $('copy-link').addEventListener('click', async () => copyText((await currentLink()).url, $('copy-link'), 'Link copied to the clipboard'));
  $('download-policy').addEventListener('click', () => {
    const { file, mediaType } = engine.formatOf(state.format);
    download(last.result.output, file, mediaType);
  });
  const pre = $('policy');
  const onAction = (e) => { const span = e.target.closest && e.target.closest('[data-action]'); if (span) explainSpan(span); };
  pre.addEventListener('mouseover', onAction);
  pre.addEventListener('focusin', onAction);
  pre.addEventListener('keydown', (e) => {
    // Arrow keys walk the granted actions; each one's explanation follows focus.
    const spans = [...pre.querySelectorAll('[data-action]')];
    if (!spans.length) return;
    const at = spans.indexOf(document.activeElement);
    let next = null;
    if (e.key === 'ArrowDown') next = spans[at + 1] || spans[spans.length - 1];
    else if (e.key === 'ArrowUp') next = at < 0 ? spans[0] : spans[at - 1] || spans[0];
    else if (e.key === 'Escape' && at >= 0) next = pre;
    if (next) { e.preventDefault(); next.focus(); next.scrollIntoView({ block: 'nearest' }); }
  });
  $('why-filter').addEventListener('input', renderWhy);
  $('why').addEventListener('toggle', () => { if ($('why').open && $('why-list').dataset.stale) renderWhy(); });
  // Narrow screens: the policy is far below; the jump button takes you there (as does the skip
  // link, without a #fragment: the fragment is the builder's link).
  const jump = (e) => {
    e.preventDefault();
    $('policy-region').scrollIntoView({ block: 'start' });
    $('policy-heading').focus({ preventScroll: true });
  };
  $('policy-jump').addEventListener('click', jump);
  document.querySelector('.skip-link').addEventListener('click', jump);
  // Hidden while the policy is on screen.
  new IntersectionObserver(([e]) => { $('policy-jump').classList.toggle('policy-in-view', e.isIntersecting); })
    .observe($('policy-region'));
  onRender(renderOutput);
  onExplain(renderOutput); // again, now with the granted actions as spans
}

/** A file to download: text under name, as mediaType. */
function download(text, name, mediaType) {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
  announce(`Downloading ${name}`);
}

let partsShown = null;

/** A split policy: each of its policies on its own, to copy or download one at a time (the
 *  policy above shows them one after another, and Copy and Download take them all). */
function renderParts(r) {
  const outs = (r && r.outputs) || [];
  const list = $('policy-parts');
  list.hidden = outs.length < 2;
  if (partsShown === outs) return;
  partsShown = outs;
  const { file, mediaType } = engine.formatOf(last.of && last.of.format);
  setKids(list, ...outs.map((text, i) => {
    const name = file.replace(/(\.[^.]+)$/, `-${i + 1}$1`);
    const copy = h('button', { type: 'button', class: 'btn' }, `Copy policy ${i + 1}`);
    copy.addEventListener('click', () => copyText(text, copy, `Policy ${i + 1} of ${outs.length} copied to the clipboard`));
    return h('li', {}, h('span', { class: 'small' }, `Policy ${i + 1} of ${outs.length}`), copy,
      h('button', { type: 'button', class: 'btn', onclick: () => download(text, name, mediaType) }, `Download policy ${i + 1}`));
  }));
}

/** The jump button's summary: what the policy is now, in a few words. */
function renderJump(r, output, empty) {
  const errors = last.diagnostics.filter((d) => d.severity === 'error').length;
  let text = '';
  if (empty) text = '— nothing yet';
  else if (output) text = `— ${fmtInt(r.size)} characters${r.parts > 1 ? `, ${r.parts} policies` : ''}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`;
  else if (errors) text = `— ${errors} error${errors === 1 ? '' : 's'}`;
  $('policy-jump-summary').textContent = text;
}

// What the policy element shows (or is being coloured to show): its text, format and granted
// actions. The page renders twice per edit; the policy is coloured only when one of them changed.
let shown = { output: '', format: '', actions: '' };

/** Renders the output area; resolves once the policy is coloured on the page. */
async function renderOutput() {
  const r = last.result;
  const output = r && r.output ? r.output : '';
  const empty = !asksForSomething(state);
  const pre = $('policy');
  $('policy-empty').hidden = !empty;
  pre.hidden = !output;
  $('policy-keys-hint').hidden = !output || !last.explanations.size;
  for (const id of ['copy-policy', 'download-policy']) $(id).disabled = !output;
  renderSize(r, output);
  renderParts(r);
  renderJump(r, output, empty);
  renderDiagnostics(empty);
  renderWhy();

  const format = (last.of && last.of.format) || engine.vocab.formats[0].name;
  const actions = [...last.explanations.values()].map((e) => e.action);
  // Compared as they are: a policy of 200 ARNs is tens of kilobytes, not worth copying to compare.
  const want = output ? { output, format, actions: actions.join('\n') } : { output: '', format: '', actions: '' };
  if (want.output === shown.output && want.format === shown.format && want.actions === shown.actions) return;
  shown = want;
  if (!output) {
    pre.textContent = '';
    $('explain-card').hidden = true;
    return;
  }
  // Coloured in the worker; the policy before stays until this one is ready (no uncoloured
  // flash), and a later render supersedes this one.
  let mine = engine.renderPolicy(pre, output, format, actions);
  painting = mine;
  if (await mine) $('explain-card').hidden = true; // it explained a span that is gone
  // Superseded: what waits for this render (the first write, an update) waits for the policy
  // that is on the page in its stead.
  while (painting !== mine) {
    mine = painting;
    await mine;
  }
}

let painting = Promise.resolve(true); // the latest colouring of the policy asked of the worker

/** The size meter: characters as AWS counts them, against the chosen target. */
function renderSize(r, output) {
  const row = $('size-row');
  row.hidden = !output;
  if (output) {
    const { size, limit, target, parts } = r;
    const meter = $('size-meter');
    // Split, the policies hold up to parts × limit: that is the scale.
    const room = parts > 1 ? parts * limit : limit;
    meter.max = Math.max(room, size);
    meter.low = Math.round(room * 0.8);
    meter.high = room + 0.5; // at the limit is still fine; over it is not
    meter.optimum = 0;
    meter.value = size;
    const over = size > limit && !(parts > 1);
    row.classList.toggle('over', over);
    $('size-text').textContent = parts > 1
      ? `Split into ${parts} policies within the ${engine.targetLabel(target)} limit of ${fmtInt(limit)} characters each (${fmtInt(size)} in all): Copy and Download take them all, or one at a time here.`
      : over
      ? `${fmtInt(size)} of ${fmtInt(limit)} characters: ${fmtInt(size - limit)} over the ${engine.targetLabel(target)} limit. Try Minimize, Split, or a larger size limit (Options → Size).`
      : `${fmtInt(size)} of ${fmtInt(limit)} characters (${engine.targetLabel(target)}, white space not counted)`;
  }
}

/** The control a diagnostic concerns, to take the user there. */
function targetOf(loc) {
  if (loc && !loc.key && loc.action) return actionChip(loc.action);
  if (!loc || !loc.key) return null;
  const i = loc.index;
  switch (loc.key) {
    case 'resources': return i != null ? $(`res-arn-${i}`) : $('arn-input');
    case 'actions': return i != null ? $(`act-${i}`) : $('action-search');
    case 'services': return i != null ? $(`svc-${i}`)?.querySelector('.toggle') : $('svc-search');
    case 'exclude': return i != null ? $(`exclude-${i}`) : $('exclude-input');
    case 'skip': return i != null ? $(`skip-${i}`) : $('skip-input');
    case 'sts': return $(`sts-${i}-0`) || $('sts-role');
    case 'conditions': return i != null ? $(`cond-op-${i}`) : $('cond-key');
    case 'partition': return $('opt-partition');
    case 'region': return $('opt-region');
    case 'account': return $('opt-account');
    case 'deps': return $('opt-deps');
    case 'mode': return $('opt-mode');
    case 'effect': return $('opt-effect');
    default: return null;
  }
}

/** The chip of an action granted on "*" (searched, or under Grant on *), for a finding that
 *  names the action alone (granted-twice). */
function actionChip(action) {
  const same = (x) => x.toLowerCase() === action.toLowerCase();
  const i = (state.actions || []).findIndex(same);
  if (i >= 0) return $(`act-${i}`);
  const j = (state.skip || []).findIndex(same);
  return j >= 0 ? $(`skip-${j}`) : null;
}

let diagsShown = null;

function renderDiagnostics(empty) {
  if (diagsShown && diagsShown.ds === last.diagnostics && diagsShown.empty === empty) return;
  diagsShown = { ds: last.diagnostics, empty };
  // With nothing asked for yet, "the policy is empty" is the starting point, not a problem.
  // An ARN just added, no level chosen yet, is on its way there too: its row asks for a level.
  const ds = last.diagnostics.filter((d) => !(empty && (d.code === 'empty-policy' || d.code === 'empty-template')));
  $('diag-box').hidden = ds.length === 0;
  const errors = ds.filter((d) => d.severity === 'error').length;
  $('diag-count').textContent = ds.length ? `(${ds.length}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''})` : '';
  setKids($('diag-list'), ...ds.map((d) => {
    const where = whereOf(d.location);
    const body = [
      h('span', { class: 'sev-label' }, severityLabel(d.severity)),
      where ? h('span', { class: 'where' }, where) : null,
      h('span', { class: 'msg' }, d.message),
      h('span', { class: 'diag-code muted' }, d.code),
    ];
    const target = targetOf(d.location);
    return h('li', { class: `diag sev-${d.severity}` }, target
      ? h('button', { type: 'button', class: 'diag-go', onclick: () => reveal(targetOf(d.location)) }, body)
      : h('div', { class: 'diag-go' }, body));
  }));
}

// "Why each action is here": what each granted action does and what granted it.
const openWhy = new Set();

function explanationBody(e, maxReasons = Infinity) {
  const more = e.reasons.length - maxReasons;
  return [
    e.description ? h('p', { class: 'why-desc' }, e.description) : null,
    h('ul', { class: 'why-reasons' }, e.reasons.slice(0, maxReasons).map((r) => h('li', {}, r.text)),
      more > 0 ? h('li', { class: 'muted' }, `and ${more} more (see “Why each action is here”)`) : null),
    e.sids && e.sids.length ? h('p', { class: 'small muted' }, `In statement${e.sids.length > 1 ? 's' : ''} ${e.sids.join(', ')}`) : null,
  ];
}

let whyShown = null;

function renderWhy() {
  const ex = [...last.explanations.values()];
  const box = $('why');
  box.hidden = ex.length === 0;
  $('why-count').textContent = ex.length ? `(${ex.length})` : '';
  if (!box.open) { $('why-list').dataset.stale = '1'; return; } // built when opened
  delete $('why-list').dataset.stale;
  const filter = $('why-filter').value.trim().toLowerCase();
  if (whyShown && whyShown.ex === last.explanations && whyShown.filter === filter) return;
  whyShown = { ex: last.explanations, filter };
  const shown = filter ? ex.filter((e) => e.action.toLowerCase().includes(filter) || (e.description || '').toLowerCase().includes(filter)) : ex;
  setKids($('why-list'), ...shown.map((e) => {
    const d = h('details', { class: 'why-item', id: `why-${e.action.replace(/[^A-Za-z0-9-]/g, '-')}` },
      h('summary', {}, h('span', { class: 'mono' }, e.action), ' ', levelBadge(e.access_level),
        e.reasons.some((r) => r.kind === 'dependent') ? h('span', { class: 'badge' }, 'dependent') : null),
      explanationBody(e));
    d.open = openWhy.has(e.action);
    d.addEventListener('toggle', () => { if (d.open) openWhy.add(e.action); else openWhy.delete(e.action); });
    return d;
  }).map((d) => h('li', {}, d)));
}

/** The explanation card for an action span of the rendered policy (a minimized prefix* too). */
function explainSpan(span) {
  const name = span.dataset.action;
  const card = $('explain-card');
  let ex = last.explanations.get(name.toLowerCase());
  let content;
  if (ex) {
    content = [h('p', { class: 'explain-head' }, h('strong', { class: 'mono' }, ex.action), ' ', levelBadge(ex.access_level)), explanationBody(ex, 3)];
  } else {
    const re = new RegExp('^' + name.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    const covered = [...last.explanations.values()].filter((e) => re.test(e.action.toLowerCase()));
    if (!covered.length) return;
    if (covered.length === 1) {
      ex = covered[0];
      content = [h('p', { class: 'explain-head' }, h('strong', { class: 'mono' }, name), ' matches only ', h('strong', { class: 'mono' }, ex.action), ' ', levelBadge(ex.access_level)), explanationBody(ex, 3)];
    } else content = [h('p', { class: 'explain-head' }, h('strong', { class: 'mono' }, name), ` covers ${covered.length} granted action${covered.length === 1 ? '' : 's'}:`),
      h('p', { class: 'mono small' }, covered.slice(0, 12).map((e) => e.action).join(', ') + (covered.length > 12 ? ', …' : ''))];
  }
  setKids(card, ...content);
  card.hidden = false;
  for (const s of $('policy').querySelectorAll('.current')) s.classList.remove('current');
  span.classList.add('current');
}
