/**
 * Audit: STIX 2.0 ⇄ 2.1 conversion against the specifications' MUSTs (2.0 Part 4 vs 2.1 §6,
 * 2.0 Part 1 §4 / 2.1 §7.2 markings). Fixtures written from the specification text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../validate.js';
import { convert } from './convert.js';
import type { ConvertJson } from './types.js';

const T = '2016-04-06T20:03:00.000Z';
const T2 = '2016-04-06T20:07:00.000Z';
const IDENTITY = 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c';
const OD = 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf';
const TLP_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const BUNDLE = 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d';

function errors(content: unknown, version: '2.0' | '2.1'): string[] {
  return validate(content, { version, bestPractices: false })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.code}@${i.path}: ${i.message}`);
}
const deepClone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Every 2.0 observable type (Part 4 §2) with every property, and every predefined extension. */
const container20: Record<string, ConvertJson> = {
  '0': {
    type: 'artifact',
    mime_type: 'image/jpeg',
    payload_bin: 'VBORw0KGgoAAAANSUhEUgAAADI==',
    hashes: { MD5: '6b885a1e1d42c0ca66e5f8a17e5a5d29' },
  },
  '1': { type: 'autonomous-system', number: 15139, name: 'Slime Industries', rir: 'ARIN' },
  '2': {
    type: 'directory',
    path: 'C:\\Windows\\System32',
    path_enc: 'windows-1252',
    created: T,
    modified: T2,
    accessed: T2,
    contains_refs: ['3'],
    description: 'a 2.0 observable description',
  },
  '3': {
    type: 'file',
    hashes: { 'SHA-256': 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' },
    size: 25536,
    name: 'foo.dll',
    name_enc: 'windows-1252',
    magic_number_hex: 'ffd8',
    mime_type: 'application/zip',
    created: T,
    modified: T2,
    accessed: T2,
    parent_directory_ref: '2',
    is_encrypted: true,
    encryption_algorithm: 'AES128-CBC',
    decryption_key: 'secret',
    contains_refs: ['4'],
    content_ref: '0',
    extensions: {
      'ntfs-ext': { sid: '1', alternate_data_streams: [{ name: 'second.stream', size: 25536 }] },
      'raster-image-ext': {
        image_height: 768,
        image_width: 1024,
        bits_per_pixel: 72,
        image_compression_algorithm: 'JPEG',
        exif_tags: { Make: 'Nikon' },
      },
      'pdf-ext': {
        version: '1.7',
        is_optimized: false,
        document_info_dict: { Title: 'Sample' },
        pdfid0: 'DFCE52BD827ECF765649852119D',
        pdfid1: '57A1E0F9ED2AE523E313C',
      },
      'archive-ext': { contains_refs: ['4'], version: '5.0', comment: 'an archive' },
      'windows-pebinary-ext': {
        pe_type: 'exe',
        machine_hex: '014c',
        number_of_sections: 4,
        time_date_stamp: '2016-01-22T12:31:12Z',
        pointer_to_symbol_table_hex: '74726144',
        number_of_symbols: 4542568,
        size_of_optional_header: 224,
        characteristics_hex: '818f',
        optional_header: { magic_hex: '010b', address_of_entry_point: 4096 },
        sections: [{ name: 'CODE', entropy: 0.061089 }],
      },
    },
  },
  '4': { type: 'file', name: 'inner.txt' },
  '5': { type: 'domain-name', value: 'example.com', resolves_to_refs: ['6'] },
  '6': { type: 'ipv4-addr', value: '198.51.100.3', resolves_to_refs: ['8'], belongs_to_refs: ['1'] },
  '7': { type: 'ipv6-addr', value: '2001:0db8:85a3:0000:0000:8a2e:0370:7334', resolves_to_refs: ['8'], belongs_to_refs: ['1'] },
  '8': { type: 'mac-addr', value: 'd2:fb:49:24:37:18' },
  '9': { type: 'email-addr', value: 'john@example.com', display_name: 'John Doe', belongs_to_ref: '14' },
  '10': {
    type: 'email-message',
    is_multipart: true,
    date: T,
    content_type: 'multipart/mixed',
    from_ref: '9',
    sender_ref: '9',
    to_refs: ['9'],
    cc_refs: ['9'],
    bcc_refs: ['9'],
    subject: 'Check out this picture!',
    received_lines: ['from mail.example.com'],
    additional_header_fields: { 'Reply-To': ['steve@example.com'] },
    body_multipart: [
      { content_type: 'text/plain; charset=utf-8', content_disposition: 'inline', body: 'Cats are funny!' },
      { content_type: 'image/png', content_disposition: 'attachment; filename="tabby.png"', body_raw_ref: '0' },
    ],
    raw_email_ref: '0',
  },
  '11': { type: 'mutex', name: '__CLEANSWEEP__' },
  '12': {
    type: 'network-traffic',
    start: T,
    end: T2,
    is_active: false,
    src_ref: '6',
    dst_ref: '7',
    src_port: 2487,
    dst_port: 1723,
    protocols: ['ipv4', 'tcp'],
    src_byte_count: 147600,
    dst_byte_count: 147600,
    src_packets: 100,
    dst_packets: 100,
    ipfix: { minimumIpTotalLength: 32 },
    src_payload_ref: '0',
    dst_payload_ref: '0',
    encapsulates_refs: ['16'],
    extensions: {
      'http-request-ext': {
        request_method: 'get',
        request_value: '/download.html',
        request_version: 'http/1.1',
        request_header: { Host: 'www.example.com' },
        message_body_length: 0,
        message_body_data_ref: '0',
      },
      'icmp-ext': { icmp_type_hex: '08', icmp_code_hex: '00' },
      'socket-ext': {
        address_family: 'AF_INET',
        is_blocking: false,
        is_listening: true,
        protocol_family: 'PF_INET',
        options: { SO_TEST: 1000 },
        socket_type: 'SOCK_STREAM',
        socket_descriptor: 3,
        socket_handle: 4,
      },
      'tcp-ext': { src_flags_hex: '00000002', dst_flags_hex: '00000002' },
    },
  },
  '16': { type: 'network-traffic', src_ref: '6', protocols: ['udp'], encapsulated_by_ref: '12' },
  '13': {
    type: 'process',
    is_hidden: false,
    pid: 1221,
    name: 'gedit-bin',
    created: T,
    cwd: '/tmp/',
    arguments: ['--new-window'],
    command_line: './gedit-bin --new-window',
    environment_variables: { ENVTEST: '/path/to/bin' },
    opened_connection_refs: ['12'],
    creator_user_ref: '14',
    binary_ref: '3',
    parent_ref: '17',
    child_refs: ['17'],
    extensions: {
      'windows-process-ext': {
        aslr_enabled: true,
        dep_enabled: true,
        priority: 'HIGH_PRIORITY_CLASS',
        owner_sid: 'S-1-5-21-186985262-1144665072-74031268-1309',
        window_title: 'title',
        startup_info: { dwFlags: 1 },
      },
      'windows-service-ext': {
        service_name: 'sirvizio',
        descriptions: ['Sirvizio'],
        display_name: 'Sirvizio',
        group_name: 'LocalService',
        start_type: 'SERVICE_AUTO_START',
        service_dll_refs: ['4'],
        service_type: 'SERVICE_WIN32_OWN_PROCESS',
        service_status: 'SERVICE_RUNNING',
      },
    },
  },
  '17': { type: 'process', pid: 1, name: 'init' },
  '14': {
    type: 'user-account',
    user_id: '1001',
    account_login: 'jdoe',
    account_type: 'unix',
    display_name: 'John Doe',
    is_service_account: false,
    is_privileged: false,
    can_escalate_privs: true,
    is_disabled: false,
    account_created: T,
    account_expires: T2,
    password_last_changed: T,
    account_first_login: T,
    account_last_login: T2,
    extensions: { 'unix-account-ext': { gid: 1001, groups: ['wheel'], home_dir: '/home/jdoe', shell: '/bin/bash' } },
  },
  '15': {
    type: 'software',
    name: 'Word',
    cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*',
    languages: ['eng'],
    vendor: 'Microsoft',
    version: '2002',
  },
  '18': { type: 'url', value: 'https://example.com/research/index.html' },
  '19': {
    type: 'windows-registry-key',
    key: 'hkey_local_machine\\system\\bar\\foo',
    values: [{ name: 'Foo', data: 'qwerty', data_type: 'REG_SZ' }],
    modified: T,
    creator_user_ref: '14',
    number_of_subkeys: 2,
  },
  '20': {
    type: 'x509-certificate',
    is_self_signed: false,
    hashes: { 'SHA-256': 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' },
    version: '3',
    serial_number: '36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06',
    signature_algorithm: 'md5WithRSAEncryption',
    issuer: 'C=ZA, ST=Western Cape, L=Cape Town, O=Thawte Consulting cc',
    validity_not_before: T,
    validity_not_after: T2,
    subject: 'C=US, ST=Maryland, L=Pasadena, O=Brent Baccala',
    subject_public_key_algorithm: 'rsaEncryption',
    subject_public_key_modulus: 'd8:25:5b:a8',
    subject_public_key_exponent: 65537,
    x509_v3_extensions: {
      basic_constraints: 'critical,CA:TRUE',
      private_key_usage_period_not_before: T,
      private_key_usage_period_not_after: T2,
    },
  },
};

const observed20 = (objects: Record<string, ConvertJson>): ConvertJson => ({
  type: 'observed-data',
  id: OD,
  created: T,
  modified: T,
  created_by_ref: IDENTITY,
  first_observed: T,
  last_observed: T,
  number_observed: 1,
  objects,
});
const identity20: ConvertJson = { type: 'identity', id: IDENTITY, created: T, modified: T, name: 'ACME', identity_class: 'organization' };
const bundle20 = (...objects: ConvertJson[]) => ({ type: 'bundle', id: BUNDLE, spec_version: '2.0', objects });

test('audit: the 2.0 fixture with every observable and extension is valid 2.0 (Part 4)', () => {
  assert.deepEqual(errors(bundle20(identity20, observed20(container20)), '2.0'), []);
});

test('audit: 2.0 → 2.1, every observable type and extension validates in 2.1 (§6) and the input is untouched', () => {
  const input = bundle20(identity20, observed20(container20));
  const before = deepClone(input);
  const result = convert(input, { to: '2.1' });
  assert.deepEqual(input, before);
  assert.equal(result.shape, 'bundle');
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.1'), []);
  const types = new Set(result.objects.map((o) => o.type));
  for (const o of Object.values(container20)) assert.ok(types.has(o.type as string), `${String(o.type)} made it to 2.1`);
  // The lossy changes: description, file encryption, process name/arguments, archive version,
  // raster compression, socket protocol_family.
  const dropped = result.report.changes.filter((c) => c.kind === 'dropped-property').map((c) => c.path);
  for (const path of [
    'objects["2"].description',
    'objects["3"].is_encrypted',
    'objects["3"].encryption_algorithm',
    'objects["3"].decryption_key',
    'objects["3"].extensions["archive-ext"].version',
    'objects["3"].extensions["raster-image-ext"].image_compression_algorithm',
    'objects["12"].extensions["socket-ext"].protocol_family',
    'objects["13"].name',
    'objects["13"].arguments',
  ])
    assert.ok(dropped.includes(path), `reported: ${path} (got ${dropped.join(', ')})`);
});

test('audit: 2.0 → 2.1 → 2.0 keeps every observable (round trip, keepRemovedAsCustom)', () => {
  const input = bundle20(identity20, observed20(container20));
  const up = convert(input, { to: '2.1', keepRemovedAsCustom: true });
  assert.deepEqual(errors(up.shape === 'bundle' ? up.bundle : [], '2.1'), []);
  const down = convert(up.shape === 'bundle' ? up.bundle : [], { to: '2.0' });
  assert.deepEqual(errors(down.shape === 'bundle' ? down.bundle : [], '2.0'), []);
  const od = down.objects.find((o) => o.type === 'observed-data') as ConvertJson;
  const container = od.objects as Record<string, ConvertJson>;
  const values = Object.values(container);
  assert.equal(values.length, Object.keys(container20).length, 'as many observables as in 2.0');
  const file = values.find((o) => o.type === 'file' && o.name === 'foo.dll') as ConvertJson;
  assert.equal(file.is_encrypted, true);
  assert.equal(file.created, T);
  assert.equal((file.extensions as Record<string, ConvertJson>)['archive-ext'].version, '5.0');
  const proc = values.find((o) => o.type === 'process' && o.pid === 1221) as ConvertJson;
  assert.equal(proc.name, 'gedit-bin');
  assert.deepEqual(proc.arguments, ['--new-window']);
  assert.equal(typeof proc.binary_ref, 'string');
  assert.equal(container[proc.binary_ref as string].name, 'foo.dll');
});

// ---------- 2.1 → 2.0

const S = (type: string, uuid: string) => `${type}--${uuid}`;
const IDS = {
  file: S('file', '8d6b7a21-6a65-5a8e-8a8b-2b3b2ac9f2c1'),
  dir: S('directory', '5b4e5d1c-7c9f-5a8e-8a8b-2b3b2ac9f2c2'),
  proc: S('process', 'f52a906a-0dfc-40bd-92f1-e7778ead38a9'),
  user: S('user-account', '0d5b424b-93b8-5cd8-ac36-306e1789d63c'),
  key: S('windows-registry-key', '2ba37ae7-2745-5082-9dfd-9486dad41016'),
  ip: S('ipv4-addr', 'ff26c055-6336-5bc5-b98d-13d6226742dd'),
  ip6: S('ipv6-addr', '1e61d36c-a16c-53b7-a80f-2a00161c96b1'),
  traffic: S('network-traffic', '2568d22a-8998-58eb-99ec-3c8ca74f527d'),
  artifact: S('artifact', '6f437177-6e48-5cf8-9d9e-872a2bddd641'),
  sw: S('software', '7fc8ddad-2a1c-5f8d-b6e4-dd4ec1d0f7d4'),
  email: S('email-message', '0c57a381-2a17-5e61-8754-5ef96efb286c'),
  addr: S('email-addr', '2d77a846-6264-5d51-b586-e43822ea1ea3'),
  x509: S('x509-certificate', '463d7b2a-8516-5a50-a3d7-6f801465d5de'),
};
const sco21 = (type: keyof typeof IDS, props: ConvertJson): ConvertJson => ({
  type: IDS[type].split('--')[0],
  spec_version: '2.1',
  id: IDS[type],
  ...props,
});
const od21 = (refs: string[], extra: ConvertJson = {}): ConvertJson => ({
  type: 'observed-data',
  spec_version: '2.1',
  id: OD,
  created: T,
  modified: T,
  first_observed: T,
  last_observed: T,
  number_observed: 1,
  object_refs: refs,
  ...extra,
});
const bundle21 = (...objects: ConvertJson[]) => ({ type: 'bundle', id: BUNDLE, objects });

const scos21: ConvertJson[] = [
  sco21('dir', { path: 'C:\\Windows', ctime: T, mtime: T2, atime: T2, contains_refs: [IDS.file] }),
  sco21('file', {
    name: 'foo.exe',
    hashes: { MD5: '6b885a1e1d42c0ca66e5f8a17e5a5d29' },
    ctime: T,
    mtime: T2,
    atime: T2,
    parent_directory_ref: IDS.dir,
    content_ref: IDS.artifact,
    defanged: true,
    object_marking_refs: [TLP_GREEN],
    extensions: {
      'archive-ext': { contains_refs: [IDS.dir], comment: 'x' },
      'raster-image-ext': { image_height: 1, exif_tags: { Make: 'Nikon' } },
    },
  }),
  sco21('artifact', {
    mime_type: 'application/zip',
    payload_bin: 'VBORw0KGgoAAAANSUhEUgAAADI==',
    encryption_algorithm: 'mime-type-indicated',
    decryption_key: 'k',
  }),
  sco21('user', {
    user_id: '1001',
    credential: 'hunter2',
    credential_last_changed: T,
    extensions: { 'unix-account-ext': { gid: 1 } },
  }),
  sco21('proc', {
    pid: 1221,
    created_time: T,
    command_line: 'a.exe',
    image_ref: IDS.file,
    creator_user_ref: IDS.user,
    opened_connection_refs: [IDS.traffic],
    extensions: { 'windows-process-ext': { aslr_enabled: true, integrity_level: 'high' } },
  }),
  sco21('key', { key: 'hkey_local_machine\\system\\bar\\foo', modified_time: T, creator_user_ref: IDS.user }),
  sco21('ip', { value: '198.51.100.3' }),
  sco21('ip6', { value: '2001:db8::1' }),
  sco21('traffic', {
    src_ref: IDS.ip,
    dst_ref: IDS.ip6,
    protocols: ['tcp'],
    extensions: {
      'socket-ext': { address_family: 'AF_INET', is_listening: true },
      'http-request-ext': {
        request_method: 'get',
        request_value: '/',
        request_header: { Host: ['example.com'], Accept: ['text/html', 'application/json'] },
      },
    },
  }),
  sco21('sw', { name: 'Word', swid: 'swid:x', languages: ['en'] }),
  sco21('addr', { value: 'a@example.com' }),
  sco21('email', { is_multipart: false, from_ref: IDS.addr, message_id: '<x@example.com>', body: 'hello' }),
  sco21('x509', { serial_number: '01', subject: 'CN=x' }),
];

test('audit: the 2.1 fixture with SCOs is valid 2.1 (§6)', () => {
  const refs = scos21.map((s) => s.id as string);
  assert.deepEqual(errors(bundle21(...scos21, od21(refs)), '2.1'), []);
});

test('audit: 2.1 → 2.0, every SCO folds into a valid 2.0 container, renames and drops reported', () => {
  const refs = scos21.map((s) => s.id as string);
  const input = bundle21(...scos21, od21(refs));
  const before = deepClone(input);
  const result = convert(input, { to: '2.0' });
  assert.deepEqual(input, before);
  const out = result.shape === 'bundle' ? result.bundle : [];
  assert.deepEqual(errors(out, '2.0'), []);
  const od = result.objects.find((o) => o.type === 'observed-data') as ConvertJson;
  const container = Object.values(od.objects as Record<string, ConvertJson>);
  assert.equal(container.length, scos21.length);
  const proc = container.find((o) => o.type === 'process') as ConvertJson;
  assert.equal(proc.created, T);
  assert.equal(typeof proc.binary_ref, 'string');
  assert.equal(proc.image_ref, undefined);
  const user = container.find((o) => o.type === 'user-account') as ConvertJson;
  assert.equal(user.password_last_changed, T);
  const dropped = result.report.changes.filter((c) => c.kind === 'dropped-property').map((c) => c.path);
  for (const suffix of ['.defanged', '.object_marking_refs', '.credential', '.swid', '.message_id', '.decryption_key', '.integrity_level'])
    assert.ok(
      dropped.some((p) => p.endsWith(suffix)),
      `reported: ${suffix} (got ${dropped.join(', ')})`,
    );
});

test('audit: 2.1 → 2.0, an SCO referenced only through another SCO is pulled into the container (Part 3 §2: refs are local)', () => {
  // file.parent_directory_ref points at a directory the observed-data does not list.
  const dir = sco21('dir', { path: '/tmp' });
  const file = sco21('file', { name: 'a', parent_directory_ref: IDS.dir });
  const result = convert(bundle21(dir, file, od21([IDS.file])), { to: '2.0' });
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.0'), []);
  const od = result.objects.find((o) => o.type === 'observed-data') as ConvertJson;
  const container = od.objects as Record<string, ConvertJson>;
  const f = Object.values(container).find((o) => o.type === 'file') as ConvertJson;
  assert.equal(container[f.parent_directory_ref as string]?.type, 'directory');
});

test('audit: 2.1 → 2.0, an SCO reference to an SDO (not an observable) leaves the container', () => {
  const ip = sco21('ip', { value: '198.51.100.3' });
  const result = convert(bundle21(ip, od21([IDS.ip])), { to: '2.0' });
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.0'), []);
});

test('audit: 2.1 → 2.0 markings: a granular marking on an SCO property is reported, TLP 2.0 on SDOs maps', () => {
  const ip = sco21('ip', {
    value: '198.51.100.3',
    granular_markings: [{ marking_ref: TLP_RED, selectors: ['value'] }],
  });
  const result = convert(bundle21(ip, od21([IDS.ip])), { to: '2.0' });
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.0'), []);
  assert.ok(result.report.changes.some((c) => c.kind === 'dropped-property' && c.path.endsWith('granular_markings')));
});

test('audit: 2.1 → 2.0 indicator with only labels and indicator_types keeps both in labels', () => {
  const ind: ConvertJson = {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2016-04-06T20:03:00.123456Z',
    modified: '2016-04-06T20:03:00.123999Z',
    indicator_types: ['malicious-activity'],
    labels: ['apt'],
    pattern: "[file:ctime = '2016-04-06T20:03:00Z'] AND [process:image_ref.name = 'a.exe']",
    pattern_type: 'stix',
    valid_from: T,
    confidence: 50,
    lang: 'en',
    granular_markings: [
      { marking_ref: TLP_RED, selectors: ['indicator_types.[0]', 'confidence'] },
      { lang: 'de', selectors: ['pattern'] },
    ],
    object_marking_refs: [TLP_GREEN],
  };
  const before = deepClone(ind);
  const result = convert([ind], { to: '2.0' });
  assert.deepEqual(ind, before);
  const [out] = result.objects;
  assert.deepEqual(errors(out, '2.0'), []);
  assert.deepEqual(out.labels, ['malicious-activity', 'apt']);
  assert.equal(out.created, '2016-04-06T20:03:00.123Z');
  assert.equal(out.modified, '2016-04-06T20:03:00.123Z');
  assert.equal(out.pattern, "[file:created = '2016-04-06T20:03:00Z'] AND [process:binary_ref.name = 'a.exe']");
  assert.deepEqual(out.granular_markings, [{ marking_ref: TLP_RED, selectors: ['labels.[0]'] }]);
});

test('audit: 2.1 → 2.0 report whose object_refs point only at SCOs is dropped or stays valid', () => {
  const ip = sco21('ip', { value: '198.51.100.3' });
  const report: ConvertJson = {
    type: 'report',
    spec_version: '2.1',
    id: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
    created: T,
    modified: T,
    name: 'r',
    published: T,
    object_refs: [IDS.ip],
  };
  const result = convert(bundle21(ip, report), { to: '2.0' });
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.0'), []);
});

test('audit: 2.1 → 2.0 sighting where_sighted_refs to a location only is valid 2.0', () => {
  const sighting: ConvertJson = {
    type: 'sighting',
    spec_version: '2.1',
    id: 'sighting--ee20065d-2555-424f-ad9e-0f8fd1b6f7d3',
    created: T,
    modified: T,
    sighting_of_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    where_sighted_refs: ['location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64'],
    observed_data_refs: [OD],
    description: 'seen',
  };
  const result = convert([sighting], { to: '2.0' });
  assert.deepEqual(errors(result.objects, '2.0'), []);
  assert.equal(result.objects[0].where_sighted_refs, undefined);
});

test('audit: 2.1 → 2.0 TLP 2.0 marking definition objects and refs become TLP 1.0', () => {
  const TLP2_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
  const md: ConvertJson = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_RED,
    created: '2022-10-01T00:00:00.000Z',
    name: 'TLP:RED',
    extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'red' } },
  };
  const malware: ConvertJson = {
    type: 'malware',
    spec_version: '2.1',
    id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    created: T,
    modified: T,
    name: 'x',
    is_family: false,
    object_marking_refs: [TLP2_RED],
    granular_markings: [{ marking_ref: TLP2_RED, selectors: ['name'] }],
  };
  const result = convert(bundle21(md, malware), { to: '2.0' });
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.0'), []);
  const m = result.objects.find((o) => o.type === 'malware') as ConvertJson;
  assert.deepEqual(m.object_marking_refs, [TLP_RED]);
  assert.deepEqual(m.granular_markings, [{ marking_ref: TLP_RED, selectors: ['name'] }]);
});

