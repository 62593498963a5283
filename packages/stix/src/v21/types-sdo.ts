/**
 * STIX 2.1 SDOs (§4), SROs (§5), meta objects (§7) and the bundle (§8) as TypeScript types.
 * Open-vocabulary properties accept any string but offer the suggested values (`OpenVocab`);
 * enumerations are closed string literal unions. Timestamps stay strings as received.
 */
import type {
  CommonProperties,
  ExtensionContent,
  ExternalReference,
  GranularMarking,
  Identifier,
  KillChainPhase,
  Timestamp,
} from './types-common.js';
import type { StixCyberObservableObject21 } from './types-sco.js';
import type * as V from './vocab-sdo.js';

/** An open vocabulary (§2.14): one of the suggested values, or any other string. */
export type OpenVocab<T extends string> = T | (string & Record<never, never>);

export type AttackMotivation = OpenVocab<(typeof V.attackMotivation)[number]>;
export type AttackResourceLevel = OpenVocab<(typeof V.attackResourceLevel)[number]>;
export type GroupingContext = OpenVocab<(typeof V.groupingContext)[number]>;
export type IdentityClass = OpenVocab<(typeof V.identityClass)[number]>;
export type ImplementationLanguage = OpenVocab<(typeof V.implementationLanguage)[number]>;
export type IndicatorType = OpenVocab<(typeof V.indicatorType)[number]>;
export type IndustrySector = OpenVocab<(typeof V.industrySector)[number]>;
export type InfrastructureType = OpenVocab<(typeof V.infrastructureType)[number]>;
export type MalwareCapability = OpenVocab<(typeof V.malwareCapabilities)[number]>;
export type MalwareResult = OpenVocab<(typeof V.malwareResult)[number]>;
export type MalwareType = OpenVocab<(typeof V.malwareType)[number]>;
export type PatternType = OpenVocab<(typeof V.patternType)[number]>;
export type ProcessorArchitecture = OpenVocab<(typeof V.processorArchitecture)[number]>;
export type Region = OpenVocab<(typeof V.region)[number]>;
export type ReportType = OpenVocab<(typeof V.reportType)[number]>;
export type ThreatActorRole = OpenVocab<(typeof V.threatActorRole)[number]>;
export type ThreatActorSophistication = OpenVocab<(typeof V.threatActorSophistication)[number]>;
export type ThreatActorType = OpenVocab<(typeof V.threatActorType)[number]>;
export type ToolType = OpenVocab<(typeof V.toolType)[number]>;
export type MarkingDefinitionType = OpenVocab<(typeof V.markingDefinitionType)[number]>;
/** §10.18 (closed). */
export type OpinionValue = (typeof V.opinionEnum)[number];
/** §10.5 (closed). */
export type ExtensionType = (typeof V.extensionTypeEnum)[number];
/** The relationship types the specification defines (§3.7, §4, §6), open like a vocabulary (§5.1). */
export type RelationshipType = OpenVocab<
  | (typeof V.commonRelationships)[number]
  | 'attributed-to'
  | 'authored-by'
  | 'av-analysis-of'
  | 'based-on'
  | 'beacons-to'
  | 'belongs-to'
  | 'characterizes'
  | 'communicates-with'
  | 'compromises'
  | 'consists-of'
  | 'controls'
  | 'delivers'
  | 'downloads'
  | 'drops'
  | 'dynamic-analysis-of'
  | 'exfiltrates-to'
  | 'exploits'
  | 'has'
  | 'hosts'
  | 'impersonates'
  | 'indicates'
  | 'investigates'
  | 'located-at'
  | 'mitigates'
  | 'originates-from'
  | 'owns'
  | 'remediates'
  | 'resolves-to'
  | 'static-analysis-of'
  | 'targets'
  | 'uses'
  | 'variant-of'
>;

/** §4.1 */
export interface AttackPattern extends CommonProperties<'attack-pattern'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** §4.2 */
export interface Campaign extends CommonProperties<'campaign'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  /** MUST be later than or equal to first_seen. */
  readonly last_seen?: Timestamp;
  readonly objective?: string;
}

/** §4.3 (a stub; `action` is reserved). */
export interface CourseOfAction extends CommonProperties<'course-of-action'> {
  readonly name: string;
  readonly description?: string;
}

/** §4.4 */
export interface Grouping extends CommonProperties<'grouping'> {
  readonly name?: string;
  readonly description?: string;
  readonly context: GroupingContext;
  readonly object_refs: readonly Identifier[];
}

/** §4.5 */
export interface Identity extends CommonProperties<'identity'> {
  readonly name: string;
  readonly description?: string;
  readonly roles?: readonly string[];
  readonly identity_class?: IdentityClass;
  readonly sectors?: readonly IndustrySector[];
  readonly contact_information?: string;
}

