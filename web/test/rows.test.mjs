// End-to-end tests of a resource row's exact actions (issue 12 §1) and of importing an existing
// policy into the builder to tighten it (§4), in Debian's Chromium through playwright-core, by
// role and accessible name as people use the page. Like e2e.test.mjs, every test fails on a
// console error, a page error or a request to another origin.
//
//   make test-web        (or: node --test --test-concurrency=1 web/test/rows.test.mjs after make web)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addARN, builderSuite, levelButton, shot, waitLink, waitPolicy } from './builder.mjs';

const { withPage } = builderSuite();

/** Every [actions, resources] pair the policy grants, one per statement. */
const grants = (text) => JSON.parse(text).Statement.map((s) => [[s.Action].flat(), [s.Resource].flat()]);

/** Opens a row's action picker and answers it (the group of checkboxes, by level). */
async function openPicker(page, arn) {
  await page.getByRole('button', { name: new RegExp(`^Pick actions.* for ${arn.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }).click();
  const picker = page.getByRole('group', { name: `Actions that act on ${arn}`, exact: true });
  await picker.getByRole('checkbox').first().waitFor(); // the list comes from the engine's worker
  return picker;
}

const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

// ---------------------------------------------------------------------------------------------
// §1 Exact actions per ARN

test('PutItem and UpdateItem picked on a table grant exactly those two on it', async () => {
  await withPage({}, async (page) => {
    await addARN(page, TABLE);
    const picker = await openPicker(page, TABLE);
    // Grouped by access level, with descriptions, and filterable.
    assert.ok(await picker.getByRole('group', { name: /^Write/ }).getByRole('checkbox', { name: 'dynamodb:PutItem', exact: true }).isVisible());
    // Descriptions come after the page is usable, and fill a picker opened before them.
    await picker.getByText(/Grants permission to create a new item/).first().waitFor();
    const filter = picker.getByRole('searchbox', { name: `Filter the actions for ${TABLE}` });
    assert.equal(await filter.evaluate((el) => el === document.activeElement), true, 'opening the picker puts the focus in its filter');
    await filter.fill('item');
    await picker.getByRole('checkbox', { name: 'dynamodb:ListTables', exact: true }).waitFor({ state: 'hidden' }).catch(() => {});
    assert.equal(await picker.getByRole('checkbox', { name: 'dynamodb:CreateTable', exact: true }).isVisible(), false, 'the filter hides what does not match');
    await picker.getByRole('checkbox', { name: 'dynamodb:PutItem', exact: true }).check();
    // By keyboard: ↓ from the filter walks the actions left; Space ticks one.
    await filter.fill('UpdateItem');
    await filter.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'dynamodb:UpdateItem');
    await page.keyboard.press('Space');
    const text = await waitPolicy(page, (t) => t.includes('dynamodb:UpdateItem') && t.includes('dynamodb:PutItem'), 'granted both');
    assert.deepEqual(grants(text), [[['dynamodb:PutItem', 'dynamodb:UpdateItem'], [TABLE]]]);
    // The row says what it picked, closed or open.
    const picked = page.getByRole('list', { name: `Actions picked for ${TABLE}` });
    assert.deepEqual(await picked.getByRole('listitem').allTextContents(), ['dynamodb:PutItem✕', 'dynamodb:UpdateItem✕']);
    assert.equal(await levelButton(page, TABLE, 'Write').getAttribute('aria-pressed'), 'false');
    await shot(page, 'rows-picker.png', false);
    // Escape closes the picker and returns to its button.
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('button', { name: `Pick actions (2 picked) for ${TABLE}` }).getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('button', { name: `Pick actions (2 picked) for ${TABLE}` }).evaluate((el) => el === document.activeElement), true);
    // Ctrl+Z takes the last picked action back.
    await page.keyboard.press('Control+z');
    const back = await waitPolicy(page, (t) => !t.includes('dynamodb:UpdateItem'), 'dropped UpdateItem');
    assert.deepEqual(grants(back), [[['dynamodb:PutItem'], [TABLE]]]);
    assert.deepEqual(await picked.getByRole('listitem').allTextContents(), ['dynamodb:PutItem✕']);
  });
});

test('a picker opened before the descriptions come shows them when they do, its ticks and focus kept', async () => {
  let release;
  const held = new Promise((r) => { release = r; });
  // The engine's worker asks for them once the page is usable; they wait here until released.
  const setup = (page) => page.context().route(/\/descriptions\.bin/, async (route) => { await held; await route.continue(); });
  await withPage({ setup }, async (page) => {
    await addARN(page, TABLE);
    const picker = await openPicker(page, TABLE);
    assert.doesNotMatch(await picker.textContent(), /Grants permission/, 'no descriptions yet');
    const box = picker.getByRole('checkbox', { name: 'dynamodb:PutItem', exact: true });
    await box.check();
    await box.focus();
    release();
    await picker.getByText(/Grants permission to create a new item/).first().waitFor();
    assert.equal(await box.isChecked(), true, 'the tick stays');
    assert.equal(await box.evaluate((el) => el === document.activeElement), true, 'the focus stays');
    const described = await box.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby'))?.textContent);
    assert.match(described, /^Grants permission to create a new item/);
    // The filter finds actions by their descriptions now.
    await picker.getByRole('searchbox', { name: `Filter the actions for ${TABLE}` }).fill('create a new item');
    await picker.getByRole('checkbox', { name: 'dynamodb:CreateTable', exact: true }).waitFor({ state: 'hidden' });
    assert.equal(await box.isVisible(), true);
  });
});

test('a row mixing Read and one Write action shows both, and the link restores them', async () => {
  let url;
  let text;
  await withPage({}, async (page) => {
    await addARN(page, TABLE);
    await levelButton(page, TABLE, 'Read').click();
    const picker = await openPicker(page, TABLE);
    await picker.getByRole('checkbox', { name: 'dynamodb:PutItem', exact: true }).check();
    assert.match(await picker.getByRole('group', { name: /^Read/ }).textContent(), /granted whole: the level is ticked/);
    text = await waitPolicy(page, (t) => t.includes('dynamodb:PutItem') && t.includes('dynamodb:GetItem'), 'held Read and PutItem');
    const st = JSON.parse(text).Statement;
    assert.ok(st.some((s) => s.Action.includes('dynamodb:GetItem') && s.Resource.includes(TABLE)), 'Read on the table');
    assert.ok(st.some((s) => s.Action.includes('dynamodb:PutItem') && s.Resource.includes(TABLE)), 'PutItem on the table');
    assert.ok(!text.includes('dynamodb:DeleteItem'), 'no other Write action');
    url = await waitLink(page, (s) => s.resources?.[0]?.levels?.includes('read') && s.resources[0].actions?.includes('dynamodb:PutItem'), 'held Read and PutItem on the table');
  });
  await withPage({ hash: new URL(url).hash }, async (page) => {
    assert.equal(await page.getByLabel('Policy text').textContent(), text);
    assert.equal(await levelButton(page, TABLE, 'Read').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await page.getByRole('list', { name: `Actions picked for ${TABLE}` }).getByRole('listitem').allTextContents(), ['dynamodb:PutItem✕']);
    const picker = await openPicker(page, TABLE);
    assert.equal(await picker.getByRole('checkbox', { name: 'dynamodb:PutItem', exact: true }).isChecked(), true);
  });
});

test('a searched kms:Decrypt goes on the key row, and on * too says it is granted twice', async () => {
  await withPage({}, async (page) => {
    await addARN(page, KEY);
    await page.getByText('kms key').first().waitFor(); // the row knows what the ARN is
    const box = page.getByRole('combobox', { name: 'Search actions' });
    await box.fill('kms:Decrypt');
    const results = page.getByRole('listbox', { name: 'Matching actions' });
    const onKey = results.getByRole('option', { name: new RegExp(`^kms:Decrypt Write on ${KEY.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(resource 1\\)`) });
    await onKey.waitFor();
    const onAll = results.getByRole('option', { name: /^kms:Decrypt Write on \* \(every key\)/ });
    assert.ok(await onAll.isVisible(), 'offered on * as well');
    await shot(page, 'rows-search.png', false);
    await onKey.click();
    let text = await waitPolicy(page, (t) => t.includes('kms:Decrypt'), 'granted kms:Decrypt');
    assert.deepEqual(grants(text), [[['kms:Decrypt'], [KEY]]]);
    assert.deepEqual(await page.getByRole('list', { name: `Actions picked for ${KEY}` }).getByRole('listitem').allTextContents(), ['kms:Decrypt✕']);
    // Put on * as well: the policy has it twice, and the page says so.
    await box.fill('kms:Decrypt');
    await onAll.click();
    text = await waitPolicy(page, (t) => JSON.parse(t).Statement.length === 2, 'granted it on * too');
    const twice = page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /granted-twice/ });
    await twice.waitFor();
    assert.match(await twice.textContent(), /kms:Decrypt is granted on "\*".*and on arn:aws:kms/);
    await shot(page, 'rows-twice.png', false);
    // The finding takes you to the grant on *, to remove it.
    await twice.click();
    assert.equal(await page.getByRole('button', { name: 'Remove kms:Decrypt', exact: true }).evaluate((el) => !!el.closest('li').contains(document.activeElement)), true);
  });
});

test('200 rows: a row asks for its actions only when its picker opens', async () => {
  await withPage({}, async (page) => {
    const arns = Array.from({ length: 200 }, (_, i) => `arn:aws:sqs:us-east-1:123456789012:queue-${i}`);
    // Count what the page asks the engine for arnActions.
    await page.evaluate(() => {
      const api = window.iamforgeAPI;
      const ask = api.arnActions;
      window.__asked = [];
      api.arnActions = (arn) => { window.__asked.push(arn); return ask(arn); };
    });
    // Pasted as a list, one ARN a line.
    await page.getByRole('textbox', { name: 'ARN to add' }).evaluate((el, text) => {
      const dt = new DataTransfer();
      dt.setData('text', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, arns.join('\n'));
    await page.getByRole('textbox', { name: 'ARN of resource 200' }).waitFor();
    await page.getByText('sqs queue').nth(199).waitFor({ state: 'attached' }); // every row matched
    assert.deepEqual(await page.evaluate(() => window.__asked), [], 'no row asked before its picker opened');
    const arn = arns[149];
    await page.getByRole('button', { name: `Pick actions for ${arn}` }).scrollIntoViewIfNeeded();
    const t0 = await page.evaluate(() => performance.now());
    const picker = await openPicker(page, arn);
    const t1 = await page.evaluate(() => performance.now());
    await picker.getByRole('checkbox', { name: 'sqs:SendMessage', exact: true }).check();
    await waitPolicy(page, (t) => t.includes('sqs:SendMessage'), 'granted sqs:SendMessage');
    const t2 = await page.evaluate(() => performance.now());
    assert.deepEqual(await page.evaluate(() => window.__asked), [arn], 'one row asked, once');
    assert.deepEqual(grants(await page.getByLabel('Policy text').textContent()), [[['sqs:SendMessage'], [arn]]]);
    // Figures for the report, not pass marks (the machine is shared): beside a level ticked on
    // another row, the same edit → write → render the builder had before.
    await levelButton(page, arns[10], 'Read').click();
    await waitPolicy(page, (t) => t.includes(arns[10]), 'granted Read on another row');
    const t3 = await page.evaluate(() => performance.now());
    console.log(`# 200 rows: picker open ${(t1 - t0).toFixed(0)} ms, pick to policy ${(t2 - t1).toFixed(0)} ms, a level ticked to policy ${(t3 - t2).toFixed(0)} ms`);
  });
});

// ---------------------------------------------------------------------------------------------
// §4 Import that helps

const RISKY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
    { Sid: 'Orders', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: TABLE },
  ],
}, null, 2);

