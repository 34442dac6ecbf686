// Starts the engine's worker as the page begins to load. Module scripts (app.js, iamforge.js) run
// only once the whole document is parsed; this one is a classic script at the top of the head,
// so the parser runs it as soon as it arrives, and the worker fetches and compiles the engine and
// fetches the catalog (engine-worker.js) while the page's modules arrive and the page lays itself
// out. iamforge.js picks the worker up (loadWorker). Nothing else happens here.
//
// It is parser-blocking on purpose, and tiny: as an async script it ran only after the parser's
// first style and layout (a Chromium trace of a cold load: it arrived at 80 ms and ran at 270
// ms), and the engine's worker, whose start also waits on the page's thread, began 100–200 ms
// later than it does now.
(() => {
  if (!globalThis.WebAssembly || !globalThis.Worker || !document.currentScript) return;
  const self = new URL(document.currentScript.src);
  const early = { base: new URL('.', self).href, worker: null };
  try {
    const u = new URL('engine-worker.js', self);
    u.search = self.search; // the same build version
    early.worker = new Worker(u.href, { type: 'module', name: 'iamforge engine' });
    // A worker that failed before iamforge.js listens is not used: it starts one of its own.
    early.worker.onerror = (e) => { e.preventDefault(); early.worker = null; };
  } catch { /* no workers here: iamforge.js says so when the page asks for one */ }
  globalThis.__iamforgeEarly = early;
})();
