/**
 * STIX 2.0 cyber observable objects (Part 4) inside an observed-data `objects` container
 * (Part 3 §2): a dictionary keyed "0", "1", … whose objects have no id and refer to each other
 * by those keys. References must resolve inside the same container and point at an allowed type
 * (validator MUST observable_object_references).
 */

import { renderPath } from '../issues.js';
import { checkDictionaryKey, dictionary, hashes } from '../properties/dictionary.js';
import { ipfix } from '../properties/embedded.js';
import { isValidTypeName } from '../properties/identity.js';
import {
  binary,
  boolean,
  either,
  enumeration,
  float,
  hex,
  integer,
  list,
  type PropertyKind,
  string,
  timestamp,
  url,
  vocabulary,
} from '../properties/kinds.js';
import {
  atLeastOne,
  dependsOn,
  mutuallyExclusive,
  ObjectSpec,
  type PropertyMap,
  required,
  timestampOrder,
} from '../properties/object-spec.js';
import {
  isCharset,
  isCpe23,
  isHttpRequestHeader,
  isMediaType,
  isMediaTypeSyntax,
  isPdfDocInfoKey,
  isServiceName,
  isSocketOption,
} from '../reference/index.js';
import { describeValue, type ValidationContext } from '../validation/context.js';
import * as v from './vocab.js';

interface LocalRef {
  readonly path: string;
  readonly key: string;
  readonly types: readonly string[];
}

// The references of the container being checked. Containers do not nest, and checking is
// synchronous, so one slot is enough.
let pendingRefs: LocalRef[] | undefined;

/** A reference to another object of the same container, by its key (Part 3 §2.1). */
function localRef(...types: string[]): PropertyKind {
  return {
    description: `a reference to ${types.join(' or ')} in the same objects container`,
    check(value, ctx) {
      if (typeof value !== 'string')
        return ctx.error(
          'STIX_WRONG_JSON_TYPE',
          `expected the key of an object in the same container (a string such as "0"), found ${describeValue(value)}`,
        );
      pendingRefs?.push({ path: renderPath(ctx.path), key: value, types });
    },
  };
}
const localRefs = (...types: string[]) => list(localRef(...types));

function mimeType(): PropertyKind {
  return string({
    code: 'STIX_INVALID_MIME_TYPE',
    test: (s) => (isMediaTypeSyntax(s.split(';')[0].trim()) ? undefined : `${JSON.stringify(s)} is not a MIME type (type/subtype)`),
  });
}
function registeredMime(o: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const m = o.mime_type;
  if (typeof m === 'string' && isMediaTypeSyntax(m.split(';')[0].trim()) && !isMediaType(m.split(';')[0].trim()))
    ctx.bestPractice(271, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(m)} is not in the IANA media types registry`, 'mime_type');
}

const charset = string({
  code: 'STIX_INVALID_CHARSET',
  test: (s) => (isCharset(s) ? undefined : `${JSON.stringify(s)} is not an IANA character set name (e.g. UTF-8)`),
});
const nonNegative = integer({ min: 0 });

/** Every 2.0 observable has a type and may have extensions (Part 3 §2.2). */
function observable(type: string, props: PropertyMap, extensions: Readonly<Record<string, ObjectSpec>> = {}): ObjectSpec {
  return new ObjectSpec(type, { type: required(string()), description: string(), extensions: observableExtensions(extensions), ...props });
}

/** Part 3 §2.2 extensions: predefined names, or custom x-…-ext ones under the custom policy. */
function observableExtensions(predefined: Readonly<Record<string, ObjectSpec>>): PropertyKind {
  return {
    shape: { kind: 'dictionary', entries: predefined },
    description: 'an extensions dictionary',
    check(value, ctx) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return ctx.error(
          'STIX_WRONG_JSON_TYPE',
          `expected extensions (a JSON object keyed by extension name), found ${describeValue(value)}`,
        );
      for (const [key, content] of Object.entries(value as Record<string, unknown>)) {
        ctx.path.push(key);
        if (Object.hasOwn(predefined, key)) predefined[key].check(content, ctx);
        else if (ctx.options.customProperties === 'error')
          ctx.error('STIX_CUSTOM_PROPERTY', `${key} is not a predefined extension of this object (custom extensions are not allowed)`);
        else {
          if (!/^x-[a-z0-9-]+-ext$/.test(key) && ctx.options.customProperties === 'warn')
            ctx.bestPractice(101, 'STIX_CUSTOM_PREFIX', `custom extension ${key} should be named x-<source>-<name>-ext`);
          if (content === null || typeof content !== 'object' || Array.isArray(content))
            ctx.error('STIX_WRONG_JSON_TYPE', `expected the extension's content as a JSON object, found ${describeValue(content)}`);
        }
        ctx.path.pop();
      }
    },
  };
}

