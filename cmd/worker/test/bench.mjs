// make bench-worker: share-link latency on the local workerd (wrangler dev --local), one request
// at a time on loopback: 1,000 creates (each a new state, so each a KV write), 1,000 fetches of
// those links, 1,000 link pages, beside 1,000 GETs of a static file from the same runtime as the
// floor. Bounded in count and in time (BENCH_DEADLINE_S, default 1200); prints medians and p99.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startWorker } from './wrangler.mjs';

const N = Number(process.env.BENCH_N || 1000);
const WARM = 20;
const deadline = Date.now() + 1000 * Number(process.env.BENCH_DEADLINE_S || 1200);

const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), 'iamforge-worker-bench-'));
const worker = await startWorker({ persistTo });

// Every request from its own address, so that the rate limiter (20 creates a minute per client)
// is asked, as in production, but never says no.
let ipSeq = 0;
const ip = () => { ipSeq++; return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`; };

const state = (i) => JSON.stringify({ resources: [
  { arn: `arn:aws:s3:::bench-bucket-${i}`, levels: ['read', 'list'] },
  { arn: `arn:aws:dynamodb:us-east-1:123456789012:table/bench-${i}`, levels: ['write'] },
] });

async function timed(label, count, request, want) {
  const ms = [];
  for (let i = -WARM; i < count; i++) {
    if (Date.now() > deadline) {
      console.log(`${label}: stopped at the deadline after ${ms.length} requests`);
      break;
    }
    const t0 = performance.now();
    const res = await request(i < 0 ? count + WARM + i : i);
    const body = await res.arrayBuffer();
    const dt = performance.now() - t0;
    if (!want.includes(res.status)) throw new Error(`${label}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    if (i >= 0) ms.push(dt);
  }
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  return { label, n: ms.length, median: q(0.5), p99: q(0.99), max: ms[ms.length - 1] };
}

const ids = [];
try {
  const results = [];
  results.push(await timed('static file (GET /favicon.svg)', N,
    () => fetch(`${worker.url}/favicon.svg?v=bench`, { headers: { 'CF-Connecting-IP': ip() } }), [200]));
  results.push(await timed('create (POST /api/links, new state)', N, async (i) => {
    const res = await fetch(`${worker.url}/api/links`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip() }, body: state(i),
    });
    if (res.status === 201) {
      const j = await res.clone().json();
      ids.push(j.id);
    }
    return res;
  }, [201, 200]));
  results.push(await timed('fetch (GET /api/links/{id})', N,
    (i) => fetch(`${worker.url}/api/links/${ids[i % ids.length]}`, { headers: { 'CF-Connecting-IP': ip() } }), [200]));
  results.push(await timed('link page (GET /s/{id})', N,
    (i) => fetch(`${worker.url}/s/${ids[i % ids.length]}`, { headers: { 'CF-Connecting-IP': ip() } }), [200]));

  console.log(`\nWorker on the local workerd (wrangler dev --local), ${os.cpus().length} cores, one request at a time on loopback`);
  console.log('what'.padEnd(40), 'n'.padStart(5), 'median'.padStart(10), 'p99'.padStart(10), 'max'.padStart(10));
  for (const r of results) {
    console.log(r.label.padEnd(40), String(r.n).padStart(5), `${r.median.toFixed(1)} ms`.padStart(10), `${r.p99.toFixed(1)} ms`.padStart(10), `${r.max.toFixed(1)} ms`.padStart(10));
  }
} finally {
  await worker.stop();
  fs.rmSync(persistTo, { recursive: true, force: true });
}
