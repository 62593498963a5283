/**
 * Embedded types that STIX 2.0 and 2.1 define alike: kill-chain-phase (2.0 Part 1 §2.8, 2.1 §2.11)
 * and external-reference (2.0 Part 1 §2.5, 2.1 §2.5).
 */
import { isIpfixElementName } from '../reference/index.js';
import { dictionary, hashes } from './dictionary.js';
import { either, integer, type PropertyKind, string, url } from './kinds.js';
import { atLeastOne, ObjectSpec, required } from './object-spec.js';

const KILL_CHAIN_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** kill-chain-phase. Names SHOULD be lower case with hyphens (best practice 121). */
export const killChainPhase = new ObjectSpec('kill-chain-phase', {
  kill_chain_name: required(string()),
  phase_name: required(string()),
}).with((o, ctx) => {
  for (const key of ['kill_chain_name', 'phase_name'] as const) {
    const v = o[key];
    if (typeof v === 'string' && !KILL_CHAIN_NAME.test(v))
      ctx.bestPractice(121, 'STIX_FORMAT', `${key} ${JSON.stringify(v)} should be lower case with hyphens`, key);
  }
});

/** external-reference: source_name plus at least one of description, url, external_id. */
export const externalReference = new ObjectSpec('external-reference', {
  source_name: required(string()),
  description: string(),
  url: url(),
  hashes: hashes(),
  external_id: string(),
}).with(atLeastOne('description', 'url', 'external_id'), (o, ctx) => {
  if (o.url !== undefined && o.hashes === undefined)
    ctx.bestPractice(302, 'STIX_RECOMMENDED_PROPERTY', 'an external reference with a url should carry hashes of the content', 'url');
});

/**
 * network-traffic `ipfix` (2.0 Part 4 §2.12, 2.1 §6.12): IPFIX element name → integer or string;
 * names SHOULD be IANA IPFIX information element names (best practice 273).
 */
export function ipfix(): PropertyKind {
  return dictionary(
    either({ when: (x) => typeof x === 'string', kind: string() }, { when: (x) => typeof x === 'number', kind: integer() }),
    {
      keys: 'ascii',
      keyCheck: (key, ctx) => {
        if (!isIpfixElementName(key))
          ctx.bestPractice(
            273,
            'STIX_EXTERNAL_REGISTRY',
            `${JSON.stringify(key)} is not an IPFIX information element name (e.g. octetDeltaCount)`,
            key,
          );
      },
    },
  );
}
