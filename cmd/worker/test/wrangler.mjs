// Runs the Worker (cmd/worker/build) on the local workerd through the pinned wrangler, for the
// integration test and the bench: start on a free 127.0.0.1 port, wait until it answers (by
// polling, never by sleeping a fixed time), stop by PID.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const script = path.join(root, 'cmd/worker/wrangler.sh');
const config = path.join(root, 'cmd/worker/wrangler.jsonc');

/** Fails unless the Worker is built and wrangler is installed: `make test` must not skip this. */
export function checkInstalled() {
  for (const f of ['cmd/worker/build/app.wasm', 'cmd/worker/build/worker.mjs', 'cmd/worker/build/assets/index.html', 'node_modules/wrangler/bin/wrangler.js']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run make worker (and make deps)`);
  }
}

/** A free port on 127.0.0.1: bind port 0, read what the kernel gave, release it. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `wrangler dev --local` with its state in persistTo and resolves once the Worker answers
 * (the first answer compiles the Worker's wasm: slow on a busy machine, so the wait is long and
 * polls). vars overrides wrangler.jsonc's vars.
 * @returns {Promise<{url: string, stop: () => Promise<void>, log: () => string}>}
 */
export async function startWorker({ persistTo, startTimeoutMs = 300_000 } = {}) {
  checkInstalled();
  const port = await freePort();
  const args = ['dev', '-c', config, '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo,
    '--show-interactive-dev-session=false'];
  const child = spawn(script, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_CI_DISABLE_CONFIG_WATCHING: 'true' },
  });
  let out = '';
  child.stdout.on('data', (b) => { out += b; });
  child.stderr.on('data', (b) => { out += b; });
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, sig) => { exited = { code, sig }; resolve(); }));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    process.kill(child.pid, 'SIGTERM');
    const t = setTimeout(() => { if (!exited) process.kill(child.pid, 'SIGKILL'); }, 60_000);
    await exit;
    clearTimeout(t);
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`wrangler dev exited (${JSON.stringify(exited)}):\n${out}`);
    try {
      // An id no link has: the Worker itself answers 404 with a JSON error.
      const res = await fetch(`${url}/api/links/aaaaaaaaaaaa`, { headers: { 'CF-Connecting-IP': '192.0.2.254' } });
      const body = await res.text();
      if (res.status === 404 && body.includes('"not-found"')) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Worker did not answer within ${startTimeoutMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop, log: () => out };
}

/** Runs a wrangler command (kv key get/put on the local store) and resolves with its stdout. */
export function wrangler(args) {
  return new Promise((resolve, reject) => {
    execFile(script, [...args, '-c', config], { cwd: root, maxBuffer: 16 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`wrangler ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
