/**
 * STIX 2.1 meta objects (§7): marking-definition, language-content, extension-definition.
 */

import { dictionary } from '../properties/dictionary.js';
import { ownId, ownType } from '../properties/identity.js';
import { enumeration, identifier, json, list, string, targetTypes, timestamp } from '../properties/kinds.js';
import { ObjectSpec, required } from '../properties/object-spec.js';
import { isLanguageTag } from '../reference/index.js';
import type { TypeDefinition } from '../registry.js';
import type { ValidationContext } from '../validation/context.js';
import { describeValue } from '../validation/context.js';
import { extensions, externalReference, granularMarking, sdo, sdoCommon } from './common.js';
import { anyObject } from './targets.js';
import { extensionTypeEnum } from './vocab-sdo.js';

/** The TLP 1.0 marking definitions (§7.2.1.4): fixed ids and content. */
export const TLP_1_0: Readonly<Record<string, { readonly tlp: string; readonly name: string }>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': { tlp: 'white', name: 'TLP:WHITE' },
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': { tlp: 'green', name: 'TLP:GREEN' },
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': { tlp: 'amber', name: 'TLP:AMBER' },
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': { tlp: 'red', name: 'TLP:RED' },
};
const TLP_1_0_CREATED = '2017-01-20T00:00:00.000Z';

/** The OASIS TLP 2.0 extension definition (cti-stix-common-objects) and its five markings. */
export const TLP_2_0_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP_2_0: Readonly<Record<string, string>> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};

const statementDefinition = new ObjectSpec('statement marking', { statement: required(string()) }, { unknownProperties: 'forbid' });
const tlpDefinition = new ObjectSpec(
  'tlp marking',
  { tlp: required(enumeration(['white', 'green', 'amber', 'red'])) },
  { unknownProperties: 'forbid' },
);

function checkDefinition(o: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const type = o.definition_type;
  const hasExtension =
    typeof o.extensions === 'object' &&
    o.extensions !== null &&
    Object.keys(o.extensions).some((k) => k.startsWith('extension-definition--'));
  if (type === undefined && o.definition === undefined) {
    // §7.2.1 / TLP 2.0: a marking may be defined by an extension instead.
    if (!hasExtension)
      ctx.error(
        'STIX_AT_LEAST_ONE',
        'a marking-definition needs definition_type and definition, or an extension that defines the marking',
        'definition_type',
      );
    return;
  }
  if (type === undefined)
    return ctx.error('STIX_DEPENDENT_PROPERTY', 'definition is present, so definition_type is required too', 'definition_type');
  if (o.definition === undefined)
    return ctx.error('STIX_DEPENDENT_PROPERTY', 'definition_type is present, so definition is required too', 'definition');
  ctx.path.push('definition');
  if (type === 'statement') statementDefinition.check(o.definition, ctx);
  else if (type === 'tlp') tlpDefinition.check(o.definition, ctx);
  else {
    if (o.definition === null || typeof o.definition !== 'object' || Array.isArray(o.definition))
      ctx.error('STIX_WRONG_JSON_TYPE', `expected the definition as a JSON object, found ${describeValue(o.definition)}`);
    ctx.path.pop();
    ctx.bestPractice(201, 'STIX_VOCABULARY', `definition_type ${describeValue(type)} is neither statement nor tlp`, 'definition_type');
    return;
  }
  ctx.path.pop();
}

/** TLP markings must be the canonical objects (§7.2.1.4); TLP 2.0 ones must carry their level. */
function checkTlp(o: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const id = o.id as string;
  const canonical = TLP_1_0[id];
  if (o.definition_type === 'tlp') {
    const level = (o.definition as { tlp?: unknown } | undefined)?.tlp;
    if (!canonical) {
      ctx.error(
        'STIX_INVALID_VALUE',
        `a TLP marking must use the fixed id of TLP:${String(level).toUpperCase()} from the specification (§7.2.1.4), not ${id}`,
        'id',
      );
      return;
    }
    if (level !== canonical.tlp)
      ctx.error(
        'STIX_INVALID_VALUE',
        `${id} is TLP:${canonical.tlp.toUpperCase()}; its definition must be {"tlp": "${canonical.tlp}"}`,
        'definition',
      );
    if (o.created !== TLP_1_0_CREATED) ctx.error('STIX_INVALID_VALUE', `${canonical.name} must have created ${TLP_1_0_CREATED}`, 'created');
    if (o.name !== undefined && o.name !== canonical.name) ctx.error('STIX_INVALID_VALUE', `${id} must be named ${canonical.name}`, 'name');
  } else if (canonical && o.definition_type !== undefined) {
    ctx.error('STIX_INVALID_VALUE', `${id} is reserved for ${canonical.name}; its definition_type must be tlp`, 'definition_type');
  }
  const tlp2 = TLP_2_0[id];
  const ext = (o.extensions as Record<string, { tlp_2_0?: unknown }> | undefined)?.[TLP_2_0_EXTENSION];
  if (ext !== undefined && ext !== null && typeof ext === 'object') {
    const level = ext.tlp_2_0;
    if (!['clear', 'green', 'amber', 'amber+strict', 'red'].includes(level as string))
      ctx.at('extensions', () =>
        ctx.error(
          'STIX_NOT_IN_ENUM',
          `tlp_2_0 must be one of clear, green, amber, amber+strict, red; found ${describeValue(level)}`,
          TLP_2_0_EXTENSION,
        ),
      );
    else if (tlp2 === undefined || tlp2 !== level)
      ctx.error(
        'STIX_INVALID_VALUE',
        `a TLP 2.0 ${String(level).toUpperCase()} marking must use its fixed id from the OASIS TLP 2.0 extension`,
        'id',
      );
  }
}

