// The page's words and small things (issue 12 §5), in Chromium: no command-line flag or internal
// path in what the page says, a Split option whose policies Copy takes, an ARN with no level
// yet as a hint, region and account judged as they are typed, the ARN builder saying when it
// makes a wildcard, and a 375 px screen with a jump to the policy and nothing clipped.
// Controls are found by role and accessible name. Screenshots go to web/test/screenshots/.
//
//   node --test web/test/words.test.mjs      (after make web and bin/webserve)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ready } from './harness.mjs';
import { addARN, builderSuite, levelButton, shot, waitLink, waitPolicy } from './builder.mjs';

const { withPage } = builderSuite();

/** Everything the page says (visible text, labels, notes), to look for words it must not use. */
const pageWords = (page) => page.evaluate(() => document.body.innerText + ' ' +
  [...document.querySelectorAll('[aria-label], [title], [placeholder]')].map((el) => `${el.getAttribute('aria-label') || ''} ${el.title || ''} ${el.placeholder || ''}`).join(' '));

const FLAG_OR_PATH = /(^|\s)--[a-z]|\b[a-z]+\[\d+\]/;


// ---------------------------------------------------------------------------------------------

test('over the size limit, Split gives policies within it, which Copy takes; no flag is named', async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    for (const arn of ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*']) {
      await addARN(page, arn);
      await levelButton(page, arn, 'Read').click();
      await levelButton(page, arn, 'Write').click();
    }
    await page.getByLabel('Size limit').selectOption({ label: 'User inline (2,048)' });
    await waitPolicy(page, (t) => t.includes('s3:PutObject'), 'granted s3:PutObject');
    const sizeText = page.locator('#size-text');
    await page.getByText(/over the user inline policy limit/i).first().waitFor();
    const problems = page.getByRole('list', { name: 'Problems' });
    assert.match(await problems.textContent(), /over the user-inline limit of 2048; minimize shortens action lists; split writes several policies/);
    assert.doesNotMatch(await pageWords(page), FLAG_OR_PATH);

    await page.getByRole('checkbox', { name: 'Split into several policies within the limit' }).check();
    await page.waitForFunction(() => /^Split into \d+ policies/.test(document.getElementById('size-text').textContent));
    assert.match(await sizeText.textContent(), /^Split into \d+ policies within the user inline policy limit of 2,048 characters each/i);
    const text = await waitPolicy(page, (t) => t.trim().startsWith('['), 'became a list of policies');
    const parts = JSON.parse(text);
    assert.ok(parts.length >= 2, `${parts.length} policies`);
    for (const p of parts) assert.ok(JSON.stringify(p).replace(/\s/g, '').length <= 2048);
    assert.match(await problems.textContent(), /split into \d+ policies/);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    // And one at a time: the first policy alone, the second as its own file.
    const split = page.getByRole('list', { name: 'Policies of the split' });
    assert.equal(await split.getByRole('listitem').count(), parts.length);
    await split.getByRole('button', { name: 'Copy policy 1', exact: true }).click();
    await split.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), parts[0]);
    const [download] = await Promise.all([page.waitForEvent('download'), split.getByRole('button', { name: 'Download policy 2', exact: true }).click()]);
    assert.equal(download.suggestedFilename(), 'policy-2.json');
    assert.deepEqual(JSON.parse(fs.readFileSync(await download.path(), 'utf8')), parts[1]);
    await shot(page, 'words-split.png', false);
    // The link keeps it: a reload opens it split.
    await waitLink(page, (s) => s.split, 'held the split');
    await page.reload();
    await ready(page);
    assert.equal(await page.getByRole('checkbox', { name: 'Split into several policies within the limit' }).isChecked(), true);
    assert.doesNotMatch(await pageWords(page), FLAG_OR_PATH);
  });
});

test('an ARN with no level yet is a hint, not an error', async () => {
  await withPage({}, async (page) => {
    const arn = 'arn:aws:s3:::just-added';
    await addARN(page, arn);
    await page.getByText(/^Choose what to allow on it: List, Read, Write, Permissions management or Tagging, or pick single actions\.$/).waitFor();
    // The update has run its course (the row says what the ARN is; the link, encoded after any
    // write, holds the row) and said nothing red.
    await page.getByText('s3 bucket', { exact: false }).first().waitFor();
    await waitLink(page, (s) => s.resources?.length === 1 && !s.resources[0].levels, 'held the row without a level');
    assert.equal(await page.getByRole('list', { name: 'Problems' }).isVisible(), false);
    assert.equal(await page.getByText(/every entry above was dropped/).count(), 0);
    assert.equal(await page.getByText('Your policy appears here.').isVisible(), true);
    await levelButton(page, arn, 'Read').click();
    await waitPolicy(page, (t) => t.includes('s3:GetBucketLocation'), 'granted s3:GetBucketLocation');
  });
});

