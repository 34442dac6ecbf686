// End-to-end tests of the embedded widget, <iamforge-policy> (web/iamforge-embed.js), on its demo
// pages (web/demo/, built into web/dist/demo/): bin/webserve serves them on 127.0.0.1 with the
// builder's Content-Security-Policy, and Debian's Chromium, driven by playwright-core, uses them
// as readers do — every control is found by role and accessible name, through the widgets'
// Shadow DOM. Every test fails on a console error, a page error or a request to another origin.
// What a widget shows is held to bin/iamforge: the same template gives the same bytes.
// Screenshots of every demo page go to web/test/screenshots/embed-*.png (git-ignored).
//
//   make test-web        (builds web/dist, bin/webserve and bin/iamforge first)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { launch, root, startServer } from './harness.mjs';

const shots = path.join(root, 'web/test/screenshots');
const cli = path.join(root, 'bin/iamforge');

let server;
let browser;

before(async () => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run make build (make test-web does)`);
  fs.mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.stop();
});

/**
 * Opens a demo page in a fresh context, runs fn(page, context, seen), then checks that nothing
 * went wrong: no console error (but those allow matches), no page error, no request anywhere but
 * 127.0.0.1. seen lists the paths the page requested, in order.
 */
async function withPage(demo, options, fn) {
  const { allow = null, init = null, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const seen = [];
  page.on('console', (m) => { if (m.type() === 'error' && !(allow && allow.test(m.text()))) problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'blob:' || u.protocol === 'data:') return;
    if (u.hostname !== '127.0.0.1') problems.push(`request to another origin: ${r.url()}`);
    else seen.push(u.pathname);
  });
  try {
    if (init) await page.addInitScript(init);
    await page.goto(`${server.url}demo/${demo}`);
    await fn(page, context, seen);
    assert.deepEqual(problems, [], 'the page reported problems');
  } finally {
    await context.close();
  }
}

/** The widget labelled name. */
const widget = (page, name) => page.getByRole('group', { name, exact: true });
const policyOf = (w) => w.getByRole('region', { name: 'Policy', exact: true });

/** Waits (up to a generous deadline, never a guess at speed) until get() satisfies pred. */
async function until(get, pred, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await get();
    if (pred(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what} never happened; last: ${typeof last === 'string' ? last.slice(0, 600) : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The policy text of a widget once it shows one. */
async function policyText(w) {
  await policyOf(w).waitFor();
  return policyOf(w).textContent();
}

/** Scrolls every widget of the page into view in turn, so that all of them load. */
async function scrollThrough(page) {
  for (const h of await page.locator('iamforge-policy').elementHandles()) await h.scrollIntoViewIfNeeded();
}

/** What bin/iamforge writes for a template text: {status, stdout, stderr}. */
function cliWrite(text, args = []) {
  const r = spawnSync(cli, ['write', '-', ...args], { input: text, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `iamforge write: exit ${r.status}: ${r.stderr}`);
  return r;
}

function fill(template, values) {
  return template.replace(/\$\{(\w+)\}/g, (m, n) => (n in values ? values[n] : m));
}

const demoFile = (p) => fs.readFileSync(path.join(root, 'web/demo', p), 'utf8');

/** Presses key until locator has the focus. */
async function pressUntil(page, locator, key = 'Tab', max = 80) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el.getRootNode().activeElement === el).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${key} never reached ${locator}`);
}

const shot = (page, name) => page.screenshot({ path: path.join(shots, `embed-${name}.png`), fullPage: true });

const BACKUP = { Account: '111122223333', Region: 'us-east-1', BucketName: 'my-bucket', TableName: 'backup-manifests' };
const DEPLOY = { Account: '111122223333', Region: 'us-east-1', FunctionName: 'acme-backup' };

// ---------------------------------------------------------------------------------------------

