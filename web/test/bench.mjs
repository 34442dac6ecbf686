// Benchmark of the browser builder in headless Chromium on 127.0.0.1 (run by `make bench`
// after web/dist and bin/webserve are built; not part of `make test`). It prints the figures of
// issue 12 §6 first, each beside the floor — a bare Go WebAssembly page (web/test/testdata/floor),
// built and served the same way and loaded in the same run, alternating with the builder — and
// its target:
//
//   - cold load to usable: a visitor's first visit, navigation start → performance.mark
//     ('iamforge-ready'), in a fresh browser context (own, empty HTTP cache, cleared too),
//     navigated once the browser's own work of opening its window is over (browserQuiet);
//   - warm load to usable: the same visitor's second visit, in a new tab once the service
//     worker holds the files (service worker and HTTP cache, as a person coming back finds them);
//     the floor page has a service worker of its own that does the same;
//   - bytes over the wire until usable: every response as transferred, headers and body
//     (Playwright's request sizes, which cover the engine's worker too), except
//     descriptions.bin, which the engine loads after the page is usable;
//   - search per keystroke including the first: a query typed one keystroke at a time through
//     the page's API as soon as the page is usable (the first builds the search index);
//   - WebAssembly memory after a 200-ARN session (typing, ticking levels, the policy written).
//
// Then: search per keystroke once settled; write of a 20-ARN, 8-service state; memory after a
// typical session; input-to-paint latency (median, p95) of keystrokes in the action search and
// of clicks on access levels with 200 ARNs in the builder, and how long a click takes to reach
// the policy, beside the same keystrokes and clicks on the floor; a 60-statement policy
// imported while typing: the longest main-thread task, and the latency of the keystrokes typed
// while it is imported.
//
// Input-to-paint is measured as the event-timing polyfills do: from the event's timestamp (for a
// keystroke, its keydown's) to a message posted from the next animation frame, i.e. once the
// frame that shows the change has been produced.
//
// Times are medians (ratios are of medians), never pass/fail: a busy machine must not fail a
// build. The machine's core count and load average are printed with them. Prints tables, then
// the same as JSON on the last line.
//
//   node web/test/bench.mjs [RUNS]        (RUNS visitors of each page, default 7, at least 5)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, policy60, ready, root, startServer } from './harness.mjs';

const RUNS = Math.max(5, Number(process.argv[2]) || 7);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The nearest-rank percentile p (0–100) of xs. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};

const round1 = (x) => +x.toFixed(1);

