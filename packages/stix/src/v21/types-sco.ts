/**
 * STIX 2.1 cyber-observable objects (§6) and their predefined extensions as TypeScript types.
 */
import type {
  Binary,
  Dictionary,
  ExtensionContent,
  Hashes,
  Hex,
  Identifier,
  ObservableCommonProperties,
  Timestamp,
} from './types-common.js';

type Extensions<E> = Readonly<E & Record<string, ExtensionContent | undefined>>;

export interface Artifact extends ObservableCommonProperties<'artifact'> {
  readonly extensions?: Extensions<object>;
  readonly mime_type?: string;
  readonly payload_bin?: Binary;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly encryption_algorithm?: 'AES-256-GCM' | 'ChaCha20-Poly1305' | 'mime-type-indicated';
  readonly decryption_key?: string;
}

export interface AutonomousSystem extends ObservableCommonProperties<'autonomous-system'> {
  readonly extensions?: Extensions<object>;
  readonly number: number;
  readonly name?: string;
  readonly rir?: string;
}

export interface Directory extends ObservableCommonProperties<'directory'> {
  readonly extensions?: Extensions<object>;
  readonly path: string;
  readonly path_enc?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly contains_refs?: readonly Identifier<'file' | 'directory'>[];
}

export interface DomainName extends ObservableCommonProperties<'domain-name'> {
  readonly extensions?: Extensions<object>;
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier<'ipv4-addr' | 'ipv6-addr' | 'domain-name'>[];
}

export interface EmailAddr extends ObservableCommonProperties<'email-addr'> {
  readonly extensions?: Extensions<object>;
  readonly value: string;
  readonly display_name?: string;
  readonly belongs_to_ref?: Identifier<'user-account'>;
}

export interface EmailMimePart {
  readonly body?: string;
  readonly body_raw_ref?: Identifier<'artifact' | 'file'>;
  readonly content_type?: string;
  readonly content_disposition?: string;
}

export interface EmailMessage extends ObservableCommonProperties<'email-message'> {
  readonly extensions?: Extensions<object>;
  readonly is_multipart: boolean;
  readonly date?: Timestamp;
  readonly content_type?: string;
  readonly from_ref?: Identifier<'email-addr'>;
  readonly sender_ref?: Identifier<'email-addr'>;
  readonly to_refs?: readonly Identifier<'email-addr'>[];
  readonly cc_refs?: readonly Identifier<'email-addr'>[];
  readonly bcc_refs?: readonly Identifier<'email-addr'>[];
  readonly message_id?: string;
  readonly subject?: string;
  readonly received_lines?: readonly string[];
  readonly additional_header_fields?: Dictionary<string | readonly string[]>;
  readonly body?: string;
  readonly body_multipart?: readonly EmailMimePart[];
  readonly raw_email_ref?: Identifier<'artifact'>;
}

