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

async function bytes(response, what) {
  if (!response.ok) throw new Error(`loading ${what}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function instantiate(go, url) {
  const response = fetch(url);
  if (WebAssembly.instantiateStreaming) {
    try {
      return await WebAssembly.instantiateStreaming(response, go.importObject);
    } catch (e) {
      // A server without application/wasm: fall back to compiling the bytes.
      if (!(e instanceof TypeError)) throw e;
    }
  }
  return WebAssembly.instantiate(await bytes(await response, 'iamforge.wasm'), go.importObject);
}

/**
 * Loads the engine. Resolves to the API once the catalog is loaded (descriptions keep arriving
 * in the background; `descriptions` resolves when they are in).
 * @param {{base?: string|URL, onStatus?: (s: string) => void}} [options]
 */
export async function load(options = {}) {
  const base = options.base || new URL('.', import.meta.url);
  const status = options.onStatus || (() => {});
  if (!globalThis.Go) {
    status('Loading the engine…');
    await import(assetURL(base, 'wasm_exec.js'));
  }
  const go = new globalThis.Go();
  const catalogBytes = fetch(assetURL(base, 'catalog.bin')).then((r) => bytes(r, 'catalog.bin'));
  // Awaited only once the engine runs: without a handler now, a failed fetch that lands while the
  // engine still compiles would also surface as an unhandled rejection.
  catalogBytes.catch(() => {});
  status('Loading the engine and the catalog…');
  const { instance } = await instantiate(go, assetURL(base, 'iamforge.wasm'));
  const exited = go.run(instance);
  const core = globalThis.iamforge;
  if (!core) throw new Error('the engine did not start');
  status('Opening the catalog…');
  const info = JSON.parse(core.load(await catalogBytes));
  if (!info.result) throw new Error(info.diagnostics.map((d) => d.message).join('; '));
  const descriptions = fetch(assetURL(base, 'descriptions.bin'))
    .then((r) => bytes(r, 'descriptions.bin'))
    .then((b) => {
      const res = JSON.parse(core.loadDescriptions(b));
      if (res.diagnostics.length) throw new Error(res.diagnostics[0].message);
    });
  descriptions.catch(() => {}); // optional: a page that ignores it must not get an unhandled rejection
  return makeAPI(core, info.result, descriptions, instance, exited);
}

function makeAPI(core, info, descriptions, instance, exited) {
  const call = (op, req) => JSON.parse(core[op](JSON.stringify(req ?? {})));
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
    describe: (action) => call('describe', { action }),
    /** Fills element with the coloured policy text; granted actions become spans with data-action. */
    renderPolicy: (element, text, format, actions) => JSON.parse(core.renderPolicy(element, text, format, actions || [])),
  };
}
