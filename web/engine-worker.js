// engine-worker.js — iamforge's engine in a dedicated Web Worker, so that writing, checking,
// expanding, importing and searching never hold the page's main thread. iamforge.js starts it
// (loadWorker) and is the only one that talks to it; one worker serves every user on a page.
//
// It runs as a module worker. It imports nothing statically, so that where module workers are
// not supported the browser runs it as a classic worker and it still works: the toolchain's
// wasm_exec.js (a classic script that only sets globalThis.Go) comes in with importScripts
// there, and with import() in a module worker, where importScripts throws.
//
// Messages in:  {type: 'init', descriptions?, catalog?}
//                                                    start the engine once it is here;
//                                                     descriptions false leaves them out;
//                                                     catalog 'page': the page sends it
//               {type: 'catalog', bytes}             catalog.bin's bytes, or null: fetch it here
//               {type: 'descriptions'}               attach them after all
//               {type: 'call', id, op, req, channel?, idle?}
// Messages out: {type: 'started'}                    first of all: preload.js shows the page then
//               {type: 'status', text}               what it is doing, while it starts
//               {type: 'ready'} | {type: 'failed', message}
//               {type: 'descriptions', error?}        descriptions.bin attached (or not)
//               {type: 'answer', id, json} | {type: 'answer', id, stale: true}
//
// Calls run one at a time, in order, except that a call is answered stale without running when
// a later call on the same channel is already waiting (the page only wants the latest answer of
// a kind), and idle calls (warming the search index) wait until the page has asked for nothing
// for a moment (QUIET).

'use strict';

// The page waits for this before it lays itself out (preload.js), so it comes first of all.
self.postMessage({ type: 'started' });

// The page's files sit beside this one, with the same ?v= build version.
const asset = (name) => {
  const u = new URL(name, self.location.href);
  u.search = self.location.search;
  return u.href;
};

async function loadShim() {
  if (globalThis.Go) return;
  if (typeof importScripts === 'function') {
    try {
      importScripts(asset('wasm_exec.js'));
      return;
    } catch (e) {
      if (!(e instanceof TypeError)) throw e; // a module worker: importScripts is not for it
    }
  }
  await import(asset('wasm_exec.js'));
}
// Start fetching the shim at once, beside the engine and the catalog (below).
const shim = loadShim();
shim.catch(() => {});

let core = null;
let memory = null;