test('audit: 2.0 → 2.1 custom objects and custom properties pass through and validate', () => {
  const custom: ConvertJson = {
    type: 'x-acme-thing',
    id: 'x-acme-thing--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: T,
    modified: T,
    x_acme_n: 1,
  };
  const od = observed20({
    '0': { type: 'x-acme-obs', value: 'v', x_acme_more: true },
    '1': { type: 'ipv4-addr', value: '198.51.100.3', x_acme_ok: 'y' },
  });
  const input = bundle20(identity20, custom, od);
  assert.deepEqual(errors(input, '2.0'), []);
  const result = convert(input, { to: '2.1' });
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.1'), []);
  const ip = result.objects.find((o) => o.type === 'ipv4-addr') as ConvertJson;
  assert.equal(ip.x_acme_ok, 'y');
});

test('audit: 2.0 → 2.1 granular markings on a container observable go with the observed-data', () => {
  const od = {
    ...observed20({ '0': { type: 'file', name: 'a', created: T } }),
    granular_markings: [{ marking_ref: TLP_RED, selectors: ['objects.0.created', 'objects.0.name'] }],
  };
  const input = bundle20(identity20, od);
  assert.deepEqual(errors(input, '2.0'), []);
  const result = convert(input, { to: '2.1' });
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.1'), []);
  // The lossy change must be reported: the observed-data no longer has `objects`.
  assert.ok(result.report.changes.some((c) => c.path.startsWith('granular_markings')));
});