test('two widgets render what iamforge write prints; filling ${Account} in one changes only that one', async () => {
  await withPage('plain.html', {}, async (page) => {
    await scrollThrough(page);
    const backup = widget(page, 'acme-backup role');
    const deploy = widget(page, 'Deploy job');
    const backupText = await policyText(backup);
    const deployText = await policyText(deploy);
    assert.equal(backupText, cliWrite(fill(demoFile('templates/backup-reader.yml'), BACKUP)).stdout);
    assert.equal(deployText, cliWrite(fill(demoFile('templates/deployer.yml'), DEPLOY), ['--format', 'terraform']).stdout);
    assert.equal(await deploy.getByRole('combobox', { name: 'Format' }).inputValue(), 'terraform');

    await backup.getByRole('textbox', { name: 'Account', exact: true }).fill('999988887777');
    const filled = await until(() => policyOf(backup).textContent(), (t) => t.includes('999988887777'), 'the backup policy taking the account');
    assert.equal(filled, cliWrite(fill(demoFile('templates/backup-reader.yml'), { ...BACKUP, Account: '999988887777' })).stdout);
    assert.equal(await policyOf(deploy).textContent(), deployText, 'the other widget must not change');
    assert.equal(await deploy.getByRole('textbox', { name: 'Account', exact: true }).inputValue(), '111122223333');
    await shot(page, 'plain');
  });
});

test('Copy puts the filled policy on the clipboard; Download saves it in the chosen format', async () => {
  await withPage('plain.html', { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const w = widget(page, 'acme-backup role');
    await w.scrollIntoViewIfNeeded();
    await policyText(w);
    await w.getByRole('textbox', { name: 'BucketName', exact: true }).fill('reader-bucket');
    const text = await until(() => policyOf(w).textContent(), (t) => t.includes('arn:aws:s3:::reader-bucket'), 'the policy taking the bucket');
    await w.getByRole('button', { name: 'Copy', exact: true }).click();
    await w.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    assert.equal(text, cliWrite(fill(demoFile('templates/backup-reader.yml'), { ...BACKUP, BucketName: 'reader-bucket' })).stdout);

    await w.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'YAML' });
    const yaml = await until(() => policyOf(w).textContent(), (t) => t.startsWith('Version:'), 'the policy turning YAML');
    assert.equal(yaml, cliWrite(fill(demoFile('templates/backup-reader.yml'), { ...BACKUP, BucketName: 'reader-bucket' }), ['--format', 'yaml']).stdout);
    const [download] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: 'Download' }).click()]);
    assert.equal(download.suggestedFilename(), 'policy.yaml');
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), yaml);
  });
});

test('"Open in the builder" opens the builder on the same policy', async () => {
  await withPage('plain.html', {}, async (page, context) => {
    const w = widget(page, 'Deploy job');
    await w.scrollIntoViewIfNeeded();
    const text = await policyText(w);
    const link = w.getByRole('link', { name: 'Open in the builder' });
    assert.match(await link.getAttribute('href'), new RegExp(`^${server.url}index\\.html#s1\\.`));
    const [builder] = await Promise.all([context.waitForEvent('page'), link.click()]);
    const builderProblems = [];
    builder.on('console', (m) => { if (m.type() === 'error') builderProblems.push(m.text()); });
    await builder.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30000 });
    assert.equal(await builder.getByLabel('Policy text').textContent(), text);
    assert.equal(await builder.getByLabel('Format').inputValue(), 'terraform');
    assert.deepEqual(builderProblems, []);
  });
});

