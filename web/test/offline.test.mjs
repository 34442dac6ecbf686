// End-to-end tests of the builder offline: after one visit its service worker (web/sw.js) holds
// the build's files, so the page reloads and writes policies with the network gone; a new build
// replaces them; share links and the embedded widget are left alone. Each test serves a copy of
// web/dist of its own (a service worker belongs to its origin, and one test rewrites the files).
//
//   node --test --test-concurrency=1 web/test/offline.test.mjs   (after make web and bin/webserve)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, ready, root, startServer } from './harness.mjs';

const dist = path.join(root, 'web/dist');
const shots = path.join(root, 'web/test/screenshots');

let browser;
before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  browser = await launch();
});
after(async () => { if (browser) await browser.close(); });

/** Serves a fresh copy of web/dist (in the folder sub/ of the server, when given) for
 *  fn({url, dir}), url and dir being the builder's, then removes it. */
async function withCopy(fn, sub = '') {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'iamforge-offline-'));
  const dir = path.join(top, sub);
  fs.cpSync(dist, dir, { recursive: true });
  // The site around the builder (bin/webserve wants an index.html at its top).
  if (sub) fs.writeFileSync(path.join(top, 'index.html'), '<!doctype html><title>another site</title>');
  const server = await startServer(top);
  try {
    await fn({ url: server.url + sub, dir });
  } finally {
    server.stop();
    fs.rmSync(top, { recursive: true, force: true });
  }
}

/** A context whose pages report console errors, page errors and failed requests into
 *  problems. */
