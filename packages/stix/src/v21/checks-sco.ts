/**
 * Whole-object checks for STIX 2.1 SCOs: the UUID version rules (validator MUSTs
 * uuid_version_check and process; best practice 103).
 */
import { parseIdentifier } from '../common/identifier.js';
import { checkScoId } from '../ids/sco-id.js';
import type { ObjectCheck } from '../registry.js';

/**
 * §2.9 / §6: an SCO whose ID Contributing Properties are all absent (and `process`, which has
 * none) MUST use a UUIDv4; one that has them SHOULD use the deterministic UUIDv5.
 */
const scoUuidVersion: ObjectCheck = (object, ctx, definition) => {
  if (definition?.category !== 'sco' || typeof object.id !== 'string') return;
  const parsed = parseIdentifier(object.id);
  if (typeof parsed !== 'object') return;
  const contributing = definition.idContributing ?? [];
  // A missing required contributing property (ipv4-addr value…) is already an error of its own.
  if (contributing.some((p) => definition.spec.requiredNames.includes(p) && object[p] === undefined)) return;
  const anyPresent = contributing.some((p) => object[p] !== undefined);
  if (!anyPresent) {
    if (parsed.uuidVersion !== 4)
      ctx.error(
        'STIX_UUID_VERSION',
        contributing.length === 0
          ? `a ${definition.type} id MUST be a UUIDv4; found version ${parsed.uuidVersion}`
          : `a ${definition.type} without any of ${contributing.join(', ')} MUST have a UUIDv4 id; found version ${parsed.uuidVersion}`,
        'id',
      );
  } else if (parsed.uuidVersion !== 5) {
    ctx.bestPractice(
      103,
      'STIX_FORMAT',
      `a ${definition.type} with ID contributing properties should have a deterministic UUIDv5 id; found version ${parsed.uuidVersion}`,
      'id',
    );
  } else if (ctx.checks(103)) {
    // A UUIDv5 that is not the one its contributing properties give: two producers describing the
    // same observable will not agree on its id (§2.9). Often a copy of a specification example.
    const result = checkScoId(object, { contributingProperties: contributing });
    if (result && !result.matches)
      ctx.bestPractice(
        103,
        'STIX_SCO_ID_MISMATCH',
        `the id does not agree with the ${definition.type}'s ID contributing properties: expected ${result.expected}`,
        'id',
      );
  }
};

export const observableChecks: readonly ObjectCheck[] = [scoUuidVersion];