test('the hostile page does not break the widget', async () => {
  await withPage('hostile.html', { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const w = widget(page, 'Hostile page policy');
    const text = await policyText(w);
    assert.equal(text, cliWrite('mode: crud\nread:\n- arn:aws:s3:::survivor\nwrite:\n- arn:aws:sqs:us-east-1:111122223333:jobs\n').stdout);
    const look = await policyOf(w).evaluate((pre) => {
      const root = pre.getRootNode().querySelector('.root');
      const s = getComputedStyle(pre);
      const r = getComputedStyle(root);
      const box = root.getBoundingClientRect();
      return { preFont: s.fontSize, preColor: s.color, whiteSpace: s.whiteSpace, rootFont: r.fontSize, rootColor: r.color,
        transform: r.textTransform, hostDisplay: getComputedStyle(root.getRootNode().host).display, width: box.width, height: box.height };
    });
    assert.equal(look.hostDisplay, 'block');
    assert.equal(look.rootFont, '14px');
    assert.equal(look.preFont, '12.5px');
    assert.equal(look.whiteSpace, 'pre');
    assert.equal(look.transform, 'none');
    assert.notEqual(look.rootColor, 'rgb(255, 0, 255)');
    assert.notEqual(look.preColor, 'rgb(255, 0, 255)');
    assert.ok(look.width > 600 && look.height > 300 && look.height < 1200, `the widget's box: ${look.width}×${look.height}`);
    await w.getByRole('textbox', { name: 'Account', exact: true }).fill('444455556666');
    await until(() => policyOf(w).textContent(), (t) => t.includes('444455556666'), 'the policy taking the account');
    await w.getByRole('button', { name: 'Copy', exact: true }).click();
    await w.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /arn:aws:sqs:us-east-1:444455556666:jobs/);
    await shot(page, 'hostile');
  });
});

/** Counts WebAssembly compilations: every compile, and every instantiation from bytes. */
function countCompiles() {
  window.__wasmCompiles = 0;
  const W = WebAssembly;
  for (const name of ['compile', 'compileStreaming', 'instantiateStreaming']) {
    const f = W[name];
    if (f) W[name] = function (...args) { window.__wasmCompiles++; return f.apply(this, args); };
  }
  const inst = W.instantiate;
  W.instantiate = function (src, ...rest) {
    if (!(src instanceof W.Module)) window.__wasmCompiles++;
    return inst.call(this, src, ...rest);
  };
}

test('ten widgets fetch and compile the engine once, and share one engine worker', async () => {
  await withPage('ten.html', { init: countCompiles }, async (page, context, seen) => {
    await scrollThrough(page);
    const texts = [];
    for (let i = 1; i <= 10; i++) {
      const w = page.getByRole('group', { name: new RegExp(`^Policy ${i}: `) });
      texts.push(await policyText(w));
      assert.equal(await w.getByRole('button', { name: 'Copy', exact: true }).isEnabled(), true);
    }
    assert.equal(new Set(texts).size, 10, 'ten different policies');
    const count = (file) => seen.filter((p) => p.endsWith(`/${file}`)).length;
    assert.equal(count('iamforge.wasm'), 1, `iamforge.wasm fetched ${count('iamforge.wasm')} times`);
    assert.equal(count('catalog.bin'), 1);
    assert.equal(count('iamforge.js'), 1);
    assert.equal(count('descriptions.bin'), 0, 'the widget needs no descriptions');
    // The worker fetches the engine once and compiles it as it streams in; the reader's page
    // thread compiles nothing.
    assert.equal(await page.evaluate(() => window.__wasmCompiles), 0);
    // The engine runs off the reader's page thread, in the builder's worker: one for all ten.
    assert.deepEqual(page.workers().map((w) => new URL(w.url()).pathname), ['/engine-worker.js']);
    await shot(page, 'ten');
  });
});

test('keyboard only: fill a placeholder, switch the format, copy', async () => {
  await withPage('plain.html', { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const w = widget(page, 'acme-backup role');
    await policyText(w);
    await page.locator('body').focus();
    const region = w.getByRole('textbox', { name: 'Region', exact: true });
    await pressUntil(page, region);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('eu-central-1');
    await until(() => policyOf(w).textContent(), (t) => t.includes('arn:aws:dynamodb:eu-central-1:'), 'the policy taking the region');
    const format = w.getByRole('combobox', { name: 'Format' });
    await pressUntil(page, format, 'Shift+Tab');
    await page.keyboard.press('ArrowDown'); // JSON → YAML
    assert.equal(await format.inputValue(), 'yaml');
    const yaml = await until(() => policyOf(w).textContent(), (t) => t.startsWith('Version:'), 'the policy turning YAML');
    await pressUntil(page, w.getByRole('button', { name: 'Copy', exact: true }));
    await page.keyboard.press('Enter');
    await w.getByRole('button', { name: 'Copied ✓' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), yaml);
    assert.equal(yaml, cliWrite(fill(demoFile('templates/backup-reader.yml'), { ...BACKUP, Region: 'eu-central-1' }), ['--format', 'yaml']).stdout);
    // The policy itself takes the focus, to scroll it by keyboard.
    await pressUntil(page, policyOf(w));
  });
});

