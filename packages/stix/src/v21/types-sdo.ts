/**
 * STIX 2.1 SDOs (§4), SROs (§5), meta objects (§7) and the bundle (§8) as TypeScript types.
 * Vocabulary-valued properties are `string` (open vocabularies accept any value); closed
 * enumerations are string literal unions.
 */
import type { CommonProperties, ExternalReference, GranularMarking, Identifier, KillChainPhase, Timestamp } from './types-common.js';
import type { StixCyberObservableObject21 } from './types-sco.js';

export interface AttackPattern extends CommonProperties<'attack-pattern'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
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

export interface Grouping extends CommonProperties<'grouping'> {
  readonly name?: string;
  readonly description?: string;
  readonly context: string;
  readonly object_refs: readonly Identifier[];
}

export interface Identity extends CommonProperties<'identity'> {
  readonly name: string;
  readonly description?: string;
  readonly roles?: readonly string[];
  readonly identity_class?: string;
  readonly sectors?: readonly string[];
  readonly contact_information?: string;
}

export interface Incident extends CommonProperties<'incident'> {
  readonly name: string;
  readonly description?: string;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

export interface Indicator extends CommonProperties<'indicator'> {
  readonly name?: string;
  readonly description?: string;
  readonly indicator_types?: readonly string[];
  readonly pattern: string;
  readonly pattern_type: string;
  readonly pattern_version?: string;
  readonly valid_from: Timestamp;
  readonly valid_until?: Timestamp;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

export interface Infrastructure extends CommonProperties<'infrastructure'> {
  readonly name: string;
  readonly description?: string;
  readonly infrastructure_types?: readonly string[];
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
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

export interface Location extends CommonProperties<'location'> {
  readonly name?: string;
  readonly description?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly precision?: number;
  readonly region?: string;
  readonly country?: string;
  readonly administrative_area?: string;
  readonly city?: string;
  readonly street_address?: string;
  readonly postal_code?: string;
}

export interface Malware extends CommonProperties<'malware'> {
  readonly name?: string;
  readonly description?: string;
  readonly malware_types?: readonly string[];
  readonly is_family: boolean;
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly operating_system_refs?: readonly Identifier<'software'>[];
  readonly architecture_execution_envs?: readonly string[];
  readonly implementation_languages?: readonly string[];
  readonly capabilities?: readonly string[];
  readonly sample_refs?: readonly Identifier<'file' | 'artifact'>[];
}

export interface MalwareAnalysis extends CommonProperties<'malware-analysis'> {
  readonly product: string;
  readonly version?: string;
  readonly host_vm_ref?: Identifier<'software'>;
  readonly operating_system_ref?: Identifier<'software'>;
  readonly installed_software_refs?: readonly Identifier<'software'>[];
  readonly configuration_version?: string;
  readonly modules?: readonly string[];
  readonly analysis_engine_version?: string;
  readonly analysis_definition_version?: string;
  readonly submitted?: Timestamp;
  readonly analysis_started?: Timestamp;
  readonly analysis_ended?: Timestamp;
  readonly result_name?: string;
  readonly result?: string;
  readonly analysis_sco_refs?: readonly Identifier[];
  readonly sample_ref?: Identifier<'file' | 'network-traffic' | 'artifact'>;
}

export interface Note extends CommonProperties<'note'> {
  readonly abstract?: string;
  readonly content: string;
  readonly authors?: readonly string[];
  readonly object_refs: readonly Identifier[];
}

export interface ObservedData extends CommonProperties<'observed-data'> {
  readonly first_observed: Timestamp;
  readonly last_observed: Timestamp;
  readonly number_observed: number;
  /** Deprecated in 2.1 (§4.14): use object_refs. */
  readonly objects?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly object_refs?: readonly Identifier[];
}

export type OpinionValue = 'strongly-disagree' | 'disagree' | 'neutral' | 'agree' | 'strongly-agree';

export interface Opinion extends CommonProperties<'opinion'> {
  readonly explanation?: string;
  readonly authors?: readonly string[];
  readonly opinion: OpinionValue;
  readonly object_refs: readonly Identifier[];
}

export interface Report extends CommonProperties<'report'> {
  readonly name: string;
  readonly description?: string;
  readonly report_types?: readonly string[];
  readonly published: Timestamp;
  readonly object_refs: readonly Identifier[];
}

export interface ThreatActor extends CommonProperties<'threat-actor'> {
  readonly name: string;
  readonly description?: string;
  readonly threat_actor_types?: readonly string[];
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly roles?: readonly string[];
  readonly goals?: readonly string[];
  readonly sophistication?: string;
  readonly resource_level?: string;
  readonly primary_motivation?: string;
  readonly secondary_motivations?: readonly string[];
  readonly personal_motivations?: readonly string[];
}

export interface Tool extends CommonProperties<'tool'> {
  readonly name: string;
  readonly description?: string;
  readonly tool_types?: readonly string[];
  readonly aliases?: readonly string[];
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
  readonly start_time?: Timestamp;
  readonly stop_time?: Timestamp;
}

export interface Sighting extends CommonProperties<'sighting'> {
  readonly description?: string;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly count?: number;
  readonly sighting_of_ref: Identifier;
  readonly observed_data_refs?: readonly Identifier<'observed-data'>[];
  readonly where_sighted_refs?: readonly Identifier<'identity' | 'location'>[];
  readonly summary?: boolean;
}

/** TLP 1.0 levels (§7.2.1.4). */
export type TlpLevel = 'white' | 'green' | 'amber' | 'red';
/** TLP 2.0 levels (OASIS common-objects extension). */
export type Tlp2Level = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

interface MarkingDefinitionBase {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly id: Identifier<'marking-definition'>;
  readonly created_by_ref?: Identifier<'identity'>;
  readonly created: Timestamp;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly name?: string;
  readonly extensions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface StatementMarking extends MarkingDefinitionBase {
  readonly definition_type: 'statement';
  readonly definition: { readonly statement: string };
}

export interface TlpMarking extends MarkingDefinitionBase {
  readonly definition_type: 'tlp';
  readonly definition: { readonly tlp: TlpLevel };
}

/** A marking defined by an extension, such as TLP 2.0 (`extension-definition--60a3c5c5-…` with `tlp_2_0`). */
export interface ExtensionMarking extends MarkingDefinitionBase {
  readonly definition_type?: undefined;
  readonly definition?: undefined;
  readonly extensions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Any other definition_type (custom marking). */
export interface CustomMarking extends MarkingDefinitionBase {
  readonly definition_type: string;
  readonly definition: Readonly<Record<string, unknown>>;
}

export type MarkingDefinition = StatementMarking | TlpMarking | ExtensionMarking | CustomMarking;

export interface LanguageContent extends Omit<CommonProperties<'language-content'>, 'lang'> {
  readonly object_ref: Identifier;
  readonly object_modified?: Timestamp;
  /** RFC 5646 tag → property name → translated value. */
  readonly contents: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export type ExtensionType = 'new-sdo' | 'new-sco' | 'new-sro' | 'property-extension' | 'toplevel-property-extension';

export interface ExtensionDefinition extends CommonProperties<'extension-definition'> {
  readonly created_by_ref: Identifier<'identity'>;
  readonly name: string;
  readonly description?: string;
  readonly schema: string;
  readonly version: string;
  readonly extension_types: readonly ExtensionType[];
  readonly extension_properties?: readonly string[];
}

export type StixDomainObject21 =
  | AttackPattern
  | Campaign
  | CourseOfAction
  | Grouping
  | Identity
  | Incident
  | Indicator
  | Infrastructure
  | IntrusionSet
  | Location
  | Malware
  | MalwareAnalysis
  | Note
  | ObservedData
  | Opinion
  | Report
  | ThreatActor
  | Tool
  | Vulnerability;

export type StixRelationshipObject21 = Relationship | Sighting;
export type StixMetaObject21 = MarkingDefinition | LanguageContent | ExtensionDefinition;

/** §8: a bundle has no spec_version in 2.1. */
export interface Bundle21 {
  readonly type: 'bundle';
  readonly id: Identifier<'bundle'>;
  readonly objects?: readonly (StixDomainObject21 | StixRelationshipObject21 | StixMetaObject21 | StixCyberObservableObject21)[];
}