test('an imported policy becomes the builder, its wildcard spelled out and its risk said once', async () => {
  await withPage({}, async (page) => {
    // Something in the builder before, for Undo to bring back.
    await addARN(page, 'arn:aws:s3:::before-bucket');
    await levelButton(page, 'arn:aws:s3:::before-bucket', 'Read').click();
    await waitPolicy(page, (t) => t.includes('arn:aws:s3:::before-bucket'), 'granted on the first bucket');
    await page.getByLabel('Template or policy').fill(RISKY);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await result.getByText('Policy check:').waitFor();
    // A row for the table with exactly its two actions; the s3:Get* actions on * as they are.
    assert.equal(await page.getByRole('textbox', { name: 'ARN of resource 1' }).inputValue(), TABLE);
    assert.equal(await page.getByRole('textbox', { name: 'ARN of resource 2' }).count(), 0, 'the previous rows are gone');
    assert.deepEqual(await page.getByRole('list', { name: `Actions picked for ${TABLE}` }).getByRole('listitem').allTextContents(),
      ['dynamodb:GetItem✕', 'dynamodb:PutItem✕']);
    const onAll = await page.getByRole('list', { name: 'Grant on * as they are' }).getByRole('listitem').allTextContents();
    assert.ok(onAll.includes('s3:GetObject✕') && onAll.every((a) => a.startsWith('s3:Get')), `on *: ${onAll.join(' ')}`);
    const text = await waitPolicy(page, (t) => t.includes('dynamodb:PutItem') && t.includes('"s3:GetObject"'), 'became the imported policy');
    assert.ok(!text.includes('before-bucket'), 'the previous builder output is gone');
    const onTable = grants(text).filter(([, res]) => res.includes(TABLE)).flatMap(([acts]) => acts).sort();
    assert.deepEqual(onTable, ['dynamodb:GetItem', 'dynamodb:PutItem'], 'exactly the two actions on the table');
    // The wildcard shows what it expanded to.
    const wildcard = result.getByRole('group').filter({ hasText: /^s3:Get\* grants \d+ actions/ });
    assert.ok(await wildcard.getByText(/s3:GetObject, s3:GetObjectAcl, /).isVisible(), 'the 63 actions are listed');
    // The risky grant is flagged once on the whole page, where it is in the pasted policy.
    assert.equal(await page.getByText('data-access-on-wildcard', { exact: true }).count(), 1);
    const risk = result.getByRole('button', { name: /data-access-on-wildcard/ });
    assert.match(await risk.textContent(), /statement 1, Action.*s3:Get\* on "\*" opens s3:GetObject/);
    await result.scrollIntoViewIfNeeded();
    await shot(page, 'rows-import.png', false);
    // Undo brings the previous builder back, and the import says it is undone.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await waitPolicy(page, (t) => t.includes('before-bucket') && !t.includes('dynamodb'), 'went back to the first bucket');
    await result.getByText('Undone: the builder holds what it held before this import').waitFor();
    assert.equal(await result.getByText('data-access-on-wildcard').isVisible(), false);
    assert.equal(await levelButton(page, 'arn:aws:s3:::before-bucket', 'Read').getAttribute('aria-pressed'), 'true');
  });
});

test('a policy with NotAction says what the builder could not hold, and where', async () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Keys', Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY },
      { Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    ],
  }, null, 2);
  await withPage({}, async (page) => {
    await page.getByLabel('Template or policy').fill(policy);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await result.getByText('What the builder could not hold: 1').waitFor();
    const held = result.getByRole('button', { name: /not-imported/ });
    assert.match(await held.textContent(), /line \d+:\d+ · statement 2.*statement 2 \("AllButIam"\) uses NotAction/);
    // Activating it puts the caret on the statement in the pasted text.
    await held.click();
    const at = await page.getByLabel('Template or policy').evaluate((ta) => ta.value.slice(ta.selectionStart).split('}')[0]);
    assert.match(at, /^\{\s*"Sid": "AllButIam"/, 'the caret is at the statement');
    // What it could hold is in the builder.
    const text = await waitPolicy(page, (t) => t.includes('kms:Decrypt'), 'granted kms:Decrypt');
    assert.deepEqual(grants(text), [[['kms:Decrypt'], [KEY]]]);
  });
});
