import {SQLITE_NOW, SQLITE_UUID} from './prefect-sql.js'

/*
 * The three columns every Prefect table starts with (id, created, updated), as column
 * definitions for a CREATE TABLE, joined by `,\n  `. Frozen: released revisions depend on this text.
 */

/** SQLite: `id CHAR(36)` with Prefect's random-UUID default, `created`/`updated` DATETIME now. */
export const SQLITE_BASE_COLUMNS = [
  `id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID}`,
  `created DATETIME NOT NULL DEFAULT ${SQLITE_NOW}`,
  `updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW}`,
].join(',\n  ')

/** PostgreSQL: `id UUID` defaulting to gen_random_uuid(), `created`/`updated` timestamptz now. */
export const PG_BASE_COLUMNS = [
  'id UUID NOT NULL DEFAULT gen_random_uuid()',
  'created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP',
  'updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP',
].join(',\n  ')
