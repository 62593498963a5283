/**
 * STIX 2.1 vocabularies used by SDOs, SROs and meta objects (§10), and the suggested relationship
 * types between SDO types (the "Relationships" table of each SDO section in §4).
 */
const words = (s: string): readonly string[] => s.trim().split(/\s+/);

export const attackMotivation = words(
  'accidental coercion dominance ideology notoriety organizational-gain personal-gain personal-satisfaction revenge unpredictable',
);
export const attackResourceLevel = words('individual club contest team organization government');
export const groupingContext = words('suspicious-activity malware-analysis unspecified');
export const identityClass = words('individual group system organization class unknown');
export const implementationLanguage = words(
  'applescript bash c c++ c# go java javascript lua objective-c perl php powershell python ruby scala swift typescript visual-basic x86-32 x86-64',
);
export const indicatorType = words('anomalous-activity anonymization benign compromised malicious-activity attribution unknown');
export const industrySector = words(
  'agriculture aerospace automotive chemical commercial communications construction defense education energy entertainment ' +
    'financial-services government emergency-services government-local government-national government-public-services ' +
    'government-regional healthcare hospitality-leisure infrastructure dams nuclear water insurance manufacturing mining non-profit ' +
    'pharmaceuticals retail technology telecommunications transportation utilities',
);
export const infrastructureType = words(
  'amplification anonymization botnet command-and-control control-system exfiltration firewall hosting-malware hosting-target-lists ' +
    'phishing reconnaissance routers-switches staging workstation unknown',
);
export const malwareResult = words('malicious suspicious benign unknown');
export const malwareType = words(
  'adware backdoor bot bootkit ddos downloader dropper exploit-kit keylogger ransomware remote-access-trojan resource-exploitation ' +
    'rogue-security-software rootkit screen-capture spyware trojan unknown virus webshell wiper worm',
);
export const malwareCapabilities = words(
  'accesses-remote-machines anti-debugging anti-disassembly anti-emulation anti-memory-forensics anti-sandbox anti-vm ' +
    'captures-input-peripherals captures-output-peripherals captures-system-state-data cleans-traces-of-infection commits-fraud ' +
    'communicates-with-c2 compromises-data-availability compromises-data-integrity compromises-system-availability ' +
    'controls-local-machine degrades-security-software degrades-system-updates determines-c2-server emails-spam escalates-privileges ' +
    'evades-av exfiltrates-data fingerprints-host hides-artifacts hides-executing-code infects-files infects-remote-machines ' +
    'installs-other-components persists-after-system-reboot prevents-artifact-access prevents-artifact-deletion ' +
    'probes-network-environment self-modifies steals-authentication-credentials violates-system-operational-integrity',
);
export const patternType = words('stix pcre sigma snort suricata yara');
export const processorArchitecture = words('alpha arm ia-64 mips powerpc sparc x86 x86-64');
export const region = words(
  'africa eastern-africa middle-africa northern-africa southern-africa western-africa americas latin-america-caribbean ' +
    'south-america caribbean central-america northern-america asia central-asia eastern-asia southern-asia south-eastern-asia ' +
    'western-asia europe eastern-europe northern-europe southern-europe western-europe oceania australia-new-zealand melanesia ' +
    'micronesia polynesia antarctica',
);
export const reportType = words(
  'attack-pattern campaign identity indicator intrusion-set malware observed-data threat-actor threat-report tool vulnerability',
);
export const threatActorType = words(
  'activist competitor crime-syndicate criminal hacker insider-accidental insider-disgruntled nation-state sensationalist spy terrorist unknown',
);
export const threatActorRole = words('agent director independent infrastructure-architect infrastructure-operator malware-author sponsor');
export const threatActorSophistication = words('none minimal intermediate advanced expert innovator strategic');
export const toolType = words(
  'denial-of-service exploitation information-gathering network-capture credential-exploitation remote-access vulnerability-scanning unknown',
);
/** Closed (§10.17 opinion-enum). */
export const opinionEnum = words('strongly-disagree disagree neutral agree strongly-agree');
/** Closed (§10.7 extension-type-enum). */
export const extensionTypeEnum = words('new-sdo new-sco new-sro property-extension toplevel-property-extension');

const SCOS =
  'artifact autonomous-system directory domain-name email-addr email-message file ipv4-addr ipv6-addr mac-addr mutex network-traffic ' +
  'process software url user-account windows-registry-key x509-certificate';

/**
 * Suggested relationship types: source type → relationship type → target types (§4 "Relationships"
 * tables). `derived-from`, `duplicate-of` and `related-to` are allowed between any objects (§5.1).
 */
export const suggestedRelationships: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'attack-pattern': { delivers: ['malware'], targets: words('identity location vulnerability'), uses: words('malware tool') },
  campaign: {
    'attributed-to': words('intrusion-set threat-actor'),
    compromises: ['infrastructure'],
    'originates-from': ['location'],
    targets: words('identity location vulnerability'),
    uses: words('attack-pattern infrastructure malware tool'),
  },
  'course-of-action': {
    investigates: ['indicator'],
    mitigates: words('attack-pattern indicator malware tool vulnerability'),
    remediates: words('malware vulnerability'),
  },
  'domain-name': { 'resolves-to': words('domain-name ipv4-addr ipv6-addr') },
  identity: { 'located-at': ['location'] },
  indicator: {
    indicates: words('attack-pattern campaign infrastructure intrusion-set malware threat-actor tool'),
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': words('infrastructure ipv4-addr ipv6-addr domain-name url'),
    'consists-of': words(`infrastructure observed-data ${SCOS}`),
    controls: words('infrastructure malware'),
    delivers: ['malware'],
    has: ['vulnerability'],
    hosts: words('tool malware'),
    'located-at': ['location'],
    uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    'originates-from': ['location'],
    owns: ['infrastructure'],
    targets: words('identity location vulnerability'),
    uses: words('attack-pattern infrastructure malware tool'),
  },
  'ipv4-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
  'ipv6-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
  malware: {
    'authored-by': words('threat-actor intrusion-set'),
    'beacons-to': ['infrastructure'],
    'exfiltrates-to': ['infrastructure'],
    'communicates-with': words('ipv4-addr ipv6-addr domain-name url'),
    controls: ['malware'],
    downloads: words('malware file tool'),
    drops: words('malware file tool'),
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: words('identity infrastructure location vulnerability'),
    uses: words('attack-pattern infrastructure malware tool'),
    'variant-of': ['malware'],
  },
  'malware-analysis': {
    characterizes: ['malware'],
    'av-analysis-of': ['malware'],
    'static-analysis-of': ['malware'],
    'dynamic-analysis-of': ['malware'],
  },
  'threat-actor': {
    'attributed-to': ['identity'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    impersonates: ['identity'],
    'located-at': ['location'],
    targets: words('identity location vulnerability'),
    uses: words('attack-pattern infrastructure malware tool'),
  },
  tool: {
    delivers: ['malware'],
    drops: ['malware'],
    uses: ['infrastructure'],
    has: ['vulnerability'],
    targets: words('identity infrastructure location vulnerability'),
  },
};

export const commonRelationships = words('derived-from duplicate-of related-to');
