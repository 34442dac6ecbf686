// Starts the engine's worker as the page begins to load. Module scripts (app.js, iamforge.js) run
// only once the whole document is parsed; this one is a classic script at the top of the head,
// so the parser runs it as soon as it arrives: the worker fetches and compiles the engine
// (engine-worker.js), and this script fetches the catalog, while the page's modules arrive and the
// page lays itself out. iamforge.js picks up the worker (loadWorker) and hands it the catalog.
//
// It is parser-blocking on purpose, and tiny: as an async script it ran only after the parser's
// first style and layout (a Chromium trace of a cold load: it arrived at 80 ms and ran at 270
// ms), and the engine's worker, whose start also waits on the page's thread, began 100–200 ms
// later than it does now.
//
// The builder is laid out once the worker has started (its first message), not before: Chromium
// starts a dedicated worker with a task on the page's thread, after the browser has fetched its
// script, and when the page's first style, layout and paint of the whole builder (50–120 ms on a
// 2-core machine) came first, the worker waited for them (traces of cold loads: it started 110 ms
// after its script was in). Until then only the top bar and the loading banner are drawn
// (style.css: html[data-starting]), at most HOLD_MS, so that a worker slow to start, or one that
// fails, never keeps the builder from showing. Medians of 15 cold and warm loads each, against
// the page before (with its icon as an <img>, index.html): usable 696 ms instead of 742 cold, 611
// instead of 680 warm (the floor: 252 and 216 ms), the first paint at 180 ms instead of 348. (The
// whole page blank until the worker started, in a run of 9: first paint 448 ms.)
(() => {
  if (!globalThis.WebAssembly || !globalThis.Worker || !document.currentScript) return;
  const HOLD_MS = 300;
  const root = document.documentElement;
  let timer = 0;
  const draw = () => {
    clearTimeout(timer);
    if (!root.hasAttribute('data-starting')) return;
    root.removeAttribute('data-starting');
    performance.mark('iamforge-page-shown');
  };
  const self = new URL(document.currentScript.src);
  const early = { base: new URL('.', self).href, worker: null };
  try {
    const u = new URL('engine-worker.js', self);
    u.search = self.search; // the same build version
    early.worker = new Worker(u.href, { type: 'module', name: 'iamforge engine' });
    root.setAttribute('data-starting', '');
    early.worker.addEventListener('message', draw, { once: true });
    timer = setTimeout(draw, HOLD_MS);
    // A worker that failed before iamforge.js listens is not used: it starts one of its own.
    early.worker.onerror = (e) => { e.preventDefault(); early.worker = null; draw(); };
    // The catalog is fetched here, and handed to the worker (iamforge.js): its body is then read
    // on this thread, which has time for it, and not on the worker's, which is busy reading the
    // engine's 6.7 MB meanwhile. A/B, medians of 15 visitors each: cold 725 -> 692 ms, warm 672
    // -> 641 ms (the floor: 266, 233 ms). When this fetch fails the worker fetches it itself,
    // and says what went wrong.
    const c = new URL('catalog.bin', self);
    c.search = self.search;
    early.catalog = fetch(c.href).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
  } catch { /* no workers here: iamforge.js says so when the page asks for one */ }
  globalThis.__iamforgeEarly = early;
})();
