// Benchmark of the browser builder in headless Chromium on 127.0.0.1 (run by `make bench`
// after web/dist and bin/webserve are built; not part of `make test`):
//
//   - bytes over the wire until usable: every response body as transferred (the CDP Network
//     domain's loadingFinished encodedDataLength), except descriptions.bin, which the page
//     loads after it is usable;
//   - cold load to interactive: navigation start → performance.mark('iamforge-ready');
//   - search per keystroke: forge.search over every prefix of real queries;
//   - write of a 20-ARN, 8-service state;
//   - WebAssembly memory after a typical session (20 ARNs, searching, writing each format).
//
// Loads are cold: a fresh browser context each (own, empty HTTP cache), the cache cleared too.
// Figures are medians. Prints a table, then the same as JSON on the last line.
//
//   node web/test/bench.mjs [RUNS]        (RUNS cold loads, default 7, at least 5)

import { launch, ready, startServer } from './harness.mjs';

const RUNS = Math.max(5, Number(process.argv[2]) || 7);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

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

async function coldLoad(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  const urls = new Map();
  const bytes = new Map();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.requestWillBeSent', (e) => { if (!urls.has(e.requestId)) urls.set(e.requestId, e.request.url); });
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto(url);
  await ready(page);
  const readyAt = await page.evaluate(() => performance.getEntriesByName('iamforge-ready')[0].startTime);
  // A keystroke right after the page is usable: the engine builds its search index then.
  const firstSearch = await page.evaluate(() => {
    const t = performance.now();
    window.iamforgeAPI.search('d', 20);
    return performance.now() - t;
  });
  // Let what was in flight (descriptions.bin, the favicon) finish, so that every byte is counted.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => window.iamforgeAPI.descriptions);
  let usable = 0;
  let descriptions = 0;
  const files = {};
  for (const [id, n] of bytes) {
    const name = new URL(urls.get(id) || 'about:blank').pathname.split('/').pop() || 'index.html';
    files[name] = (files[name] || 0) + n;
    if (name === 'descriptions.bin') descriptions += n; else usable += n;
  }
  await context.close();
  return { readyAt, firstSearch, usable, descriptions, files };
}

async function session(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  const out = await page.evaluate(async ({ state, queries }) => {
    const forge = window.iamforgeAPI;
    await forge.descriptions;
    const now = () => performance.now();
    let t;
    forge.search('a', 20); // the index with descriptions (the page may have built it already)
    const search = [];
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        t = now();
        forge.search(q.slice(0, i), 20);
        search.push(now() - t);
      }
    }
    forge.write({ state });
    const write = [];
    for (let i = 0; i < 15; i++) {
      t = now();
      const res = forge.write({ state });
      write.push(now() - t);
      if (!res.result || !res.result.output) throw new Error(`the 20-ARN state wrote nothing: ${JSON.stringify(res.diagnostics)}`);
    }
    const sizes = {};
    for (const format of ['json', 'yaml', 'terraform', 'cloudformation']) {
      sizes[format] = forge.write({ state: { ...state, format } }).result.output.length;
    }
    const response = JSON.stringify(forge.write({ state })).length;
    return { search, write, sizes, response, memory: forge.memory() };
  }, { state: STATE20, queries: QUERIES });
  // The page itself with the 20-ARN state, as a user would open its link: memory after it renders.
  const fragment = await page.evaluate((s) => window.iamforgeAPI.encodeState(s).result.fragment, STATE20);
  await page.goto(`${url}#${fragment}`);
  await page.reload();
  await ready(page);
  out.memoryPage = await page.evaluate(() => window.iamforgeAPI.memory());
  await context.close();
  return out;
}

async function main() {
  const server = await startServer();
  const browser = await launch();
  try {
    await coldLoad(browser, server.url); // warms the OS and the server, not the browser cache
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, server.url));
    const s = await session(browser, server.url);
    const mb = (n) => (n / 1048576).toFixed(2);
    const result = {
      runs: RUNS,
      bytes_until_usable: median(loads.map((l) => l.usable)),
      bytes_descriptions: median(loads.map((l) => l.descriptions)),
      bytes_by_file: loads[0].files,
      load_to_ready_ms: +median(loads.map((l) => l.readyAt)).toFixed(1),
      load_to_ready_ms_all: loads.map((l) => +l.readyAt.toFixed(1)),
      first_search_ms: +median(loads.map((l) => l.firstSearch)).toFixed(1),
      search_per_keystroke_ms: +median(s.search).toFixed(3),
      search_keystrokes: s.search.length,
      search_max_ms: +Math.max(...s.search).toFixed(2),
      write_20_arns_ms: +median(s.write).toFixed(2),
      write_response_bytes: s.response,
      output_chars: s.sizes,
      wasm_memory_bytes: s.memory,
      wasm_memory_bytes_page: s.memoryPage,
    };
    const rows = [
      ['bytes over the wire until usable', `${result.bytes_until_usable} (${mb(result.bytes_until_usable)} MiB)`],
      ['  then descriptions.bin', `${result.bytes_descriptions}`],
      ['cold load to interactive', `${result.load_to_ready_ms} ms (median of ${RUNS})`],
      ['first search after load (builds the index)', `${result.first_search_ms} ms`],
      ['search per keystroke', `${result.search_per_keystroke_ms} ms (median of ${result.search_keystrokes}; max ${result.search_max_ms} ms)`],
      ['write, 20 ARNs in 8 services', `${result.write_20_arns_ms} ms (response ${result.write_response_bytes} bytes of JSON)`],
      ['WebAssembly memory, typical session', `${result.wasm_memory_bytes} (${mb(result.wasm_memory_bytes)} MiB)`],
      ['  page opened on the 20-ARN link', `${result.wasm_memory_bytes_page} (${mb(result.wasm_memory_bytes_page)} MiB)`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log('iamforge builder, headless Chromium on 127.0.0.1');
    for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
