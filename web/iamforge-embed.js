// iamforge-embed.js — <iamforge-policy>: a live least-privilege IAM policy in a documentation
// page, which the reader tailors to their own account, region and names, and copies.
//
//   <script type="module" src="https://your.host/iamforge/iamforge-embed.js"></script>
//   <iamforge-policy placeholders="Account=111122223333 BucketName=my-bucket">
//     <script type="text/yaml">
//     mode: crud
//     read:
//     - arn:aws:s3:::${BucketName}
//     </script>
//   </iamforge-policy>
//
// The policy is the engine's own answer to `write` for the template text, with the reader's
// values put in its ${…} placeholders: exactly what `iamforge write` prints for that template,
// with the same diagnostics. The widget judges nothing of the template itself; it only keeps
// out of the text a value no ARN can hold. Every widget on the page shares one engine, loaded
// when the first of them nears the viewport. Every file comes from beside this script (or, for
// src=, from the page's own origin): nothing is requested anywhere else. README.md lists the
// attributes and the CSS custom properties.

const VERSION = '__VERSION__';
// cmd/webbuild writes the engine's vocabulary (formats, size targets, dependent-action
// handling) and this widget's stylesheet in place of these two strings.
const BUILT_VOCABULARY = "__VOCABULARY__";
const BUILT_CSS = "__EMBED_CSS__";

const SCRIPT = new URL(import.meta.url);

/** A file beside this script, with the build's version. */
function asset(name) {
  const u = new URL(name, SCRIPT);
  if (!VERSION.startsWith('__')) u.searchParams.set('v', VERSION);
  return u.href;
}

// ---------------------------------------------------------------------------------------------
// The engine: the only code here that touches iamforge.js. Every widget asks through engine(),
// and every call is asynchronous, so that a loader running the engine in a Web Worker drops in
// here and nowhere else.

let engineStarted = null;
let engineReady = false;
const renders = new WeakMap(); // element → the number of its latest policy

/** The engine, loaded once for the page, on first call. Rejects with the reason it cannot run. */
function engine() {
  if (!engineStarted) {
    engineStarted = (async () => {
      if (typeof WebAssembly !== 'object') throw new EngineUnavailable('This browser cannot run WebAssembly');
      // Importing iamforge.js starts fetching and compiling the engine and the catalog.
      const { load, loadWorker, renderTokens } = await import(asset('iamforge.js'));
      // Writing needs no action descriptions: 0.24 MB the page does not fetch. The engine runs
      // in the builder's Web Worker, so that the reader's page never waits for it; where a
      // worker cannot start (a page whose CSP forbids workers), on the page's thread.
      let forge;
      try {
        forge = await loadWorker({ descriptions: false });
      } catch {
        forge = await load({ descriptions: false });
      }
      performance.mark('iamforge-embed-engine');
      engineReady = true;
      return {
        write: async (req) => forge.write(req),
        importTemplate: async (text, file) => forge.importTemplate(text, file),
        encodeState: async (state) => forge.encodeState(state),
        /** Shows a written policy in element at once, as plain text, and coloured once the
         *  engine has tokenised it, unless a later policy came meanwhile. */
        async render(element, text, format) {
          const seq = (renders.get(element) || 0) + 1;
          renders.set(element, seq);
          if (element.textContent !== text) element.textContent = text;
          try {
            const res = await forge.highlight(text, format, []);
            if (res.result && renders.get(element) === seq) renderTokens(element, res.result);
          } catch { /* plain text it stays */ }
        },
      };
    })();
    engineStarted.catch(() => {}); // each widget says why; none may surface as unhandled
  }
  return engineStarted;
}

class EngineUnavailable extends Error {}

// Writes take turns, and a widget shows its policy before the next widget's write starts: the
// first widget on the page is usable after one write, not after every widget's.
let turn = Promise.resolve();
function inTurn(call) {
  const done = turn.then(call);
  turn = done.catch(() => {});
  return done;
}

// The engine is wanted when the first widget comes within a screen of the viewport.
let wanted = false;
const whenWanted = [];
const nearViewport = typeof IntersectionObserver === 'function'
  ? new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) want();
  }, { rootMargin: '100% 0px 100% 0px' })
  : null;

