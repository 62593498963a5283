/**
 * The predefined SCO extensions of STIX 2.1 (§6.x.2 for file, network-traffic, process and
 * user-account) and the SCO sub-types they use.
 */
import { dictionary, hashes } from '../properties/dictionary.js';
import {
  boolean,
  enumeration,
  float,
  hex,
  identifier,
  integer,
  list,
  string,
  targetTypes,
  timestamp,
  vocabulary,
} from '../properties/kinds.js';
import { atLeastOne, ObjectSpec, required } from '../properties/object-spec.js';
import { isHttpRequestHeader, isPdfDocInfoKey, isSocketOption } from '../reference/index.js';
import * as v from './vocab-sco.js';

const nonNegative = integer({ min: 0 });
const ext = (name: string, props: ConstructorParameters<typeof ObjectSpec>[1], ...oneOf: string[][]): ObjectSpec => {
  const spec = new ObjectSpec(name, props);
  for (const group of oneOf) spec.with(atLeastOne(...group));
  return spec;
};

/** §6.7.2 archive-ext */
const archive = ext('archive-ext', {
  contains_refs: required(list(identifier(targetTypes('file', 'directory')))),
  comment: string(),
});

/** §6.7.3 ntfs-ext */
const alternateDataStream = new ObjectSpec('alternate-data-stream', { name: required(string()), hashes: hashes(), size: nonNegative });
const ntfs = ext('ntfs-ext', { sid: string(), alternate_data_streams: list(alternateDataStream) }, ['sid', 'alternate_data_streams']);

/** §6.7.4 pdf-ext */
const pdf = ext(
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
  ['version', 'is_optimized', 'document_info_dict', 'pdfid0', 'pdfid1'],
);

/** §6.7.5 raster-image-ext */
const rasterImage = ext(
  'raster-image-ext',
  { image_height: integer(), image_width: integer(), bits_per_pixel: integer(), exif_tags: dictionary(undefined, { keys: 'ascii' }) },
  ['image_height', 'image_width', 'bits_per_pixel', 'exif_tags'],
);

/** §6.7.6 windows-pebinary-ext */
const optionalHeader = new ObjectSpec('windows-pe-optional-header', {
  magic_hex: hex(),
  major_linker_version: integer(),
  minor_linker_version: integer(),
  size_of_code: nonNegative,
  size_of_initialized_data: nonNegative,
  size_of_uninitialized_data: nonNegative,
  address_of_entry_point: integer(),
  base_of_code: integer(),
  base_of_data: integer(),
  image_base: integer(),
  section_alignment: integer(),
  file_alignment: integer(),
  major_os_version: integer(),
  minor_os_version: integer(),
  major_image_version: integer(),
  minor_image_version: integer(),
  major_subsystem_version: integer(),
  minor_subsystem_version: integer(),
  win32_version_value_hex: hex(),
  size_of_image: nonNegative,
  size_of_headers: nonNegative,
  checksum_hex: hex(),
  subsystem_hex: hex(),
  dll_characteristics_hex: hex(),
  size_of_stack_reserve: nonNegative,
  size_of_stack_commit: nonNegative,
  size_of_heap_reserve: nonNegative,
  size_of_heap_commit: nonNegative,
  loader_flags_hex: hex(),
  number_of_rva_and_sizes: integer(),
  hashes: hashes(),
}).with((o, ctx) => {
  if (Object.keys(o).length === 0) ctx.error('STIX_EMPTY_OBJECT', 'the optional header must hold at least one property');
});
const peSection = new ObjectSpec('windows-pe-section', { name: required(string()), size: nonNegative, entropy: float(), hashes: hashes() });
const peBinary = ext('windows-pebinary-ext', {
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
  optional_header: optionalHeader,
  sections: list(peSection),
}).with((o, ctx) => {
  // §6.7.6: at least one property other than pe_type.
  if (Object.keys(o).every((k) => k === 'pe_type'))
    ctx.error('STIX_AT_LEAST_ONE', 'windows-pebinary-ext needs at least one property besides pe_type (§6.7.6)');
});

