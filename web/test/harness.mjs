// Shared by the end-to-end tests and the benchmark: serve web/dist with bin/webserve on a free
// 127.0.0.1 port, and launch Debian's Chromium through playwright-core.

import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

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
 * Starts bin/webserve on web/dist (or dir) and resolves once it prints its URL.
 * @returns {Promise<{url: string, stop: () => void}>}
 */
export async function startServer(dir = path.join(root, 'web/dist')) {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'bin/webserve'), ['-dir', dir, '-addr', `127.0.0.1:${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const fail = (e) => { clearTimeout(timer); reject(e); };
    const timer = setTimeout(() => { child.kill(); fail(new Error(`webserve did not start: ${out}`)); }, 15000);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`webserve exited (${code}): ${out}`)));
    const read = (b) => {
      out += b;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: m[0],
        // Stopped by its PID, as it was started.
        stop: () => { if (child.exitCode === null) process.kill(child.pid, 'SIGTERM'); },
      });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
}

/** Headless Chromium with the flags that keep it off the network and quiet. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Resolves when the page has marked itself usable. */
export const ready = (page, timeout = 30000) =>
  page.waitForFunction(() => performance.getEntriesByName('iamforge-ready').length > 0, null, { timeout });

/** A 60-statement policy of the shapes real ones have (wildcards, several ARNs, "*"): 11 KB. */
export function policy60() {
  const shapes = [
    [['s3:GetObject', 's3:PutObject', 's3:ListBucket'], (i) => [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`]],
    [['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Put*'], (i) => [`arn:aws:dynamodb:us-east-1:123456789012:table/t${i}`]],
    [['sqs:SendMessage', 'sqs:Receive*'], (i) => [`arn:aws:sqs:us-east-1:123456789012:q${i}`]],
    [['kms:Decrypt', 'kms:Describe*'], (i) => [`arn:aws:kms:us-east-1:123456789012:key/k${i}`]],
    [['lambda:InvokeFunction', 'lambda:Get*'], (i) => [`arn:aws:lambda:us-east-1:123456789012:function:f${i}`]],
    [['ec2:Describe*'], () => ['*']],
  ];
  const Statement = Array.from({ length: 60 }, (_, i) => {
    const [Action, resources] = shapes[i % shapes.length];
    return { Sid: `S${i}`, Effect: 'Allow', Action, Resource: resources(i) };
  });
  return JSON.stringify({ Version: '2012-10-17', Statement }, null, 1);
}