/** §4.6 (a stub). */
export interface Incident extends CommonProperties<'incident'> {
  readonly name: string;
  readonly description?: string;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** §4.7 */
export interface Indicator extends CommonProperties<'indicator'> {
  /** SHOULD be given (best practice 303). */
  readonly name?: string;
  /** SHOULD be given (best practice 303). */
  readonly description?: string;
  readonly indicator_types?: readonly IndicatorType[];
  readonly pattern: string;
  readonly pattern_type: PatternType;
  readonly pattern_version?: string;
  readonly valid_from: Timestamp;
  /** MUST be later than valid_from. */
  readonly valid_until?: Timestamp;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** §4.8 */
export interface Infrastructure extends CommonProperties<'infrastructure'> {
  readonly name: string;
  readonly description?: string;
  readonly infrastructure_types?: readonly InfrastructureType[];
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
}

/** §4.9 */
export interface IntrusionSet extends CommonProperties<'intrusion-set'> {
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly goals?: readonly string[];
  readonly resource_level?: AttackResourceLevel;
  readonly primary_motivation?: AttackMotivation;
  readonly secondary_motivations?: readonly AttackMotivation[];
}

interface LocationBase extends CommonProperties<'location'> {
  readonly name?: string;
  readonly description?: string;
  readonly region?: Region;
  /** SHOULD be an ISO 3166-1 alpha-2 code. */
  readonly country?: string;
  readonly administrative_area?: string;
  readonly city?: string;
  readonly street_address?: string;
  readonly postal_code?: string;
}

/** §4.10: latitude and longitude come together; precision only with them. */
export type Location =
  | (LocationBase & {
      /** -90 to 90. */
      readonly latitude: number;
      /** -180 to 180. */
      readonly longitude: number;
      /** In meters. */
      readonly precision?: number;
    })
  | (LocationBase & { readonly latitude?: undefined; readonly longitude?: undefined; readonly precision?: undefined });

interface MalwareBase<Family extends boolean> extends CommonProperties<'malware'> {
  readonly description?: string;
  readonly malware_types?: readonly MalwareType[];
  readonly is_family: Family;
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly operating_system_refs?: readonly Identifier<'software'>[];
  readonly architecture_execution_envs?: readonly ProcessorArchitecture[];
  readonly implementation_languages?: readonly ImplementationLanguage[];
  readonly capabilities?: readonly MalwareCapability[];
  readonly sample_refs?: readonly Identifier<'file' | 'artifact'>[];
}

/** §4.11: a malware family MUST be named. */
export type Malware = (MalwareBase<true> & { readonly name: string }) | (MalwareBase<false> & { readonly name?: string });

/** §4.12: one of result and analysis_sco_refs MUST be present. */
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
  readonly result?: MalwareResult;
  readonly analysis_sco_refs?: readonly Identifier[];
  readonly sample_ref?: Identifier<'file' | 'network-traffic' | 'artifact'>;
}

/** §4.13 */
export interface Note extends CommonProperties<'note'> {
  readonly abstract?: string;
  readonly content: string;
  readonly authors?: readonly string[];
  readonly object_refs: readonly Identifier[];
}

interface ObservedDataBase extends CommonProperties<'observed-data'> {
  readonly first_observed: Timestamp;
  /** MUST be later than or equal to first_observed. */
  readonly last_observed: Timestamp;
  /** 1 to 999,999,999. */
  readonly number_observed: number;
}

/** §4.14: exactly one of object_refs and the deprecated objects container. */
export type ObservedData =
  | (ObservedDataBase & { readonly object_refs: readonly Identifier[]; readonly objects?: undefined })
  | (ObservedDataBase & {
      /** Deprecated (§2.13): an observable container keyed "0", "1", … */
      readonly objects: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
      readonly object_refs?: undefined;
    });

/** §4.15 */
export interface Opinion extends CommonProperties<'opinion'> {
  readonly explanation?: string;
  readonly authors?: readonly string[];
  readonly opinion: OpinionValue;
  readonly object_refs: readonly Identifier[];
}

/** §4.16 */
export interface Report extends CommonProperties<'report'> {
  readonly name: string;
  readonly description?: string;
  readonly report_types?: readonly ReportType[];
  readonly published: Timestamp;
  readonly object_refs: readonly Identifier[];
}

/** §4.17 */
export interface ThreatActor extends CommonProperties<'threat-actor'> {
  readonly name: string;
  readonly description?: string;
  readonly threat_actor_types?: readonly ThreatActorType[];
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly roles?: readonly ThreatActorRole[];
  readonly goals?: readonly string[];
  readonly sophistication?: ThreatActorSophistication;
  readonly resource_level?: AttackResourceLevel;
  readonly primary_motivation?: AttackMotivation;
  readonly secondary_motivations?: readonly AttackMotivation[];
  readonly personal_motivations?: readonly AttackMotivation[];
}

/** §4.18 */
export interface Tool extends CommonProperties<'tool'> {
  readonly name: string;
  readonly description?: string;
  readonly tool_types?: readonly ToolType[];
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly tool_version?: string;
}

/** §4.19 */
export interface Vulnerability extends CommonProperties<'vulnerability'> {
  readonly name: string;
  readonly description?: string;
}

/** §5.1: source_ref and target_ref are SDOs or SCOs. */
export interface Relationship extends CommonProperties<'relationship'> {
  /** a-z, 0-9 and hyphen. */
  readonly relationship_type: RelationshipType;
  readonly description?: string;
  readonly source_ref: Identifier;
  readonly target_ref: Identifier;
  readonly start_time?: Timestamp;
  /** MUST be later than start_time. */
  readonly stop_time?: Timestamp;
}

/** §5.2 */
export interface Sighting extends CommonProperties<'sighting'> {
  readonly description?: string;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  /** 0 to 999,999,999. */
  readonly count?: number;
  /** An SDO. */
  readonly sighting_of_ref: Identifier;
  readonly observed_data_refs?: readonly Identifier<'observed-data'>[];
  readonly where_sighted_refs?: readonly Identifier<'identity' | 'location'>[];
  readonly summary?: boolean;
}

/** TLP 1.0 levels (§7.2.1.4). */
export type TlpLevel = 'white' | 'green' | 'amber' | 'red';
/** TLP 2.0 levels (OASIS TLP 2.0 extension). */
export type Tlp2Level = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
/** The OASIS TLP 2.0 extension-definition id. */
export type Tlp2ExtensionId = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** §7.2.1: marking definitions are not versioned (no modified, revoked, labels, confidence, lang). */
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
  readonly extensions?: Readonly<Record<string, ExtensionContent>>;
}

