/**
 * The best-practice (SHOULD) checks, numbered and named exactly as the OASIS stix2-validator does,
 * so that its users' `--enable` / `--disable` habits carry over. The numbers group the checks:
 * 1xx format, 2xx approved values, 27x external registries, 3xx other, 4xx extensions.
 */
import type { StixVersion } from '../issues.js';

export interface BestPracticeCheck {
  readonly number: number;
  readonly name: string;
  readonly description: string;
}

const common: Array<[number, string, string]> = [
  [101, 'custom-prefix', 'custom object types and property names use the x-<source>- / x_<source>_ prefix'],
  [102, 'custom-prefix-lax', 'custom object types and property names use the x- / x_ prefix'],
  [111, 'open-vocab-format', 'open-vocabulary values are lower case with hyphens'],
  [121, 'kill-chain-names', 'kill chain and phase names are lower case with hyphens'],
  [141, 'observable-object-keys', 'observable object keys are integers starting at 0 (2.0 containers)'],
  [142, 'observable-dictionary-keys', 'observable dictionary keys are lower case'],
  [149, 'windows-process-priority-format', 'windows-process-ext priority ends in _CLASS'],
  [150, 'hash-length', 'hash values have the length their algorithm produces'],
  [201, 'marking-definition-type', 'definition_type is statement or tlp'],
  [202, 'relationship-types', 'relationship types are those the specification suggests'],
  [203, 'duplicate-ids', 'no two objects in a bundle share an id and modified'],
  [210, 'all-vocabs', 'values come from the open vocabularies'],
  [211, 'attack-motivation', 'motivations come from attack-motivation-ov'],
  [212, 'attack-resource-level', 'resource levels come from attack-resource-level-ov'],
  [213, 'identity-class', 'identity_class comes from identity-class-ov'],
  [215, 'industry-sector', 'sectors come from industry-sector-ov'],
  [220, 'threat-actor-role', 'roles come from threat-actor-role-ov'],
  [221, 'threat-actor-sophistication', 'sophistication comes from threat-actor-sophistication-ov'],
  [241, 'hash-algo', 'hash algorithm names come from hash-algorithm-ov'],
  [243, 'windows-pebinary-type', 'pe_type comes from windows-pebinary-type-ov'],
  [244, 'account-type', 'account_type comes from account-type-ov'],
  [270, 'all-external-sources', 'values come from the external registries the specification names'],
  [271, 'mime-type', 'MIME types are IANA media types'],
  [272, 'protocols', 'protocols are IANA service names'],
  [273, 'ipfix', 'ipfix keys are IANA IPFIX information element names'],
  [274, 'http-request-headers', 'request_header keys are HTTP request header names'],
  [275, 'socket-options', 'socket options are SO_/IP_… names'],
  [276, 'pdf-doc-info', 'document_info_dict keys are PDF document information keys'],
  [301, 'network-traffic-ports', 'network-traffic has src_port and dst_port'],
  [302, 'extref-hashes', 'an external reference with a url has hashes'],
  // Taxiway's own (not in stix2-validator): what the pattern validator finds beyond the MUSTs.
  [501, 'pattern-semantics', 'indicator patterns name known objects and properties, and can match'],
];

