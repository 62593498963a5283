/**
 * Every example pattern printed in STIX 2.0 Part 5 and STIX 2.1 §9 (from spec-patterns.ts), with
 * observations written for it that must match and that must not, in the 2.0 shape (`objects`)
 * and converted to the 2.1 shape (`object_refs` and SCOs).
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { match } from './matcher.js';
import { specPatterns } from './spec-patterns.js';
import { od20, type Sco, t, to21 } from './test-matcher-fixtures.js';

const SHA256_A = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const SHA256_B = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c';
const MD5_FB = '79054025255fb1a26e4bc422aef54eb4';

type Od = ReturnType<typeof od20>;
interface Case {
  readonly yes: readonly Od[];
  readonly no: readonly Od[];
}

const at = (objects: readonly Sco[], seconds = 0, options: { count?: number; last?: number } = {}) =>
  od20(objects, t(seconds), {
    ...(options.count ? { count: options.count } : {}),
    ...(options.last !== undefined ? { last: t(options.last) } : {}),
  });

/** Cases by pattern text, with the registry key type written `REGKEY`. */
function cases(reg: string): Record<string, Case> {
  const user = (id: string, login: string) => ({ type: 'user-account', account_type: 'unix', user_id: id, account_login: login });
  const beacon = (s: number) =>
    at(
      [
        { type: 'network-traffic', dst_ref: '1' },
        { type: 'domain-name', value: 'example.com' },
      ],
      s,
    );
  const proc = (line: string, s: number) => at([{ type: 'process', command_line: line }], s);
  const LINE_A = 'C:\\tools\\certutil.exe>-add GlobalSign.cer -c -s -r localMachine Root';
  const LINE_B = 'C:\\tools\\certutil.exe>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher';
  return {
    [`[file:hashes.'SHA-256' = '${SHA256_A}']`]: {
      yes: [at([{ type: 'file', hashes: { 'SHA-256': SHA256_A } }])],
      no: [at([{ type: 'file', hashes: { 'SHA-256': SHA256_B } }])],
    },
    "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']":
      {
        yes: [
          at([
            { type: 'email-message', is_multipart: true, from_ref: '1', body_multipart: [{ body: 'hi' }, { body_raw_ref: '2' }] },
            { type: 'email-addr', value: 'boss@example.com' },
            { type: 'file', name: 'Final Report 2020.exe' },
          ]),
        ],
        no: [
          at([
            { type: 'email-message', is_multipart: true, from_ref: '1', body_multipart: [{ body_raw_ref: '2' }] },
            { type: 'email-addr', value: 'boss@example.org' },
            { type: 'file', name: 'Final Report 2020.exe' },
          ]),
        ],
      },
    [`[file:hashes.'SHA-256' = '${SHA256_A}' AND file:mime_type = 'application/x-pdf']`]: {
      yes: [at([{ type: 'file', hashes: { 'SHA-256': SHA256_A }, mime_type: 'application/x-pdf' }])],
      no: [
        at([
          { type: 'file', hashes: { 'SHA-256': SHA256_A } },
          { type: 'file', mime_type: 'application/x-pdf' },
        ]),
      ],
    },
    [`[file:hashes.'SHA-256' = '${SHA256_B}' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = '${SHA256_A}']`]:
      {
        yes: [
          at([{ type: 'file', hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' } }]),
          at([{ type: 'file', hashes: { 'SHA-256': SHA256_A } }], 9),
        ],
        no: [at([{ type: 'file', hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f', 'SHA-256': SHA256_A } }])],
      },
    [`([file:hashes.MD5 = '${MD5_FB}'] FOLLOWEDBY [${reg}:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS`]: {
      yes: [at([{ type: 'file', hashes: { MD5: MD5_FB } }], 0), at([{ type: reg, key: 'HKEY_LOCAL_MACHINE\\foo\\bar' }], 299)],
      no: [at([{ type: 'file', hashes: { MD5: MD5_FB } }], 0), at([{ type: reg, key: 'HKEY_LOCAL_MACHINE\\foo\\bar' }], 300)],
    },
    "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']":
      {
        yes: [at([user('1009', 'Mary')], 0), at([user('1007', 'Peter')], 1), at([user('1008', 'Paul')], 2)],
        no: [at([user('1007', 'Peter'), user('1008', 'Paul'), user('1009', 'Mary')])],
      },
    "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']":
      {
        yes: [
          at([
            {
              type: 'artifact',
              mime_type: 'application/vnd.tcpdump.pcap',
              payload_bin: Buffer.from([0, 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0]).toString('base64'),
            },
          ]),
        ],
        no: [
          at([
            {
              type: 'artifact',
              mime_type: 'application/vnd.tcpdump.pcap',
              payload_bin: Buffer.from([0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4]).toString('base64'),
            },
          ]),
        ],
      },
    "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']": {
      yes: [
        at([
          { type: 'file', name: 'foo.dll', parent_directory_ref: '1' },
          { type: 'directory', path: 'C:\\Windows\\System32' },
        ]),
      ],
      no: [
        at([
          { type: 'file', name: 'foo.dll', parent_directory_ref: '1' },
          { type: 'directory', path: 'C:\\Windows' },
        ]),
      ],
    },
    "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]": {
      yes: [at([{ type: 'file', extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 1.2 }, { entropy: 7.1 }] } } }])],
      no: [at([{ type: 'file', extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 7.0 }, { entropy: 6 }] } } }])],
    },
    "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']": {
      yes: [at([{ type: 'file', mime_type: 'image/bmp', magic_number_hex: 'FFD8' }])],
      no: [at([{ type: 'file', mime_type: 'image/bmp', magic_number_hex: '424d' }])],
    },
    "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']": {
      yes: [
        at([
          { type: 'network-traffic', dst_ref: '1' },
          { type: 'ipv4-addr', value: '203.0.113.33/32' },
        ]),
      ],
      no: [
        at([
          { type: 'network-traffic', dst_ref: '1' },
          { type: 'ipv6-addr', value: '203.0.113.33/32' },
        ]),
      ],
    },
    "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS":
      {
        yes: [0, 400, 800, 1200, 1799].map(beacon),
        no: [0, 400, 800, 1200, 1800].map(beacon),
      },
    "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']": {
      yes: [
        at([
          { type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['1', '2'] },
          { type: 'ipv4-addr', value: '203.0.113.1' },
          { type: 'ipv4-addr', value: '198.51.100.1/32' },
        ]),
      ],
      no: [
        at([
          { type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['1'] },
          { type: 'ipv4-addr', value: '203.0.113.1' },
          { type: 'ipv4-addr', value: '198.51.100.1/32' },
        ]),
      ],
    },
    "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']": {
      yes: [at([{ type: 'url', value: 'http://example.com/bar' }])],
      no: [at([{ type: 'url', value: 'http://example.com/baz' }])],
    },
    "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']": {
      yes: [at([{ type: 'x509-certificate', issuer: 'CN=WEBMAIL', serial_number: '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28' }])],
      no: [at([{ type: 'x509-certificate', issuer: 'CN=WEBMAIL', serial_number: '4c:0b' }])],
    },
    "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']":
      {
        yes: [
          at([{ type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388' }]),
        ],
        no: [at([{ type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\CryptoLocker' }])],
      },
    "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']": {
      yes: [at([{ type: 'file', name: 'pdf.exe', created: '2014-01-13T07:03:17.000Z' }])],
      // file:size is an integer: the string constant '371712' is incompatible, so only the name can satisfy the OR.
      no: [at([{ type: 'file', name: 'x.exe', size: 371712, created: '2014-01-13T07:03:17Z' }])],
    },
    "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']": {
      yes: [
        at([
          { type: 'email-message', is_multipart: false, sender_ref: '1', subject: 'Conference Info' },
          { type: 'email-addr', value: 'jdoe@example.com' },
        ]),
      ],
      no: [
        at([
          { type: 'email-message', is_multipart: false, from_ref: '1', subject: 'Conference Info' },
          { type: 'email-addr', value: 'jdoe@example.com' },
        ]),
      ],
    },
    "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']": {
      yes: [at([{ type: 'x-usb-device', usbdrive: { serial_number: '575833314133343231313937' } }])],
      no: [at([{ type: 'x-usb-device', serial_number: '575833314133343231313937' }])],
    },
    "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS":
      { yes: [proc(LINE_A, 0), proc(LINE_B, 10)], no: [proc(LINE_B, 0), proc(LINE_A, 10)] },
    "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']": {
      yes: [
        at([
          { type: 'network-traffic', dst_ref: '1' },
          { type: 'ipv6-addr', value: '2001:db8:dead:beef::42' },
        ]),
      ],
      no: [
        at([
          { type: 'network-traffic', dst_ref: '1' },
          { type: 'ipv6-addr', value: '2001:db8:dead:beee::42' },
        ]),
      ],
    },
    [`([file:name = 'foo.dll'] AND [${reg}:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']`]:
      {
        yes: [at([{ type: 'process', name: 'procfoo' }])],
        no: [at([{ type: 'file', name: 'foo.dll' }]), at([{ type: 'process', name: 'barproc' }], 5)],
      },
    // The Comparison Operators table, wrapped in [ ].
    "[file:name = 'foo.dll']": { yes: [at([{ type: 'file', name: 'foo.dll' }])], no: [at([{ type: 'file', name: 'foo.exe' }])] },
    "[file:name != 'foo.dll']": { yes: [at([{ type: 'file', name: 'foo.exe' }])], no: [at([{ type: 'file', name: 'foo.dll' }])] },
    '[file:size > 1000]': { yes: [at([{ type: 'file', size: 1001 }])], no: [at([{ type: 'file', size: 1000 }])] },
    '[file:size < 1000]': { yes: [at([{ type: 'file', size: 999 }])], no: [at([{ type: 'file', size: 1000 }])] },
    '[file:size <= 1000]': { yes: [at([{ type: 'file', size: 1000 }])], no: [at([{ type: 'file', size: 1001 }])] },
    '[file:size >= 1000]': { yes: [at([{ type: 'file', size: 1000 }])], no: [at([{ type: 'file', size: 999.5 }])] },
    "[process:name IN ('proccy', 'proximus', 'badproc')]": {
      yes: [at([{ type: 'process', name: 'badproc' }])],
      no: [at([{ type: 'process', name: 'goodproc' }])],
    },
    "[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']": {
      yes: [at([{ type: 'directory', path: 'C:\\Windows\\a\\b\\foo' }])],
      no: [at([{ type: 'directory', path: 'C:\\Windows\\foo' }])],
    },
    "[directory:path MATCHES '^C:\\\\\\\\Windows\\\\\\\\w+$']": {
      yes: [at([{ type: 'directory', path: 'C:\\Windows\\ww' }])],
      no: [at([{ type: 'directory', path: 'C:\\Windows\\System32' }])],
    },
    "[ipv4-addr:value ISSUBSET '198.51.100.0/24']": {
      yes: [at([{ type: 'ipv4-addr', value: '198.51.100.0/27' }])],
      no: [at([{ type: 'ipv4-addr', value: '198.51.0.0/16' }])],
    },
    "[ipv4-addr:value ISSUPERSET '198.51.100.0/24']": {
      yes: [at([{ type: 'ipv4-addr', value: '198.51.0.0/16' }])],
      no: [at([{ type: 'ipv4-addr', value: '198.51.100.0/27' }])],
    },
    "[file:name NOT = 'foo.dll']": {
      yes: [at([{ type: 'file', name: 'bar.dll' }])],
      no: [
        at([
          { type: 'file', name: 'foo.dll' },
          { type: 'file', size: 1 },
        ]),
      ],
    },
    "[process:name NOT IN ('proccy', 'proximus', 'badproc')]": {
      yes: [at([{ type: 'process', name: 'goodproc' }])],
      no: [at([{ type: 'process', name: 'proccy' }])],
    },
    '[EXISTS windows-registry-key:values]': {
      yes: [at([{ type: 'windows-registry-key', key: 'k', values: [] }])],
      no: [at([{ type: 'windows-registry-key', key: 'k' }])],
    },
    // Qualifier sections.
    [`[file:hashes.MD5 = '${MD5_FB}'] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'`]: {
      yes: [od20([{ type: 'file', hashes: { MD5: MD5_FB } }], '2016-06-30T23:59:59Z')],
      no: [od20([{ type: 'file', hashes: { MD5: MD5_FB } }], '2016-07-01T00:00:00Z')],
    },
    [`[file:hashes.MD5 = '${MD5_FB}'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'`]: {
      yes: [od20([{ type: 'file', hashes: { MD5: MD5_FB } }], '2016-05-31T00:00:00Z', { last: '2016-06-01T00:00:00Z' })],
      no: [od20([{ type: 'file', hashes: { MD5: MD5_FB } }], '2016-05-31T00:00:00Z', { last: '2016-05-31T23:59:59.999Z' })],
    },
    [`([file:hashes.MD5 = '${MD5_FB}'] REPEATS 2 TIMES) REPEATS 2 TIMES`]: {
      yes: [at([{ type: 'file', hashes: { MD5: MD5_FB } }], 0, { count: 3 }), at([{ type: 'file', hashes: { MD5: MD5_FB } }], 1)],
      no: [at([{ type: 'file', hashes: { MD5: MD5_FB } }], 0, { count: 3 })],
    },
  };
}

for (const example of specPatterns) {
  const reg = example.version === '2.0' ? 'win-registry-key' : 'windows-registry-key';
  const fixture = cases(reg)[example.pattern];
  test(`${example.section}: ${example.pattern}`, () => {
    assert.ok(fixture, 'every spec example has observations written for it');
    for (const [shape, convert] of [
      ['2.0 objects', (list: readonly Od[]) => list],
      ['2.1 object_refs', (list: readonly Od[]) => list.flatMap(to21)],
    ] as const) {
      const options = { version: example.version };
      assert.equal(match(example.pattern, convert(fixture.yes), options).matched, true, `matches (${shape})`);
      assert.equal(match(example.pattern, convert(fixture.no), options).matched, false, `does not match (${shape})`);
    }
  });
}
