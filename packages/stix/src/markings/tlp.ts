/**
 * Traffic Light Protocol markings. TLP 1.0: the four marking definitions STIX fixes (2.0 Part 1
 * §4.1.3, 2.1 §7.2.1.4), created 2017-01-20T00:00:00.000Z; no other TLP 1.0 marking may exist.
 * TLP 2.0: not in STIX 2.1 itself but an OASIS property extension (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0) with one fixed marking definition per level.
 * The ids and levels come from the validator's own table (v21/meta.ts).
 */
import { requireObject } from '../common/input.js';
import type * as V20 from '../v20/types.js';
import { TLP_1_0, TLP_1_0_CREATED, TLP_2_0, TLP_2_0_EXTENSION } from '../v21/meta.js';
import type * as V21 from '../v21/types.js';
import type { MarkableObject, Selectors } from './marking-input.js';
import { getMarkings } from './markings.js';

export type TlpLevelName = 'red' | 'amber+strict' | 'amber' | 'green' | 'clear' | 'white';
export type TlpVersion = '1.0' | '2.0';

export interface TlpInfo {
  readonly level: TlpLevelName;
  readonly version: TlpVersion;
  /** The marking-definition id that carries the level. */
  readonly id: string;
}

/** What tlpLevel reads from a marking definition: its id, and definition or extensions for custom ones. */
export interface MarkingDefinitionLike {
  readonly id: string;
  readonly definition_type?: unknown;
  readonly definition?: unknown;
  readonly extensions?: unknown;
}

type Tlp1 = 'white' | 'green' | 'amber' | 'red';
type Tlp2 = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

function idsByLevel<L extends string>(table: Readonly<Record<string, string>>): Readonly<Record<L, V21.Identifier<'marking-definition'>>> {
  const out: Record<string, string> = {};
  for (const [id, level] of Object.entries(table)) out[level] = id;
  return Object.freeze(out) as Readonly<Record<L, V21.Identifier<'marking-definition'>>>;
}

const TLP1_LEVEL_BY_ID: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(TLP_1_0).map(([id, v]) => [id, v.tlp]));

/** The fixed marking-definition ids, by TLP version and level. */
export const TLP_MARKING_IDS: {
  readonly '1.0': Readonly<Record<Tlp1, V21.Identifier<'marking-definition'>>>;
  readonly '2.0': Readonly<Record<Tlp2, V21.Identifier<'marking-definition'>>>;
} = Object.freeze({ '1.0': idsByLevel<Tlp1>(TLP1_LEVEL_BY_ID), '2.0': idsByLevel<Tlp2>(TLP_2_0) });

/** The id of the OASIS TLP 2.0 extension definition. */
export const TLP2_EXTENSION_ID: V21.Tlp2ExtensionId = TLP_2_0_EXTENSION as V21.Tlp2ExtensionId;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function tlp1V20(level: Tlp1): V20.MarkingDefinition {
  return deepFreeze({
    type: 'marking-definition',
    id: TLP_MARKING_IDS['1.0'][level],
    created: TLP_1_0_CREATED,
    definition_type: 'tlp',
    definition: { tlp: level },
  });
}

function tlp1V21(level: Tlp1): V21.TlpMarking {
  return deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS['1.0'][level],
    created: TLP_1_0_CREATED,
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase() as Uppercase<Tlp1>}`,
    definition: { tlp: level },
  });
}

// STIX 2.0 Part 1 §4.1.3: the TLP markings as 2.0 objects (no spec_version, no name).
export const TLP_WHITE_V20: V20.MarkingDefinition = tlp1V20('white');
export const TLP_GREEN_V20: V20.MarkingDefinition = tlp1V20('green');
export const TLP_AMBER_V20: V20.MarkingDefinition = tlp1V20('amber');
export const TLP_RED_V20: V20.MarkingDefinition = tlp1V20('red');

// STIX 2.1 §7.2.1.4: the same four, with spec_version and name.
export const TLP_WHITE_V21: V21.TlpMarking = tlp1V21('white');
export const TLP_GREEN_V21: V21.TlpMarking = tlp1V21('green');
export const TLP_AMBER_V21: V21.TlpMarking = tlp1V21('amber');
export const TLP_RED_V21: V21.TlpMarking = tlp1V21('red');

/** The TLP 2.0 extension definition as OASIS publishes it (objects/extension-definition/…). */
export const TLP2_EXTENSION_DEFINITION: V21.ExtensionDefinition = deepFreeze({
  id: TLP2_EXTENSION_ID,
  type: 'extension-definition',
  spec_version: '2.1',
  name: 'TLP 2.0',
  description: 'This defines TLP 2.0 as a STIX extension',
  created: '2022-10-01T00:00:00.000Z',
  modified: '2022-10-01T00:00:00.000Z',
  created_by_ref: 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  schema: 'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
  version: '1.0.0',
  extension_types: ['property-extension'],
});

const TLP2_CREATED = '2022-10-01T00:00:00.000Z';

function tlp2(level: Tlp2): V21.Tlp2Marking {
  return deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS['2.0'][level],
    created: TLP2_CREATED,
    name: `TLP:${level.toUpperCase() as Uppercase<Tlp2>}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } } as V21.Tlp2Marking['extensions'],
  });
}