test('audit: 2.0 → 2.1 a 2.0 bundle of several versions of one object converts each', () => {
  const a = { type: 'campaign', id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: T, modified: T, name: 'a' };
  const b = { ...a, modified: T2, name: 'b' };
  const result = convert(bundle20(a, b), { to: '2.1' });
  assert.equal(result.objects.length, 2);
  assert.deepEqual(errors(result.shape === 'bundle' ? result.bundle : [], '2.1'), []);
});

test('audit: 2.1 → 2.0 created/modified beyond ms are truncated without breaking modified >= created', () => {
  const c: ConvertJson = {
    type: 'campaign',
    spec_version: '2.1',
    id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2016-04-06T20:03:00.0001Z',
    modified: '2016-04-06T20:03:00.0009Z',
    name: 'a',
  };
  const r = convert([c], { to: '2.0' });
  assert.deepEqual(errors(r.objects, '2.0'), []);
  assert.equal(r.report.counts['truncated-timestamp'], 2);
});

test('audit: 2.1 → 2.0 marking-definition loses name and 2.1-only properties, stays valid', () => {
  const md: ConvertJson = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db',
    created: T,
    name: 'internal',
    created_by_ref: IDENTITY,
    definition_type: 'statement',
    definition: { statement: 'Copyright ACME' },
  };
  const r = convert([md], { to: '2.0' });
  assert.deepEqual(errors(r.objects, '2.0'), []);
  assert.equal(r.objects[0].name, undefined);
  assert.ok(r.report.changes.some((c) => c.kind === 'dropped-property' && c.path === 'name'));
});

