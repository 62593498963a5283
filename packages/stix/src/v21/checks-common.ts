/** Whole-object checks that apply to every STIX 2.1 object. */
import { parseIdentifier } from '../common/identifier.js';
import type { ObjectCheck } from '../registry.js';
import { checkGranularSelectors } from './common.js';

/**
 * Best practice 103 for SDOs, SROs and meta objects (2.1 §2.9): identifiers SHOULD use UUIDv4.
 * (SCOs, which should use UUIDv5, are checked with their own rules.)
 */
const uuidVersionCheck: ObjectCheck = (object, ctx, definition) => {
  if (!ctx.checks(103) || definition?.category === 'sco') return;
  // Custom objects without `created` are custom SCOs: v5 or v4 are both legitimate there.
  if (definition === undefined && object.created === undefined) return;
  const id = object.id;
  if (typeof id !== 'string') return;
  const parsed = parseIdentifier(id);
  if (typeof parsed === 'object' && parsed.uuidVersion !== 4)
    ctx.bestPractice(
      103,
      'STIX_FORMAT',
      `the id uses a version ${parsed.uuidVersion} UUID; SDOs, SROs and meta objects should use UUIDv4`,
      'id',
    );
};

export const commonChecks: readonly ObjectCheck[] = [(object, ctx) => checkGranularSelectors(object, ctx), uuidVersionCheck];
