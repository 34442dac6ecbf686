// builder.mjs — what the builder's browser suites share: one server and one Chromium per test
// file, a fresh context per test that fails on any console or page error and on any request to
// another origin, and the few ways of driving the page that every suite uses.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, ready, root, startServer } from './harness.mjs';

const shots = path.join(root, 'web/test/screenshots');

/**
 * Starts the server (web/dist) and the browser for the calling test file, and answers
 * withPage(options, fn): opens the builder in a fresh context (options: the context's, plus
 * hash to open, allow — console errors a test expects —, setup(page) before the page loads,
 * wait: false not to wait for usable, waitUntil), runs fn(page, context), then checks that
 * nothing went wrong on the way.
 */
export function builderSuite() {
  let server;
  let browser;
  before(async () => {
    fs.mkdirSync(shots, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });
  async function withPage(options, fn) {
    const { hash = '', allow = null, setup = null, wait = true, waitUntil = 'load', ...contextOptions } = options;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' && !(allow && allow.test(m.text()))) problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol !== 'blob:' && u.protocol !== 'data:' && u.hostname !== '127.0.0.1') problems.push(`request to another origin: ${r.url()}`);
    });
    try {
      if (setup) await setup(page);
      await page.goto(server.url + hash, { waitUntil });
      if (wait) await ready(page);
      await fn(page, context);
      assert.deepEqual(problems, [], 'the page reported problems');
    } finally {
      await context.close();
    }
  }
  return { withPage };
}

/** Saves a screenshot into web/test/screenshots (the whole page unless fullPage is false). */
export const shot = (page, name, fullPage = true) => page.screenshot({ path: path.join(shots, name), fullPage });

export const policyText = (page) => page.getByLabel('Policy text').textContent();

export async function addARN(page, arn) {
  await page.getByRole('textbox', { name: 'ARN to add' }).fill(arn);
  await page.getByRole('textbox', { name: 'ARN to add' }).press('Enter');
}

export const levelButton = (page, arn, level) =>
  page.getByRole('group', { name: `Access levels for ${arn}`, exact: true }).getByRole('button', { name: level, exact: true });

/** Waits until the policy text satisfies pred (the engine writes in its worker; on a busy
 *  machine that can take a while, so the deadline is far). */
/** Waits until the link in the address bar holds a state pred accepts and returns the URL: the
 *  link is written after the frame that shows an edit, once the engine has encoded it, so the
 *  URL read as soon as the policy shows can still be an earlier step's. */
export async function waitLink(page, pred, what) {
  let last = null;
  for (const deadline = Date.now() + 20000; Date.now() < deadline;) {
    const url = page.url();
    const hash = new URL(url).hash;
    last = hash.startsWith('#s1.') ? await page.evaluate(async (f) => (await window.iamforgeAPI.decodeState(f)).result, hash.slice(1)) : null;
    if (last && pred(last) && page.url() === url) return url;
    await page.waitForTimeout(50);
  }
  assert.fail(`the link never ${what}; it holds:\n${JSON.stringify(last)}`);
}

export async function waitPolicy(page, pred, what) {
  let last = '';
  for (const deadline = Date.now() + 20000; Date.now() < deadline;) {
    last = (await page.getByLabel('Policy text').isVisible()) ? await policyText(page) : '';
    if (pred(last)) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`the policy never ${what}; it is:\n${last}`);
}