test('audit: 2.1 → 2.0 identity sectors and roles, malware with 2.1-only properties', () => {
  const identity: ConvertJson = {
    type: 'identity',
    spec_version: '2.1',
    id: IDENTITY,
    created: T,
    modified: T,
    name: 'ACME',
    roles: ['x'],
  };
  const malware: ConvertJson = {
    type: 'malware',
    spec_version: '2.1',
    id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    created: T,
    modified: T,
    name: 'x',
    is_family: true,
    malware_types: ['trojan'],
    first_seen: T,
    last_seen: T2,
    capabilities: ['persists-after-system-reboot'],
    sample_refs: [IDS.file],
    operating_system_refs: [IDS.sw],
  };
  const r = convert([identity, malware], { to: '2.0' });
  assert.deepEqual(errors(r.objects, '2.0'), []);
});

test('audit: 2.1 → 2.0 a relationship with start/stop time and a SCO target', () => {
  const rel: ConvertJson = {
    type: 'relationship',
    spec_version: '2.1',
    id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
    created: T,
    modified: T,
    relationship_type: 'uses',
    source_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    target_ref: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    start_time: T,
    stop_time: T2,
  };
  const r = convert([rel], { to: '2.0' });
  assert.deepEqual(errors(r.objects, '2.0'), []);
  assert.equal(r.objects[0].start_time, undefined);
});