export interface ArchiveExtension {
  readonly contains_refs: readonly Identifier<'file' | 'directory'>[];
  readonly comment?: string;
}
export interface AlternateDataStream {
  readonly name: string;
  readonly hashes?: Hashes;
  readonly size?: number;
}
export interface NtfsExtension {
  readonly sid?: string;
  readonly alternate_data_streams?: readonly AlternateDataStream[];
}
export interface PdfExtension {
  readonly version?: string;
  readonly is_optimized?: boolean;
  readonly document_info_dict?: Dictionary<string>;
  readonly pdfid0?: string;
  readonly pdfid1?: string;
}
export interface RasterImageExtension {
  readonly image_height?: number;
  readonly image_width?: number;
  readonly bits_per_pixel?: number;
  readonly exif_tags?: Dictionary<string | number>;
}
export interface WindowsPeOptionalHeader {
  readonly magic_hex?: Hex;
  readonly major_linker_version?: number;
  readonly minor_linker_version?: number;
  readonly size_of_code?: number;
  readonly size_of_initialized_data?: number;
  readonly size_of_uninitialized_data?: number;
  readonly address_of_entry_point?: number;
  readonly base_of_code?: number;
  readonly base_of_data?: number;
  readonly image_base?: number;
  readonly section_alignment?: number;
  readonly file_alignment?: number;
  readonly major_os_version?: number;
  readonly minor_os_version?: number;
  readonly major_image_version?: number;
  readonly minor_image_version?: number;
  readonly major_subsystem_version?: number;
  readonly minor_subsystem_version?: number;
  readonly win32_version_value_hex?: Hex;
  readonly size_of_image?: number;
  readonly size_of_headers?: number;
  readonly checksum_hex?: Hex;
  readonly subsystem_hex?: Hex;
  readonly dll_characteristics_hex?: Hex;
  readonly size_of_stack_reserve?: number;
  readonly size_of_stack_commit?: number;
  readonly size_of_heap_reserve?: number;
  readonly size_of_heap_commit?: number;
  readonly loader_flags_hex?: Hex;
  readonly number_of_rva_and_sizes?: number;
  readonly hashes?: Hashes;
}
export interface WindowsPeSection {
  readonly name: string;
  readonly size?: number;
  readonly entropy?: number;
  readonly hashes?: Hashes;
}
export interface WindowsPebinaryExtension {
  readonly pe_type: string;
  readonly imphash?: string;
  readonly machine_hex?: Hex;
  readonly number_of_sections?: number;
  readonly time_date_stamp?: Timestamp;
  readonly pointer_to_symbol_table_hex?: Hex;
  readonly number_of_symbols?: number;
  readonly size_of_optional_header?: number;
  readonly characteristics_hex?: Hex;
  readonly file_header_hashes?: Hashes;
  readonly optional_header?: WindowsPeOptionalHeader;
  readonly sections?: readonly WindowsPeSection[];
}

export interface File extends ObservableCommonProperties<'file'> {
  readonly extensions?: Extensions<{
    'archive-ext'?: ArchiveExtension;
    'ntfs-ext'?: NtfsExtension;
    'pdf-ext'?: PdfExtension;
    'raster-image-ext'?: RasterImageExtension;
    'windows-pebinary-ext'?: WindowsPebinaryExtension;
  }>;
  readonly hashes?: Hashes;
  readonly size?: number;
  readonly name?: string;
  readonly name_enc?: string;
  readonly magic_number_hex?: Hex;
  readonly mime_type?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly parent_directory_ref?: Identifier<'directory'>;
  readonly contains_refs?: readonly Identifier[];
  readonly content_ref?: Identifier<'artifact'>;
}

export interface Ipv4Addr extends ObservableCommonProperties<'ipv4-addr'> {
  readonly extensions?: Extensions<object>;
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier<'mac-addr'>[];
  readonly belongs_to_refs?: readonly Identifier<'autonomous-system'>[];
}

export interface Ipv6Addr extends ObservableCommonProperties<'ipv6-addr'> {
  readonly extensions?: Extensions<object>;
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier<'mac-addr'>[];
  readonly belongs_to_refs?: readonly Identifier<'autonomous-system'>[];
}

export interface MacAddr extends ObservableCommonProperties<'mac-addr'> {
  readonly extensions?: Extensions<object>;
  readonly value: string;
}

export interface Mutex extends ObservableCommonProperties<'mutex'> {
  readonly extensions?: Extensions<object>;
  readonly name: string;
}

