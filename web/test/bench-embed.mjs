// Benchmark of the embedded widget, <iamforge-policy>, in headless Chromium on 127.0.0.1 (run
// by `make bench` after web/dist and bin/webserve are built; not part of `make test`):
//
//   - one widget: bytes over the wire until it shows its policy (every response body as
//     transferred, the CDP Network domain's encodedDataLength), and navigation start → its
//     first render (performance.mark('iamforge-embed-render'));
//   - ten widgets (demo/ten.html): the same, to the first and to the tenth widget's render;
//   - a bare Go WebAssembly page, loaded the same way in the same run: a module script imports
//     the toolchain's wasm_exec.js, compiles the wasm streaming and runs it; the Go program
//     (web/test/testdata/bare) draws one line and marks 'bare-ready'. It is what any Go wasm
//     page costs, which the widget's own cost is read against.
//
// Every page is served by bin/webserve from one folder (web/dist, linked, plus the bench's own
// pages), precompressed the same way (brotli 11, window 24; gzip 9). Loads are cold (a fresh
// browser context each, cache cleared) and interleaved, so that the machine's noise falls on
// all three alike. Figures are medians. Prints a table, then the same as JSON on the last line.
//
//   node web/test/bench-embed.mjs [RUNS]        (RUNS cold loads of each page, default 7, at least 5)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import { freePort, launch, root } from './harness.mjs';

const RUNS = Math.max(5, Number(process.argv[2]) || 7);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Writes a file with .br and .gz siblings, compressed as cmd/webbuild does. */
function writeCompressed(file, data) {
  fs.writeFileSync(file, data);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
}

const ONE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>One widget</title>
<link rel="icon" href="../favicon.svg" type="image/svg+xml">
<script type="module" src="../iamforge-embed.js"></script>
</head>
<body>
<h1>One widget</h1>
<iamforge-policy label="One" placeholders="Account=111122223333 Region=us-east-1 BucketName=acme-reports">
<script type="text/yaml">
mode: crud
read:
- arn:aws:s3:::\${BucketName}
- arn:aws:s3:::\${BucketName}/*
write:
- arn:aws:dynamodb:\${Region}:\${Account}:table/orders
</script>
</iamforge-policy>
</body>
</html>
`;

const BARE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bare Go WebAssembly</title>
<link rel="icon" href="../favicon.svg" type="image/svg+xml">
<script type="module" src="bare.js"></script>
</head>
<body>
<h1>Bare Go WebAssembly</h1>
</body>
</html>
`;

// As iamforge-embed.js and iamforge.js load the engine: a module, then the toolchain's
// wasm_exec.js, the wasm compiled streaming, instantiated and run.
const BARE_JS = `const base = new URL('../', import.meta.url);
const compiled = WebAssembly.compileStreaming(fetch(new URL('bench/bare.wasm', base)));
await import(new URL('wasm_exec.js', base).href);
const go = new globalThis.Go();
const instance = await WebAssembly.instantiate(await compiled, go.importObject);
go.run(instance);
`;

/** A folder holding web/dist (linked) and the bench's pages, for one webserve to serve. */
function site() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamforge-bench-embed-'));
  const dist = path.join(root, 'web/dist');
  for (const name of fs.readdirSync(dist)) fs.symlinkSync(path.join(dist, name), path.join(dir, name));
  const bench = path.join(dir, 'bench');
  fs.mkdirSync(bench);
  const b = spawnSync('go', ['build', '-trimpath', '-gcflags=all=-l', '-ldflags=-s -w', '-o', path.join(bench, 'bare.wasm'), './web/test/testdata/bare'],
    { cwd: root, env: { ...process.env, GOOS: 'js', GOARCH: 'wasm' }, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`building the bare wasm: ${b.stderr}`);
  writeCompressed(path.join(bench, 'bare.wasm'), fs.readFileSync(path.join(bench, 'bare.wasm')));
  writeCompressed(path.join(bench, 'bare.html'), Buffer.from(BARE_HTML));
  writeCompressed(path.join(bench, 'bare.js'), Buffer.from(BARE_JS));
  writeCompressed(path.join(bench, 'one.html'), Buffer.from(ONE));
  return dir;
}

