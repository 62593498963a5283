/**
 * Every example pattern printed in STIX 2.0 Part 5 and STIX 2.1 §9 (from spec-patterns.ts), with
 * observations written for it from the pattern's meaning in the 2.1 §9 text: scenarios that must
 * match and scenarios that must not, each run in the 2.0 shape (`objects`) and converted to the
 * 2.1 shape (`object_refs` and SCOs).
 *
 * Entries whose note starts with SPEC-ERRATUM (and the 9.5.1 placeholder) are tested for what the
 * pattern as written does, said in `asWritten`: e.g. `user-account:value` never matches a user
 * account as the specification defines it, only an object carrying a non-spec `value` property.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import type { PatternVersion } from './ast.js';
import { match } from './matcher.js';
import { specPatterns } from './spec-patterns.js';
import { type Od20, od20, type Scenario, type Sco, t, to21 } from './test-matcher-fixtures.js';

const SHA256_A = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const SHA256_B = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c';
const MD5_FB = '79054025255fb1a26e4bc422aef54eb4';
const MD5_C = 'cead3f77f6cda6ec00f57d76c9a6879f';

interface Case {
  /** Each scenario must match on its own. */
  readonly yes: readonly Scenario[];
  /** No scenario may match. */
  readonly no: readonly Scenario[];
  /** For SPEC-ERRATUM and placeholder entries: what the pattern as written does. */
  readonly asWritten?: string;
}

const at = (objects: readonly Sco[] | Record<string, Sco>, seconds = 0, options: { count?: number; last?: number } = {}): Od20 =>
  od20(objects, t(seconds), {
    ...(options.count ? { count: options.count } : {}),
    ...(options.last !== undefined ? { last: t(options.last) } : {}),
  });

/** One observed-data at `seconds` holding `objects`: a scenario of one observation. */
const one = (objects: readonly Sco[], seconds = 0, options: { count?: number } = {}): Scenario => [at(objects, seconds, options)];

const file = (properties: Record<string, unknown>): Sco => ({ type: 'file', ...properties });
const ipv4 = (value: string): Sco => ({ type: 'ipv4-addr', value });
const ipv6 = (value: string): Sco => ({ type: 'ipv6-addr', value });
const regKey = (type: string, key: string): Sco => ({ type, key });

