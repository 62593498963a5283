import assert from 'node:assert/strict';
import test from 'node:test';
import { blockContains, parseAddressBlock } from './cidr.js';

const block = (text: string) => {
  const b = parseAddressBlock(text);
  assert.ok(b, text);
  return b;
};
const within = (inner: string, outer: string) => blockContains(block(outer), block(inner));

test('cidr: IPv4 blocks contain their addresses and smaller blocks (2.1 §9.6.1 ISSUBSET)', () => {
  assert.equal(within('198.51.100.0/27', '198.51.100.0/24'), true);
  assert.equal(within('198.51.100.200', '198.51.100.0/24'), true);
  assert.equal(within('198.51.101.1', '198.51.100.0/24'), false);
  assert.equal(within('198.51.100.0/24', '198.51.100.0/27'), false);
  assert.equal(within('198.51.100.0/24', '198.51.100.0/24'), true, 'identical blocks');
  assert.equal(within('10.1.2.3', '0.0.0.0/0'), true);
  assert.equal(within('10.0.0.1', '10.0.0.1'), true, 'an address without /n is a /32');
  assert.equal(within('198.51.100.7/24', '198.51.100.0/24'), true, 'host bits are ignored');
  assert.equal(within('10.0.0.128/25', '10.0.0.0/25'), false);
});

test('cidr: IPv6 with ::, IPv4 tails and /n', () => {
  assert.equal(within('2001:db8:dead:beef::1', '2001:0db8:dead:beef:0000:0000:0000:0000/64'), true);
  assert.equal(within('2001:db8:dead:bef0::1', '2001:0db8:dead:beef::/64'), false);
  assert.equal(within('::1', '::1'), true, 'a value without /n is a /128');
  assert.equal(within('::ffff:192.0.2.1', '::ffff:0:0/96'), true);
  assert.equal(within('2001:db8::/33', '2001:db8::/32'), true);
  assert.equal(within('2001:db8:8000::/33', '2001:db8::/33'), false);
  assert.equal(within('fe80::1', '::/0'), true);
});

test('cidr: families do not mix; malformed text is rejected', () => {
  assert.equal(within('::ffff:192.0.2.1', '192.0.2.0/24'), false);
  for (const bad of [
    '256.0.0.1',
    '1.2.3',
    '01.2.3.4',
    '1.2.3.4/33',
    '1::2::3',
    '2001:db8::/129',
    'fe80::1%eth0',
    '1:2:3:4:5:6:7:8:9',
    '',
    'x',
  ]) {
    assert.equal(parseAddressBlock(bad), undefined, bad);
  }
});