test('a bad template shows the engine\'s diagnostics in the widget, and no policy', async () => {
  await withPage('errors.html', { allow: /Failed to load resource: the server responded with a status of 404/ }, async (page) => {
    const w = widget(page, 'Bad template');
    const problems = w.getByRole('list', { name: 'Problems' });
    await problems.waitFor();
    const items = await problems.getByRole('listitem').allTextContents();
    const template = 'mode: crud\nread:\n- arn:aws:s3:::acme-config\n- not-an-arn\nwrit:\n- arn:aws:dynamodb:us-east-1:123456789012:table/orders\n';
    const stderr = cliWrite(template).stderr;
    assert.equal(items.length, stderr.trim().split('\n').length, `the widget says:\n${items.join('\n')}\nthe CLI says:\n${stderr}`);
    for (const item of items) {
      const [, code] = /\[([a-z-]+)\]$/.exec(item);
      const message = item.replace(/^(error|warning|info) (line \d+:\d+ )?(\([^)]*\) )?/, '').replace(/ \[[a-z-]+\]$/, '');
      assert.ok(stderr.includes(`${message} [${code}]`), `"${message} [${code}]" is not what the CLI says:\n${stderr}`);
    }
    assert.match(items.join('\n'), /line 4:3 \(read\[1\]\) "not-an-arn" is not an ARN/);
    assert.match(items.join('\n'), /unknown key "writ" \(did you mean "write"\?\)/);
    assert.match(await w.textContent(), /The template has 2 errors, so no policy is written/);
    assert.equal(await policyOf(w).isVisible(), false);
    assert.equal(await w.getByRole('button', { name: 'Copy', exact: true }).isDisabled(), true);
  });
});

test('a src= that 404s, is a web page, is not a template, or is on another origin says so', async () => {
  await withPage('errors.html', { allow: /Failed to load resource: the server responded with a status of 404/ }, async (page, context, seen) => {
    await scrollThrough(page);
    const alert = (name) => widget(page, name).getByRole('alert');
    assert.match(await alert('Missing template').textContent(), /templates\/missing\.yml could not be loaded: HTTP 404/);
    assert.match(await alert('Web page as template').textContent(), /plain\.html is not a template: the server answered with a web page \(text\/html\)/);
    assert.match(await alert('Foreign template').textContent(), /is on another origin \(https:\/\/example\.com\)/);
    const notes = widget(page, 'Notes as template');
    const problems = await notes.getByRole('list', { name: 'Problems' }).textContent();
    assert.match(problems, /the template has no mode/);
    assert.match(problems, /\[missing-key\]/);
    assert.match(await alert('Empty widget').textContent(), /There is no template/);
    for (const name of ['Missing template', 'Web page as template', 'Foreign template', 'Notes as template', 'Empty widget']) {
      assert.equal(await policyOf(widget(page, name)).isVisible(), false, `${name} shows no policy`);
    }
    assert.ok(!seen.some((p) => p.endsWith('role.yml')), 'nothing is asked of another origin');
    await shot(page, 'errors');
  });
});

test('an attribute value the widget does not take is said, and the default used', async () => {
  await withPage('errors.html', { allow: /Failed to load resource: the server responded with a status of 404/ }, async (page) => {
    const w = widget(page, 'Unknown attribute values');
    const notes = await w.getByRole('list', { name: 'Notes' }).getByRole('listitem').allTextContents();
    assert.deepEqual(notes, [
      'mode="write" is not a value it takes (readonly, editable); using readonly.',
      'theme="neon" is not a value it takes (auto, light, dark); using auto.',
      'format="xml" is not a value it takes (json, yaml, terraform, cloudformation); using json.',
      'target="huge" is not a value it takes (managed, role-inline, group-inline, user-inline, trust); using managed.',
      'dependent-actions="some" is not a value it takes (scoped, wildcard, none); using the template\'s own.',
    ]);
    assert.equal(await policyText(w), cliWrite('mode: crud\nread:\n- arn:aws:s3:::acme-config\n').stdout);
  });
});

