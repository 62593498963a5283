/**
 * STIX 2.1 vocabularies used by SDOs, SROs and meta objects (§10), and the relationship types the
 * specification defines between object types (the "Relationships" table of each SDO in §4 and of
 * the SCOs in §6, summarised in Appendix B).
 *
 * Open vocabularies (`-ov`) are suggestions: a value outside them is a best-practice finding.
 * Enumerations (`-enum`) are closed: a value outside them is an error. The lists are `as const`
 * so that types-sdo.ts can offer their values as literal types.
 *
 * Values marked "Errata 01" were added by STIX 2.1 Errata 01 (§1.3.1) after the OASIS Standard;
 * they are accepted so that content written to the errata is not flagged.
 */

import { SCO_TYPES as SCO_TYPE_SET } from './targets.js';

/** §10.1 attack-motivation-ov */
export const attackMotivation = [
  'accidental',
  'coercion',
  'dominance',
  'ideology',
  'notoriety',
  'organizational-gain',
  'personal-gain',
  'personal-satisfaction',
  'revenge',
  'unpredictable',
] as const;

/** §10.2 attack-resource-level-ov */
export const attackResourceLevel = ['individual', 'club', 'contest', 'team', 'organization', 'government'] as const;

/** §10.5 extension-type-enum (closed). */
export const extensionTypeEnum = ['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'] as const;

/** §10.6 grouping-context-ov */
export const groupingContext = ['suspicious-activity', 'malware-analysis', 'unspecified'] as const;

/** §10.8 identity-class-ov */
export const identityClass = ['individual', 'group', 'system', 'organization', 'class', 'unknown'] as const;

/** §10.9 implementation-language-ov */
export const implementationLanguage = [
  'applescript',
  'bash',
  'c',
  'c++',
  'c#',
  'go',
  'java',
  'javascript',
  'lua',
  'objective-c',
  'perl',
  'php',
  'powershell',
  'python',
  'ruby',
  'rust', // Errata 01
  'scala',
  'swift',
  'typescript',
  'visual-basic',
  'x86-32',
  'x86-64',
] as const;

/** §10.10 indicator-type-ov */
export const indicatorType = [
  'anomalous-activity',
  'anonymization',
  'benign',
  'compromised',
  'malicious-activity',
  'attribution',
  'unknown',
] as const;

/** §10.11 industry-sector-ov (government and infrastructure have sub-sectors). */
export const industrySector = [
  'agriculture',
  'aerospace',
  'automotive',
  'chemical',
  'commercial',
  'communications',
  'construction',
  'defense',
  'education',
  'energy',
  'entertainment',
  'financial-services',
  'government',
  'emergency-services',
  'government-local',
  'government-national',
  'government-public-services',
  'government-regional',
  'healthcare',
  'hospitality-leisure',
  'infrastructure',
  'dams',
  'nuclear',
  'water',
  'insurance',
  'legal', // Errata 01
  'manufacturing',
  'mining',
  'non-profit',
  'pharmaceuticals',
  'retail',
  'technology',
  'telecommunications',
  'transportation',
  'utilities',
] as const;

/**
 * §10.12 infrastructure-type-ov. The OS summary row omits control-system, firewall,
 * routers-switches and workstation, but its vocabulary table defines them (Errata 01 fixed the
 * summary).
 */
export const infrastructureType = [
  'amplification',
  'anonymization',
  'botnet',
  'command-and-control',
  'control-system',
  'exfiltration',
  'firewall',
  'hosting-malware',
  'hosting-target-lists',
  'phishing',
  'reconnaissance',
  'routers-switches',
  'staging',
  'workstation',
  'unknown',
] as const;