const only21: Array<[number, string, string]> = [
  [103, 'uuid-check', 'identifiers use UUIDv4 (SDO/SRO/meta) or UUIDv5 (SCO)'],
  [143, 'malware-analysis-product', 'malware-analysis product is lower case with hyphens'],
  [214, 'indicator-types', 'indicator_types come from indicator-type-ov'],
  [216, 'malware-types', 'malware_types come from malware-type-ov'],
  [218, 'report-types', 'report_types come from report-type-ov'],
  [219, 'threat-actor-types', 'threat_actor_types come from threat-actor-type-ov'],
  [222, 'tool-types', 'tool_types come from tool-type-ov'],
  [223, 'region', 'region comes from region-ov'],
  [225, 'grouping-context', 'context comes from grouping-context-ov'],
  [226, 'implementation-languages', 'implementation_languages come from implementation-language-ov'],
  [227, 'infrastructure-types', 'infrastructure_types come from infrastructure-type-ov'],
  [228, 'malware-capabilities', 'capabilities come from malware-capabilities-ov'],
  [230, 'processor-architecture', 'architecture_execution_envs come from processor-architecture-ov'],
  [231, 'malware-result', 'result comes from malware-result-ov'],
  [245, 'indicator-pattern-types', 'pattern_type comes from pattern-type-ov'],
  [277, 'countries', 'country is an ISO 3166-1 alpha-2 code'],
  [303, 'indicator-properties', 'indicators have a name and a description'],
  [304, 'deprecated-properties', 'deprecated properties are not used'],
  [305, 'extension-description', 'extension definitions have a description'],
  [306, 'extension-properties', 'toplevel-property-extension definitions list extension_properties'],
  [401, 'extensions-use', 'custom content uses extension definitions'],
];

const only20: Array<[number, string, string]> = [
  [214, 'indicator-label', 'indicator labels come from indicator-label-ov'],
  [216, 'malware-label', 'malware labels come from malware-label-ov'],
  [218, 'report-label', 'report labels come from report-label-ov'],
  [219, 'threat-actor-label', 'threat-actor labels come from threat-actor-label-ov'],
  [222, 'tool-label', 'tool labels come from tool-label-ov'],
  [242, 'encryption-algo', 'encryption_algorithm comes from encryption-algo-ov'],
];

function table(rows: Array<[number, string, string]>): ReadonlyMap<number, BestPracticeCheck> {
  const sorted = [...rows].sort((a, b) => a[0] - b[0]);
  return new Map(sorted.map(([number, name, description]) => [number, { number, name, description }]));
}

export const bestPracticeChecks: Readonly<Record<StixVersion, ReadonlyMap<number, BestPracticeCheck>>> = {
  '2.0': table([...common, ...only20]),
  '2.1': table([...common, ...only21]),
};

/** Group checks (210, 270) stand for every check in their range, as in stix2-validator. */
const GROUPS: ReadonlyArray<[number, number, number]> = [
  [210, 211, 269],
  [270, 271, 299],
];

/**
 * Resolves `enable`/`disable` lists (numbers or names) into the set of check numbers that run.
 * As in stix2-validator: every check runs by default; `disable` removes; `enable` without
 * `disable` runs only the enabled ones; with both, all but the disabled plus the enabled.
 */
export function resolveBestPractices(
  version: StixVersion,
  enable: readonly (number | string)[] | undefined,
  disable: readonly (number | string)[] | undefined,
): { readonly enabled: ReadonlySet<number>; readonly unknown: readonly string[] } {
  const checks = bestPracticeChecks[version];
  const unknown: string[] = [];
  const expand = (items: readonly (number | string)[] | undefined): Set<number> => {
    const out = new Set<number>();
    for (const item of items ?? []) {
      const text = String(item).trim();
      const byNumber = /^\d+$/.test(text) ? Number(text) : undefined;
      const check = byNumber !== undefined ? checks.get(byNumber) : [...checks.values()].find((c) => c.name === text);
      if (!check) {
        unknown.push(text);
        continue;
      }
      out.add(check.number);
      for (const [group, from, to] of GROUPS) {
        if (check.number === group) for (const n of checks.keys()) if (n >= from && n <= to) out.add(n);
      }
    }
    return out;
  };
  const enabled = expand(enable);
  const disabled = expand(disable);
  let result: Set<number>;
  if (enable && enable.length > 0 && !(disable && disable.length > 0)) result = enabled;
  else {
    result = new Set([...checks.keys()].filter((n) => !disabled.has(n)));
    for (const n of enabled) result.add(n);
  }
  return { enabled: result, unknown };
}
