// iamforge.js — loads iamforge's WebAssembly core and catalog, and wraps its JSON-in/JSON-out
// functions as plain JavaScript calls. The builder page uses it; so can any page that embeds a
// builder (the files are static: serve them from anywhere, same origin).
//
//   import { loadWorker } from './iamforge.js';
//   const forge = await loadWorker();           // the engine in a Web Worker: every call a promise
//   const { result, diagnostics } = await forge.write({ state: { resources: [{ arn, levels: ['read'] }] } });
//
//   import { load } from './iamforge.js';
//   const forge = await load();                 // the engine on this thread: every call answers at once
//
// Nothing is sent anywhere: the catalog and the engine run in this tab.

const VERSION = '__VERSION__';

function assetURL(base, name) {
  const u = new URL(name, base);
  if (!VERSION.startsWith('__')) u.searchParams.set('v', VERSION);
  return u.href;
}

// Marks for benchmarks and the browser's performance panel: where start-up time goes.
const mark = (name) => { if (globalThis.performance && performance.mark) performance.mark(name); };

async function bytes(response, what) {
  if (!response.ok) throw new Error(`loading ${what}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const defaultBase = new URL('.', import.meta.url);

/** Starts fetching the engine (compiling it as it streams in) and the catalog, on this thread,
 *  for load(). loadWorker() starts none of it here: the worker fetches and compiles its own. */
function start(base) {
  const wasm = fetch(assetURL(base, 'iamforge.wasm'));
  const compiled = (WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(wasm).catch(async (e) => {
      // A server without application/wasm: fall back to compiling the bytes.
      if (!(e instanceof TypeError)) throw e;
      return WebAssembly.compile(await bytes(await fetch(assetURL(base, 'iamforge.wasm')), 'iamforge.wasm'));
    })
    : wasm.then((r) => bytes(r, 'iamforge.wasm')).then((b) => WebAssembly.compile(b)));
  const catalog = fetch(assetURL(base, 'catalog.bin')).then((r) => bytes(r, 'catalog.bin'));
  // If the first await below fails, nobody awaits the other: keep it from being reported as
  // unhandled.
  compiled.catch(() => {});
  catalog.catch(() => {});
  return { compiled, catalog };
}

// ---------------------------------------------------------------------------------------------
// The engine on this thread

/**
 * Loads the engine on this thread. Resolves to the API once the catalog is loaded (descriptions
 * keep arriving in the background; `descriptions` resolves when they are in). `descriptions:
 * false` leaves them out (0.24 MB brotli): writing needs none, only explanations and search rank
 * by them; `descriptions` then resolves at once. Every call answers at once — and holds the
 * thread while the engine works: a page with input to keep responsive wants loadWorker().
 * @param {{base?: string|URL, onStatus?: (s: string) => void, descriptions?: boolean}} [options]
 */
export async function load(options = {}) {
  const base = options.base || defaultBase;
  const status = options.onStatus || (() => {});
  const { compiled, catalog } = start(base);
  if (!globalThis.Go) {
    status('Loading the engine…');
    await import(assetURL(base, 'wasm_exec.js'));
  }
  const go = new globalThis.Go();
  status('Loading the engine and the catalog…');
  const module = await compiled;
  mark('iamforge-compiled');
  const instance = await WebAssembly.instantiate(module, go.importObject);
  const exited = go.run(instance);
  mark('iamforge-started');
  const core = globalThis.iamforge;
  if (!core) throw new Error('the engine did not start');
  const catalogBytes = await catalog;
  mark('iamforge-catalog-fetched');
  status('Opening the catalog…');
  const info = JSON.parse(core.load(catalogBytes));
  mark('iamforge-catalog-loaded');
  if (!info.result) throw new Error(info.diagnostics.map((d) => d.message).join('; '));
  const descriptions = options.descriptions === false ? Promise.resolve() : fetch(assetURL(base, 'descriptions.bin'))
    .then((r) => bytes(r, 'descriptions.bin'))
    .then((b) => {
      const res = JSON.parse(core.loadDescriptions(b));
      if (res.diagnostics.length) throw new Error(res.diagnostics[0].message);
    });
  descriptions.catch(() => {}); // callers who care await it; the rest must not see a page error
  const call = (op, req) => JSON.parse(core[op](JSON.stringify(req ?? {})));
  return {
    ...methods(call),
    descriptions,
    exited,
    /** Bytes of WebAssembly memory in use. */
    memory: () => instance.exports.mem.buffer.byteLength,
  };
}

// ---------------------------------------------------------------------------------------------
// The engine in a Web Worker

const connections = new Map(); // base → the one worker of that base, shared by every client
let clients = 0;

/**
 * Loads the engine in a dedicated Web Worker (engine-worker.js) and resolves to the API once
 * the catalog is loaded: the same calls as load()'s, each answering a promise, so that the
 * engine never holds this thread. A page has one engine worker however many callers use it:
 * each call of loadWorker() is a client of its own (its own latest() channels and busy
 * reports) over that one worker.
 *
 * `latest(name)` gives the same calls on a channel: a call there supersedes the one before it
 * on that channel, whose promise rejects at once with an AbortError (and which the worker skips
 * if it has not started it) — the latest input wins, as a search box or a policy preview wants.
 *
 * `onBusy(ops)` hears, whenever it changes, which of this client's calls have been waiting for
 * longer than `busyAfter` milliseconds (150 by default): operation names, or [] when none is.
 *
 * `descriptions: false`, as for load(), leaves the action descriptions out until a client that
 * wants them comes along.
 *
 * @param {{base?: string|URL, onStatus?: (s: string) => void, onBusy?: (ops: string[]) => void, busyAfter?: number, descriptions?: boolean}} [options]
 */
export async function loadWorker(options = {}) {
  const { api, ready } = connectWorker(options);
  await ready;
  return api;
}

/**
 * loadWorker() without the wait: the API at once, and `ready`, which resolves once the catalog
 * is loaded (or rejects when the engine cannot start, as every call made meanwhile then does).
 * Calls made before it resolves wait in the worker and are answered as soon as it is: a page
 * can wire itself and draw while the engine loads, instead of after.
 *
 * @param {{base?: string|URL, onStatus?: (s: string) => void, onBusy?: (ops: string[]) => void, busyAfter?: number, descriptions?: boolean}} [options]
 * @returns {{api: object, ready: Promise<void>}}
 */
export function connectWorker(options = {}) {
  const base = String(options.base || defaultBase);
  let conn = connections.get(base);
  if (!conn) {
    conn = connect(base, options.descriptions !== false);
    connections.set(base, conn);
    conn.ready.catch(() => connections.delete(base)); // the next caller tries again
  }
  if (options.descriptions !== false && !conn.describing) {
    conn.describing = true; // a client that wants them, after one that did not
    conn.worker.postMessage({ type: 'descriptions' });
  }
  if (options.onStatus) {
    conn.statuses.add(options.onStatus);
    options.onStatus(conn.status);
  }
  const ready = conn.ready.finally(() => conn.statuses.delete(options.onStatus));
  return { api: client(conn, options), ready };
}

function connect(base, describing) {
  const conn = {
    describing, // whether the worker attaches descriptions
    pending: new Map(), // call id → {resolve, reject}
    channels: new Map(), // channel → the id of its latest call
    nextId: 1,
    status: 'Loading the engine and the catalog…',
    statuses: new Set(),
  };
  const setStatus = (s) => { conn.status = s; for (const f of conn.statuses) f(s); };
  // preload.js may have started the worker already, so that it fetches the engine, the catalog
  // and the Go shim while the page's modules arrive.
  const pre = globalThis.__iamforgeEarly;
  let worker;
  let catalog = null; // the catalog's bytes, when preload.js fetches them
  if (pre && pre.base === base && pre.worker) {
    worker = pre.worker;
    catalog = pre.catalog || null;
    delete pre.worker;
    delete pre.catalog;
  } else {
    worker = new Worker(assetURL(base, 'engine-worker.js'), { type: 'module', name: 'iamforge engine' });
  }
  conn.worker = worker;
  let fail;
  let resolveDescriptions;
  let rejectDescriptions;
  conn.descriptions = new Promise((resolve, reject) => { resolveDescriptions = resolve; rejectDescriptions = reject; });
  conn.descriptions.catch(() => {});
  conn.ready = new Promise((resolve, reject) => {
    fail = (err) => {
      conn.failed = err;
      reject(err);
      rejectDescriptions(err);
      worker.terminate();
      // Calls made before the engine was ready (connectWorker) are never answered now.
      for (const p of conn.pending.values()) p.reject(err);
      conn.pending.clear();
    };
    worker.onerror = (e) => { e.preventDefault(); fail(new Error(`the engine's worker did not start: ${e.message || 'no message'}`)); };
    worker.onmessage = (e) => {
      const m = e.data;
      switch (m.type) {
        case 'answer': {
          const p = conn.pending.get(m.id);
          if (!p) return; // superseded: its caller has heard already
          conn.pending.delete(m.id);
          if (p.channel && conn.channels.get(p.channel) === m.id) conn.channels.delete(p.channel);
          if (m.stale) p.reject(superseded()); else p.resolve(JSON.parse(m.json));
          return;
        }
        case 'status':
          setStatus(m.text);
          return;
        case 'ready':
          mark('iamforge-catalog-loaded');
          resolve();
          return;
        case 'failed':
          fail(new Error(m.message));
          return;
        case 'descriptions':
          if (m.error) rejectDescriptions(new Error(m.error)); else resolveDescriptions();
      }
    };
  });
  // The worker fetches the engine itself (engine-worker.js), as soon as it begins; the catalog
  // too, unless preload.js fetched it, whose bytes follow init here.
  worker.postMessage({ type: 'init', descriptions: conn.describing, catalog: catalog ? 'page' : 'fetch' });
  if (catalog) catalog.then((b) => worker.postMessage({ type: 'catalog', bytes: b }, b ? [b] : []));
  return conn;
}

