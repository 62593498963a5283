/**
 * STIX 2.1 common data types and properties (§2, §3.2), shared by every object type.
 * Timestamps stay strings exactly as received (precision is never lost).
 */

/** RFC 3339 UTC timestamp string, e.g. `2016-05-12T08:17:27.000Z`. */
export type Timestamp = string;
/** `<type>--<UUID>`. */
export type Identifier<T extends string = string> = `${T}--${string}`;
/** Algorithm name → digest (§2.6). */
export type Hashes = Readonly<Record<string, string>>;
/** Base64 string. */
export type Binary = string;
/** Hex string. */
export type Hex = string;
export type Dictionary<V = unknown> = Readonly<Record<string, V>>;

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
  readonly selectors: readonly string[];
  readonly marking_ref?: Identifier<'marking-definition'>;
  readonly lang?: string;
}

/** An extension's content: `extension_type` for extension-definition-based ones, then its properties. */
export interface ExtensionContent {
  readonly extension_type?: 'new-sdo' | 'new-sco' | 'new-sro' | 'property-extension' | 'toplevel-property-extension';
  readonly [property: string]: unknown;
}

/** Properties of every SDO and SRO (§3.2). */
export interface CommonProperties<T extends string> {
  readonly type: T;
  readonly spec_version: '2.1';
  readonly id: Identifier<T>;
  readonly created_by_ref?: Identifier<'identity'>;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly confidence?: number;
  readonly lang?: string;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly extensions?: Readonly<Record<string, ExtensionContent>>;
  /** Custom properties (`x_…`) and top-level extension properties. */
  readonly [custom: `x_${string}`]: unknown;
}

/** Properties of every SCO (§3.2, §6). */
export interface ObservableCommonProperties<T extends string> {
  readonly type: T;
  readonly spec_version?: '2.1';
  readonly id: Identifier<T>;
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly defanged?: boolean;
  readonly [custom: `x_${string}`]: unknown;
}