test('audit: software languages are ISO 639-2 in 2.0 (Part 4 §2.14) and RFC 5646 in 2.1 (§6.14), both ways', () => {
  const up = convert([observed20({ '0': { type: 'software', name: 'Word', languages: ['eng', 'ger', 'haw'] } })], { to: '2.1' });
  const sw = up.objects.find((o) => o.type === 'software') as ConvertJson;
  assert.deepEqual(sw.languages, ['en', 'de', 'haw']);
  assert.deepEqual(errors(up.objects, '2.1'), []);
  const down = convert([sco21('sw', { name: 'Word', languages: ['en-US', 'fr', 'haw'] }), od21([IDS.sw])], { to: '2.0' });
  assert.deepEqual(errors(down.objects, '2.0'), []);
  const od = down.objects.find((o) => o.type === 'observed-data') as ConvertJson;
  assert.deepEqual((od.objects as Record<string, ConvertJson>)['0'].languages, ['eng', 'fra', 'haw']);
  assert.ok(
    down.report.changes.some((c) => c.path.endsWith('languages[0]')),
    'the dropped region subtag is reported',
  );
});

test('audit: http-request-ext request_header is a string per header in 2.0 and a list in 2.1 (§6.12.2)', () => {
  const nt = {
    type: 'network-traffic',
    src_ref: '1',
    protocols: ['tcp', 'http'],
    extensions: { 'http-request-ext': { request_method: 'get', request_value: '/', request_header: { Host: 'example.com' } } },
  };
  const up = convert([observed20({ '0': nt, '1': { type: 'ipv4-addr', value: '198.51.100.3' } })], { to: '2.1' });
  assert.deepEqual(errors(up.objects, '2.1'), []);
  const t = up.objects.find((o) => o.type === 'network-traffic') as ConvertJson;
  assert.deepEqual((t.extensions as Record<string, ConvertJson>)['http-request-ext'].request_header, { Host: ['example.com'] });
  const down = convert(up.objects, { to: '2.0' });
  assert.deepEqual(errors(down.objects, '2.0'), []);
  const od = down.objects.find((o) => o.type === 'observed-data') as ConvertJson;
  const back = Object.values(od.objects as Record<string, ConvertJson>).find((o) => o.type === 'network-traffic') as ConvertJson;
  assert.deepEqual((back.extensions as Record<string, ConvertJson>)['http-request-ext'].request_header, { Host: 'example.com' });
});

