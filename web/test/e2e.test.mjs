// End-to-end tests of the browser builder: bin/webserve serves web/dist on 127.0.0.1, and
// Debian's Chromium, driven by playwright-core, uses the page as people do — controls are found
// by role and accessible name, never by CSS class. Every test fails on a console error, a page
// error or a request to another origin. Screenshots of the main states go to
// web/test/screenshots/ (git-ignored) for people to look at.
//
//   make test-web        (builds web/dist and bin/webserve first)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { policy60, ready } from './harness.mjs';
import { addARN, builderSuite, levelButton, policyText, shot, waitLink, waitPolicy } from './builder.mjs';

const { withPage } = builderSuite();

/** The row of the nth resource (1-based): the list item holding that resource's ARN box. */
const resourceRow = (page, n) =>
  page.getByRole('list', { name: 'Resources' }).getByRole('listitem').filter({ has: page.getByRole('textbox', { name: `ARN of resource ${n}`, exact: true }) });

/** Waits until the nth resource's row says what matches re (what an ARN is comes from the engine's
 *  worker, after the row appears), and answers its text. */
async function rowSays(page, n, re) {
  await resourceRow(page, n).getByText(re).first().waitFor();
  return resourceRow(page, n).textContent();
}

/** Presses Tab until locator has the focus. */
async function tabTo(page, locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${locator}`);
}


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
    assert.match(await rowSays(page, 1, /s3 bucket/), /s3 bucket/);
    // The size meter says how much of the limit is used, in words too.
    assert.match(await page.getByRole('meter').getAttribute('aria-labelledby'), /size-text/);
    assert.match(await page.getByText(/of 6,144 characters/).textContent(), /^\d[\d,]* of 6,144 characters/);
    // Pointing at an action in the policy says what it does and why it is there (once the
    // explanations, asked for when edits pause, have marked the policy's actions).
    await page.locator('#policy [data-action="s3:GetBucketLocation"]').first().waitFor();
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
    const option = page.getByRole('listbox', { name: 'Matching actions' }).getByRole('option', { name: /^kms:Decrypt\b/ });
    await option.waitFor(); // the results come from the engine's worker
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.match(await option.textContent(), /Write/);
    await shot(page, 'search.png', false);
    await option.click();
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    const text = await waitPolicy(page, (t) => t.includes('"kms:Decrypt"'), 'granted kms:Decrypt');
    assert.ok(JSON.parse(text).Statement.some((s) => s.Action.includes('kms:Decrypt') && s.Resource.includes('*')));
    await page.getByRole('button', { name: 'Remove kms:Decrypt' }).waitFor();
  });
});

// Descriptions arrive after the page is usable and join the search index when the engine is
// idle: a word only a description has ("ciphertext", in kms:Decrypt's) finds its action then,
// in the list already open, without typing again.
test('a word only in a description finds its action once descriptions are in', async () => {
  await withPage({}, async (page) => {
    const box = page.getByRole('combobox', { name: 'Search actions' });
    await box.fill('ciphertext');
    const option = page.getByRole('listbox', { name: 'Matching actions' }).getByRole('option', { name: /^kms:Decrypt\b/ });
    await option.first().waitFor();
    assert.match(await option.first().textContent(), /ciphertext/i);
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
    url = await waitLink(page, (s) => s.format === 'yaml' && s.minimize, 'held the minimized YAML');
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
    const want = await page.evaluate(async (t) => (await window.iamforgeAPI.write({ template: t })).result.output, TEMPLATE);
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

test('importing an existing policy loads it into the builder, each finding said once', async () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Broad', Effect: 'Allow', Action: ['s3:GetObject*', 'iam:PassRole'], Resource: '*' }],
  }, null, 2);
  await withPage({}, async (page) => {
    await page.getByLabel('Template or policy').fill(policy);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Policy check:').waitFor();
    // The builder holds it, the wildcard spelled out, and writes it.
    await waitPolicy(page, (t) => t.includes('"iam:PassRole"') && t.includes('"s3:GetObjectVersion"') && !t.includes('s3:GetObject*'), 'held the imported grants');
    assert.match(await page.getByRole('region', { name: 'Import result' }).textContent(), /s3:GetObject\* grants \d+ actions.*GetObjectVersion/);
    // iam:PassRole on * is said once: by the builder, of the policy it now holds.
    assert.equal(await page.getByText('risky-passrole', { exact: true }).count(), 1);
    await page.getByRole('region', { name: 'Import result' }).scrollIntoViewIfNeeded();
    await shot(page, 'import-policy.png', false);
  });
});

test('Copy puts the policy on the clipboard', async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:fn:prod';
    await addARN(page, arn);
    assert.match(await rowSays(page, 1, /lambda function alias/), /lambda function alias/);
    await levelButton(page, arn, 'Read').click();
    const text = await waitPolicy(page, (t) => t.includes('lambda:'), 'granted lambda actions');
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    // Copy link, clicked as soon as the policy shows, copies the link of what it shows.
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('#copy-link', { hasText: 'Copied ✓' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, page.url());
    const linked = await page.evaluate(async (f) => (await window.iamforgeAPI.decodeState(f)).result, new URL(copied).hash.slice(1));
    assert.deepEqual(linked.resources, [{ arn, levels: ['read'] }]);
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
    await page.waitForFunction(() => document.getElementById('action-search').hasAttribute('aria-activedescendant')); // once the results are in
    assert.match(await page.getByRole('combobox', { name: 'Search actions' }).getAttribute('aria-activedescendant'), /.+/);
    await page.keyboard.press('Enter');
    const text = await waitPolicy(page, (t) => t.includes('s3:GetBucketLocation') && t.includes('kms:Decrypt'), 'held both');
    assert.ok(text.includes('arn:aws:s3:::kb-bucket'));
    // Escape closes the results; the search box keeps the focus.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('combobox', { name: 'Search actions', expanded: true }).waitFor(); // once the results are in
    assert.equal(await page.getByRole('combobox', { name: 'Search actions' }).getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('combobox', { name: 'Search actions' }).getAttribute('aria-expanded'), 'false');
  });
});

test('a bad ARN shows its diagnostic on its row, and the problem list leads to it', async () => {
  await withPage({ viewport: { width: 1280, height: 1300 } }, async (page) => {
    const arn = 'arn:aws:s3:us-east-1:123456789012:bucket/x';
    await addARN(page, arn);
    const text = await rowSays(page, 1, /matches no resource type/);
    assert.match(text, /matches no resource type/);
    assert.match(text, /arn:\$\{Partition\}:s3:::\$\{BucketName\}/);
    await levelButton(page, arn, 'Read').click();
    await addARN(page, 'not-an-arn');
    assert.match(await rowSays(page, 2, /invalid ARN/), /invalid ARN "not-an-arn": column 1/);
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
    const [built, engine] = await page.evaluate(async () => [
      JSON.parse(document.getElementById('vocabulary').textContent), (await window.iamforgeAPI.vocabulary()).result]);
    assert.deepEqual(built, engine);
    // What the page shows of it: the levels in its order, the formats by their labels.
    const levels = page.getByRole('group', { name: 'Levels of ec2 actions that take only *' });
    await page.getByRole('combobox', { name: 'Add a service' }).fill('ec2');
    await page.getByRole('option', { name: /^ec2 / }).click();
    await levels.getByRole('button').first().waitFor(); // the row is drawn after the next frame
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

test('the builder shows while the engine\'s worker is slow to start, and is usable once it runs', async () => {
  // Until the worker has started, the page lays out only its top bar and the loading banner
  // (preload.js), for at most 300 ms: a worker whose script is held must not keep the builder
  // from showing. Nothing here is timed: the builder shows while the script is still held.
  let release;
  const released = new Promise((r) => { release = r; });
  let asked = 0;
  await withPage({
    wait: false,
    waitUntil: 'domcontentloaded',
    setup: (page) => page.route(/engine-worker\.js/, async (route) => { asked++; await released; await route.continue(); }),
  }, async (page) => {
    const input = page.getByRole('textbox', { name: 'ARN to add' });
    await input.waitFor();
    assert.equal(asked, 1, 'the worker\'s script was asked for once, and is held');
    assert.equal(await input.isDisabled(), true, 'controls wait for the engine');
    assert.match(await page.getByRole('status').filter({ hasText: 'Loading' }).textContent(), /Loading the engine/);
    release();
    await ready(page);
    await addARN(page, 'arn:aws:s3:::held-worker');
    await levelButton(page, 'arn:aws:s3:::held-worker', 'Read').click();
    await waitPolicy(page, (t) => t.includes('s3:GetBucketAcl') && t.includes('arn:aws:s3:::held-worker'), 'granted bucket reads');
  });
});

test('the catalog is fetched once, by the page, and by the engine\'s worker when the page\'s fetch fails', async () => {
  // preload.js fetches catalog.bin and the page hands it to the worker, which fetches it itself
  // only when that failed (and then says why, if it fails again: the loading test above).
  for (const failFirst of [false, true]) {
    let asked = 0;
    await withPage({
      allow: /Failed to load resource/,
      setup: (page) => page.route(/catalog\.bin/, (route) => (++asked === 1 && failFirst ? route.fulfill({ status: 503, body: '' }) : route.continue())),
    }, async (page) => {
      assert.equal(asked, failFirst ? 2 : 1, failFirst ? 'the worker fetched the catalog after the page could not' : 'the catalog was fetched once');
      await addARN(page, 'arn:aws:sqs:us-east-1:123456789012:jobs');
      await levelButton(page, 'arn:aws:sqs:us-east-1:123456789012:jobs', 'Write').click();
      await waitPolicy(page, (t) => t.includes('sqs:SendMessage'), 'granted sqs:SendMessage');
    });
  }
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

// ---------------------------------------------------------------------------------------------
// Never freeze: the engine in a worker

test('the engine runs in a worker, and a 60-statement policy imports while the user types', async () => {
  await withPage({}, async (page) => {
    // The engine is not on the page's thread: its bridge is in the worker alone.
    assert.equal(await page.evaluate(() => typeof globalThis.iamforge), 'undefined');
    const engines = [];
    for (const w of page.workers()) {
      if (await w.evaluate(() => typeof globalThis.iamforge?.write === 'function')) engines.push(w.url());
    }
    assert.equal(engines.length, 1, 'one engine worker');
    assert.match(engines[0], /engine-worker\.js/);

    await page.getByLabel('Template or policy').fill(policy60());
    await page.evaluate(() => {
      const t = { inputs: [] };
      window.__import = t;
      document.getElementById('action-search').addEventListener('input', () => t.inputs.push(performance.now()));
    });
    // Hold the worker's calls until the user has typed: the engine is then certainly busy with
    // (or waiting on) the import while the keystrokes come, whatever the machine's speed.
    const engine = page.workers().find((w) => /engine-worker\.js/.test(w.url()));
    await engine.evaluate(() => {
      const run = self.onmessage;
      const held = [];
      self.__release = () => { self.onmessage = run; for (const e of held.splice(0)) run(e); };
      self.onmessage = (e) => { if (e.data.type === 'call') held.push(e); else run(e); };
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('combobox', { name: 'Search actions' }).pressSequentially('decrypt');
    // The page took every keystroke while the import waited on the engine.
    assert.equal(await page.getByRole('combobox', { name: 'Search actions' }).inputValue(), 'decrypt');
    assert.equal((await page.evaluate(() => window.__import)).inputs.length, 7);
    assert.doesNotMatch(await page.locator('#import-result').textContent(), /Imported:/);
    await engine.evaluate(() => self.__release());
    await page.getByText('Policy check:').waitFor();
    assert.match(await page.getByRole('region', { name: 'Import result' }).textContent(), /Imported: \d+ resources with \d+ actions/);
    // The search typed meanwhile is answered once the engine is free (offered on each imported
    // key row, and on *).
    await page.getByRole('option', { name: /^kms:Decrypt\b/ }).first().waitFor();
  });
});

test('the latest input wins: a superseded answer is dropped', async () => {
  await withPage({}, async (page) => {
    // Two calls on one channel: the first is superseded before its answer arrives.
    const [first, second] = await page.evaluate(async () => {
      const live = window.iamforgeAPI.latest('test');
      const settled = await Promise.allSettled([live.search('decrypt', 5), live.search('getobject', 5)]);
      return settled.map((x) => (x.status === 'fulfilled' ? x.value.result[0].action : `${x.status}: ${x.reason.name}`));
    });
    assert.equal(first, 'rejected: AbortError');
    assert.equal(second, 's3:GetObject');
    // Other callers of the same worker have channels of their own.
    const other = await page.evaluate(async () => {
      const mine = window.iamforgeAPI.latest('test');
      const { loadWorker } = await import(new URL('iamforge.js', location.href).href + new URL(document.querySelector('script[type=module]').src).search);
      const theirs = (await loadWorker()).latest('test');
      const [a, b] = await Promise.all([mine.search('decrypt', 1), theirs.search('getobject', 1)]);
      return [a.result[0].action, b.result[0].action];
    });
    assert.deepEqual(other, ['kms:Decrypt', 's3:GetObject']);
    assert.equal(page.workers().length, 1, 'one engine worker for every caller');
    // Typing fast in the search: the list shows the answer to what is typed, never an earlier one.
    const box = page.getByRole('combobox', { name: 'Search actions' });
    await box.pressSequentially('kms:Decrypt');
    await box.fill('');
    await box.pressSequentially('s3:GetObject');
    // The first option, not any: a list shown while the query was still "s3" has s3:GetObject too.
    await page.waitForFunction(() => /^s3:GetObject\b/.test(document.querySelector('#action-results [role=option]')?.textContent || ''));
    const names = await page.getByRole('listbox', { name: 'Matching actions' }).getByRole('option').allTextContents();
    assert.ok(names.length > 0 && names.every((n) => n.startsWith('s3:')), `results for s3:GetObject: ${names.join(' | ')}`);
  });
});

test('a slow operation shows a progress mark until it is done', async () => {
  // 300 statements: seconds of validating and expanding in the engine on any machine.
  const big = JSON.parse(policy60());
  big.Statement = [0, 1, 2, 3, 4].flatMap((k) => big.Statement.map((st) => ({ ...st, Sid: `${st.Sid}x${k}` })));
  await withPage({}, async (page) => {
    // What the mark says, and whether the import's result says it is busy, as each change happens.
    await page.evaluate(() => {
      const busy = document.getElementById('busy');
      window.__marks = [];
      new MutationObserver(() => window.__marks.push({
        text: busy.textContent, shown: busy.checkVisibility() && busy.offsetWidth > 1,
        importBusy: document.getElementById('import-result').getAttribute('aria-busy'),
      })).observe(busy, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open a file…' }).click()]);
    await chooser.setFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big, null, 1)) });
    await page.getByText('Policy check:').waitFor();
    const mark = page.getByRole('status').filter({ hasText: 'Checking the policy' });
    await mark.waitFor({ state: 'hidden' });
    const marks = await page.evaluate(() => window.__marks);
    assert.ok(marks.some((m) => m.shown && /Checking the policy…/.test(m.text) && m.importBusy === 'true'),
      `the mark never said it was checking the policy: ${JSON.stringify(marks)}`);
    assert.equal(await page.getByRole('region', { name: 'Import result' }).getAttribute('aria-busy'), 'false');
  });
});

test('the policy is coloured the same when only what changed is redrawn', async () => {
  await withPage({}, async (page) => {
    // A policy drawn again over its previous self (only the tokens that changed are replaced)
    // is node for node the policy drawn whole, in every format, as levels come and go.
    const mismatches = await page.evaluate(async () => {
      const forge = window.iamforgeAPI;
      const arns = ['arn:aws:s3:::a', 'arn:aws:s3:::a/*', 'arn:aws:dynamodb:us-east-1:123456789012:table/t', 'arn:aws:sqs:us-east-1:123456789012:q'];
      const steps = [[['read'], [], ['write'], []], [['read', 'write'], [], ['write'], ['read']], [['read'], ['read'], [], ['read']], [[], ['write'], ['read'], ['write']]];
      const out = [];
      for (const format of ['json', 'yaml', 'terraform', 'cloudformation']) {
        const inPlace = document.createElement('pre');
        for (const [n, levels] of steps.entries()) {
          const state = { resources: arns.map((arn, i) => ({ arn, levels: levels[i] })), actions: ['kms:Decrypt'], format };
          const w = await forge.write({ state, explanations: true });
          const actions = n % 2 ? w.result.explanations.map((e) => e.action) : [];
          await forge.renderPolicy(inPlace, w.result.output, format, actions);
          const whole = document.createElement('pre');
          await forge.renderPolicy(whole, w.result.output, format, actions);
          if (inPlace.innerHTML !== whole.innerHTML || inPlace.textContent !== w.result.output) out.push(`${format} step ${n}`);
        }
      }
      return out;
    });
    assert.deepEqual(mismatches, []);
  });
});

// ---------------------------------------------------------------------------------------------
// Links that never vanish

test('an ARN over 2,048 characters keeps the link, which says what it leaves out', async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    await addARN(page, 'arn:aws:s3:::kept-bucket');
    await levelButton(page, 'arn:aws:s3:::kept-bucket', 'Read').click();
    await waitPolicy(page, (t) => t.includes('s3:GetBucketLocation'), 'granted s3:GetBucketLocation');
    const long = `arn:aws:s3:::${'b'.repeat(2049 - 'arn:aws:s3:::'.length)}`;
    await addARN(page, long);
    const note = page.getByRole('status').filter({ hasText: 'The link leaves out' });
    await note.waitFor();
    assert.match(await note.textContent(), /Resource 2 \(the ARN is 2049 characters, over the limit of 2048\)\. Everything else is in it\./);
    // The link holds everything else, and Copy link copies it.
    const fragment = new URL(page.url()).hash;
    const linked = await page.evaluate(async (f) => (await window.iamforgeAPI.decodeState(f)).result, fragment);
    assert.deepEqual(linked.resources, [{ arn: 'arn:aws:s3:::kept-bucket', levels: ['read'] }]);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('#copy-link', { hasText: 'Copied ✓' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    // A reload loses nothing: the tab's history keeps the whole state.
    await page.reload();
    await ready(page);
    assert.equal(await page.getByRole('textbox', { name: 'ARN of resource 2' }).inputValue(), long);
    await note.waitFor();
    // Removing the long ARN puts the whole state in the link again, and the note goes.
    await page.getByRole('button', { name: `Remove ${long}` }).click();
    await note.waitFor({ state: 'hidden' });
    const back = await page.evaluate(async (f) => (await window.iamforgeAPI.decodeState(f)).result, new URL(page.url()).hash);
    assert.deepEqual(back.resources, [{ arn: 'arn:aws:s3:::kept-bucket', levels: ['read'] }]);
  });
});

test('undo and redo, by keyboard and by buttons', async () => {
  await withPage({}, async (page) => {
    const arn = 'arn:aws:s3:::undo-bucket';
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const redo = page.getByRole('button', { name: 'Redo', exact: true });
    assert.equal(await undo.isDisabled(), true, 'nothing to undo yet');
    await addARN(page, arn);
    await levelButton(page, arn, 'Read').click();
    await levelButton(page, arn, 'Write').click();
    await waitPolicy(page, (t) => t.includes('s3:PutBucketTagging') || t.includes('s3:DeleteBucket'), 'granted bucket writes');
    const pressed = (level) => levelButton(page, arn, level).getAttribute('aria-pressed');
    const becomes = (level, v) => page.waitForFunction(([a, l, want]) => document.querySelector(
      `[aria-label="Access levels for ${a}"] [data-level="${l}"]`)?.getAttribute('aria-pressed') === want, [arn, level, v]);
    await page.keyboard.press('Control+z');
    await becomes('write', 'false');
    assert.equal(await pressed('Read'), 'true');
    await page.keyboard.press('Control+z');
    await becomes('read', 'false');
    await redo.click();
    await becomes('read', 'true');
    assert.equal(await pressed('Write'), 'false');
    await page.keyboard.press('Control+Shift+z');
    await becomes('write', 'true');
    assert.equal(await redo.isDisabled(), true, 'nothing to redo at the newest state');
    await undo.click();
    await becomes('write', 'false');
    await waitPolicy(page, (t) => t.includes('s3:GetBucketLocation') && !t.includes('s3:DeleteBucket'), 'went back to Read alone');
    // Ctrl+Z in a text box is the text box's own.
    await page.evaluate(() => document.addEventListener('keydown', (e) => { window.__taken = e.defaultPrevented; }));
    const box = page.getByRole('textbox', { name: 'ARN to add' });
    await box.fill('arn:aws:s3:::typed');
    await box.press('Control+z');
    assert.equal(await page.evaluate(() => window.__taken), false);
    assert.equal(await pressed('Read'), 'true');
  });
});

test('Back steps through the builder\'s history and stays in the app', async () => {
  await withPage({}, async (page) => {
    const start = page.url();
    const arn = 'arn:aws:sqs:us-east-1:123456789012:back-queue';
    await addARN(page, arn);
    await levelButton(page, arn, 'Write').click();
    await waitPolicy(page, (t) => t.includes('sqs:SendMessage'), 'granted sqs:SendMessage');
    const edited = await waitLink(page, (s) => s.resources?.[0]?.levels?.includes('write'), 'held Write on the queue');
    await page.goBack();
    await page.waitForFunction(([a]) => document.querySelector(`[aria-label="Access levels for ${a}"] [data-level="write"]`)?.getAttribute('aria-pressed') === 'false', [arn]);
    assert.equal(new URL(page.url()).origin, new URL(start).origin);
    await page.goBack();
    await page.getByRole('group', { name: `Access levels for ${arn}`, exact: true }).waitFor({ state: 'detached' });
    assert.equal(page.url(), start, 'back at the page as it was opened');
    assert.equal(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled(), true);
    await page.goForward();
    await page.goForward();
    await waitPolicy(page, (t) => t.includes('sqs:SendMessage'), 'came back with Forward');
    assert.equal(page.url(), edited);
  });
});
