/**
 * What the marking functions accept: marking-definition ids, objects with an id, 2.1 language
 * markings `{ lang }`, and the objects they mark. Everything is checked here once, so the verbs
 * work on normalised values.
 */
import { parseIdentifier } from '../common/identifier.js';
import { StixError } from '../errors.js';
import type { StixVersion } from '../issues.js';
import { isLanguageTag } from '../reference/index.js';
import { detectVersion } from '../version.js';

/** A marking-definition identifier: `marking-definition--<UUID>`. */
export type MarkingDefinitionId = `marking-definition--${string}`;

/** One marking: a marking-definition id, an object carrying one (e.g. `TLP_RED_V21`), or a 2.1 language marking. */
export type MarkingInput = string | { readonly id: string } | { readonly lang: string };

/** One marking or a list of them. */
export type Markings = MarkingInput | readonly MarkingInput[];

/** One selector or a list of them (2.0 Part 1 §4.3.1, 2.1 §7.2.3.1), e.g. `external_references.[0].source_name`. */
export type Selectors = string | readonly string[];

/** A granular marking as read from an object: 2.0 has only marking_ref, 2.1 exactly one of marking_ref and lang. */
export interface GranularMarkingLike {
  readonly selectors: readonly string[];
  readonly marking_ref?: string;
  readonly lang?: string;
}

/** Anything the marking functions can mark: a STIX object of either version, typed or not. */
export interface MarkableObject {
  readonly type: string;
  readonly id?: string;
  readonly spec_version?: string;
  readonly object_marking_refs?: readonly string[];
  readonly granular_markings?: readonly GranularMarkingLike[];
}

/** A normalised marking: a marking-definition id or a language tag. */
export type Marking = { readonly kind: 'ref'; readonly value: string } | { readonly kind: 'lang'; readonly value: string };

const MARKING_TYPE = 'marking-definition';

/** The STIX version the object is written in, detected as `validate` does. */
export function versionOf(object: MarkableObject): StixVersion {
  return detectVersion(object).version;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A marking-definition id, or StixError STIX_MARKING_REF. */
export function checkMarkingId(value: unknown): MarkingDefinitionId {
  if (typeof value !== 'string') throw new StixError('STIX_MARKING_REF', `expected a marking-definition id, found ${describe(value)}`);
  const parsed = parseIdentifier(value);
  if (typeof parsed === 'string')
    throw new StixError('STIX_MARKING_REF', `${describe(value)} is not an identifier of the form marking-definition--<UUID> (${parsed})`);
  if (parsed.type !== MARKING_TYPE)
    throw new StixError('STIX_MARKING_REF', `${describe(value)} identifies a ${parsed.type}, not a marking-definition`);
  return value as MarkingDefinitionId;
}

function normaliseOne(input: unknown): Marking {
  if (typeof input === 'string') return { kind: 'ref', value: checkMarkingId(input) };
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const o = input as { readonly id?: unknown; readonly lang?: unknown; readonly type?: unknown };
    if (o.id !== undefined) {
      if (o.type !== undefined && o.type !== MARKING_TYPE)
        throw new StixError('STIX_MARKING_REF', `a ${describe(o.type)} object is not a marking-definition`);
      return { kind: 'ref', value: checkMarkingId(o.id) };
    }
    if (o.lang !== undefined) {
      if (typeof o.lang !== 'string' || !isLanguageTag(o.lang))
        throw new StixError('STIX_MARKING_REF', `lang ${describe(o.lang)} is not an RFC 5646 language tag (e.g. en, de, fr-CA)`);
      return { kind: 'lang', value: o.lang };
    }
  }
  throw new StixError('STIX_MARKING_REF', `expected a marking-definition id, an object with an id or { lang }, found ${describe(input)}`);
}

/**
 * Normalises `markings` for `object`: ids are checked, duplicates dropped (first kept), a
 * marking-definition may not mark itself (validator MUSTs object_marking_circular_refs and
 * granular_markings_circular_refs), and `lang` markings are 2.1 granular markings only (§7.2.3).
 */
export function normaliseMarkings(object: MarkableObject, markings: Markings, granular: boolean): Marking[] {
  const list: readonly unknown[] = Array.isArray(markings) ? markings : [markings];
  const out: Marking[] = [];
  const seen = new Set<string>();
  for (const input of list) {
    const m = normaliseOne(input);
    if (m.kind === 'lang') {
      if (!granular)
        throw new StixError(
          'STIX_MARKING_REF',
          `the language marking ${describe(m.value)} applies through granular markings: give selectors`,
        );
      if (versionOf(object) === '2.0')
        throw new StixError(
          'STIX_MARKING_REF',
          'language granular markings ({ lang }) are STIX 2.1 (§7.2.3); STIX 2.0 has marking_ref only',
        );
    } else if (object.type === MARKING_TYPE && m.value === object.id) {
      throw new StixError('STIX_MARKING_REF', `the marking-definition ${m.value} must not mark itself`);
    }
    const key = `${m.kind}:${m.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}

/** Markings used only to compare against (get / is / remove): no self-marking or version rule. */
export function markingsToMatch(markings: Markings): Marking[] {
  const list: readonly unknown[] = Array.isArray(markings) ? markings : [markings];
  return list.map(normaliseOne);
}
