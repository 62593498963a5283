/**
 * What changed between STIX 2.0 and 2.1, as data: property renames, properties one version has
 * and the other lacks, the `labels` moves, the types only 2.1 defines, and the TLP markings. Read
 * from STIX 2.0 Parts 1–4 and STIX 2.1 §4–§7 (and checked against both versions' property
 * specifications in tables.test.ts).
 */
import { TLP_1_0, TLP_1_0_CREATED, TLP_2_0, TLP_2_0_EXTENSION } from '../v21/meta.js';

export { TLP_1_0, TLP_1_0_CREATED, TLP_2_0, TLP_2_0_EXTENSION };

type Renames = Readonly<Record<string, string>>;

const fileTimes: Renames = { created: 'ctime', modified: 'mtime', accessed: 'atime' };

/** 2.0 name → 2.1 name of the cyber-observable properties the 2.1 specification renamed. */
export const SCO_RENAMES_20_TO_21: Readonly<Record<string, Renames>> = {
  // 2.1 §6.3, §6.7: the MAC times are ctime / mtime / atime.
  directory: fileTimes,
  file: fileTimes,
  // 2.1 §6.11: the executable is image_ref, the creation time created_time.
  process: { created: 'created_time', binary_ref: 'image_ref' },
  // 2.1 §6.16: passwords became credentials.
  'user-account': { password_last_changed: 'credential_last_changed' },
  // 2.1 §6.17
  'windows-registry-key': { modified: 'modified_time' },
};

function invert(table: Readonly<Record<string, Renames>>): Readonly<Record<string, Renames>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [type, renames] of Object.entries(table)) out[type] = Object.fromEntries(Object.entries(renames).map(([a, b]) => [b, a]));
  return out;
}

/** 2.1 name → 2.0 name. */
export const SCO_RENAMES_21_TO_20 = invert(SCO_RENAMES_20_TO_21);

/** 2.0 cyber-observable properties with no 2.1 counterpart (Part 4 vs 2.1 §6). */
export const SCO_REMOVED_IN_21: Readonly<Record<string, readonly string[]>> = {
  // Part 3 §2.2: every 2.0 observable may have a description; 2.1 SCOs have none.
  '*': ['description'],
  // 2.1 moved encryption to artifact (§6.1); a file no longer says it is encrypted.
  file: ['is_encrypted', 'encryption_algorithm', 'decryption_key'],
  // 2.1 §6.11 keeps only command_line.
  process: ['name', 'arguments'],
};

/** 2.1 cyber-observable properties with no 2.0 counterpart (besides the common ones). */
export const SCO_ADDED_IN_21: Readonly<Record<string, readonly string[]>> = {
  // Common SCO properties (2.1 §6 common): spec_version and id are handled as structure.
  '*': ['object_marking_refs', 'granular_markings', 'defanged'],
  artifact: ['encryption_algorithm', 'decryption_key'],
  'email-message': ['message_id'],
  software: ['swid'],
  'user-account': ['credential'],
};

/** Properties of predefined SCO extensions that exist in one version only: extension → names. */
export const EXTENSION_REMOVED_IN_21: Readonly<Record<string, readonly string[]>> = {
  'archive-ext': ['version'],
  'raster-image-ext': ['image_compression_algorithm'],
  'socket-ext': ['protocol_family'],
};
export const EXTENSION_ADDED_IN_21: Readonly<Record<string, readonly string[]>> = {
  'windows-process-ext': ['integrity_level'],
};

/**
 * The 2.0 `labels` of these SDOs carry the type vocabulary; 2.1 moved it to `<type>_types` and
 * made `labels` a plain common property (2.1 §4.x). Default = the 2.0 label used when a 2.1
 * object has neither (2.0 requires labels on these five types).
 */
export const LABEL_MOVES: Readonly<Record<string, { readonly property: string; readonly default20: string; readonly generic?: boolean }>> =
  {
    // indicator-label-ov (2.0 Part 2 §6.5)
    indicator: { property: 'indicator_types', default20: 'malicious-activity' },
    // malware-label-ov has no generic value; "malware" is what MITRE ATT&CK's 2.0 release uses. It
    // says no more than the type does and is no malware-type-ov value, so a 2.0 malware labelled just
    // ["malware"] gets no malware_types in 2.1 (as in ATT&CK's own 2.1 release); back in 2.0 it is
    // filled in again.
    malware: { property: 'malware_types', default20: 'malware', generic: true },
    // report-label-ov
    report: { property: 'report_types', default20: 'threat-report' },
    // threat-actor-label-ov has no generic value; "unknown" is the 2.1 threat-actor-type-ov one.
    'threat-actor': { property: 'threat_actor_types', default20: 'unknown' },
    // tool-label-ov has no generic value; "tool" is what MITRE ATT&CK's 2.0 release uses (as malware).
    tool: { property: 'tool_types', default20: 'tool', generic: true },
  };

/** Common SDO/SRO properties new in 2.1 (§3.2): spec_version is structure, handled apart. */
export const COMMON_ADDED_IN_21: readonly string[] = ['confidence', 'lang', 'extensions', 'defanged'];

/** SDO / SRO / marking properties new in 2.1, per type (the `_types` moves are handled apart). */
export const SDO_ADDED_IN_21: Readonly<Record<string, readonly string[]>> = {
  'attack-pattern': ['aliases'],
  identity: ['roles'],
  indicator: ['pattern_type', 'pattern_version'],
  malware: [
    'is_family',
    'aliases',
    'first_seen',
    'last_seen',
    'operating_system_refs',
    'architecture_execution_envs',
    'implementation_languages',
    'capabilities',
    'sample_refs',
  ],
  'threat-actor': ['first_seen', 'last_seen'],
  tool: ['aliases'],
  relationship: ['start_time', 'stop_time'],
  sighting: ['description'],
  // 2.1 §7.2: marking definitions gained a name and the common properties; 2.0 Part 1 §4.1 has none.
  'marking-definition': ['name', 'modified', 'revoked', 'labels'],
};

export { SCO_TYPES } from '../v21/targets.js';
/** Object types that only STIX 2.1 defines (2.1 §4, §7), and the 18 cyber-observable types. */
export { ONLY_21_TYPES } from '../version.js';

/** Prefix of the custom type a 2.1-only object is carried as in 2.0 (`x-stix21-grouping`). */
export const CUSTOM_TYPE_PREFIX = 'x-stix21-';
/** Prefix of a property carried as custom in 2.1 (removed 2.0 property) … */
export const CARRIED_FROM_20 = 'x_stix20_';
/** … and in 2.0 (2.1-only property). */
export const CARRIED_FROM_21 = 'x_stix21_';

/** TLP 2.0 level → the TLP 1.0 marking id used for it in STIX 2.0. */
export const TLP_2_TO_1: Readonly<Record<string, string>> = {
  clear: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  // TLP 1.0 has no AMBER+STRICT: AMBER is the nearest (wider) audience; reported.
  'amber+strict': 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

/**
 * For the pattern rewriter: the type a reference property points at, where the 2.0 and 2.1
 * specifications give exactly one, so renames apply after `process:parent_ref.` too.
 */
export const REF_TARGET: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  process: { parent_ref: 'process', child_refs: 'process', binary_ref: 'file', image_ref: 'file', creator_user_ref: 'user-account' },
  file: { parent_directory_ref: 'directory' },
  'email-addr': { belongs_to_ref: 'user-account' },
  'windows-registry-key': { creator_user_ref: 'user-account' },
};