/** §7.2.1.3 */
export interface StatementMarking extends MarkingDefinitionBase {
  readonly definition_type: 'statement';
  readonly definition: { readonly statement: string };
}

/** §7.2.1.4: only the four canonical objects exist (created 2017-01-20T00:00:00.000Z). */
export interface TlpMarking extends MarkingDefinitionBase {
  readonly definition_type: 'tlp';
  readonly name?: `TLP:${Uppercase<TlpLevel>}`;
  readonly definition: { readonly tlp: TlpLevel };
}

/** TLP 2.0 through the OASIS extension: five canonical objects, one per level. */
export interface Tlp2Marking extends MarkingDefinitionBase {
  readonly definition_type?: undefined;
  readonly definition?: undefined;
  readonly name: `TLP:${Uppercase<Tlp2Level>}`;
  readonly extensions: { readonly [K in Tlp2ExtensionId]: { readonly extension_type: 'property-extension'; readonly tlp_2_0: Tlp2Level } };
}

/** Any other marking defined by an extension (§7.2.1: definition_type and definition may then be left out). */
export interface ExtensionMarking extends MarkingDefinitionBase {
  readonly definition_type?: undefined;
  readonly definition?: undefined;
  readonly extensions: Readonly<Record<string, ExtensionContent>>;
}

/** A custom definition_type (best practice 201 suggests statement or tlp). */
export interface CustomMarking extends MarkingDefinitionBase {
  readonly definition_type: MarkingDefinitionType;
  readonly definition: Readonly<Record<string, unknown>>;
}

export type MarkingDefinition = StatementMarking | TlpMarking | Tlp2Marking | ExtensionMarking | CustomMarking;

/** §7.1: lang does not apply; contents maps RFC 5646 tags to translated properties. */
export interface LanguageContent extends Omit<CommonProperties<'language-content'>, 'lang'> {
  readonly object_ref: Identifier;
  readonly object_modified?: Timestamp;
  /** RFC 5646 tag → property name → translated value (lists keep their length, "" untranslated). */
  readonly contents: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** §7.3: created_by_ref is required; confidence, lang and extensions do not apply. */
export interface ExtensionDefinition extends Omit<CommonProperties<'extension-definition'>, 'confidence' | 'lang' | 'extensions'> {
  readonly created_by_ref: Identifier<'identity'>;
  readonly name: string;
  /** SHOULD be given (best practice 305). */
  readonly description?: string;
  readonly schema: string;
  readonly version: string;
  readonly extension_types: readonly ExtensionType[];
  /** Only with toplevel-property-extension. */
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

/** §8: not a STIX object; no spec_version in 2.1; objects, when present, is not empty. */
export interface Bundle21 {
  readonly type: 'bundle';
  readonly id: Identifier<'bundle'>;
  readonly objects?: readonly (StixDomainObject21 | StixRelationshipObject21 | StixMetaObject21 | StixCyberObservableObject21)[];
}