function want() {
  if (wanted) return;
  wanted = true;
  if (nearViewport) nearViewport.disconnect();
  for (const f of whenWanted.splice(0)) f();
}
const engineWanted = new Promise((resolve) => whenWanted.push(resolve));

// ---------------------------------------------------------------------------------------------
// What the engine knows and the widget shows

/** The engine's vocabulary as the build wrote it; without a build, what the widget needs of it. */
const vocab = typeof BUILT_VOCABULARY === 'object' ? BUILT_VOCABULARY : {
  formats: [{ name: 'json', label: 'JSON', file: 'policy.json', mediaType: 'application/json' },
    { name: 'yaml', label: 'YAML', file: 'policy.yaml', mediaType: 'application/yaml' },
    { name: 'terraform', label: 'Terraform', file: 'policy.tf', mediaType: 'text/plain' },
    { name: 'cloudformation', label: 'CloudFormation', file: 'policy-cfn.yaml', mediaType: 'application/yaml' }],
  targets: [{ name: 'managed', label: 'managed policy', limit: 6144 }],
  dependentActions: ['scoped', 'wildcard', 'none'],
};

/** The attributes that take one of a set of values, and their default (the first). */
const CHOICES = {
  mode: ['readonly', 'editable'],
  theme: ['auto', 'light', 'dark'],
  format: vocab.formats.map((f) => f.name),
  target: vocab.targets.map((t) => t.name),
  'dependent-actions': ['', ...vocab.dependentActions],
};

/** A placeholder the reader may fill: ${Name}, never one of IAM's own policy variables
 *  (${aws:username}), which IAM fills in. */
const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9_-]*)\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** What a filled-in value may hold: what names in ARNs are made of (letters, digits, - _ . : /,
 *  IAM's wildcards * and ?, and @ + = of IAM names). Anything else — white space, quotes, other
 *  punctuation, non-ASCII — either cannot be in an ARN or would change the template around it. */
const VALUE = /^[A-Za-z0-9._\-:/*?@+=]*$/;
const VALUE_CHARS = 'letters, digits and - _ . : / * ? @ + =';

function badChar(value) {
  for (const ch of value) {
    if (!/[A-Za-z0-9._\-:/*?@+=]/.test(ch)) {
      if (ch === ' ') return 'a space';
      if (/\s/.test(ch)) return 'white space';
      const cp = ch.codePointAt(0);
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return `the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      return ch === '"' ? `'"'` : `"${ch}"`;
    }
  }
  return '';
}

/** The template as its author wrote it inside the element: a <script type="text/yaml"> (or any
 *  non-JavaScript type), a <template>, a <pre> or <textarea>, or the element's own text; with
 *  the indentation the page gave every line taken off. */
function inlineTemplate(host) {
  let text = null;
  for (const el of host.children) {
    const tag = el.localName;
    if (tag === 'script' && !isJavaScript(el.type)) { text = el.textContent; break; }
    if (tag === 'template') { text = el.content.textContent; break; }
    if (tag === 'pre' || tag === 'textarea') { text = tag === 'textarea' ? el.value : el.textContent; break; }
  }
  if (text === null) text = host.textContent;
  return dedent(text);
}

function isJavaScript(type) {
  const t = (type || '').trim().toLowerCase();
  return t === '' || t === 'module' || t.includes('javascript') || t.includes('ecmascript');
}

/** Takes off the indentation every non-blank line shares, and blank lines around the text. */
export function dedent(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  let common = null;
  for (const l of lines) {
    if (!l.trim()) continue;
    const indent = /^[ \t]*/.exec(l)[0];
    if (common === null || !indent.startsWith(common)) {
      let i = 0;
      const c = common === null ? indent : common;
      while (i < c.length && i < indent.length && c[i] === indent[i]) i++;
      common = c.slice(0, i);
    }
  }
  const cut = common ? common.length : 0;
  return lines.length ? lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)[0].length))).join('\n') + '\n' : '';
}

// Templates named by src=, fetched once per URL for the whole page.
const fetched = new Map();

function fetchTemplate(url) {
  if (!fetched.has(url)) {
    fetched.set(url, (async () => {
      let r;
      try {
        r = await fetch(url, { credentials: 'same-origin' });
      } catch (e) {
        throw new Error(`The template at ${url} could not be loaded (${e.message}).`);
      }
      if (!r.ok) throw new Error(`The template at ${url} could not be loaded: HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}.`);
      const text = await r.text();
      const type = (r.headers.get('content-type') || '').toLowerCase();
      if (type.includes('text/html') || /^\s*</.test(text)) {
        throw new Error(`${url} is not a template: the server answered with a web page (${type.split(';')[0] || 'HTML'}), not YAML or JSON.`);
      }
      return text;
    })());
  }
  return fetched.get(url);
}

