// arnbuilder.js — "Build an ARN from its format": service → resource type → a field per
// ${…} placeholder, with the ARN it makes previewed as it is typed.

import { $, h, reveal, setKids } from './dom.js?v=__VERSION__';
import { combobox } from './combobox.js?v=__VERSION__';
import * as engine from './engine.js?v=__VERSION__';
import { state } from './state.js?v=__VERSION__';
import { serviceOption } from './widgets.js?v=__VERSION__';

const builder = { service: '', formats: [], add: () => 0 };

/** Wires the builder; add(arns) adds ARNs to the resources and says how many were new. */
export function setupArnBuilder(add) {
  builder.add = add;
  combobox({
    input: $('ab-service'), listbox: $('ab-service-list'), source: engine.findServices, option: serviceOption,
    empty: (q) => `No service matches “${q}”`, onPick: async (s) => { if (await chooseService(s.prefix)) $('ab-type').focus(); },
  });
  $('ab-type').addEventListener('change', renderPlaceholders);
  $('ab-add').addEventListener('click', addBuilt);
}

/** Opens the builder on a service, and on one of its formats if given. */
export async function openBuilder(service, format) {
  $('arn-builder').hidden = false;
  $('arn-builder-toggle').setAttribute('aria-expanded', 'true');
  if (!await chooseService(service, format)) return;
  const first = [...$('ab-placeholders').querySelectorAll('input')].find((i) => !i.value) || $('ab-type');
  reveal(first);
}

/** Shows a service's formats; resolves to false when another service was chosen meanwhile. */
async function chooseService(prefix, format) {
  builder.service = prefix;
  $('ab-service').value = prefix;
  const res = await engine.arnFormats(prefix);
  if (!res) return false;
  builder.formats = res.result || [];
  const sel = $('ab-type');
  setKids(sel, ...builder.formats.map((f, i) => h('option', { value: String(i) }, f.resource_type)));
  $('ab-type-field').hidden = builder.formats.length === 0;
  const msg = $('ab-message');
  if (!builder.formats.length) {
    msg.hidden = false;
    setKids(msg, res.result
      ? `${prefix} has no resource types: its actions take only "*". Grant them under Actions → Service-wide.`
      : (res.diagnostics[0] && res.diagnostics[0].message) || `no service ${prefix}`);
  } else {
    msg.hidden = true;
    const i = format ? builder.formats.findIndex((f) => f.format === format) : 0;
    sel.value = String(Math.max(0, i));
  }
  renderPlaceholders();
  return true;
}

function renderPlaceholders() {
  const f = builder.formats[Number($('ab-type').value)];
  const box = $('ab-placeholders');
  $('ab-preview-row').hidden = !f;
  if (!f) { setKids(box); return; }
  const defaults = { Partition: state.partition || 'aws', Region: state.region || '', Account: state.account || '' };
  setKids(box, ...f.placeholders.map((p) => h('div', { class: 'field' },
    h('label', { for: `ab-ph-${p}` }, p),
    h('input', {
      id: `ab-ph-${p}`, type: 'text', class: 'mono', autocomplete: 'off', spellcheck: 'false', 'data-ph': p,
      value: defaults[p] || '', placeholder: '* (any)',
      oninput: previewBuilt,
      onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); addBuilt(); } },
    }))));
  previewBuilt();
}

/** The ARN the builder makes: empty placeholders become "*", which IAM reads as "any". */
function builtARN() {
  const f = builder.formats[Number($('ab-type').value)];
  if (!f) return '';
  const vals = Object.fromEntries([...$('ab-placeholders').querySelectorAll('input')].map((i) => [i.dataset.ph, i.value.trim()]));
  return f.format.replace(/\$\{([^}]+)\}/g, (_, p) => vals[p] || '*');
}

const andList = (xs) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs.join(''));

/** The placeholders left empty, which the ARN fills with "*". */
function emptyPlaceholders() {
  return [...$('ab-placeholders').querySelectorAll('input')].filter((i) => !i.value.trim()).map((i) => i.dataset.ph);
}

function previewBuilt() {
  $('ab-preview').textContent = builtARN();
  // An empty field is "*": say so, so that arn:aws:sqs:*:*:* is never handed out unremarked.
  const empty = emptyPlaceholders();
  const note = $('ab-wildcard');
  note.hidden = empty.length === 0;
  note.textContent = empty.length ? `A wildcard: ${andList(empty)} ${empty.length === 1 ? 'is' : 'are'} empty, so ${empty.length === 1 ? 'it stands' : 'they stand'} for * and this ARN covers every value there. Fill ${empty.length === 1 ? 'it' : 'them'} in to name one resource.` : '';
  $('ab-add').textContent = empty.length ? 'Add this wildcard ARN' : 'Add this ARN';
}

function addBuilt() {
  const arn = builtARN();
  if (!arn) return;
  if (builder.add([arn])) {
    for (const i of $('ab-placeholders').querySelectorAll('input')) if (!['Partition', 'Region', 'Account'].includes(i.dataset.ph)) i.value = '';
    previewBuilt();
  }
}