export interface HttpRequestExtension {
  readonly request_method: string;
  readonly request_value: string;
  readonly request_version?: string;
  readonly request_header?: Dictionary<string>;
  readonly message_body_length?: number;
  readonly message_body_data_ref?: Identifier<'artifact'>;
}
export interface IcmpExtension {
  readonly icmp_type_hex: Hex;
  readonly icmp_code_hex: Hex;
}
export interface SocketExtension {
  readonly address_family: 'AF_UNSPEC' | 'AF_INET' | 'AF_IPX' | 'AF_APPLETALK' | 'AF_NETBIOS' | 'AF_INET6' | 'AF_IRDA' | 'AF_BTH';
  readonly is_blocking?: boolean;
  readonly is_listening?: boolean;
  readonly options?: Dictionary<number>;
  readonly socket_type?: 'SOCK_STREAM' | 'SOCK_DGRAM' | 'SOCK_RAW' | 'SOCK_RDM' | 'SOCK_SEQPACKET';
  readonly socket_descriptor?: number;
  readonly socket_handle?: number;
}
export interface TcpExtension {
  readonly src_flags_hex?: Hex;
  readonly dst_flags_hex?: Hex;
}

export interface NetworkTraffic extends ObservableCommonProperties<'network-traffic'> {
  readonly extensions?: Extensions<{
    'http-request-ext'?: HttpRequestExtension;
    'icmp-ext'?: IcmpExtension;
    'socket-ext'?: SocketExtension;
    'tcp-ext'?: TcpExtension;
  }>;
  readonly start?: Timestamp;
  readonly end?: Timestamp;
  readonly is_active?: boolean;
  readonly src_ref?: Identifier<'ipv4-addr' | 'ipv6-addr' | 'mac-addr' | 'domain-name'>;
  readonly dst_ref?: Identifier<'ipv4-addr' | 'ipv6-addr' | 'mac-addr' | 'domain-name'>;
  readonly src_port?: number;
  readonly dst_port?: number;
  readonly protocols: readonly string[];
  readonly src_byte_count?: number;
  readonly dst_byte_count?: number;
  readonly src_packets?: number;
  readonly dst_packets?: number;
  readonly ipfix?: Dictionary<string | number>;
  readonly src_payload_ref?: Identifier<'artifact'>;
  readonly dst_payload_ref?: Identifier<'artifact'>;
  readonly encapsulates_refs?: readonly Identifier<'network-traffic'>[];
  readonly encapsulated_by_ref?: Identifier<'network-traffic'>;
}

export interface WindowsProcessExtension {
  readonly aslr_enabled?: boolean;
  readonly dep_enabled?: boolean;
  readonly priority?: string;
  readonly owner_sid?: string;
  readonly window_title?: string;
  readonly startup_info?: Dictionary<string | number>;
  readonly integrity_level?: 'low' | 'medium' | 'high' | 'system';
}
export interface WindowsServiceExtension {
  readonly service_name?: string;
  readonly descriptions?: readonly string[];
  readonly display_name?: string;
  readonly group_name?: string;
  readonly start_type?: 'SERVICE_AUTO_START' | 'SERVICE_BOOT_START' | 'SERVICE_DEMAND_START' | 'SERVICE_DISABLED' | 'SERVICE_SYSTEM_ALERT';
  readonly service_dll_refs?: readonly Identifier<'file'>[];
  readonly service_type?:
    | 'SERVICE_KERNEL_DRIVER'
    | 'SERVICE_FILE_SYSTEM_DRIVER'
    | 'SERVICE_WIN32_OWN_PROCESS'
    | 'SERVICE_WIN32_SHARE_PROCESS';
  readonly service_status?:
    | 'SERVICE_CONTINUE_PENDING'
    | 'SERVICE_PAUSE_PENDING'
    | 'SERVICE_PAUSED'
    | 'SERVICE_RUNNING'
    | 'SERVICE_START_PENDING'
    | 'SERVICE_STOP_PENDING'
    | 'SERVICE_STOPPED';
}

export interface Process extends ObservableCommonProperties<'process'> {
  readonly extensions?: Extensions<{ 'windows-process-ext'?: WindowsProcessExtension; 'windows-service-ext'?: WindowsServiceExtension }>;
  readonly is_hidden?: boolean;
  readonly pid?: number;
  readonly created_time?: Timestamp;
  readonly cwd?: string;
  readonly command_line?: string;
  readonly environment_variables?: Dictionary<string>;
  readonly opened_connection_refs?: readonly Identifier<'network-traffic'>[];
  readonly creator_user_ref?: Identifier<'user-account'>;
  readonly image_ref?: Identifier<'file'>;
  readonly parent_ref?: Identifier<'process'>;
  readonly child_refs?: readonly Identifier<'process'>[];
}

