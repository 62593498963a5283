/**
 * IANA media types, from the npm package `mime-db` (which tracks the IANA registry and marks each
 * entry's source). Used by the MUST artifact_mime_type (artifact `mime_type`, file `mime_type`,
 * email mime-part `content_type`) and best practice 271.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let iana: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  if (!iana) {
    const db = require('mime-db') as Record<string, { source?: string }>;
    iana = new Set(
      Object.entries(db)
        .filter(([, v]) => v.source === 'iana')
        .map(([k]) => k),
    );
  }
  return iana;
}

// RFC 6838 §4.2 restricted-name: 1 alphanum then up to 126 of alphanum and !#$&-^_.+
const TOKEN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/**
 * True when `value` (without parameters, compared case-insensitively as RFC 6838 says) is a
 * registered IANA media type. Parameters (`; charset=…`) are not part of a STIX MIME type value.
 */
export function isMediaType(value: string): boolean {
  const type = value.toLowerCase();
  if (!TOKEN.test(type)) return false;
  return load().has(type);
}

/** True when `value` has the syntax of a media type, registered or not (type/subtype). */
export function isMediaTypeSyntax(value: string): boolean {
  return TOKEN.test(value.toLowerCase());
}
