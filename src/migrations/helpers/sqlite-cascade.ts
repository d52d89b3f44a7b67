import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {sql, selectRows} from './prefect-sql.js'

/*
 * Revisions run on SQLite with foreign keys off (as Prefect's do), so deleting a row does not
 * apply its dependents' ON DELETE rules. Prefect's data migrations that delete rows leave such
 * dependents behind on SQLite, where our engine refuses to commit foreign key violations; on
 * PostgreSQL the rules apply. This applies them on SQLite after such a delete, the way
 * PostgreSQL does: CASCADE deletes the dependent row (and so on down), SET NULL clears the key.
 */

interface Violation {
  table: string
  rowid: number | null
  parent: string
  fkid: number
}

interface ForeignKey {
  id: number
  seq: number
  table: string
  from: string
  on_delete: string
}

const CHUNK = 500

export async function applySqliteDeleteRules(context: MigrationContext): Promise<void> {
  for (let round = 0; ; round++) {
    const violations = await selectRows<Violation>(context, 'PRAGMA foreign_key_check')
    if (violations.length === 0) return
    if (round > 100) throw new MigrationError('Applying ON DELETE rules did not settle after 100 rounds.')
    const keys = new Map<string, ForeignKey[]>()
    const work = new Map<string, number[]>()
    for (const violation of violations) {
      if (violation.rowid === null) {
        throw new MigrationError(`A row of ${violation.table} refers to a missing ${violation.parent} row and has no rowid.`)
      }

      if (!keys.has(violation.table)) {
        keys.set(violation.table, await selectRows<ForeignKey>(context, `PRAGMA foreign_key_list(${quote(violation.table)})`))
      }

      const columns = keys.get(violation.table)!.filter((fk) => fk.id === violation.fkid).sort((a, b) => a.seq - b.seq)
      const action = columns[0]?.on_delete.toUpperCase()
      let statement: string
      if (action === 'CASCADE') statement = `DELETE FROM ${quote(violation.table)}`
      else if (action === 'SET NULL') statement = `UPDATE ${quote(violation.table)} SET ${columns.map((fk) => `${quote(fk.from)} = NULL`).join(', ')}`
      else {
        throw new MigrationError(
          `A row of ${violation.table} refers to a deleted ${violation.parent} row and its foreign key has no ON DELETE CASCADE or SET NULL (${action ?? 'unknown'}).`,
        )
      }

      const list = work.get(statement) ?? []
      list.push(violation.rowid)
      work.set(statement, list)
    }

    for (const [statement, rowids] of work) {
      for (let i = 0; i < rowids.length; i += CHUNK) {
        await sql(context, `${statement} WHERE rowid IN (${rowids.slice(i, i + CHUNK).map(Number).join(', ')})`)
      }
    }
  }
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