/** Cases of the 9.8 / 2.0 examples whose text is the same in both versions. */
function sharedExamples(): Record<string, Case> {
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
      yes: [one([file({ hashes: { 'SHA-256': SHA256_A } })])],
      no: [one([file({ hashes: { 'SHA-256': SHA256_B } })]), one([{ type: 'artifact', hashes: { 'SHA-256': SHA256_A } }])],
    },
    "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']":
      {
        yes: [
          one([
            { type: 'email-message', is_multipart: true, from_ref: '1', body_multipart: [{ body: 'hi' }, { body_raw_ref: '2' }] },
            { type: 'email-addr', value: 'boss@example.com' },
            file({ name: 'Final Report 2020.exe' }),
          ]),
        ],
        no: [
          one([
            { type: 'email-message', is_multipart: true, from_ref: '1', body_multipart: [{ body_raw_ref: '2' }] },
            { type: 'email-addr', value: 'boss@example.org' },
            file({ name: 'Final Report 2020.exe' }),
          ]),
          one([
            { type: 'email-message', is_multipart: true, from_ref: '1', body_multipart: [{ body_raw_ref: '2' }] },
            { type: 'email-addr', value: 'boss@example.com' },
            file({ name: 'Final Report 2020.pdf' }),
          ]),
        ],
      },
    [`[file:hashes.'SHA-256' = '${SHA256_A}' AND file:mime_type = 'application/x-pdf']`]: {
      yes: [one([file({ hashes: { 'SHA-256': SHA256_A }, mime_type: 'application/x-pdf' })])],
      // §9.5: both comparisons must hold on the same SCO.
      no: [one([file({ hashes: { 'SHA-256': SHA256_A } }), file({ mime_type: 'application/x-pdf' })])],
    },
    [`[file:hashes.'SHA-256' = '${SHA256_B}' OR file:hashes.MD5 = '${MD5_C}'] AND [file:hashes.'SHA-256' = '${SHA256_A}']`]: {
      yes: [
        [at([file({ hashes: { MD5: MD5_C } })]), at([file({ hashes: { 'SHA-256': SHA256_A } })], 9)],
        [at([file({ hashes: { 'SHA-256': SHA256_A } })]), at([file({ hashes: { 'SHA-256': SHA256_B } })], 9)],
      ],
      // Observation AND: two different observations (§9.5.2).
      no: [one([file({ hashes: { MD5: MD5_C, 'SHA-256': SHA256_A } })]), one([file({ hashes: { MD5: MD5_C } })])],
    },
    "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']":
      {
        yes: [[at([user('1009', 'Mary')], 0), at([user('1007', 'Peter')], 1), at([user('1008', 'Paul')], 2)]],
        no: [
          one([user('1007', 'Peter'), user('1008', 'Paul'), user('1009', 'Mary')]),
          [at([user('1007', 'Peter')], 0), at([user('1008', 'Paul')], 1), at([user('1009', 'Peter')], 2)],
        ],
      },
    "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']":
      {
        yes: [
          one([
            {
              type: 'artifact',
              mime_type: 'application/vnd.tcpdump.pcap',
              payload_bin: Buffer.from([0, 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0]).toString('base64'),
            },
          ]),
        ],
        no: [
          one([
            {
              type: 'artifact',
              mime_type: 'application/vnd.tcpdump.pcap',
              payload_bin: Buffer.from([0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4]).toString('base64'),
            },
          ]),
        ],
      },
    "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']": {
      yes: [one([file({ name: 'foo.dll', parent_directory_ref: '1' }), { type: 'directory', path: 'C:\\Windows\\System32' }])],
      no: [one([file({ name: 'foo.dll', parent_directory_ref: '1' }), { type: 'directory', path: 'C:\\Windows' }])],
    },
    "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]": {
      yes: [one([file({ extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 1.2 }, { entropy: 7.1 }] } } })])],
      no: [one([file({ extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 7.0 }, { entropy: 6 }] } } })])],
    },
    "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']": {
      yes: [one([file({ mime_type: 'image/bmp', magic_number_hex: 'FFD8' })])],
      no: [one([file({ mime_type: 'image/bmp', magic_number_hex: '424d' })])],
    },
    "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']": {
      yes: [one([{ type: 'network-traffic', dst_ref: '1' }, ipv4('203.0.113.33/32')])],
      no: [one([{ type: 'network-traffic', dst_ref: '1' }, ipv6('203.0.113.33/32')])],
    },
    "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS":
      {
        yes: [[0, 400, 800, 1200, 1799].map(beacon)],
        no: [[0, 400, 800, 1200, 1800].map(beacon), [0, 400, 800, 1200].map(beacon)],
      },
    "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']": {
      yes: [
        one([{ type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['1', '2'] }, ipv4('203.0.113.1'), ipv4('198.51.100.1/32')]),
      ],
      no: [one([{ type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['1'] }, ipv4('203.0.113.1'), ipv4('198.51.100.1/32')])],
    },
    "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']": {
      yes: [one([{ type: 'url', value: 'http://example.com/bar' }]), one([{ type: 'url', value: 'http://example.com/foo' }])],
      no: [one([{ type: 'url', value: 'http://example.com/baz' }])],
    },
    "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']": {
      yes: [one([{ type: 'x509-certificate', issuer: 'CN=WEBMAIL', serial_number: '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28' }])],
      no: [one([{ type: 'x509-certificate', issuer: 'CN=WEBMAIL', serial_number: '4c:0b' }])],
    },
    "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']":
      {
        yes: [
          one([regKey('windows-registry-key', 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388')]),
          one([regKey('windows-registry-key', 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files')]),
        ],
        no: [one([regKey('windows-registry-key', 'HKEY_CURRENT_USER\\Software\\CryptoLocker')])],
      },
    "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']": {
      yes: [
        one([
          { type: 'email-message', is_multipart: false, sender_ref: '1', subject: 'Conference Info' },
          { type: 'email-addr', value: 'jdoe@example.com' },
        ]),
      ],
      no: [
        one([
          { type: 'email-message', is_multipart: false, from_ref: '1', subject: 'Conference Info' },
          { type: 'email-addr', value: 'jdoe@example.com' },
        ]),
      ],
    },
    "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']": {
      yes: [one([{ type: 'x-usb-device', usbdrive: { serial_number: '575833314133343231313937' } }])],
      no: [one([{ type: 'x-usb-device', serial_number: '575833314133343231313937' }])],
    },
    // Printed with no space between the second MATCHES and its string.
    "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS":
      {
        // Qualifiers are not greedy (§9.5.2): WITHIN applies to the second [ … ] alone, not to the
        // FOLLOWEDBY, so as written the two processes may be any time apart.
        yes: [
          [proc(LINE_A, 0), proc(LINE_B, 10)],
          [proc(LINE_A, 0), proc(LINE_B, 3600)],
        ],
        no: [[proc(LINE_B, 0), proc(LINE_A, 10)], [proc(LINE_A, 0)]],
      },
    "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']": {
      yes: [one([{ type: 'network-traffic', dst_ref: '1' }, ipv6('2001:db8:dead:beef::42')])],
      no: [one([{ type: 'network-traffic', dst_ref: '1' }, ipv6('2001:db8:dead:beee::42')])],
    },
  };
}

/** The 2.0 examples that differ from 2.1 §9.8 (see spec-patterns.ts). */
function examples20(): Record<string, Case> {
  const win = 'win-registry-key';
  const spec = 'windows-registry-key';
  const fooBar = 'HKEY_LOCAL_MACHINE\\foo\\bar';
  const md5 = file({ hashes: { MD5: MD5_FB } });
  return {
    [String.raw`([file:hashes.MD5 = '${MD5_FB}'] FOLLOWEDBY [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`]: {
      asWritten:
        'win-registry-key is no object type: a windows-registry-key (the real Registry Key object) never satisfies the second expression; only an object typed win-registry-key does',
      yes: [[at([md5], 0), at([regKey(win, fooBar)], 299)]],
      no: [
        [at([md5], 0), at([regKey(spec, fooBar)], 10)],
        [at([md5], 0), at([regKey(win, fooBar)], 300)],
      ],
    },
    "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']": {
      asWritten:
        "file:size is an integer, so file:size = '371712' (a string) is an incompatible comparison and always false (§9.6.1): only file:name can satisfy the OR",
      yes: [one([file({ name: 'pdf.exe', created: '2014-01-13T07:03:17.000Z' })])],
      no: [
        one([file({ name: 'x.exe', size: 371712, created: '2014-01-13T07:03:17Z' })]),
        one([file({ name: 'pdf.exe', created: '2014-01-13T07:03:18Z' })]),
      ],
    },
    "([file:name = 'foo.dll'] AND [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']":
      {
        asWritten:
          'win-registry-key is no object type: with a real windows-registry-key only the process side can match; the file side needs an object typed win-registry-key',
        yes: [one([{ type: 'process', name: 'procfoo' }]), [at([file({ name: 'foo.dll' })], 0), at([regKey(win, fooBar)], 5)]],
        no: [
          [at([file({ name: 'foo.dll' })], 0), at([regKey(spec, fooBar)], 5)],
          [at([file({ name: 'foo.dll' })], 0), at([{ type: 'process', name: 'barproc' }], 5)],
        ],
      },
  };
}

/** The 9.8 examples that differ from 2.0. */
function examples21(): Record<string, Case> {
  const reg = 'windows-registry-key';
  const fooBar = 'HKEY_LOCAL_MACHINE\\foo\\bar';
  const md5 = file({ hashes: { MD5: MD5_FB } });
  const created = '2014-01-13T07:03:17Z';
  return {
    [String.raw`([file:hashes.MD5 = '${MD5_FB}'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`]:
      {
        yes: [[at([md5], 0), at([regKey(reg, fooBar)], 299)]],
        no: [
          // §9.5.1: the latest must be earlier than the earliest plus 300 s.
          [at([md5], 0), at([regKey(reg, fooBar)], 300)],
          // §9.5.2 FOLLOWEDBY: the key must not come first.
          [at([regKey(reg, fooBar)], 0), at([md5], 10)],
        ],
      },
    "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']": {
      yes: [one([file({ name: 'x.exe', size: 371712, created })]), one([file({ name: 'pdf.exe', created: '2014-01-13T07:03:17.000Z' })])],
      no: [
        one([file({ name: 'x.exe', size: 371713, created })]),
        one([file({ name: 'pdf.exe', size: 371712, created: '2015-01-13T07:03:17Z' })]),
      ],
    },
    "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']":
      {
        yes: [
          one([{ type: 'process', image_ref: '1' }, file({ name: 'fooproc' })]),
          [at([file({ name: 'foo.dll' })], 0), at([regKey(reg, fooBar)], 5)],
        ],
        no: [
          // A 2.1 process has no name; the image's file name is what counts.
          one([{ type: 'process', name: 'procfoo' }]),
          one([file({ name: 'foo.dll' })]),
          // Observation AND: the file and the key on different observations.
          one([file({ name: 'foo.dll' }), regKey(reg, fooBar)]),
        ],
      },
  };
}

/** 2.1 §9.1 to §9.6.4. */
function sections21(): Record<string, Case> {
  const peter = 'Peter';
  /** A user account with every string property of 2.1 §6.15 holding `name`. */
  const specUser = (name: string): Sco => ({
    type: 'user-account',
    user_id: name,
    credential: name,
    account_login: name,
    account_type: 'unix',
    display_name: name,
  });
  const userValueErratum =
    'user-account has no value property: a user account as 2.1 §6.15 defines it never matches (whichever property holds the name); only an object carrying a non-spec value property does';
  const ips = {
    a: ipv4('198.51.100.1/32'),
    b: ipv4('203.0.113.33/32'),
    c: ipv6('2001:0db8:dead:beef:dead:beef:dead:0001/128'),
  };
  const fooDll = (at: string) => od20([file({ name: 'foo.dll' })], at);
  const spec964 = { type: 'artifact', mime_type: 'application/octet-stream', payload_bin: 'dGhpcyBpcyBhIHRlc3Q=' };
  const artifact = (text: string): Sco => ({ type: 'artifact', payload_bin: Buffer.from(text, 'latin1').toString('base64') });
  const placeholder = '13987239847...';
  return {
    // ---------- 9.1 Definitions
    "[user-account:value = 'Peter']": {
      asWritten: userValueErratum,
      yes: [one([{ type: 'user-account', value: peter }])],
      no: [one([specUser(peter)]), one([{ type: 'user-account', user_id: '1007', account_login: peter }])],
    },
    "[ipv4-addr:value = '203.0.113.1' OR ipv4-addr:value = '203.0.113.2']": {
      yes: [one([ipv4('203.0.113.2')]), one([ipv4('203.0.113.1')])],
      no: [one([ipv4('203.0.113.3')])],
    },
    "([ipv4-addr:value = '198.51.100.5'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.10'])": {
      // §9.5.2: b's timestamp >= a's, on different observations.
      yes: [
        [at([ipv4('198.51.100.5')], 0), at([ipv4('198.51.100.10')], 10)],
        [at([ipv4('198.51.100.5')], 0), at([ipv4('198.51.100.10')], 0)],
      ],
      no: [[at([ipv4('198.51.100.10')], 0), at([ipv4('198.51.100.5')], 10)], one([ipv4('198.51.100.5'), ipv4('198.51.100.10')])],
    },
    "([ipv4-addr:value = '198.51.100.5' ] AND [ipv4-addr:value = '198.51.100.10']) WITHIN 300 SECONDS": {
      yes: [[at([ipv4('198.51.100.10')], 0), at([ipv4('198.51.100.5')], 299)]],
      no: [[at([ipv4('198.51.100.5')], 0), at([ipv4('198.51.100.10')], 300)], one([ipv4('198.51.100.5'), ipv4('198.51.100.10')])],
    },
    "[user-account:value = 'Peter' OR user-account:value = 'Mary']": {
      asWritten: userValueErratum,
      yes: [one([{ type: 'user-account', value: 'Mary' }])],
      no: [one([specUser(peter), specUser('Mary')])],
    },
    // §9.5.1: observation time >= START and < STOP.
    "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'": {
      yes: [[fooDll('2016-06-01T00:00:00Z')], [fooDll('2016-06-30T23:59:59.999Z')]],
      no: [[fooDll('2016-07-01T00:00:00Z')], [fooDll('2016-05-31T23:59:59Z')], [od20([file({ name: 'foo.exe' })], '2016-06-15T00:00:00Z')]],
    },
    "[ipv4-addr:value = '198.51.100.5'] AND [ ipv4-addr:value = '198.51.100.10']": {
      yes: [
        [at([ipv4('198.51.100.5')], 0), at([ipv4('198.51.100.10')], 60)],
        [at([ipv4('198.51.100.10')], 0), at([ipv4('198.51.100.5')], 60)],
      ],
      no: [one([ipv4('198.51.100.5'), ipv4('198.51.100.10')]), one([ipv4('198.51.100.5')])],
    },
    '[file:size = 25536]': {
      yes: [one([file({ size: 25536 })])],
      // A string is incompatible with the integer constant: false (§9.6.1).
      no: [one([file({ size: 25537 })]), one([file({ size: '25536' })])],
    },

    // ---------- 9.3 STIX Patterns
    "[ipv4-addr:value = '198.51.100.1/32']": {
      yes: [one([ipv4('198.51.100.1/32')])],
      no: [one([ipv4('198.51.100.2/32')]), one([ipv4('198.51.100.10/32')])],
    },
    "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']":
      {
        yes: [one([ips.c]), one([ips.b]), one([ips.a])],
        no: [one([ipv4('203.0.113.34/32'), ipv6('2001:0db8:dead:beef:dead:beef:dead:0002/128')])],
      },
    "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] REPEATS 5 TIMES":
      {
        // REPEATS: five different observations; an observed-data with number_observed 5 is five.
        yes: [[ips.a, ips.b, ips.c, ips.a, ips.b].map((ip, s) => at([ip], s * 60)), one([ips.a], 0, { count: 5 })],
        no: [[ips.a, ips.b, ips.c, ips.a].map((ip, s) => at([ip], s * 60)), one([ips.a, ips.b, ips.c, ips.a, ips.b])],
      },
    "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS":
      {
        yes: [[at([ips.c], 0), at([{ type: 'domain-name', value: 'example.com' }], 599)]],
        no: [
          [at([{ type: 'domain-name', value: 'example.com' }], 0), at([ips.a], 10)],
          [at([ips.a], 0), at([{ type: 'domain-name', value: 'example.com' }], 600)],
        ],
      },

    // ---------- 9.5 Observation Expressions
    "[ network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_ref.value = '198.51.100.58' ]": {
      yes: [one([{ type: 'network-traffic', src_ref: '1', dst_ref: '2' }, ipv4('203.0.113.10'), ipv4('198.51.100.58')])],
      no: [
        // The observed-data printed in §9.5: no single network-traffic references both addresses.
        [
          at({
            0: { type: 'network-traffic', src_ref: '1' },
            1: ipv4('203.0.113.10'),
            2: { type: 'network-traffic', dst_ref: '3' },
            3: ipv4('198.51.100.58'),
          }),
        ],
        one([{ type: 'network-traffic', src_ref: '2', dst_ref: '1' }, ipv4('203.0.113.10'), ipv4('198.51.100.58')]),
      ],
    },

    // ---------- 9.5.1 (the hash is a truncated placeholder, as printed)
    "([file:hashes.'SHA-256' = '13987239847...'] AND [windows-registry-key:key = 'hkey']) WITHIN 120 SECONDS": {
      asWritten:
        "'13987239847...' is a truncated placeholder that no SHA-256 digest (64 hex digits) equals: no conforming file matches (see the test below); as written it matches only a file carrying that very text",
      yes: [[at([file({ hashes: { 'SHA-256': placeholder } })], 0), at([regKey('windows-registry-key', 'hkey')], 119)]],
      no: [
        [at([file({ hashes: { 'SHA-256': `13987239847${'0'.repeat(53)}` } })], 0), at([regKey('windows-registry-key', 'hkey')], 1)],
        [at([file({ hashes: { 'SHA-256': placeholder } })], 0), at([regKey('windows-registry-key', 'hkey')], 120)],
      ],
    },

    // ---------- 9.6.1 Comparison Operators and Set Operators (printed as Comparison Expressions)
    "[file:name = 'foo.dll']": { yes: [one([file({ name: 'foo.dll' })])], no: [one([file({ name: 'foo.exe' })])] },
    '[file:size != 4112]': {
      yes: [one([file({ size: 4113 })]), one([file({ size: 4111.5 })])],
      // §9.6: an absent property makes the comparison false, whatever the operator.
      no: [one([file({ size: 4112 })]), one([file({ name: 'no-size' })])],
    },
    '[file:size > 256]': { yes: [one([file({ size: 257 })])], no: [one([file({ size: 256 })])] },
    '[file:size < 1024]': { yes: [one([file({ size: 1023 })])], no: [one([file({ size: 1024 })])] },
    '[file:size <= 25145]': { yes: [one([file({ size: 25145 })])], no: [one([file({ size: 25146 })])] },
    '[file:size >= 33312]': { yes: [one([file({ size: 33312 })])], no: [one([file({ size: 33311.5 })])] },
    "[process:name IN ('proccy', 'proximus', 'badproc')]": {
      yes: [one([{ type: 'process', name: 'badproc' }]), one([{ type: 'process', name: 'proccy' }])],
      no: [one([{ type: 'process', name: 'goodproc' }])],
    },
    "[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']": {
      yes: [one([{ type: 'directory', path: 'C:\\Windows\\a\\b\\foo' }])],
      no: [one([{ type: 'directory', path: 'C:\\Windows\\foo' }])],
    },
    // The regex is ^C:\\Windows\w+$: word characters straight after "Windows", no separator.
    "[directory:path MATCHES '^C:\\\\\\\\Windows\\\\w+$']": {
      yes: [one([{ type: 'directory', path: 'C:\\WindowsApps' }])],
      no: [one([{ type: 'directory', path: 'C:\\Windows\\System32' }]), one([{ type: 'directory', path: 'C:\\Windows' }])],
    },
    "[ipv4-addr:value ISSUBSET '198.51.100.0/24']": {
      yes: [one([ipv4('198.51.100.0/27')]), one([ipv4('198.51.100.0/24')])],
      no: [one([ipv4('198.51.0.0/16')])],
    },
    "[ipv4-addr:value ISSUPERSET '198.51.100.0/24']": {
      yes: [one([ipv4('198.51.0.0/16')]), one([ipv4('198.51.100.0/24')])],
      no: [one([ipv4('198.51.100.0/27')])],
    },
    '[EXISTS windows-registry-key:values]': {
      yes: [
        one([{ type: 'windows-registry-key', key: 'k', values: [] }]),
        one([{ type: 'windows-registry-key', values: [{ name: 'v' }] }]),
      ],
      no: [one([{ type: 'windows-registry-key', key: 'k' }])],
    },

    // ---------- 9.6.4 Native Format Comparison: the artifact printed there
    "[artifact:payload_bin = 'dGhpcyBpcyBhIHRlc3Q=']": {
      // "would evaluate to false": the string is compared with the decoded octets.
      yes: [one([artifact('dGhpcyBpcyBhIHRlc3Q=')])],
      no: [one([spec964])],
    },
    "[artifact:payload_bin = 'this is a test']": {
      yes: [one([spec964])],
      no: [one([artifact('this is a test!')]), one([artifact('this is a tesT')])],
    },
    "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']": {
      yes: [one([spec964])],
      no: [one([artifact('this is a test!')])],
    },
    "[artifact:payload_bin = h'7468697320697320612074657374']": {
      yes: [one([spec964])],
      no: [one([artifact('this is a tesT')])],
    },
  };
}

function casesFor(version: PatternVersion): Record<string, Case> {
  return version === '2.0' ? { ...sharedExamples(), ...examples20() } : { ...sharedExamples(), ...examples21(), ...sections21() };
}

const isErratum = (note: string | undefined) => note?.startsWith('SPEC-ERRATUM:') === true || /placeholder/.test(note ?? '');

const SHAPES = [
  ['2.0 objects', (scenario: Scenario): unknown[] => [...scenario]],
  ['2.1 object_refs', (scenario: Scenario): unknown[] => scenario.flatMap(to21)],
] as const;

for (const example of specPatterns) {
  const fixture = casesFor(example.version)[example.pattern];
  test(`${example.section}: ${example.pattern}`, () => {
    assert.ok(fixture, 'every spec example has observations written for it');
    assert.ok(fixture.yes.length > 0, 'observations that must match');
    assert.ok(fixture.no.length > 0, 'observations that must not match');
    for (const scenario of [...fixture.yes, ...fixture.no]) assert.ok(scenario.length > 0);
    if (isErratum(example.note)) assert.ok(fixture.asWritten, 'an erratum entry says what the pattern as written does');
    const options = { version: example.version };
    for (const [shape, convert] of SHAPES) {
      fixture.yes.forEach((scenario, i) => {
        assert.equal(match(example.pattern, convert(scenario), options).matched, true, `yes[${i}] matches (${shape})`);
      });
      fixture.no.forEach((scenario, i) => {
        assert.equal(match(example.pattern, convert(scenario), options).matched, false, `no[${i}] does not match (${shape})`);
      });
    }
  });
}

test('spec examples: every fixture belongs to a spec entry of its version (none left over)', () => {
  for (const version of ['2.0', '2.1'] as const) {
    const listed = new Set(specPatterns.filter((p) => p.version === version).map((p) => p.pattern));
    const written = Object.keys(casesFor(version));
    assert.deepEqual(
      written.filter((pattern) => !listed.has(pattern)),
      [],
    );
    assert.equal(written.length, listed.size, version);
  }
});

test('spec examples: the 9.5.1 placeholder hash cannot be a SHA-256 digest, so no conforming file matches', () => {
  const entry = specPatterns.find((p) => p.section.includes('9.5.1'));
  assert.ok(entry);
  assert.match(entry.note ?? '', /placeholder/);
  const hash = /'SHA-256' = '([^']*)'/.exec(entry.pattern)?.[1];
  assert.equal(hash, '13987239847...');
  assert.doesNotMatch(hash, /^[0-9a-f]{64}$/i);
  // Any digest with those leading digits, beside the registry key it asks for: no match.
  const key = { type: 'windows-registry-key', key: 'hkey' };
  for (const tail of ['0'.repeat(53), 'f'.repeat(53), '0123456789abcdef'.repeat(4).slice(0, 53)]) {
    const digest = `13987239847${tail}`;
    const observations = [at([file({ hashes: { 'SHA-256': digest } })], 0), at([key], 1)];
    assert.equal(match(entry.pattern, observations).matched, false, digest);
  }
});

test('spec examples: user-account:value (2.1 §9.1) never matches a user account as §6.15 defines it', () => {
  const patterns = specPatterns.filter((p) => p.pattern.includes('user-account:value'));
  assert.equal(patterns.length, 2);
  const accounts = ['Peter', 'Mary'].map((name) => ({
    type: 'user-account',
    user_id: name,
    credential: name,
    account_login: name,
    account_type: 'unix',
    display_name: name,
    is_service_account: false,
  }));
  for (const { pattern, version } of patterns) {
    assert.equal(match(pattern, [at(accounts)], { version }).matched, false, pattern);
    assert.equal(match(pattern, to21(at(accounts)), { version }).matched, false, pattern);
  }
});
