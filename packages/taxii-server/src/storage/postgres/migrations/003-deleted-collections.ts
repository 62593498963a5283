/**
 * 003: deleted collections refuse writes (Storage.addObjects).
 *
 * deleted: set by deleteCollection when the objects of the id go (no API root holds a collection
 * with it any more). A write to the id is then refused while no collection has it again: the
 * chunks of a large POST stored after the delete must not hide objects under it. A constant
 * default: no table rewrite.
 */
export const sql = `
ALTER TABLE collection_clock ADD COLUMN deleted boolean NOT NULL DEFAULT false;
`;
