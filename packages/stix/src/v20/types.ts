/**
 * STIX 2.0 object types (Parts 1–4): 12 SDOs, 2 SROs, the marking-definition, the bundle and the
 * 18 cyber observable objects that live in observed-data `objects` containers.
 */

/** RFC 3339 UTC timestamp string; created/modified have exactly millisecond precision in 2.0. */
export type Timestamp = string;
export type Identifier<T extends string = string> = `${T}--${string}`;
export type Hashes = Readonly<Record<string, string>>;

export interface KillChainPhase {
  readonly kill_chain_name: string;
  readonly phase_name: string;
}
export interface ExternalReference {
  readonly source_name: string;
  readonly description?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly external_id?: string;
}
export interface GranularMarking {
  readonly marking_ref: Identifier<'marking-definition'>;
  readonly selectors: readonly string[];
}

export interface CommonProperties<T extends string> {
  readonly type: T;
  readonly id: Identifier<T>;
  readonly created_by_ref?: Identifier<'identity'>;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly [custom: `x_${string}`]: unknown;
}

export interface AttackPattern extends CommonProperties<'attack-pattern'> {
  readonly name: string;
  readonly description?: string;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}
export interface Campaign extends CommonProperties<'campaign'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly objective?: string;
}
export interface CourseOfAction extends CommonProperties<'course-of-action'> {
  readonly name: string;
  readonly description?: string;
}
export interface Identity extends CommonProperties<'identity'> {
  readonly name: string;
  readonly description?: string;
  readonly identity_class: string;
  readonly sectors?: readonly string[];
  readonly contact_information?: string;
}
export interface Indicator extends CommonProperties<'indicator'> {
  readonly labels: readonly string[];
  readonly name?: string;
  readonly description?: string;
  readonly pattern: string;
  readonly valid_from: Timestamp;
  readonly valid_until?: Timestamp;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}
export interface IntrusionSet extends CommonProperties<'intrusion-set'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly goals?: readonly string[];
  readonly resource_level?: string;
  readonly primary_motivation?: string;
  readonly secondary_motivations?: readonly string[];
}
export interface Malware extends CommonProperties<'malware'> {
  readonly labels: readonly string[];
  readonly name: string;
  readonly description?: string;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}
export interface ObservedData extends CommonProperties<'observed-data'> {
  readonly first_observed: Timestamp;
  readonly last_observed: Timestamp;
  readonly number_observed: number;
  /** Keyed "0", "1", …; references between these objects use the keys. */
  readonly objects: Readonly<Record<string, CyberObservable20>>;
}
export interface Report extends CommonProperties<'report'> {
  readonly labels: readonly string[];
  readonly name: string;
  readonly description?: string;
  readonly published: Timestamp;
  readonly object_refs: readonly Identifier[];
}
export interface ThreatActor extends CommonProperties<'threat-actor'> {
  readonly labels: readonly string[];
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly roles?: readonly string[];
  readonly goals?: readonly string[];
  readonly sophistication?: string;
  readonly resource_level?: string;
  readonly primary_motivation?: string;
  readonly secondary_motivations?: readonly string[];
  readonly personal_motivations?: readonly string[];
}
export interface Tool extends CommonProperties<'tool'> {
  readonly labels: readonly string[];
  readonly name: string;
  readonly description?: string;
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly tool_version?: string;
}
export interface Vulnerability extends CommonProperties<'vulnerability'> {
  readonly name: string;
  readonly description?: string;
}
export interface Relationship extends CommonProperties<'relationship'> {
  readonly relationship_type: string;
  readonly description?: string;
  readonly source_ref: Identifier;
  readonly target_ref: Identifier;
}
export interface Sighting extends CommonProperties<'sighting'> {
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly count?: number;
  readonly sighting_of_ref: Identifier;
  readonly observed_data_refs?: readonly Identifier<'observed-data'>[];
  readonly where_sighted_refs?: readonly Identifier<'identity'>[];
  readonly summary?: boolean;
}
export interface MarkingDefinition {
  readonly type: 'marking-definition';
  readonly id: Identifier<'marking-definition'>;
  readonly created_by_ref?: Identifier<'identity'>;
  readonly created: Timestamp;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly definition_type: 'statement' | 'tlp' | (string & {});
  readonly definition:
    | { readonly statement: string }
    | { readonly tlp: 'white' | 'green' | 'amber' | 'red' }
    | Readonly<Record<string, unknown>>;
}

export type StixDomainObject20 =
  | AttackPattern
  | Campaign
  | CourseOfAction
  | Identity
  | Indicator
  | IntrusionSet
  | Malware
  | ObservedData
  | Report
  | ThreatActor
  | Tool
  | Vulnerability;
export type StixRelationshipObject20 = Relationship | Sighting;
export type StixObject20 = StixDomainObject20 | StixRelationshipObject20 | MarkingDefinition;

export interface Bundle20 {
  readonly type: 'bundle';
  readonly id: Identifier<'bundle'>;
  readonly spec_version: '2.0';
  readonly objects?: readonly StixObject20[];
}

// Part 4: cyber observable objects. References are keys of the same container ("0", "1", …).
type LocalRef = string;
interface Observable<T extends string> {
  readonly type: T;
  readonly description?: string;
  readonly extensions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly [custom: `x_${string}`]: unknown;
}

