import type {Knex} from 'knex'

import {sendStatements} from '../../db/raw-statements.js'
import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'

/*
 * Building blocks for the ports of Prefect's revisions. Released revisions depend on exactly what
 * these emit: to change one, add a new helper instead.
 */

/** Prefect's SQLite default for UUID primary keys (a random version-4 UUID as text). */
export const SQLITE_UUID =
  "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || " +
  "substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"

/** Prefect's SQLite default for timestamps: now in UTC with microseconds' digits. */
export const SQLITE_NOW = "(strftime('%Y-%m-%d %H:%M:%f000', 'now'))"

/**
 * Run finished DDL/DML statements in order, in one call to the driver (one round trip on
 * PostgreSQL, one exec on SQLite). No parameters: a `?` in them is SQL.
 */
export async function sql({knex, dialect}: MigrationContext, ...statements: string[]): Promise<void> {
  await sendStatements(knex, dialect, statements)
}

/** Rows of a SELECT on either dialect (knex.raw returns an array on SQLite, {rows} on pg). */
export async function selectRows<T = Record<string, unknown>>(
  {knex}: MigrationContext,
  query: string,
  bindings: readonly Knex.RawBinding[] = [],
): Promise<T[]> {
  const result = (await knex.raw(query, bindings as Knex.RawBinding[])) as T[] | {rows: T[]} | undefined
  if (result === undefined) return []
  return Array.isArray(result) ? result : result.rows
}

/**
 * Stop a revision before it changes anything when rows stand in its way: `countQuery` selects
 * one row with a column `n`; a count above zero fails with `message` (the count is added).
 */
export async function refuseIfRows(context: MigrationContext, countQuery: string, message: string, hint?: string): Promise<void> {
  const [row] = await selectRows<{n: number | string}>(context, countQuery)
  const n = Number(row?.n ?? 0)
  if (n > 0) throw new MigrationError(`${message} (${n} row${n === 1 ? '' : 's'}).`, hint)
}
