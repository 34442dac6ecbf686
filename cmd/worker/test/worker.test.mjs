// The Worker on the real local workerd (wrangler dev --local): share links created, fetched,
// repeated, never overwritten, refused when abusive, unfurled with escaped tags, and still there
// after the runtime restarts on the same --persist-to folder. Run by `make test-worker`.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startWorker, wrangler, checkInstalled } from './wrangler.mjs';

checkInstalled(); // a missing build or wrangler fails the run, never skips it

const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), 'iamforge-worker-'));
let worker;
before(async () => { worker = await startWorker({ persistTo }); });
after(async () => {
  await worker?.stop();
  fs.rmSync(persistTo, { recursive: true, force: true });
});

// Every request of the main flow comes from one client address; wrangler dev passes
// CF-Connecting-IP through (Cloudflare sets it in production), so each test has its own.
const client = (ip) => ({ 'CF-Connecting-IP': ip });
const MAIN = client('198.51.100.1');

const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const twoBuckets = { resources: [
  { arn: 'arn:aws:s3:::a', levels: ['read'] },
  { arn: 'arn:aws:s3:::b', levels: ['read'] },
  { arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t', levels: ['write'] },
] };
const twoBucketsCanonical = '{"v":1,"resources":[{"arn":"arn:aws:s3:::a","levels":["read"]},{"arn":"arn:aws:s3:::b","levels":["read"]},{"arn":"arn:aws:dynamodb:us-east-1:123456789012:table/t","levels":["write"]}]}';
const queue = { resources: [{ arn: 'arn:aws:sqs:us-east-1:123456789012:jobs', levels: ['write'] }] };
const fn = { mode: 'actions', actions: ['lambda:InvokeFunction'] };
const hostile = '"><script>alert(1)</script><b x=\'';
// Hostile text where the engine lets it through: a name, an object key, a condition value (a
// region or account holding it is refused by the engine, as from any other way in).
const hostileState = { name: hostile, resources: [
  { arn: 'arn:aws:s3:::a', levels: ['read'] }, { arn: `arn:aws:s3:::b/${hostile}`, levels: ['read'] }],
conditions: [{ operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: [hostile] }] };

const links = {}; // name → {id, state}

async function post(body, { headers = MAIN, type = 'application/json', method = 'POST', url = '/api/links' } = {}) {
  const res = await fetch(worker.url + url, {
    method, headers: { ...headers, ...(type ? { 'Content-Type': type } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return answer(res);
}

async function get(url, headers = MAIN) {
  return answer(await fetch(worker.url + url, { headers }));
}

async function answer(res) {
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.ok(r.json.error.message, r.text);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
}

test('the builder is served as static assets with its CSP and cache headers', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.text, /<title>iamforge/);
  assert.equal(page.headers.get('content-security-policy'), PAGE_CSP);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const wasm = await fetch(`${worker.url}/iamforge.wasm?v=test`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  // The CSP binds documents and workers, and goes with them only, as cmd/webserve sends it.
  assert.equal(wasm.headers.get('content-security-policy'), null);
  await wasm.arrayBuffer();
  const engine = await fetch(`${worker.url}/engine-worker.js?v=test`);
  assert.equal(engine.status, 200);
  assert.equal(engine.headers.get('content-security-policy'), PAGE_CSP);
  await engine.arrayBuffer();
  // Every module the page loads or preloads is there: a missing one breaks the page.
  const modules = [
    ...page.text.matchAll(/<link rel="modulepreload" href="([^"]+)"/g),
    ...page.text.matchAll(/<script type="module" src="([^"]+)"/g),
  ].map((m) => m[1]);
  assert.ok(modules.some((m) => m.startsWith('app.js')), page.text);
  assert.ok(modules.some((m) => m.startsWith('iamforge.js')), page.text);
  for (const m of modules) {
    const r = await fetch(new URL(m, worker.url + '/'));
    assert.equal(r.status, 200, m);
    assert.match(r.headers.get('content-type'), /javascript/, m);
    await r.arrayBuffer();
  }
});

test('create, then fetch the state and the page', async () => {
  const r = await post(twoBuckets);
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.id, /^[a-z2-7]{12}$/);
  assert.equal(r.json.url, `${worker.url}/s/${r.json.id}`);
  assert.equal(r.headers.get('location'), `/s/${r.json.id}`);
  links.twoBuckets = { id: r.json.id, state: twoBucketsCanonical };

  const g = await get(`/api/links/${r.json.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.text, twoBucketsCanonical);
  assert.equal(g.headers.get('content-type'), 'application/json');
  assert.equal(g.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(g.headers.get('etag'), `"${r.json.id}"`);

  for (const [name, state] of [['queue', queue], ['fn', fn]]) {
    const c = await post(state);
    assert.equal(c.status, 201, c.text);
    links[name] = { id: c.json.id, state: (await get(`/api/links/${c.json.id}`)).text };
  }
  assert.notEqual(links.queue.id, links.twoBuckets.id);
});

test('the same state again is the same link, written once', async () => {
  // Another spelling of the same state: key order, white space, defaults.
  const again = `{ "v": 1, "effect": "",\n "resources": [{"levels": ["read"], "arn": "arn:aws:s3:::a"}, ${JSON.stringify(twoBuckets.resources.slice(1)).slice(1, -1)}]}`;
  for (const body of [twoBuckets, again]) {
    const r = await post(body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, links.twoBuckets.id);
  }
});

test('a link cannot be overwritten or deleted', async () => {
  const { id } = links.twoBuckets;
  for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
    const r = await post(queue, { method, url: `/api/links/${id}` });
    assertError(r, 405, 'method-not-allowed');
    assert.equal(r.headers.get('allow'), 'GET, HEAD');
  }
  assert.equal((await get(`/api/links/${id}`)).text, links.twoBuckets.state);
});

test('bad requests get 4xx JSON errors and store nothing', async () => {
  assertError(await get('/api/links'), 405, 'method-not-allowed');
  assertError(await post(twoBuckets, { type: 'text/plain' }), 415, 'unsupported-media-type');
  assertError(await post(twoBuckets, { type: null }), 415, 'unsupported-media-type');
  assertError(await post('{resources:'), 400, 'bad-json');
  assertError(await post({ name: 'x'.repeat(70 * 1024), resources: twoBuckets.resources }), 413, 'too-large');

  const bad = await post({ resources: [{ arn: 'arn:aws:s3:::a', levels: ['reed'] }] });
  assertError(bad, 422, 'invalid-state');
  // An unknown level is the one validator's to say, at the row: as for a template.
  assert.equal(bad.json.diagnostics[0].code, 'invalid-value');
  assert.equal(bad.json.diagnostics[0].location?.key, 'resources');
  assert.equal(bad.json.diagnostics[0].severity, 'error');
  const empty = await post({});
  assertError(empty, 422, 'invalid-state');
  assert.ok(empty.json.diagnostics.some((d) => d.code === 'empty-policy'), empty.text);
  const unknown = await post({ resources: [{ arn: 'arn:aws:nope:::x', levels: ['read'] }] });
  assertError(unknown, 422, 'invalid-state');
  assert.ok(unknown.json.diagnostics.some((d) => d.code === 'unknown-service' && d.location?.key === 'resources'), unknown.text);

  assertError(await get('/api/links/aaaaaaaaaaaa'), 404, 'not-found');
  const gone = await get('/s/aaaaaaaaaaaa');
  assert.equal(gone.status, 404);
  assert.equal(gone.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(gone.text, /<h1>No such link<\/h1>/);
  assertError(await get('/api/links/not-an-id'), 404, 'not-found');
});

test('the link page names what the policy grants, escaped, and opens the builder', async () => {
  const { id } = links.twoBuckets;
  const p = await get(`/s/${id}`);
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(p.headers.get('content-security-policy'), "default-src 'none'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  const title = 'Read on 2 S3 buckets, Write on 1 DynamoDB table — 63 actions';
  assert.ok(p.text.includes(`<meta property="og:title" content="${title}">`), p.text);
  assert.ok(p.text.includes(`<title>${title} · iamforge</title>`), p.text);
  assert.match(p.text, /<meta property="og:description" content="A least-privilege AWS IAM policy that allows 63 actions on DynamoDB and S3, written by iamforge: [\d,]+ of 6,144 characters/);
  assert.ok(p.text.includes(`<meta property="og:url" content="${worker.url}/s/${id}">`), p.text);
  const open = /<meta http-equiv="refresh" content="0; url=\/#(s1\.[A-Za-z0-9_-]+)">/.exec(p.text);
  assert.ok(open, p.text);

  const h = await post(hostileState);
  assert.equal(h.status, 201, h.text);
  const hp = await get(`/s/${h.json.id}`);
  assert.equal(hp.status, 200);
  for (const s of ['<script', '<b ', 'alert(1)']) assert.ok(!hp.text.includes(s), `the page echoes ${s}:\n${hp.text}`);
  links.hostile = { id: h.json.id, state: (await get(`/api/links/${h.json.id}`)).text };
  assert.equal(JSON.parse(links.hostile.state).name, hostile, 'the API returns the state as it is, as JSON');
});

test('too many creates from one client get 429', async () => {
  // CREATE_LIMIT allows 20 a minute: keep going until the limiter says no, however long each
  // request takes (a window that ends meanwhile only means more requests).
  const headers = client('203.0.113.99');
  let r;
  for (let i = 0; i < 1000; i++) {
    r = await post(queue, { headers });
    if (r.status === 429) break;
    assert.ok(r.status === 200 || r.status === 201, r.text);
  }
  assertError(r, 429, 'rate-limited');
  assert.equal(r.headers.get('retry-after'), '60');
  // Another client is not limited.
  assert.equal((await post(queue, { headers: client('203.0.113.100') })).status, 200);
});

test('every link is still there after a restart on the same --persist-to folder', async () => {
  await worker.stop();
  // Meanwhile, put another state under the queue link's id, as a hash collision would: the
  // Worker must keep it, never overwrite it.
  const stored = await wrangler(['kv', 'key', 'get', links.twoBuckets.id, '--binding', 'LINKS', '--local', '--persist-to', persistTo]);
  assert.ok(stored.includes(links.twoBuckets.state), stored);
  await wrangler(['kv', 'key', 'put', links.queue.id, stored.trim(), '--binding', 'LINKS', '--local', '--persist-to', persistTo]);

  worker = await startWorker({ persistTo });
  for (const name of ['twoBuckets', 'fn', 'hostile']) {
    const { id, state } = links[name];
    const g = await get(`/api/links/${id}`);
    assert.equal(g.status, 200, `${name}: ${g.text}`);
    assert.equal(g.text, state);
    assert.equal((await get(`/s/${id}`)).status, 200);
  }
  const again = await post(twoBuckets);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.id, links.twoBuckets.id);

  const clash = await post(queue);
  assertError(clash, 409, 'id-conflict');
  assert.equal((await get(`/api/links/${links.queue.id}`)).text, links.twoBuckets.state, 'the stored link changed');
});
