/**
 * STIX 2.1 common properties and embedded types (§2, §3.2, §7.2, §7.3). The SDO, SRO, SCO and
 * meta specifications are built from these.
 */

import { externalReference, killChainPhase } from '../properties/embedded.js';
import { ownId, ownType } from '../properties/identity.js';
import {
  boolean,
  enumeration,
  identifier,
  integer,
  json,
  list,
  type PropertyKind,
  string,
  targetTypes,
  timestamp,
} from '../properties/kinds.js';
import { exactlyOne, ObjectSpec, type PropertyMap, required, timestampOrder } from '../properties/object-spec.js';
import { isLanguageTag } from '../reference/languages.js';
import { describeValue, type ValidationContext } from '../validation/context.js';

export { checkGranularSelectors } from '../validation/granular-selectors.js';
export { externalReference, killChainPhase };

/** `lang` (§3.2, MUST "language"): an RFC 5646 language tag. */
export function languageTag(): PropertyKind {
  return string({
    code: 'STIX_INVALID_LANGUAGE',
    test: (v) => (isLanguageTag(v) ? undefined : `${JSON.stringify(v)} is not an RFC 5646 language tag (e.g. en, en-US, zh-Hans)`),
  });
}

/** granular-marking (§7.2.3): selectors plus exactly one of marking_ref and lang. */
export const granularMarking = new ObjectSpec('granular-marking', {
  lang: languageTag(),
  marking_ref: identifier(targetTypes('marking-definition')),
  selectors: required(list(string())),
}).with(exactlyOne('marking_ref', 'lang'));

export const EXTENSION_TYPES = ['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'] as const;

/** The content of an extension keyed by an extension-definition id (§7.3). */
const definedExtension = new ObjectSpec(
  'extension',
  { extension_type: enumeration(EXTENSION_TYPES, 'extension-type-enum') },
  // The extension's own properties are defined by its extension-definition's schema, which we
  // do not fetch: accept any well-formed name, without the custom-property advice (101/102).
  { unknownProperties: 'defined' },
);

const EXTENSION_DEFINITION_ID = /^extension-definition--/;

/**
 * `extensions` (§3.2, §7.3): keys are extension-definition ids or, on SCOs, the predefined
 * extension names; custom `x-…-ext` names are the deprecated 2.0-style mechanism (401).
 */
export function extensions(predefined: Readonly<Record<string, ObjectSpec>> = {}): PropertyKind {
  const predefinedNames = Object.keys(predefined);
  const idKind = identifier(targetTypes('extension-definition'));
  return {
    shape: { kind: 'dictionary', entries: predefined },
    description: 'an extensions dictionary',
    check(value, ctx) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        ctx.error('STIX_WRONG_JSON_TYPE', `expected extensions (a JSON object keyed by extension), found ${describeValue(value)}`);
        return;
      }
      const dict = value as Record<string, unknown>;
      let count = 0;
      for (const key in dict) {
        count++;
        const content = dict[key];
        ctx.path.push(key);
        if (EXTENSION_DEFINITION_ID.test(key)) {
          // The key itself must be a well-formed extension-definition identifier.
          idKind.check(key, ctx);
          checkExtensionContent(content, ctx);
        } else if (Object.hasOwn(predefined, key)) {
          predefined[key].check(content, ctx);
        } else if (/^x-[a-z0-9-]+-ext$|^x-[a-z0-9-]+$/.test(key)) {
          ctx.bestPractice(
            401,
            'STIX_DEPRECATED',
            `custom extension ${key} should be defined with an extension-definition (STIX 2.1 §7.3)`,
          );
          if (content === null || typeof content !== 'object' || Array.isArray(content))
            ctx.error('STIX_WRONG_JSON_TYPE', `expected the extension's content as a JSON object, found ${describeValue(content)}`);
        } else if (ctx.options.customProperties !== 'allow') {
          ctx.error(
            'STIX_INVALID_DICTIONARY_KEY',
            `${JSON.stringify(key)} is not an extension: expected an extension-definition id${
              predefinedNames.length ? `, one of ${predefinedNames.join(', ')}` : ''
            } or a custom x-…-ext name`,
          );
        }
        ctx.path.pop();
      }
      if (count === 0) ctx.error('STIX_EMPTY_DICTIONARY', 'extensions is empty: it must hold at least one extension');
    },
  };
}