// How long a step of building the search index may take (the engine finishes the step it is in).
const WARM_STEP = 8;

const superseded = () => new DOMException('superseded by a later call on the same channel', 'AbortError');

function client(conn, { onBusy = null, busyAfter = 150 } = {}) {
  const prefix = `${++clients}:`;
  const busy = new Map(); // call id → op, for calls waiting longer than busyAfter
  const report = () => { if (onBusy) onBusy([...new Set(busy.values())]); };
  const send = (op, req, channel, idle = false) => new Promise((resolve, reject) => {
    if (conn.failed) { reject(conn.failed); return; }
    const id = conn.nextId++;
    // Work the caller did not wait for (idle) is nobody's wait.
    const timer = onBusy && !idle ? setTimeout(() => { busy.set(id, op); report(); }, busyAfter) : 0;
    const settle = (f) => (v) => {
      clearTimeout(timer);
      if (busy.delete(id)) report();
      f(v);
    };
    const p = { resolve: settle(resolve), reject: settle(reject), channel };
    if (channel) {
      const prev = conn.pending.get(conn.channels.get(channel));
      if (prev) {
        conn.pending.delete(conn.channels.get(channel));
        prev.reject(superseded());
      }
      conn.channels.set(channel, id);
    }
    conn.pending.set(id, p);
    conn.worker.postMessage({ type: 'call', id, op, req: JSON.stringify(req ?? {}), channel, idle });
  });
  const api = {
    ...methods((op, req) => send(op, req)),
    /** The same calls on a channel of their own: a call supersedes the one before it there. */
    latest: (name) => methods((op, req) => send(op, req, prefix + name)),
    /** Resolves when action descriptions are in (search ranks them, explanations show them). */
    descriptions: conn.descriptions,
    /** Bytes of WebAssembly memory in use, in the worker. */
    memory: () => send('memory').then((r) => r.result),
    /** Readies search (the names at first; the index, once descriptions are in) when the worker
     *  has had nothing else to do for a moment, so that no keystroke waits for it; until then
     *  search answers from what it has (catalog.WarmSearch). The index is built in steps of
     *  about WARM_STEP ms, each an idle call of its own, so that a keystroke arriving meanwhile
     *  waits for one step, not the whole build (300 ms). Resolves once search is ready. */
    warmSearch: async () => {
      for (;;) {
        const r = await send('warmSearch', { budgetMs: WARM_STEP }, undefined, true);
        if (!r.result || r.result.done) return;
      }
    },
  };
  return api;
}