async function bytes(url, what) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`loading ${what}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function compile() {
  const url = asset('iamforge.wasm');
  if (WebAssembly.compileStreaming) {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch (e) {
      if (!(e instanceof TypeError)) throw e; // a server without application/wasm
    }
  }
  return WebAssembly.compile(await bytes(url, 'iamforge.wasm'));
}

// The engine is fetched and compiled here, as soon as this worker starts, rather than on the
// page's thread and handed over. Streaming compilation reads the wasm's bytes on the thread that
// asked for it; on the page's thread that work queued behind the page's first layout and scripts
// (a Chromium trace of a cold load: 280 ms of compileConsume and ~300 ms of response-body tasks
// on the main thread), here it has a thread of its own while the page lays itself out.
const engine = compile();
engine.catch(() => {}); // init reports failures; none may surface as unhandled meanwhile

// The catalog comes from the page when preload.js fetched it (its body is read on the page's
// thread, while this one reads the engine's), or is fetched here once init says it will not.
let catalogBytes = null;
let catalogFromPage = null;
const fetchCatalog = () => bytes(asset('catalog.bin'), 'catalog.bin');

async function init({ descriptions: wantDescriptions }) {
  await shim;
  const [module, catalog] = await Promise.all([engine, catalogBytes]);
  self.postMessage({ type: 'status', text: 'Opening the catalog…' });
  const go = new globalThis.Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  go.run(instance);
  memory = instance.exports.mem;
  if (!globalThis.iamforge) throw new Error('the engine did not start');
  const info = JSON.parse(globalThis.iamforge.load(catalog));
  if (!info.result) throw new Error(info.diagnostics.map((d) => d.message).join('; '));
  core = globalThis.iamforge;
  self.postMessage({ type: 'ready' });
  schedule();
  if (wantDescriptions !== false || wantLater) attachDescriptions();
}

// Descriptions follow the catalog, when a client wants them (the embedded widget does not: it
// writes, and writing needs none); attaching them waits for the calls already asked for.
let describing = false;
let wantLater = false; // a client asked for them before the engine was ready
function attachDescriptions() {
  if (describing) return;
  describing = true;
  bytes(asset('descriptions.bin'), 'descriptions.bin').then((b) => {
    queue.push({ idle: true, run: () => {
      const res = JSON.parse(core.loadDescriptions(b));
      self.postMessage({ type: 'descriptions', error: res.diagnostics.length ? res.diagnostics[0].message : undefined });
    } });
    schedule();
  }, (e) => self.postMessage({ type: 'descriptions', error: e.message }));
}

// ---------------------------------------------------------------------------------------------
// The queue

const queue = [];
// Idle calls (building the search index: half a second, and nothing can interrupt a call into
// the engine) wait until the page has asked for nothing for QUIET ms, so that they fall in a
// pause rather than between two keystrokes of a word being typed. Attaching the descriptions
// (a few milliseconds) does not wait: the page's explanations and pickers want them.
const QUIET = 300;
let lastCall = -Infinity; // when the last call that someone waits for was answered
let waking = 0;
// Yielding through a MessageChannel, not setTimeout (clamped to 4 ms once nested): messages
// that arrived during a long call are delivered first, so the queue sees them before it picks.
const tick = new MessageChannel();
let scheduled = false;
function schedule() {
  if (scheduled || !queue.length) return;
  scheduled = true;
  tick.port2.postMessage(null);
}
tick.port1.onmessage = () => {
  scheduled = false;
  let i = queue.findIndex((j) => !j.idle);
  if (i < 0) i = queue.findIndex((j) => j.run); // attaching descriptions: quick, and awaited
  if (i < 0) {
    const wait = lastCall + QUIET - performance.now();
    if (wait > 0) {
      clearTimeout(waking);
      waking = setTimeout(schedule, wait);
      return;
    }
    i = 0;
  }
  const [job] = queue.splice(i, 1);
  if (job.run) job.run();
  else if (job.channel && queue.some((j) => j.channel === job.channel)) self.postMessage({ type: 'answer', id: job.id, stale: true });
  else self.postMessage({ type: 'answer', id: job.id, json: answer(job) });
  if (!job.idle) lastCall = performance.now();
  schedule();
};

function answer({ op, req }) {
  try {
    if (op === 'memory') return JSON.stringify({ result: memory.buffer.byteLength, diagnostics: [] });
    if (!core.operations.includes(op)) return core.call(op, req); // says which operations there are
    return core[op](req);
  } catch (err) { // the Go program is gone (it exited or ran out of memory): say so, every time
    return JSON.stringify({ diagnostics: [{ code: 'internal-error', severity: 'error', message: `the engine failed: ${err.message}; reload the page` }] });
  }
}

self.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'init') {
    catalogBytes = m.catalog === 'page' ? new Promise((resolve) => { catalogFromPage = resolve; }) : fetchCatalog();
    catalogBytes.catch(() => {}); // init reports it
    init(m).catch((err) => self.postMessage({ type: 'failed', message: err.message }));
  } else if (m.type === 'catalog') {
    // The page's fetch failed (null): fetch it here, and say why when this one fails too.
    if (catalogFromPage) catalogFromPage(m.bytes ? new Uint8Array(m.bytes) : fetchCatalog());
  } else if (m.type === 'descriptions') {
    if (core) attachDescriptions(); else wantLater = true;
  } else if (m.type === 'call') {
    queue.push(m);
    if (core) schedule();
  }
};
