/**
 * Per-collection access (TAXII 2.1 §5.1, §5.2, §5.7; TAXII 2.0 §5.1, §5.2): the read and write
 * lists of a collection, the same for clients of both versions.
 */
import { isVisibleTo } from './collection-media.js';
import { TaxiiError } from './errors.js';
import type { TaxiiVersion } from './media-type.js';
import type { CollectionRecord, Storage } from './storage/storage.js';

export interface Permissions {
  readonly read: boolean;
  readonly write: boolean;
}

export function permissionsOf(collection: CollectionRecord, user: string): Permissions {
  return {
    read: collection.read.includes('*') || collection.read.includes(user),
    write: collection.write.includes('*') || collection.write.includes(user),
  };
}

/**
 * What an endpoint needs. A collection the user can neither read nor write does not exist for
 * them (404, the same answer as an unknown id); one they can see but not use this way is 403.
 * `read+write` is §5.7's table for DELETE.
 */
export type Need = 'see' | 'read' | 'write' | 'read+write';

export async function resolveCollection(
  storage: Storage,
  apiRoot: string,
  idOrAlias: string,
  user: string,
  need: Need,
  version: TaxiiVersion = '2.1',
): Promise<{ collection: CollectionRecord; permissions: Permissions }> {
  const found = await storage.getCollection(apiRoot, idOrAlias);
  // A collection that offers nothing a client's TAXII version carries does not exist for it either.
  const collection = found && isVisibleTo(found, version) ? found : undefined;
  const permissions = collection ? permissionsOf(collection, user) : { read: false, write: false };
  if (!collection || (!permissions.read && !permissions.write))
    throw new TaxiiError('TAXII_NOT_FOUND', `no collection ${JSON.stringify(idOrAlias)}`);
  const missing =
    (need === 'read' || need === 'read+write') && !permissions.read
      ? 'read'
      : (need === 'write' || need === 'read+write') && !permissions.write
        ? 'write'
        : undefined;
  if (missing) throw new TaxiiError('TAXII_FORBIDDEN', `you may not ${missing === 'read' ? 'read from' : 'write to'} this collection`);
  return { collection, permissions };
}
