/**
 * The 18 STIX 2.1 cyber-observable objects (§6), with their ID Contributing Properties (the
 * values that make up their deterministic UUIDv5 ids) in specification order.
 */
import { idContributingProperties } from '../ids/sco-id.js';
import { dictionary, hashes } from '../properties/dictionary.js';
import { ipfix } from '../properties/embedded.js';
import {
  binary,
  boolean,
  either,
  enumeration,
  hex,
  identifier,
  integer,
  list,
  type PropertyKind,
  string,
  targetTypes,
  timestamp,
  url,
  vocabulary,
} from '../properties/kinds.js';
import { atLeastOne, dependsOn, mutuallyExclusive, ObjectSpec, required, timestampOrder } from '../properties/object-spec.js';
import { isCharset, isCpe23, isLanguageTag, isMediaType, isMediaTypeSyntax, isServiceName } from '../reference/index.js';
import type { TypeDefinition } from '../registry.js';
import type { ValidationContext } from '../validation/context.js';
import { describeValue } from '../validation/context.js';
import { sco } from './common.js';
import { fileExtensions, networkTrafficExtensions, processExtensions, userAccountExtensions } from './extensions-sco.js';
import { anySco } from './targets.js';
import * as v from './vocab-sco.js';

const refs = (...types: string[]) => list(identifier(targetTypes(...types)));
const ref = (...types: string[]) => identifier(targetTypes(...types));

/** A MIME type: type/subtype syntax is required; an unregistered one is best practice 271. */
function mimeType(): PropertyKind {
  return {
    description: 'a MIME type',
    check(value, ctx) {
      if (typeof value !== 'string') return ctx.error('STIX_WRONG_JSON_TYPE', `expected a MIME type string, found ${describeValue(value)}`);
      const bare = value.split(';')[0].trim();
      if (!isMediaTypeSyntax(bare))
        ctx.error('STIX_INVALID_MIME_TYPE', `${describeValue(value)} is not a MIME type (type/subtype, e.g. application/pdf)`);
      else if (!isMediaType(bare))
        ctx.bestPractice(271, 'STIX_EXTERNAL_REGISTRY', `${describeValue(value)} is not in the IANA media types registry`);
    },
  };
}

/** `*_enc`: the IANA character set name (§6.3, §6.7: MUST; validator MUST character_set). */
const charset = string({
  code: 'STIX_INVALID_CHARSET',
  test: (s) => (isCharset(s) ? undefined : `${JSON.stringify(s)} is not an IANA character set name (e.g. UTF-8, ISO-8859-1, windows-1252)`),
});

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;

