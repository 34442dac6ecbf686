// Parity: the same input gives byte-identical output through the CLI (bin/iamforge) and through
// the WebAssembly bridge (web/dist/iamforge.wasm under Node, with the toolchain's wasm_exec.js as
// built into web/dist). Run by `make test-wasm` after `make build web`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = process.env.IAMFORGE_DIST || path.join(root, 'web', 'dist');
const cli = path.join(root, 'bin', 'iamforge');
let forge;

before(async () => {
  await import(path.join(dist, 'wasm_exec.js'));
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(readFileSync(path.join(dist, 'iamforge.wasm')), go.importObject);
  go.run(instance);
  const res = JSON.parse(globalThis.iamforge.load(readFileSync(path.join(dist, 'catalog.bin')), readFileSync(path.join(dist, 'descriptions.bin'))));
  assert.ok(res.result, JSON.stringify(res.diagnostics));
  forge = globalThis.iamforge;
});

function bridge(op, req) {
  return JSON.parse(forge[op](JSON.stringify(req)));
}

function run(args, input) {
  const r = spawnSync(cli, args, { cwd: root, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(r.status === 0 || r.status === 1, `iamforge ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const templates = [
  ...readdirSync(path.join(root, 'catalog/internal/writer/testdata')).filter((f) => f.endsWith('.yml')).map((f) => `catalog/internal/writer/testdata/${f}`),
  ...readdirSync(path.join(root, 'catalog/cli/testdata/write')).filter((f) => /\.(yml|json)$/.test(f) && !f.startsWith('policy')).map((f) => `catalog/cli/testdata/write/${f}`),
  'testdata/bench/write20.yml',
];

for (const file of templates) {
  for (const [format, extra] of [['json', {}], ['yaml', {}], ['terraform', {}], ['cloudformation', {}], ['json', { minimize: true }], ['json', { explain: true }], ['terraform', { policySentry: true }]]) {
    test(`write ${file} ${format} ${JSON.stringify(extra)}`, () => {
      const args = ['write', file, '--format', format];
      if (extra.minimize) args.push('--minimize');
      if (extra.explain) args.push('--explain');
      if (extra.policySentry) args[0] = 'write-policy';
      const want = run(args);
      const got = bridge('write', { template: readFileSync(path.join(root, file), 'utf8'), file, format, ...extra });
      if (got.diagnostics.some((d) => d.severity === 'error')) {
        // The bridge still answers what could be written, for the builder to show beside the
        // errors; the CLI prints no policy (a script's `> p.json` must not get one), or with
        // --format json --explain a null policy and the same diagnostics.
        if (extra.explain && format === 'json') {
          const env = JSON.parse(want);
          assert.equal(env.policy, null);
          assert.deepEqual(env.diagnostics, got.diagnostics);
        } else {
          assert.equal(want, '', 'the CLI prints no policy when there is an error');
        }
        return;
      }
      assert.equal(got.result ? got.result.output : '', want);
    });
  }
}

for (const q of [
  { args: ['query', 'actions', '--service', 's3', '--access-level', 'read', '--format', 'json'], req: { kind: 'actions', service: 's3', access_level: 'read', format: 'json' } },
  { args: ['query', 'search', 'decrypt', '--limit', '5'], req: { kind: 'search', args: ['decrypt'], limit: 5, format: 'table' } },
  { args: ['query', 'match-arn', 'arn:aws:s3:::acme-*', '--format', 'yaml'], req: { kind: 'match-arn', args: ['arn:aws:s3:::acme-*'], format: 'yaml' } },
  { args: ['query', 'resource-types', '--service', 'lambda'], req: { kind: 'resource-types', service: 'lambda', format: 'table' } },
]) {
  test(`query ${q.args.join(' ')}`, () => {
    assert.equal(bridge('query', q.req).result.output, run(q.args));
  });
}

const policyFile = 'catalog/cli/testdata/write/policy.json';
test('expand', () => {
  const text = readFileSync(path.join(root, policyFile), 'utf8');
  for (const format of ['table', 'json', 'policy']) {
    assert.equal(bridge('expand', { policy: text, file: policyFile, format }).result.output, run(['expand', policyFile, '--format', format]));
  }
});

test('validate', () => {
  const text = readFileSync(path.join(root, policyFile), 'utf8');
  for (const format of ['table', 'json']) {
    assert.equal(bridge('validate', { policy: text, file: policyFile, format }).result.output, run(['validate', policyFile, '--format', format]));
  }
});
