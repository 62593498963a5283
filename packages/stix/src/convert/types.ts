/** The public shapes of STIX 2.0 ⇄ 2.1 conversion: options, result and report. */
import type { StixVersion } from '../issues.js';

/** A STIX object or bundle as plain JSON. */
export type ConvertJson = Record<string, unknown>;

export interface ConvertOptions {
  /** The version to convert to. */
  readonly to: StixVersion;
  /** The version the input is written in; detected (detectVersion) when absent. */
  readonly from?: StixVersion;
  /**
   * 2.1 → 2.0: what to do with objects 2.0 has no type for (grouping, infrastructure, location,
   * malware-analysis, note, opinion, incident, language-content, extension-definition): drop them
   * (default) or carry them as custom objects of type `x-stix21-<type>`. 2.0 → 2.1 turns
   * `x-stix21-<type>` objects back into their 2.1 type in either mode.
   */
  readonly customObjects?: 'drop' | 'custom';
  /**
   * Properties with no counterpart in the target version are carried as custom properties
   * (`x_stix20_<name>` in 2.1, `x_stix21_<name>` in 2.0) instead of being dropped. Carried
   * properties are restored when converting back.
   */
  readonly keepRemovedAsCustom?: boolean;
  /** 2.0 → 2.1: the `is_family` given to malware (2.1 §4.11 requires it; default true). */
  readonly malwareIsFamily?: boolean;
}

export type ConversionChangeKind =
  /** An object with no form in the target version was left out. */
  | 'dropped-object'
  /** A property with no counterpart in the target version was left out. */
  | 'dropped-property'
  /** A reference to an object that was left out (or cannot be expressed) was removed. */
  | 'dropped-reference'
  /** An object got a new identifier (every reference to it follows). */
  | 'generated-id'
  /** A property the target version requires was given its default value. */
  | 'defaulted-property'
  /** Two properties were merged into one (2.1 `<type>_types` and `labels` into 2.0 `labels`). */
  | 'merged-property'
  /** Two embedded observables became one 2.1 object (same deterministic id, different content). */
  | 'merged-object'
  /** An object was carried as a custom object (`x-stix21-<type>`). */
  | 'custom-object'
  /** A property was carried as a custom property (`x_stix20_…` / `x_stix21_…`). */
  | 'custom-property'
  /** A carried custom object or property was turned back into what it was. */
  | 'restored-custom'
  /** created / modified cut to exactly millisecond precision (2.0 Part 1 §3.2). */
  | 'truncated-timestamp'
  /** Object paths in an indicator pattern were renamed. */
  | 'pattern-rewritten'
  /**
   * The pattern names a property the target version does not have (2.0 `process:name`): kept as
   * written, it can never match there.
   */
  | 'pattern-unconvertible'
  /** A marking definition was replaced by its counterpart (TLP 2.0 → TLP 1.0). */
  | 'mapped-marking';

export interface ConversionChange {
  /** The id of the object changed (of the observed-data, for changes inside its container). */
  readonly objectId: string;
  readonly kind: ConversionChangeKind;
  /** Where in the object, e.g. `objects["0"].name`, `labels`; empty for the whole object. */
  readonly path: string;
  readonly detail: string;
}

export interface ConversionReport {
  readonly from: StixVersion;
  readonly to: StixVersion;
  /** Objects in the input and in the output (embedded 2.0 observables not counted). */
  readonly inputObjects: number;
  readonly outputObjects: number;
  readonly changes: readonly ConversionChange[];
  /** Number of changes of each kind (kinds with none are absent). */
  readonly counts: Readonly<Partial<Record<ConversionChangeKind, number>>>;
}

/** The converted content, in the shape of the input: a bundle stays a bundle, anything else becomes a list. */
export type ConvertResult =
  | { readonly shape: 'bundle'; readonly bundle: ConvertJson; readonly objects: ConvertJson[]; readonly report: ConversionReport }
  | { readonly shape: 'objects'; readonly objects: ConvertJson[]; readonly report: ConversionReport };
