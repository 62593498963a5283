/**
 * SQLite schema, as numbered migrations applied in order (STYLE.md). A migration is never edited
 * once released: change the schema by appending one.
 */
import type Database from 'better-sqlite3';
import { idHash } from '../id-hash.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE collections (
        api_root    TEXT NOT NULL,
        id          TEXT NOT NULL,
        title       TEXT NOT NULL,
        description TEXT,
        alias       TEXT,
        read_users  TEXT NOT NULL,  -- JSON array of usernames
        write_users TEXT NOT NULL,  -- JSON array of usernames
        media_types TEXT NOT NULL,  -- JSON array
        PRIMARY KEY (api_root, id)
      ) WITHOUT ROWID;
      -- TAXII 2.1 §5.2.1: an alias is unique per api root.
      CREATE UNIQUE INDEX collections_alias ON collections (api_root, alias) WHERE alias IS NOT NULL;

      -- One row per collection that holds objects: a small integer key (so that every objects
      -- row and index entry carries 8 bytes, not a 36-byte UUID) and the dateAdded clock:
      -- dateAdded = max(now µs, last_date_added + 1), read and written under the write lock.
      CREATE TABLE object_collections (
        ckey            INTEGER PRIMARY KEY,
        collection_id   TEXT NOT NULL UNIQUE,
        last_date_added INTEGER NOT NULL
      );

      -- One row per (collection, id, version, spec_version). The flags are maintained on every
      -- add and delete for the object id touched (O(versions of that id)):
      --   spec_latest = the latest spec_version stored for its (id, version): the default
      --                 match[spec_version] filter (TAXII 2.1 §3.4.1);
      --   is_last     = spec_latest and the greatest version of its id among spec_latest rows:
      --                 exactly the rows the DEFAULT query (match[version]=last) returns;
      --   is_first    = the same with the smallest version.
      CREATE TABLE objects (
        ckey           INTEGER NOT NULL,
        id             TEXT NOT NULL,
        type           TEXT NOT NULL,
        version        TEXT NOT NULL,     -- as received (modified/created) or formatMicros(date_added)
        version_micros INTEGER NOT NULL,  -- the version as an instant: versions compare by this
        spec_version   TEXT NOT NULL,
        date_added     INTEGER NOT NULL,  -- µs, unique and increasing per collection
        spec_latest    INTEGER NOT NULL,
        is_last        INTEGER NOT NULL,
        is_first       INTEGER NOT NULL,
        raw            TEXT NOT NULL
      );
      -- The identity of a record; serves match[id], duplicate/conflict lookup, and the per-id
      -- max/min version subqueries of first/last under an explicit match[spec_version].
      CREATE UNIQUE INDEX objects_key ON objects (ckey, id, version_micros, spec_version);
      -- Sorting and paging (TAXII 2.1 §3.3, §3.5): added_after / next are range scans here.
      CREATE UNIQUE INDEX objects_date_added ON objects (ckey, date_added);
      -- match[type] in date_added order.
      CREATE INDEX objects_type_date ON objects (ckey, type, date_added);
      -- The default query (last): partial indexes holding only is_last rows, so a page of N at
      -- any depth is an index range scan of N entries, whatever the number of older versions.
      CREATE INDEX objects_last_date ON objects (ckey, date_added) WHERE is_last = 1;
      CREATE INDEX objects_last_type_date ON objects (ckey, type, date_added) WHERE is_last = 1;

      CREATE TABLE statuses (
        id                TEXT PRIMARY KEY,
        status            TEXT NOT NULL,     -- 'pending' | 'complete'
        request_timestamp TEXT NOT NULL,
        total_count       INTEGER NOT NULL,
        owner             TEXT,
        api_root          TEXT NOT NULL,
        collection_id     TEXT NOT NULL,
        completed_micros  INTEGER            -- set when it becomes complete (expiry)
      ) WITHOUT ROWID;
      CREATE INDEX statuses_completed ON statuses (completed_micros) WHERE completed_micros IS NOT NULL;
      -- Appended per chunk (a large POST is several addObjects calls): no rewrite of a JSON blob.
      CREATE TABLE status_details (
        seq       INTEGER PRIMARY KEY,
        status_id TEXT NOT NULL,
        kind      TEXT NOT NULL,  -- 'success' | 'failure' | 'pending'
        id        TEXT NOT NULL,
        version   TEXT NOT NULL,
        message   TEXT
      );
      CREATE INDEX status_details_status ON status_details (status_id, kind, seq);
    `,
  },
  {
    version: 2,
    name: 'status details as one JSON row per part',
    // One row per (status, kind) written at once — createStatus's pendings, each addObjects
    // call's successes and failures — instead of one row per object: a POST of N objects costs a
    // few inserts, and settling pendings is no longer a DELETE per object.
    sql: `
      CREATE TABLE status_parts (
        seq       INTEGER PRIMARY KEY,
        status_id TEXT NOT NULL,
        kind      TEXT NOT NULL,  -- 'success' | 'failure' | 'pending'
        details   TEXT NOT NULL   -- JSON array of {id, version, message?}, in input order
      );
      CREATE INDEX status_parts_status ON status_parts (status_id, seq);
      INSERT INTO status_parts (status_id, kind, details)
        SELECT status_id, kind,
               json_group_array(CASE WHEN message IS NULL THEN json_object('id', id, 'version', version)
                                     ELSE json_object('id', id, 'version', version, 'message', message) END)
        FROM (SELECT * FROM status_details ORDER BY status_id, kind, seq)
        GROUP BY status_id, kind;
      DROP TABLE status_details;
    `,
  },
  {
    version: 3,
    name: 'status activity, for settling abandoned statuses',
    // updated_micros: when a write last recorded an outcome on the status (a stored chunk of a
    // large POST); NULL before the first, the request time then counts. A pending status idle for
    // long belongs to a server process that died: settleAbandonedStatuses finds it through the
    // partial index, which holds the few pending statuses only.
    sql: `
      ALTER TABLE statuses ADD COLUMN updated_micros INTEGER;
      CREATE INDEX statuses_pending ON statuses (id) WHERE status = 'pending';
    `,
  },
  {
    version: 4,
    name: 'deleted collections refuse writes',
    // deleted: set by deleteCollection when the objects of the id go (no API root holds a
    // collection with it any more). A write to the id is then refused while no collection has it
    // again: the chunks of a large POST stored after the delete must not hide objects under it.
    sql: `
      ALTER TABLE object_collections ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 5,
    name: 'objects id index on a hash of the id',
    // id_hash = idHash(id) (id-hash.ts: why). The new index replaces objects_key, whose text keys
    // cost the writer most of its time per row; it is not unique (a hash may collide), the
    // writer's duplicate / conflict check under the write lock keeps (id, version, spec_version)
    // unique as before.
    sql: `
      ALTER TABLE objects ADD COLUMN id_hash INTEGER NOT NULL DEFAULT 0;
      UPDATE objects SET id_hash = taxiway_id_hash(id);
      CREATE INDEX objects_id ON objects (ckey, id_hash, version_micros);
      DROP INDEX objects_key;
    `,
  },
  {
    version: 6,
    name: 'objects id lookups in memory',
    // The id index goes (id-rows.ts: why): each connection keeps id_hash → rowid in memory,
    // filled from this covering index, which rows enter in date_added order (its last leaf
    // only). It replaces objects_date_added for paging as well; (ckey, date_added) stays unique by
    // the writer's clock (dateAdded = max(now, last + 1) under the write lock) without an index
    // checking it.
    sql: `
      CREATE INDEX objects_added_hash ON objects (ckey, date_added, id_hash);
      DROP INDEX objects_id;
      DROP INDEX objects_date_added;
    `,
  },
];

/** Applies the migrations not yet recorded in schema_migrations, each in its own transaction. */
export function migrate(db: Database.Database): void {
  // For migration 5's backfill.
  db.function('taxiway_id_hash', { deterministic: true }, (id: unknown) => idHash(String(id)));
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => (row as { version: number }).version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    // IMMEDIATE: two processes opening a fresh file at once must not both apply a migration.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (again) return;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}
