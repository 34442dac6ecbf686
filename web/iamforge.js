// iamforge.js — loads iamforge's WebAssembly core and catalog, and wraps its JSON-in/JSON-out
// functions as plain JavaScript calls. The builder page uses it; so can any page that embeds a
// builder (the files are static: serve them from anywhere, same origin).
//
//   import { load } from './iamforge.js';
//   const forge = await load();                 // resolves when the builder is usable
//   const { result, diagnostics } = forge.write({ state: { resources: [{ arn, levels: ['read'] }] } });
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

// The engine and the catalog start downloading, and the engine compiling, as soon as this module
// is imported — not when load() is called — so that both overlap the page's own start-up.
const defaultBase = new URL('.', import.meta.url);
let early = null;
function start(base) {
  const sameBase = String(base) === String(defaultBase);
  if (sameBase && early) return early;
  // preload.js, a classic async script, may have started both before any module ran.
  const pre = globalThis.__iamforgeEarly;
  if (pre && pre.base === String(base)) {
    delete globalThis.__iamforgeEarly;
    const compiled = pre.compiled.catch(() => start2(base).compiled);
    const catalog = pre.catalog.then((r) => bytes(r, 'catalog.bin'));
    compiled.catch(() => {});
    catalog.catch(() => {});
    const s = { compiled, catalog };
    if (sameBase) early = s;
    return s;
  }
  return start2(base);
}

function start2(base) {
  const sameBase = String(base) === String(defaultBase);
  const wasm = fetch(assetURL(base, 'iamforge.wasm'));
  const compiled = (WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(wasm).catch(async (e) => {
      // A server without application/wasm: fall back to compiling the bytes.
      if (!(e instanceof TypeError)) throw e;
      return WebAssembly.compile(await bytes(await fetch(assetURL(base, 'iamforge.wasm')), 'iamforge.wasm'));
    })
    : wasm.then((r) => bytes(r, 'iamforge.wasm')).then((b) => WebAssembly.compile(b)));
  const catalog = fetch(assetURL(base, 'catalog.bin')).then((r) => bytes(r, 'catalog.bin'));
  // If load() is never called, or fails first, nobody awaits these: keep them from being
  // reported as unhandled.
  compiled.catch(() => {});
  catalog.catch(() => {});
  const s = { compiled, catalog };
  if (sameBase) early = s;
  return s;
}
if (typeof document !== 'undefined') early = start(defaultBase);

/**
 * Loads the engine. Resolves to the API once the catalog is loaded (descriptions keep arriving
 * in the background; `descriptions` resolves when they are in). `descriptions: false` leaves
 * them out (0.24 MB brotli): writing needs none, only explanations and search rank by them;
 * `descriptions` then resolves at once.
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
  return makeAPI(core, info.result, descriptions, instance, exited);
}

function makeAPI(core, _loaded, descriptions, instance, exited) {
  const call = (op, req) => JSON.parse(core[op](JSON.stringify(req ?? {})));
  // The catalog's provenance and its service list arrive on first use, not at start-up: most
  // sessions never build an ARN from its format.
  let provenance = null;
  let services = null;
  const info = {
    get info() {
      if (!provenance) provenance = call('info', { services: false }).result.info;
      return provenance;
    },
    get services() {
      if (!services) services = call('info', { services: true }).result.services;
      return services;
    },
  };
  return {
    info,
    descriptions,
    exited,
    /** Bytes of WebAssembly memory in use. */
    memory: () => instance.exports.mem.buffer.byteLength,
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
    arnFormats: (service) => call('arnFormats', { service }),
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
    /** Fills element with the coloured policy text; granted actions become spans with data-action. */
    renderPolicy: (element, text, format, actions) => JSON.parse(core.renderPolicy(element, text, format, actions || [])),
  };
}
