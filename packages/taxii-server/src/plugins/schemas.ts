/** JSON schemas of the routes' params and querystrings (Fastify validates; failures are 400). */

const idString = { type: 'string', minLength: 1, maxLength: 300 } as const;

export const collectionParams = {
  type: 'object',
  required: ['collection'],
  properties: { collection: idString },
} as const;

export const objectParams = {
  type: 'object',
  required: ['collection', 'objectId'],
  properties: { collection: idString, objectId: idString },
} as const;

export const statusParams = {
  type: 'object',
  required: ['statusId'],
  properties: { statusId: idString },
} as const;

const text = { type: 'string' } as const;

/** Each parameter at most once (§3.4.1): a repeated one arrives as a list and fails `string`. */
export const filterQuery = {
  type: 'object',
  properties: {
    'match[id]': text,
    'match[type]': text,
    'match[version]': text,
    'match[spec_version]': text,
    added_after: text,
    limit: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
    next: { type: 'string', minLength: 1 },
  },
} as const;