export interface Software extends ObservableCommonProperties<'software'> {
  readonly extensions?: Extensions<object>;
  readonly name: string;
  readonly cpe?: string;
  readonly swid?: string;
  readonly languages?: readonly string[];
  readonly vendor?: string;
  readonly version?: string;
}

export interface Url extends ObservableCommonProperties<'url'> {
  readonly extensions?: Extensions<object>;
  readonly value: string;
}

export interface UnixAccountExtension {
  readonly gid?: number;
  readonly groups?: readonly string[];
  readonly home_dir?: string;
  readonly shell?: string;
}

export interface UserAccount extends ObservableCommonProperties<'user-account'> {
  readonly extensions?: Extensions<{ 'unix-account-ext'?: UnixAccountExtension }>;
  readonly user_id?: string;
  readonly credential?: string;
  readonly account_login?: string;
  readonly account_type?: string;
  readonly display_name?: string;
  readonly is_service_account?: boolean;
  readonly is_privileged?: boolean;
  readonly can_escalate_privs?: boolean;
  readonly is_disabled?: boolean;
  readonly account_created?: Timestamp;
  readonly account_expires?: Timestamp;
  readonly credential_last_changed?: Timestamp;
  readonly account_first_login?: Timestamp;
  readonly account_last_login?: Timestamp;
}

export interface WindowsRegistryValue {
  readonly name?: string;
  readonly data?: string;
  readonly data_type?: string;
}

export interface WindowsRegistryKey extends ObservableCommonProperties<'windows-registry-key'> {
  readonly extensions?: Extensions<object>;
  readonly key?: string;
  readonly values?: readonly WindowsRegistryValue[];
  readonly modified_time?: Timestamp;
  readonly creator_user_ref?: Identifier<'user-account'>;
  readonly number_of_subkeys?: number;
}

export interface X509V3Extensions {
  readonly basic_constraints?: string;
  readonly name_constraints?: string;
  readonly policy_constraints?: string;
  readonly key_usage?: string;
  readonly extended_key_usage?: string;
  readonly subject_key_identifier?: string;
  readonly authority_key_identifier?: string;
  readonly subject_alternative_name?: string;
  readonly issuer_alternative_name?: string;
  readonly subject_directory_attributes?: string;
  readonly crl_distribution_points?: string;
  readonly inhibit_any_policy?: string;
  readonly private_key_usage_period_not_before?: Timestamp;
  readonly private_key_usage_period_not_after?: Timestamp;
  readonly certificate_policies?: string;
  readonly policy_mappings?: string;
}

export interface X509Certificate extends ObservableCommonProperties<'x509-certificate'> {
  readonly extensions?: Extensions<object>;
  readonly is_self_signed?: boolean;
  readonly hashes?: Hashes;
  readonly version?: string;
  readonly serial_number?: string;
  readonly signature_algorithm?: string;
  readonly issuer?: string;
  readonly validity_not_before?: Timestamp;
  readonly validity_not_after?: Timestamp;
  readonly subject?: string;
  readonly subject_public_key_algorithm?: string;
  readonly subject_public_key_modulus?: string;
  readonly subject_public_key_exponent?: number;
  readonly x509_v3_extensions?: X509V3Extensions;
}

export type StixCyberObservableObject21 =
  | Artifact
  | AutonomousSystem
  | Directory
  | DomainName
  | EmailAddr
  | EmailMessage
  | File
  | Ipv4Addr
  | Ipv6Addr
  | MacAddr
  | Mutex
  | NetworkTraffic
  | Process
  | Software
  | Url
  | UserAccount
  | WindowsRegistryKey
  | X509Certificate;