// ---------------------------------------------------------------------------------------------
// The element

let sheet = null;
function styles(root) {
  if (typeof BUILT_CSS === 'string' && !BUILT_CSS.startsWith('__') && 'adoptedStyleSheets' in Document.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(BUILT_CSS);
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  root.append(h('link', { rel: 'stylesheet', href: asset('iamforge-embed.css') }));
}

/** A new element with attributes (false and null leave one out) and children. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

/** 6144 → "6,144", without waking Intl (its first use costs a page tens of milliseconds). */
const fmtInt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const ATTRIBUTES = ['src', 'mode', 'format', 'target', 'dependent-actions', 'theme', 'placeholders', 'label', 'minimize'];

class IamforgePolicy extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    styles(root);
    this.values = new Map();      // placeholder → what the reader typed
    this.format = null;           // the reader's choice of format, once made
    this.generation = 0;          // renders still in flight are dropped when a newer one starts
    this.output = '';             // the policy shown, exactly as written
    this.downloadURL = null;
    this.scheduled = false;

    const el = this.el = {};
    el.title = h('p', { class: 'title', id: 'title' });
    el.format = h('select', { id: 'format', 'aria-label': 'Format' });
    for (const f of vocab.formats) el.format.append(h('option', { value: f.name }, f.label));
    el.copy = h('button', { type: 'button', class: 'primary', disabled: true }, 'Copy');
    el.download = h('button', { type: 'button', disabled: true }, 'Download');
    el.builder = h('a', { class: 'btn', target: '_blank', rel: 'noopener', hidden: true }, 'Open in the builder');
    el.fields = h('div', { class: 'fields', hidden: true });
    el.notes = h('ul', { class: 'notes', 'aria-label': 'Notes', hidden: true });
    el.status = h('p', { class: 'status', role: 'status' });
    el.problemsIntro = h('p', { class: 'problems-intro', hidden: true });
    el.problems = h('ul', { class: 'problems', 'aria-label': 'Problems', hidden: true });
    el.policy = h('pre', { class: 'policy', tabindex: '0', role: 'region', 'aria-label': 'Policy', hidden: true });
    el.size = h('p', { class: 'size', hidden: true });
    el.live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    el.editorLabel = h('label', { for: 'template-editor' }, 'Template');
    el.editor = h('textarea', { id: 'template-editor', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off' });
    el.editorBox = h('div', { class: 'editor', hidden: true }, el.editorLabel, el.editor);
    el.templateText = h('pre', { tabindex: '0', role: 'region', 'aria-label': 'Template' });
    el.templateSummary = h('summary', {}, 'Template');
    el.template = h('details', { class: 'template' }, el.templateSummary, el.templateText);
    el.group = h('div', { class: 'root', role: 'group', 'aria-labelledby': 'title', part: 'root' },
      h('div', { class: 'head' }, el.title, h('div', { class: 'toolbar' }, el.format, el.copy, el.download, el.builder)),
      el.fields,
      h('div', { class: 'body' }, el.notes, el.editorBox, el.status, el.policy, el.size, el.problemsIntro, el.problems, el.template, el.live));
    root.append(el.group);

    el.format.addEventListener('change', () => { this.format = el.format.value; this.schedule(); });
    el.copy.addEventListener('click', () => this.copy());
    el.copy.addEventListener('blur', () => { el.copy.textContent = 'Copy'; });
    el.download.addEventListener('click', () => this.download());
    el.editor.addEventListener('input', () => { this.edited = el.editor.value; this.schedule(); });
    // The light DOM holds the template: when the page changes it, write again.
    this.light = new MutationObserver(() => { if (!this.hasAttribute('src')) this.schedule(); });
  }

  connectedCallback() {
    this.light.observe(this, { childList: true, subtree: true, characterData: true });
    if (nearViewport && !wanted) nearViewport.observe(this);
    else want();
    this.schedule();
  }

  disconnectedCallback() {
    this.light.disconnect();
    if (nearViewport) nearViewport.unobserve(this);
  }

  attributeChangedCallback(name) {
    if (name === 'format') this.format = null;
    if (name === 'src' || name === 'mode') this.edited = undefined;
    this.schedule();
  }

  /** Renders once for every change made in the same task. */
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      // A bug here must not become a page error: the widget says it instead.
      if (this.isConnected) this.render().catch((e) => this.fail(this.generation, [], `The widget failed (${e.message}); please report it with the template.`));
    });
  }

  /** An attribute's value, or its default with a note when it is not one it takes. */
  choice(name, notes) {
    const raw = this.getAttribute(name);
    const choices = CHOICES[name];
    if (raw === null) return choices[0];
    const v = raw.trim().toLowerCase();
    if (choices.includes(v) && v !== '') return v;
    const takes = choices.filter((c) => c);
    notes.push(`${name}="${raw}" is not a value it takes (${takes.join(', ')}); ${choices[0] ? `using ${choices[0]}` : 'using the template\'s own'}.`);
    return choices[0];
  }

  async render() {
    const gen = ++this.generation;
    const el = this.el;
    const notes = [];
    const label = (this.getAttribute('label') || '').trim() || 'IAM policy';
    el.title.textContent = label;

    const mode = this.choice('mode', notes);
    this.choice('theme', notes); // the stylesheet reads the attribute; a wrong one is said
    const attrFormat = this.choice('format', notes);
    const target = this.choice('target', notes);
    const deps = this.choice('dependent-actions', notes);
    const minimize = this.hasAttribute('minimize');
    const format = this.format || attrFormat;
    el.format.value = format;

    // The template's text, as the author wrote it.
    let text;
    let file = 'template';
    const src = this.getAttribute('src');
    if (src !== null) {
      let url;
      try {
        url = new URL(src, document.baseURI);
      } catch {
        return this.fail(gen, notes, `src="${src}" is not a URL.`);
      }
      if (url.origin !== location.origin && url.origin !== SCRIPT.origin) {
        return this.fail(gen, notes, `src="${src}" is on another origin (${url.origin}): the widget requests nothing from other origins; serve the template beside the page.`);
      }
      file = url.pathname.split('/').pop() || 'template';
      try { file = decodeURIComponent(file); } catch { /* keep it as written */ }
      if (inlineTemplate(this).trim()) notes.push('The element has both src= and a template inside it; the src= one is shown.');
      this.setBusy('Loading the template…');
      try {
        text = await fetchTemplate(url.href);
      } catch (e) {
        return this.fail(gen, notes, e.message);
      }
      if (gen !== this.generation) return;
    } else {
      text = inlineTemplate(this);
    }
    if (mode === 'editable') {
      if (this.edited === undefined) { this.edited = text; el.editor.value = text; }
      text = this.edited;
    }
    el.editorBox.hidden = mode !== 'editable';
    el.template.hidden = mode === 'editable';
    if (!text.trim()) return this.fail(gen, notes, 'There is no template: write one inside the element (in a <script type="text/yaml">), or name one with src=.');

    // The placeholders the reader may fill, and their values.
    const named = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
    const fields = this.placeholders(named, notes);
    const problems = this.renderFields(fields);
    const filled = problems ? text : text.replace(PLACEHOLDER, (m, name) => {
      const v = fields.has(name) ? this.values.get(name) : '';
      return v ? v : m;
    });
    el.templateText.textContent = filled;
    this.renderNotes(notes);
    if (problems) {
      return this.show(gen, { status: `The policy is written once ${problems === 1 ? 'the value above holds' : 'the values above hold'} only ${VALUE_CHARS}.` });
    }

    // The policy, from the engine.
    if (!engineReady) this.setBusy('Loading the policy engine…');
    let forge;
    try {
      await engineWanted;
      forge = await engine();
    } catch (e) {
      if (gen !== this.generation) return;
      const why = e instanceof EngineUnavailable ? `${e.message}, so the policy is not written here` : `The policy engine could not start (${e.message})`;
      el.template.open = true;
      return this.show(gen, { status: `${why}: the template is below; \`iamforge write\` writes its policy.` });
    }
    if (gen !== this.generation) return;

    const req = { template: filled, file, format, target };
    if (deps) req.dependentActions = deps;
    if (minimize) req.minimize = true;
    const res = await inTurn(() => forge.write(req));
    if (gen !== this.generation) return;
    const diags = res.diagnostics || [];
    const errors = diags.filter((d) => d.severity === 'error');
    const empty = fields.size ? [...fields.keys()].filter((n) => !this.values.get(n)) : [];
    if (errors.length || !res.result || !res.result.output) {
      // As `iamforge write` does: with an error, no policy.
      this.show(gen, {
        problems: diags,
        intro: `${empty.length ? `Fill in ${list(empty)}: the` : 'The'} template ${errors.length ? `has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}` : 'grants nothing'}, so no policy is written.`,
      });
      return;
    }
    this.show(gen, { problems: diags, policy: res.result, forge, format, empty });
    this.link(gen, forge, filled, file, { format, target, deps, minimize }).catch(() => { this.el.builder.hidden = true; });
  }

  /** The placeholders that get a field: those the placeholders attribute names (with starting
   *  values), or, without it, every one in the template. */
  placeholders(named, notes) {
    const fields = new Map();
    const attr = this.getAttribute('placeholders');
    if (attr === null) {
      for (const n of named) fields.set(n, '');
    } else {
      for (const tok of attr.split(/[\s,]+/).filter(Boolean)) {
        const eq = tok.indexOf('=');
        let name = eq < 0 ? tok : tok.slice(0, eq);
        const value = eq < 0 ? '' : tok.slice(eq + 1);
        const m = /^\$\{(.*)\}$/.exec(name);
        if (m) name = m[1];
        if (!NAME.test(name)) { notes.push(`placeholders="${attr}": "${tok}" is not a placeholder (Name or Name=value).`); continue; }
        if (!named.includes(name)) notes.push(`placeholders names ${name}, which the template does not hold as \${${name}}.`);
        else fields.set(name, value);
      }
    }
    // A new placeholder starts at its given value; one the reader filled keeps theirs.
    for (const [name, start] of fields) {
      if (!this.values.has(name) || this.starts?.get(name) !== start) this.values.set(name, start);
    }
    this.starts = fields;
    return fields;
  }

  /** Builds the fields when the set of placeholders changes, and says which values cannot be in
   *  an ARN. Returns how many cannot. */
  renderFields(fields) {
    const el = this.el;
    const names = [...fields.keys()];
    if (this.fieldNames !== names.join(' ')) {
      this.fieldNames = names.join(' ');
      this.inputs = new Map();
      el.fields.replaceChildren(...names.map((name, i) => {
        const input = h('input', { id: `ph-${i}`, type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off', placeholder: `\${${name}}`, 'aria-describedby': `ph-${i}-error` });
        input.value = this.values.get(name) || '';
        input.addEventListener('input', () => { this.values.set(name, input.value); this.schedule(); });
        const error = h('p', { class: 'field-error', id: `ph-${i}-error`, hidden: true });
        this.inputs.set(name, { input, error });
        return h('div', { class: 'field' }, h('label', { for: `ph-${i}` }, name), input, error);
      }));
    }
    el.fields.hidden = names.length === 0;
    let bad = 0;
    for (const [name, { input, error }] of this.inputs) {
      const v = this.values.get(name) || '';
      if (input.value !== v) input.value = v;
      const c = VALUE.test(v) ? '' : badChar(v);
      input.setAttribute('aria-invalid', c ? 'true' : 'false');
      error.hidden = !c;
      error.textContent = c ? `${name} cannot be "${v}": ${c} cannot be in an ARN. Use ${VALUE_CHARS}.` : '';
      if (c) bad++;
    }
    return bad;
  }

  renderNotes(notes) {
    this.el.notes.replaceChildren(...notes.map((n) => h('li', {}, n)));
    this.el.notes.hidden = notes.length === 0;
  }

  setBusy(status) {
    this.el.status.textContent = status;
    this.el.status.hidden = false;
  }

  /** A message instead of a policy: the template could not be had. */
  fail(gen, notes, message) {
    if (gen !== this.generation) return;
    this.renderNotes(notes);
    this.renderFields(new Map());
    this.el.templateText.textContent = '';
    this.el.template.hidden = true;
    this.el.editorBox.hidden = true;
    this.show(gen, { error: message });
  }

  /** Shows one outcome: a status or an error line, problems, and the policy or none. */
  show(gen, { status = '', error = '', problems = [], intro = '', policy = null, forge = null, format = 'json', empty = [] }) {
    if (gen !== this.generation) return;
    const el = this.el;
    el.status.textContent = error || status;
    el.status.hidden = !(error || status);
    el.status.classList.toggle('error', !!error);
    el.status.setAttribute('role', error ? 'alert' : 'status');
    el.problemsIntro.textContent = intro;
    el.problemsIntro.hidden = !intro;
    el.problems.replaceChildren(...problems.map(problemItem));
    el.problems.hidden = problems.length === 0;
    this.output = policy ? policy.output : '';
    el.policy.hidden = !policy;
    el.size.hidden = !policy;
    el.copy.disabled = !policy;
    el.download.disabled = !policy;
    el.copy.textContent = 'Copy';
    if (!policy) {
      el.policy.textContent = '';
      el.builder.hidden = true;
      el.builder.removeAttribute('href');
      return;
    }
    forge.render(el.policy, policy.output, format);
    const t = vocab.targets.find((x) => x.name === policy.target);
    el.size.textContent = `${fmtInt(policy.size)} of ${fmtInt(policy.limit)} characters${t ? ` (${t.label})` : ''}` +
      (policy.parts > 1 ? `, in ${policy.parts} policies` : '') +
      (empty.length ? ` · Fill in ${list(empty)} to make it yours.` : '');
    el.size.classList.toggle('over', policy.size > policy.limit);
    this.dispatchEvent(new CustomEvent('iamforge-render', { bubbles: true, composed: true, detail: { output: policy.output } }));
    if (!this.rendered) {
      this.rendered = true;
      performance.mark('iamforge-embed-render');
    }
  }

  /** "Open in the builder": the filled template as builder state, in the builder's link. */
  async link(gen, forge, text, file, { format, target, deps, minimize }) {
    const imp = await forge.importTemplate(text, file);
    if (gen !== this.generation) return;
    const el = this.el;
    if (!imp.result) { el.builder.hidden = true; return; }
    const state = imp.result;
    if (format !== vocab.formats[0].name) state.format = format;
    if (target !== vocab.targets[0].name) state.target = target;
    if (deps) state.deps = deps === vocab.dependentActions[0] ? undefined : deps;
    if (minimize) state.minimize = true;
    const enc = await forge.encodeState(state);
    if (gen !== this.generation) return;
    if (!enc.result) { el.builder.hidden = true; return; }
    el.builder.href = new URL(`index.html#${enc.result.fragment}`, SCRIPT).href;
    el.builder.hidden = false;
  }

  async copy() {
    const el = this.el;
    try {
      await navigator.clipboard.writeText(this.output);
      el.copy.textContent = 'Copied ✓';
      el.live.textContent = 'The policy is on the clipboard.';
    } catch {
      // No clipboard (an insecure page, a refusal): select the text for the reader to copy.
      const range = document.createRange();
      range.selectNodeContents(el.policy);
      const sel = this.shadowRoot.getSelection ? this.shadowRoot.getSelection() : getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      el.policy.focus();
      el.live.textContent = 'The policy is selected: press Ctrl+C (⌘C) to copy it.';
    }
  }

  download() {
    const f = vocab.formats.find((x) => x.name === this.el.format.value) || vocab.formats[0];
    if (this.downloadURL) URL.revokeObjectURL(this.downloadURL);
    this.downloadURL = URL.createObjectURL(new Blob([this.output], { type: f.mediaType }));
    const a = h('a', { href: this.downloadURL, download: f.file, hidden: true });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
  }
}

function problemItem(d) {
  const loc = d.location || {};
  const key = loc.key ? `(${loc.key}${loc.index !== undefined && loc.index !== null ? `[${loc.index}]` : ''})` : '';
  const where = [loc.line ? `line ${loc.line}${loc.column ? `:${loc.column}` : ''}` : '', key].filter(Boolean).join(' ');
  return h('li', { class: d.severity },
    h('span', { class: 'sev' }, d.severity), ' ',
    where ? h('span', { class: 'where' }, where) : null, where ? ' ' : null,
    d.message, ' ',
    h('span', { class: 'code' }, `[${d.code}]`));
}

function list(names) {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

if (!customElements.get('iamforge-policy')) customElements.define('iamforge-policy', IamforgePolicy);
