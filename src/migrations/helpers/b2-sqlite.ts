import {SQLITE_NOW, SQLITE_UUID} from './prefect-sql.js'

/** The id, created and updated columns every Prefect table starts with, as Prefect declares them on SQLite. */
export const SQLITE_BASE_COLUMNS = [
  `id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID}`,
  `created DATETIME NOT NULL DEFAULT ${SQLITE_NOW}`,
  `updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW}`,
].join(',\n  ')