test('region and account are judged as they are typed, by their fields', async () => {
  await withPage({ viewport: { width: 1280, height: 1400 } }, async (page) => {
    await addARN(page, 'arn:aws:s3:::b');
    await levelButton(page, 'arn:aws:s3:::b', 'Read').click();
    await waitPolicy(page, (t) => t.includes('s3:'), 'was written');
    const region = page.getByRole('textbox', { name: 'Region' });
    const account = page.getByRole('textbox', { name: 'Account' });
    await region.pressSequentially('us-east-99');
    // No blur: the field is still focused when the engine's warning shows beside it.
    await page.waitForFunction(() => document.getElementById('opt-region-diags').textContent.startsWith('Warning region "us-east-99" is not a name AWS gives regions'));
    assert.equal(await region.evaluate((el) => el === document.activeElement), true);
    assert.match(await region.getAttribute('aria-describedby'), /opt-region-diags/);
    await account.pressSequentially('12345');
    // Waited for as a whole, not seen and then read: a fresh-clone CI run once read it empty
    // just after it had shown (the field is drawn again with each answer of the engine).
    await page.waitForFunction(() => document.getElementById('opt-account-diags').textContent ===
      'Error account "12345": want a 12-digit account ID, like 123456789012' &&
      document.getElementById('opt-account').getAttribute('aria-invalid') === 'true');
    await shot(page, 'words-fields.png', false);
    // Good values: the notes go.
    await region.fill('eu-west-1');
    await account.fill('123456789012');
    await page.waitForFunction(() => !document.getElementById('opt-region-diags').textContent && !document.getElementById('opt-account-diags').textContent);
    assert.equal(await account.getAttribute('aria-invalid'), null);
  });
});

test('what is typed into region is one step of undo, not one a key', async () => {
  await withPage({ viewport: { width: 1280, height: 1400 } }, async (page) => {
    await addARN(page, 'arn:aws:sqs:us-east-1:123456789012:jobs');
    await levelButton(page, 'arn:aws:sqs:us-east-1:123456789012:jobs', 'Read').click();
    await waitPolicy(page, (t) => t.includes('sqs:'), 'was written');
    const region = page.getByRole('textbox', { name: 'Region' });
    await region.pressSequentially('eu-west-1');
    await region.blur();
    await page.getByRole('textbox', { name: 'Account' }).pressSequentially('123456789012');
    await page.getByRole('textbox', { name: 'Account' }).blur();
    // Undo takes the account back whole, then the region whole, then the level.
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await undo.click();
    await page.waitForFunction(() => document.getElementById('opt-account').value === '');
    assert.equal(await region.inputValue(), 'eu-west-1');
    await undo.click();
    await page.waitForFunction(() => document.getElementById('opt-region').value === '');
    await undo.click();
    await levelButton(page, 'arn:aws:sqs:us-east-1:123456789012:jobs', 'Read').and(page.locator('[aria-pressed="false"]')).waitFor();
  });
});

test('the ARN builder says when the ARN it makes is a wildcard', async () => {
  await withPage({}, async (page) => {
    await page.getByRole('button', { name: 'Build an ARN from its format' }).click();
    const service = page.getByRole('combobox', { name: 'Service', exact: true });
    await service.fill('sqs');
    await page.getByRole('option', { name: /^sqs\b/ }).click();
    await page.getByRole('textbox', { name: 'QueueName' }).waitFor();
    const preview = page.locator('#ab-preview');
    assert.equal(await preview.textContent(), 'arn:aws:sqs:*:*:*');
    assert.match(await page.locator('#ab-wildcard').textContent(), /^A wildcard: Region, Account and QueueName are empty, so they stand for \* and this ARN covers every value there\./);
    assert.equal(await page.getByRole('button', { name: 'Add this wildcard ARN' }).isVisible(), true);
    await shot(page, 'words-wildcard.png', false);
    await page.getByRole('textbox', { name: 'Region' }).first().fill('us-east-1');
    await page.getByRole('textbox', { name: 'Account' }).first().fill('123456789012');
    await page.getByRole('textbox', { name: 'QueueName' }).fill('jobs');
    assert.equal(await preview.textContent(), 'arn:aws:sqs:us-east-1:123456789012:jobs');
    assert.equal(await page.locator('#ab-wildcard').isVisible(), false);
    await page.getByRole('button', { name: 'Add this ARN', exact: true }).click();
    await page.getByRole('group', { name: 'Access levels for arn:aws:sqs:us-east-1:123456789012:jobs', exact: true }).waitFor();
  });
});

