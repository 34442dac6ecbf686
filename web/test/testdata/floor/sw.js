// The floor page's service worker: the builder's (web/sw.js) at its least — its files kept in a
// cache on the first visit and served from it, cache first — so that the floor's second visit is
// loaded the same way as the builder's.
const FILES = ['./', 'wasm_exec.js', 'floor.js', 'floor.wasm'];
self.addEventListener('install', (e) => e.waitUntil(caches.open('floor').then((c) => c.addAll(FILES)).then(() => self.skipWaiting())));
self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET') return;
  e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((hit) => hit || fetch(e.request)));
});
