// The floor page: loads a bare Go program as the builder loads its engine (streaming compile,
// instantiate, run), marks itself ready as the builder does, and answers a click and a keystroke
// with the least a page can do: an attribute flipped, the text echoed through Go.
(async () => {
  const go = new Go();
  const module = await WebAssembly.compileStreaming(fetch('floor.wasm'));
  const instance = await WebAssembly.instantiate(module, go.importObject);
  go.run(instance);
  const toggle = document.getElementById('toggle');
  toggle.addEventListener('click', () => toggle.setAttribute('aria-pressed', String(toggle.getAttribute('aria-pressed') !== 'true')));
  const text = document.getElementById('text');
  text.addEventListener('input', () => { document.getElementById('echo').textContent = globalThis.floorEcho(text.value); });
  performance.mark('iamforge-ready');
  // As the builder does once it is usable: a service worker keeps the files for the next visit.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
})();
