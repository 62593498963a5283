/**
 * STIX 2.1 meta objects (§7): language-content, marking-definition, extension-definition. Rules over
 * several properties (definitions, the canonical TLP markings, self-marking, extension
 * properties) are in checks-sdo.ts.
 */

import { dictionary } from '../properties/dictionary.js';
import { ownId, ownType } from '../properties/identity.js';
import { enumeration, identifier, json, list, string, targetTypes, timestamp, vocabulary } from '../properties/kinds.js';
import { ObjectSpec, required } from '../properties/object-spec.js';
import { isLanguageTag } from '../reference/index.js';
import type { TypeDefinition } from '../registry.js';
import {
  extensionDefinitionContent,
  markingDefinitionContent,
  noSelfMarking,
  TLP_1_0,
  TLP_1_0_CREATED,
  TLP_2_0,
  TLP_2_0_EXTENSION,
  tlp1Canonical,
  tlp2Canonical,
} from './checks-sdo.js';
import { extensions, externalReference, granularMarking } from './common.js';
import { domainObject, notApplicable, RESERVED_NAMES } from './sdos.js';
import { anyObject } from './targets.js';
import { extensionTypeEnum, markingDefinitionType } from './vocab-sdo.js';

export { TLP_1_0, TLP_1_0_CREATED, TLP_2_0, TLP_2_0_EXTENSION };

// §3.1 / §7.3.2: property names are 3 to 250 characters of a-z, 0-9 and underscore.
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/**
 * §7.1: contents maps RFC 5646 language tags to dictionaries keyed by property names of the
 * target object (validator MUST language_contents). lang does not apply: the language is the key.
 */
const languageContent = domainObject('language-content', {
  lang: notApplicable('lang', 'language-content: each translation is keyed by its language tag (§7.1)'),
  object_ref: required(identifier(anyObject)),
  object_modified: timestamp(),
  contents: required(
    dictionary(
      dictionary(undefined, {
        keys: 'ascii',
        keyCheck: (key, ctx) => {
          if (!PROPERTY_NAME.test(key))
            ctx.error(
              'STIX_INVALID_DICTIONARY_KEY',
              `${JSON.stringify(key)} is not a property name of the translated object (3 to 250 of a-z, 0-9 and _)`,
              key,
            );
        },
      }),
      {
        keys: 'ascii',
        keyCheck: (key, ctx) => {
          if (!isLanguageTag(key))
            ctx.error('STIX_INVALID_LANGUAGE', `${JSON.stringify(key)} is not an RFC 5646 language tag (e.g. de, fr-CA, zh-Hans)`, key);
        },
      },
    ),
  ),
});

const notVersioned = (name: string) =>
  notApplicable(name, 'a marking-definition: marking definitions are not versioned and take no such property (§7.2.1)');

/**
 * §7.2.1: marking definitions cannot be versioned: no modified or revoked, and labels, confidence,
 * lang and defanged do not apply either. A marking is defined by definition_type and definition,
 * or by an extension (e.g. TLP 2.0).
 */
const markingDefinition = new ObjectSpec(
  'marking-definition',
  {
    type: required(ownType()),
    spec_version: required(enumeration(['2.1'])),
    id: required(ownId()),
    created_by_ref: identifier(targetTypes('identity')),
    created: required(timestamp('min-millisecond')),
    external_references: list(externalReference),
    object_marking_refs: list(identifier(targetTypes('marking-definition'))),
    granular_markings: list(granularMarking),
    extensions: extensions(),
    name: string(),
    definition_type: vocabulary('marking-definition-type', markingDefinitionType, 201),
    definition: json(), // its shape depends on definition_type: checked by markingDefinitionContent
    modified: notVersioned('modified'),
    revoked: notVersioned('revoked'),
    labels: notVersioned('labels'),
    confidence: notVersioned('confidence'),
    lang: notVersioned('lang'),
    defanged: notVersioned('defanged'),
  },
  { reserved: RESERVED_NAMES },
).with(markingDefinitionContent, tlp1Canonical, tlp2Canonical, noSelfMarking);

/**
 * §7.3: created_by_ref, name, schema, version and extension_types are required; confidence, lang,
 * defanged and extensions do not apply.
 */
const extensionDefinition = domainObject('extension-definition', {
  created_by_ref: required(identifier(targetTypes('identity'))),
  confidence: notApplicable('confidence', 'an extension-definition (§7.3)'),
  lang: notApplicable('lang', 'an extension-definition (§7.3)'),
  extensions: notApplicable('extensions', 'an extension-definition (§7.3)'),
  name: required(string()),
  description: string(),
  schema: required(string()),
  version: required(string()),
  extension_types: required(list(enumeration(extensionTypeEnum, 'extension-type-enum'))),
  extension_properties: list(
    string({
      pattern: PROPERTY_NAME,
      patternDescription: 'a property name: 3 to 250 of a-z, 0-9 and _ (§7.3.2)',
      code: 'STIX_INVALID_PROPERTY_NAME',
    }),
  ),
}).with(extensionDefinitionContent);

export const metaDefinitions: readonly TypeDefinition[] = [languageContent, markingDefinition, extensionDefinition].map(
  (spec): TypeDefinition => ({ type: spec.name, category: 'meta', spec }),
);