async function newContext(problems, allow = null) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('page', (page) => {
    page.on('console', (m) => { if (m.type() === 'error' && !(allow && allow.test(m.text()))) problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${new URL(r.url()).pathname}`));
  });
  return context;
}

/** The build version the page was loaded with. */
const pageVersion = (page) => page.evaluate(() => new URL(document.querySelector('script[src^="preload.js"]').src).searchParams.get('v'));

/** Waits (up to a generous deadline) until the page's origin has an active service worker and
 *  exactly the caches named. Polled from here: waitForFunction does not wait for an async
 *  predicate's answer. */
async function cachesAre(page, names) {
  const deadline = Date.now() + 30000;
  let last;
  for (;;) {
    last = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { active: !!(reg && reg.active), keys: (await caches.keys()).sort() };
    });
    if (last.active && JSON.stringify(last.keys) === JSON.stringify([...names].sort())) return;
    if (Date.now() > deadline) assert.fail(`the caches never became ${names}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Adds an S3 object ARN with Read and waits for the policy to grant s3:GetObject on it. */
async function writesPolicy(page, arn) {
  await page.getByRole('textbox', { name: 'ARN to add' }).fill(arn);
  await page.getByRole('textbox', { name: 'ARN to add' }).press('Enter');
  await page.getByRole('group', { name: `Access levels for ${arn}`, exact: true }).getByRole('button', { name: 'Read', exact: true }).click();
  await page.waitForFunction((a) => {
    const t = document.getElementById('policy').textContent;
    return t.includes('"s3:GetObject"') && t.includes(a);
  }, arn, { timeout: 30000 });
}

test('after one visit the builder reloads offline, with descriptions, and writes a policy', async () => {
  await withCopy(async ({ url }) => {
    const problems = [];
    const context = await newContext(problems, /ERR_INTERNET_DISCONNECTED/);
    try {
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      const version = await pageVersion(page);
      await cachesAre(page, [`iamforge-${version}`]);

      await context.setOffline(true);
      // With the network gone a request for anything else fails, as a share link would.
      assert.equal(await page.evaluate(() => fetch('/s/abc').then(() => 'answered', () => 'failed')), 'failed');
      await page.reload();
      await ready(page);
      assert.equal(await pageVersion(page), version);
      assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker serves the page');
      await writesPolicy(page, 'arn:aws:s3:::offline-bucket/*');
      // The descriptions came from the cache too: search ranks by them, explanations show them.
      await page.evaluate(() => window.iamforgeAPI.descriptions);
      const found = await page.evaluate(async () => (await window.iamforgeAPI.search('decrypt', 5)).result.map((a) => a.name || a.action));
      assert.ok(found.length > 0, 'search answers offline');
      await page.screenshot({ path: path.join(shots, 'offline-reload.png') });
      // Only the share link failed: everything the builder asked for came from the cache.
      assert.deepEqual(problems, ['request failed: /s/abc']);
    } finally {
      await context.close();
    }
  });
});

test('from a sub-path, the service worker keeps to its folder and the builder reloads offline', async () => {
  await withCopy(async ({ url }) => {
    const problems = [];
    const context = await newContext(problems);
    try {
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      await cachesAre(page, [`iamforge-${await pageVersion(page)}`]);
      assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope), url);
      await context.setOffline(true);
      await page.reload();
      await ready(page);
      await writesPolicy(page, 'arn:aws:s3:::sub-path-bucket/*');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }, 'tools/iamforge/');
});

test('share links and the link API go to the network, never to the cache', async () => {
  await withCopy(async ({ url }) => {
    const problems = [];
    const context = await newContext(problems, /404/);
    try {
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      await cachesAre(page, [`iamforge-${await pageVersion(page)}`]);
      // bin/webserve has no link service: a 404 from the server, not the builder from the cache.
      const answers = await page.evaluate(async () => Promise.all(['s/abc', 'api/links/abc'].map(async (p) => (await fetch(p)).status)));
      assert.deepEqual(answers, [404, 404]);
      const link = await page.goto(`${url}s/abc`);
      assert.equal(link.status(), 404);
      const kept = await page.evaluate(async () => (await caches.open((await caches.keys())[0]).then((c) => c.keys())).map((r) => new URL(r.url).pathname));
      assert.ok(!kept.some((p) => p.startsWith('/s/') || p.startsWith('/api/')), `cached: ${kept}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

/** Rewrites the build in dir as another build: its version replaced everywhere it is written
 *  (and the precompressed siblings with it), and the page's title changed, as a deploy does. */
function rebuild(dir, from, to) {
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of walk(dir)) {
    if (!/\.(html|js|css|svg)$/.test(f)) continue;
    let text = fs.readFileSync(f, 'utf8');
    if (!text.includes(from) && !f.endsWith('index.html')) continue;
    text = text.replaceAll(from, to);
    if (f === path.join(dir, 'index.html')) text = text.replace('<title>', '<title>(new build) ');
    fs.writeFileSync(f, text);
    fs.writeFileSync(`${f}.gz`, zlib.gzipSync(text));
    fs.writeFileSync(`${f}.br`, zlib.brotliCompressSync(text));
  }
}

test('a new build replaces the cache, and the visit after it opens the new build offline', async () => {
  await withCopy(async ({ url, dir }) => {
    const problems = [];
    const context = await newContext(problems);
    try {
      let page = await context.newPage();
      await page.goto(url);
      await ready(page);
      const v1 = await pageVersion(page);
      await cachesAre(page, [`iamforge-${v1}`]);
      await page.close();

      const v2 = 'b0b0b0b0b0b0';
      rebuild(dir, v1, v2);
      // This visit still opens the build it has (cache first); the browser meanwhile finds
      // sw.js changed, and the new worker fills its cache and drops the old one.
      page = await context.newPage();
      await page.goto(url);
      await ready(page);
      assert.equal(await pageVersion(page), v1);
      await cachesAre(page, [`iamforge-${v2}`]);
      await page.close();

      await context.setOffline(true);
      page = await context.newPage();
      await page.goto(url);
      await ready(page);
      assert.equal(await pageVersion(page), v2);
      assert.match(await page.title(), /^\(new build\) /);
      await writesPolicy(page, 'arn:aws:s3:::new-build-bucket/*');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

test('the embedded widget registers no service worker on the page it is on', async () => {
  await withCopy(async ({ url }) => {
    const problems = [];
    const context = await newContext(problems);
    try {
      const page = await context.newPage();
      await page.goto(`${url}demo/plain.html`);
      await page.getByRole('region', { name: 'Policy', exact: true }).first().waitFor({ timeout: 30000 });
      // The widget's engine has loaded (a policy shows): had anything registered a worker, it
      // would be listed by now.
      assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