export const fileExtensions = {
  'archive-ext': archive,
  'ntfs-ext': ntfs,
  'pdf-ext': pdf,
  'raster-image-ext': rasterImage,
  'windows-pebinary-ext': peBinary,
};

/** §6.12.2 http-request-ext */
const httpRequest = ext('http-request-ext', {
  request_method: required(string()),
  request_value: required(string()),
  request_version: string(),
  // §6.12.2: each value MUST be a list of strings (a header may repeat).
  request_header: dictionary(list(string()), {
    keys: 'ascii',
    keyCheck: (key, ctx) => {
      if (!isHttpRequestHeader(key))
        ctx.bestPractice(274, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(key)} is not a known HTTP request header`, key);
    },
  }),
  message_body_length: nonNegative,
  message_body_data_ref: identifier(targetTypes('artifact')),
});

/** §6.12.3 icmp-ext */
const icmp = ext('icmp-ext', { icmp_type_hex: required(hex()), icmp_code_hex: required(hex()) });

/** §6.12.4 socket-ext */
const socket = ext('socket-ext', {
  address_family: required(enumeration(v.socketAddressFamily, 'network-socket-address-family-enum')),
  is_blocking: boolean(),
  is_listening: boolean(),
  options: dictionary(integer(), {
    keys: 'ascii',
    keyCheck: (key, ctx) => {
      if (!isSocketOption(key))
        ctx.bestPractice(275, 'STIX_EXTERNAL_REGISTRY', `${JSON.stringify(key)} is not a socket option name (SO_*, IP_*, TCP_* …)`, key);
    },
  }),
  socket_type: enumeration(v.socketType, 'network-socket-type-enum'),
  socket_descriptor: nonNegative,
  socket_handle: integer(),
});

/** §6.12.5 tcp-ext */
const tcp = ext('tcp-ext', { src_flags_hex: hex(), dst_flags_hex: hex() }, ['src_flags_hex', 'dst_flags_hex']);

export const networkTrafficExtensions = { 'http-request-ext': httpRequest, 'icmp-ext': icmp, 'socket-ext': socket, 'tcp-ext': tcp };

/** §6.11.2 windows-process-ext */
const windowsProcess = ext(
  'windows-process-ext',
  {
    aslr_enabled: boolean(),
    dep_enabled: boolean(),
    priority: string(),
    owner_sid: string(),
    window_title: string(),
    startup_info: dictionary(undefined, { keys: 'ascii' }),
    integrity_level: enumeration(v.windowsIntegrityLevel, 'windows-integrity-level-enum'),
  },
  ['aslr_enabled', 'dep_enabled', 'priority', 'owner_sid', 'window_title', 'startup_info', 'integrity_level'],
).with((o, ctx) => {
  if (typeof o.priority === 'string' && !o.priority.endsWith('_CLASS'))
    ctx.bestPractice(
      149,
      'STIX_FORMAT',
      `priority ${JSON.stringify(o.priority)} should be a Windows priority class name ending in _CLASS`,
      'priority',
    );
});

/** §6.11.3 windows-service-ext */
const windowsService = ext(
  'windows-service-ext',
  {
    service_name: string(),
    descriptions: list(string()),
    display_name: string(),
    group_name: string(),
    start_type: enumeration(v.windowsServiceStartType, 'windows-service-start-type-enum'),
    service_dll_refs: list(identifier(targetTypes('file'))),
    service_type: enumeration(v.windowsServiceType, 'windows-service-type-enum'),
    service_status: enumeration(v.windowsServiceStatus, 'windows-service-status-enum'),
  },
  ['service_name', 'descriptions', 'display_name', 'group_name', 'start_type', 'service_dll_refs', 'service_type', 'service_status'],
);

export const processExtensions = { 'windows-process-ext': windowsProcess, 'windows-service-ext': windowsService };

/** §6.16.2 unix-account-ext */
const unixAccount = ext('unix-account-ext', { gid: integer(), groups: list(string()), home_dir: string(), shell: string() }, [
  'gid',
  'groups',
  'home_dir',
  'shell',
]);

export const userAccountExtensions = { 'unix-account-ext': unixAccount };