test('375 px: a jump to the policy without scrolling, no horizontal scroll, the condition fields whole', async () => {
  await withPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }, async (page) => {
    const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
    await addARN(page, arn);
    await levelButton(page, arn, 'Read').click();
    await waitPolicy(page, (t) => t.includes('dynamodb:GetItem'), 'granted dynamodb:GetItem');
    await waitLink(page, (s) => s.resources?.[0]?.levels?.includes('read'), 'held Read');
    await page.evaluate(() => window.scrollTo(0, 0));
    const jump = page.getByRole('button', { name: /^Policy/ });
    await page.waitForFunction(() => /characters/.test(document.getElementById('policy-jump-summary').textContent));
    assert.match(await jump.textContent(), /^Policy — [\d,]+ characters$/);
    const inView = (loc) => loc.evaluate((el) => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; });
    assert.equal(await inView(jump), true, 'the jump is on screen before any scrolling');
    assert.equal(await inView(page.getByRole('heading', { name: 'Policy', exact: true })), false, 'the policy starts below the screen');
    await shot(page, 'words-375-top.png', false);
    await jump.click();
    await page.waitForFunction(() => { const r = document.getElementById('policy-heading').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'policy-heading');
    assert.equal(await page.evaluate(() => location.hash.startsWith('#s1.')), true, 'the link is still the builder\'s');
    await page.waitForFunction(() => getComputedStyle(document.getElementById('policy-jump')).display === 'none');
    await shot(page, 'words-375-policy.png', false);

    // The add-condition form, open: every field within its card, nothing wider than the page.
    await page.getByRole('button', { name: 'Add a condition' }).click();
    const appliesTo = page.getByRole('combobox', { name: 'Applies to' });
    await appliesTo.selectOption({ label: 'Permissions management' });
    // The longest key the list offers, as a cloud engineer might pick it.
    const keySelect = page.getByLabel('Condition key');
    await keySelect.focus();
    await page.waitForFunction(() => document.getElementById('cond-key').options.length > 1);
    const longest = await keySelect.evaluate((s) => [...s.options].reduce((a, o) => (o.text.length > a.text.length ? o : a)).value);
    await keySelect.selectOption(longest);
    await appliesTo.scrollIntoViewIfNeeded();
    const fits = await page.evaluate(() => {
      const form = document.getElementById('cond-form');
      const card = form.closest('.card').getBoundingClientRect();
      const out = [];
      for (const el of form.querySelectorAll('select, input')) {
        const r = el.getBoundingClientRect();
        if (r.width && (r.left < card.left || r.right > card.right)) out.push(`${el.id} ${r.left}–${r.right} outside ${card.left}–${card.right}`);
      }
      if (form.scrollWidth > form.clientWidth) out.push(`the form scrolls: ${form.scrollWidth} > ${form.clientWidth}`);
      const level = document.getElementById('cond-level');
      if (level.scrollWidth > level.clientWidth) out.push(`Applies to is clipped: ${level.scrollWidth} > ${level.clientWidth}`);
      return out;
    });
    assert.deepEqual(fits, []);
    // A condition added: its row's fields (operator, values, what it applies to) within the card.
    await page.getByLabel('Condition key').selectOption('aws:SecureTransport');
    await page.getByRole('button', { name: 'Add condition' }).click();
    const rowLevel = page.getByRole('combobox', { name: 'Access level aws:SecureTransport applies to' });
    await rowLevel.selectOption({ label: 'Permissions management' });
    await rowLevel.scrollIntoViewIfNeeded();
    const rowFits = await page.evaluate(() => {
      const list = document.getElementById('condition-list');
      const card = list.closest('.card').getBoundingClientRect();
      const out = [];
      for (const el of list.querySelectorAll('select, input, button')) {
        const r = el.getBoundingClientRect();
        if (r.left < card.left || r.right > card.right) out.push(`${el.getAttribute('aria-label')} ${r.left}–${r.right} outside ${card.left}–${card.right}`);
        if (el.tagName === 'SELECT' && el.scrollWidth > el.clientWidth) out.push(`${el.getAttribute('aria-label')} is clipped`);
      }
      return out;
    });
    assert.deepEqual(rowFits, []);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no horizontal scroll');
    await shot(page, 'words-375-conditions.png', false);
  });
});
