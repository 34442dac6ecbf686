// End-to-end tests of the browser builder: bin/webserve serves web/dist on 127.0.0.1, and
// Debian's Chromium, driven by playwright-core, uses the page as people do — controls are found
// by role and accessible name, never by CSS class. Every test fails on a console error, a page
// error or a request to another origin. Screenshots of the main states go to
// web/test/screenshots/ (git-ignored) for people to look at.
//
//   make test-web        (builds web/dist and bin/webserve first)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, ready, root, startServer } from './harness.mjs';

const shots = path.join(root, 'web/test/screenshots');

let server;
let browser;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.stop();
});

/**
 * Opens the builder in a fresh context and waits until it is usable, runs fn(page), then
 * checks that nothing went wrong on the way: no console error, no page error, no request
 * anywhere but 127.0.0.1.
 */
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

const policyText = (page) => page.getByLabel('Policy text').textContent();

async function addARN(page, arn) {
  await page.getByRole('textbox', { name: 'ARN to add' }).fill(arn);
  await page.getByRole('textbox', { name: 'ARN to add' }).press('Enter');
}

const levelButton = (page, arn, level) =>
  page.getByRole('group', { name: `Access levels for ${arn}`, exact: true }).getByRole('button', { name: level, exact: true });

/** The row of the nth resource (1-based): the list item holding that resource's ARN box. */
const resourceRow = (page, n) =>
  page.getByRole('list', { name: 'Resources' }).getByRole('listitem').filter({ has: page.getByRole('textbox', { name: `ARN of resource ${n}`, exact: true }) });

/** Waits until the policy text satisfies pred (the page writes on the next microtask). */
async function waitPolicy(page, pred, what) {
  let last = '';
  for (let i = 0; i < 50; i++) {
    last = (await page.getByLabel('Policy text').isVisible()) ? await policyText(page) : '';
    if (pred(last)) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`the policy never ${what}; it is:\n${last}`);
}

