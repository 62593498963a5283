/**
 * STIX identifiers (2.0 Part 1 §2.7, 2.1 §2.9): `<object type>--<RFC 4122 UUID>`.
 */

export interface ParsedIdentifier {
  readonly type: string;
  readonly uuid: string;
  /** The UUID version digit (1–5 for RFC 4122 UUIDs). */
  readonly uuidVersion: number;
}

const HEX = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export type IdentifierProblem = 'format' | 'uuid' | 'variant';

/** Splits an identifier; undefined plus a reason when it has not the `type--uuid` form. */
export function parseIdentifier(value: string): ParsedIdentifier | IdentifierProblem {
  const sep = value.lastIndexOf('--');
  if (sep <= 0 || value.length - sep - 2 !== 36) return 'format';
  const uuid = value.slice(sep + 2);
  // RFC 4122 §3: hex digits are output in lower case but are case-insensitive on input.
  if (!HEX.test(uuid)) return 'uuid';
  const versionDigit = uuid.charCodeAt(14) - 48;
  const variant = uuid[19];
  if (!'89abAB'.includes(variant)) return 'variant';
  return { type: value.slice(0, sep), uuid, uuidVersion: versionDigit };
}

/** The type part of an identifier, or undefined. Cheap: used in ref checks. */
export function identifierType(value: string): string | undefined {
  const sep = value.lastIndexOf('--');
  return sep > 0 ? value.slice(0, sep) : undefined;
}