const exts = (name: string, props: PropertyMap, ...anyOf: string[]) => {
  const spec = new ObjectSpec(name, props);
  return anyOf.length ? spec.with(atLeastOne(...anyOf)) : spec;
};

// Part 4 §2.7.x file extensions
const alternateDataStream = new ObjectSpec('alternate-data-stream', { name: required(string()), hashes: hashes(), size: nonNegative });
const peSection = new ObjectSpec('windows-pe-section', { name: required(string()), size: nonNegative, entropy: float(), hashes: hashes() });
const optionalHeaderProps: PropertyMap = Object.fromEntries([
  ...'magic_hex win32_version_value_hex checksum_hex subsystem_hex dll_characteristics_hex loader_flags_hex'
    .split(' ')
    .map((k) => [k, hex()]),
  ...'major_linker_version minor_linker_version address_of_entry_point base_of_code base_of_data image_base section_alignment file_alignment major_os_version minor_os_version major_image_version minor_image_version major_subsystem_version minor_subsystem_version number_of_rva_and_sizes'
    .split(' ')
    .map((k) => [k, integer()]),
  ...'size_of_code size_of_initialized_data size_of_uninitialized_data size_of_image size_of_headers size_of_stack_reserve size_of_stack_commit size_of_heap_reserve size_of_heap_commit'
    .split(' ')
    .map((k) => [k, nonNegative]),
  ['hashes', hashes()],
]);
const fileExtensions = {
  'archive-ext': exts('archive-ext', { contains_refs: required(localRefs('file', 'directory')), version: string(), comment: string() }),
  'ntfs-ext': exts('ntfs-ext', { sid: string(), alternate_data_streams: list(alternateDataStream) }, 'sid', 'alternate_data_streams'),
  'pdf-ext': exts(
    'pdf-ext',
    {
      version: string(),
      is_optimized: boolean(),
      document_info_dict: dictionary(string(), {
        keys: 'ascii',
        keyCheck: (key, ctx) => {
          if (!isPdfDocInfoKey(key))
            ctx.bestPractice(276, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(key)} is not a PDF document information dictionary key`, key);
        },
      }),
      pdfid0: string(),
      pdfid1: string(),
    },
    'version',
    'is_optimized',
    'document_info_dict',
    'pdfid0',
    'pdfid1',
  ),
  'raster-image-ext': exts(
    'raster-image-ext',
    {
      image_height: integer(),
      image_width: integer(),
      bits_per_pixel: integer(),
      image_compression_algorithm: string(),
      exif_tags: dictionary(undefined, { keys: 'ascii' }),
    },
    'image_height',
    'image_width',
    'bits_per_pixel',
    'image_compression_algorithm',
    'exif_tags',
  ),
  'windows-pebinary-ext': exts('windows-pebinary-ext', {
    pe_type: required(vocabulary('windows-pebinary-type-ov', v.windowsPebinaryType, 243)),
    imphash: string(),
    machine_hex: hex(),
    number_of_sections: nonNegative,
    time_date_stamp: timestamp(),
    pointer_to_symbol_table_hex: hex(),
    number_of_symbols: nonNegative,
    size_of_optional_header: nonNegative,
    characteristics_hex: hex(),
    file_header_hashes: hashes(),
    optional_header: new ObjectSpec('windows-pe-optional-header', optionalHeaderProps),
    sections: list(peSection),
  }),
};

const networkTrafficExtensions = {
  'http-request-ext': exts('http-request-ext', {
    request_method: required(string()),
    request_value: required(string()),
    request_version: string(),
    request_header: dictionary(string(), {
      keys: 'ascii',
      keyCheck: (key, ctx) => {
        if (!isHttpRequestHeader(key))
          ctx.bestPractice(274, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(key)} is not a known HTTP request header`, key);
      },
    }),
    message_body_length: nonNegative,
    message_body_data_ref: localRef('artifact'),
  }),
  'icmp-ext': exts('icmp-ext', { icmp_type_hex: required(hex()), icmp_code_hex: required(hex()) }),
  'socket-ext': exts('socket-ext', {
    address_family: required(
      enumeration(['AF_UNSPEC', 'AF_INET', 'AF_IPX', 'AF_APPLETALK', 'AF_NETBIOS', 'AF_INET6', 'AF_IRDA', 'AF_BTH']),
    ),
    is_blocking: boolean(),
    is_listening: boolean(),
    protocol_family: enumeration(v.socketProtocolFamily),
    options: dictionary(integer(), {
      keys: 'ascii',
      keyCheck: (key, ctx) => {
        if (!isSocketOption(key))
          ctx.bestPractice(275, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(key)} is not a socket option name`, key);
      },
    }),
    socket_type: enumeration(['SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET']),
    socket_descriptor: nonNegative,
    socket_handle: integer(),
  }),
  'tcp-ext': exts('tcp-ext', { src_flags_hex: hex(), dst_flags_hex: hex() }, 'src_flags_hex', 'dst_flags_hex'),
};

const processExtensions = {
  'windows-process-ext': exts(
    'windows-process-ext',
    {
      aslr_enabled: boolean(),
      dep_enabled: boolean(),
      priority: string(),
      owner_sid: string(),
      window_title: string(),
      startup_info: dictionary(undefined, { keys: 'ascii' }),
    },
    'aslr_enabled',
    'dep_enabled',
    'priority',
    'owner_sid',
    'window_title',
    'startup_info',
  ),
  'windows-service-ext': exts('windows-service-ext', {
    service_name: required(string()),
    descriptions: list(string()),
    display_name: string(),
    group_name: string(),
    start_type: enumeration([
      'SERVICE_AUTO_START',
      'SERVICE_BOOT_START',
      'SERVICE_DEMAND_START',
      'SERVICE_DISABLED',
      'SERVICE_SYSTEM_ALERT',
    ]),
    service_dll_refs: localRefs('file'),
    service_type: enumeration([
      'SERVICE_KERNEL_DRIVER',
      'SERVICE_FILE_SYSTEM_DRIVER',
      'SERVICE_WIN32_OWN_PROCESS',
      'SERVICE_WIN32_SHARE_PROCESS',
    ]),
    service_status: enumeration([
      'SERVICE_CONTINUE_PENDING',
      'SERVICE_PAUSE_PENDING',
      'SERVICE_PAUSED',
      'SERVICE_RUNNING',
      'SERVICE_START_PENDING',
      'SERVICE_STOP_PENDING',
      'SERVICE_STOPPED',
    ]),
  }),
};

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-fA-F:.]{2,45}(?:\/(?:12[0-8]|1[01]\d|[1-9]?\d))?$/;

export const observableSpecs20: ReadonlyMap<string, ObjectSpec> = new Map(
  [
    observable('artifact', {
      mime_type: mimeType(),
      payload_bin: binary(),
      url: url(),
      hashes: hashes(),
    }).with(mutuallyExclusive('payload_bin', 'url'), atLeastOne('payload_bin', 'url'), dependsOn('url', 'hashes'), registeredMime),
    observable('autonomous-system', { number: required(nonNegative), name: string(), rir: string() }),
    observable('directory', {
      path: required(string()),
      path_enc: charset,
      created: timestamp(),
      modified: timestamp(),
      accessed: timestamp(),
      contains_refs: localRefs('file', 'directory'),
    }),
    observable('domain-name', {
      value: required(string({ minLength: 1 })),
      resolves_to_refs: localRefs('ipv4-addr', 'ipv6-addr', 'domain-name'),
    }),
    observable('email-addr', {
      value: required(string({ pattern: /^[^@\s]+@[^@\s]+$/, patternDescription: 'an email address' })),
      display_name: string(),
      belongs_to_ref: localRef('user-account'),
    }),
    observable('email-message', {
      is_multipart: required(boolean()),
      date: timestamp(),
      content_type: string(),
      from_ref: localRef('email-addr'),
      sender_ref: localRef('email-addr'),
      to_refs: localRefs('email-addr'),
      cc_refs: localRefs('email-addr'),
      bcc_refs: localRefs('email-addr'),
      subject: string(),
      received_lines: list(string()),
      additional_header_fields: dictionary(
        either({ when: (x) => typeof x === 'string', kind: string() }, { when: Array.isArray, kind: list(string()) }),
        { keys: 'ascii' },
      ),
      body: string(),
      body_multipart: list(
        new ObjectSpec('mime-part', {
          body: string(),
          body_raw_ref: localRef('artifact', 'file'),
          content_type: string(),
          content_disposition: string(),
        }).with(atLeastOne('body', 'body_raw_ref'), mutuallyExclusive('body', 'body_raw_ref')),
      ),
      raw_email_ref: localRef('artifact'),
    }).with((o, ctx) => {
      if (o.is_multipart === true && o.body !== undefined)
        ctx.error('STIX_PROPERTY_NOT_ALLOWED', 'body must not be present when is_multipart is true', 'body');
      if (o.is_multipart === false && o.body_multipart !== undefined)
        ctx.error('STIX_PROPERTY_NOT_ALLOWED', 'body_multipart must not be present when is_multipart is false', 'body_multipart');
    }),
    observable(
      'file',
      {
        hashes: hashes(),
        size: nonNegative,
        name: string(),
        name_enc: charset,
        magic_number_hex: hex(),
        mime_type: mimeType(),
        created: timestamp(),
        modified: timestamp(),
        accessed: timestamp(),
        parent_directory_ref: localRef('directory'),
        is_encrypted: boolean(),
        encryption_algorithm: vocabulary('encryption-algo-ov', v.encryptionAlgorithm, 242),
        decryption_key: string(),
        contains_refs: list(localRef()),
        content_ref: localRef('artifact'),
      },
      fileExtensions,
    ).with(atLeastOne('hashes', 'name'), registeredMime, (o, ctx) => {
      // Part 4 §2.7: encryption_algorithm and decryption_key only when is_encrypted is true.
      for (const key of ['encryption_algorithm', 'decryption_key'])
        if (o[key] !== undefined && o.is_encrypted !== true)
          ctx.error('STIX_DEPENDENT_PROPERTY', `${key} is only allowed when is_encrypted is true`, key);
    }),
    observable('ipv4-addr', {
      value: required(string({ pattern: IPV4, patternDescription: 'an IPv4 address or CIDR block' })),
      resolves_to_refs: localRefs('mac-addr'),
      belongs_to_refs: localRefs('autonomous-system'),
    }),
    observable('ipv6-addr', {
      value: required(string({ pattern: IPV6, patternDescription: 'an IPv6 address or CIDR block' })),
      resolves_to_refs: localRefs('mac-addr'),
      belongs_to_refs: localRefs('autonomous-system'),
    }),
    observable('mac-addr', {
      value: required(
        string({ pattern: /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/, patternDescription: 'a lower-case colon-delimited MAC-48 address' }),
      ),
    }),
    observable('mutex', { name: required(string()) }),
    observable(
      'network-traffic',
      {
        start: timestamp(),
        end: timestamp(),
        is_active: boolean(),
        src_ref: localRef('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'),
        dst_ref: localRef('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'),
        src_port: integer({ min: 0, max: 65535 }),
        dst_port: integer({ min: 0, max: 65535 }),
        protocols: required(list(string())),
        src_byte_count: nonNegative,
        dst_byte_count: nonNegative,
        src_packets: nonNegative,
        dst_packets: nonNegative,
        ipfix: ipfix(),
        src_payload_ref: localRef('artifact'),
        dst_payload_ref: localRef('artifact'),
        encapsulates_refs: localRefs('network-traffic'),
        encapsulated_by_ref: localRef('network-traffic'),
      },
      networkTrafficExtensions,
    ).with(atLeastOne('src_ref', 'dst_ref'), timestampOrder('end', 'start', true), (o, ctx) => {
      if (o.is_active === true && o.end !== undefined)
        ctx.error('STIX_PROPERTY_NOT_ALLOWED', 'end must not be present when is_active is true', 'end');
      if (Array.isArray(o.protocols))
        o.protocols.forEach((p, i) => {
          if (typeof p === 'string' && !isServiceName(p.toLowerCase()))
            ctx.at('protocols', () =>
              ctx.bestPractice(272, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(p)} is not an IANA service name or protocol`, i),
            );
        });
    }),
    observable(
      'process',
      {
        is_hidden: boolean(),
        pid: integer(),
        name: string(),
        created: timestamp(),
        cwd: string(),
        arguments: list(string()),
        command_line: string(),
        environment_variables: dictionary(string(), { keys: 'ascii' }),
        opened_connection_refs: localRefs('network-traffic'),
        creator_user_ref: localRef('user-account'),
        binary_ref: localRef('file'),
        parent_ref: localRef('process'),
        child_refs: localRefs('process'),
      },
      processExtensions,
    ).with((o, ctx) => {
      if (Object.keys(o).filter((k) => k !== 'type').length === 0)
        ctx.error('STIX_EMPTY_OBJECT', 'a process must have at least one property besides type');
    }),
    observable('software', {
      name: required(string()),
      cpe: string({
        code: 'STIX_INVALID_CPE',
        test: (s) => (isCpe23(s) ? undefined : `${JSON.stringify(s)} is not a CPE 2.3 formatted string`),
      }),
      languages: list(
        string({ code: 'STIX_INVALID_LANGUAGE', pattern: /^[a-z]{3}$/, patternDescription: 'an ISO 639-2 three-letter language code' }),
      ),
      vendor: string(),
      version: string(),
    }),
    observable('url', { value: required(url()) }),
    observable(
      'user-account',
      {
        user_id: required(string()),
        account_login: string(),
        account_type: vocabulary('account-type-ov', v.accountType, 244),
        display_name: string(),
        is_service_account: boolean(),
        is_privileged: boolean(),
        can_escalate_privs: boolean(),
        is_disabled: boolean(),
        account_created: timestamp(),
        account_expires: timestamp(),
        password_last_changed: timestamp(),
        account_first_login: timestamp(),
        account_last_login: timestamp(),
      },
      {
        'unix-account-ext': exts(
          'unix-account-ext',
          { gid: integer(), groups: list(string()), home_dir: string(), shell: string() },
          'gid',
          'groups',
          'home_dir',
          'shell',
        ),
      },
    ),
    observable('windows-registry-key', {
      key: required(string()),
      values: list(
        new ObjectSpec('windows-registry-value', {
          name: required(string()),
          data: string(),
          data_type: enumeration(v.windowsRegistryDatatype),
        }),
      ),
      modified: timestamp(),
      creator_user_ref: localRef('user-account'),
      number_of_subkeys: nonNegative,
    }),
    observable('x509-certificate', {
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
      x509_v3_extensions: new ObjectSpec('x509-v3-extensions', {
        ...Object.fromEntries(
          'basic_constraints name_constraints policy_constraints key_usage extended_key_usage subject_key_identifier authority_key_identifier subject_alternative_name issuer_alternative_name subject_directory_attributes crl_distribution_points inhibit_any_policy certificate_policies policy_mappings'
            .split(' ')
            .map((k) => [k, string()]),
        ),
        private_key_usage_period_not_before: timestamp(),
        private_key_usage_period_not_after: timestamp(),
      }),
    }).with((o, ctx) => {
      if (Object.keys(o).filter((k) => k !== 'type').length === 0)
        ctx.error('STIX_EMPTY_OBJECT', 'an x509-certificate must have at least one property besides type');
    }),
  ].map((spec) => [spec.name, spec]),
);