test('a value no ARN can hold is refused in the widget, and the policy waits for a good one', async () => {
  await withPage('errors.html', { allow: /Failed to load resource: the server responded with a status of 404/ }, async (page) => {
    const w = widget(page, 'Bad placeholder value');
    await w.scrollIntoViewIfNeeded();
    const bucket = w.getByRole('textbox', { name: 'BucketName', exact: true });
    assert.equal(await bucket.getAttribute('aria-invalid'), 'true');
    assert.match(await w.textContent(), /BucketName cannot be "acme#backups": "#" cannot be in an ARN/);
    assert.match(await w.textContent(), /placeholders names Prefix, which the template does not hold/);
    assert.equal(await policyOf(w).isVisible(), false);
    for (const [value, why] of [['my bucket', 'a space'], ['bucket"x', `'"'`], ['b\u00e9', '"\u00e9"']]) {
      await bucket.fill(value);
      await until(() => w.textContent(), (t) => t.includes(`BucketName cannot be "${value}": ${why} cannot be in an ARN`), `refusing ${value}`);
      assert.equal(await w.getByRole('button', { name: 'Copy', exact: true }).isDisabled(), true);
    }
    await bucket.fill('acme-backups');
    assert.equal(await policyText(w), cliWrite('mode: crud\nread:\n- arn:aws:s3:::acme-backups\n').stdout);
    assert.equal(await bucket.getAttribute('aria-invalid'), 'false');
  });
});

test('editable: the reader edits the template, and the policy and its diagnostics follow', async () => {
  await withPage('plain.html', {}, async (page) => {
    const w = widget(page, 'Your template');
    await w.scrollIntoViewIfNeeded();
    await policyText(w);
    const editor = w.getByRole('textbox', { name: 'Template' });
    await editor.fill('mode: crud\nwrite:\n- arn:aws:sqs:us-east-1:${Account}:jobs\n');
    const text = await until(() => policyOf(w).textContent(), (t) => t.includes('sqs:SendMessage'), 'the policy following the edit');
    assert.equal(text, cliWrite('mode: crud\nwrite:\n- arn:aws:sqs:us-east-1:111122223333:jobs\n').stdout);
    await editor.fill('mode: crud\nwrite: 5\n');
    const problems = w.getByRole('list', { name: 'Problems' });
    await until(() => problems.textContent().catch(() => ''), (t) => /line 2:8/.test(t) && /\[invalid-type\]/.test(t), 'the type error');
    assert.equal(await policyOf(w).isVisible(), false);
  });
});

test('the engine loads only when the first widget nears the viewport', async () => {
  await withPage('below-the-fold.html', {}, async (page, context, seen) => {
    // Every widget is connected and has been told by IntersectionObserver that it is far away:
    // an observer made after the widgets' own gets its first notice after theirs.
    await page.evaluate(() => customElements.whenDefined('iamforge-policy'));
    await page.evaluate(() => new Promise((resolve) => {
      const io = new IntersectionObserver(() => { io.disconnect(); requestAnimationFrame(() => requestAnimationFrame(resolve)); });
      for (const el of document.querySelectorAll('iamforge-policy')) io.observe(el);
    }));
    const engineFiles = ['iamforge.js', 'iamforge.wasm', 'catalog.bin', 'wasm_exec.js'];
    assert.deepEqual(seen.filter((p) => engineFiles.some((f) => p.endsWith(`/${f}`))), [], 'nothing of the engine before the widgets near');
    assert.match(await widget(page, 'Far policy 1').getByRole('status').textContent(), /Loading the policy engine/);
    await widget(page, 'Far policy 1').scrollIntoViewIfNeeded();
    const text = await policyText(widget(page, 'Far policy 1'));
    assert.equal(text, cliWrite('mode: crud\nread:\n- arn:aws:s3:::far-away\n').stdout);
    await policyText(widget(page, 'Far policy 2'));
    for (const f of engineFiles) assert.equal(seen.filter((p) => p.endsWith(`/${f}`)).length, 1, f);
  });
});