/** A realistic 20-ARN state over 8 services, as the builder holds it. */
const STATE20 = {
  v: 1,
  resources: [
    ...['acme-config', 'acme-logs', 'acme-assets'].map((b) => ({ arn: `arn:aws:s3:::${b}`, levels: ['read', 'list'] })),
    ...['acme-config/app/*', 'acme-assets/public/*'].map((o) => ({ arn: `arn:aws:s3:::${o}`, levels: ['read', 'write'] })),
    ...['orders', 'customers', 'invoices'].map((t) => ({ arn: `arn:aws:dynamodb:us-east-1:123456789012:table/${t}`, levels: ['read', 'write'] })),
    ...['api', 'worker', 'cron'].map((f) => ({ arn: `arn:aws:lambda:us-east-1:123456789012:function:${f}`, levels: ['read'] })),
    ...['jobs', 'dead-letters'].map((q) => ({ arn: `arn:aws:sqs:us-east-1:123456789012:${q}`, levels: ['read', 'write'] })),
    ...['alerts', 'events'].map((t) => ({ arn: `arn:aws:sns:us-east-1:123456789012:${t}`, levels: ['write'] })),
    { arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', levels: ['read', 'write'] },
    ...['db-password', 'api-key'].map((s) => ({ arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${s}-AbCdEf`, levels: ['read'] })),
    ...['/aws/lambda/api', '/aws/lambda/worker'].map((g) => ({ arn: `arn:aws:logs:us-east-1:123456789012:log-group:${g}`, levels: ['write'] })),
  ],
  actions: ['kms:ListKeys', 'sts:GetCallerIdentity'],
};

/** Real queries, typed one keystroke at a time. */
const QUERIES = ['decrypt', 's3:GetObject', 'lambda invoke', 'assume role', 'describe instances', 'put bucket policy',
  'kms:Encrypt', 'send message', 'passrole', 'dynamodb query'];

/** 200 ARNs over 5 services, Read on every other one: a big but real builder. */
const STATE200 = {
  v: 1,
  resources: Array.from({ length: 200 }, (_, i) => ({
    arn: [
      `arn:aws:s3:::bucket-${i}`,
      `arn:aws:dynamodb:us-east-1:123456789012:table/table-${i}`,
      `arn:aws:sqs:us-east-1:123456789012:queue-${i}`,
      `arn:aws:lambda:us-east-1:123456789012:function:fn-${i}`,
      `arn:aws:s3:::bucket-${i}/logs/*`,
    ][i % 5],
    ...(i % 2 ? {} : { levels: ['read'] }),
  })),
};

/** Records input-to-paint latency of clicks and keystrokes, and click-to-policy time, in
 *  window.__latency (installed before the page's own scripts). */
function latencyProbe() {
  const out = { click: [], input: [], policy: [] };
  window.__latency = out;
  const afterPaint = (t0, list) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => list.push(performance.now() - t0);
    ch.port2.postMessage(null);
  });
  let keyAt = 0;
  let clickAt = 0;
  addEventListener('keydown', (e) => { keyAt = e.timeStamp; }, true);
  addEventListener('input', (e) => afterPaint(keyAt || e.timeStamp, out.input), true);
  addEventListener('click', (e) => { clickAt = e.timeStamp; afterPaint(e.timeStamp, out.click); }, true);
  addEventListener('DOMContentLoaded', () => {
    const policy = document.getElementById('policy');
    if (!policy) return;
    new MutationObserver(() => {
      if (!clickAt) return;
      afterPaint(clickAt, out.policy);
      clickAt = 0;
    }).observe(policy, { childList: true, subtree: true, characterData: true });
  });
}

/** Builds the floor page (a bare Go WebAssembly program, web/test/testdata/floor) into a
 *  temporary folder, with .br and .gz siblings as web/dist has, for bin/webserve to serve. */
function buildFloor() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamforge-floor-'));
  const src = path.join(root, 'web/test/testdata/floor');
  const go = spawnSync('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', path.join(dir, 'floor.wasm'), './web/test/testdata/floor'],
    { cwd: root, env: { ...process.env, GOOS: 'js', GOARCH: 'wasm' }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (go.status !== 0) throw new Error('building the floor page failed');
  const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
  fs.copyFileSync(path.join(goroot, 'lib/wasm/wasm_exec.js'), path.join(dir, 'wasm_exec.js'));
  for (const f of ['index.html', 'floor.js', 'sw.js']) fs.copyFileSync(path.join(src, f), path.join(dir, f));
  for (const f of fs.readdirSync(dir)) {
    const b = fs.readFileSync(path.join(dir, f));
    fs.writeFileSync(path.join(dir, `${f}.gz`), zlib.gzipSync(b, { level: 9 }));
    fs.writeFileSync(path.join(dir, `${f}.br`), zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  return dir;
}

/** Waits until the page has settled (descriptions in, the search index built with them, the
 *  main thread idle), as a user who starts working finds it: the engine builds the index in the
 *  first pause of 300 ms once descriptions are in. */
const settled = (page) => page.evaluate(async () => {
  await window.iamforgeAPI.descriptions;
  await window.iamforgeAPI.warmSearch();
  await new Promise((r) => requestIdleCallback(r, { timeout: 5000 }));
});

/** Keystrokes a person types: one every 80 ms. */
const TYPING_DELAY = 80;

/** Input-to-paint on the builder holding 200 ARNs: typing in the action search, then ticking
 *  Write on 20 rows, each click once the previous one has reached the policy. */
async function latencyBuilder(browser, url, fragment) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(latencyProbe);
  const page = await context.newPage();
  await page.goto(`${url}#${fragment}`);
  await ready(page);
  await page.getByLabel('Policy text').waitFor();
  await settled(page);
  const box = page.locator('#action-search');
  await box.focus();
  await page.evaluate(() => { window.__latency.input.length = 0; });
  for (const q of ['decrypt', 'getobject', 'invoke function']) {
    await page.keyboard.type(q, { delay: TYPING_DELAY });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape'); // closes the results, then clears the box
  }
  await page.evaluate(() => { window.__latency.click.length = 0; window.__latency.policy.length = 0; });
  // Found by id, not by role and name: Playwright's accessible-name queries over 1,000 buttons
  // run on the page's main thread, and would be measured as the page's.
  for (let i = 0; i < 20; i++) {
    const before = await page.locator('#policy').textContent();
    await page.locator(`#res-${i * 10} [data-level="write"]`).click();
    await page.waitForFunction((t) => document.getElementById('policy').textContent !== t, before);
  }
  await page.waitForFunction((n) => window.__latency.policy.length >= n, 20);
  const out = await page.evaluate(async () => ({ ...window.__latency, memory: await window.iamforgeAPI.memory() }));
  await context.close();
  return out;
}

/** The same keystrokes and clicks on the floor page. */
async function latencyFloor(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(latencyProbe);
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  const readyAt = await page.evaluate(() => performance.getEntriesByName('iamforge-ready')[0].startTime);
  await page.locator('#text').focus();
  await page.evaluate(() => { window.__latency.input.length = 0; });
  for (const q of ['decrypt', 'getobject', 'invoke function']) {
    await page.keyboard.type(q, { delay: TYPING_DELAY });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.evaluate(() => { window.__latency.click.length = 0; });
  for (let i = 0; i < 20; i++) {
    await page.locator('#toggle').click();
    await page.waitForFunction((n) => window.__latency.click.length >= n, i + 1);
  }
  const out = await page.evaluate(() => window.__latency);
  await context.close();
  return { ...out, readyAt };
}

/** A 60-statement policy imported while the user types in the action search: the longest
 *  main-thread task from the Import click to the result, the import's time, and the latency of
 *  the keystrokes typed meanwhile. */
async function importWhileTyping(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(latencyProbe);
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  await settled(page);
  await page.locator('#import-text').fill(policy60());
  await page.locator('#action-search').focus();
  await page.evaluate(() => {
    window.__latency.input.length = 0;
    const longest = { ms: 0, imported: 0 };
    window.__import = longest;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!longest.imported || e.startTime < longest.imported) longest.ms = Math.max(longest.ms, e.duration);
    }).observe({ type: 'longtask' });
    const result = document.getElementById('import-result');
    new MutationObserver(() => { if (!longest.imported && /Policy check/.test(result.textContent)) longest.imported = performance.now(); })
      .observe(result, { childList: true, subtree: true });
    // Clicked from a timer, so that the keystrokes below go to the search box and reach the
    // page while the import runs.
    setTimeout(() => { longest.start = performance.now(); document.getElementById('import-go').click(); }, 0);
  });
  await page.keyboard.type('decrypt', { delay: TYPING_DELAY });
  // Waited for by the flag above, not by text: Playwright's text queries run on the page's main
  // thread and lay the page out (a profile: 95 ms of them while the import renders), which the
  // last keystrokes' latencies would count as the page's.
  await page.waitForFunction(() => window.__import.imported > 0, null, { polling: 100 });
  // Long tasks are reported after they end: one more frame lets the last one in.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const out = await page.evaluate(() => ({ ...window.__import, input: window.__latency.input }));
  await context.close();
  return { longestTask: out.ms, importMs: out.imported - out.start, input: out.input };
}

/** Waits (up to a minute) until the page's service worker is active, i.e. has every file of
 *  the build in its cache. */
async function serviceWorkerActive(page) {
  const deadline = Date.now() + 60000;
  while (!(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.active))) {
    if (Date.now() > deadline) throw new Error('the service worker never became active');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU time, in ms, that the processes under rootPid have used so far (Linux's /proc): the
 *  browser Playwright started from this process and the servers. */
function browserCPU(rootPid) {
  const parent = new Map();
  const ticks = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try { stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8'); } catch { continue; } // gone meanwhile
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(+d, +f[1]);
    ticks.set(+d, +f[11] + +f[12]); // utime + stime
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    if (pid === rootPid) continue;
    for (let p = pid; p > 1; p = parent.get(p) || 0) {
      if (p === rootPid) { sum += t; break; }
    }
  }
  return sum * 10; // 100 ticks a second
}

/**
 * Waits until the browser itself is quiet: a new browser context opens a window whose own
 * pages (Chromium's omnibox WebUI, in a renderer of its own) take over a second of CPU on a
 * 2-core machine — a trace of a cold load showed it busy through the whole load, beside the
 * page measured. A load is timed once that is over, for the floor and the builder alike: what
 * is measured is the page, not the window opening. At most 5 s.
 */
async function browserQuiet() {
  const pid = process.pid;
  const until = Date.now() + 5000;
  let last = browserCPU(pid);
  let calm = 0;
  while (Date.now() < until && calm < 3) {
    await new Promise((r) => setTimeout(r, 100));
    const now = browserCPU(pid);
    calm = now - last <= 10 ? calm + 1 : 0; // ≤ 10 % of a core over 100 ms, three times running
    last = now;
  }
}

/** The query typed one keystroke at a time right after the page is usable: the first keystroke
 *  builds the engine's search index. */
const FIRST_QUERY = 'decrypt';

/**
 * One visitor of url (the builder, or the floor page when builder is false), in a context of
 * its own: a first visit on an empty cache (cold), then, once the service worker holds the
 * files, a second visit in a new tab (warm: service worker and HTTP cache, as a person coming
 * back finds them). Answers both times to usable, the bytes the first visit transferred, and,
 * for the builder, the latency of each keystroke of FIRST_QUERY searched right after usable.
 */
async function visits(browser, url, builder = true) {
  const context = await browser.newContext();
  let page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  // Playwright's request events, not the page's CDP Network domain: they cover the engine's
  // worker too (its script, wasm_exec.js, descriptions.bin).
  const sizes = [];
  page.on('requestfinished', (r) => sizes.push(r.sizes().then((z) => [r.url(), z.responseHeadersSize + z.responseBodySize])));
  await browserQuiet();
  await page.goto(url);
  await ready(page);
  const readyAt = await page.evaluate(() => performance.getEntriesByName('iamforge-ready')[0].startTime);
  let keystrokes = [];
  if (builder) {
    keystrokes = await page.evaluate(async (q) => {
      const out = [];
      for (let i = 1; i <= q.length; i++) {
        const t = performance.now();
        await window.iamforgeAPI.search(q.slice(0, i), 20);
        out.push(performance.now() - t);
      }
      return out;
    }, FIRST_QUERY);
    await page.evaluate(() => window.iamforgeAPI.descriptions);
  }
  // Let what was in flight (descriptions.bin, the favicon) finish, so that every byte is counted.
  await page.waitForLoadState('networkidle');
  let usable = 0;
  let descriptions = 0;
  const files = {};
  for (const [u, n] of await Promise.all(sizes)) {
    const name = new URL(u).pathname.split('/').pop() || 'index.html';
    if (name === 'sw.js') continue; // registered once the page is usable, and fetched by the browser
    files[name] = (files[name] || 0) + n;
    if (name === 'descriptions.bin') descriptions += n; else usable += n;
  }
  await serviceWorkerActive(page);
  await page.close();
  page = await context.newPage();
  await browserQuiet();
  await page.goto(url);
  await ready(page);
  const warmAt = await page.evaluate(() => performance.getEntriesByName('iamforge-ready')[0].startTime);
  const fromServiceWorker = await page.evaluate(() => !!navigator.serviceWorker.controller);
  await context.close();
  if (!fromServiceWorker) throw new Error(`the second visit of ${url} was not served by its service worker`);
  return { readyAt, warmAt, keystrokes, usable, descriptions, files };
}

async function session(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  const out = await page.evaluate(async ({ state, queries }) => {
    // Every call is awaited: the API answers promises when the engine runs in a worker.
    const forge = window.iamforgeAPI;
    await forge.descriptions;
    const now = () => performance.now();
    let t;
    await forge.warmSearch(); // the index with descriptions (the page may have built it already)
    const search = [];
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        t = now();
        await forge.search(q.slice(0, i), 20);
        search.push(now() - t);
      }
    }
    await forge.write({ state });
    const write = [];
    for (let i = 0; i < 15; i++) {
      t = now();
      const res = await forge.write({ state });
      write.push(now() - t);
      if (!res.result || !res.result.output) throw new Error(`the 20-ARN state wrote nothing: ${JSON.stringify(res.diagnostics)}`);
    }
    const sizes = {};
    for (const format of ['json', 'yaml', 'terraform', 'cloudformation']) {
      sizes[format] = (await forge.write({ state: { ...state, format } })).result.output.length;
    }
    const response = JSON.stringify(await forge.write({ state })).length;
    return { search, write, sizes, response, memory: await forge.memory() };
  }, { state: STATE20, queries: QUERIES });
  // The page itself with the 20-ARN state, as a user would open its link: memory after it renders.
  const fragment = await page.evaluate(async (s) => (await window.iamforgeAPI.encodeState(s)).result.fragment, STATE20);
  await page.goto(`${url}#${fragment}`);
  await page.reload();
  await ready(page);
  out.memoryPage = await page.evaluate(() => window.iamforgeAPI.memory());
  out.fragment200 = await page.evaluate(async (s) => (await window.iamforgeAPI.encodeState(s)).result.fragment, STATE200);
  await context.close();
  return out;
}

/** The targets of issue 12 §6: times as ratios to the floor page measured in the same run. */
const TARGETS = { coldRatio: 2.5, warmRatio: 1.5, bytes: 1.2e6, keystrokeMs: 5, memory: 32e6 };

async function main() {
  const floorDir = buildFloor();
  const server = await startServer();
  const floor = await startServer(floorDir);
  const browser = await launch();
  const load = os.loadavg()[0];
  try {
    // Warms the OS and the servers, not the browser caches (each visitor has its own).
    await visits(browser, floor.url, false);
    await visits(browser, server.url);
    // The floor and the builder alternate, so that both see the same machine.
    const loads = [];
    const floorLoads = [];
    for (let i = 0; i < RUNS; i++) {
      floorLoads.push(await visits(browser, floor.url, false));
      loads.push(await visits(browser, server.url));
    }
    const s = await session(browser, server.url);
    // Latency: the floor and the builder alternate here too.
    const lat = { input: [], click: [], policy: [], memory: [] };
    const flat = { input: [], click: [] };
    const imports = [];
    for (let i = 0; i < 3; i++) {
      const f = await latencyFloor(browser, floor.url);
      flat.input.push(...f.input);
      flat.click.push(...f.click);
      const b = await latencyBuilder(browser, server.url, s.fragment200);
      for (const k of ['input', 'click', 'policy']) lat[k].push(...b[k]);
      lat.memory.push(b.memory);
      imports.push(await importWhileTyping(browser, server.url));
    }
    const importInput = imports.flatMap((r) => r.input);
    const mb = (n) => (n / 1048576).toFixed(2);
    const dist = (xs) => ({ median: round1(median(xs)), p95: round1(percentile(xs, 95)), n: xs.length });
    const keystrokes = loads.flatMap((l) => l.keystrokes);
    const cold = median(loads.map((l) => l.readyAt));
    const warm = median(loads.map((l) => l.warmAt));
    const floorCold = median(floorLoads.map((l) => l.readyAt));
    const floorWarm = median(floorLoads.map((l) => l.warmAt));
    const result = {
      runs: RUNS,
      load_average: +load.toFixed(2),
      bytes_until_usable: median(loads.map((l) => l.usable)),
      bytes_descriptions: median(loads.map((l) => l.descriptions)),
      bytes_floor: median(floorLoads.map((l) => l.usable)),
      bytes_by_file: loads[0].files,
      load_to_ready_ms: round1(cold),
      load_to_ready_ms_all: loads.map((l) => round1(l.readyAt)),
      floor_load_to_ready_ms: round1(floorCold),
      cold_ratio: +(cold / floorCold).toFixed(2),
      warm_to_ready_ms: round1(warm),
      warm_to_ready_ms_all: loads.map((l) => round1(l.warmAt)),
      floor_warm_to_ready_ms: round1(floorWarm),
      warm_ratio: +(warm / floorWarm).toFixed(2),
      keystroke_after_ready_ms: dist(keystrokes),
      first_keystroke_ms: round1(median(loads.map((l) => l.keystrokes[0]))),
      search_per_keystroke_ms: +median(s.search).toFixed(3),
      search_keystrokes: s.search.length,
      search_max_ms: +Math.max(...s.search).toFixed(2),
      write_20_arns_ms: +median(s.write).toFixed(2),
      write_response_bytes: s.response,
      output_chars: s.sizes,
      wasm_memory_bytes: s.memory,
      wasm_memory_bytes_page: s.memoryPage,
      wasm_memory_bytes_200: median(lat.memory),
      typing_200_arns_ms: dist(lat.input),
      typing_floor_ms: dist(flat.input),
      level_click_200_arns_ms: dist(lat.click),
      level_click_floor_ms: dist(flat.click),
      level_click_to_policy_ms: dist(lat.policy),
      import60_ms: round1(median(imports.map((r) => r.importMs))),
      import60_longest_task_ms: round1(median(imports.map((r) => r.longestTask))),
      import60_typing_ms: importInput.length ? dist(importInput) : null,
    };
    const md = (d) => `median ${d.median} ms, p95 ${d.p95} ms (${d.n})`;
    const ok = (pass) => (pass ? 'met' : 'NOT MET');
    const targets = [
      ['cold load to usable', `${result.load_to_ready_ms} ms`, `${result.floor_load_to_ready_ms} ms`, `${result.cold_ratio}×`,
        `≤ ${TARGETS.coldRatio}× the floor: ${ok(result.cold_ratio <= TARGETS.coldRatio)}`],
      ['warm load (second visit) to usable', `${result.warm_to_ready_ms} ms`, `${result.floor_warm_to_ready_ms} ms`, `${result.warm_ratio}×`,
        `≤ ${TARGETS.warmRatio}× the floor: ${ok(result.warm_ratio <= TARGETS.warmRatio)}`],
      ['bytes until usable (brotli, on the wire)', `${result.bytes_until_usable}`, `${result.bytes_floor}`, `${(result.bytes_until_usable / result.bytes_floor).toFixed(2)}×`,
        `≤ ${TARGETS.bytes / 1e6} MB: ${ok(result.bytes_until_usable <= TARGETS.bytes)}`],
      [`search a keystroke, "${FIRST_QUERY}" typed at usable`, `median ${result.keystroke_after_ready_ms.median} ms, p95 ${result.keystroke_after_ready_ms.p95} ms`, '', '',
        `≤ ${TARGETS.keystrokeMs} ms: ${ok(result.keystroke_after_ready_ms.p95 <= TARGETS.keystrokeMs)} (first keystroke ${result.first_keystroke_ms} ms)`],
      ['WebAssembly memory after a 200-ARN session', `${result.wasm_memory_bytes_200} (${mb(result.wasm_memory_bytes_200)} MiB)`, '', '',
        `≤ ${TARGETS.memory / 1e6} MB: ${ok(result.wasm_memory_bytes_200 <= TARGETS.memory)}`],
    ];
    const rows = [
      ['  then descriptions.bin', `${result.bytes_descriptions}`],
      ['cold loads (ms)', `${result.load_to_ready_ms_all.join(', ')}`],
      ['warm loads (ms)', `${result.warm_to_ready_ms_all.join(', ')}`],
      ['search per keystroke, settled', `${result.search_per_keystroke_ms} ms (median of ${result.search_keystrokes}; max ${result.search_max_ms} ms)`],
      ['write, 20 ARNs in 8 services', `${result.write_20_arns_ms} ms (response ${result.write_response_bytes} bytes of JSON)`],
      ['WebAssembly memory, typical session', `${result.wasm_memory_bytes} (${mb(result.wasm_memory_bytes)} MiB)`],
      ['  page opened on the 20-ARN link', `${result.wasm_memory_bytes_page} (${mb(result.wasm_memory_bytes_page)} MiB)`],
      ['input to paint, typing in search, 200 ARNs', md(result.typing_200_arns_ms)],
      ['  floor: typing in a bare Go wasm page', md(result.typing_floor_ms)],
      ['input to paint, ticking a level, 200 ARNs', md(result.level_click_200_arns_ms)],
      ['  floor: a click in a bare Go wasm page', md(result.level_click_floor_ms)],
      ['  a level click until the policy shows it', md(result.level_click_to_policy_ms)],
      ['import of a 60-statement policy', `${result.import60_ms} ms (median of ${imports.length})`],
      ['  longest main-thread task meanwhile', `${result.import60_longest_task_ms} ms`],
      ['  typing meanwhile, input to paint', result.import60_typing_ms ? md(result.import60_typing_ms) : 'no keystroke'],
    ];
    console.log(`iamforge builder, headless Chromium on 127.0.0.1; medians of ${RUNS} visitors each, builder and floor alternating;`);
    console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (at start: ${load.toFixed(2)})`);
    const head = ['issue 12 §6', 'builder', 'floor (bare Go wasm page)', 'ratio', 'target'];
    const widths = head.map((h, i) => Math.max(h.length, ...targets.map((r) => r[i].length)));
    for (const r of [head, ...targets]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
    console.log('');
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    server.stop();
    floor.stop();
    fs.rmSync(floorDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