/** A marking-definition must not mark itself (validator MUSTs object_marking_circular_refs, granular_markings_circular_refs). */
export function checkSelfMarking(o: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const id = o.id;
  if (typeof id !== 'string') return;
  const refs = o.object_marking_refs;
  if (Array.isArray(refs))
    refs.forEach((ref, i) => {
      if (ref === id)
        ctx.at('object_marking_refs', () => ctx.error('STIX_CIRCULAR_MARKING', 'a marking-definition must not mark itself', i));
    });
  const granular = o.granular_markings;
  if (Array.isArray(granular))
    granular.forEach((g, i) => {
      if ((g as { marking_ref?: unknown } | null)?.marking_ref === id)
        ctx.at('granular_markings', () =>
          ctx.at(i, () => ctx.error('STIX_CIRCULAR_MARKING', 'a marking-definition must not mark itself', 'marking_ref')),
        );
    });
}

/** §7.2.1: not versioned — no modified, revoked, labels, confidence or lang. */
const markingDefinition = new ObjectSpec('marking-definition', {
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
  definition_type: string(),
  definition: json(),
}).with(checkDefinition, checkTlp, checkSelfMarking);

const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/** §7.1: contents maps RFC 5646 tags to translated property values (validator MUST language_contents). */
const languageContent = sdo('language-content', {
  object_ref: required(identifier(anyObject)),
  object_modified: timestamp(),
  contents: required(
    dictionary(
      dictionary(undefined, {
        keys: 'ascii',
        keyCheck: (key, ctx) => {
          if (!PROPERTY_NAME.test(key))
            ctx.error('STIX_INVALID_DICTIONARY_KEY', `${JSON.stringify(key)} is not a property name (3–250 of a-z, 0-9, _)`, key);
        },
      }),
      {
        keys: 'ascii',
        keyCheck: (key, ctx) => {
          if (!isLanguageTag(key)) ctx.error('STIX_INVALID_LANGUAGE', `${JSON.stringify(key)} is not an RFC 5646 language tag`, key);
        },
      },
    ),
  ),
});

/** §7.3: created_by_ref, name, schema, version and extension_types are required. */
const extensionDefinition = sdo('extension-definition', {
  created_by_ref: required(sdoCommon.created_by_ref as ReturnType<typeof identifier>),
  name: required(string()),
  description: string(),
  schema: required(string()),
  version: required(string()),
  extension_types: required(list(enumeration(extensionTypeEnum, 'extension-type-enum'), { unique: true })),
  extension_properties: list(string()),
}).with((o, ctx) => {
  const types = Array.isArray(o.extension_types) ? o.extension_types : [];
  const toplevel = types.includes('toplevel-property-extension');
  if (o.extension_properties !== undefined && !toplevel)
    ctx.error(
      'STIX_PROPERTY_NOT_ALLOWED',
      'extension_properties is only allowed when extension_types holds toplevel-property-extension',
      'extension_properties',
    );
  if (toplevel && o.extension_properties === undefined)
    ctx.bestPractice(
      306,
      'STIX_RECOMMENDED_PROPERTY',
      'a toplevel-property-extension should list its properties in extension_properties',
      'extension_types',
    );
  if (o.description === undefined) ctx.bestPractice(305, 'STIX_RECOMMENDED_PROPERTY', 'an extension-definition should have a description');
});

export const metaDefinitions: readonly TypeDefinition[] = [markingDefinition, languageContent, extensionDefinition].map((spec) => ({
  type: spec.name,
  category: 'meta',
  spec,
}));