export interface Artifact extends Observable<'artifact'> {
  readonly mime_type?: string;
  readonly payload_bin?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
}
export interface AutonomousSystem extends Observable<'autonomous-system'> {
  readonly number: number;
  readonly name?: string;
  readonly rir?: string;
}
export interface Directory extends Observable<'directory'> {
  readonly path: string;
  readonly path_enc?: string;
  readonly created?: Timestamp;
  readonly modified?: Timestamp;
  readonly accessed?: Timestamp;
  readonly contains_refs?: readonly LocalRef[];
}
export interface DomainName extends Observable<'domain-name'> {
  readonly value: string;
  readonly resolves_to_refs?: readonly LocalRef[];
}
export interface EmailAddr extends Observable<'email-addr'> {
  readonly value: string;
  readonly display_name?: string;
  readonly belongs_to_ref?: LocalRef;
}
export interface EmailMessage extends Observable<'email-message'> {
  readonly is_multipart: boolean;
  readonly date?: Timestamp;
  readonly content_type?: string;
  readonly from_ref?: LocalRef;
  readonly sender_ref?: LocalRef;
  readonly to_refs?: readonly LocalRef[];
  readonly cc_refs?: readonly LocalRef[];
  readonly bcc_refs?: readonly LocalRef[];
  readonly subject?: string;
  readonly received_lines?: readonly string[];
  readonly additional_header_fields?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
  readonly body_multipart?: readonly {
    readonly body?: string;
    readonly body_raw_ref?: LocalRef;
    readonly content_type?: string;
    readonly content_disposition?: string;
  }[];
  readonly raw_email_ref?: LocalRef;
}
export interface File extends Observable<'file'> {
  readonly hashes?: Hashes;
  readonly size?: number;
  readonly name?: string;
  readonly name_enc?: string;
  readonly magic_number_hex?: string;
  readonly mime_type?: string;
  readonly created?: Timestamp;
  readonly modified?: Timestamp;
  readonly accessed?: Timestamp;
  readonly parent_directory_ref?: LocalRef;
  readonly is_encrypted?: boolean;
  readonly encryption_algorithm?: string;
  readonly decryption_key?: string;
  readonly contains_refs?: readonly LocalRef[];
  readonly content_ref?: LocalRef;
}
export interface Ipv4Addr extends Observable<'ipv4-addr'> {
  readonly value: string;
  readonly resolves_to_refs?: readonly LocalRef[];
  readonly belongs_to_refs?: readonly LocalRef[];
}
export interface Ipv6Addr extends Observable<'ipv6-addr'> {
  readonly value: string;
  readonly resolves_to_refs?: readonly LocalRef[];
  readonly belongs_to_refs?: readonly LocalRef[];
}
export interface MacAddr extends Observable<'mac-addr'> {
  readonly value: string;
}
export interface Mutex extends Observable<'mutex'> {
  readonly name: string;
}
export interface NetworkTraffic extends Observable<'network-traffic'> {
  readonly start?: Timestamp;
  readonly end?: Timestamp;
  readonly is_active?: boolean;
  readonly src_ref?: LocalRef;
  readonly dst_ref?: LocalRef;
  readonly src_port?: number;
  readonly dst_port?: number;
  readonly protocols: readonly string[];
  readonly src_byte_count?: number;
  readonly dst_byte_count?: number;
  readonly src_packets?: number;
  readonly dst_packets?: number;
  readonly ipfix?: Readonly<Record<string, string | number>>;
  readonly src_payload_ref?: LocalRef;
  readonly dst_payload_ref?: LocalRef;
  readonly encapsulates_refs?: readonly LocalRef[];
  readonly encapsulated_by_ref?: LocalRef;
}
export interface Process extends Observable<'process'> {
  readonly is_hidden?: boolean;
  readonly pid?: number;
  readonly name?: string;
  readonly created?: Timestamp;
  readonly cwd?: string;
  readonly arguments?: readonly string[];
  readonly command_line?: string;
  readonly environment_variables?: Readonly<Record<string, string>>;
  readonly opened_connection_refs?: readonly LocalRef[];
  readonly creator_user_ref?: LocalRef;
  readonly binary_ref?: LocalRef;
  readonly parent_ref?: LocalRef;
  readonly child_refs?: readonly LocalRef[];
}
export interface Software extends Observable<'software'> {
  readonly name: string;
  readonly cpe?: string;
  readonly languages?: readonly string[];
  readonly vendor?: string;
  readonly version?: string;
}
export interface Url extends Observable<'url'> {
  readonly value: string;
}
export interface UserAccount extends Observable<'user-account'> {
  readonly user_id: string;
  readonly account_login?: string;
  readonly account_type?: string;
  readonly display_name?: string;
  readonly is_service_account?: boolean;
  readonly is_privileged?: boolean;
  readonly can_escalate_privs?: boolean;
  readonly is_disabled?: boolean;
  readonly account_created?: Timestamp;
  readonly account_expires?: Timestamp;
  readonly password_last_changed?: Timestamp;
  readonly account_first_login?: Timestamp;
  readonly account_last_login?: Timestamp;
}
export interface WindowsRegistryKey extends Observable<'windows-registry-key'> {
  readonly key: string;
  readonly values?: readonly { readonly name: string; readonly data?: string; readonly data_type?: string }[];
  readonly modified?: Timestamp;
  readonly creator_user_ref?: LocalRef;
  readonly number_of_subkeys?: number;
}
export interface X509Certificate extends Observable<'x509-certificate'> {
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
  readonly x509_v3_extensions?: Readonly<Record<string, string>>;
}

export type CyberObservable20 =
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