async function serve(dir) {
  const port = await freePort();
  const child = spawn(path.join(root, 'bin/webserve'), ['-dir', dir, '-addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let out = '';
    const read = (b) => { out += b; if (out.includes('http://')) resolve(); };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`webserve exited (${code}): ${out}`)));
  });
  child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}/`, stop: () => { if (child.exitCode === null) process.kill(child.pid, 'SIGTERM'); } };
}

/**
 * One cold load of url: resolves when the page marked `mark` `count` times; returns the time of
 * the first and of the last mark (ms from navigation start) and the bytes over the wire by file.
 */
async function coldLoad(browser, url, mark, count) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  const urls = new Map();
  const bytes = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(({ mark, count }) => performance.getEntriesByName(mark).length >= count, { mark, count }, { timeout: 60000 });
  const times = await page.evaluate((mark) => performance.getEntriesByName(mark).map((e) => e.startTime), mark);
  // Whatever was still in flight (the favicon) finishes, so that every byte is counted.
  await page.waitForLoadState('networkidle');
  const files = {};
  let total = 0;
  for (const [id, n] of bytes) {
    const name = new URL(urls.get(id) || 'about:blank').pathname.replace(/^\//, '') || 'index.html';
    if (name.endsWith('favicon.svg')) continue; // the browser's, at its own time
    files[name] = (files[name] || 0) + n;
    total += n;
  }
  await context.close();
  if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
  return { first: Math.min(...times), last: Math.max(...times), total, files };
}

async function main() {
  const dir = site();
  const server = await serve(dir);
  const browser = await launch();
  const pages = {
    one: { url: `${server.url}bench/one.html`, mark: 'iamforge-embed-render', count: 1 },
    ten: { url: `${server.url}demo/ten.html`, mark: 'iamforge-embed-render', count: 10 },
    bare: { url: `${server.url}bench/bare.html`, mark: 'bare-ready', count: 1 },
  };
  const runs = { one: [], ten: [], bare: [] };
  try {
    for (const p of Object.values(pages)) await coldLoad(browser, p.url, p.mark, p.count); // warms the OS and the server
    for (let i = 0; i < RUNS; i++) {
      for (const [k, p] of Object.entries(pages)) runs[k].push(await coldLoad(browser, p.url, p.mark, p.count));
    }
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const med = (k, f) => +median(runs[k].map(f)).toFixed(1);
  const result = {
    runs: RUNS,
    one_widget_bytes: med('one', (r) => r.total),
    one_widget_ms: med('one', (r) => r.first),
    ten_widgets_bytes: med('ten', (r) => r.total),
    ten_widgets_first_ms: med('ten', (r) => r.first),
    ten_widgets_all_ms: med('ten', (r) => r.last),
    bare_bytes: med('bare', (r) => r.total),
    bare_ms: med('bare', (r) => r.first),
    one_widget_ms_all: runs.one.map((r) => +r.first.toFixed(1)),
    ten_widgets_all_ms_all: runs.ten.map((r) => +r.last.toFixed(1)),
    bare_ms_all: runs.bare.map((r) => +r.first.toFixed(1)),
    one_widget_bytes_by_file: runs.one[0].files,
    bare_bytes_by_file: runs.bare[0].files,
  };
  const mb = (n) => `${n} (${(n / 1048576).toFixed(2)} MiB)`;
  const x = (a, b) => `${(a / b).toFixed(1)}× the bare page`;
  const rows = [
    ['bare Go wasm page: bytes until drawn', mb(result.bare_bytes)],
    ['bare Go wasm page: load to drawn', `${result.bare_ms} ms`],
    ['one widget: bytes until interactive', `${mb(result.one_widget_bytes)}, ${x(result.one_widget_bytes, result.bare_bytes)}`],
    ['one widget: load to interactive', `${result.one_widget_ms} ms, ${x(result.one_widget_ms, result.bare_ms)}`],
    ['ten widgets: bytes until all interactive', mb(result.ten_widgets_bytes)],
    ['ten widgets: load to the first interactive', `${result.ten_widgets_first_ms} ms`],
    ['ten widgets: load to all ten interactive', `${result.ten_widgets_all_ms} ms, ${x(result.ten_widgets_all_ms, result.bare_ms)}`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`iamforge widget, headless Chromium on 127.0.0.1, medians of ${RUNS} cold loads each`);
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  console.log(JSON.stringify(result));
}

main().catch((e) => { console.error(e); process.exit(1); });
