/**
 * Every issue code validation reports, with what it means. Codes are stable: tools and tests
 * match on them; messages may improve.
 */
export const IssueCodes = {
  // Shape
  STIX_NOT_AN_OBJECT: 'a STIX object (JSON object) was expected',
  STIX_WRONG_JSON_TYPE: 'the value has the wrong JSON type for the property',
  STIX_MISSING_PROPERTY: 'a required property is absent',
  STIX_PROPERTY_NOT_ALLOWED: 'a property is present where the specification forbids it',
  STIX_RESERVED_PROPERTY: 'a property name is reserved by the specification and must not be used',
  STIX_AT_LEAST_ONE: 'at least one of a group of properties must be present',
  STIX_MUTUALLY_EXCLUSIVE: 'properties that must not appear together do',
  STIX_DEPENDENT_PROPERTY: 'a property is present without the property it depends on',
  STIX_EMPTY_LIST: 'lists must not be empty',
  STIX_EMPTY_DICTIONARY: 'dictionaries must not be empty (2.1)',
  STIX_EMPTY_OBJECT: 'an object must have at least one of its own properties',
  STIX_OUT_OF_RANGE: 'a number is outside its allowed range',
  STIX_NOT_IN_ENUM: 'a value is not one of the closed set the specification allows',
  STIX_INVALID_VALUE: 'a value does not satisfy the rule for its property',
  STIX_INVALID_STRING: 'a string does not have the required form',
  STIX_DUPLICATE_ITEM: 'a list that must hold distinct values holds a repeat',
  // Types and names
  STIX_UNKNOWN_TYPE: 'the object type is not defined by the specification (custom type rejected)',
  STIX_INVALID_TYPE_NAME: 'a type name breaks the naming rules',
  STIX_CUSTOM_PROPERTY: 'a property is not defined by the specification (custom property rejected)',
  STIX_INVALID_PROPERTY_NAME: 'a property name breaks the naming rules',
  STIX_INVALID_DICTIONARY_KEY: 'a dictionary key breaks the key rules',
  STIX_SPEC_VERSION: 'spec_version is missing, wrong or in the wrong place',
  // Identifiers and references
  STIX_INVALID_IDENTIFIER: 'an identifier is not of the form type--UUID',
  STIX_ID_TYPE_MISMATCH: "an identifier's type part differs from the object's type",
  STIX_UUID_VERSION: 'an identifier uses a UUID version the specification does not allow here',
  STIX_SCO_ID_MISMATCH: "an SCO's UUIDv5 id differs from the one its ID contributing properties give",
  STIX_REF_TARGET_TYPE: 'a reference points at an object type the property does not allow',
  STIX_UNRESOLVED_REF: 'a reference does not resolve inside its scope',
  STIX_DUPLICATE_OBJECT: 'two objects share an id and version',
  // Timestamps
  STIX_INVALID_TIMESTAMP: 'a timestamp is not RFC 3339 UTC or not a real date',
  STIX_TIMESTAMP_PRECISION: 'a timestamp lacks the precision the specification requires',
  STIX_TIMESTAMP_ORDER: 'two timestamps are in the wrong order',
  // Formats
  STIX_INVALID_HASH: 'a hash value does not have the form of its algorithm',
  STIX_INVALID_BINARY: 'a binary value is not base64',
  STIX_INVALID_HEX: 'a hex value is not an even number of hex digits',
  STIX_INVALID_URL: 'a URL is not a valid URL',
  STIX_INVALID_LANGUAGE: 'a language tag is not a valid RFC 5646 tag',
  STIX_INVALID_MIME_TYPE: 'a MIME type is not an IANA media type',
  STIX_INVALID_CHARSET: 'a character set is not an IANA character set name',
  STIX_INVALID_CPE: 'a CPE is not a CPE 2.3 formatted string',
  STIX_INVALID_PATTERN: 'an indicator pattern is not a valid STIX pattern (syntax or a MUST of the patterning language)',
  STIX_PATTERN_WARNING: 'an indicator pattern names unknown objects or properties, or cannot match as written',
  // Markings
  STIX_INVALID_SELECTOR: 'a granular-marking selector is malformed or does not resolve in the object',
  STIX_CIRCULAR_MARKING: 'a marking definition marks itself',
  // Best practices (warnings by default; each carries its stix2-validator number)
  STIX_CUSTOM_PREFIX: 'custom content does not follow the x-/x_ naming convention',
  STIX_VOCABULARY: 'a value is not in the open vocabulary the specification suggests',
  STIX_FORMAT: 'a value does not follow the suggested format',
  STIX_DEPRECATED: 'a deprecated property or construct is used',
  STIX_RECOMMENDED_PROPERTY: 'a recommended property is absent',
  STIX_EXTERNAL_REGISTRY: 'a value is not in the external registry the specification names',
} as const;

export type IssueCode = keyof typeof IssueCodes;