function checkExtensionContent(content: unknown, ctx: ValidationContext): void {
  definedExtension.check(content, ctx);
}

/**
 * The top-level property names that a `toplevel-property-extension` of this object may add. When
 * the object names such an extension, unknown top-level properties are the extension's, not
 * custom properties (§7.3); with its definition in the input we know exactly which.
 */
export function toplevelExtensionProperties(
  object: Readonly<Record<string, unknown>>,
  definitions: ReadonlyMap<string, readonly string[] | undefined>,
): ReadonlySet<string> | undefined {
  const ext = object.extensions;
  if (ext === null || typeof ext !== 'object' || Array.isArray(ext)) return undefined;
  let names: Set<string> | undefined;
  for (const [key, content] of Object.entries(ext as Record<string, unknown>)) {
    if ((content as { extension_type?: unknown } | null)?.extension_type !== 'toplevel-property-extension') continue;
    names ??= new Set();
    const declared = definitions.get(key);
    // Definition not at hand: accept any name that follows the naming rules.
    if (declared === undefined) return ANY_PROPERTY;
    for (const n of declared) names.add(n);
  }
  return names;
}

/** Every name: for objects whose properties an extension we cannot see defines. */
export const ANY_PROPERTY: ReadonlySet<string> = new (class extends Set<string> {
  override has(): boolean {
    return true;
  }
})();

/** Properties common to SDOs and SROs (§3.2). */
export const sdoCommon: PropertyMap = {
  type: required(ownType()),
  spec_version: required(enumeration(['2.1'])),
  id: required(ownId()),
  created_by_ref: identifier(targetTypes('identity')),
  created: required(timestamp('min-millisecond')),
  modified: required(timestamp('min-millisecond')),
  revoked: boolean(),
  labels: list(string()),
  confidence: integer({ min: 0, max: 100 }),
  lang: languageTag(),
  external_references: list(externalReference),
  object_marking_refs: list(identifier(targetTypes('marking-definition'))),
  granular_markings: list(granularMarking),
  extensions: extensions(),
};

/** Builds an SDO or SRO specification: the common properties plus the type's own. */
export function sdo(type: string, properties: PropertyMap, options?: { reserved?: readonly string[] }): ObjectSpec {
  return new ObjectSpec(type, { ...sdoCommon, ...properties }, { reserved: options?.reserved }).with(
    timestampOrder('modified', 'created', true),
  );
}

/** Properties common to SCOs (§3.2, §6). */
export const scoCommon: PropertyMap = {
  type: required(ownType()),
  spec_version: enumeration(['2.1']),
  id: required(ownId()),
  object_marking_refs: list(identifier(targetTypes('marking-definition'))),
  granular_markings: list(granularMarking),
  defanged: boolean(),
};

/** Builds an SCO specification with its predefined extensions. */
export function sco(type: string, properties: PropertyMap, predefinedExtensions: Readonly<Record<string, ObjectSpec>> = {}): ObjectSpec {
  return new ObjectSpec(type, { ...scoCommon, extensions: extensions(predefinedExtensions), ...properties });
}

/** A custom object shaped like an SDO: the common properties; everything else is custom. */
export const customObject = new ObjectSpec('custom object', sdoCommon).with(timestampOrder('modified', 'created', true));
/** A custom SCO: the SCO common properties. */
export const customObservable = new ObjectSpec('custom observable', { ...scoCommon, extensions: extensions() });

/** bundle (§8): not a STIX object; no spec_version in 2.1. */
export const bundle = new ObjectSpec('bundle', {
  type: required(enumeration(['bundle'])),
  id: required(ownId()),
  objects: json(), // each object is validated on its own, with its own path
  spec_version: json(), // reported by the rule below, with a clearer message than "custom property"
}).with((o, ctx) => {
  if (o.spec_version !== undefined)
    ctx.error(
      'STIX_SPEC_VERSION',
      'a STIX 2.1 bundle has no spec_version (it was a STIX 2.0 bundle property); each object carries its own',
      'spec_version',
    );
  if (o.objects !== undefined && (!Array.isArray(o.objects) || o.objects.length === 0))
    ctx.error(
      Array.isArray(o.objects) ? 'STIX_EMPTY_LIST' : 'STIX_WRONG_JSON_TYPE',
      'objects must be a non-empty list of STIX objects',
      'objects',
    );
});