/** Presses Tab until locator has the focus. */
async function tabTo(page, locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${locator}`);
}

const shot = (page, name, fullPage = true) => page.screenshot({ path: path.join(shots, name), fullPage });

// ---------------------------------------------------------------------------------------------

test('an S3 bucket ARN with Read grants the bucket Read actions on it', async () => {
  await withPage({}, async (page) => {
    await shot(page, 'empty.png');
    const arn = 'arn:aws:s3:::my-bucket';
    await addARN(page, arn);
    const read = levelButton(page, arn, 'Read');
    assert.equal(await read.getAttribute('aria-pressed'), 'false');
    await read.click();
    assert.equal(await read.getAttribute('aria-pressed'), 'true');
    const text = await waitPolicy(page, (t) => t.includes('s3:GetBucketLocation'), 'granted s3:GetBucketLocation');
    const policy = JSON.parse(text);
    const st = policy.Statement.find((s) => s.Action.includes('s3:GetBucketLocation'));
    assert.deepEqual(st.Resource, [arn]);
    assert.match(await resourceRow(page, 1).textContent(), /s3 bucket/);
    // The size meter says how much of the limit is used, in words too.
    assert.match(await page.getByRole('meter').getAttribute('aria-labelledby'), /size-text/);
    assert.match(await page.getByText(/of 6,144 characters/).textContent(), /^\d[\d,]* of 6,144 characters/);
    // Pointing at an action in the policy says what it does and why it is there.
    await page.getByLabel('Policy text').getByText('"s3:GetBucketLocation"', { exact: true }).hover();
    await page.getByText(`Read on ${arn}, a s3 bucket (ARN 1)`).first().waitFor();
    await shot(page, 'built.png', false);
    // So does the list of every granted action.
    await page.getByText('Why each action is here').click();
    await page.getByRole('group').filter({ hasText: /^s3:GetBucketLocation/ }).getByText('s3:GetBucketLocation').click();
    assert.match(await page.getByRole('group').filter({ hasText: /^s3:GetBucketLocation/ }).textContent(), /In statement S3ReadBucket/);
  });
});

test('searching "decrypt" and adding kms:Decrypt grants it', async () => {
  await withPage({}, async (page) => {
    const box = page.getByRole('combobox', { name: 'Search actions' });
    await box.fill('decrypt');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    const option = page.getByRole('listbox', { name: 'Matching actions' }).getByRole('option', { name: /^kms:Decrypt\b/ });
    assert.match(await option.textContent(), /Write/);
    await shot(page, 'search.png', false);
    await option.click();
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    const text = await waitPolicy(page, (t) => t.includes('"kms:Decrypt"'), 'granted kms:Decrypt');
    assert.ok(JSON.parse(text).Statement.some((s) => s.Action.includes('kms:Decrypt') && s.Resource.includes('*')));
    await page.getByRole('button', { name: 'Remove kms:Decrypt' }).waitFor();
  });
});

test('the permalink restores the same policy in a fresh page', async () => {
  let url;
  let text;
  await withPage({}, async (page) => {
    const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
    await addARN(page, arn);
    await levelButton(page, arn, 'Write').click();
    await page.getByRole('combobox', { name: 'Search actions' }).fill('kms:Decrypt');
    await page.getByRole('option', { name: /^kms:Decrypt\b/ }).click();
    await page.getByLabel('Format').selectOption('yaml');
    await page.getByLabel('Minimize with prefix*').check();
    text = await waitPolicy(page, (t) => t.startsWith('Version:') && /- dynamodb:\w+\*/.test(t), 'became minimized YAML');
    url = page.url();
    assert.match(new URL(url).hash, /^#s1\./);
  });
  await withPage({ hash: new URL(url).hash }, async (page) => {
    assert.equal(await policyText(page), text);
    assert.equal(await page.getByLabel('Format').inputValue(), 'yaml');
    assert.equal(await levelButton(page, 'arn:aws:dynamodb:us-east-1:123456789012:table/orders', 'Write').getAttribute('aria-pressed'), 'true');
    assert.equal(page.url(), url, 'restoring must not change the link');
  });
});

test('a bad permalink says why and starts empty', async () => {
  await withPage({ hash: '#s1.not-a-state' }, async (page) => {
    assert.match(await page.getByRole('alert').filter({ hasText: 'could not be read' }).textContent(), /bad builder state/);
    assert.equal(await page.getByLabel('Policy text').isVisible(), false);
  });
});

const TEMPLATE = `mode: crud
read:
- arn:aws:s3:::acme-config
- arn:aws:s3:::acme-config/app/*
write:
- arn:aws:dynamodb:us-east-1:123456789012:table/orders
wildcard-only:
  service-read: [ec2]
exclude-actions: ['dynamodb:Delete*']
`;

test('importing a Policy Sentry template makes it the builder state', async () => {
  await withPage({}, async (page) => {
    await page.getByLabel('Template or policy').fill(TEMPLATE);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported:').waitFor();
    assert.equal(await levelButton(page, 'arn:aws:s3:::acme-config', 'Read').getAttribute('aria-pressed'), 'true');
    assert.equal(await levelButton(page, 'arn:aws:s3:::acme-config/app/*', 'Read').getAttribute('aria-pressed'), 'true');
    assert.equal(await levelButton(page, 'arn:aws:s3:::acme-config', 'Write').getAttribute('aria-pressed'), 'false');
    const dynamo = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
    assert.equal(await levelButton(page, dynamo, 'Write').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('group', { name: 'Levels of ec2 actions that take only *' }).getByRole('button', { name: 'Read', exact: true }).getAttribute('aria-pressed'), 'true');
    assert.match(await page.getByRole('list', { name: 'Exclude actions' }).textContent(), /dynamodb:Delete\*/);
    // The policy is the one the engine writes from the template itself.
    const want = await page.evaluate((t) => window.iamforgeAPI.write({ template: t }).result.output, TEMPLATE);
    const got = await waitPolicy(page, (t) => t.length > 0, 'appeared');
    assert.equal(got, want);
    assert.ok(!got.includes('dynamodb:Delete'), 'exclude-actions must hold');
    await page.getByRole('region', { name: 'Import result' }).scrollIntoViewIfNeeded();
    await shot(page, 'import.png', false);
  });
});