function isIpv6(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  if (prefix !== undefined && !/^(?:12[0-8]|1[01]\d|[1-9]?\d)$/.test(prefix)) return false;
  let text = address;
  // An embedded IPv4 tail counts as two groups.
  let groupsFromV4 = 0;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    if (!IPV4.test(text.slice(lastColon + 1)) || text.slice(lastColon + 1).includes('/')) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groupsFromV4 = 1;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const group = /^[0-9a-fA-F]{1,4}$/;
  const count = (h: string) => (h === '' ? 0 : h.split(':').length);
  const valid = (h: string) => h === '' || h.split(':').every((g) => group.test(g));
  if (!halves.every(valid)) return false;
  const groups = halves.reduce((n, h) => n + count(h), 0) + groupsFromV4;
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

const MAC = /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** §6.1 artifact: payload_bin or url (with hashes), not both. */
const artifact = sco('artifact', {
  mime_type: mimeType(),
  payload_bin: binary(),
  url: url(),
  hashes: hashes(),
  encryption_algorithm: enumeration(v.encryptionAlgorithm, 'encryption-algorithm-enum'),
  decryption_key: string(),
}).with(mutuallyExclusive('payload_bin', 'url'), dependsOn('url', 'hashes'), dependsOn('decryption_key', 'encryption_algorithm'));

/** §6.2 autonomous-system */
const autonomousSystem = sco('autonomous-system', { number: required(integer({ min: 0 })), name: string(), rir: string() });

/** §6.3 directory */
const directory = sco('directory', {
  path: required(string()),
  path_enc: charset,
  ctime: timestamp(),
  mtime: timestamp(),
  atime: timestamp(),
  contains_refs: refs('file', 'directory'),
});

/** §6.4 domain-name */
const domainName = sco('domain-name', {
  value: required(string({ minLength: 1 })),
  resolves_to_refs: refs('ipv4-addr', 'ipv6-addr', 'domain-name'),
});

/** §6.5 email-addr */
const emailAddr = sco('email-addr', {
  value: required(string({ pattern: EMAIL, patternDescription: 'an email address (addr-spec, RFC 5322)' })),
  display_name: string(),
  belongs_to_ref: ref('user-account'),
});

/** §6.5.2 email MIME component */
const mimePart = new ObjectSpec('email-mime-part', {
  body: string(),
  body_raw_ref: ref('artifact', 'file'),
  content_type: string(),
  content_disposition: string(),
}).with(atLeastOne('body', 'body_raw_ref'), mutuallyExclusive('body', 'body_raw_ref'));

/** §6.6 email-message: body only when not multipart, body_multipart only when multipart. */
const emailMessage = sco('email-message', {
  is_multipart: required(boolean()),
  date: timestamp(),
  content_type: string(),
  from_ref: ref('email-addr'),
  sender_ref: ref('email-addr'),
  to_refs: refs('email-addr'),
  cc_refs: refs('email-addr'),
  bcc_refs: refs('email-addr'),
  message_id: string(),
  subject: string(),
  received_lines: list(string()),
  additional_header_fields: dictionary(
    either({ when: (x) => typeof x === 'string', kind: string() }, { when: Array.isArray, kind: list(string()) }),
    { keys: 'ascii' },
  ),
  body: string(),
  body_multipart: list(mimePart),
  raw_email_ref: ref('artifact'),
}).with((o, ctx) => {
  if (o.is_multipart === true && o.body !== undefined)
    ctx.error('STIX_PROPERTY_NOT_ALLOWED', 'body must not be present when is_multipart is true (use body_multipart)', 'body');
  if (o.is_multipart === false && o.body_multipart !== undefined)
    ctx.error('STIX_PROPERTY_NOT_ALLOWED', 'body_multipart must not be present when is_multipart is false (use body)', 'body_multipart');
});

/** §6.7 file: hashes or name. */
const file = sco(
  'file',
  {
    hashes: hashes(),
    size: integer({ min: 0 }),
    name: string(),
    name_enc: charset,
    magic_number_hex: hex(),
    mime_type: mimeType(),
    ctime: timestamp(),
    mtime: timestamp(),
    atime: timestamp(),
    parent_directory_ref: ref('directory'),
    contains_refs: list(identifier(anySco)),
    content_ref: ref('artifact'),
  },
  fileExtensions,
).with(atLeastOne('hashes', 'name'));

const ipAddress = (name: string, test: (s: string) => boolean, form: string, mac: boolean) =>
  sco(name, {
    value: required(string({ test: (s) => (test(s) ? undefined : `${JSON.stringify(s)} is not ${form}`) })),
    resolves_to_refs: refs(...(mac ? ['mac-addr'] : [])),
    belongs_to_refs: refs('autonomous-system'),
  });

/** §6.8 ipv4-addr: an address or CIDR block. */
const ipv4Addr = ipAddress('ipv4-addr', (s) => IPV4.test(s), 'an IPv4 address or CIDR block (e.g. 198.51.100.3, 198.51.100.0/24)', true);
/** §6.9 ipv6-addr */
const ipv6Addr = ipAddress('ipv6-addr', isIpv6, 'an IPv6 address or CIDR block (e.g. 2001:db8::1, 2001:db8::/32)', true);

/** §6.10 mac-addr: colon-delimited lower-case MAC-48. */
const macAddr = sco('mac-addr', {
  value: required(string({ pattern: MAC, patternDescription: 'a lower-case colon-delimited MAC-48 address (e.g. d2:fb:49:24:37:18)' })),
});

/** §6.11 mutex */
const mutex = sco('mutex', { name: required(string()) });

const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'dccp']);

