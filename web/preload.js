// Starts compiling the engine, fetching the catalog and starting the engine's worker as the page
// begins to load. Module scripts (app.js, iamforge.js) run only once the whole document is
// parsed; this one is a classic async script, so it runs as soon as it arrives, and iamforge.js
// picks up what it started. Nothing else happens here.
(() => {
  if (!globalThis.WebAssembly || !document.currentScript) return;
  const self = new URL(document.currentScript.src);
  const url = (name) => {
    const u = new URL(name, self);
    u.search = self.search; // the same build version
    return u.href;
  };
  const wasm = fetch(url('iamforge.wasm'));
  const compiled = WebAssembly.compileStreaming ? WebAssembly.compileStreaming(wasm) : Promise.reject(new TypeError('no streaming'));
  const catalog = fetch(url('catalog.bin'));
  // iamforge.js handles failures (it falls back to fetching again): none may surface as
  // unhandled rejections meanwhile.
  compiled.catch(() => {});
  catalog.catch(() => {});
  // The worker's script and the Go shim it imports arrive meanwhile; iamforge.js sends it the
  // compiled engine and the catalog (loadWorker).
  const early = { base: new URL('.', self).href, compiled, catalog, worker: null };
  try {
    early.worker = new Worker(url('engine-worker.js'), { type: 'module', name: 'iamforge engine' });
    // A worker that failed before iamforge.js listens is not used: it starts one of its own.
    early.worker.onerror = (e) => { e.preventDefault(); early.worker = null; };
  } catch { /* no workers here: iamforge.js says so when the page asks for one */ }
  globalThis.__iamforgeEarly = early;
})();