test('a template comes in from a file, picked or dropped', async () => {
  await withPage({}, async (page) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open a file…' }).click()]);
    await chooser.setFiles({ name: 'role.yml', mimeType: 'text/yaml', buffer: Buffer.from(TEMPLATE) });
    await page.getByText('Imported:').waitFor();
    assert.equal(await levelButton(page, 'arn:aws:s3:::acme-config', 'Read').getAttribute('aria-pressed'), 'true');
    // Dropping a file on the import box replaces the builder state with it.
    await page.getByLabel('Template or policy').evaluate((ta) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['mode: crud\nwrite:\n- arn:aws:sqs:us-east-1:123456789012:jobs\n'], 'queue.yml', { type: 'text/yaml' }));
      ta.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await levelButton(page, 'arn:aws:sqs:us-east-1:123456789012:jobs', 'Write').waitFor();
    assert.equal(await levelButton(page, 'arn:aws:sqs:us-east-1:123456789012:jobs', 'Write').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('group', { name: 'Access levels for arn:aws:s3:::acme-config', exact: true }).count(), 0);
    await waitPolicy(page, (t) => t.includes('sqs:SendMessage'), 'granted sqs:SendMessage');
    // Undo brings the previous state back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await levelButton(page, 'arn:aws:s3:::acme-config', 'Read').waitFor();
  });
});

test('service-wide grants, exclusions and actions on * as they are', async () => {
  await withPage({}, async (page) => {
    await page.getByRole('combobox', { name: 'Add a service' }).fill('ec2');
    await page.getByRole('option', { name: /^ec2 / }).click();
    const levels = page.getByRole('group', { name: 'Levels of ec2 actions that take only *' });
    await levels.getByRole('button', { name: 'List', exact: true }).click();
    await waitPolicy(page, (t) => t.includes('ec2:DescribeInstances'), 'granted ec2:DescribeInstances');
    await page.getByRole('textbox', { name: 'Action or pattern to exclude' }).fill('ec2:DescribeInstance*');
    await page.getByRole('button', { name: 'Exclude', exact: true }).click();
    await waitPolicy(page, (t) => !t.includes('ec2:DescribeInstances"'), 'dropped ec2:DescribeInstances');
    await page.getByRole('textbox', { name: 'Action to grant on *, skipping resource constraints' }).fill('s3:ListAllMyBuckets');
    await page.getByRole('textbox', { name: 'Action to grant on *, skipping resource constraints' }).press('Enter');
    const text = await waitPolicy(page, (t) => t.includes('s3:ListAllMyBuckets'), 'granted s3:ListAllMyBuckets');
    assert.ok(JSON.parse(text).Statement.some((st) => st.Sid === 'SkipResourceConstraints' && st.Action.includes('s3:ListAllMyBuckets')));
    // An unknown service says what it probably is, and the suggestion fixes it.
    await page.getByRole('textbox', { name: 'Action to grant on *, skipping resource constraints' }).fill('kms:Decryptt');
    await page.getByRole('textbox', { name: 'Action to grant on *, skipping resource constraints' }).press('Enter');
    await page.getByRole('button', { name: 'Use kms:Decrypt' }).click();
    await waitPolicy(page, (t) => t.includes('"kms:Decrypt"'), 'granted kms:Decrypt');
  });
});

test('a broken template is not imported and says what and where', async () => {
  await withPage({}, async (page) => {
    await page.getByLabel('Template or policy').fill('mode: crud\nread: 5\n');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('could not be imported').waitFor();
    assert.match(await page.getByRole('button', { name: /line 2:7/ }).textContent(), /want a list of ARNs/);
    assert.equal(await page.getByLabel('Policy text').isVisible(), false);
  });
});

test('importing an existing policy shows its findings and the actions it grants', async () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Broad', Effect: 'Allow', Action: ['s3:GetObject*', 'iam:PassRole'], Resource: '*' }],
  }, null, 2);
  await withPage({}, async (page) => {
    await page.getByLabel('Template or policy').fill(policy);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Policy check:').waitFor();
    assert.match(await page.getByRole('button', { name: /iam:PassRole on "\*"/ }).textContent(), /risky-passrole/);
    assert.match(await page.getByRole('region', { name: 'Import result' }).textContent(), /GetObjectVersion/);
    assert.match(await page.getByText(/^Actions it grants:/).textContent(), /in 1 statement/);
    await page.getByRole('region', { name: 'Import result' }).scrollIntoViewIfNeeded();
    await shot(page, 'import-policy.png', false);
    // The builder itself is untouched.
    assert.equal(await page.getByLabel('Policy text').isVisible(), false);
  });
});

