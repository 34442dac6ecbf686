// The builder's Share button, in Chromium: served by the Worker (the real local workerd), Share
// gives a short link that opens the same policy in a fresh browser profile; served by a static
// host (bin/webserve), or offline, it gives the full #s1.… link and says why; a state the service
// refuses gets the service's own words. Run by `make test-worker`.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, ready, root, startServer } from '../../../web/test/harness.mjs';
import { checkInstalled, startWorker } from './wrangler.mjs';

checkInstalled(); // a missing build or wrangler fails the run, never skips it

const shots = path.join(root, 'web/test/screenshots');
const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), 'iamforge-share-'));
let worker;
let server;
let browser;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  [worker, server, browser] = await Promise.all([startWorker({ persistTo }), startServer(), launch()]);
});

after(async () => {
  await browser?.close();
  server?.stop();
  await worker?.stop();
  fs.rmSync(persistTo, { recursive: true, force: true });
});

/** A fresh context (a profile of its own: no storage, no history) on url; fn(page, context);
 *  fails on any console or page error and on any request to another host. */
async function withPage(url, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (new URL(r.url()).hostname !== '127.0.0.1' && !/^(blob|data):/.test(r.url())) problems.push(`request to another host: ${r.url()}`); });
  try {
    await page.goto(url);
    await fn(page, context);
    assert.deepEqual(problems, [], 'the page reported problems');
  } finally {
    await context.close();
  }
}

async function waitPolicy(page, pred, what) {
  const text = page.getByLabel('Policy text');
  let last = '';
  for (const deadline = Date.now() + 30000; Date.now() < deadline;) {
    last = (await text.isVisible()) ? await text.textContent() : '';
    if (pred(last)) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`the policy never ${what}; it is:\n${last}`);
}

/** Adds an ARN with the given levels and answers the policy once it grants want. */
async function build(page, arn, levels, want) {
  await ready(page, 120000);
  await page.getByRole('textbox', { name: 'ARN to add' }).fill(arn);
  await page.getByRole('textbox', { name: 'ARN to add' }).press('Enter');
  for (const level of levels) {
    await page.getByRole('group', { name: `Access levels for ${arn}`, exact: true }).getByRole('button', { name: level, exact: true }).click();
  }
  return waitPolicy(page, (t) => t.includes(want), `granted ${want}`);
}

test('served by the Worker, Share gives a short link that opens the same policy in a fresh profile', async () => {
  const arn = 'arn:aws:sqs:us-east-1:123456789012:jobs';
  let policy;
  let short;
  await withPage(worker.url + '/', async (page) => {
    policy = await build(page, arn, ['Write'], 'sqs:SendMessage');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Short link to this policy' });
    await field.waitFor();
    short = await field.inputValue();
    assert.match(short, new RegExp(`^${worker.url.replace(/\./g, '\\.')}/s/[a-z2-7]{12}$`));
    // Selected, on the clipboard, and said.
    assert.equal(await field.evaluate((el) => el === document.activeElement && el.selectionEnd - el.selectionStart === el.value.length), true);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), short);
    assert.match(await page.locator('#share-note').textContent(), /short link opens the builder on this policy\. It is copied to the clipboard/);
    await page.screenshot({ path: path.join(shots, 'share-worker.png') });
    // The same state again: the same link.
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('textbox', { name: 'Short link to this policy' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Short link to this policy' }).inputValue(), short);
  });
  // Another profile: nothing of the first (no history, no storage) but the link.
  await withPage(short, async (page) => {
    await page.waitForURL(/#s1\./);
    await ready(page, 120000);
    assert.equal(await waitPolicy(page, (t) => t === policy, 'was the shared one'), policy);
    assert.equal(await page.getByRole('group', { name: `Access levels for ${arn}`, exact: true })
      .getByRole('button', { name: 'Write', exact: true }).getAttribute('aria-pressed'), 'true');
  });
});

test('a state the Worker refuses gets its message, and no link', async () => {
  await withPage(worker.url + '/', async (page) => {
    await build(page, 'arn:aws:s3:::ok-bucket', ['Read'], 's3:GetBucketLocation');
    // An ARN of no service: an error the engine reports, so the Worker does not store the state.
    await page.getByRole('textbox', { name: 'ARN to add' }).fill('arn:aws:nosuchservice:::thing');
    await page.getByRole('textbox', { name: 'ARN to add' }).press('Enter');
    await page.getByRole('group', { name: 'Access levels for arn:aws:nosuchservice:::thing', exact: true })
      .getByRole('button', { name: 'Read', exact: true }).click();
    await page.getByText(/nosuchservice/).first().waitFor();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const note = page.locator('#share-note');
    await page.waitForFunction(() => /^No short link: /.test(document.getElementById('share-note').textContent));
    assert.match(await note.textContent(), /^No short link: the state cannot be shared: .*nosuchservice.*Copy link gives the full link instead\.$/);
    assert.equal(await page.getByRole('textbox', { name: /link to this policy/ }).count(), 0);
  });
});

test('served by a static host, Share gives the full link and says why; offline too', async () => {
  const arn = 'arn:aws:s3:::static-bucket';
  await withPage(server.url, async (page, context) => {
    await build(page, arn, ['Read'], 's3:GetBucketLocation');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Full link to this policy' });
    await field.waitFor();
    const link = await field.inputValue();
    assert.equal(link, page.url());
    assert.match(link, /#s1\./);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    assert.match(await page.locator('#share-note').textContent(), /^This site does not run the short-link service\. Here is the full link instead: .* works anywhere\. It is copied to the clipboard\.$/);
    await page.screenshot({ path: path.join(shots, 'share-static.png') });

    await context.setOffline(true);
    await page.getByRole('group', { name: `Access levels for ${arn}`, exact: true }).getByRole('button', { name: 'List', exact: true }).click();
    await waitPolicy(page, (t) => t.includes('s3:ListBucket'), 'granted s3:ListBucket');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.waitForFunction(() => /cannot be reached/.test(document.getElementById('share-note').textContent));
    assert.match(await page.locator('#share-note').textContent(), /^The short-link service cannot be reached \(you may be offline\)\. Here is the full link instead/);
    const offline = await field.inputValue();
    assert.notEqual(offline, link);
    assert.equal(offline, page.url());
  });
});