/** §6.12 network-traffic: src_ref or dst_ref; end only when not active, and not before start. */
const networkTraffic = sco(
  'network-traffic',
  {
    start: timestamp(),
    end: timestamp(),
    is_active: boolean(),
    src_ref: ref('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'),
    dst_ref: ref('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'),
    src_port: integer({ min: 0, max: 65535 }),
    dst_port: integer({ min: 0, max: 65535 }),
    protocols: required(list(string())),
    src_byte_count: integer({ min: 0 }),
    dst_byte_count: integer({ min: 0 }),
    src_packets: integer({ min: 0 }),
    dst_packets: integer({ min: 0 }),
    ipfix: ipfix(),
    src_payload_ref: ref('artifact'),
    dst_payload_ref: ref('artifact'),
    encapsulates_refs: refs('network-traffic'),
    encapsulated_by_ref: ref('network-traffic'),
  },
  networkTrafficExtensions,
).with(atLeastOne('src_ref', 'dst_ref'), timestampOrder('end', 'start', true), (o, ctx) => {
  if (o.is_active === true && o.end !== undefined)
    ctx.error('STIX_PROPERTY_NOT_ALLOWED', 'end must not be present when is_active is true', 'end');
  checkProtocols(o, ctx);
});

function checkProtocols(o: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const protocols = o.protocols;
  if (!Array.isArray(protocols)) return;
  protocols.forEach((p, i) => {
    if (typeof p !== 'string') return;
    if (p !== p.toLowerCase())
      ctx.at('protocols', () => ctx.bestPractice(272, 'STIX_FORMAT', `protocol ${JSON.stringify(p)} should be lower case`, i));
    else if (!isServiceName(p))
      ctx.at('protocols', () =>
        ctx.bestPractice(272, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(p)} is not an IANA service name or protocol`, i),
      );
  });
  if (
    protocols.some((p) => typeof p === 'string' && PORT_PROTOCOLS.has(p.toLowerCase())) &&
    (o.src_port === undefined || o.dst_port === undefined)
  )
    ctx.bestPractice(301, 'STIX_RECOMMENDED_PROPERTY', 'network traffic over a port-based protocol should have src_port and dst_port');
}

/** §6.13 process: at least one property beyond the common ones. */
const process = sco(
  'process',
  {
    is_hidden: boolean(),
    pid: integer(),
    created_time: timestamp(),
    cwd: string(),
    command_line: string(),
    environment_variables: dictionary(string(), { keys: 'ascii' }),
    opened_connection_refs: refs('network-traffic'),
    creator_user_ref: ref('user-account'),
    image_ref: ref('file'),
    parent_ref: ref('process'),
    child_refs: refs('process'),
  },
  processExtensions,
).with(
  atLeastOne(
    'extensions',
    'is_hidden',
    'pid',
    'created_time',
    'cwd',
    'command_line',
    'environment_variables',
    'opened_connection_refs',
    'creator_user_ref',
    'image_ref',
    'parent_ref',
    'child_refs',
  ),
);

/** §6.14 software: cpe is a CPE 2.3 string (MUST cpe_check); languages are RFC 5646 (MUST software_language). */
const software = sco('software', {
  name: required(string()),
  cpe: string({
    code: 'STIX_INVALID_CPE',
    test: (s) => (isCpe23(s) ? undefined : `${JSON.stringify(s)} is not a CPE 2.3 formatted string (cpe:2.3:part:vendor:product:…)`),
  }),
  swid: string(),
  languages: list(
    string({
      code: 'STIX_INVALID_LANGUAGE',
      test: (s) => (isLanguageTag(s) ? undefined : `${JSON.stringify(s)} is not an RFC 5646 language tag`),
    }),
  ),
  vendor: string(),
  version: string(),
});

/** §6.15 url */
const urlObject = sco('url', { value: required(url()) });

/** §6.16 user-account */
const userAccount = sco(
  'user-account',
  {
    user_id: string(),
    credential: string(),
    account_login: string(),
    account_type: vocabulary('account-type-ov', v.accountType, 244),
    display_name: string(),
    is_service_account: boolean(),
    is_privileged: boolean(),
    can_escalate_privs: boolean(),
    is_disabled: boolean(),
    account_created: timestamp(),
    account_expires: timestamp(),
    credential_last_changed: timestamp(),
    account_first_login: timestamp(),
    account_last_login: timestamp(),
  },
  userAccountExtensions,
).with((o, ctx) => {
  // §6.16: every property is optional, so at least one MUST be present.
  if (Object.keys(o).every((k) => ['type', 'id', 'spec_version', 'object_marking_refs', 'granular_markings', 'defanged'].includes(k)))
    ctx.error('STIX_AT_LEAST_ONE', 'a user-account needs at least one of its own properties (§6.16)');
});

/** §6.17.2 windows-registry-value-type */
const registryValue = new ObjectSpec('windows-registry-value', {
  name: string(),
  data: string(),
  data_type: enumeration(v.windowsRegistryDatatype, 'windows-registry-datatype-enum'),
}).with(atLeastOne('name', 'data', 'data_type'));

/** §6.17 windows-registry-key */
const windowsRegistryKey = sco('windows-registry-key', {
  key: string(),
  values: list(registryValue),
  modified_time: timestamp(),
  creator_user_ref: ref('user-account'),
  number_of_subkeys: integer({ min: 0 }),
}).with(atLeastOne('key', 'values', 'modified_time', 'creator_user_ref', 'number_of_subkeys', 'extensions'));

/** §6.18.2 x509-v3-extensions-type */
const x509Extensions = new ObjectSpec('x509-v3-extensions', {
  basic_constraints: string(),
  name_constraints: string(),
  policy_constraints: string(),
  key_usage: string(),
  extended_key_usage: string(),
  subject_key_identifier: string(),
  authority_key_identifier: string(),
  subject_alternative_name: string(),
  issuer_alternative_name: string(),
  subject_directory_attributes: string(),
  crl_distribution_points: string(),
  inhibit_any_policy: string(),
  private_key_usage_period_not_before: timestamp(),
  private_key_usage_period_not_after: timestamp(),
  certificate_policies: string(),
  policy_mappings: string(),
}).with((o, ctx) => {
  if (Object.keys(o).length === 0) ctx.error('STIX_EMPTY_OBJECT', 'x509_v3_extensions must hold at least one property');
});

const X509_PROPERTIES = [
  'is_self_signed',
  'hashes',
  'version',
  'serial_number',
  'signature_algorithm',
  'issuer',
  'validity_not_before',
  'validity_not_after',
  'subject',
  'subject_public_key_algorithm',
  'subject_public_key_modulus',
  'subject_public_key_exponent',
  'x509_v3_extensions',
];

/** §6.18 x509-certificate: at least one object-specific property. */
const x509Certificate = sco('x509-certificate', {
  is_self_signed: boolean(),
  hashes: hashes(),
  version: string(),
  serial_number: string(),
  signature_algorithm: string(),
  issuer: string(),
  validity_not_before: timestamp(),
  validity_not_after: timestamp(),
  subject: string(),
  subject_public_key_algorithm: string(),
  subject_public_key_modulus: string(),
  subject_public_key_exponent: integer(),
  x509_v3_extensions: x509Extensions,
}).with(atLeastOne(...X509_PROPERTIES), timestampOrder('validity_not_after', 'validity_not_before', true));

/** Each SCO with its ID-contributing properties (one table, ids/sco-id.ts). */
const d = (spec: ObjectSpec): TypeDefinition => ({
  type: spec.name,
  category: 'sco',
  spec,
  idContributing: idContributingProperties[spec.name] ?? [],
});

export const observableDefinitions: readonly TypeDefinition[] = [
  artifact,
  autonomousSystem,
  directory,
  domainName,
  emailAddr,
  emailMessage,
  file,
  ipv4Addr,
  ipv6Addr,
  macAddr,
  mutex,
  networkTraffic,
  process,
  software,
  urlObject,
  userAccount,
  windowsRegistryKey,
  x509Certificate,
].map(d);
