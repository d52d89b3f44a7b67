import type {Knex} from 'knex'

import {MigrationError} from '../../errors.js'

export interface SqliteRebuild {
  table: string
  /** The complete CREATE TABLE statement for `<table>_new`, constraints included. */
  createNew: string
  /** Columns copied from the old table, in the same order on both sides. */
  columns: string[]
  /** CREATE INDEX statements for the rebuilt table (SQLite drops indexes with their table). */
  indexes: string[]
}

/**
 * The table rebuild SQLite needs for any change its ALTER TABLE cannot make (a CHECK or foreign
 * key added or removed, a column's type or nullability): create `<table>_new`, copy every row,
 * make sure none was lost, swap the tables, recreate the indexes. Written out in SQL rather than
 * using knex's alter emulation, which reads the live schema (breaking SQL capture for --dry-run)
 * and can lose data. The engine runs it inside the revision's transaction with foreign_keys OFF
 * and checks foreign keys before committing.
 */
export async function rebuildSqliteTable(knex: Knex | Knex.Transaction, rebuild: SqliteRebuild): Promise<void> {
  const {table, columns} = rebuild
  const list = columns.join(', ')
  await knex.raw(rebuild.createNew)
  await knex.raw(`INSERT INTO ${table}_new (${list}) SELECT ${list} FROM ${table}`)
  const [before, after] = [await countRows(knex, table), await countRows(knex, `${table}_new`)]
  if (before !== after) {
    throw new MigrationError(`Rebuilding table ${table} copied ${after} of ${before} rows; nothing was changed.`)
  }

  await knex.raw(`DROP TABLE ${table}`)
  await knex.raw(`ALTER TABLE ${table}_new RENAME TO ${table}`)
  for (const sql of rebuild.indexes) await knex.raw(sql)
}

async function countRows(knex: Knex | Knex.Transaction, table: string): Promise<number> {
  const result = (await knex.raw(`SELECT count(*) AS n FROM ${table}`)) as Array<{n: number}> | undefined
  // Without a database (SQL capture for --dry-run) there is no result: count it as zero.
  return Number((Array.isArray(result) ? result[0]?.n : undefined) ?? 0)
}