test('audit: a bundle left with no objects has no objects property (2.0 Part 1 §5: no empty lists)', () => {
  const ip = sco21('ip', { value: '198.51.100.3' });
  const r = convert(bundle21(ip), { to: '2.0' });
  assert.equal(r.shape, 'bundle');
  assert.deepEqual(errors(r.shape === 'bundle' ? r.bundle : [], '2.0'), []);
});

test('audit: an SCO extension-definition extension carried into 2.0 comes back under its id (2.1 §7.3)', () => {
  const ED = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
  const ip = sco21('ip', { value: '198.51.100.3', extensions: { [ED]: { extension_type: 'property-extension', rank: 5 } } });
  const down = convert([ip, od21([IDS.ip])], { to: '2.0', keepRemovedAsCustom: true });
  assert.deepEqual(errors(down.objects, '2.0'), []);
  const up = convert(down.objects, { to: '2.1' });
  assert.deepEqual(errors(up.objects, '2.1'), []);
  const back = up.objects.find((o) => o.type === 'ipv4-addr') as ConvertJson;
  assert.deepEqual(back.extensions, ip.extensions);
});

test('audit: 2.1 → 2.0 a malware without name (2.1 §4.11 allows it) gets one, as 2.0 Part 2 requires', () => {
  const m: ConvertJson = {
    type: 'malware',
    spec_version: '2.1',
    id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    created: T,
    modified: T,
    is_family: false,
    malware_types: ['trojan'],
  };
  const r = convert([m], { to: '2.0' });
  assert.deepEqual(errors(r.objects, '2.0'), []);
  assert.ok(r.report.changes.some((c) => c.kind === 'defaulted-property' && c.path === 'name'));
  const named = convert([{ ...m, aliases: ['Emotet'] }], { to: '2.0' });
  assert.equal(named.objects[0].name, 'Emotet');
});

test('audit: 2.1 → 2.0 a windows-service-ext without service_name (required in 2.0 Part 4) is dropped, reported, or carried', () => {
  const p = sco21('proc', { pid: 1, extensions: { 'windows-service-ext': { display_name: 'x' } } });
  const r = convert([p, od21([IDS.proc])], { to: '2.0' });
  assert.deepEqual(errors(r.objects, '2.0'), []);
  assert.ok(r.report.changes.some((c) => c.kind === 'dropped-property' && c.path.endsWith('["windows-service-ext"]')));
  const kept = convert([p, od21([IDS.proc])], { to: '2.0', keepRemovedAsCustom: true });
  assert.deepEqual(errors(kept.objects, '2.0'), []);
  const back = convert(kept.objects, { to: '2.1' });
  assert.deepEqual(errors(back.objects, '2.1'), []);
  const proc = back.objects.find((o) => o.type === 'process') as ConvertJson;
  assert.deepEqual(proc.extensions, p.extensions);
});
