/**
 * 001: collections, objects, statuses.
 *
 * objects holds one row per stored (id, version, spec_version) of a collection:
 *  - PRIMARY KEY (collection_id, date_added): date_added is unique per collection (storage.ts)
 *    and is the order of every page, so the primary key is also the paging index.
 *  - is_last / is_first / is_spec_latest are maintained by the writer (under the collection
 *    lock, see postgres-storage.ts) so that the default query (match[version]=last, latest
 *    spec_version) is a range scan of a partial index, with no per-id aggregation at read time.
 *  - version_micros is the version as an instant (versions compare as instants, not strings).
 *  - content_hash (SHA-256 of raw) decides duplicate vs conflict without reading raw back.
 */
export const sql = `
CREATE TABLE collections (
  api_root    text   NOT NULL,
  id          text   NOT NULL,
  title       text   NOT NULL,
  description text,
  alias       text,
  can_read    text[] NOT NULL,
  can_write   text[] NOT NULL,
  media_types text[] NOT NULL,
  PRIMARY KEY (api_root, id)
);
CREATE UNIQUE INDEX collections_alias ON collections (api_root, alias) WHERE alias IS NOT NULL;

-- One row per collection that has received objects: the per-collection writer lock and the last
-- dateAdded handed out (see "commit order" in postgres-storage.ts).
CREATE TABLE collection_clock (
  collection_id   text   PRIMARY KEY,
  last_date_added bigint NOT NULL
);

CREATE TABLE objects (
  collection_id  text    NOT NULL,
  date_added     bigint  NOT NULL,
  id             text    NOT NULL,
  type           text    NOT NULL,
  version        text    NOT NULL,
  version_micros bigint  NOT NULL,
  versioned      boolean NOT NULL,
  spec_version   text    NOT NULL,
  is_last        boolean NOT NULL,
  is_first       boolean NOT NULL,
  is_spec_latest boolean NOT NULL,
  content_hash   bytea   NOT NULL,
  raw            text    NOT NULL,
  PRIMARY KEY (collection_id, date_added)
);
-- Identity of a version, duplicate/conflict detection, per-id lookups (Get an Object, versions).
CREATE UNIQUE INDEX objects_version ON objects (collection_id, id, version_micros, spec_version);
-- The default page: match[version]=last, default spec_version, optional added_after / next.
CREATE INDEX objects_last ON objects (collection_id, date_added) WHERE is_last;
-- match[type] pages: default selection, and any other selection.
CREATE INDEX objects_type_last ON objects (collection_id, type, date_added) WHERE is_last;
CREATE INDEX objects_type ON objects (collection_id, type, date_added);

CREATE TABLE statuses (
  id                text    PRIMARY KEY,
  status            text    NOT NULL CHECK (status IN ('pending', 'complete')),
  request_timestamp text    NOT NULL,
  total_count       integer NOT NULL,
  successes         jsonb   NOT NULL,
  failures          jsonb   NOT NULL,
  pendings          jsonb   NOT NULL,
  owner             text,
  api_root          text    NOT NULL,
  collection_id     text    NOT NULL,
  -- µs since the epoch when the status became complete (expireStatuses).
  completed_at      bigint
);
CREATE INDEX statuses_completed ON statuses (completed_at) WHERE completed_at IS NOT NULL;
`;
