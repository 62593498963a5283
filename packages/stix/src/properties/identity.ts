/**
 * The kinds for an object's own `type` and `id`, which need the object they sit in.
 */
import { parseIdentifier } from '../common/identifier.js';
import { describeValue, type ValidationContext } from '../validation/context.js';
import type { PropertyKind } from './kinds.js';

// 2.0 Part 1 §2.13 / 2.1 §3.1 (type): 3–250 characters of a-z, 0-9 and hyphen, starting with a letter.
const TYPE_NAME = /^[a-z][a-z0-9-]{2,249}$/;

export function isValidTypeName(value: string): boolean {
  return TYPE_NAME.test(value) && !value.includes('--');
}

/** The object's `type`; its name rules. Dispatch has already happened by the time this runs. */
export function ownType(): PropertyKind {
  return {
    description: 'an object type',
    check(value, ctx) {
      if (typeof value !== 'string')
        ctx.error('STIX_WRONG_JSON_TYPE', `expected the object type as a string, found ${describeValue(value)}`);
    },
  };
}

export interface OwnIdOptions {
  /**
   * Which UUID versions are allowed (a MUST). 2.0 requires v4 for every id; 2.1 accepts any RFC
   * 4122 version (1–5) structurally and checks v4/v5 use separately.
   */
  readonly uuidVersions?: readonly number[];
}

/** The object's `id`: an identifier whose type part equals the object's `type`. */
export function ownId(options: OwnIdOptions = {}): PropertyKind {
  const versions = options.uuidVersions;
  return {
    description: 'the object identifier',
    check(value, ctx: ValidationContext) {
      if (typeof value !== 'string')
        return ctx.error('STIX_WRONG_JSON_TYPE', `expected the id as a string type--UUID, found ${describeValue(value)}`);
      const parsed = parseIdentifier(value);
      if (typeof parsed === 'string') {
        ctx.error('STIX_INVALID_IDENTIFIER', `${describeValue(value)} is not an identifier: expected <type>--<RFC 4122 UUID>`);
        return;
      }
      const type = ctx.object?.type;
      if (typeof type === 'string' && parsed.type !== type)
        ctx.error(
          'STIX_ID_TYPE_MISMATCH',
          `the id starts with ${JSON.stringify(parsed.type)} but the object's type is ${JSON.stringify(type)}`,
        );
      if (versions && !versions.includes(parsed.uuidVersion))
        ctx.error('STIX_UUID_VERSION', `the id's UUID is version ${parsed.uuidVersion}; expected version ${versions.join(' or ')}`);
      else if (parsed.uuidVersion < 1 || parsed.uuidVersion > 8)
        ctx.error('STIX_INVALID_IDENTIFIER', `the id's UUID version digit is ${parsed.uuidVersion}, not an RFC 4122 version`);
    },
  };
}