/** A custom observable: a type following the naming rules, any properties. */
const customObservable = new ObjectSpec('custom observable', { type: required(string()), extensions: observableExtensions({}) });

const KEY_FORM = /^(?:0|[1-9]\d*)$/;

/**
 * The observed-data `objects` container (Part 3 §2): checks every object by type, then resolves
 * the local references.
 */
export function observableContainer(): PropertyKind {
  return {
    description: 'an objects container',
    check(value, ctx) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return ctx.error(
          'STIX_WRONG_JSON_TYPE',
          `expected a dictionary of cyber observable objects keyed "0", "1", …, found ${describeValue(value)}`,
        );
      const container = value as Record<string, unknown>;
      const keys = Object.keys(container);
      if (keys.length === 0) return ctx.error('STIX_EMPTY_DICTIONARY', 'objects must hold at least one cyber observable object');
      const refs: LocalRef[] = [];
      pendingRefs = refs;
      try {
        for (const key of keys) {
          checkDictionaryKey(key, 'ascii', ctx);
          if (!KEY_FORM.test(key))
            ctx.bestPractice(
              141,
              'STIX_FORMAT',
              `observable object key ${JSON.stringify(key)} should be a non-negative integer ("0", "1", …)`,
              key,
            );
          ctx.path.push(key);
          checkObservable(container[key], ctx);
          ctx.path.pop();
        }
      } finally {
        pendingRefs = undefined;
      }
      if (ctx.checks(141) && keys.every((k) => KEY_FORM.test(k))) {
        const sorted = keys.map(Number).sort((a, b) => a - b);
        if (sorted[0] !== 0) ctx.bestPractice(141, 'STIX_FORMAT', 'observable object keys should start at "0"');
      }
      for (const ref of refs) {
        const target = container[ref.key] as { type?: unknown } | undefined;
        if (target === undefined || !Object.hasOwn(container, ref.key))
          ctx.errorAt(ref.path, 'STIX_UNRESOLVED_REF', `${JSON.stringify(ref.key)} is not a key of this objects container`);
        else if (ref.types.length > 0 && typeof target?.type === 'string' && !ref.types.includes(target.type))
          ctx.errorAt(
            ref.path,
            'STIX_REF_TARGET_TYPE',
            `${JSON.stringify(ref.key)} is a ${target.type}, expected ${ref.types.join(' or ')}`,
          );
      }
    },
  };
}

function checkObservable(value: unknown, ctx: ValidationContext): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return ctx.error('STIX_NOT_AN_OBJECT', `expected a cyber observable object, found ${describeValue(value)}`);
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return ctx.error('STIX_MISSING_PROPERTY', 'every cyber observable object needs a type', 'type');
  const spec = observableSpecs20.get(type);
  if (spec) return spec.check(value, ctx);
  if (!isValidTypeName(type)) {
    ctx.error('STIX_INVALID_TYPE_NAME', `${JSON.stringify(type)} is not a valid type name`, 'type');
  } else if (ctx.options.customTypes === 'error') {
    ctx.error('STIX_UNKNOWN_TYPE', `${type} is not a STIX 2.0 cyber observable type (custom types are not allowed)`, 'type');
  } else if (ctx.options.customTypes === 'warn' && !/^x-[a-z0-9]+-[a-z0-9-]+$/.test(type)) {
    ctx.bestPractice(101, 'STIX_CUSTOM_PREFIX', `custom observable type ${type} should be named x-<source>-<name>`, 'type');
  }
  customObservable.check(value, ctx);
}
