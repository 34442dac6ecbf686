// sw.js — the builder's service worker: after the first visit the page loads from this
// browser's own copy of its files, so it opens offline, and a second visit does not wait for the
// network. app.js registers it (the embedded widget never does: it runs on other people's pages).
//
// It answers only for the files of its own build (cmd/webbuild writes their names and the
// build's version here), cache first; any other request — share links (/s/…), the link API
// (/api/…), another build's files — goes to the network untouched, and nothing else is cached.
// The cache is named after the build, so a new build's worker fills a cache of its own and, once
// it is in charge, drops every older one: a page never mixes files of two builds.

'use strict';

const VERSION = '__VERSION__';
const CACHE = `iamforge-${VERSION}`;
// The files until usable, and the descriptions after them, relative to this script.
const FILES = __PRECACHE__;

const scope = new URL('./', self.location.href);
// Every file as the page asks for it: with ?v=<version>, but the page itself, which is
// navigated to by its folder's URL.
const urls = FILES.map((f) => (f === 'index.html' ? scope.href : `${new URL(f, scope).href}?v=${VERSION}`));
const page = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The default cache mode: the files the first visit just fetched come from the HTTP cache,
    // not over the network again. Versioned names cannot be stale there; the page can.
    const responses = await Promise.all(urls.map(async (u) => {
      const r = await fetch(u);
      if (!r.ok) throw new Error(`precaching ${u}: HTTP ${r.status}`);
      return r;
    }));
    const i = urls.indexOf(scope.href);
    // A page of another build (deployed meanwhile) would ask for files this cache does not
    // hold: fail, and let the browser install that build's worker instead.
    if (!(await responses[i].clone().text()).includes(`?v=${VERSION}`)) {
      throw new Error('the page on the server is of another build');
    }
    await Promise.all(responses.map((r, j) => cache.put(urls[j], r)));
    // The next visit gets this build, not the one after all tabs of the last close.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('iamforge-') && name !== CACHE) await caches.delete(name);
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.hash = '';
  let key = url.href;
  if (req.mode === 'navigate') {
    // The page, whatever its query: the state lives in the fragment, which is not sent.
    url.search = '';
    if (url.href !== scope.href && url.href !== page) return;
    key = scope.href;
  } else if (!urls.includes(key)) {
    return;
  }
  event.respondWith((async () => {
    const hit = await caches.match(key, { cacheName: CACHE });
    return hit || fetch(req);
  })());
});
