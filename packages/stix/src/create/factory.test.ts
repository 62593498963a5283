import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFactory } from './factory.js';
import { at, stixError, T0 } from './test-clock.js';

const now = at(T0);
const ME = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const defaults = {
  created_by_ref: ME,
  object_marking_refs: [TLP_GREEN],
  external_references: [{ source_name: 'acme', external_id: 'A-1' }],
  lang: 'en',
  confidence: 80,
} as const;
const tool20 = { labels: ['remote-access'], name: 'rat' };

test('factory (2.1): defaults apply to SDOs', () => {
  const f = createFactory({ ...defaults, now });
  const t = f.create('tool', { name: 'rat' });
  assert.equal(t.created_by_ref, ME);
  assert.deepEqual(t.object_marking_refs, [TLP_GREEN]);
  assert.equal(t.lang, 'en');
  assert.equal(t.confidence, 80);
  assert.equal(t.created, T0);
});

test('factory (2.1): SCOs take only the marking defaults (§3.2: no created_by_ref, lang, confidence, external_references)', () => {
  const f = createFactory({ ...defaults, now });
  const ip = f.create('ipv4-addr', { value: '198.51.100.3' });
  assert.deepEqual(Object.keys(ip), ['type', 'spec_version', 'id', 'object_marking_refs', 'value']);
  assert.equal(ip.id, 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
});

test('factory (2.1): a marking-definition takes created_by_ref but not lang or confidence (§7.2.1)', () => {
  const f = createFactory({ ...defaults, object_marking_refs: undefined, now });
  const m = f.create('marking-definition', { definition_type: 'statement', definition: { statement: 's' } });
  assert.equal(m.created_by_ref, ME);
  assert.equal('lang' in m, false);
  assert.equal('confidence' in m, false);
});

test('factory (2.1): an extension-definition takes no lang or confidence (§7.3)', () => {
  const f = createFactory({ ...defaults, now });
  const e = f.create('extension-definition', {
    name: 'e',
    schema: 'https://example.com/s',
    version: '1.0',
    extension_types: ['property-extension'],
  });
  assert.equal(e.created_by_ref, ME);
  assert.equal('lang' in e, false);
});

test('factory (2.0): no lang or confidence on 2.0 objects; the other defaults apply', () => {
  const f = createFactory({ ...defaults, version: '2.0', now });
  const t = f.create('tool', tool20);
  assert.equal(t.created_by_ref, ME);
  assert.equal('lang' in t, false);
  assert.equal('confidence' in t, false);
  assert.equal('spec_version' in t, false);
});

test('factory: explicit values override defaults, lists included', () => {
  const f = createFactory({ ...defaults, now });
  const t = f.create('tool', { name: 'rat', confidence: 10, object_marking_refs: [TLP_AMBER] });
  assert.equal(t.confidence, 10);
  assert.deepEqual(t.object_marking_refs, [TLP_AMBER]);
});

test('factory: listAppend appends given lists to the default ones, without duplicates', () => {
  const f = createFactory({ ...defaults, listAppend: true, now });
  const t = f.create('tool', {
    name: 'rat',
    object_marking_refs: [TLP_GREEN, TLP_AMBER],
    external_references: [{ source_name: 'x', url: 'https://example.com/' }],
  });
  assert.deepEqual(t.object_marking_refs, [TLP_GREEN, TLP_AMBER]);
  assert.deepEqual(t.external_references, [
    { source_name: 'acme', external_id: 'A-1' },
    { source_name: 'x', url: 'https://example.com/' },
  ]);
});

test('factory: results are validated like create()', () => {
  const f = createFactory({ ...defaults, version: '2.0', now });
  assert.ok(f.create('tool', tool20));
  assert.throws(() => f.create('tool', { name: 'rat' } as never), stixError('STIX_INVALID', ['STIX_MISSING_PROPERTY']));
  const bad = createFactory({ confidence: 101, now });
  assert.throws(() => bad.create('tool', { name: 'rat' }), stixError('STIX_INVALID'));
});

test('factory: custom types and bundles of its version', () => {
  const f = createFactory({ ...defaults, version: '2.0', now });
  const c = f.create('x-acme-widget', { name: 'w' });
  assert.equal(c.created_by_ref, ME);
  const b = f.bundle([c]);
  assert.equal(b.spec_version, '2.0');
  assert.equal(createFactory().bundle([]).spec_version, undefined);
});
