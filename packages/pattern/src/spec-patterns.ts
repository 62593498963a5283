/**
 * Example patterns printed in the specifications, for tests across the package (parser, printer
 * round trip, validator, matcher). Each entry names the version whose grammar it follows and the
 * section it is printed in. Strings are the pattern text exactly as printed (a `\\` in the spec
 * text is written `\\\\` here).
 *
 * Sections: STIX 2.0 Part 5 (Patterning) and STIX 2.1 §9 (Patterning). `Comparison Operators`
 * entries are the comparison expressions of the operator table, wrapped in `[ ]` to make a pattern.
 */
import type { PatternVersion } from './ast.js';

export interface SpecPattern {
  readonly section: string;
  readonly version: PatternVersion;
  readonly pattern: string;
  readonly note?: string;
}

const SHA256_A = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const SHA256_B = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c';

/** The examples both versions print (the 2.1 text keeps 2.0's list, with 2.1 object names). */
function examples(version: PatternVersion, section: string, registryKey: string): SpecPattern[] {
  const list: [string, string?][] = [
    [`[file:hashes.'SHA-256' = '${SHA256_A}']`, 'quoted path component'],
    [
      "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
      'reference traversal and [*]',
    ],
    [`[file:hashes.'SHA-256' = '${SHA256_A}' AND file:mime_type = 'application/x-pdf']`],
    [
      `[file:hashes.'SHA-256' = '${SHA256_B}' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = '${SHA256_A}']`,
    ],
    [
      `([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [${registryKey}:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS`,
    ],
    [
      "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']",
      'three observations in one AND chain',
    ],
    [
      "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
    ],
    ["[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']"],
    ["[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]", 'float literal, quoted extension name'],
    ["[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']", 'hex literal'],
    ["[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']"],
    [
      "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
      'two qualifiers',
    ],
    ["[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']"],
    ["[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']"],
    ["[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']"],
    [
      "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
    ],
    [
      "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
      'parenthesised comparison, timestamp literal',
    ],
    ["[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']"],
    ["[x-usb-device:usbdrive.serial_number = '575833314133343231313937']", 'custom object type'],
    [
      "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
    ],
    ["[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']"],
    [
      `([file:name = 'foo.dll'] AND [${registryKey}:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']`,
    ],
  ];
  return list.map(([pattern, note]) => (note === undefined ? { section, version, pattern } : { section, version, pattern, note }));
}

/** The comparison expressions of the Comparison Operators table, each wrapped in `[ ]`. */
function operatorTable(version: PatternVersion, section: string): SpecPattern[] {
  const list = [
    "[file:name = 'foo.dll']",
    "[file:name != 'foo.dll']",
    '[file:size > 1000]',
    '[file:size < 1000]',
    '[file:size <= 1000]',
    '[file:size >= 1000]',
    "[process:name IN ('proccy', 'proximus', 'badproc')]",
    "[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']",
    "[directory:path MATCHES '^C:\\\\\\\\Windows\\\\\\\\w+$']",
    "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
    "[ipv4-addr:value ISSUPERSET '198.51.100.0/24']",
    "[file:name NOT = 'foo.dll']",
    "[process:name NOT IN ('proccy', 'proximus', 'badproc')]",
  ];
  const out = list.map((pattern) => ({ section, version, pattern, note: 'operator table entry, wrapped in [ ]' }) satisfies SpecPattern);
  if (version === '2.1')
    out.push({ section, version, pattern: '[EXISTS windows-registry-key:values]', note: 'EXISTS (2.1 only), wrapped in [ ]' });
  return out;
}

export const specPatterns: SpecPattern[] = [
  ...examples('2.0', 'STIX 2.0 Part 5 Appendix: Examples', 'win-registry-key'),
  ...operatorTable('2.0', 'STIX 2.0 Part 5 Comparison Operators'),
  {
    section: 'STIX 2.0 Part 5 Pattern Qualifiers',
    version: '2.0',
    pattern: "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'",
    note: 'START/STOP with plain strings (2.0 grammar)',
  },
  ...examples('2.1', 'STIX 2.1 §9 Pattern Examples', 'windows-registry-key'),
  ...operatorTable('2.1', 'STIX 2.1 §9.5 Comparison Operators'),
  {
    section: 'STIX 2.1 §9.7 Pattern Qualifiers',
    version: '2.1',
    pattern: "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
    note: "START/STOP with t'' timestamps (2.1 grammar)",
  },
  {
    section: 'STIX 2.1 §9.7 Pattern Qualifiers',
    version: '2.1',
    pattern: "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] REPEATS 2 TIMES) REPEATS 2 TIMES",
    note: 'qualifier on a parenthesised, qualified expression',
  },
];