// The five TLP 2.0 marking definitions (STIX 2.1 only: they rest on an extension).
export const TLP2_CLEAR: V21.Tlp2Marking = tlp2('clear');
export const TLP2_GREEN: V21.Tlp2Marking = tlp2('green');
export const TLP2_AMBER: V21.Tlp2Marking = tlp2('amber');
export const TLP2_AMBER_STRICT: V21.Tlp2Marking = tlp2('amber+strict');
export const TLP2_RED: V21.Tlp2Marking = tlp2('red');

// RED > AMBER+STRICT > AMBER > GREEN > CLEAR = WHITE.
const RANK: Readonly<Record<TlpLevelName, number>> = { red: 4, 'amber+strict': 3, amber: 2, green: 1, clear: 0, white: 0 };
const TLP1_LEVELS = new Set(['white', 'green', 'amber', 'red']);
const TLP2_LEVELS = new Set(['clear', 'green', 'amber', 'amber+strict', 'red']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// Lenient reading of custom definitions: "TLP:AMBER", "Amber" and "amber" are one level.
function normaliseLevel(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  return v.startsWith('tlp:') ? v.slice(4) : v;
}

function fromFixedId(id: string): TlpInfo | undefined {
  const l1 = TLP1_LEVEL_BY_ID[id];
  if (l1 !== undefined) return { level: l1 as TlpLevelName, version: '1.0', id };
  const l2 = TLP_2_0[id];
  if (l2 !== undefined) return { level: l2 as TlpLevelName, version: '2.0', id };
  return undefined;
}

function fromDefinition(def: MarkingDefinitionLike): TlpInfo | undefined {
  const ext = isObject(def.extensions) ? def.extensions[TLP_2_0_EXTENSION] : undefined;
  const l2 = isObject(ext) ? normaliseLevel(ext.tlp_2_0) : undefined;
  if (l2 !== undefined && TLP2_LEVELS.has(l2)) return { level: l2 as TlpLevelName, version: '2.0', id: def.id };
  if (normaliseLevel(def.definition_type) !== 'tlp' || !isObject(def.definition)) return undefined;
  const level = normaliseLevel(def.definition.tlp);
  if (level === undefined) return undefined;
  if (TLP1_LEVELS.has(level)) return { level: level as TlpLevelName, version: '1.0', id: def.id };
  // Feeds write TLP 2.0 levels into a 1.0-style definition (cti-python-stix2#569): read them as 2.0.
  if (TLP2_LEVELS.has(level)) return { level: level as TlpLevelName, version: '2.0', id: def.id };
  return undefined;
}

/**
 * The TLP level of a marking: by its id when it is one of the fixed TLP 1.0 or 2.0 markings; for a
 * marking-definition object, also by its content (definition_type tlp, or the TLP 2.0 extension).
 */
export function tlpLevel(marking: string | MarkingDefinitionLike): TlpInfo | undefined {
  if (typeof marking === 'string') return fromFixedId(marking);
  requireObject(marking, 'the marking');
  return fromFixedId(marking.id) ?? fromDefinition(marking);
}

export interface MostRestrictiveTlpOptions {
  /** Custom marking definitions to look markings up in: a list, or a function from id to definition. */
  readonly markingDefinitions?: readonly MarkingDefinitionLike[] | ((id: string) => MarkingDefinitionLike | undefined);
  /**
   * Only the markings that apply to this content: its granular markings, those on its ancestors
   * and descendants, and the object markings.
   */
  readonly selectors?: Selectors;
  /** Without selectors: count granular markings too (default true: a TLP:RED property makes the object RED to share). */
  readonly includeGranular?: boolean;
}

/**
 * The most restrictive TLP level marking the object (RED > AMBER+STRICT > AMBER > GREEN >
 * CLEAR/WHITE), or undefined when no TLP marking applies. On a tie the first marking found wins,
 * object markings before granular ones.
 */
export function mostRestrictiveTlp(object: MarkableObject, options: MostRestrictiveTlpOptions = {}): TlpInfo | undefined {
  requireObject(object, 'the object');
  const defs = options.markingDefinitions;
  let lookup: ((id: string) => MarkingDefinitionLike | undefined) | undefined;
  if (typeof defs === 'function') lookup = defs;
  else if (defs !== undefined) {
    const byId = new Map<string, MarkingDefinitionLike>();
    for (const d of defs) if (!byId.has(d.id)) byId.set(d.id, d);
    lookup = (id) => byId.get(id);
  }
  let ids: readonly string[];
  if (options.selectors !== undefined) ids = getMarkings(object, options.selectors, { inherited: true, descendants: true, lang: false });
  else {
    const objectLevel = getMarkings(object);
    ids =
      options.includeGranular === false
        ? objectLevel
        : [...objectLevel, ...getMarkings(object, undefined, { descendants: true, lang: false })];
  }
  let best: TlpInfo | undefined;
  for (const id of ids) {
    const def = lookup?.(id);
    const info = fromFixedId(id) ?? (def === undefined ? undefined : fromDefinition({ ...def, id }));
    if (info !== undefined && (best === undefined || RANK[info.level] > RANK[best.level])) best = info;
  }
  return best;
}