// ---------------------------------------------------------------------------------------------
// The calls, for both: call(op, req) answers the response object, or a promise of it.

/** f(v), or a promise of it when v is a promise. */
const then = (v, f) => (v && typeof v.then === 'function' ? v.then(f) : f(v));

function methods(call) {
  // The catalog's provenance and its service list arrive on first use, not at start-up: most
  // sessions never build an ARN from its format.
  let provenance = null;
  let services = null;
  const info = {
    get info() {
      if (!provenance) provenance = then(call('info', { services: false }), (r) => r.result.info);
      return provenance;
    },
    get services() {
      if (!services) services = then(call('info', { services: true }), (r) => r.result.services);
      return services;
    },
  };
  return {
    info,
    call,
    write: (req) => call('write', req),
    query: (req) => call('query', req),
    search: (text, limit = 20) => call('search', { text, limit }),
    matchArn: (arns) => call('matchArn', { arns }),
    expand: (policy, format = 'table') => call('expand', { policy, format }),
    validate: (policy, opts = {}) => call('validate', { policy, ...opts }),
    format: (policy, format, opts = {}) => call('format', { policy, format, ...opts }),
    encodeState: (state) => call('encodeState', state),
    decodeState: (fragment) => call('decodeState', { fragment }),
    importTemplate: (template, file) => call('importTemplate', { template, file }),
    importPolicy: (policy, file) => call('importPolicy', { policy, file }),
    arnFormats: (service) => call('arnFormats', { service }),
    /** What can be granted on one ARN: its resource types as written, and every action that
     *  acts on them, by access level (catalog/api.ARNActions). */
    arnActions: (arn) => call('arnActions', { arn }),
    conditionKeys: (state) => call('conditionKeys', { state }),
    /** The catalog's definition of one condition key as a policy writes it: result is
     *  [KeyInfo] ("aws:ResourceTag/team" answers aws:ResourceTag/${TagKey}), or [] for none. */
    conditionKey: (key) => call('conditionKeys', { key }),
    /** What the engine knows that a page shows (catalog/api.Vocabulary): operations, access
     *  levels (slug and label, in AWS's order) and the order templates process them in, modes,
     *  effects, dependent-action handling, partitions, output formats (label, download file
     *  name, media type), size targets (label, limit), sts keys and their actions, condition
     *  operator families, and per condition key type the operators that fit it (Null last),
     *  whether it is multivalued, its set prefixes and an example value; anyType for a key of
     *  no known type. It needs no catalog and does not change: ask once, and not on the way to a
     *  usable page if you can help it (the first answer costs a garbage collection; the builder
     *  reads the copy cmd/webbuild writes into index.html). */
    vocabulary: () => call('vocabulary', {}),
    describe: (action) => call('describe', { action }),
    /** A written policy's colouring: tokens {kind, text, action?} that add up to the text; an
     *  action-like string is an action token when it is one of actions (granted), or a
     *  minimized prefix* covering one. */
    highlight: (text, format, actions) => call('highlight', { text, format, actions: actions || [] }),
    /** Fills element with the coloured policy text; granted actions become spans with
     *  data-action (and tabindex -1), for explanations on hover and focus. */
    renderPolicy: (element, text, format, actions) => then(call('highlight', { text, format, actions: actions || [] }), (res) => {
      if (res.result) renderTokens(element, res.result);
      return { diagnostics: res.diagnostics };
    }),
  };
}