/** §10.13 malware-capabilities-ov */
export const malwareCapabilities = [
  'accesses-remote-machines',
  'anti-debugging',
  'anti-disassembly',
  'anti-emulation',
  'anti-memory-forensics',
  'anti-sandbox',
  'anti-vm',
  'captures-input-peripherals',
  'captures-output-peripherals',
  'captures-system-state-data',
  'cleans-traces-of-infection',
  'commits-fraud',
  'communicates-with-c2',
  'compromises-data-availability',
  'compromises-data-integrity',
  'compromises-system-availability',
  'controls-local-machine',
  'degrades-security-software',
  'degrades-system-updates',
  'determines-c2-server',
  'emails-spam',
  'escalates-privileges',
  'evades-av',
  'exfiltrates-data',
  'fingerprints-host',
  'hides-artifacts',
  'hides-executing-code',
  'infects-files',
  'infects-remote-machines',
  'installs-other-components',
  'persists-after-system-reboot',
  'prevents-artifact-access',
  'prevents-artifact-deletion',
  'probes-network-environment',
  'self-modifies',
  'steals-authentication-credentials',
  'violates-system-operational-integrity',
] as const;

/** §10.14 malware-result-ov */
export const malwareResult = ['malicious', 'suspicious', 'benign', 'unknown'] as const;

/** §10.15 malware-type-ov */
export const malwareType = [
  'adware',
  'backdoor',
  'bot',
  'bootkit',
  'ddos',
  'downloader',
  'dropper',
  'exploit-kit',
  'keylogger',
  'ransomware',
  'remote-access-trojan',
  'resource-exploitation',
  'rogue-security-software',
  'rootkit',
  'screen-capture',
  'spyware',
  'trojan',
  'unknown',
  'virus',
  'webshell',
  'wiper',
  'worm',
] as const;

/** §10.18 opinion-enum (closed). */
export const opinionEnum = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;

/** §10.19 pattern-type-ov */
export const patternType = ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'] as const;

/** §10.20 processor-architecture-ov */
export const processorArchitecture = ['alpha', 'arm', 'ia-64', 'mips', 'powerpc', 'sparc', 'x86', 'x86-64'] as const;

/** §10.21 region-ov */
export const region = [
  'africa',
  'eastern-africa',
  'middle-africa',
  'northern-africa',
  'southern-africa',
  'western-africa',
  'americas',
  'latin-america-caribbean',
  'south-america',
  'caribbean',
  'central-america',
  'northern-america',
  'asia',
  'central-asia',
  'eastern-asia',
  'southern-asia',
  'south-eastern-asia',
  'western-asia',
  'europe',
  'eastern-europe',
  'northern-europe',
  'southern-europe',
  'western-europe',
  'oceania',
  'australia-new-zealand',
  'melanesia',
  'micronesia',
  'polynesia',
  'antarctica',
] as const;

/** §10.22 report-type-ov */
export const reportType = [
  'attack-pattern',
  'campaign',
  'identity',
  'incident', // Errata 01
  'indicator',
  'intrusion-set',
  'malware',
  'observed-data',
  'threat-actor',
  'threat-report',
  'tool',
  'vulnerability',
] as const;

/** §10.23 threat-actor-type-ov */
export const threatActorType = [
  'activist',
  'competitor',
  'crime-syndicate',
  'criminal',
  'hacker',
  'insider-accidental',
  'insider-disgruntled',
  'nation-state',
  'private-sector', // Errata 01
  'sensationalist',
  'spy',
  'terrorist',
  'unknown',
] as const;

/** §10.24 threat-actor-role-ov */
export const threatActorRole = [
  'agent',
  'director',
  'independent',
  'infrastructure-architect',
  'infrastructure-operator',
  'malware-author',
  'sponsor',
] as const;

/** §10.25 threat-actor-sophistication-ov */
export const threatActorSophistication = ['none', 'minimal', 'intermediate', 'advanced', 'expert', 'innovator', 'strategic'] as const;

/** §10.26 tool-type-ov */
export const toolType = [
  'denial-of-service',
  'exploitation',
  'information-gathering',
  'network-capture',
  'credential-exploitation',
  'remote-access',
  'vulnerability-scanning',
  'unknown',
] as const;