test('Copy puts the policy on the clipboard', async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:fn:prod';
    await addARN(page, arn);
    assert.match(await resourceRow(page, 1).textContent(), /lambda function alias/);
    await levelButton(page, arn, 'Read').click();
    const text = await waitPolicy(page, (t) => t.includes('lambda:'), 'granted lambda actions');
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    await page.getByRole('button', { name: 'Copy link' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    // Download names the file after the format, and holds exactly the policy shown.
    const formats = [['YAML', 'policy.yaml', 'Version:'], ['Terraform', 'policy.tf', 'data "aws_iam_policy_document"'],
      ['CloudFormation', 'policy-cfn.yaml', 'PolicyDocument:'], ['JSON', 'policy.json', '{']];
    for (const [format, name, start] of formats) {
      await page.getByLabel('Format').selectOption({ label: format });
      const shown = await waitPolicy(page, (t) => t.startsWith(start), `turned ${format}`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
      assert.equal(download.suggestedFilename(), name);
      assert.equal(fs.readFileSync(await download.path(), 'utf8'), shown);
    }
  });
});

test('keyboard only: add an ARN, tick Read, search and add an action', async () => {
  await withPage({}, async (page) => {
    await page.locator('body').focus();
    const arnInput = page.getByRole('textbox', { name: 'ARN to add' });
    await tabTo(page, arnInput);
    await page.keyboard.type('arn:aws:s3:::kb-bucket');
    await page.keyboard.press('Enter');
    await tabTo(page, levelButton(page, 'arn:aws:s3:::kb-bucket', 'Read'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('combobox', { name: 'Search actions' }));
    await page.keyboard.type('decrypt');
    await page.keyboard.press('ArrowDown');
    assert.match(await page.getByRole('combobox', { name: 'Search actions' }).getAttribute('aria-activedescendant'), /.+/);
    await page.keyboard.press('Enter');
    const text = await waitPolicy(page, (t) => t.includes('s3:GetBucketLocation') && t.includes('kms:Decrypt'), 'held both');
    assert.ok(text.includes('arn:aws:s3:::kb-bucket'));
    // Escape closes the results; the search box keeps the focus.
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByRole('combobox', { name: 'Search actions' }).getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('combobox', { name: 'Search actions' }).getAttribute('aria-expanded'), 'false');
  });
});

test('a bad ARN shows its diagnostic on its row, and the problem list leads to it', async () => {
  await withPage({ viewport: { width: 1280, height: 1300 } }, async (page) => {
    const arn = 'arn:aws:s3:us-east-1:123456789012:bucket/x';
    await addARN(page, arn);
    const text = await resourceRow(page, 1).textContent();
    assert.match(text, /matches no resource type/);
    assert.match(text, /arn:\$\{Partition\}:s3:::\$\{BucketName\}/);
    await levelButton(page, arn, 'Read').click();
    await addARN(page, 'not-an-arn');
    assert.match(await resourceRow(page, 2).textContent(), /invalid ARN "not-an-arn": column 1/);
    await page.getByRole('combobox', { name: 'Search actions' }).fill('kms:Decrypt');
    await page.getByRole('option', { name: /^kms:Decrypt\b/ }).click();
    const problem = page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /Resource 1/ });
    assert.match(await problem.textContent(), /matches no resource type/);
    await shot(page, 'diagnostics.png', false);
    await problem.click();
    assert.equal(await page.getByRole('textbox', { name: 'ARN of resource 1' }).evaluate((el) => el === document.activeElement), true);
  });
});

test('conditions: pick a key, an operator that fits, and values', async () => {
  await withPage({}, async (page) => {
    await addARN(page, 'arn:aws:s3:::cond-bucket');
    await levelButton(page, 'arn:aws:s3:::cond-bucket', 'Read').click();
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await page.getByLabel('Condition key').selectOption('aws:SecureTransport');
    assert.deepEqual(await page.getByLabel('Operator', { exact: true }).evaluate((s) => [...s.options].map((o) => o.value)), ['Bool', 'Null']);
    await page.getByRole('button', { name: 'Add condition' }).click();
    const text = await waitPolicy(page, (t) => t.includes('aws:SecureTransport'), 'held the condition');
    const st = JSON.parse(text).Statement[0];
    assert.deepEqual(st.Condition, { Bool: { 'aws:SecureTransport': ['true'] } });
  });
});