const rendered = new WeakMap(); // element → the tokens it shows, one child node each

/** Replaces element's content with the tokens: a span of class tok-<kind> for each but plain
 *  text, an action's with data-action and tabindex -1. Where element shows tokens already, only
 *  the run that changed is replaced (a ticked level changes a few lines of a long policy): the
 *  DOM is the same as a full render's, for a fraction of the layout. */
export function renderTokens(element, tokens) {
  const node = (t) => {
    if (t.kind === 'text') return document.createTextNode(t.text);
    const span = document.createElement('span');
    span.className = `tok-${t.kind}`;
    span.textContent = t.text;
    if (t.action) {
      span.setAttribute('data-action', t.action);
      span.setAttribute('tabindex', '-1');
    }
    return span;
  };
  const before = rendered.get(element);
  rendered.set(element, tokens);
  if (!before || element.childNodes.length !== before.length) {
    const frag = document.createDocumentFragment();
    for (const t of tokens) frag.append(node(t));
    element.textContent = '';
    element.append(frag);
    return;
  }
  const same = (a, b) => a.kind === b.kind && a.text === b.text && (a.action || '') === (b.action || '');
  let start = 0;
  while (start < before.length && start < tokens.length && same(before[start], tokens[start])) start++;
  let end = 0; // tokens alike at the end, after start
  while (end < before.length - start && end < tokens.length - start && same(before[before.length - 1 - end], tokens[tokens.length - 1 - end])) end++;
  const kids = element.childNodes;
  const next = kids[before.length - end] || null;
  for (let i = before.length - end - 1; i >= start; i--) kids[i].remove();
  const frag = document.createDocumentFragment();
  for (let i = start; i < tokens.length - end; i++) frag.append(node(tokens[i]));
  element.insertBefore(frag, next);
}