/** §7.2.1: the definition types the specification defines (best practice 201). */
export const markingDefinitionType = ['statement', 'tlp'] as const;

// ---------------------------------------------------------------------------------------------
// Relationship types (§3.7, §4.x.2, §6, Appendix B)
// ---------------------------------------------------------------------------------------------

/** §3.7: defined for every SDO and SCO. derived-from and duplicate-of join objects of one type. */
export const commonRelationships = ['derived-from', 'duplicate-of', 'related-to'] as const;
/** §3.7: these two join an object to another of the same type. */
export const sameTypeRelationships: ReadonlySet<string> = new Set(['derived-from', 'duplicate-of']);

const SCO_TYPES = [...SCO_TYPE_SET];

type Table = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * The forward relationships each specification type defines: source type → relationship type →
 * target types. Every SDO and SCO has an entry (an empty one when its section defines none), so
 * that an unlisted relationship type from a defined type can be told apart from a custom source.
 *
 * Two spellings printed by the OS are kept beside the corrected ones: malware `exfiltrate-to`
 * (Appendix B; §4.11.2 says `exfiltrates-to`) and malware-analysis `analysis-of` (§4.12.2; Errata
 * 01 corrected it to `av-analysis-of`, the name Appendix B and the §4.11.2 reverse table use).
 */
export const suggestedRelationships: Table = {
  // §4.1
  'attack-pattern': {
    delivers: ['malware'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['malware', 'tool'],
  },
  // §4.2
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'],
    compromises: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  // §4.3
  'course-of-action': {
    investigates: ['indicator'],
    mitigates: ['attack-pattern', 'indicator', 'malware', 'tool', 'vulnerability'],
    remediates: ['malware', 'vulnerability'],
  },
  grouping: {}, // §4.4
  identity: { 'located-at': ['location'] }, // §4.5
  incident: {}, // §4.6
  // §4.7
  indicator: {
    indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'],
    'based-on': ['observed-data'],
  },
  // §4.8
  infrastructure: {
    'communicates-with': ['infrastructure', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    'consists-of': ['infrastructure', 'observed-data', ...SCO_TYPES],
    controls: ['infrastructure', 'malware'],
    delivers: ['malware'],
    has: ['vulnerability'],
    hosts: ['tool', 'malware'],
    'located-at': ['location'],
    uses: ['infrastructure'],
  },
  // §4.9
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  location: {}, // §4.10
  // §4.11
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'],
    'beacons-to': ['infrastructure'],
    'exfiltrates-to': ['infrastructure'],
    'exfiltrate-to': ['infrastructure'],
    'communicates-with': ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    controls: ['malware'],
    downloads: ['malware', 'tool', 'file'],
    drops: ['malware', 'tool', 'file'],
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
    'variant-of': ['malware'],
  },
  // §4.12
  'malware-analysis': {
    characterizes: ['malware'],
    'av-analysis-of': ['malware'],
    'analysis-of': ['malware'],
    'static-analysis-of': ['malware'],
    'dynamic-analysis-of': ['malware'],
  },
  note: {}, // §4.13
  'observed-data': {}, // §4.14
  opinion: {}, // §4.15
  report: {}, // §4.16
  // §4.17
  'threat-actor': {
    'attributed-to': ['identity'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    impersonates: ['identity'],
    'located-at': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  // §4.18
  tool: {
    delivers: ['malware'],
    drops: ['malware'],
    has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['infrastructure'],
  },
  vulnerability: {}, // §4.19
  // §6: only three SCOs define relationships.
  ...Object.fromEntries(SCO_TYPES.map((t) => [t, {}])),
  'domain-name': { 'resolves-to': ['domain-name', 'ipv4-addr', 'ipv6-addr'] }, // §6.4
  'ipv4-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] }, // §6.8
  'ipv6-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] }, // §6.9
};