test('the vocabulary the build wrote into the page is the engine\'s', async () => {
  await withPage({}, async (page) => {
    const [built, engine] = await page.evaluate(() => [
      JSON.parse(document.getElementById('vocabulary').textContent), window.iamforgeAPI.vocabulary().result]);
    assert.deepEqual(built, engine);
    // What the page shows of it: the levels in its order, the formats by their labels.
    const levels = page.getByRole('group', { name: 'Levels of ec2 actions that take only *' });
    await page.getByRole('combobox', { name: 'Add a service' }).fill('ec2');
    await page.getByRole('option', { name: /^ec2 / }).click();
    assert.deepEqual(await levels.getByRole('button').allTextContents(), engine.levels.map((l) => `✓${l.label}`));
    assert.deepEqual(await page.getByLabel('Format').evaluate((s) => [...s.options].map((o) => o.text)), engine.formats.map((f) => f.label));
  });
});

test('the page says it is loading, and says so clearly when the engine cannot start', async () => {
  // catalog.bin is held until the test has seen the page loading, then fails. (A fixed delay
  // raced the page: <link rel=preload> asks for catalog.bin as the head is parsed, long before
  // goto returns on a busy machine, so the 503 could arrive and the page give up before the
  // test first looked.) goto waits only for DOMContentLoaded, which nothing held delays.
  let release;
  const released = new Promise((r) => { release = r; });
  await withPage({
    wait: false,
    waitUntil: 'domcontentloaded',
    setup: (page) => page.route(/catalog\.bin/, async (route) => { await released; await route.fulfill({ status: 503, body: '' }); }),
    allow: /Failed to load resource/,
  }, async (page) => {
    assert.match(await page.getByRole('status').filter({ hasText: 'Loading' }).textContent(), /Loading the engine/);
    assert.equal(await page.getByRole('textbox', { name: 'ARN to add' }).isDisabled(), true, 'controls wait for the engine');
    release();
    const alert = page.getByRole('alert').filter({ hasText: 'could not start' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /catalog\.bin: HTTP 503/);
    assert.equal(await page.getByRole('status').filter({ hasText: 'Loading' }).isVisible(), false);
  });
});

test('dark theme and a 360 px screen render without horizontal scroll', async () => {
  await withPage({ colorScheme: 'dark', viewport: { width: 360, height: 780 } }, async (page) => {
    assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
    await addARN(page, 'arn:aws:s3:::a-rather-long-bucket-name-for-a-narrow-screen/with/a/deep/prefix/*');
    await levelButton(page, 'arn:aws:s3:::a-rather-long-bucket-name-for-a-narrow-screen/with/a/deep/prefix/*', 'Read').click();
    await addARN(page, 'arn:aws:s3:us-east-1:123456789012:bucket/x');
    await page.getByRole('combobox', { name: 'Search actions' }).fill('decrypt');
    await page.keyboard.press('Escape');
    await waitPolicy(page, (t) => t.includes('s3:GetObject'), 'granted object reads');
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth) <= 360, 'no horizontal scroll at 360 px');
    await shot(page, 'narrow-dark.png');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(245, 246, 248)', 'the dark palette applies');
  });
  await withPage({ viewport: { width: 360, height: 780 } }, async (page) => {
    await addARN(page, 'arn:aws:lambda:us-east-1:123456789012:function:my-function');
    await levelButton(page, 'arn:aws:lambda:us-east-1:123456789012:function:my-function', 'Write').click();
    await waitPolicy(page, (t) => t.includes('lambda:'), 'granted lambda actions');
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth) <= 360, 'no horizontal scroll at 360 px');
    await shot(page, 'narrow.png');
  });
});

test('the theme toggle is remembered', async () => {
  await withPage({ colorScheme: 'light' }, async (page) => {
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await addARN(page, 'arn:aws:s3:::dark-bucket');
    await levelButton(page, 'arn:aws:s3:::dark-bucket', 'Read').click();
    await page.getByRole('combobox', { name: 'Search actions' }).fill('kms:Decrypt');
    await page.getByRole('option', { name: /^kms:Decrypt\b/ }).click();
    await waitPolicy(page, (t) => t.includes('kms:Decrypt'), 'granted kms:Decrypt');
    await shot(page, 'dark.png');
    await page.reload();
    await ready(page);
    assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  });
});