test('without WebAssembly the widget shows the template and says why', async () => {
  await withPage('below-the-fold.html', { init: () => { delete globalThis.WebAssembly; } }, async (page, context, seen) => {
    const w = widget(page, 'Far policy 1');
    await w.scrollIntoViewIfNeeded();
    await until(() => w.getByRole('status').textContent(), (t) => /cannot run WebAssembly/.test(t), 'the note');
    assert.match(await w.getByRole('region', { name: 'Template' }).textContent(), /arn:aws:s3:::far-away/);
    assert.equal(await policyOf(w).isVisible(), false);
    assert.ok(!seen.some((p) => p.endsWith('.wasm')), 'no wasm asked for');
  });
});

test('the theme follows the reader\'s system unless the attribute says', async () => {
  const background = (page, name) => widget(page, name).evaluate((el) => getComputedStyle(el).backgroundColor);
  for (const scheme of ['light', 'dark']) {
    await withPage('ten.html', { colorScheme: scheme }, async (page) => {
      const auto = await background(page, 'Policy 1: Read one bucket');
      const dark = await background(page, 'Policy 10: Assume the deployer');
      assert.equal(auto, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)', `auto in a ${scheme} system`);
      assert.equal(dark, 'rgb(13, 17, 23)', 'theme="dark" whatever the system');
    });
  }
});

test('from a sub-path of another host, the widget finds its engine beside itself, and links to the builder there', async () => {
  // The site of a docs host that serves the built files at /docs/iamforge/ and has an index of
  // its own: bin/webserve on a folder that holds web/dist under that path.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamforge-embed-subpath-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>docs</title>');
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.symlinkSync(path.join(root, 'web/dist'), path.join(dir, 'docs/iamforge'));
  const docs = await startServer(dir);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${docs.url}docs/iamforge/demo/plain.html`);
    const w = widget(page, 'Deploy job');
    await w.scrollIntoViewIfNeeded();
    assert.equal(await policyText(w), cliWrite(fill(demoFile('templates/deployer.yml'), DEPLOY), ['--format', 'terraform']).stdout);
    assert.match(await w.getByRole('link', { name: 'Open in the builder' }).getAttribute('href'), new RegExp(`^${docs.url}docs/iamforge/index\\.html#s1\\.`));
    const outside = asked.filter((p) => !p.startsWith('/docs/iamforge/'));
    assert.deepEqual(outside, [], 'every file comes from beside the script');
  } finally {
    await context.close();
    docs.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without JavaScript, a template written in a <pre> stays readable', async () => {
  await withPage('plain.html', { javaScriptEnabled: false }, async (page) => {
    assert.match(await page.getByText('arn:aws:secretsmanager:us-east-1:${Account}:secret:acme-backup/*').textContent(), /^mode: crud/);
  });
});

test('every demo page renders every widget, with no console error and no foreign request', async () => {
  const pages = fs.readdirSync(path.join(root, 'web/demo')).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 8, pages.join(' '));
  for (const demo of pages) {
    for (const colorScheme of ['light', 'dark']) {
      const allow = demo === 'errors.html' ? /Failed to load resource: the server responded with a status of 404/ : null;
      await withPage(demo, { colorScheme, allow }, async (page) => {
        await scrollThrough(page);
        const settled = () => page.locator('iamforge-policy').evaluateAll((els) => els.map((el) => {
          const status = el.shadowRoot.querySelector('[role=status], [role=alert]');
          return status && !status.hidden && /^Loading/.test(status.textContent) ? 'loading' : 'settled';
        }));
        await until(settled, (s) => s.every((x) => x === 'settled'), `every widget of ${demo} settling`);
        if (demo !== 'errors.html') {
          const shown = await page.locator('iamforge-policy').evaluateAll((els) => els.map((el) => !el.shadowRoot.querySelector('.policy').hidden));
          assert.ok(shown.every(Boolean), `${demo}: every widget shows a policy (${shown})`);
        }
        await page.evaluate(() => scrollTo(0, 0));
        await shot(page, `${demo.replace('.html', '')}-${colorScheme}`);
      });
    }
  }
});
